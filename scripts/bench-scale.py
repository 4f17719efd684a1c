"""The scale benchmark of BENCHMARKS.md (a benchmark, not a test): `cheeseshop import` loads
PyPI's project list (about 886,000 real names with their latest version and summary) into a
fresh SQLite or PostgreSQL index, then `cheeseshop serve` is measured: time to first byte of
`/simple/` (the first request builds it), then wrk (1 thread) on `/simple/` as HTML and as
JSON (gzip asked, as pip does; 4 connections), one project page and one `/simple/<name>/` page
(16 connections, and 1, and with `--paced` at set loads); p50/p99 and requests per second,
the database's size and the server's peak memory. The small pages are measured `--rounds`
times, alternating with nginx (one worker) serving the same bytes from a file under the same wrk
settings, each round after a probe of how much the machine stalls a running thread: on a small
shared machine p99 moves with the neighbours, and the reference and the probe say how much of
it is the machine's.

    bench-scale.py --cheeseshop BIN --names pypi.tsv --work DIR [--database-url URL] [--limit N]
"""
import argparse
import contextlib
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


# With --pin: the servers (Cheeseshop, nginx) on CPU 0, wrk on CPU 1 (`taskset`), so that the
# load generator and the server never take turns on one CPU.
PIN = {"server": [], "load": []}


def log(*parts):
    print(*parts, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_byte(url, headers):
    """Seconds to the first byte of the body, and the body's size."""
    request = urllib.request.Request(url, headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read(1)
        ttfb = time.perf_counter() - start
        size = 1 + len(response.read())
    return ttfb, size, time.perf_counter() - start


def to_ms(text):
    value = float(re.match(r"[\d.]+", text).group(0))
    return value * {"us": 0.001, "ms": 1, "s": 1000}[re.search(r"(us|ms|s)$", text).group(1)]


def wrk(url, seconds, connections, headers, pause_ms=0):
    """wrk's p50, p99 and rate. With `pause_ms`, each connection waits that long after each
    answer before it asks again (wrk's `delay()`, not counted in the latency): the load is then
    about connections * 1000 / pause_ms requests a second instead of as many as the CPU allows."""
    command = [*PIN["load"], "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if pause_ms:
        script = Path(f"/tmp/bench-scale-pause-{pause_ms}.lua")
        script.write_text(f"function delay() return {pause_ms} end\n")
        command[-1:-1] = ["-s", str(script)]
    for name, value in headers.items():
        command[len(PIN["load"]) + 1:len(PIN["load"]) + 1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"p50_ms": to_ms(percentiles["50"]), "p99_ms": to_ms(percentiles["99"]), "rps": rate,
            "non_2xx": int(errors.group(1)) if errors else 0}


def machine_stalls(seconds=3.0):
    """How much this machine stalls a thread that never sleeps: a loop reads the clock for
    `seconds` and records every gap over 0.5 ms (the loop itself takes well under a
    microsecond). `beyond_2ms_pct` is the share of the time at which a request arriving would
    wait more than 2 ms whatever the server does: above 1%, no server's p99 can be under 2 ms."""
    command = [*PIN["server"], sys.executable, "-c", f"""
import json, time
gaps = []
last = start = time.perf_counter()
while last - start < {seconds}:
    now = time.perf_counter()
    if now - last > 0.0005:
        gaps.append(now - last)
    last = now
total = last - start
print(json.dumps({{"stalled_pct": 100 * sum(gaps) / total, "over_2ms": sum(g > 0.002 for g in gaps),
                  "beyond_2ms_pct": 100 * sum(max(0, g - 0.002) for g in gaps) / total,
                  "longest_ms": 1000 * max(gaps, default=0)}}))
"""]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def median_round(rounds):
    """The round with the median p99."""
    return dict(sorted(rounds, key=lambda r: r["p99_ms"])[len(rounds) // 2])


@contextlib.contextmanager
def nginx_serving(work, base, pages):
    """nginx with one worker serving, from files, the bytes `base` answers for `pages`."""
    root = work / "nginx"
    shutil.rmtree(root, ignore_errors=True)
    types = {}
    for _, path, headers, *_ in pages:
        with urllib.request.urlopen(urllib.request.Request(base + path, headers={
                k: v for k, v in headers.items() if k != "Accept-Encoding"})) as response:
            target = root / "www" / path.strip("/") / "index"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(response.read())
            types[path] = response.headers["Content-Type"]
    port = free_port()
    locations = "".join(f"    location = {path} {{ default_type \"{kind}\"; try_files {path}index =404; }}\n"
                        for path, kind in types.items())
    (root / "nginx.conf").write_text(f"""worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  types {{ }}
  client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
  uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
  server {{
    listen 127.0.0.1:{port};
    root {root}/www;
{locations}  }}
}}
""")
    process = subprocess.Popen([*PIN["server"], "nginx", "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")])
    try:
        reference = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(reference + pages[0][1], timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield reference
    finally:
        process.terminate()
        process.wait(timeout=30)


def root_after_change(cheeseshop, common, work, base, headers):
    """A project arrives while the server runs (`cheeseshop import` of one new name, as another
    writer would): `/simple/` is asked every 0.2 s until it lists the new serial. Each answer's
    time to first byte and serial say whether the root waited for its rebuild (seconds at this
    size) or was answered from the last page while the rebuild ran."""
    def serial():
        request = urllib.request.Request(f"{base}/simple/", headers=headers)
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read(1)
            ttfb = time.perf_counter() - start
            response.read()
            return int(response.headers["X-PyPI-Last-Serial"]), ttfb
    before, _ = serial()
    name = f"bench-scale-new-{int(time.time())}"
    (work / "new.tsv").write_text(f"name\tversion\tmonth\trank\tsummary\n{name}\t1.0\t2026-11\t\tArrives mid-run\n")
    subprocess.run([cheeseshop, "import", str(work / "new.tsv"), *common], capture_output=True, check=True)
    changed = time.perf_counter()
    answers = []
    while time.perf_counter() - changed < 120:
        now, ttfb = serial()
        answers.append({"at_s": round(time.perf_counter() - changed, 2), "ttfb_ms": round(ttfb * 1000, 1),
                        "serial": now})
        if now > before:
            break
        time.sleep(0.2)
    return {"serial_before": before, "answers": answers,
            "slowest_ttfb_ms": max(a["ttfb_ms"] for a in answers),
            "new_serial_after_s": answers[-1]["at_s"] if answers[-1]["serial"] > before else None}


def status_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--names", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--limit", type=int, default=0, help="import only the first N names")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--event-loops", type=int, default=1,
                        help="the server's threads (1: like the nginx reference's one worker; wrk has the other CPU)")
    parser.add_argument("--rounds", type=int, default=3, help="measurements of the small pages")
    parser.add_argument("--reuse", action="store_true", help="measure the index already in --work")
    parser.add_argument("--pin", action="store_true", help="servers on CPU 0, wrk on CPU 1 (taskset)")
    parser.add_argument("--paced", default="", metavar="RATES",
                        help="also measure the small pages at these offered loads (requests/s, comma separated; "
                             "16 connections, each pausing between requests)")
    parser.add_argument("--only-small", action="store_true", help="skip the /simple/ measurements")
    parser.add_argument("--skip-small", action="store_true", help="skip the small pages' measurements")
    args = parser.parse_args()
    if args.pin:
        PIN.update(server=["taskset", "-c", "0"], load=["taskset", "-c", "1"])
    work = Path(args.work)
    backend = "postgresql" if args.database_url else "sqlite"
    common = ["--data", str(work / "data")] + (["--database-url", args.database_url] if args.database_url else [])
    names = Path(args.names)
    if args.limit:
        names = work / "names.tsv"
    result = {"backend": backend, "event_loops": args.event_loops, "pinned": args.pin}
    if not args.reuse:
        shutil.rmtree(work / "data", ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        if args.limit:
            with open(args.names) as source, open(names, "w") as target:
                for index, line in enumerate(source):
                    if index > args.limit:
                        break
                    target.write(line)
        log(f"== importing {names} into {backend}")
        start = time.perf_counter()
        output = subprocess.run([args.cheeseshop, "import", str(names), *common], capture_output=True,
                                text=True, check=True).stdout
        result["import_s"] = time.perf_counter() - start
        result["import_output"] = output.strip()
        log(output.strip())
    if args.database_url:
        size = subprocess.run(["psql", args.database_url, "-qAt", "-c",
                               "SELECT pg_database_size(current_database())"],
                              capture_output=True, text=True, check=True).stdout
        result["database_bytes"] = int(size.strip())
    else:
        result["database_bytes"] = sum(p.stat().st_size for p in (work / "data").glob("index.sqlite*"))

    port = free_port()
    server = subprocess.Popen([*PIN["server"], args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--event-loops", str(args.event_loops),
                               # No metadata snapshot build in the background while measuring.
                               "--snapshot-interval", "0", *common],
                              stdout=open(work / "server.log", "w"), stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/_health/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("the server did not start")
                time.sleep(0.1)
        json_accept = {"Accept": "application/vnd.pypi.simple.v1+json", "Accept-Encoding": "gzip"}
        html_accept = {"Accept": "text/html", "Accept-Encoding": "gzip"}
        ttfb, size, total = first_byte(f"{base}/simple/", json_accept)
        result["simple_json_first"] = {"ttfb_ms": ttfb * 1000, "total_ms": total * 1000, "bytes": size}
        ttfb, size, total = first_byte(f"{base}/simple/", html_accept)
        result["simple_html_first"] = {"ttfb_ms": ttfb * 1000, "total_ms": total * 1000, "bytes": size}
        projects = json.loads(urllib.request.urlopen(urllib.request.Request(
            f"{base}/simple/", headers={"Accept": "application/vnd.pypi.simple.v1+json"})).read())["projects"]
        result["projects"] = len(projects)
        name = random.Random(7).choice(projects)["name"]
        normalized = re.sub(r"[-_.]+", "-", name).lower()
        result["page_name"] = normalized
        for key, url, headers, connections in () if args.only_small else (
            ("simple_html", f"{base}/simple/", html_accept, 4),
            ("simple_json", f"{base}/simple/", json_accept, 4),
        ):
            first_byte(url, headers)
            result[key] = wrk(url, args.seconds, connections, headers)
            log(key, result[key])
        if not args.only_small:
            result["simple_after_change"] = root_after_change(args.cheeseshop, common, work, base, json_accept)
            log("simple_after_change", result["simple_after_change"])
        pages = (("project_page", f"/project/{normalized}/", {"Accept-Encoding": "gzip"}),
                 ("simple_project", f"/simple/{normalized}/", json_accept))
        small = [(key + suffix, path, headers, connections, pause_ms)
                 for key, path, headers in pages
                 for suffix, connections, pause_ms in (
                     ("", 16, 0), ("_1conn", 1, 0),
                     *((f"_at_{rate}", 16, 16_000 // rate) for rate in map(int, filter(None, args.paced.split(",")))))]
        with contextlib.nullcontext() if args.skip_small else nginx_serving(work, base, small) as reference:
            for key, path, headers, connections, pause_ms in () if args.skip_small else small:
                first_byte(base + path, headers)
                rounds, nginx_rounds, stalls = [], [], []
                for _ in range(args.rounds):
                    stalls.append(machine_stalls())
                    rounds.append(wrk(base + path, args.seconds, connections, headers, pause_ms))
                    nginx_rounds.append(wrk(reference + path, args.seconds, connections, {}, pause_ms))
                result[key] = median_round(rounds)
                result[key]["p99_rounds_ms"] = [r["p99_ms"] for r in rounds]
                result["nginx_" + key] = median_round(nginx_rounds)
                result["nginx_" + key]["p99_rounds_ms"] = [r["p99_ms"] for r in nginx_rounds]
                result["machine_" + key] = stalls
                log(key, result[key], "nginx:", result["nginx_" + key], "machine:", stalls)
        result["server_vmhwm_kb"] = status_kb(server.pid, "VmHWM")
        result["server_vmrss_kb"] = status_kb(server.pid, "VmRSS")
    finally:
        server.terminate()
        server.wait(timeout=30)
    (work / "result.json").write_text(json.dumps(result, indent=2))
    log(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
