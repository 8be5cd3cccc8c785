#!/usr/bin/env python3
"""Times the whole `sancsr generate` process side by side with `openssl req
-newkey` making the same CSR (same subject, same SANs, same key kind, KU and
EKU), and prints medians and the ratio.

Usage: scripts/bench-vs-openssl.py [--runs N] [--binary target/release/sancsr]
Build first: cargo build --release. Needs the openssl binary.

Also times 8 RSA-4096 peers with all cores and pinned to one core
(taskset -c 0), to show the parallel speed-up.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SANS = [
    "expe.example.com",
    "expe1.example.com",
    "collab-edge.example.com",
    "example.com",
    "chatnode1.example.com",
    "chatnode2.example.com",
]

KINDS = {
    # name: (sancsr [key] table, openssl -newkey, runs multiplier)
    "RSA-2048": ('algorithm = "rsa"\nsize = 2048', "rsa:2048", 1.0),
    "RSA-4096": ('algorithm = "rsa"\nsize = 4096', "rsa:4096", 0.5),
    "P-256": ('algorithm = "ecdsa"\nsize = 256', "ec", 1.0),
}


def deployment(key_table, peers=("expe1.example.com",)):
    peer_list = ", ".join(f'"{p}"' for p in peers)
    return f"""features = ["mobile-remote-access", "xmpp-federation"]
[unified_cm]
registration_domains = ["example.com"]
[im_presence]
chat_node_aliases = ["chatnode1.example.com", "chatnode2.example.com"]
[xmpp_federation]
domains = ["example.com"]
[expressway_e]
cluster_name = "expe.example.com"
peers = [{peer_list}]
registration_domain_format = "collab-edge-dns"
[subject]
organization = "Example Inc"
state = "California"
country = "US"
[key]
{key_table}
"""


def timed(cmd, cwd, stdin=None):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, input=stdin, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def sancsr_once(binary, text, extra_prefix=()):
    with tempfile.TemporaryDirectory() as d:
        cmd = list(extra_prefix) + [binary, "generate", "-", "--out-dir", d]
        return timed(cmd, d, stdin=text.encode())


def openssl_once(newkey):
    with tempfile.TemporaryDirectory() as d:
        cmd = ["openssl", "req", "-new", "-nodes", "-keyout", "k.pem", "-out", "c.csr",
               "-subj", "/C=US/ST=California/O=Example Inc/CN=expe.example.com",
               "-addext", "subjectAltName=" + ",".join("DNS:" + s for s in SANS),
               "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
               "-addext", "extendedKeyUsage=serverAuth,clientAuth"]
        if newkey == "ec":
            cmd[3:3] = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        else:
            cmd[3:3] = ["-newkey", newkey]
        return timed(cmd, d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=31)
    ap.add_argument("--binary", default="target/release/sancsr")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run cargo build --release first")
    if not shutil.which("openssl"):
        sys.exit("the openssl binary is needed")

    print(f"{'key':<10} {'runs':>5} {'sancsr median':>15} {'openssl median':>15} {'ratio':>7}")
    for name, (table, newkey, mult) in KINDS.items():
        runs = max(5, int(args.runs * mult))
        text = deployment(table)
        s = [sancsr_once(binary, text) for _ in range(runs)]
        o = [openssl_once(newkey) for _ in range(runs)]
        sm, om = statistics.median(s), statistics.median(o)
        print(f"{name:<10} {runs:>5} {sm * 1000:>12.1f} ms {om * 1000:>12.1f} ms {sm / om:>6.2f}x")

    if shutil.which("taskset"):
        peers = [f"expe{i}.example.com" for i in range(1, 9)]
        text = deployment('algorithm = "rsa"\nsize = 4096', peers)
        runs = max(3, args.runs // 6)
        par = [sancsr_once(binary, text) for _ in range(runs)]
        seq = [sancsr_once(binary, text, ("taskset", "-c", "0")) for _ in range(runs)]
        pm, sm = statistics.median(par), statistics.median(seq)
        print(f"\n8 peers RSA-4096, {runs} runs: all cores ({os.cpu_count()}) {pm:.2f} s, "
              f"one core {sm:.2f} s, parallel/sequential = {pm / sm:.2f}")


if __name__ == "__main__":
    main()
