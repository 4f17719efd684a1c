#!/usr/bin/env python3
"""Installs never stop, end to end: the static export, the metadata snapshot, read-only mode.

1. `cheeseshop serve` on a fresh data directory; the corpus uploaded; one release yanked.
2. `GET /snapshot/index.sqlite` lists exactly what `/simple/` and the JSON API list (projects,
   files, URLs, sizes, hashes, yanks, metadata hashes), has an ETag and answers 304.
3. `cheeseshop export --to DIR --watch` while the server runs; the server is stopped; nginx
   serves the export with the generated configuration (content negotiation, 301, types).
4. pip and uv install the corpus's lock file from nginx alone with `--require-hashes` (hashes
   taken from the exported snapshot).
5. The server is started again; a new version uploaded with twine appears in the watched export
   (through nginx) within seconds.
6. `cheeseshop read-only on`: an upload answers 503 with PyPI's message within seconds, pages
   and files still answer; `read-only off` takes uploads again.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import wait  # noqa: E402
from distkit import build_wheel  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

JSON = "application/vnd.pypi.simple.v1+json"
PIP_ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"
REPORT = Reporter("export-e2e")
check, fail = REPORT.check, REPORT.fail




def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "dist").mkdir(parents=True)
    corpus = Path(args.corpus).resolve()
    data = work / "data"
    # nginx's workers run as an unprivileged user: the export lives in a world-readable folder.
    export = Path(tempfile.mkdtemp(prefix="cheeseshop-export-"))
    export.chmod(0o755)

    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))

    cli("user", "create", "exporter", "--email", "exporter@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "exporter")
    port, nginx_port = free_port(), free_port()
    origin, mirror = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{nginx_port}"
    server_command = [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
                      "--new-project-limit", "1000 per hour", "--snapshot-interval", "1", "--journal-refresh", "0.5"]
    processes = []

    def start_server():
        server = subprocess.Popen(server_command, stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
        processes.append(server)
        e2ekit.wait_for(f"{origin}/_health/", "cheeseshop", REPORT)
        return server

    try:
        server = start_server()
        uploads = sorted(p for p in corpus.iterdir() if p.suffix in (".whl", ".gz", ".zip"))
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda path: e2ekit.corpus_upload(origin, token, path), uploads))
        refused = [(path.name, answer) for path, answer in zip(uploads, answers) if answer[0] != 200]
        check(not refused, f"the corpus uploaded ({len(uploads)} files) {refused[:3]}")
        demo = build_wheel(work / "dist", "export-demo", "1.0",
                           b"Metadata-Version: 2.1\nName: export-demo\nVersion: 1.0\n", {"export_demo.py": b"v = 1\n"},
                           "export-e2e")
        check(e2ekit.legacy_upload(origin, token, demo, "export-demo", "1.0")[0] == 200, "export-demo 1.0 uploaded")
        cli("yank", "export-demo", "1.0", "--reason", "testing yanks", "--as", "exporter")

        check_snapshot(work, origin)

        watcher = subprocess.Popen(
            [args.cheeseshop, "export", "--to", str(export), "--watch", "--interval", "0.5", "--data", str(data),
             "--nginx-listen", f"127.0.0.1:{nginx_port}"],
            stdout=open(work / "export.log", "w"), stderr=subprocess.STDOUT)
        processes.append(watcher)
        serial = int(get(f"{origin}/simple/", JSON)[1]["X-PyPI-Last-Serial"])
        exported, _ = wait(lambda: (export / ".cheeseshop-export" / "serial").exists()
                           and int((export / ".cheeseshop-export" / "serial").read_text()) >= serial, 120)
        check(exported, f"the export reached the server's serial {serial}")
        server.terminate()
        server.wait(timeout=120)
        check(e2ekit.get_or_none(f"{origin}/simple/") is None, "the server is stopped")

        nginx = e2ekit.start_export_nginx(work, export)
        processes.append(nginx)
        e2ekit.wait_for(f"{mirror}/simple/", "nginx", REPORT)
        check_negotiation(mirror)
        check_installs(work, corpus, mirror, export)

        server = start_server()
        second = build_wheel(work / "dist", "export-demo", "1.1",
                             b"Metadata-Version: 2.1\nName: export-demo\nVersion: 1.1\n", {"export_demo.py": b"v = 2\n"},
                             "export-e2e")
        twine_env = dict(os.environ, TWINE_USERNAME="__token__", TWINE_PASSWORD=token)
        result = subprocess.run([sys.executable, "-m", "twine", "upload", "--disable-progress-bar",
                                 "--repository-url", f"{origin}/legacy/", str(second)],
                                env=twine_env, capture_output=True, text=True)
        check(result.returncode == 0, "twine uploaded export-demo 1.1 "
              + (result.stdout[-300:] + result.stderr[-300:] if result.returncode else ""))
        uploaded = time.monotonic()
        # How soon is reported, not checked: it depends on the machine's load.
        seen, _ = wait(lambda: second.name in get(f"{mirror}/simple/export-demo/", JSON)[2].decode(), 120)
        lag = time.monotonic() - uploaded
        check(seen, f"the watched export served the new file through nginx {lag:.1f} s after the upload")
        status, _, body = get(f"{mirror}/pypi/export-demo/json")
        check(status == 200 and json.loads(body)["info"]["version"] == "1.1", "and its JSON API shows 1.1")

        check_read_only(work, cli, origin, token)
        print(f"export-e2e: OK ({len(uploads)} corpus files; the export served a new upload {lag:.1f} s later; "
              "pip and uv with --require-hashes from nginx alone; snapshot = /simple/ + JSON API; read-only 503)",
              flush=True)
    finally:
        e2ekit.stop_all(processes)
        shutil.rmtree(export, ignore_errors=True)


def check_snapshot(work, origin):
    """The snapshot lists exactly what /simple/ and the JSON API list."""
    serial = int(get(f"{origin}/simple/", JSON)[1]["X-PyPI-Last-Serial"])
    answer, waited = wait(lambda: (lambda r: r if r[0] == 200 and int(r[1].get("X-PyPI-Last-Serial", 0)) >= serial
                                   else None)(get(f"{origin}/snapshot/index.sqlite")), 120)
    check(answer, f"/snapshot/index.sqlite caught up with serial {serial} ({waited:.1f} s)")
    _, headers, body = answer
    check(headers.get("Content-Type") == "application/vnd.sqlite3" and headers.get("ETag") == f'"snapshot-{serial}"',
          f"the snapshot has its type and an ETag of its serial ({headers.get('ETag')})")
    request = e2ekit.urllib.request.Request(f"{origin}/snapshot/index.sqlite", headers={"If-None-Match": headers["ETag"]})
    try:
        e2ekit.urllib.request.urlopen(request, timeout=60)
        fail("a conditional request of the snapshot was answered in full")
    except e2ekit.urllib.error.HTTPError as error:
        check(error.code == 304, "a conditional request of the snapshot is answered 304")
    path = work / "snapshot.sqlite"
    path.write_bytes(body)
    db = sqlite3.connect(path)
    index = json.loads(get(f"{origin}/simple/", JSON)[2])
    listed = {p["name"] for p in index["projects"]}
    snap_projects = {row[0] for row in db.execute("SELECT display_name FROM projects")}
    check(listed == snap_projects, f"the snapshot's {len(snap_projects)} projects are /simple/'s {len(listed)}")
    mismatches = []
    compared = 0
    for name in sorted(listed):
        normalized = name.lower().replace("_", "-").replace(".", "-")
        page = json.loads(get(f"{origin}/simple/{normalized}/", JSON)[2])
        api = json.loads(get(f"{origin}/pypi/{normalized}/json")[2])
        simple_files = {f["filename"]: (f["url"], f["hashes"]["sha256"], f["size"], f["yanked"],
                                        (f.get("core-metadata") or {}).get("sha256") if f.get("core-metadata") else None,
                                        f.get("requires-python"))
                        for f in page["files"]}
        rows = db.execute("SELECT filename, url, sha256, size, yanked, core_metadata_sha256, requires_python, "
                          "version, md5, blake2b_256 FROM files WHERE project = ?", (normalized,)).fetchall()
        snap_files = {r[0]: (r[1], r[2], r[3], False if r[4] is None else (r[4] or True), r[5], r[6]) for r in rows}
        if simple_files != snap_files:
            mismatches.append((name, "simple", simple_files, snap_files))
        api_files = {f["filename"]: (version, f["md5_digest"], f["digests"]["blake2b_256"], f["digests"]["sha256"])
                     for version, files in api["releases"].items() for f in files}
        snap_api = {r[0]: (r[7], r[8], r[9], r[2]) for r in rows}
        if api_files != snap_api:
            mismatches.append((name, "json", api_files, snap_api))
        versions = {r[0] for r in db.execute("SELECT version FROM releases WHERE project = ?", (normalized,))}
        if versions != set(api["releases"]):
            mismatches.append((name, "releases", set(api["releases"]), versions))
        compared += len(rows)
    check(not mismatches, f"every project's files in the snapshot match its simple page and JSON API "
          f"({compared} files) {mismatches[:1]}")
    yanked = db.execute("SELECT yanked FROM files WHERE project = 'export-demo'").fetchall()
    check(yanked == [("testing yanks",)], f"the yank and its reason are in the snapshot {yanked}")
    db.close()


def check_negotiation(mirror):
    status, headers, body = get(f"{mirror}/simple/flask/", PIP_ACCEPT)
    check(status == 200 and headers.get("Content-Type") == JSON and json.loads(body)["name"] == "flask"
          and headers.get("Vary") == "Accept", f"nginx answers pip's Accept with the JSON page {headers.get('Content-Type')}")
    status, headers, body = get(f"{mirror}/simple/flask/")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html") and b"<a href=" in body,
          "and no Accept with the HTML page")
    status, headers, _ = get(f"{mirror}/simple/flask/", f"{JSON}; q=0, text/html")
    check(headers.get("Content-Type", "").startswith("text/html"), "JSON refused with q=0 gets HTML")
    status, headers, _ = get(f"{mirror}/simple/", JSON)
    check(status == 200 and headers.get("Content-Type") == JSON, "the root index in JSON")
    check(get(f"{mirror}/nginx-cheeseshop-export.conf")[0] == 404
          and get(f"{mirror}/.cheeseshop-export/serial")[0] == 404, "the export's own files are not served")
    check(get(f"{mirror}/pypi/flask/json")[1].get("Content-Type") == "application/json", "the JSON API's type")
    page = json.loads(get(f"{mirror}/simple/flask/", JSON)[2])
    wheel = next(f for f in page["files"] if f["filename"].endswith(".whl"))
    check(wheel["url"].startswith("/packages/"), f"links are root-relative ({wheel['url'][:40]}...)")
    status, _, metadata = get(f"{mirror}{wheel['url']}.metadata")
    check(status == 200 and hashlib.sha256(metadata).hexdigest() == wheel["core-metadata"]["sha256"],
          "the PEP 658 metadata file is served with its hash")


def check_installs(work, corpus, mirror, export):
    """pip and uv install the lock file with --require-hashes, the hashes from the exported snapshot."""
    db = sqlite3.connect(export / "snapshot" / "index.sqlite")
    pins = (corpus / "lock.txt").read_text().split()

    def hashes_of(name, version):
        normalized = name.lower().replace("_", "-").replace(".", "-")
        return [row[0] for row in db.execute("SELECT sha256 FROM files WHERE project = ? AND version = ?",
                                             (normalized, version))]
    hashed = e2ekit.hashed_lock(work / "hashed.txt", pins, hashes_of, REPORT)
    db.close()
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--disable-pip-version-check",
         "--require-hashes", "--index-url", f"{mirror}/simple/", "--only-binary", ":all:",
         "--target", str(work / "pip-target"), "-r", str(hashed)], capture_output=True, text=True)
    check(result.returncode == 0, f"pip installed {len(pins)} pinned, hashed requirements from nginx alone "
          + (result.stderr[-600:] if result.returncode else ""))
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    venv = work / "uv-venv"
    subprocess.run([uv, "venv", "--quiet", str(venv)], check=True, capture_output=True)
    result = subprocess.run(
        [uv, "pip", "install", "--quiet", "--no-cache", "--require-hashes", "--python", str(venv / "bin" / "python"),
         "--index-url", f"{mirror}/simple/", "--only-binary", ":all:", "-r", str(hashed)],
        capture_output=True, text=True)
    check(result.returncode == 0, "uv installed them with --require-hashes from nginx alone "
          + (result.stderr[-600:] if result.returncode else ""))


def check_read_only(work, cli, origin, token):
    third = build_wheel(work / "dist", "export-demo", "1.2",
                        b"Metadata-Version: 2.1\nName: export-demo\nVersion: 1.2\n", {"export_demo.py": b"v = 3\n"},
                        "export-e2e")
    cli("read-only", "on")
    refused, waited = wait(lambda: (lambda a: a if a[0] == 503 else None)(
        e2ekit.legacy_upload(origin, token, third, "export-demo", "1.2")), 60, step=0.5)
    check(refused and "Read-only mode: Uploads are temporarily disabled." in refused[1],
          f"`cheeseshop read-only on`: an upload answers 503 with PyPI's message ({waited:.1f} s)")
    check(get(f"{origin}/simple/export-demo/", JSON)[0] == 200 and get(f"{origin}/pypi/flask/json")[0] == 200,
          "pages still answer in read-only mode")
    cli("read-only", "off")
    accepted, waited = wait(lambda: (lambda a: a if a[0] == 200 else None)(
        e2ekit.legacy_upload(origin, token, third, "export-demo", "1.2")), 60, step=0.5)
    check(accepted, f"`read-only off`: uploads are taken again ({waited:.1f} s)")


if __name__ == "__main__":
    main()
