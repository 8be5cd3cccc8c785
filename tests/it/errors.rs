//! Bad input: every class of error names the file, line and column, the
//! value, the rule and the fix, and exits 2.

use crate::common::sancsr;
use predicates::prelude::*;

/// Runs `plan -` on `text`; returns stderr after asserting exit code 2 and
/// an empty stdout.
fn refused(text: &str) -> String {
    let out = sancsr()
        .args(["plan", "-"])
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout");
    String::from_utf8(out.stderr).expect("utf8")
}

#[test]
fn bare_phone_security_profile_name_exact_message() {
    let text = "features = [\"mobile-remote-access\"]\n\
                [unified_cm]\n\
                phone_security_profiles = [\"DX80SecureProfile\"]\n\
                [expressway_c]\npeers = [\"expc.example.local\"]\n";
    let stderr = refused(text);
    assert_eq!(
        stderr,
        "error: invalid name \"DX80SecureProfile\"\n \
         --> <stdin>:3:28\n  \
         |\n\
         3 | phone_security_profiles = [\"DX80SecureProfile\"]\n  \
         |                            ^^^^^^^^^^^^^^^^^^^ phone security profile name is not an FQDN\n  \
         |\n\
         note: rule: since X12.6 a Unified CM phone security profile name must be an FQDN\n\
         help: fix: rename the profile on Unified CM (Cisco Unified CM Administration > System > \
         Security > Phone Security Profile) to an FQDN such as \"DX80SecureProfile.example.com\", \
         and use that name here\n"
    );
}

/// (description, deployment text, expected fragments of stderr).
const CASES: &[(&str, &str, &[&str])] = &[
    (
        "non-ASCII name",
        "[expressway_e]\npeers = [\"expé.example.com\"]\n",
        &[
            "<stdin>:2:10",
            "invalid name \"expé.example.com\"",
            "ASCII",
            "xn--exp-dma.example.com",
        ],
    ),
    (
        "wildcard",
        "[expressway_e]\npeers = [\"expe.example.com\"]\nadditional_names = [\"*.example.com\"]\n",
        &[
            "<stdin>:3:21",
            "\"*.example.com\"",
            "wildcard certificates are not supported by Expressway",
            "fix:",
        ],
    ),
    (
        "underscore",
        "[expressway_e]\npeers = [\"exp_e.example.com\"]\n",
        &[
            "<stdin>:2:10",
            "contains '_'",
            "letters, digits and hyphens",
            "replace the underscore",
        ],
    ),
    (
        "level too long",
        "[expressway_e]\npeers = [\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com\"]\n",
        &["<stdin>:2:10", "63 characters at most"],
    ),
    (
        "unknown key",
        "[expressway_e]\npeers = [\"expe.example.com\"]\ncluster = \"x.example.com\"\n",
        &[
            "<stdin>:3:1",
            "unknown field `cluster`",
            "cluster_name",
            "fix:",
        ],
    ),
    (
        "unknown table",
        "[expressway_x]\npeers = [\"expe.example.com\"]\n",
        &[
            "<stdin>:1:2",
            "unknown field `expressway_x`",
            "expressway_e",
        ],
    ),
    (
        "wrong type",
        "features = \"mobile-remote-access\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &["<stdin>:1:12", "invalid type", "expected a list"],
    ),
    (
        "TOML syntax",
        "[expressway_e]\npeers = [\"expe.example.com\"\n",
        &["<stdin>:2:", "fix the TOML syntax"],
    ),
    (
        "unknown feature",
        "features = [\"mra\", \"jaber-guest\"]\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &[
            "<stdin>:1:13",
            "unknown feature \"mra\"",
            "<stdin>:1:20",
            "did you mean \"jabber-guest\"",
            "2 problems",
        ],
    ),
    (
        "unknown format",
        "[expressway_e]\npeers = [\"expe.example.com\"]\nregistration_domain_format = \"collabedge\"\n",
        &[
            "<stdin>:3:30",
            "unknown registration_domain_format \"collabedge\"",
            "did you mean \"collab-edge-dns\"",
        ],
    ),
    (
        "format on the wrong role",
        "[expressway_c]\npeers = [\"expc.example.local\"]\nregistration_domain_format = \"dns\"\n",
        &[
            "<stdin>:3:30",
            "has no use in [expressway_c]",
            "Expressway-E certificates only",
        ],
    ),
    (
        "misplaced traversal key",
        "[expressway_e]\npeers = [\"expe.example.com\"]\ntraversal_peer_addresses = [\"x.example.com\"]\n",
        &[
            "<stdin>:3:28",
            "move traversal_peer_addresses to [expressway_c]",
        ],
    ),
    (
        "missing peers",
        "[expressway_e]\ncluster_name = \"expe.example.com\"\n",
        &["<stdin>:1:1", "[expressway_e] lists no peers", "add peers"],
    ),
    (
        "no Expressway table",
        "features = [\"mobile-remote-access\"]\n",
        &[
            "<stdin>:1:1",
            "no [expressway_c] or [expressway_e] table",
            "sancsr init",
        ],
    ),
    (
        "several peers without a cluster name",
        "[expressway_e]\npeers = [\"e1.example.com\", \"e2.example.com\"]\n",
        &[
            "<stdin>:1:1",
            "2 peers but no cluster_name",
            "add cluster_name",
        ],
    ),
    (
        "duplicate peer",
        "[expressway_e]\ncluster_name = \"e.example.com\"\npeers = [\"e1.example.com\", \"E1.example.com\"]\n",
        &["<stdin>:3:28", "listed twice"],
    ),
    (
        "common name cluster without a cluster",
        "[expressway_e]\npeers = [\"e1.example.com\"]\ncommon_name = \"cluster\"\n",
        &[
            "<stdin>:3:15",
            "without a cluster_name",
            "common_name = \"peer\"",
        ],
    ),
    (
        "RSA size",
        "[key]\nsize = 8192\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &[
            "<stdin>:2:8",
            "invalid RSA key size 8192",
            "SIP TLS zones",
            "2048, 3072, 4096",
        ],
    ),
    (
        "ECDSA size",
        "[key]\nalgorithm = \"ecdsa\"\nsize = 2048\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &[
            "<stdin>:3:8",
            "invalid ECDSA key size 2048",
            "256, 384, 521",
        ],
    ),
    (
        "ECDSA digest mismatch",
        "[key]\nalgorithm = \"ecdsa\"\nsize = 384\ndigest = \"sha256\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &[
            "<stdin>:4:10",
            "digest sha256 does not go with an ECDSA P-384 key",
            "digest = \"sha384\"",
        ],
    ),
    (
        "unknown digest",
        "[key]\ndigest = \"sha1\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &["<stdin>:2:10", "unknown digest \"sha1\"", "\"sha256\""],
    ),
    (
        "country of three letters",
        "[subject]\ncountry = \"USA\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &["<stdin>:2:11", "invalid country \"USA\"", "two-letter"],
    ),
    (
        "bad version",
        "expressway_version = \"fifteen\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &["<stdin>:1:22", "invalid expressway_version", "X15.5"],
    ),
    (
        "subject value with a leading space (OpenSSL's config drops it)",
        "[subject]\norganization = \" Example\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n",
        &[
            "<stdin>:2:16",
            "invalid subject organization",
            "leading or trailing space",
        ],
    ),
    (
        "traversal port out of range",
        "[expressway_e]\npeers = [\"expe.example.com\"]\ntraversal_port = 70001\n",
        &[
            "<stdin>:3:18",
            "invalid traversal_port 70001",
            "1 to 65535",
            "7001 by default",
        ],
    ),
];

#[test]
fn each_error_class_has_position_rule_and_fix() {
    for (what, text, fragments) in CASES {
        let stderr = refused(text);
        for fragment in *fragments {
            assert!(
                stderr.contains(fragment),
                "{what}: {fragment:?} missing from:\n{stderr}"
            );
        }
        assert!(
            stderr.contains("rule:") || stderr.contains("note:"),
            "{what}: {stderr}"
        );
        assert!(stderr.contains("fix:"), "{what}: {stderr}");
    }
}

#[test]
fn every_bad_name_in_a_long_list_is_reported_in_one_run() {
    let profiles: Vec<String> = (0..40)
        .map(|i| {
            if i % 10 == 0 {
                format!("\"Profile{i}\"")
            } else {
                format!("\"Profile{i}.example.com\"")
            }
        })
        .collect();
    let text = format!(
        "features = [\"mobile-remote-access\"]\n[unified_cm]\nphone_security_profiles = [\n{}\n]\n\
         [expressway_c]\npeers = [\"expc.example.local\"]\n",
        profiles.join(",\n")
    );
    let stderr = refused(&text);
    for i in [0, 10, 20, 30] {
        assert!(
            stderr.contains(&format!("invalid name \"Profile{i}\"")),
            "{stderr}"
        );
    }
    assert!(stderr.contains("4 problems"), "{stderr}");
    assert!(stderr.contains("<stdin>:14:1"), "{stderr}");
}

#[test]
fn unreadable_file_exits_2_naming_it() {
    sancsr()
        .args(["plan", "/nonexistent/deployment.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "cannot read /nonexistent/deployment.toml",
        ));
}

#[test]
fn binary_garbage_exits_2_without_panic() {
    let out = sancsr()
        .args(["plan", "-"])
        .write_stdin(vec![0xff, 0xfe, 0x00, 0x80, 0x41])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_arguments_exit_2() {
    sancsr().args(["plan"]).assert().code(2);
    sancsr()
        .args(["plan", "x.toml", "--role", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value"));
    sancsr().args(["frobnicate"]).assert().code(2);
}

/// Every unknown key and wrong type of a deployment file is reported in one
/// run, in the file's order, each with its position, a did-you-mean and
/// the expected value in the file's words (#25: it took one run per
/// mistake, and said "a sequence").
#[test]
fn every_unknown_key_and_wrong_type_in_one_run() {
    let text = "features = \"mobile-remote-access\"\nbogus = 1\n\n[expressway_c]\n\
                peers = [\"expc1.example.local\"]\npeerz = [\"x\"]\ncluster_name = 5\n\n\
                [expresway_e]\npeers = [\"a.example.com\"]\n";
    let stderr = refused(text);
    let positions: Vec<usize> = [
        "<stdin>:1:12",
        "<stdin>:2:1",
        "<stdin>:6:1",
        "<stdin>:7:16",
        "<stdin>:9:2",
    ]
    .iter()
    .map(|p| {
        stderr
            .find(p)
            .unwrap_or_else(|| panic!("{p} missing:\n{stderr}"))
    })
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "in order:\n{stderr}"
    );
    assert!(stderr.contains("5 problems"), "{stderr}");
    assert!(stderr.contains("expected a list"), "{stderr}");
    assert!(!stderr.contains("a sequence"), "{stderr}");
    assert!(
        stderr.contains("`peers`") && stderr.contains("`expressway_e`"),
        "{stderr}"
    );
}

/// A name is never listed twice in one message (#25): a peer with a server
/// and a client certificate is one peer.
#[test]
fn a_peer_with_two_certificates_is_listed_once() {
    let out = sancsr()
        .arg("plan")
        .arg(crate::common::example("x15-5-public-edge.toml"))
        .args(["--peer", "nope.example.com"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("expe1.example.com").count(), 1, "{stderr}");
}

/// A bidirectional override in a deployment value is refused with its
/// position (#26): the subject check accepted U+202E and `plan` printed
/// it raw.
#[test]
fn bidi_characters_are_refused_with_their_position() {
    let text = "[subject]\norganization = \"Ex\u{202e}elpmaxe\"\n[expressway_e]\npeers = [\"expe.example.com\"]\n";
    let stderr = refused(text);
    assert!(stderr.contains("<stdin>:2:19"), "{stderr}");
    assert!(stderr.contains("U+202E"), "{stderr}");
    assert!(!stderr.contains('\u{202e}'), "{stderr}");
}
