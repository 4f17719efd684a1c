"""`/simple/` at PyPI's size under a steady upload stream (a benchmark, not a test; issue 21).

`cheeseshop import` loads PyPI's project list (about 886,000 names) into a fresh index (or
`--reuse` the one in --work), then `cheeseshop serve` takes real uploads (the legacy API, small
valid wheels, new projects and new versions of them, one every 1/--rate seconds) in two phases:

1. `--baseline` seconds before anyone asked for `/simple/` (the server keeps no list): the
   server's CPU for the uploads alone.
2. The first `/simple/` request (time to first byte: the list is read and rendered), then
   `--seconds` seconds of the same stream while another thread asks `HEAD /simple/` (JSON, gzip)
   every 50 ms. For each upload: the time from its 200 to the first answer of `/simple/` whose
   serial covers the upload's (the project's serial, read from its JSON API right after the 200).

Then 5 projects made by another process (`cheeseshop import` of one name each, as another node
or the CLI would): the time from its exit to the first full `/simple/` listing the project.

The server's CPU (user + system, from /proc) in each phase, its resident memory, and the time it
says it spent keeping `/simple/` up to date (`cheeseshop_simple_root_update_seconds_total`). At
the end the whole page is fetched and decoded (gzip, JSON) and every uploaded project is checked
to be in it with its serial.

    bench-root-stream.py --cheeseshop BIN --names pypi.tsv --work DIR [--database-url URL] [--reuse]
"""
import argparse
import gzip
import hashlib
import json
import random
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from distkit import build_wheel  # noqa: E402
from e2ekit import Reporter, cheeseshop_cli, free_port, legacy_upload, wait_for  # noqa: E402

REPORT = Reporter("bench-root-stream")

JSON_GZIP = {"Accept": "application/vnd.pypi.simple.v1+json", "Accept-Encoding": "gzip"}


def log(*parts):
    print(*parts, flush=True)


def status_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    """User + system CPU seconds of process `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


def metric(base, name):
    text = urllib.request.urlopen(f"{base}/metrics", timeout=30).read().decode()
    match = re.search(rf"^{name}(?:{{[^}}]*}})? ([0-9.e+-]+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def root_serial(base, method="HEAD"):
    request = urllib.request.Request(f"{base}/simple/", headers=JSON_GZIP, method=method)
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
        return int(response.headers["X-PyPI-Last-Serial"])


class Stream:
    """Uploads at `rate` per second: a new project, then (every other upload) a new version of
    one made earlier. Names are made of real PyPI names, so they land all over the list."""

    def __init__(self, base, token, work, words, rate, seed):
        self.base, self.token, self.work, self.rate = base, token, work, rate
        self.random = random.Random(seed)
        self.words = words
        self.seed = seed
        self.mine = {}  # name -> last version number
        self.acks = []  # (monotonic time of the 200, name, project serial)
        self.errors = []
        self.count = 0

    def one(self):
        self.count += 1
        if self.mine and self.count % 2 == 0:
            name = self.random.choice(sorted(self.mine))
            self.mine[name] += 1
        else:
            name = f"{self.random.choice(self.words)}-rs{self.seed}-{self.count}"
            self.mine[name] = 1
        version = f"1.{self.mine[name]}"
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: stream\n".encode()
        directory = self.work / "wheels"
        directory.mkdir(exist_ok=True)
        path = build_wheel(directory, name, version, metadata, {f"m{self.count}.py": b"x = 1\n"}, "bench")
        status, message = legacy_upload(self.base, self.token, path, name, version)
        acked = time.monotonic()
        path.unlink()
        if status != 200:
            self.errors.append(f"{name} {version}: {status} {message[:200]}")
            return
        request = urllib.request.Request(f"{self.base}/pypi/{name}/json")
        with urllib.request.urlopen(request, timeout=60) as response:
            serial = int(response.headers["X-PyPI-Last-Serial"])
        self.acks.append((acked, name, serial))

    def run(self, seconds):
        """Uploads on schedule for `seconds` (an upload late by its predecessor goes at once)."""
        start = time.monotonic()
        due = start
        while due < start + seconds:
            time.sleep(max(0.0, due - time.monotonic()))
            self.one()
            due += 1 / self.rate
        return time.monotonic() - start


def poll(base, until, answers):
    """`HEAD /simple/` every 50 ms: (monotonic time of the answer, its serial)."""
    while not until.is_set():
        serial = root_serial(base)
        answers.append((time.monotonic(), serial))
        until.wait(0.05)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--names", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--reuse", action="store_true", help="the index already in --work")
    parser.add_argument("--rate", type=float, default=10, help="uploads a second")
    parser.add_argument("--baseline", type=int, default=30, help="seconds of uploads before /simple/ is asked")
    parser.add_argument("--seconds", type=int, default=60, help="seconds of uploads while /simple/ is polled")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    common = ["--data", str(work / "data")] + (["--database-url", args.database_url] if args.database_url else [])
    result = {"backend": "postgresql" if args.database_url else "sqlite", "rate": args.rate}

    cli = cheeseshop_cli(args.cheeseshop, REPORT, *common)

    if not args.reuse:
        subprocess.run(["rm", "-rf", str(work / "data")], check=True)
        work.mkdir(parents=True, exist_ok=True)
        log(f"== importing {args.names}")
        start = time.monotonic()
        log(cli("import", args.names))
        result["import_s"] = round(time.monotonic() - start, 1)
    user = f"stream{int(time.time())}"
    cli("user", "create", user, "--email", f"{user}@example.com", "--password-stdin",
        stdin=hashlib.sha256(user.encode()).hexdigest() + "\n")
    token = cli("token", "create", user)
    words = [line.split("\t", 1)[0] for line in open(args.names) if line.strip()][1:]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
         "--snapshot-interval", "0", "--new-project-limit", "100000 per hour", *common],
        stdout=open(work / "server.log", "w"), stderr=subprocess.STDOUT)
    try:
        wait_for(f"{base}/_health/", "cheeseshop serve", REPORT)
        stream = Stream(base, token, work, words, args.rate, seed=int(time.time()) % 100_000)
        result["rss_start_kb"] = status_kb(server.pid, "VmRSS")

        log(f"== {args.baseline} s of uploads, /simple/ not asked")
        cpu = cpu_seconds(server.pid)
        elapsed = stream.run(args.baseline)
        result["baseline"] = {"uploads": len(stream.acks), "seconds": round(elapsed, 1),
                              "cpu_pct": round(100 * (cpu_seconds(server.pid) - cpu) / elapsed, 1),
                              "rss_kb": status_kb(server.pid, "VmRSS")}
        log(result["baseline"])

        log("== the first /simple/")
        start = time.monotonic()
        request = urllib.request.Request(f"{base}/simple/", headers=JSON_GZIP)
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read(1)
            ttfb = time.monotonic() - start
            size = 1 + len(response.read())
        result["first_root"] = {"ttfb_s": round(ttfb, 2), "gzip_bytes": size,
                                "rss_kb": status_kb(server.pid, "VmRSS")}
        log(result["first_root"])

        log(f"== {args.seconds} s of uploads at {args.rate}/s, HEAD /simple/ every 50 ms")
        before = len(stream.acks)
        answers, stop = [], threading.Event()
        poller = threading.Thread(target=poll, args=(base, stop, answers))
        updates = metric(base, "cheeseshop_simple_root_update_seconds_total")
        cpu = cpu_seconds(server.pid)
        rss = []
        sampler_stop = threading.Event()

        def sample():
            while not sampler_stop.wait(0.5):
                rss.append(status_kb(server.pid, "VmRSS"))
        sampler = threading.Thread(target=sample)
        poller.start()
        sampler.start()
        elapsed = stream.run(args.seconds)
        cpu_used = cpu_seconds(server.pid) - cpu
        # The last uploads' lag: keep polling until the page covers them (at most 30 s).
        last = stream.acks[-1][2] if stream.acks else 0
        wait_until = time.monotonic() + 30
        while (not answers or answers[-1][1] < last) and time.monotonic() < wait_until:
            time.sleep(0.05)
        stop.set()
        sampler_stop.set()
        poller.join()
        sampler.join()
        update_seconds = metric(base, "cheeseshop_simple_root_update_seconds_total") - updates
        lags = []
        for acked, _, serial in stream.acks[before:]:
            seen = next((at for at, shown in answers if shown >= serial and at >= acked), None)
            lags.append(None if seen is None else seen - acked)
        measured = [lag for lag in lags if lag is not None]
        result["stream"] = {
            "uploads": len(stream.acks) - before, "seconds": round(elapsed, 1), "polls": len(answers),
            "cpu_pct": round(100 * cpu_used / elapsed, 1),
            "root_update_pct": round(100 * update_seconds / elapsed, 2),
            "lag_p50_s": percentile(measured, 0.5), "lag_p99_s": percentile(measured, 0.99),
            "lag_max_s": max(measured, default=None), "never_seen": len(lags) - len(measured),
            "rss_max_kb": max(rss, default=0), "rss_end_kb": status_kb(server.pid, "VmRSS"),
            "vmhwm_kb": status_kb(server.pid, "VmHWM"), "upload_errors": stream.errors[:3]}
        log(result["stream"])

        log("== 5 projects made by another process (`cheeseshop import`), /simple/ polled")
        others = []
        for index in range(5):
            name = f"other-writer-{stream.seed}-{index}"
            (work / "one.tsv").write_text(f"name\tversion\tmonth\trank\tsummary\n{name}\t1.0\t2026-12\t\tOther\n")
            cli("import", str(work / "one.tsv"))
            written = time.monotonic()
            while True:
                request = urllib.request.Request(f"{base}/simple/", headers=JSON_GZIP)
                with urllib.request.urlopen(request, timeout=600) as response:
                    shown = int(response.headers["X-PyPI-Last-Serial"])
                    body = gzip.decompress(response.read())
                if f'"name":"{name}"'.encode() in body:
                    others.append(time.monotonic() - written)
                    break
                if time.monotonic() - written > 60:
                    sys.exit(f"{name} not listed after 60 s (the page is at serial {shown})")
                time.sleep(0.05)
        result["other_writer_lag_s"] = [round(lag, 2) for lag in others]
        log(result["other_writer_lag_s"])

        log("== the whole page, decoded")
        request = urllib.request.Request(f"{base}/simple/", headers=JSON_GZIP)
        with urllib.request.urlopen(request, timeout=600) as response:
            page = json.loads(gzip.decompress(response.read()))
        listed = {project["name"]: project["_last-serial"] for project in page["projects"]}
        missing = [name for _, name, serial in stream.acks if listed.get(name, -1) < serial]
        result["final"] = {"projects": len(listed), "serial": page["meta"]["_last-serial"],
                           "uploaded_missing_or_behind": len(missing)}
        log(result["final"])
        if missing or stream.errors:
            sys.exit(f"not every upload is listed: {missing[:5]} {stream.errors[:3]}")
    finally:
        server.terminate()
        server.wait(timeout=60)
    (work / "result.json").write_text(json.dumps(result, indent=2))
    log(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
