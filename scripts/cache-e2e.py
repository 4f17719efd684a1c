"""Varnish in front of Cheeseshop, end to end (issue 7), with real pip:

- the real corpus (.conformance/corpus, ~170 wheels and sdists) is uploaded with twine;
- through Varnish (deploy/varnish.vcl), a simple page, a JSON document and a file are misses
  the first time and hits the second;
- an upload purges exactly its project's keys (from the outbox, through --purge-varnish): the
  next request through Varnish shows the new file, another project's page stays a hit; the
  same purge reaches a Fastly-style API (soft purge, with the token) and a signed webhook,
  both played by a recording server here;
- the origin runs as deploy/varnish.vcl says (no --base-url): its simple pages link files and
  metadata root-relative, so pip installs the corpus's lock file through Varnish, again with
  every request a hit (files and .metadata included, nothing reaching the origin), and after a
  new upload of one of the lock's projects a third time, missing only that project's page;
- then the origin is stopped and pip installs it again from Varnish alone (stale-if-error);
- a web page is kept once per language (Accept-Language, or the language picker's cookie alone),
  each answer in its own language;
- with --bench N: pip installs the lock file N times through Varnish (fresh target, no pip
  cache) and prints Varnish's hit ratio and the origin's request count (BENCHMARKS.md).

    cache-e2e.py --cheeseshop BIN --work DIR --corpus DIR [--bench 20]

Prints `cache-e2e: OK ...` on success.
"""
import argparse
import concurrent.futures
import hashlib
import hmac
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from distkit import build_wheel  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WEBHOOK_SECRET = "cache-e2e-webhook-secret"
FASTLY_TOKEN = "cache-e2e-fastly-token"
JSON = "application/vnd.pypi.simple.v1+json"
REPORT = Reporter("cache-e2e")
fail, check = REPORT.fail, REPORT.check


def wait_for(url, what, seconds=60):
    e2ekit.wait_for(url, what, REPORT, seconds)




class Recorder(http.server.BaseHTTPRequestHandler):
    """Plays Fastly's purge API and a webhook receiver: records every request."""
    seen = []
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with Recorder.lock:
            Recorder.seen.append((self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *args):
        pass


def purge_delivered(key, seconds=120):
    """The recorded requests once the webhook (the last purger of a job) has had `key`; `[]`
    when it did not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with Recorder.lock:
            seen = list(Recorder.seen)
        if any(path == "/webhook" and key in json.loads(body)["keys"] for path, _, body in seen):
            return seen
        time.sleep(0.1)
    return []


def varnish_counters(name):
    output = subprocess.run(["varnishstat", "-n", name, "-1", "-j"], capture_output=True, text=True, check=True)
    data = json.loads(output.stdout)
    counters = data.get("counters", data)
    return {key: counters[key]["value"] for key in ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.backend_req",
                                                    "MAIN.cache_hitpass", "MAIN.cache_hitmiss")
            if key in counters}




def pip_install(python, index, lock, target):
    shutil.rmtree(target, ignore_errors=True)
    return subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--disable-pip-version-check",
         "--index-url", f"{index}/simple/", "--only-binary", ":all:", "--target", str(target),
         "-r", str(lock)], capture_output=True, text=True)


def install_counted(name, cache, lock, target):
    """pip installs `lock` through Varnish; what Varnish counted meanwhile."""
    before = varnish_counters(name)
    result = pip_install(sys.executable, cache, lock, target)
    check(result.returncode == 0, "pip installed the lock file through Varnish "
          + (result.stderr[-600:] if result.returncode else ""))
    after = varnish_counters(name)
    delta = {key: after[key] - before.get(key, 0) for key in after}
    return {"hits": delta.get("MAIN.cache_hit", 0),
            "misses": delta.get("MAIN.cache_miss", 0) + delta.get("MAIN.cache_hitmiss", 0)
            + delta.get("MAIN.cache_hitpass", 0),
            "origin": delta.get("MAIN.backend_req", 0)}


def pinned_project(lock):
    """The first project `name==version` of a lock file."""
    for line in lock.read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line and not line.startswith("-"):
            return line.split("==")[0].split("[")[0].strip()
    fail("no pinned project in the lock file")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--bench", type=int, default=0, help="pip installs to measure")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "dist").mkdir(parents=True)
    corpus = Path(args.corpus).resolve()
    data = work / "data"

    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))

    cli("user", "create", "cacher", "--email", "cacher@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "cacher")

    recorder = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=recorder.serve_forever, daemon=True).start()
    hooks = f"http://127.0.0.1:{recorder.server_address[1]}"

    origin_port, varnish_port = free_port(), free_port()
    origin = f"http://127.0.0.1:{origin_port}"
    cache = f"http://127.0.0.1:{varnish_port}"
    env = dict(os.environ, FASTLY_API_TOKEN=FASTLY_TOKEN, CHEESESHOP_PURGE_WEBHOOK_SECRET=WEBHOOK_SECRET)
    server_command = [
        args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(origin_port), "--data", str(data),
        "--new-project-limit", "1000 per hour",
        "--purge-varnish", cache, "--purge-fastly-service", "svc-e2e", "--purge-fastly-api", f"{hooks}/fastly",
        "--purge-webhook", f"{hooks}/webhook"]
    processes, cleanup = [], []
    try:
        server = subprocess.Popen(server_command, env=env, stdout=open(work / "server.log", "w"),
                                  stderr=subprocess.STDOUT)
        processes.append(server)
        wait_for(f"{origin}/_health/", "cheeseshop")
        varnish, name, varnish_home = e2ekit.start_varnish(work, origin_port, varnish_port)
        processes.append(varnish)
        cleanup.append(varnish_home)
        wait_for(f"{cache}/_health/", "varnish")
        run(args, work, corpus, token, origin, cache, name, server, env, server_command)
    finally:
        e2ekit.stop_all(processes)
        recorder.shutdown()
        for folder in cleanup:
            shutil.rmtree(folder, ignore_errors=True)


def check_languages(cache):
    """A web page through Varnish is kept once per language: English, German (Accept-Language)
    and Japanese (the picker's cookie, the only cookie) each come back in their language, as a
    hit the second time, never the kept page of another."""
    def page(language, cookie):
        headers = {"Accept-Language": language} if language else {}
        if cookie:
            headers["Cookie"] = cookie
        with urllib.request.urlopen(urllib.request.Request(cache + "/project/flask/", headers=headers),
                                    timeout=60) as response:
            return response.headers.get("X-Cache"), response.headers.get("Vary", ""), response.read().decode()
    for language, cookie, tag in [(None, None, "en"), ("de", None, "de"), (None, "cheeseshop_lang=ja", "ja"),
                                  ("de", "cheeseshop_lang=ja", "ja"), ("en-US,en;q=0.9", None, "en")]:
        hit, deadline = None, time.monotonic() + 60
        while hit != "HIT" and time.monotonic() < deadline:
            hit, vary, body = page(language, cookie)
            check(f'<html lang="{tag}">' in body and "Accept-Language" in vary,
                  f"/project/flask/ ({language}, {cookie}) through Varnish is in {tag} ({hit}; Vary: {vary})")
        check(hit == "HIT", f"/project/flask/ ({language}, {cookie}) in {tag} is kept by Varnish")


def run(args, work, corpus, token, origin, cache, name, server, env, server_command):
    twine_env = dict(os.environ, TWINE_USERNAME="__token__", TWINE_PASSWORD=token)
    uploads = sorted(p for p in corpus.iterdir() if p.suffix in (".whl", ".gz", ".zip"))
    # Raw legacy uploads (what twine sends): twine's own checks refuse a few real corpus files
    # (License-Expression under Metadata-Version 2.1), which the index takes as PyPI does.
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda path: e2ekit.corpus_upload(origin, token, path), uploads))
    refused = [(path.name, answer) for path, answer in zip(uploads, answers) if answer[0] != 200]
    check(not refused, f"the corpus uploaded ({len(uploads)} files) {refused[:3]}")

    # Misses, then hits, with the origin's headers for caches.
    _, headers, _ = get(f"{origin}/simple/flask/", JSON)
    check(headers.get("Surrogate-Key") == "project/flask"
          and "stale-if-error=86400" in headers.get("Surrogate-Control", "")
          and headers.get("ETag", "").startswith('"'),
          f"the origin tags /simple/flask/ ({headers.get('Surrogate-Key')}; {headers.get('Surrogate-Control')})")
    for path, accept in (("/simple/flask/", JSON), ("/simple/flask/", "text/html"), ("/pypi/flask/json", None),
                         ("/simple/", JSON)):
        first = get(cache + path, accept)
        check(first[0] == 200 and first[1].get("X-Cache") == "MISS",
              f"{path} ({accept or 'default'}) through Varnish: a miss first")
        # The corpus upload's purges come from the outbox within seconds of the uploads; one that
        # lands after this miss bans the page, which is then fetched again: it must settle into a
        # hit with the body of the last miss.
        previous, deadline = first, time.monotonic() + 120
        second = get(cache + path, accept)
        while second[1].get("X-Cache") != "HIT" and time.monotonic() < deadline:
            previous, second = second, get(cache + path, accept)
        check(second[0] == 200 and second[1].get("X-Cache") == "HIT" and previous[2] == second[2],
              f"{path} ({accept or 'default'}) through Varnish: then a hit with the same body")
    check_languages(cache)
    files = json.loads(get(f"{cache}/simple/flask/", JSON)[2])["files"]
    check(all(f["url"].startswith("/packages/") for f in files),
          f"the simple page links files root-relative ({files[0]['url']})")
    file_path = files[0]["url"]
    api = json.loads(get(f"{cache}/pypi/flask/json")[2])
    check(api["urls"] and all(f["url"].startswith(f"{cache}/packages/") for f in api["urls"]),
          f"the JSON API through Varnish links files through Varnish ({api['urls'][0]['url'] if api['urls'] else None})")
    get(cache + file_path)
    status, headers, body = get(cache + file_path)
    check(status == 200 and headers.get("X-Cache") == "HIT"
          and hashlib.sha256(body).hexdigest() == files[0]["hashes"]["sha256"],
          "a file through Varnish is a hit the second time, with its sha256")
    request = urllib.request.Request(origin + file_path, headers={"If-None-Match": get(origin + file_path)[1]["ETag"]})
    try:
        urllib.request.urlopen(request, timeout=60)
        fail("a conditional request of a file was answered in full")
    except urllib.error.HTTPError as error:
        check(error.code == 304, "a conditional request of a file is answered 304")

    # An upload purges exactly its project's keys.
    first = build_wheel(work / "dist", "cache-demo", "1.0",
                        b"Metadata-Version: 2.1\nName: cache-demo\nVersion: 1.0\n", {"cache_demo.py": b"v = 1\n"},
                        "cache-e2e")
    upload = [sys.executable, "-m", "twine", "upload", "--disable-progress-bar", "--repository-url",
              f"{origin}/legacy/"]
    check(subprocess.run([*upload, str(first)], env=twine_env, capture_output=True).returncode == 0,
          "twine uploaded cache-demo 1.0")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and get(f"{cache}/simple/cache-demo/", JSON)[0] != 200:
        time.sleep(0.2)
    # The creation's own purge must be over before the page is cached for the next step: its
    # update must then come from the next upload's purge, not from this one arriving late.
    check(purge_delivered("project/cache-demo"), "the creation of cache-demo was purged")
    get(f"{cache}/simple/cache-demo/", JSON)
    check(get(f"{cache}/simple/cache-demo/", JSON)[1].get("X-Cache") == "HIT", "cache-demo's page is cached")
    check(get(f"{cache}/simple/flask/", JSON)[1].get("X-Cache") == "HIT", "flask's page is cached")
    with Recorder.lock:
        Recorder.seen.clear()
    second = build_wheel(work / "dist", "cache-demo", "1.1",
                         b"Metadata-Version: 2.1\nName: cache-demo\nVersion: 1.1\n", {"cache_demo.py": b"v = 2\n"},
                         "cache-e2e")
    uploaded = time.monotonic()
    check(subprocess.run([*upload, str(second)], env=twine_env, capture_output=True).returncode == 0,
          "twine uploaded cache-demo 1.1")
    seen_at = None
    while time.monotonic() < uploaded + 120:
        status, headers, body = get(f"{cache}/simple/cache-demo/", JSON)
        if status == 200 and second.name in [f["filename"] for f in json.loads(body)["files"]]:
            seen_at = time.monotonic()
            break
        time.sleep(0.1)
    check(seen_at is not None, f"Varnish shows cache-demo 1.1 {seen_at - uploaded if seen_at else 0:.1f} s after "
          "the upload was acknowledged (purged)")
    seen = purge_delivered("project/cache-demo")
    check(seen, "the purge went to every purger")
    get(f"{cache}/simple/cache-demo/", JSON)
    check(get(f"{cache}/simple/cache-demo/", JSON)[1].get("X-Cache") == "HIT", "and caches the new page again")
    check(get(f"{cache}/simple/flask/", JSON)[1].get("X-Cache") == "HIT", "flask's page was not purged")
    fastly = [(h, b) for p, h, b in seen if p == "/fastly/service/svc-e2e/purge"]
    check(fastly and fastly[0][0].get("Fastly-Key") == FASTLY_TOKEN and fastly[0][0].get("Fastly-Soft-Purge") == "1"
          and "project/cache-demo" in fastly[0][0].get("Surrogate-Key", "").split()
          and "project/flask" not in fastly[0][0].get("Surrogate-Key", "").split(),
          f"the Fastly API got a soft purge of {fastly[0][0].get('Surrogate-Key') if fastly else [p for p, _, _ in seen]}")
    hooks = [(h, b) for p, h, b in seen if p == "/webhook"]
    expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), hooks[0][1], hashlib.sha256).hexdigest() if hooks else ""
    check(hooks and hooks[0][0].get("X-Cheeseshop-Signature") == expected
          and "project/cache-demo" in json.loads(hooks[0][1])["keys"],
          f"the webhook got the keys, signed: {hooks[0][1].decode() if hooks else None}")

    # pip through Varnish, then with the origin stopped.
    lock = work / "lock.txt"
    lock.write_text((corpus / "lock.txt").read_text())
    before, start = varnish_counters(name), time.monotonic()
    result = pip_install(sys.executable, cache, lock, work / "target")
    check(result.returncode == 0, "pip installed the corpus's lock file through Varnish "
          + (result.stderr[-600:] if result.returncode else ""))
    second_install = install_counted(name, cache, lock, work / "target-2")
    check(second_install["misses"] == 0 and second_install["origin"] == 0 and second_install["hits"] > 0,
          f"the second install through Varnish: every request a hit ({second_install})")
    hits_per_install = second_install["hits"]
    project = pinned_project(lock)
    newer = build_wheel(work / "dist", project, "9999.0",
                        f"Metadata-Version: 2.1\nName: {project}\nVersion: 9999.0\n".encode(),
                        {"cache_e2e_newer.py": b"v = 1\n"}, "cache-e2e")
    with Recorder.lock:
        Recorder.seen.clear()
    check(subprocess.run([*upload, str(newer)], env=twine_env, capture_output=True).returncode == 0,
          f"twine uploaded {project} 9999.0")
    key = "project/" + re.sub(r"[-_.]+", "-", project).lower()
    check(purge_delivered(key), f"the upload of {project} was purged")
    third_install = install_counted(name, cache, lock, work / "target-3")
    check(third_install["misses"] == 1 and third_install["origin"] == 1 and third_install["hits"] == hits_per_install - 1,
          f"after a new upload of {project}, the next install misses only its page ({third_install})")
    if args.bench:
        bench(args, work, cache, name, lock, before, start)
    server.terminate()
    server.wait(timeout=120)
    # Varnish's health probe marks the origin sick after a few failed probes.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and get(f"{cache}/_health/")[0] < 500:
        time.sleep(0.5)
    check(get(f"{cache}/_health/")[0] >= 500, "the origin is down (Varnish answers /_health/ with an error)")
    result = pip_install(sys.executable, cache, lock, work / "target-down")
    check(result.returncode == 0, "with the origin stopped, pip installed the lock file from Varnish alone "
          + (result.stderr[-600:] if result.returncode else ""))
    status, headers, _ = get(f"{cache}/simple/cache-demo/", JSON)
    check(status == 200, "and simple pages are still served")
    print(f"cache-e2e: OK ({len(uploads)} corpus files; purge seen {seen_at - uploaded:.1f} s after the upload; "
          f"second install {second_install['hits']} hits, {second_install['misses']} misses; after an upload "
          f"{third_install['misses']} miss; pip with the origin down)", flush=True)


def bench(args, work, cache, name, lock, before, start):
    """The installs after the first (which filled the cache), counted from before the first."""
    for attempt in range(1, args.bench):
        result = pip_install(sys.executable, cache, lock, work / "bench-target")
        if result.returncode != 0:
            fail(f"pip install {attempt + 1} failed: {result.stderr[-400:]}")
    seconds = time.monotonic() - start
    after = varnish_counters(name)
    delta = {key: after[key] - before.get(key, 0) for key in after}
    hits, misses = delta.get("MAIN.cache_hit", 0), delta.get("MAIN.cache_miss", 0)
    result = {"installs": args.bench, "seconds": round(seconds, 1), "hits": hits, "misses": misses,
              "hit_ratio": hits / max(hits + misses, 1), "origin_requests": delta.get("MAIN.backend_req", 0),
              "hitpass": delta.get("MAIN.cache_hitpass", 0), "hitmiss": delta.get("MAIN.cache_hitmiss", 0)}
    (work / "bench.json").write_text(json.dumps(result, indent=2))
    print("cache-bench:", json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
