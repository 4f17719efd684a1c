"""Scale-out end to end: two `cheeseshop serve` nodes on different ports share one PostgreSQL
database and one S3 bucket (SeaweedFS), with nginx in front as a load balancer (the nodes'
--base-url, so file links go through it).

Real twine uploads through node A, real pip installs through node B (which redirects downloads
to presigned URLs of the bucket) and through nginx; then
concurrent uploads through both nodes (the same file, one filename with different contents,
many files of one new release, many new projects) must give exactly the single-node outcomes,
while watchers that each keep to one node (as a client behind a sticky balancer does) and one
that follows the journal check that serials never decrease; afterwards both nodes agree on
every page within the journal refresh interval. Both nodes proxy a third server
(`--upstream`): a page one node fetched is answered by the other from the database, and a file
one node fetched is served by the other from the bucket, with the upstream stopped.

    scale-e2e.py --cheeseshop BIN --work DIR --database-url URL --storage-url s3://BUCKET

The S3 endpoint and credentials come from the environment (AWS_ENDPOINT_URL_S3,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION). Prints `scale-e2e: OK ...` on success.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from distkit import build_wheel  # noqa: E402
from e2ekit import Reporter, free_port, get, legacy_upload as upload  # noqa: E402

REFRESH = 0.5  # the nodes' --journal-refresh, seconds
REPORT = Reporter("scale-e2e")
fail, check = REPORT.fail, REPORT.check


def wait_for(url, what, seconds=180):
    e2ekit.wait_for(url, what, REPORT, seconds)




def metadata(name, version):
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: scale e2e\n".encode()


def wheel(directory, name, version, payload, build=None):
    path = build_wheel(directory, name, version, metadata(name, version),
                       {f"{name.replace('-', '_')}.py": payload}, "scale-e2e")
    if build is not None:
        dist = name.replace("-", "_")
        renamed = path.with_name(f"{dist}-{version}-{build}-py3-none-any.whl")
        path.rename(renamed)
        path = renamed
    return path


def files_of(base, project):
    status, _, body = get(f"{base}/simple/{project}/", "application/vnd.pypi.simple.v1+json")
    if status != 200:
        return status, []
    return status, json.loads(body)["files"]


class SerialWatcher:
    """Reads one URL's X-PyPI-Last-Serial over and over until stopped; records what it saw."""

    def __init__(self, url, accept="application/vnd.pypi.simple.v1+json"):
        self.url, self.accept, self.seen, self.stop = url, accept, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            try:
                status, headers, _ = get(self.url, self.accept)
            except OSError:
                continue
            serial = headers.get("X-PyPI-Last-Serial")
            if status == 200 and serial is not None:
                self.seen.append(int(serial))
            time.sleep(0.005)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def start_nginx(work, nodes, port):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    prefix = work / "nginx"
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    upstream = "\n".join(f"    server 127.0.0.1:{node};" for node in nodes)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(f"""{user}worker_processes 1;
daemon off;
error_log {prefix}/logs/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 256; }}
http {{
  access_log {prefix}/logs/access.log;
  client_body_temp_path {prefix}/client_body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  upstream cheeseshop {{
{upstream}
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 200m;
    location / {{
      proxy_pass http://cheeseshop;
      proxy_set_header Host $http_host;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}
}}
""")
    process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               stdout=open(prefix / "logs" / "stdout.log", "w"), stderr=subprocess.STDOUT)
    return process


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--storage-url", required=True)
    parser.add_argument("--postgres-dir", help="the cluster of scripts/postgres.sh: stop it and check the nodes")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "dist").mkdir(parents=True)
    common = ["--database-url", args.database_url]
    storage = ["--storage-url", args.storage_url]

    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, *common, "--data", str(work / "admin"))

    cli("migrate")
    cli("user", "create", "scaler", "--email", "scaler@example.org", "--password-stdin",
        stdin=base64.b64encode(os.urandom(18)).decode() + "\n")
    token = cli("token", "create", "scaler")

    nodes, processes = [], []
    lb_port = free_port()
    lb = f"http://127.0.0.1:{lb_port}"
    try:
        upstream, upstream_process = start_upstream(args, work, processes)
        for index in range(2):
            port = free_port()
            log = open(work / f"node{index}.log", "w")
            processes.append(subprocess.Popen(
                [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port),
                 "--data", str(work / f"node{index}"), *common, *storage, "--base-url", lb,
                 "--journal-refresh", str(REFRESH), "--new-project-limit", "1000 per hour",
                 # Node B redirects downloads to presigned URLs of the bucket; node A proxies them.
                 "--file-downloads", "redirect" if index == 1 else "proxy", "--upstream", f"{upstream}/simple/"],
                stdout=log, stderr=subprocess.STDOUT))
            nodes.append(port)
        a, b = (f"http://127.0.0.1:{port}" for port in nodes)
        for base in (a, b):
            wait_for(f"{base}/_health/ready", f"node {base}")
        processes.append(start_nginx(work, nodes, lb_port))
        wait_for(f"{lb}/_health/", "nginx")
        summary = run(work, token, a, b, lb)
        if args.postgres_dir:
            database_down(work, token, a, args.postgres_dir)
        # Last: it stops the upstream, and then no new project can be created (its name unchecked).
        proxied(work, token, a, b, upstream_process)
        print(f"scale-e2e: OK ({summary}; a proxied page and file shared by the nodes)", flush=True)
    finally:
        e2ekit.stop_all(processes)


def start_upstream(args, work, processes):
    """A third server (SQLite, files) holding `proxied-beta` 1.0, which the nodes proxy."""
    data = work / "upstream"
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "upstream", "--email", "upstream@example.org", "--password-stdin",
        stdin=base64.b64encode(os.urandom(18)).decode() + "\n")
    token = cli("token", "create", "upstream")
    port = free_port()
    process = subprocess.Popen(
        [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data), "--no-access-log"],
        stdout=open(work / "upstream.log", "w"), stderr=subprocess.STDOUT)
    processes.append(process)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/simple/", "the upstream")
    beta = wheel(work / "dist", "proxied-beta", "1.0", b"BETA = 1\n")
    status, message = upload(base, token, beta, "proxied-beta", "1.0")
    check(status == 200, f"the upstream holds proxied-beta 1.0 ({status} {message[:100]})")
    return base, process


def proxied(work, token, a, b, upstream_process):
    """Node A fetches a proxied page and file; with the upstream stopped, node B answers both: the
    page from the database, the file from the bucket."""
    print("== a proxied project: fetched through node A, answered by node B with the upstream stopped", flush=True)
    status, headers, body = get(f"{a}/simple/proxied-beta/", "application/vnd.pypi.simple.v1+json")
    check(status == 200 and headers.get("X-Cheeseshop-Upstream") == "fresh",
          f"node A proxies proxied-beta's page ({status}, {headers.get('X-Cheeseshop-Upstream')})")
    file = json.loads(body)["files"][0]
    path = "/proxy/" + file["url"].split("/proxy/", 1)[1]
    status, _, content = get(f"{a}{path}")
    check(status == 200 and hashlib.sha256(content).hexdigest() == file["hashes"]["sha256"],
          f"node A fetched {file['filename']} from upstream with its sha256")
    upstream_process.terminate()
    upstream_process.wait(timeout=30)
    status, headers, body = get(f"{b}/simple/proxied-beta/", "application/vnd.pypi.simple.v1+json")
    check(status == 200 and [f["filename"] for f in json.loads(body)["files"]] == [file["filename"]],
          f"the upstream stopped, node B answers the page node A fetched (kept in the database) ({status})")
    status, _, content = get(f"{b}{path}")
    check(status == 200 and hashlib.sha256(content).hexdigest() == file["hashes"]["sha256"],
          f"and serves the file node A stored in the bucket ({status})")
    fresh = wheel(work / "dist", "unchecked-name", "1.0", b"X = 1\n")
    status, message = upload(a, token, fresh, "unchecked-name", "1.0")
    check(status == 503 and "could not be asked" in message,
          f"a new project cannot be created while the upstream cannot be asked about its name ({status})")


def run(work, token, a, b, lb):
    dist = work / "dist"
    env = dict(os.environ, TWINE_USERNAME="__token__", TWINE_PASSWORD=token)
    print("== twine uploads through node A, pip installs through node B (redirected to S3) and nginx", flush=True)
    alpha = wheel(dist, "scale-alpha", "1.0", b"ANSWER = 42\n")
    result = subprocess.run([sys.executable, "-m", "twine", "upload", "--non-interactive", "--repository-url",
                             f"{a}/legacy/", str(alpha)], env=env, capture_output=True, text=True)
    check(result.returncode == 0, f"twine uploaded {alpha.name} through node A ({result.stderr.strip()[-200:]})")
    for where, base in (("node B", b), ("nginx", lb)):
        target = work / f"installed-{where.replace(' ', '-')}"
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-cache-dir",
                                 "--disable-pip-version-check", "--target", str(target), "--index-url",
                                 f"{base}/simple/", "scale-alpha==1.0"], capture_output=True, text=True)
        check(result.returncode == 0, f"pip installed scale-alpha through {where} ({result.stderr.strip()[-200:]})")
        check((target / "scale_alpha.py").read_text() == "ANSWER = 42\n", f"the installed module is intact ({where})")

    status, headers, _ = get(f"{b}/packages/" + files_of(a, "scale-alpha")[1][0]["url"].split("/packages/")[1])
    check(status == 200, "node B's download redirect leads to the file (urllib follows it)")
    access = (work / "nginx" / "logs" / "access.log").read_text()
    check(" 302 " in access and "/packages/" in access,
          "file links go through nginx, and node B's answers there are redirects to the bucket")
    print("== concurrent uploads through both nodes", flush=True)
    bases = [a, b]
    same = wheel(dist, "race-same", "1.0", b"same = 1\n")
    conflicting = []
    for index in range(8):
        directory = dist / f"conflict{index}"
        directory.mkdir()
        conflicting.append(wheel(directory, "race-conflict", "1.0", f"variant = {index}\n".encode()))
    many = [wheel(dist, "race-many", "1.0", f"build = {index}\n".encode(), build=str(index + 1)) for index in range(8)]
    projects = [wheel(dist, f"race-project-{index}", "1.0", b"x = 1\n") for index in range(8)]
    with SerialWatcher(f"{a}/simple/race-many/") as on_a, SerialWatcher(f"{b}/simple/race-many/") as on_b, \
            SerialWatcher(f"{a}/simple/", "application/vnd.pypi.simple.v1+json") as root_a, \
            SerialWatcher(f"{b}/simple/", "application/vnd.pypi.simple.v1+json") as root_b, \
            concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        same_results = list(pool.map(lambda i: upload(bases[i % 2], token, same, "race-same", "1.0"), range(8)))
        conflict_results = list(pool.map(
            lambda i: upload(bases[i % 2], token, conflicting[i], "race-conflict", "1.0"), range(8)))
        many_results = list(pool.map(lambda i: upload(bases[i % 2], token, many[i], "race-many", "1.0"), range(8)))
        project_results = list(pool.map(
            lambda i: upload(bases[i % 2], token, projects[i], f"race-project-{i}", "1.0"), range(8)))
        time.sleep(REFRESH * 3)
        # Each watcher reads on after the uploads (node B's race-many page answers only once B
        # has read the journal): a few more reads each, however slow the machine.
        watchers = (on_a, on_b, root_a, root_b)
        marks = [len(watcher.seen) for watcher in watchers]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(
                len(watcher.seen) < mark + 3 for watcher, mark in zip(watchers, marks)):
            time.sleep(0.1)
    check(all(status == 200 for status, _ in same_results),
          f"8 identical uploads of one file through both nodes all succeed: {[s for s, _ in same_results]}")
    _, listed = files_of(a, "race-same")
    check(len(listed) == 1, "and the file is stored once")
    statuses = [status for status, _ in conflict_results]
    check(statuses.count(200) == 1 and statuses.count(400) == 7,
          f"one filename with 8 different contents: exactly one accepted, 7 refused: {statuses}")
    others = [message[:160] for status, message in conflict_results if status == 400 and "File already exists" not in message]
    check(not others, f"the refusals say 'File already exists' {others[:2]}")
    winner = conflicting[statuses.index(200)]
    _, listed = files_of(b, "race-conflict")
    check([f["hashes"]["sha256"] for f in listed] == [hashlib.sha256(winner.read_bytes()).hexdigest()],
          "the stored file is the accepted upload's, seen through node B")
    check(all(status == 200 for status, _ in many_results),
          f"8 files of one new release through both nodes all succeed: {[s for s, _ in many_results]}")
    _, listed = files_of(b, "race-many")
    check(sorted(f["filename"] for f in listed) == sorted(p.name for p in many), "one release holds all 8 files")
    status, _, body = get(f"{a}/pypi/race-many/json")
    check(status == 200 and list(json.loads(body)["releases"]) == ["1.0"], "and there is exactly one release")
    check(all(status == 200 for status, _ in project_results), "8 new projects at once all succeed")

    for watcher, what in ((on_a, "node A's race-many page"), (on_b, "node B's race-many page"),
                          (root_a, "node A's /simple/"), (root_b, "node B's /simple/")):
        check(len(watcher.seen) > 0 and watcher.seen == sorted(watcher.seen),
              f"serials never decrease on {what} ({len(watcher.seen)} reads, {watcher.seen[:1]}..{watcher.seen[-1:]})")

    print("== download counts from both nodes add up (the same rows written by each)", flush=True)
    url = files_of(a, "race-same")[1][0]["url"]
    path = "/packages/" + url.split("/packages/")[1]
    agent = 'pip/24.0 {"installer":{"name":"pip","version":"24.0"},"python":"3.12.1","system":{"name":"Linux"}}'

    def download(index):
        request = urllib.request.Request(f"{bases[index % 2]}{path}", headers={"User-Agent": agent})
        with urllib.request.urlopen(request, timeout=60) as response:
            return len(response.read())
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        sizes = list(pool.map(download, range(40)))
    check(len(set(sizes)) == 1 and sizes[0] > 0, "40 downloads of one file, 20 through each node")

    def counted(base):
        status, _, body = get(f"{base}/api/packages/race-same/overall?mirrors=true")
        return sum(row["downloads"] for row in json.loads(body)["data"]) if status == 200 else -1
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not counted(a) == counted(b) == 40:
        time.sleep(0.2)
    check(counted(a) == counted(b) == 40, f"both nodes' counts add up to 40 in PostgreSQL ({counted(a)}, {counted(b)})")

    print("== both nodes converge (each reads the journal every REFRESH seconds)", flush=True)
    # A generous bound: on a loaded machine the nodes' journal reads come late.
    deadline = time.monotonic() + 120
    while True:
        pages = {}
        for base in (a, b, lb):
            status, headers, body = get(f"{base}/simple/", "application/vnd.pypi.simple.v1+json")
            pages[base] = (headers.get("X-PyPI-Last-Serial"), len(json.loads(body)["projects"]))
        if len(set(pages.values())) == 1 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    check(len(set(pages.values())) == 1, f"nodes A, B and nginx serve the same /simple/ (serial, projects): {pages}")
    serial, count = pages[a]
    check(count == 1 + 1 + 1 + 1 + 8, f"/simple/ lists the 12 projects ({count})")
    return f"2 nodes, PostgreSQL, S3, nginx; serial {serial}, {count} projects"



def database_down(work, token, a, cluster):
    """PostgreSQL stopped: pages the node holds and files still answer, an upload answers 503
    within seconds (never hangs); started again, uploads work."""
    print("== the database stops", flush=True)
    page = f"{a}/simple/scale-alpha/"
    status, _, body = get(page, "application/vnd.pypi.simple.v1+json")
    file_url = a + "/" + json.loads(body)["files"][0]["url"].split("/", 3)[3]
    check(status == 200 and get(file_url)[0] == 200, "the page and its file are read before the database stops")
    script = Path(__file__).resolve().parent / "postgres.sh"
    subprocess.run(["bash", str(script), "stop", cluster], check=True, capture_output=True)
    try:
        time.sleep(REFRESH * 2)
        status, _, _ = get(page, "application/vnd.pypi.simple.v1+json")
        check(status == 200, f"with the database stopped, the cached simple page still answers ({status})")
        check(get(file_url)[0] == 200, "and so does its file")
        status, _, body = get(f"{a}/_health/ready")
        check(status == 503 and json.loads(body)["database"] == "unavailable",
              f"/_health/ready answers 503 naming the database ({status} {body[:120]!r})")
        check(get(f"{a}/_health/live")[0] == 200, "while /_health/live answers 200")
        late = wheel(work / "dist", "scale-late", "1.0", b"LATE = 1\n")
        started = time.monotonic()
        status, message = upload(a, token, late, "scale-late", "1.0")
        took = time.monotonic() - started
        # Not a hang: well under the client's 120 s timeout (the node gives up on the pool
        # after 3 s; the bound leaves room for a loaded machine).
        check(status == 503 and took < 60, f"an upload answers 503 in {took:.1f} s, not a hang: {status} {message[:120]}")
        started = time.monotonic()
        status, _ = upload(a, token, late, "scale-late", "1.0")
        took = time.monotonic() - started
        check(status == 503 and took < 60, f"and again in {took:.1f} s")
    finally:
        subprocess.run(["bash", str(script), "start", cluster], check=True, capture_output=True)
    deadline = time.monotonic() + 120
    while True:
        status, message = upload(a, token, late, "scale-late", "1.0")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    check(status == 200, f"with the database back, the upload is taken ({status} {message[:120]})")
    status, _, body = get(f"{a}/_health/ready")
    check(status == 200 and json.loads(body)["status"] == "ready", f"and /_health/ready answers 200 ({body[:120]!r})")


if __name__ == "__main__":
    main()
