"""What counting downloads costs: file and simple-page req/s (wrk) of the release build with
download statistics on and off (same data, same machine, one after the other), and the ingest
rate of `cheeseshop stats ingest` (lines/s) over a generated log of real-looking lines: nginx's
combined format with pip's and uv's JSON User-Agents, and Fastly's linehaul format.

    python3 scripts/bench-stats.py --cheeseshop .build/release/cheeseshop --work .work/bench-stats \
        --corpus .work/corpus [--seconds 10] [--lines 1000000]
"""
import argparse
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

REPORT = Reporter("bench-stats")
WHEELS = ["blinker-1.9.0-py3-none-any.whl", "certifi-2024.8.30-py3-none-any.whl", "attrs-24.2.0-py3-none-any.whl"]
PIP_UA = ('pip/24.0 {"ci":null,"cpu":"x86_64","implementation":{"name":"CPython","version":"3.12.1"},'
          '"installer":{"name":"pip","version":"24.0"},"python":"3.12.1","system":{"name":"Linux","release":"6.1"}}')


def wrk(url, seconds):
    result = subprocess.run(["wrk", "-t1", "-c32", f"-d{seconds}s", "-H", f"User-Agent: {PIP_UA}", url],
                            capture_output=True, text=True)
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    total = re.search(r"(\d+) requests in", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if not match or not total or errors:
        REPORT.fail(f"wrk {url}: {result.stdout[-400:]}")
    return float(match.group(1)), int(total.group(1))


def agents():
    """pip and uv agents of a few Pythons and systems, as real ones send them."""
    out = []
    for installer, version in (("pip", "24.0"), ("pip", "23.3.1"), ("uv", "0.5.1")):
        for python in ("3.9.18", "3.11.7", "3.12.1", "3.13.0"):
            for system, cpu in (("Linux", "x86_64"), ("Darwin", "arm64"), ("Windows", "AMD64")):
                body = {"ci": None, "cpu": cpu, "implementation": {"name": "CPython", "version": python},
                        "installer": {"name": installer, "version": version}, "python": python,
                        "system": {"name": system, "release": "1"}}
                out.append(f"{installer}/{version} {json.dumps(body, separators=(',', ':'))}")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = work / "data"
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "bench", "--email", "bench@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "bench")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    results, paths = {}, []
    for mode in ("--no-stats", "--stats"):
        server = subprocess.Popen([args.cheeseshop, "serve", "--port", str(port), "--data", str(data), mode,
                                   "--no-access-log"], stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
        try:
            e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
            if not paths:
                for wheel in WHEELS:
                    status, message = e2ekit.corpus_upload(base, token, Path(args.corpus) / wheel)
                    REPORT.check(status == 200, f"uploaded {wheel}: {message[:60]}")
                    page = json.loads(get(f"{base}/simple/{wheel.split('-')[0]}/",
                                          "application/vnd.pypi.simple.v1+json")[2])
                    paths.append(next(f["url"] for f in page["files"] if f["filename"] == wheel))
            file_rate, file_requests = wrk(f"{base}{paths[0]}", args.seconds)
            page_rate, page_requests = wrk(f"{base}/simple/blinker/", args.seconds)
            results[mode] = (file_rate, page_rate)
            print(f"  {mode}: file {file_rate:,.0f} req/s, simple page {page_rate:,.0f} req/s", flush=True)
        finally:
            e2ekit.stop_all([server])
    # Every request of the --stats run was counted (written at the graceful stop at the latest):
    # wrk's total leaves out the requests in flight on its 32 connections when it stops.
    with sqlite3.connect(data / "index.sqlite") as db:
        counted = dict(db.execute("SELECT kind, sum(count) FROM download_statistics GROUP BY kind").fetchall())
    REPORT.check(0 <= counted.get(0, 0) - file_requests <= 32 and 0 <= counted.get(1, 0) - page_requests <= 32,
                 f"every request wrk made was counted: {counted.get(0):,} file downloads ({file_requests:,} completed "
                 f"by wrk), {counted.get(1):,} page requests ({page_requests:,})")
    off, on = results["--no-stats"], results["--stats"]
    print("\n| | statistics off | statistics on | on / off |\n|---|---|---|---|")
    print(f"| file req/s | {off[0]:,.0f} | {on[0]:,.0f} | {on[0] / off[0]:.2f} |")
    print(f"| simple page req/s | {off[1]:,.0f} | {on[1]:,.0f} | {on[1] / off[1]:.2f} |")

    # Ingest: a combined log and a linehaul log of args.lines lines each.
    rng = random.Random(19)
    uas = agents()
    combined, linehaul = work / "access.log", work / "fastly.log"
    now = time.time()
    with combined.open("w") as plain, linehaul.open("w") as fastly:
        for index in range(args.lines):
            moment = now - rng.random() * 30 * 86400
            ua = rng.choice(uas)
            path = rng.choice(paths) if rng.random() < 0.8 else "/simple/blinker/"
            stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(moment))
            escaped = ua.replace('"', '\\x22')
            plain.write(f'10.0.{index % 250}.{index % 200} - - [{stamp}] "GET {path} HTTP/1.1" 200 1000 "-" "{escaped}"\n')
            name = path.rsplit("/", 1)[-1]
            if name:
                project, version = name.split("-")[:2]
                fastly.write(f"download|{formatdate(moment, usegmt=True)}|US|{path}|TLSv1.3|AES|{project}|{version}"
                             f"|bdist_wheel|{ua}\n")
            else:
                fastly.write(f"simple|{formatdate(moment, usegmt=True)}|US|{path}|TLSv1.3|AES||||{ua}\n")
    print()
    for log, fmt in ((combined, "combined"), (linehaul, "linehaul")):
        started = time.monotonic()
        output = cli("stats", "ingest", "--format", fmt, str(log))
        took = time.monotonic() - started
        print(f"| ingest {fmt} | {args.lines:,} lines | {took:.1f} s | {args.lines / took:,.0f} lines/s |")
        print(f"  {output}", flush=True)
    gz = work / "access.log.gz"
    gz.write_bytes(gzip.compress(combined.read_bytes()))
    combined.unlink()
    # The same log again, gzipped and under another name: recognised, nothing counted twice.
    output = cli("stats", "ingest", str(gz))
    print(f"  the same log gzipped, again: {output}")


if __name__ == "__main__":
    main()
