"""The crash-recovery test driver (see scripts/crash-test.sh). Standard library only."""

import argparse
import base64
import hashlib
import io
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request
import zipfile

PROJECTS = ["crash-alpha", "crash-bravo", "crash-charlie", "crash-delta", "crash-echo"]
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
CHUNK = 64 * 1024
WORKERS = 6
FAILURES = []
QUIET = threading.Event()  # set while the checks are checked


def fail(message):
    FAILURES.append(message)
    if not QUIET.is_set():
        print(f"FAIL: {message}", flush=True)


# --- Distributions -------------------------------------------------------------------------


class Dist:
    """One generated distribution file and what the server must make of it."""

    def __init__(self, project, version, kind, payload):
        self.project, self.version, self.kind = project, version, kind
        stem = re.sub(r"[-_.]+", "_", project).lower()
        self.metadata = (
            f"Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n"
            f"Summary: crash test distribution\n"
        ).encode()
        if kind == "wheel":
            self.filename = f"{stem}-{version}-py3-none-any.whl"
            self.content = wheel(stem, version, self.metadata, payload)
        else:
            self.filename = f"{stem}-{version}.tar.gz"
            self.content = sdist(stem, version, self.metadata, payload)
        self.sha256 = hashlib.sha256(self.content).hexdigest()
        self.blake2b = hashlib.blake2b(self.content, digest_size=32).hexdigest()
        self.large = payload > 0
        self.state = "queued"  # queued, ok, refused-http, not-sent, in-flight
        self.detail = ""
        self.in_flight_at_a_kill = False

    @property
    def blob_path(self):
        b = self.blake2b
        return f"{b[:2]}/{b[2:4]}/{b[4:]}/{self.filename}"


def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def wheel(stem, version, metadata, payload):
    dist_info = f"{stem}-{version}.dist-info"
    members = [
        (f"{stem}/__init__.py", b"print('hello')\n"),
        (f"{dist_info}/METADATA", metadata),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: crash-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    if payload:
        members.append((f"{stem}/payload.bin", os.urandom(payload)))
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, data in members)
    record += f"{dist_info}/RECORD,,\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in members + [(f"{dist_info}/RECORD", record.encode())]:
            kind = zipfile.ZIP_STORED if path.endswith(".bin") else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(path, (2024, 1, 1, 0, 0, 0)), data, compress_type=kind)
    return buffer.getvalue()


def sdist(stem, version, metadata, payload):
    top = f"{stem}-{version}"
    members = [(f"{top}/PKG-INFO", metadata), (f"{top}/setup.py", b"from setuptools import setup\nsetup()\n")]
    if payload:
        members.append((f"{top}/payload.bin", os.urandom(payload)))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as archive:
        for path, data in members:
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode = len(data), 1704067200, 0o644
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def generate(round_number, count):
    """`count` distributions: a wheel and an sdist per release, about one in eight of a few MB."""
    rng = random.Random(round_number)
    dists = []
    for i in range(count // 2):
        project = PROJECTS[i % len(PROJECTS)]
        version = f"{round_number}.{i}"
        for kind in ("wheel", "sdist"):
            payload = rng.randint(3, 6) * 512 * 1024 if rng.random() < 0.12 else 0
            dists.append(Dist(project, version, kind, payload))
    rng.shuffle(dists)
    return dists


# --- The server ----------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, data, logs):
        self.binary, self.data, self.logs = binary, data, logs
        self.process, self.port, self.starts = None, None, 0

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.starts += 1
        self.port = free_port()
        self.log_path = os.path.join(self.logs, f"server-{self.starts}.log")
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", self.data],
            stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
        log.close()
        # Generous: a restart after a kill recovers the database and sweeps staging, and a
        # loaded machine is slow at it.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"crash test: the server exited at start ({self.process.returncode}): {self.log()}")
            try:
                urllib.request.urlopen(f"{self.base}/_health/", timeout=10).read()
                return
            except OSError:
                time.sleep(0.05)
        sys.exit(f"crash test: the server did not start: {self.log()}")

    def log(self):
        with open(self.log_path) as f:
            return f.read()

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


# --- Uploads -------------------------------------------------------------------------------


class Uploader:
    def __init__(self, server, token):
        self.server = server
        self.auth = "Basic " + base64.b64encode(f"__token__:{token}".encode()).decode()
        self.lock = threading.Lock()
        self.acknowledged = 0
        self.streaming_large = 0

    def body(self, dist):
        boundary = "crashtestboundary" + hashlib.md5(dist.filename.encode()).hexdigest()
        fields = {
            ":action": "file_upload", "protocol_version": "1", "name": dist.project, "version": dist.version,
            "metadata_version": "2.1", "filetype": "bdist_wheel" if dist.kind == "wheel" else "sdist",
            "pyversion": "py3" if dist.kind == "wheel" else "source", "sha256_digest": dist.sha256,
        }
        head = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items())
        head += (f'--{boundary}\r\nContent-Disposition: form-data; name="content"; filename="{dist.filename}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n").encode()
        return boundary, head + dist.content + f"\r\n--{boundary}--\r\n".encode()

    def chunks(self, dist, body):
        """The body; a large one slowly, so that a kill lands while it streams."""
        if not dist.large:
            yield body
            return
        with self.lock:
            self.streaming_large += 1
        try:
            for start in range(0, len(body), CHUNK):
                yield body[start:start + CHUNK]
                time.sleep(0.004)
        finally:
            with self.lock:
                self.streaming_large -= 1

    def upload(self, dist):
        """Uploads `dist`; returns (status or None, message, exception class name)."""
        boundary, body = self.body(dist)
        request = urllib.request.Request(
            f"{self.server.base}/legacy/", data=self.chunks(dist, body), method="POST",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(len(body)),
                     "Authorization": self.auth})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                return response.status, "", None
        except urllib.error.HTTPError as error:
            return error.code, f"{error.reason} {error.read()[:300]!r}", None
        except urllib.error.URLError as error:
            reason = error.reason
            return None, str(reason), type(reason).__name__
        except OSError as error:
            return None, str(error), type(error).__name__


def upload_round(uploader, server, dists, kill_after):
    """Uploads `dists` with WORKERS threads and kills the server once `kill_after` uploads were
    acknowledged and a large upload is streaming; returns whether a large one was mid-stream."""
    queue = list(dists)
    queue_lock = threading.Lock()
    stop = threading.Event()

    def worker():
        while not stop.is_set():
            with queue_lock:
                if not queue:
                    return
                dist = queue.pop(0)
            dist.state = "sending"
            status, message, failure = uploader.upload(dist)
            if status == 200:
                dist.state = "ok"
                with uploader.lock:
                    uploader.acknowledged += 1
            elif status is not None:
                dist.state, dist.detail = "refused-http", f"{status} {message}"
            elif failure == "ConnectionRefusedError":
                dist.state, dist.detail = "not-sent", message
            else:
                dist.state, dist.detail = "in-flight", f"{failure}: {message}"

    uploader.acknowledged = 0
    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    deadline = None
    mid_stream = False
    while True:
        with uploader.lock:
            acknowledged, streaming = uploader.acknowledged, uploader.streaming_large
        if acknowledged >= kill_after:
            deadline = deadline or time.monotonic() + 10
            if streaming > 0 or time.monotonic() > deadline:
                mid_stream = streaming > 0
                break
        if not any(thread.is_alive() for thread in threads):
            break
        time.sleep(0.002)
    stop.set()
    server.kill()
    for thread in threads:
        thread.join()
    for dist in dists:
        if dist.state == "queued":
            dist.state = "not-sent"
        if dist.state == "sending":  # cannot happen once the threads are joined
            dist.state = "in-flight"
        if dist.state == "in-flight":
            dist.in_flight_at_a_kill = True
    return mid_stream


def reupload(uploader, dists):
    """Uploads `dists` again with WORKERS threads; each must answer 200."""
    queue = list(dists)
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                dist = queue.pop()
            status, message, failure = uploader.upload(dist)
            if status != 200:
                fail(f"{dist.filename}: re-upload after restart answered {status or failure} {message}")
            else:
                dist.state = "ok"

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --- Checks --------------------------------------------------------------------------------


def get(server, path, accept=None):
    request = urllib.request.Request(server.base + path, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def served_files(server):
    """filename -> the file entry of its project's JSON simple page, for every project."""
    served = {}
    for project in PROJECTS:
        status, body = get(server, f"/simple/{project}/", SIMPLE_JSON)
        if status == 404:
            continue
        if status != 200:
            fail(f"/simple/{project}/ answered {status}")
            continue
        for entry in json.loads(body)["files"]:
            served[entry["filename"]] = entry
    return served


def url_path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def check_served(server, dist, entry):
    """The entry and the bytes behind its URL are exactly `dist`."""
    if entry["hashes"].get("sha256") != dist.sha256:
        fail(f"{dist.filename}: listed with sha256 {entry['hashes'].get('sha256')}, uploaded {dist.sha256}")
        return
    if not url_path(entry["url"]).startswith("/packages/" + dist.blob_path):
        fail(f"{dist.filename}: served at {entry['url']}, expected the blob path {dist.blob_path}")
    status, body = get(server, url_path(entry["url"]).split("#")[0])
    if status != 200 or hashlib.sha256(body).hexdigest() != dist.sha256:
        fail(f"{dist.filename}: download answered {status} with {len(body)} bytes, sha256 does not match")


def check_store(server, data, dists):
    """Everything after a restart: listings, downloads, staging, blobs. Returns (served, orphans)."""
    served = served_files(server)
    by_name = {dist.filename: dist for dist in dists}
    for filename in served:
        if filename not in by_name:
            fail(f"{filename}: served but never uploaded")
    for dist in dists:
        entry = served.get(dist.filename)
        if dist.state == "ok":
            if entry is None:
                fail(f"{dist.filename}: acknowledged with 200 but not listed")
            else:
                check_served(server, dist, entry)
        elif dist.state == "in-flight":
            if entry is not None:
                check_served(server, dist, entry)
        elif entry is not None:
            fail(f"{dist.filename}: listed although its upload was {dist.state} {dist.detail}")
    staging = os.path.join(data, "files", "staging")
    left = os.listdir(staging)
    if left:
        fail(f"staging not empty after restart: {left[:5]}")
    orphans = check_blobs(data, served, by_name)
    return served, orphans


def check_blobs(data, served, by_name):
    """Every file under files/packages/ is complete and either served or left by an upload in
    flight at a kill (the reconciler's job); returns the number of the latter."""
    packages = os.path.join(data, "files", "packages")
    referenced = set()
    for filename, entry in served.items():
        path = url_path(entry["url"]).split("#")[0][len("/packages/"):]
        referenced.add(path)
        if entry.get("core-metadata") or entry.get("dist-info-metadata"):
            referenced.add(path + ".metadata")
    orphans = 0
    for directory, _, names in os.walk(packages):
        for name in names:
            full = os.path.join(directory, name)
            relative = os.path.relpath(full, packages)
            digest_path, _, filename = relative.rpartition("/")
            digest = digest_path.replace("/", "")
            with open(full, "rb") as f:
                content = f.read()
            distribution = filename[: -len(".metadata")] if filename.endswith(".metadata") else filename
            dist = by_name.get(distribution)
            if dist is None:
                fail(f"blob {relative}: no upload has this filename")
                continue
            if digest != dist.blake2b:
                fail(f"blob {relative}: not at the key of {distribution} ({dist.blake2b})")
            expected = dist.metadata if filename.endswith(".metadata") else dist.content
            if content != expected:
                fail(f"blob {relative}: {len(content)} bytes, not the complete {len(expected)} expected (partial?)")
            if relative not in referenced:
                if dist.in_flight_at_a_kill:
                    orphans += 1
                else:
                    fail(f"blob {relative}: not referenced by a served file and not in flight at a kill")
    return orphans


# --- The management commands ---------------------------------------------------------------


def cli(args, *arguments, ok=True):
    command = [args.bin, *arguments, "--data", args.data]
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
    if ok and result.returncode != 0:
        fail(f"`{' '.join(arguments)}` exited {result.returncode}: {result.stderr.strip()}")
    if not ok and result.returncode == 0:
        fail(f"`{' '.join(arguments)}` succeeded but should have been refused: {result.stdout.strip()}")
    return result


def eventually(check, seconds=60.0):
    """The server sees another process's change once it reads the journal again (about a second
    later, longer on a loaded machine): poll `check` until it holds or `seconds` pass; its last
    value."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def page_entry(server, project, filename):
    status, body = get(server, f"/simple/{project}/", SIMPLE_JSON)
    if status != 200:
        return None
    return next((e for e in json.loads(body)["files"] if e["filename"] == filename), None)


def check_management(args, server, uploader, dists):
    """yank/unyank, delete file (404, filename never reusable), delete release, refusals."""
    acknowledged = [d for d in dists if d.state == "ok"]
    wheel = next(d for d in acknowledged if d.kind == "wheel")
    project, version = wheel.project, wheel.version
    user = ["--as", args.user]

    result = cli(args, "yank", project, version, "--reason", "crash test", *user)
    if "Serial" not in result.stdout:
        fail(f"yank printed no serial: {result.stdout!r}")
    yanked = lambda: (page_entry(server, project, wheel.filename) or {}).get("yanked")
    eventually(lambda: yanked() == "crash test")
    entry = page_entry(server, project, wheel.filename)
    if not entry or entry.get("yanked") != "crash test":
        fail(f"after yank, {wheel.filename} shows yanked={entry and entry.get('yanked')!r}")
    cli(args, "unyank", project, version, *user)
    eventually(lambda: yanked() is False)
    entry = page_entry(server, project, wheel.filename)
    if not entry or entry.get("yanked") is not False:
        fail(f"after unyank, {wheel.filename} shows yanked={entry and entry.get('yanked')!r}")
    refused = cli(args, "yank", project, version, "--as", args.other_user, ok=False)
    if "isn't allowed" not in refused.stderr:
        fail(f"yank by a stranger: unexpected message {refused.stderr!r}")

    url = "/packages/" + wheel.blob_path
    refused = cli(args, "delete", "file", project, wheel.filename, *user, ok=False)
    if "--yes" not in refused.stderr or "never" not in refused.stderr:
        fail(f"delete without --yes: unexpected message {refused.stderr!r}")
    if get(server, url)[0] != 200:
        fail(f"delete without --yes removed {wheel.filename}")
    result = cli(args, "delete", "file", project, wheel.filename, *user, "--yes")
    if "Serial" not in result.stdout:
        fail(f"delete file printed no serial: {result.stdout!r}")
    if not eventually(lambda: get(server, url)[0] == 404):
        fail(f"after delete, {url} does not answer 404")
    if not eventually(lambda: page_entry(server, project, wheel.filename) is None):
        fail(f"after delete, {wheel.filename} is still listed")
    if os.path.exists(os.path.join(args.data, "files", "packages", wheel.blob_path)):
        fail(f"after delete, the blob of {wheel.filename} is still on disk")
    status, message, _ = uploader.upload(wheel)
    if status != 400 or "previously used" not in message:
        fail(f"re-upload of the deleted {wheel.filename}: {status} {message}")
    missing = cli(args, "delete", "file", project, wheel.filename, *user, "--yes", ok=False)
    if "does not exist" not in missing.stderr:
        fail(f"deleting a deleted file: unexpected message {missing.stderr!r}")

    sdist = next(d for d in acknowledged if d.kind == "sdist" and d.version != version)
    cli(args, "delete", "release", sdist.project, sdist.version, *user, "--yes")
    for dist in dists:
        if dist.project == sdist.project and dist.version == sdist.version and dist.state == "ok":
            if not eventually(lambda: get(server, "/packages/" + dist.blob_path)[0] == 404):
                fail(f"after delete release, {dist.filename} does not answer 404")
    gone = next(p for p in PROJECTS if p not in (project, sdist.project))
    cli(args, "delete", "project", gone, *user, "--yes")
    if not eventually(lambda: get(server, f"/simple/{gone}/", SIMPLE_JSON)[0] == 404):
        fail(f"after delete project, /simple/{gone}/ does not answer 404")
    for dist in dists:
        if dist.project == gone and not eventually(lambda: get(server, "/packages/" + dist.blob_path)[0] == 404):
            fail(f"after delete project, {dist.filename} does not answer 404")
            break
    return wheel.filename, f"{sdist.project} {sdist.version}", gone


def check_the_checker(data, served, dists):
    """The blob check must notice a partial file at a final path: plant one, then remove it."""
    dist = next(d for d in dists if d.state == "ok" and d.filename in served)
    planted = os.path.join(data, "crash-test-aside")
    victim = os.path.join(data, "files", "packages", dist.blob_path)
    os.rename(victim, planted)
    with open(victim, "wb") as f:
        f.write(dist.content[: len(dist.content) // 2])
    before = len(FAILURES)
    QUIET.set()
    check_blobs(data, served, {d.filename: d for d in dists})
    QUIET.clear()
    noticed = any("partial" in failure for failure in FAILURES[before:])
    del FAILURES[before:]
    os.replace(planted, victim)
    if not noticed:
        fail("the blob check did not notice a half-written file at a final path")


# --- Main ----------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    for option in ("--bin", "--data", "--logs", "--token", "--user", "--other-user"):
        parser.add_argument(option, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=60)
    args = parser.parse_args()

    server = Server(args.bin, args.data, args.logs)
    uploader = Uploader(server, args.token)
    everything, in_flight, committed, swept, orphans, mid_stream = [], 0, 0, 0, 0, 0
    began = time.monotonic()
    try:
        server.start()
        for round_number in range(1, args.rounds + 1):
            dists = generate(round_number, args.count)
            everything += dists
            kill_after = max(1, args.count * round_number // (args.rounds + 2))
            mid_stream += upload_round(uploader, server, dists, kill_after)
            states = {s: sum(d.state == s for d in dists) for s in ("ok", "in-flight", "not-sent", "refused-http")}
            in_flight += states["in-flight"]
            for dist in dists:
                if dist.state == "refused-http":
                    fail(f"{dist.filename}: a valid upload was refused: {dist.detail}")
            staged = len(os.listdir(os.path.join(args.data, "files", "staging")))
            server.start()
            match = re.search(r"Removed staged uploads left by an earlier run\.\"? count=(\d+)", server.log())
            round_swept = int(match.group(1)) if match else 0
            if round_swept != staged:
                fail(f"round {round_number}: {staged} staged files after the kill, the restart swept {round_swept}")
            swept += round_swept
            served, round_orphans = check_store(server, args.data, everything)
            orphans = max(orphans, round_orphans)
            flown = [d for d in dists if d.state == "in-flight"]
            landed = sum(d.filename in served for d in flown)
            committed += landed
            print(f"round {round_number}: killed after {kill_after} acknowledgements ({time.monotonic() - began:.0f}s): "
                  f"{states}; in flight: {landed} committed, {len(flown) - landed} absent; swept {round_swept} "
                  f"staged; {round_orphans} unreferenced complete blobs", flush=True)
            # What was not acknowledged uploads now (an identical committed file answers 200).
            reupload(uploader, [d for d in dists if d.state != "ok"])
        served, _ = check_store(server, args.data, everything)
        check_the_checker(args.data, served, everything)
        deleted, release, project = check_management(args, server, uploader, everything)
    finally:
        server.stop()
    acknowledged = sum(d.state == "ok" for d in everything)
    if FAILURES:
        print(f"crash test: {len(FAILURES)} failures (server logs in {args.logs})")
        sys.exit(1)
    print(f"crash test: {acknowledged} acknowledged uploads all served, {in_flight} in flight at kill "
          f"({committed} committed, {in_flight - committed} absent; {mid_stream} of {args.rounds} kills mid-stream of a large upload, {swept} staged uploads swept, "
          f"{orphans} complete unreferenced blobs), staging empty; yank, unyank, delete file {deleted}, "
          f"release {release} and project {project} checked")


if __name__ == "__main__":
    main()
