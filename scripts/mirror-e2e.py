"""The pull mirror end to end (`cheeseshop mirror`), against the release binary:

1. An upstream Cheeseshop holds the real corpus and a small project `mirror-demo` 1.0.
2. `cheeseshop mirror --from UPSTREAM --requirements lock+mirror-demo --with-dependencies` copies the
   closure into an empty index: every file of the chosen versions with the upstream's sha256.
3. pip installs the corpus lock from the copy alone, with --require-hashes (the upstream stopped).
4. `mirror-demo` 1.1 is uploaded upstream; the second run copies exactly that one file.
5. A project copied whole (`--project`) is skipped by a run while its upstream serial is unchanged.
6. `mirror --watch` copies `mirror-demo` 1.2 once it is uploaded upstream.

    python3 scripts/mirror-e2e.py --cheeseshop BIN --work DIR --corpus DIR
"""
import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path

import distkit
import e2ekit

REPORT = e2ekit.Reporter("mirror-e2e")
check = REPORT.check
JSON = "application/vnd.pypi.simple.v1+json"


def main():
    args, work = e2ekit.arguments_and_work("--corpus")
    corpus = Path(args.corpus)
    binary = args.cheeseshop
    upstream_data, local_data = work / "upstream", work / "local"
    up = e2ekit.cheeseshop_cli(binary, REPORT, "--data", str(upstream_data))
    local = e2ekit.cheeseshop_cli(binary, REPORT, "--data", str(local_data))
    password = "correct horse battery staple"
    up("user", "create", "publisher", "--email", "publisher@example.org", "--password-stdin", stdin=password)
    token = up("token", "create", "publisher")
    local("user", "create", "mirror", "--email", "mirror@example.org", "--password-stdin", stdin=password)
    port = e2ekit.free_port()
    base = f"http://127.0.0.1:{port}"
    processes = []
    try:
        upstream = subprocess.Popen(
            [binary, "serve", "--data", str(upstream_data), "--port", str(port), "--no-access-log",
             "--new-project-limit", "1000 per hour"],
            stdout=open(work / "upstream.log", "w"), stderr=subprocess.STDOUT)
        processes.append(upstream)
        e2ekit.wait_for(f"{base}/simple/", "the upstream", REPORT)
        files = [path for path in sorted(corpus.iterdir()) if path.name.endswith((".whl", ".tar.gz", ".zip"))]
        refused = [path.name for path in files if e2ekit.corpus_upload(base, token, path)[0] != 200]
        check(not refused, f"the upstream holds the corpus ({len(files)} files){refused[:3]}")
        demo = publish_demo(work, base, token, "1.0")

        requirements = work / "requirements.txt"
        lock = (corpus / "lock.txt").read_text().split()
        requirements.write_text("# the corpus lock and one range\n" + "\n".join(lock) + "\nmirror-demo>=1.0\n")
        first = mirror(binary, local_data, base, "--requirements", str(requirements), "--with-dependencies")
        copied = copied_files(first)
        expected = expected_files(base, lock + ["mirror-demo==1.0"])
        missing = sorted(set(expected) - set(copied))
        check(not missing and demo in copied,
              f"the first run copied the closure: {len(copied)} files, every file of the {len(lock)} pinned "
              f"projects and mirror-demo 1.0 among them{missing[:3]}")
        local_hashes = served_hashes(binary, local_data, work)
        wrong = [name for name, digest in expected.items() if local_hashes.get(name) != digest]
        check(not wrong, f"the copy serves each of them with the upstream's sha256{wrong[:3]}")
        again = mirror(binary, local_data, base, "--requirements", str(requirements), "--with-dependencies")
        check(copied_files(again) == [] and "0 new files" in again, "a second run at once copies nothing")

        newer = publish_demo(work, base, token, "1.1")
        third = mirror(binary, local_data, base, "--requirements", str(requirements), "--with-dependencies")
        check(copied_files(third) == [newer],
              f"after mirror-demo 1.1 was uploaded upstream the next run copied only {newer}: {copied_files(third)}")

        whole = mirror(binary, local_data, base, "--project", "six")
        fourth = mirror(binary, local_data, base, "--project", "six")
        check("1 projects unchanged upstream" in fourth and copied_files(fourth) == [],
              f"a project copied whole is skipped while its upstream serial is unchanged "
              f"({len(copied_files(whole))} more six files the first time)")

        watch_log = work / "watch.log"
        watcher = subprocess.Popen(
            [binary, "mirror", "--from", f"{base}/simple/", "--owner", "mirror", "--data", str(local_data),
             "--project", "mirror-demo", "--watch", "--interval", "1"],
            stdout=open(watch_log, "w"), stderr=subprocess.STDOUT)
        processes.append(watcher)
        check(wait_for_text(watch_log, "Mirrored "), "mirror --watch made its first run")
        newest = publish_demo(work, base, token, "1.2")
        check(wait_for_text(watch_log, f"copied {newest}"),
              f"mirror --watch copied {newest} on a later run, without being started again")
        watcher.terminate()
        watcher.wait(timeout=30)

        upstream.terminate()
        upstream.wait(timeout=30)
        install_from_copy(work, binary, local_data, lock)
    finally:
        e2ekit.stop_all(processes)
    print(f"mirror-e2e: OK (closure of {len(lock)} pins: {len(copied)} files copied, hashes equal; "
          "second run after an upstream upload copied 1 file; unchanged serial skipped; --watch followed; pip --require-hashes "
          "from the copy)", flush=True)


def wait_for_text(path, text, seconds=300):
    """Polls `path` until it holds `text` (a generous bound: a loaded machine is slow)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in path.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


def publish_demo(work, base, token, version):
    directory = work / "demo"
    directory.mkdir(exist_ok=True)
    wheel = distkit.build_wheel(
        directory, "mirror-demo", version,
        f"Metadata-Version: 2.1\nName: mirror-demo\nVersion: {version}\nRequires-Dist: six\n".encode(),
        {"mirror_demo/__init__.py": f'VERSION = "{version}"\n'.encode()}, "mirror-e2e")
    status, message = e2ekit.legacy_upload(base, token, wheel, "mirror-demo", version)
    check(status == 200, f"mirror-demo {version} uploaded upstream" + ("" if status == 200 else f": {message}"))
    return wheel.name


def mirror(binary, data, base, *arguments):
    result = subprocess.run(
        [binary, "mirror", "--from", f"{base}/simple/", "--owner", "mirror", "--data", str(data), *arguments],
        capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        REPORT.fail(f"cheeseshop mirror {' '.join(arguments)} failed: {result.stdout[-800:]} {result.stderr[-800:]}")
    return result.stdout


def copied_files(output):
    return [line.split("copied ", 1)[1] for line in output.splitlines() if line.startswith("  copied ")]


def expected_files(base, pins):
    """{filename: sha256} of every upstream file of the pinned versions."""
    files = {}
    for pin in pins:
        name, version = pin.split("==")
        page = json.loads(e2ekit.get(f"{base}/simple/{normalize(name)}/", JSON)[2])
        for file in page["files"]:
            if e2ekit.file_version(file["filename"]) == version.lower():
                files[file["filename"]] = file["hashes"]["sha256"]
    return files


def normalize(name):
    return "-".join(name.lower().replace("_", "-").replace(".", "-").split("-"))


@contextlib.contextmanager
def serving(binary, data, work, label):
    """The copy served by its own server while the block runs; its base URL."""
    port = e2ekit.free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([binary, "serve", "--data", str(data), "--port", str(port), "--no-access-log"],
                              stdout=open(work / f"{label}.log", "w"), stderr=subprocess.STDOUT)
    try:
        e2ekit.wait_for(f"{base}/simple/", "the copy", REPORT)
        yield base
    finally:
        e2ekit.stop_all([server])


def served_hashes(binary, data, work):
    """{filename: sha256} the copy serves, read from its own pages."""
    with serving(binary, data, work, "local-check") as base:
        hashes = {}
        for project in json.loads(e2ekit.get(f"{base}/simple/", JSON)[2])["projects"]:
            page = json.loads(e2ekit.get(f"{base}/simple/{normalize(project['name'])}/", JSON)[2])
            for file in page["files"]:
                hashes[file["filename"]] = file["hashes"]["sha256"]
        return hashes


def install_from_copy(work, binary, data, lock):
    with serving(binary, data, work, "local-serve") as base:
        hashed = e2ekit.hashed_lock(work / "hashed.txt", lock,
                                    lambda name, version: e2ekit.simple_page_hashes(base, name, version), REPORT)
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--disable-pip-version-check",
             "--require-hashes", "--index-url", f"{base}/simple/", "--only-binary", ":all:",
             "--target", str(work / "pip-target"), "-r", str(hashed)], capture_output=True, text=True)
        check(result.returncode == 0, f"pip installed the {len(lock)} pins with --require-hashes from the copy "
              f"alone, the upstream stopped {result.stderr[-600:] if result.returncode else ''}")


if __name__ == "__main__":
    main()
