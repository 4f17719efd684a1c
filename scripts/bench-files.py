"""File downloads against nginx in one run: wrk's req/s for `GET /packages/...` of a small and a
larger wheel, whole and with a `Range`, from one or more release builds of `cheeseshop serve`
(each on the same fresh data directory, started in turn) and from nginx serving the same bytes
at the same paths from a static tree (sendfile on, access log off, as
../shared/bench/nginx.conf.in). Rounds alternate between the servers; the table gives each
server's median and its ratio to nginx's median.

    python3 scripts/bench-files.py --cheeseshop before=/tmp/cheeseshop-before \
        --cheeseshop after=.build/release/cheeseshop --work .bench/files --corpus .work/corpus \
        [--seconds 10] [--rounds 3] [--workers auto]
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

REPORT = Reporter("bench-files")
WHEELS = ["blinker-1.9.0-py3-none-any.whl", "certifi-2024.8.30-py3-none-any.whl"]
RANGE = "bytes=1000-4999"


def wrk(url, seconds, headers=()):
    command = ["wrk", "-t1", "-c32", f"-d{seconds}s"]
    for header in headers:
        command += ["-H", header]
    result = subprocess.run(command + [url], capture_output=True, text=True)
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    if not match or "Non-2xx or 3xx responses" in result.stdout or "Socket errors" in result.stdout:
        REPORT.fail(f"wrk {url}: {result.stdout[-400:]}")
    return float(match.group(1))


def fetch(url, headers):
    """(status, headers, body) of a GET with `headers`."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, dict(response.headers), response.read()


def start_nginx(work, root, port, workers):
    conf = work / "nginx.conf"
    conf.write_text(f"""
daemon off;
worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    open_file_cache max=10000 inactive=60s;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
""")
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)], stdout=open(work / "nginx.log", "w"),
                            stderr=subprocess.STDOUT)


def start_cheeseshop(binary, data, port, work):
    return subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
                             "--no-access-log"], stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", action="append", required=True, help="NAME=BINARY, repeatable")
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", default="auto", help="nginx worker_processes")
    args = parser.parse_args()
    builds = [tuple(item.split("=", 1)) for item in args.cheeseshop]
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data, static = work / "data", work / "static"
    cli = e2ekit.cheeseshop_cli(builds[0][1], REPORT, "--data", str(data))
    cli("user", "create", "bench", "--email", "bench@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "bench")
    port, nginx_port = free_port(), free_port()
    base, nginx_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{nginx_port}"

    # Upload with the first build; nginx gets the same bytes at the same paths.
    paths = []
    server = start_cheeseshop(builds[0][1], data, port, work)
    try:
        e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
        for wheel in WHEELS:
            status, message = e2ekit.corpus_upload(base, token, Path(args.corpus) / wheel)
            REPORT.check(status == 200, f"uploaded {wheel}: {message[:60]}")
            page = json.loads(get(f"{base}/simple/{wheel.split('-')[0]}/", "application/vnd.pypi.simple.v1+json")[2])
            url = next(f["url"] for f in page["files"] if f["filename"] == wheel)
            path = url[url.index("/packages/"):].split("#")[0]
            target = static / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(args.corpus) / wheel, target)
            paths.append(path)
    finally:
        e2ekit.stop_all([server])

    nginx = start_nginx(work, static, nginx_port, args.workers)
    cases = [(f"{Path(path).name.split('-')[0]} {'whole' if not headers else 'range'}", path, headers)
             for path in paths for headers in ((), (f"Range: {RANGE}",))]
    results = {name: {case[0]: [] for case in cases} for name in ["nginx"] + [name for name, _ in builds]}
    try:
        e2ekit.wait_for(f"{nginx_base}{paths[0]}", "nginx", REPORT)
        for round_number in range(args.rounds):
            for name, binary in [("nginx", None)] + builds:
                server = None if binary is None else start_cheeseshop(binary, data, port, work)
                try:
                    origin = nginx_base if binary is None else base
                    if binary is not None:
                        e2ekit.wait_for(f"{base}/_health/ready", name, REPORT)
                    for case, path, headers in cases:
                        # The same bytes from both (the first request also fills the read model).
                        status, answer, body = fetch(origin + path, dict(h.split(": ", 1) for h in headers))
                        expected = (Path(args.corpus) / Path(path).name).read_bytes()
                        if headers:
                            start, end = (int(x) for x in RANGE.removeprefix("bytes=").split("-"))
                            expected = expected[start:end + 1]
                        if status not in (200, 206) or body != expected:
                            REPORT.fail(f"{name} {path} {headers}: {status}, {len(body)} bytes")
                        rate = wrk(origin + path, args.seconds, headers)
                        results[name][case].append(rate)
                        print(f"  round {round_number + 1} {name} {case}: {rate:,.0f} req/s", flush=True)
                finally:
                    if server is not None:
                        e2ekit.stop_all([server])
    finally:
        e2ekit.stop_all([nginx])

    print("\n| server | " + " | ".join(f"{case} req/s" for case, _, _ in cases) + " |")
    print("|---|" + "---|" * len(cases))
    for name, rates in results.items():
        print(f"| {name} | " + " | ".join(f"{statistics.median(rates[case]):,.0f}" for case, _, _ in cases) + " |")
    print("\n| ratio vs nginx (medians) | " + " | ".join(case for case, _, _ in cases) + " |")
    print("|---|" + "---|" * len(cases))
    for name, _ in builds:
        ratios = [statistics.median(results[name][case]) / statistics.median(results["nginx"][case])
                  for case, _, _ in cases]
        print(f"| {name} | " + " | ".join(f"{ratio:.2f}x" for ratio in ratios) + " |")


if __name__ == "__main__":
    main()
