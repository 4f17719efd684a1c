"""What serving pages in the reader's language costs: project-page req/s (wrk, release build)
asked in English (no header), in German (`Accept-Language: de`), through a long browser-style
header that negotiates to French, and through the language picker's cookie (Japanese), each
checked first to come back in its language; the PEP 503 simple page beside them, whose path the
localization does not touch. Same server, same data (Flask's real releases from the corpus).

    python3 scripts/bench-languages.py --cheeseshop .build/release/cheeseshop --work .work/bench-languages \
        --corpus .work/corpus [--seconds 10]
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port  # noqa: E402

REPORT = Reporter("bench-languages")
CASES = [
    ("English (no Accept-Language)", "/project/flask/", {}, "en"),
    ("German (Accept-Language: de)", "/project/flask/", {"Accept-Language": "de"}, "de"),
    ("French (a browser's long header)", "/project/flask/",
     {"Accept-Language": "fr-CH, fr;q=0.9, en-US;q=0.8, en;q=0.7, de;q=0.6, *;q=0.5"}, "fr"),
    ("Japanese (the picker's cookie)", "/project/flask/", {"Cookie": "cheeseshop_lang=ja"}, "ja"),
    ("simple page (not localized)", "/simple/flask/", {"Accept-Language": "de"}, None),
]


def wrk(url, headers, seconds):
    command = ["wrk", "-t1", "-c32", f"-d{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run(command + [url], capture_output=True, text=True)
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    if not match or "Non-2xx" in result.stdout:
        REPORT.fail(f"wrk {url}: {result.stdout[-400:]}")
    return float(match.group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--seconds", type=int, default=10)
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
    server = subprocess.Popen([args.cheeseshop, "serve", "--port", str(port), "--data", str(data), "--no-stats",
                               "--no-access-log"], stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
    rows = []
    try:
        e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
        for path in sorted(p for p in Path(args.corpus).iterdir() if p.name.lower().startswith("flask-")):
            status, message = e2ekit.corpus_upload(base, token, path)
            REPORT.check(status == 200, f"uploaded {path.name}: {message[:60]}")
        for name, path, headers, language in CASES:
            with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers)) as response:
                body = response.read().decode()
            if language:
                REPORT.check(f'<html lang="{language}"' in body, f"{name}: the page comes back in {language}")
            rate = wrk(base + path, headers, args.seconds)
            rows.append((name, rate))
            print(f"  {name}: {rate:,.0f} req/s", flush=True)
    finally:
        e2ekit.stop_all([server])
    english = rows[0][1]
    print("\n| project page asked | req/s | / English |\n|---|---|---|")
    for name, rate in rows:
        print(f"| {name} | {rate:,.0f} | {rate / english:.2f} |")
    print(f"bench-languages: OK ({len(rows)} cases, {args.seconds} s each)", flush=True)


if __name__ == "__main__":
    main()
