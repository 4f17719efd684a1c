"""What the end-to-end scripts share: reporting, ports, HTTP reads, waiting for a server, and a
raw legacy upload (what twine sends)."""
import base64
import hashlib
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import tempfile
import uuid
from pathlib import Path


class Reporter:
    """Prints `  ok: ...` for each passed check; on the first failure prints
    `<name>: FAILED: ...` and exits 1."""

    def __init__(self, name):
        self.name = name

    def fail(self, message):
        print(f"{self.name}: FAILED: {message}", flush=True)
        sys.exit(1)

    def check(self, condition, message):
        if not condition:
            self.fail(message)
        print(f"  ok: {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, accept=None):
    """(status, headers, body) of a GET, error statuses included."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_or_none(url, accept=None):
    """`get`, or None when nothing answers."""
    try:
        return get(url, accept)
    except OSError:
        return None


def wait_for(url, what, reporter, seconds=180):
    """Waits until `url` answers below 500; a failure of `reporter` after `seconds` (generous: a
    server starts slowly on a loaded machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(url)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    reporter.fail(f"{what} did not answer at {url}")


def arguments_and_work(*extra):
    """The `--cheeseshop BIN --work DIR` arguments (and `extra` required ones) of an end-to-end
    script, and its work directory, emptied."""
    import argparse
    import shutil
    from pathlib import Path
    parser = argparse.ArgumentParser()
    for name in ("--cheeseshop", "--work", *extra):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return args, work


def upload_form(token, path, name, version, filetype="bdist_wheel", pyversion="py3"):
    """The headers and multipart body of a legacy upload of the file at `path`, as twine sends it."""
    content = path.read_bytes()
    fields = {":action": "file_upload", "protocol_version": "1", "name": name, "version": version,
              "filetype": filetype, "pyversion": pyversion, "metadata_version": "2.1",
              "sha256_digest": hashlib.sha256(content).hexdigest()}
    boundary = uuid.uuid4().hex
    body = b""
    for key, value in fields.items():
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n".encode()
    body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"{path.name}\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    auth = base64.b64encode(f"__token__:{token}".encode()).decode()
    return {"Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Basic {auth}"}, body


def legacy_upload(base, token, path, name, version, filetype="bdist_wheel", pyversion="py3"):
    """A raw legacy upload of the file at `path`; returns (status, message)."""
    headers, body = upload_form(token, path, name, version, filetype, pyversion)
    request = urllib.request.Request(f"{base}/legacy/", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def cheeseshop_cli(binary, reporter, *common):
    """A function running `binary ARGUMENTS... COMMON...`: its standard output, or `reporter`'s
    failure with the command's standard error."""
    def cli(*arguments, stdin=None):
        result = subprocess.run([binary, *arguments, *common], input=stdin, capture_output=True, text=True)
        if result.returncode != 0:
            reporter.fail(f"cheeseshop {' '.join(arguments)}: {result.stderr.strip()}")
        return result.stdout.strip()
    return cli


def stop_all(processes, seconds=15):
    """Terminates the processes still running, then waits for each (killing it after `seconds`)."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()


def corpus_upload(base, token, path):
    """A raw legacy upload of a corpus wheel or sdist, its name and version from its filename."""
    if path.name.endswith(".whl"):
        name, version = path.name.split("-")[:2]
        return legacy_upload(base, token, path, name, version, "bdist_wheel", path.name.split("-")[-3])
    name, version = path.name.removesuffix(".tar.gz").removesuffix(".zip").rsplit("-", 1)
    return legacy_upload(base, token, path, name, version, "sdist", "source")


def start_export_nginx(work, export):
    """nginx (a foreground process) serving the static export in `export` with the server block
    `cheeseshop export` wrote, its files under `work`."""
    conf = work / "nginx.conf"
    conf.write_text(f"""
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {export}/nginx-cheeseshop-export.conf;
}}
""")
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)], stdout=open(work / "nginx.log", "w"),
                            stderr=subprocess.STDOUT)


def wait(condition, seconds, step=0.2):
    """Polls `condition` until it is truthy; returns (value, seconds waited) or (None, seconds)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        value = condition()
        if value:
            return value, time.monotonic() - start
        time.sleep(step)
    return None, time.monotonic() - start


def start_varnish(work, origin_port, port):
    """varnishd with deploy/varnish.vcl in front of the origin. Its VCL and state live in a
    folder of /tmp that its own users (it drops root) can reach, wherever the work folder is."""
    home = Path(tempfile.mkdtemp(prefix="cheeseshop-varnish-"))
    home.chmod(0o755)
    vcl = (Path(__file__).resolve().parent.parent / "deploy" / "varnish.vcl").read_text().replace('.port = "8000";', f'.port = "{origin_port}";')
    (home / "varnish.vcl").write_text(vcl)
    (home / "varnish.vcl").chmod(0o644)
    name = str(home / "state")
    command = ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(home / "varnish.vcl"), "-n", name,
               "-s", "malloc,512m", "-T", f"127.0.0.1:{free_port()}"]
    process = subprocess.Popen(command, stdout=open(work / "varnish.log", "w"), stderr=subprocess.STDOUT)
    return process, name, home


def hashed_lock(path, pins, hashes_of, reporter):
    """Writes `pins` (`name==version` lines) to `path` as a requirements file with every file's
    sha256 (`hashes_of(name, version)`), for pip and uv's --require-hashes; fails `reporter` when a
    pin has no files. Returns `path`."""
    lines = []
    for pin in pins:
        name, version = pin.split("==")
        hashes = hashes_of(name, version)
        if not hashes:
            reporter.fail(f"no files of {pin} to take hashes from")
        lines.append(f"{pin} " + " ".join(f"--hash=sha256:{digest}" for digest in hashes))
    path.write_text("\n".join(lines) + "\n")
    return path


def file_version(filename):
    """The version a wheel's or sdist's filename names, lower-cased."""
    if filename.endswith(".whl"):
        return filename.split("-")[1].lower()
    return filename.removesuffix(".tar.gz").removesuffix(".zip").rsplit("-", 1)[1].lower()


def simple_page_hashes(base, name, version):
    """The sha256 of each file of `name` `version` on the index at `base` (its PEP 691 page)."""
    normalized = "-".join(name.lower().replace("_", "-").replace(".", "-").split("-"))
    page = json.loads(get(f"{base}/simple/{normalized}/", "application/vnd.pypi.simple.v1+json")[2])
    return [f["hashes"]["sha256"] for f in page["files"] if file_version(f["filename"]) == version.lower()]
