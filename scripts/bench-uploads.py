"""Uploads from several clients at once (issue 21): files/s through the legacy upload API
(`POST /legacy/`, multipart, what twine speaks) into the release build of `cheeseshop serve` and
into pypiserver, in the same run, the servers taking turns. Each round uploads the same fresh,
valid wheels (METADATA with a Markdown README, WHEEL, RECORD with hashes) to each server from K client threads (a
`requests` session each, `sha256_digest` in the form): half create new projects, half add new
versions to projects made before the timing. Every answer must be a 200; at the end a sample of
the files is checked on Cheeseshop's simple pages.

    bash ../shared/bench/peers.sh install     # once (INDEXBENCH_WORK=$PWD/.bench)
    swift build -c release --product cheeseshop
    .bench/venv/bin/python scripts/bench-uploads.py --cheeseshop .build/release/cheeseshop \
        [--clients 1,4,8] [--files 200] [--rounds 2] [--profile 'strace -c -f -p {pid}']

pypiserver is started and stopped with peers.sh (port 18110; nothing else of peers.sh is
touched). `--profile` runs a command against the server's pid during Cheeseshop's turns with the
most clients (interrupted at the end of each turn), e.g. `perf record -g -p {pid} -o FILE`.
"""
import argparse
import base64
import hashlib
import io
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port  # noqa: E402

REPORT = Reporter("bench-uploads")
ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "bench" / "peers.sh"
PYPISERVER = {"url": "http://127.0.0.1:18110/", "auth": ("bench", "bench-pass")}
BASE_PROJECTS = 8


def readme(name):
    """A README such as twine sends as the description (Markdown, rendered by the index)."""
    section = ("Install it with `pip install {0}`, then `import {0}`. It does *one* thing, **well**:\n\n"
               "- it is a [benchmark](https://example.org/{0}) dummy\n- its version changes every round\n\n"
               "```python\nimport {0}\nprint({0}.__name__)\n```\n\n").format(name)
    return f"# {name}\n\n" + "".join(f"## Part {index}\n\n{section}" for index in range(8))


def wheel(name, version, padding):
    """A valid pure-Python wheel of `name` `version`: (filename, bytes, summary)."""
    dist = name.replace("-", "_")
    filename = f"{dist}-{version}-py3-none-any.whl"
    info = f"{dist}-{version}.dist-info"
    summary = f"Upload benchmark {name}"
    metadata = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
                "Requires-Python: >=3.8\nDescription-Content-Type: text/markdown\n\n" + readme(name)).encode()
    members = {
        f"{dist}/__init__.py": f"# {name} {version}\n".encode() + b"#" * padding + b"\n",
        f"{info}/METADATA": metadata,
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench-uploads\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = io.StringIO()
    for member, content in members.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        record.write(f"{member},sha256={digest},{len(content)}\n")
    record.write(f"{info}/RECORD,,\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
        archive.writestr(f"{info}/RECORD", record.getvalue())
    return filename, buffer.getvalue(), summary


def form(name, version, summary, content):
    """The form twine sends with the wheel."""
    return {":action": "file_upload", "protocol_version": "1", "name": name, "version": version,
            "filetype": "bdist_wheel", "pyversion": "py3", "metadata_version": "2.1", "summary": summary,
            "requires_python": ">=3.8", "description": readme(name), "description_content_type": "text/markdown",
            "sha256_digest": hashlib.sha256(content).hexdigest()}


def upload(name, version, padding):
    """(filename, bytes, form fields) of a new wheel."""
    filename, content, summary = wheel(name, version, padding)
    return filename, content, form(name, version, summary, content)


def base_projects(run, padding):
    """The projects that exist before the timing, each with a 0.1 release."""
    return [upload(f"upbench-{run}-base-{index:02d}", "0.1", padding) for index in range(BASE_PROJECTS)]


def batch(run, number, count, padding):
    """One round's wheels: half new projects, half new versions of the base projects."""
    return [upload(f"upbench-{run}-base-{index % BASE_PROJECTS:02d}", f"{number}.{index}", padding) if index % 2
            else upload(f"upbench-{run}-{number:03d}-{index:05d}", "1.0", padding) for index in range(count)]


def upload_all(url, auth, files, clients):
    """Uploads `files` from `clients` threads; returns (seconds, failures)."""
    lock = threading.Lock()
    todo = list(files)
    failures = []

    def client():
        session = requests.Session()
        while True:
            with lock:
                if not todo:
                    return
                filename, content, fields = todo.pop(0)
            try:
                response = session.post(url, data=fields, files={"content": (filename, content)}, auth=auth,
                                        timeout=120)
                failure = None if response.status_code == 200 else f"{response.status_code} {response.reason}"
            except requests.RequestException as error:
                failure = str(error)
            if failure:
                with lock:
                    failures.append(f"{filename}: {failure}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, failures


def start_profile(command, pid):
    if not command:
        return None
    return subprocess.Popen(shlex.split(command.replace("{pid}", str(pid))))


def stop_profile(process):
    if process is None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def peers(*arguments):
    subprocess.run(["bash", str(PEERS), *arguments], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "INDEXBENCH_WORK": os.environ.get("INDEXBENCH_WORK", str(ROOT / ".bench"))})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", default=str(ROOT / ".build" / "release" / "cheeseshop"))
    parser.add_argument("--work", default=str(ROOT / ".bench" / "uploads"))
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--files", type=int, default=200, help="wheels per server per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per client count")
    parser.add_argument("--padding", type=int, default=2048, help="bytes of source in each wheel")
    parser.add_argument("--profile", default="", help="a command run on {pid} during the busiest turns")
    parser.add_argument("--no-pypiserver", action="store_true")
    args = parser.parse_args()
    clients = [int(x) for x in args.clients.split(",")]
    work = Path(args.work).resolve()
    data = work / "data"
    subprocess.run(["rm", "-rf", str(data)], check=True)
    work.mkdir(parents=True, exist_ok=True)
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "bench", "--email", "bench@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "bench")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
         "--no-access-log", "--new-project-limit", "1000000 per hour"],
        stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
    servers = [("cheeseshop", f"{base}/legacy/", ("__token__", token))]
    if not args.no_pypiserver:
        peers("start", "pypiserver")
        servers.append(("pypiserver", PYPISERVER["url"], PYPISERVER["auth"]))
    run = hashlib.sha256(os.urandom(8)).hexdigest()[:6]
    totals = {(name, k): [0, 0.0] for name, _, _ in servers for k in clients}
    checked = []
    try:
        e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
        for name, url, auth in servers:
            _, failures = upload_all(url, auth, base_projects(run, args.padding), 1)
            REPORT.check(not failures, f"{name}: base projects uploaded {failures[:3]}")
        number = 0
        for k in clients:
            for round_ in range(args.rounds):
                number += 1
                files = batch(run, number, args.files, args.padding)
                order = servers if round_ % 2 == 0 else list(reversed(servers))
                for name, url, auth in order:
                    profile = start_profile(args.profile, server.pid) if name == "cheeseshop" and k == max(
                        clients) else None
                    seconds, failures = upload_all(url, auth, files, k)
                    stop_profile(profile)
                    REPORT.check(not failures, f"{name}, {k} clients: every upload answered 200 {failures[:3]}")
                    totals[(name, k)][0] += len(files)
                    totals[(name, k)][1] += seconds
                    print(f"  {name:10} K={k} round {round_ + 1}: {len(files) / seconds:6.1f} files/s",
                          flush=True)
                checked.append(files[-1][2])
        for fields in checked:
            with urllib.request.urlopen(f"{base}/simple/{fields['name']}/") as response:
                REPORT.check(fields["version"] in response.read().decode(), f"{fields['name']} listed")
    finally:
        e2ekit.stop_all([server])
        if not args.no_pypiserver:
            peers("stop", "pypiserver")
    print(f"\n{args.files} wheels of ~{args.padding // 1024 + 1} KiB per server per round, {args.rounds} rounds per K;"
          " half new projects, half new versions")
    names = [name for name, _, _ in servers]
    print("| clients (K) | " + " | ".join(f"{n} files/s" for n in names)
          + (" | cheeseshop / pypiserver |" if len(names) > 1 else " |"))
    print("|---" * (len(names) + 1 + (len(names) > 1)) + "|")
    for k in clients:
        rates = [totals[(n, k)][0] / totals[(n, k)][1] for n in names]
        row = f"| {k} | " + " | ".join(f"{r:.1f}" for r in rates)
        print(row + (f" | {rates[0] / rates[1]:.2f} |" if len(rates) > 1 else " |"))
    print("bench-uploads: OK", flush=True)


if __name__ == "__main__":
    main()
