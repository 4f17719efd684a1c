#!/usr/bin/env python3
"""The pull-through proxy, end to end (`serve --upstream`), with real pip and uv:

1. Upstream A, a Cheeseshop holding the corpus (its request log on); a proxy in front of it
   (`--upstream-ttl 2s`) answers its pages with file URLs of its own (`/proxy/<sha256>/<file>`,
   JSON and HTML, PEP 658 metadata passed through), lists only local projects in `/simple/`,
   404 for a name on no upstream; pip and uv install the corpus's lock file through it with
   `--require-hashes`, the hashes taken from A.
2. Private names: an upload creating `acme-shared` (on A) is refused; after
   `cheeseshop name reserve 'acme-*'` it is taken and the local project wins whole;
   `acme-other` (only on A) is no longer proxied. Its Owner allows merging with upstream
   (management API): A's 1.0 is listed beside the local 2.0; disallowed, the local file alone.
3. Eight concurrent requests of one uncached file from a fresh proxy: the same right bytes for
   all, one request upstream (A's request log).
4. Cool-down: `--upstream-exclude-newer 1h` hides A's just-uploaded files (page and URLs);
   `--upstream-exclude-newer-exempt` lists them again.
5. A is stopped: pages answer stale (`X-Cheeseshop-Upstream: stale`, `Warning: 110`), pip and uv install the lock file again from the proxy's store
   alone; a never-fetched project is 502.
6. Upstream B, nginx serving `cheeseshop export` of A's data with one file tampered: a proxy in
   front of it serves the other files (pip installs the lock with hashes), and cuts the
   tampered file off, twice (nothing kept).

    proxy-e2e.py --cheeseshop BIN --work DIR --corpus DIR

Prints `proxy-e2e: OK ...` on success.
"""
import base64
import concurrent.futures
import hashlib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import urllib.error
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import wait  # noqa: E402
from distkit import build_wheel  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

JSON = "application/vnd.pypi.simple.v1+json"
REPORT = Reporter("proxy-e2e")
check, fail = REPORT.check, REPORT.fail
TTL = 2
# How soon a cached page must be answered stale when upstream refuses connections (the proxy gives
# upstream 2 s); well under the upstream connect timeout (10 s).
REFUSAL = "is a project on the upstream index"


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def fetch(url, timeout=30):
    """(status, headers, body, error) of a GET read to its end: `error` is what cut the body off
    (the partial body is kept), `status` None when no answer came."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        headers = response.headers  # case-insensitive
        try:
            return response.status, headers, response.read(), None
        except http.client.IncompleteRead as error:
            return response.status, headers, error.partial, error
        except (OSError, http.client.HTTPException) as error:
            return response.status, headers, b"", error
    except (OSError, http.client.HTTPException) as error:
        return None, {}, b"", error
    finally:
        connection.close()


def page(base, name, accept=JSON):
    """(status, headers, parsed JSON page or raw body) of `/simple/<name>/`."""
    status, headers, body = get(f"{base}/simple/{name}/", accept)
    return status, headers, json.loads(body) if status == 200 and accept == JSON else body


class Servers:
    """The processes started, their logs in the work folder."""

    def __init__(self, binary, work):
        self.binary, self.work, self.processes = binary, work, []

    def serve(self, label, data, *extra):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
             "--new-project-limit", "1000 per hour", *extra],
            stdout=open(self.work / f"{label}.log", "a"), stderr=subprocess.STDOUT)
        self.processes.append(process)
        e2ekit.wait_for(f"{base}/_health/", label, REPORT)
        return process, base

    def proxy(self, label, upstream, *extra):
        return self.serve(label, self.work / label, "--no-access-log", "--upstream", f"{upstream}/simple/",
                          "--upstream-ttl", f"{TTL}s", *extra)[1]


def user_token(binary, data, user):
    cli = e2ekit.cheeseshop_cli(binary, REPORT, "--data", str(data))
    cli("user", "create", user, "--email", f"{user}@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    return cli, cli("token", "create", user)


def demo_wheel(work, name, version):
    return build_wheel(work / "dist", name, version,
                       f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
                       {f"{name.replace('-', '_')}.py": f"v = {version!r}\n".encode()}, "proxy-e2e")


def main():
    args, work = e2ekit.arguments_and_work("--corpus")
    (work / "dist").mkdir()
    corpus = Path(args.corpus).resolve()
    started = time.monotonic()
    servers = Servers(args.cheeseshop, work)
    # nginx's workers run as an unprivileged user: the export lives in a world-readable folder.
    export = Path(tempfile.mkdtemp(prefix="cheeseshop-proxy-export-"))
    export.chmod(0o755)
    try:
        summary = run(args, work, corpus, servers, export)
    finally:
        e2ekit.stop_all(servers.processes)
        shutil.rmtree(export, ignore_errors=True)
    print(f"proxy-e2e: OK ({summary}; {time.monotonic() - started:.0f} s)", flush=True)


def run(args, work, corpus, servers, export):
    upstream_data = work / "upstream-a"
    _, token = user_token(args.cheeseshop, upstream_data, "upstream")
    # A's request log is on: it counts the proxy's requests for one file.
    upstream_process, upstream = servers.serve("upstream-a", upstream_data)
    uploads = sorted(p for p in corpus.iterdir() if p.suffix in (".whl", ".gz", ".zip"))
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda path: e2ekit.corpus_upload(upstream, token, path), uploads))
    refused = [(path.name, answer) for path, answer in zip(uploads, answers) if answer[0] != 200]
    check(not refused, f"upstream A: the corpus uploaded ({len(uploads)} files) {refused[:3]}")
    for name in ("acme-shared", "acme-other"):
        check(e2ekit.legacy_upload(upstream, token, demo_wheel(work, name, "1.0"), name, "1.0")[0] == 200,
              f"upstream A: {name} 1.0 uploaded")
    upstream_projects = {normalize(p["name"]) for p in json.loads(get(f"{upstream}/simple/", JSON)[2])["projects"]}
    hashed = hashed_lock(work, corpus, upstream)

    proxy_data = work / "proxy"
    proxy_cli, proxy_token = user_token(args.cheeseshop, proxy_data, "private")
    proxy = servers.proxy("proxy", upstream)
    check_pages(upstream, proxy)
    check_installs(work, proxy, hashed, "fresh", "through the proxy (upstream A up)")
    check_private_names(work, upstream, proxy, proxy_cli, proxy_token)
    check_concurrency(work, upstream, servers.proxy("proxy-concurrent", upstream), corpus)
    check_cooldown(upstream, proxy, servers)

    upstream_process.terminate()
    upstream_process.wait(timeout=60)
    check(e2ekit.get_or_none(f"{upstream}/simple/") is None, "upstream A is stopped")
    stopped = time.monotonic()
    while True:  # the request that finds the page stale is the first to try upstream A since
        asked = time.monotonic()
        answer = get(f"{proxy}/simple/flask/", JSON)
        stale_took = time.monotonic() - asked
        if answer[1].get("X-Cheeseshop-Upstream") == "stale" or asked - stopped > 30 + TTL:
            break
        time.sleep(0.2)
    check(answer[0] == 200 and answer[1].get("X-Cheeseshop-Upstream") == "stale"
          and answer[1].get("Warning", "").startswith("110 "),
          f"past the TTL the proxy answers flask's page stale ({time.monotonic() - stopped:.1f} s after the stop, "
          f"that answer in {stale_took:.1f} s; Warning: {answer[1].get('Warning')})")
    stale_install = check_installs(work, proxy, hashed, "stale", "from the proxy's store alone (upstream A stopped)")
    requested = {normalize(line.split("==")[0]) for line in hashed.read_text().splitlines()}
    never = sorted(upstream_projects - requested - {"flask", "click", "acme-shared", "acme-other"})[0]
    status, _, body = get(f"{proxy}/simple/{never}/", JSON)
    check(status == 502, f"upstream stopped: {never}, never fetched, answers 502 ({status} {body[:100]!r})")

    check_tampered_upstream(args, work, servers, upstream_data, export, hashed, requested)
    # Reported, not asserted (tests never race the clock): how long installs waited on a dead
    # upstream. That a failed upstream is not asked again for every project is a unit test's.
    print(f"  info: with upstream A down, the first stale page took {stale_took:.1f} s; pip's install "
          f"{stale_install['pip']:.0f} s", flush=True)
    return (f"{len(uploads)} corpus files; pip and uv --require-hashes through the proxy, again with the "
            "upstream stopped (stale pages), and through a proxy of a static nginx export; a tampered file "
            "cut off twice; private names and the upload guard; cool-down; 8 concurrent misses made 1 "
            "upstream request; 502 uncached")


def hashed_lock(work, corpus, upstream):
    """The corpus's lock file with every file's sha256 of each pinned release, from upstream A."""
    def hashes_of(name, version):
        status, _, body = get(f"{upstream}/pypi/{normalize(name)}/json")
        files = json.loads(body)["releases"].get(version, []) if status == 200 else []
        return [f["digests"]["sha256"] for f in files]
    return e2ekit.hashed_lock(work / "hashed.txt", (corpus / "lock.txt").read_text().split(), hashes_of, REPORT)


def check_pages(upstream, proxy):
    """The proxied page is upstream's with links of the proxy's own."""
    _, _, expected = page(upstream, "flask")
    status, headers, proxied = page(proxy, "flask")
    check(status == 200 and headers.get("X-Cheeseshop-Upstream") == "fresh",
          f"the proxy answers flask's page from upstream A (X-Cheeseshop-Upstream: "
          f"{headers.get('X-Cheeseshop-Upstream')})")
    upstream_files = {f["filename"]: f["hashes"]["sha256"] for f in expected["files"]}
    proxied_files = {f["filename"]: f["hashes"]["sha256"] for f in proxied["files"]}
    check(proxied_files == upstream_files and proxied["versions"] == expected["versions"],
          f"it lists upstream's {len(upstream_files)} files and versions with their hashes")
    check(all(f["url"] == f"/proxy/{f['hashes']['sha256']}/{f['filename']}" for f in proxied["files"]),
          f"its links are the proxy's own, root-relative ({proxied['files'][0]['url'][:50]}...)")
    wheel = next(f for f in proxied["files"] if f["filename"].endswith(".whl"))
    upstream_wheel = next(f for f in expected["files"] if f["filename"] == wheel["filename"])
    check(wheel.get("core-metadata") == upstream_wheel.get("core-metadata") and wheel.get("core-metadata"),
          f"the JSON page passes the wheel's core-metadata on ({wheel.get('core-metadata')})")
    status, _, metadata = get(f"{proxy}{wheel['url']}.metadata")
    check(status == 200 and hashlib.sha256(metadata).hexdigest() == wheel["core-metadata"]["sha256"],
          "its PEP 658 .metadata is served with that hash")
    status, headers, body = fetch(f"{proxy}{wheel['url']}")[:3]
    check(status == 200 and hashlib.sha256(body).hexdigest() == wheel["hashes"]["sha256"],
          f"{wheel['filename']} downloads through the proxy with its sha256")
    status, headers, html = page(proxy, "flask", "text/html")
    links = re.findall(rb'href="([^"]+)"', html)
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html")
          and {link.decode() for link in links} == {f"{f['url']}#sha256={f['hashes']['sha256']}"
                                                    for f in proxied["files"]},
          f"the HTML page links the same files ({len(links)} links)")
    status, _, root = get(f"{proxy}/simple/", JSON)
    check(status == 200 and json.loads(root)["projects"] == [], "the proxy's /simple/ lists no upstream project")
    status, _, _ = get(f"{proxy}/simple/no-such-project-anywhere/", JSON)
    check(status == 404, f"a name on no upstream is 404 ({status})")


def pip_install(index, hashed, target):
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--disable-pip-version-check",
         "--require-hashes", "--index-url", f"{index}/simple/", "--only-binary", ":all:",
         "--target", str(target), "-r", str(hashed)], capture_output=True, text=True)


def uv_install(index, hashed, target):
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    return subprocess.run(
        [uv, "pip", "install", "--quiet", "--no-cache", "--require-hashes", "--python", sys.executable,
         "--target", str(target), "--index-url", f"{index}/simple/", "--only-binary", ":all:", "-r", str(hashed)],
        capture_output=True, text=True)


def check_installs(work, proxy, hashed, freshness, how):
    """pip and uv install the hashed lock file through `proxy` into fresh targets; then every
    pinned project's page answers with `freshness`."""
    count = len(hashed.read_text().splitlines())
    seconds = {}
    for client, install in (("pip", pip_install), ("uv", uv_install)):
        target = work / f"{client}-target-{freshness}"
        start = time.monotonic()
        result = install(proxy, hashed, target)
        seconds[client] = time.monotonic() - start
        check(result.returncode == 0 and len(list(target.glob("*.dist-info"))) == count,
              f"{client} installed {count} pinned, hashed requirements {how} in {seconds[client]:.1f} s "
              + (result.stderr[-800:] if result.returncode else ""))
    names = [normalize(line.split("==")[0]) for line in hashed.read_text().splitlines()]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = dict(zip(names, pool.map(lambda name: get(f"{proxy}/simple/{name}/", JSON), names)))
    wrong = {name: (a[0], a[1].get("X-Cheeseshop-Upstream")) for name, a in answers.items()
             if a[0] != 200 or a[1].get("X-Cheeseshop-Upstream") != freshness}
    check(not wrong, f"and the {len(names)} pages answer X-Cheeseshop-Upstream: {freshness} {list(wrong.items())[:3]}")
    return seconds


def check_private_names(work, upstream, proxy, cli, token):
    """An upload may not create a project upstream has, until its name is reserved; then the
    local project wins whole, and a reserved name is never proxied."""
    wheel = demo_wheel(work, "acme-shared", "2.0")
    status, message = e2ekit.legacy_upload(proxy, token, wheel, "acme-shared", "2.0")
    check(status == 400 and REFUSAL in message,
          f"uploading acme-shared 2.0 to the proxy (A has 1.0) is refused: {status} {message[:110]}...")
    status, headers, _ = page(proxy, "acme-other")
    check(status == 200 and headers.get("X-Cheeseshop-Upstream") == "fresh", "acme-other is proxied from A")
    cli("name", "reserve", "acme-*")
    check(cli("name", "reserved").split() == ["acme-*"], "`cheeseshop name reserve 'acme-*'` (name reserved lists it)")
    accepted, waited = wait(lambda: (lambda a: a if a[0] == 200 else None)(
        e2ekit.legacy_upload(proxy, token, wheel, "acme-shared", "2.0")), 60, step=0.5)
    check(accepted, f"then the upload of acme-shared 2.0 is taken ({waited:.1f} s after the reservation) "
          f"{'' if accepted else e2ekit.legacy_upload(proxy, token, wheel, 'acme-shared', '2.0')}")
    status, headers, local = page(proxy, "acme-shared")
    check(status == 200 and [f["filename"] for f in local["files"]] == [wheel.name]
          and local["versions"] == ["2.0"] and all(f["url"].startswith("/packages/") for f in local["files"])
          and "X-Cheeseshop-Upstream" not in headers,
          f"/simple/acme-shared/ lists only the local 2.0, none of A's 1.0 ({[f['filename'] for f in local['files']]})")
    gone, waited = wait(lambda: get(f"{proxy}/simple/acme-other/", JSON)[0] == 404, 60)
    check(gone, f"acme-other, reserved and only on A, is 404 on the proxy ({waited:.1f} s after the reservation)")
    status, _, root = get(f"{proxy}/simple/", JSON)
    check([p["name"] for p in json.loads(root)["projects"]] == ["acme-shared"],
          "the proxy's /simple/ lists only its local project")
    check_merge(proxy, cli, token, wheel.name)


def check_merge(proxy, cli, token, local_file):
    """The Owners of a hosted project allow merging with upstream (management API): its page then
    lists A's files beside its own; disallowed, its own alone again."""
    cli("name", "unreserve", "acme-*")
    check(cli("name", "reserved") == "", "`cheeseshop name unreserve 'acme-*'` empties the private names")

    def files():
        status, headers, body = page(proxy, "acme-shared")
        return status, headers.get("X-Cheeseshop-Upstream"), sorted(f["filename"] for f in body["files"])

    status, source, listed = files()
    check(status == 200 and source is None and listed == [local_file],
          f"unreserved, the hosted acme-shared still wins whole by default ({listed})")
    for action, expected, tag in (("allow", 2, "merged"), ("disallow", 1, None)):
        answer = manage(proxy, token, f"/api/projects/acme-shared/upstream-merge/{action}")
        check(answer[0] == 200, f"POST /api/projects/acme-shared/upstream-merge/{action} as its Owner ({answer})")
        seen, waited = wait(lambda: (lambda f: f if len(f[2]) == expected and f[1] == tag else None)(files()), 60)
        check(seen and local_file in seen[2],
              f"then /simple/acme-shared/ lists {expected} file(s), X-Cheeseshop-Upstream {tag} ({files()})")
    other = manage(proxy, "pypi-not-a-token", "/api/projects/acme-shared/upstream-merge/allow")
    check(other[0] == 403, f"a bad token may not allow the merge ({other[0]})")


def manage(base, token, path):
    auth = base64.b64encode(f"__token__:{token}".encode()).decode()
    request = urllib.request.Request(f"{base}{path}", data=b"{}", method="POST",
                                     headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()[:200]
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:200]


def upstream_requests(log, path):
    pattern = re.compile(r'(^|\s)path="?' + re.escape(path) + r'"?(\s|$)')
    return sum(1 for line in log.read_text(errors="replace").splitlines() if pattern.search(line))


def check_concurrency(work, upstream, proxy, corpus):
    """Eight simultaneous first requests of one file: one upstream request, the right bytes."""
    log = work / "upstream-a.log"
    # The largest wheel no proxy has asked A for yet.
    for largest in sorted((p for p in corpus.iterdir() if p.suffix == ".whl"), key=lambda p: -p.stat().st_size):
        name = normalize(largest.name.split("-")[0])
        upstream_file = next(f for f in page(upstream, name)[2]["files"] if f["filename"] == largest.name)
        upstream_path = urllib.parse.urlsplit(urllib.parse.urljoin(f"{upstream}/", upstream_file["url"])).path
        if upstream_requests(log, upstream_path) == 0:
            break
    check(upstream_requests(log, upstream_path) == 0, f"{largest.name} ({largest.stat().st_size >> 10} KiB) "
          "was never requested from A")
    status, _, proxied = page(proxy, name)
    url = next(f["url"] for f in proxied["files"] if f["filename"] == largest.name)
    barrier = threading.Barrier(8)

    def one(_):
        barrier.wait()
        return fetch(f"{proxy}{url}")

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, range(8)))
    expected = upstream_file["hashes"]["sha256"]
    wrong = [(a[0], len(a[2]), a[3]) for a in answers
             if a[0] != 200 or a[3] is not None or hashlib.sha256(a[2]).hexdigest() != expected]
    check(not wrong, f"8 concurrent requests of it from a fresh proxy all got its bytes {wrong[:3]}")
    seen, _ = wait(lambda: upstream_requests(log, upstream_path), 30)
    time.sleep(1.5)  # the request log is written in batches: later lines would show by now
    count = upstream_requests(log, upstream_path)
    check(seen and count == 1, f"A's request log shows exactly one request for it ({count})")
    status, _, body, error = fetch(f"{proxy}{url}")
    time.sleep(1.5)
    check(status == 200 and error is None and hashlib.sha256(body).hexdigest() == expected
          and upstream_requests(log, upstream_path) == 1, "a ninth request is served from the proxy's store")


def check_cooldown(upstream, proxy, servers):
    """`--upstream-exclude-newer 1h` hides A's files, all uploaded just now; an exempt project's
    files are listed."""
    cooling = servers.proxy("proxy-cooldown", upstream, "--upstream-exclude-newer", "1h")
    exempt = servers.proxy("proxy-cooldown-exempt", upstream, "--upstream-exclude-newer", "1h",
                           "--upstream-exclude-newer-exempt", "flask")
    _, _, listed = page(proxy, "flask")
    status, headers, hidden = page(cooling, "flask")
    check(status == 200 and hidden["files"] == [],
          f"with --upstream-exclude-newer 1h flask's page lists no files (A's {len(listed['files'])} are minutes old)")
    status, _, html = page(cooling, "flask", "text/html")
    check(status == 200 and b"<a " not in html, "nor does its HTML page")
    statuses = [get(f"{cooling}{f['url']}")[0] for f in listed["files"]]
    check(statuses == [404] * len(statuses), f"and its file URLs answer 404 ({statuses})")
    status, _, shown = page(exempt, "flask")
    check(status == 200 and {f["filename"] for f in shown["files"]} == {f["filename"] for f in listed["files"]},
          f"with --upstream-exclude-newer-exempt flask they are listed ({len(shown['files'])} files)")
    wheel = shown["files"][0]
    status, _, body = get(f"{exempt}{wheel['url']}")
    check(status == 200 and hashlib.sha256(body).hexdigest() == wheel["hashes"]["sha256"],
          "and download with their sha256")
    status, _, other = page(exempt, "click")
    check(status == 200 and other["files"] == [], "while click, not exempt, still lists none")


def check_tampered_upstream(args, work, servers, upstream_data, export, hashed, requested):
    """Upstream B: nginx serving the export of A's data, one file's bytes changed."""
    nginx_port = free_port()
    nginx_base = f"http://127.0.0.1:{nginx_port}"
    e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(upstream_data))(
        "export", "--to", str(export), "--nginx-listen", f"127.0.0.1:{nginx_port}")
    nginx = e2ekit.start_export_nginx(work, export)
    servers.processes.append(nginx)
    e2ekit.wait_for(f"{nginx_base}/simple/", "nginx", REPORT)
    # The tampered file: the largest of a project with several files that the lock does not pin.
    candidates = []
    for name in sorted({normalize(p["name"]) for p in json.loads(get(f"{nginx_base}/simple/", JSON)[2])["projects"]}
                       - requested):
        files = page(nginx_base, name)[2]["files"]
        if len(files) > 1:
            candidates.append((name, files))
    name, files = max(candidates, key=lambda c: len(c[1]))
    victim = max(files, key=lambda f: f["size"])
    path = export / urllib.parse.unquote(victim["url"]).lstrip("/")
    original = path.read_bytes()
    tampered = bytearray(original)
    for offset in range(len(tampered) // 2, len(tampered) // 2 + 64):
        tampered[offset] ^= 0xFF
    replacement = path.with_name(path.name + ".tampered")
    replacement.write_bytes(bytes(tampered))
    replacement.chmod(0o644)
    os.replace(replacement, path)  # a new file: whatever the export linked stays intact
    status, _, served = get(f"{nginx_base}{victim['url']}")
    check(status == 200 and len(served) == len(original)
          and hashlib.sha256(served).hexdigest() != victim["hashes"]["sha256"],
          f"nginx serves the export of A's data with {victim['filename']} tampered (same size, other sha256)")

    proxy = servers.proxy("proxy-static", nginx_base)
    status, headers, proxied = page(proxy, name)
    check(status == 200 and headers.get("X-Cheeseshop-Upstream") == "fresh"
          and {f["filename"]: f["hashes"]["sha256"] for f in proxied["files"]}
          == {f["filename"]: f["hashes"]["sha256"] for f in files},
          f"a proxy of nginx lists {name}'s {len(files)} files with the export's hashes")
    by_name = {f["filename"]: f for f in proxied["files"]}
    good = [f for f in proxied["files"] if f["filename"] != victim["filename"]]
    answers = [fetch(f"{proxy}{f['url']}") for f in good]
    check(all(a[0] == 200 and a[3] is None and hashlib.sha256(a[2]).hexdigest() == f["hashes"]["sha256"]
              for a, f in zip(answers, good)),
          f"its {len(good)} untampered files download with their sha256")
    for attempt in ("first", "second"):
        status, headers, body, error = fetch(f"{proxy}{by_name[victim['filename']]['url']}")
        announced = int(headers.get("Content-Length", -1))
        complete = status == 200 and error is None and len(body) == announced
        check(not complete and body != bytes(tampered) and len(body) < len(original),
              f"the tampered file's {attempt} request fails: status {status}, {len(body)} of "
              f"{announced} announced bytes ({type(error).__name__ if error else 'no error'})")
    result = pip_install(proxy, hashed, work / "pip-target-static")
    check(result.returncode == 0, "pip installed the lock file with --require-hashes through the proxy of nginx "
          + (result.stderr[-800:] if result.returncode else ""))


if __name__ == "__main__":
    main()
