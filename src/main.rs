//! The `sancsr` binary: all work is in the library.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(sancsr::run(std::env::args_os()))
}
