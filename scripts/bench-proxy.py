"""The pull-through proxy side by side with proxpi and devpi, each a proxy of the same upstream (a
Cheeseshop holding the real corpus), in one run: cold and warm pip and uv installs of the corpus
lock with --require-hashes, then proxied page and file req/s (wrk), and the same page hosted.

    python3 scripts/bench-proxy.py --cheeseshop .build/release/cheeseshop --corpus .work/corpus \
        --work .work/bench-proxy [--bench-work .bench] [--seconds 10]

The peers' venvs come from ../shared/bench/peers.sh install (in --bench-work). Prints a Markdown
table for BENCHMARKS.md. Numbers move with the machine's load: read the ratios.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402

REPORT = e2ekit.Reporter("bench-proxy")
PAGE_PROJECT = "flask"
# What pip sends: the pages are asked for as pip asks for them (proxpi refuses a request without it).
PIP_ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--bench-work", default=os.environ.get("INDEXBENCH_WORK", ".bench"))
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bench = Path(args.bench_work).resolve()
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
    if not (bench / "venv-proxpi" / "bin" / "gunicorn").exists() or not (bench / "venv-devpi-noweb").exists():
        subprocess.run(["bash", str(shared / "peers.sh"), "install"], check=True,
                       env={**os.environ, "INDEXBENCH_WORK": str(bench)})
    processes = []
    try:
        upstream = start_upstream(args, work, processes)
        hashed = hashed_lock(work, Path(args.corpus), upstream)
        results = {}
        for client in ("pip", "uv"):
            proxies = start_proxies(args, work, bench, upstream, processes, client)
            for name, url in proxies.items():
                results.setdefault(name, {})[f"{client} cold"] = install(work, client, url, hashed, f"{name}-{client}-cold")
            for name, url in proxies.items():
                results[name][f"{client} warm"] = install(work, client, url, hashed, f"{name}-{client}-warm")
        for name, url in proxies.items():
            page = f"{url}{PAGE_PROJECT}/"
            results[name]["page req/s"] = wrk(page, args.seconds)
            results[name]["file req/s"] = wrk(file_url(page), args.seconds)
        hosted = wrk(f"{upstream}/simple/{PAGE_PROJECT}/", args.seconds)
    finally:
        e2ekit.stop_all(processes)
    report(results, hosted)


def start_upstream(args, work, processes):
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(work / "upstream"))
    cli("user", "create", "bench", "--email", "bench@example.org", "--password-stdin",
        stdin="correct horse battery staple")
    token = cli("token", "create", "bench")
    port = 18601
    processes.append(subprocess.Popen(
        [args.cheeseshop, "serve", "--data", str(work / "upstream"), "--port", str(port), "--no-access-log",
         "--new-project-limit", "1000 per hour"], stdout=open(work / "upstream.log", "w"), stderr=subprocess.STDOUT))
    base = f"http://127.0.0.1:{port}"
    e2ekit.wait_for(f"{base}/simple/", "the upstream", REPORT)
    for path in sorted(Path(args.corpus).iterdir()):
        if path.name.endswith((".whl", ".tar.gz", ".zip")):
            status, message = e2ekit.corpus_upload(base, token, path)
            if status != 200:
                REPORT.fail(f"upload of {path.name}: {status} {message}")
    return base


def start_proxies(args, work, bench, upstream, processes, label):
    """Each proxy started with an empty cache; {name: simple URL}."""
    for process in processes[1:]:
        process.terminate()
        process.wait(timeout=30)
    del processes[1:]
    index = f"{upstream}/simple/"
    data = work / f"proxy-{label}"
    processes.append(subprocess.Popen(
        [args.cheeseshop, "serve", "--data", str(data / "cheeseshop"), "--port", "18602", "--no-access-log",
         "--upstream", index], stdout=open(work / f"cheeseshop-{label}.log", "w"), stderr=subprocess.STDOUT))
    (data / "proxpi").mkdir(parents=True)
    processes.append(subprocess.Popen(
        [str(bench / "venv-proxpi" / "bin" / "gunicorn"), "--preload", "--threads", "2", "-b", "127.0.0.1:18603",
         "proxpi.server:app"],
        env={**os.environ, "PROXPI_INDEX_URL": index, "PROXPI_CACHE_DIR": str(data / "proxpi"),
             "PROXPI_LOGGING_LEVEL": "WARNING"},
        stdout=open(work / f"proxpi-{label}.log", "w"), stderr=subprocess.STDOUT))
    devpi = bench / "venv-devpi-noweb" / "bin"
    server = data / "devpi"
    subprocess.run([str(devpi / "devpi-init"), "--serverdir", str(server), "--no-root-pypi", "--root-passwd", "root"],
                   check=True, capture_output=True)
    processes.append(subprocess.Popen(
        [str(devpi / "devpi-server"), "--host", "127.0.0.1", "--port", "18604", "--serverdir", str(server)],
        stdout=open(work / f"devpi-{label}.log", "w"), stderr=subprocess.STDOUT))
    for url in ("http://127.0.0.1:18602/simple/", "http://127.0.0.1:18603/index/", "http://127.0.0.1:18604/+api"):
        e2ekit.wait_for(url, url, REPORT)
    client = {**os.environ, "DEVPI_CLIENTDIR": str(data / "devpi-client")}
    for command in (["use", "http://127.0.0.1:18604"], ["login", "root", "--password", "root"],
                    ["index", "-c", "up", "type=mirror", f"mirror_url={index}"]):
        subprocess.run([str(devpi / "devpi"), *command], check=True, capture_output=True, env=client)
    return {"cheeseshop": "http://127.0.0.1:18602/simple/", "proxpi": "http://127.0.0.1:18603/index/",
            "devpi": "http://127.0.0.1:18604/root/up/+simple/"}


def hashed_lock(work, corpus, upstream):
    return e2ekit.hashed_lock(work / "hashed.txt", (corpus / "lock.txt").read_text().split(),
                              lambda name, version: e2ekit.simple_page_hashes(upstream, name, version), REPORT)


def install(work, client, index, hashed, label):
    target = work / "targets" / label
    if client == "pip":
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--disable-pip-version-check",
                   "--require-hashes", "--only-binary", ":all:", "--index-url", index, "--target", str(target),
                   "-r", str(hashed)]
    else:
        uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
        command = [uv, "pip", "install", "--quiet", "--no-cache", "--require-hashes", "--only-binary", ":all:",
                   "--index-url", index, "--target", str(target), "--python", sys.executable, "-r", str(hashed)]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        print(f"  {label}: FAILED {result.stderr[-400:]}", flush=True)
        return None
    print(f"  {label}: {seconds:.2f} s", flush=True)
    return seconds


def file_url(page):
    body = e2ekit.get(page, "text/html")[2].decode()
    href = re.search(r'href="([^"#]+\.whl)[#"]', body).group(1)
    if href.startswith("http"):
        return href
    from urllib.parse import urljoin
    return urljoin(page, href)


def wrk(url, seconds):
    result = subprocess.run(["wrk", "-t1", "-c32", f"-d{seconds}s", "-H", f"Accept: {PIP_ACCEPT}", url],
                            capture_output=True, text=True)
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    rate = float(match.group(1)) if match and not errors else None
    print(f"  wrk {url}: {rate} req/s{' (errors: ' + errors.group(1) + ')' if errors else ''}", flush=True)
    return rate


def report(results, hosted):
    columns = ["pip cold", "pip warm", "uv cold", "uv warm", "page req/s", "file req/s"]
    print("\n| proxy | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, values in results.items():
        cells = []
        for column in columns:
            value = values.get(column)
            cells.append("failed" if value is None else (f"{value:.2f} s" if "req/s" not in column else f"{value:,.0f}"))
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"| (hosted page, the upstream Cheeseshop) | | | | | {hosted:,.0f} | |")
    ours, proxpi, devpi = results["cheeseshop"], results["proxpi"], results["devpi"]

    def ratio(a, b):
        return "n/a" if not a or not b else f"{a / b:.1f}x"
    print(f"\nproxied page req/s: {ratio(ours['page req/s'], proxpi['page req/s'])} proxpi's, "
          f"{ratio(ours['page req/s'], devpi['page req/s'])} devpi's, {ratio(ours['page req/s'], hosted)} of hosted")
    print(f"proxied file req/s: {ratio(ours['file req/s'], proxpi['file req/s'])} proxpi's, "
          f"{ratio(ours['file req/s'], devpi['file req/s'])} devpi's")
    for column in ("pip cold", "pip warm", "uv cold", "uv warm"):
        print(f"{column}: proxpi {ratio(proxpi[column], ours[column])} and devpi {ratio(devpi[column], ours[column])} "
              "of Cheeseshop's time")


if __name__ == "__main__":
    main()
