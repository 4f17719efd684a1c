#!/usr/bin/env python3
"""End-to-end trusted publishing: a CI job's OIDC token becomes an upload token, and real twine
uploads with it.

Usage:  python3 scripts/oidc-e2e.py [--cheeseshop .build/debug/cheeseshop] [--work DIR] [--dists DIR]
Needs:  Python 3.11+, `cryptography` (for scripts/oidc-issuer.py) and `twine` on PATH or in the
        running interpreter's environment.

Steps: start scripts/oidc-issuer.py; start `cheeseshop serve --oidc-issuer <it>` on a fresh data
directory; create a user and an API token with the CLI; register a GitHub-style pending
publisher for a new project through the management API; ask the issuer for a token with the
claims GitHub Actions would send; exchange it at /_/oidc/mint-token; upload a wheel with twine and
the minted token; check /simple/<project>/ lists it; replay the same OIDC token and expect a 422
`invalid-reuse-token`. Prints one summary line; exits non-zero on the first failure.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distkit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "oidc-e2e-demo"
VERSION = "1.0"
PROCESSES: list[subprocess.Popen] = []


class Failure(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None,
            timeout: float = 60) -> tuple[int, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(url: str, what: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _ = request(url, timeout=10)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise Failure(f"{what} did not answer at {url}")


def run_cli(cheeseshop: str, data: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run([cheeseshop, *args, "--data", str(data)], input=stdin, capture_output=True,
                            text=True, timeout=120)
    if result.returncode != 0:
        raise Failure(f"cheeseshop {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def build_wheel(directory: Path) -> Path:
    """A minimal valid pure-Python wheel, with a RECORD of sha256 hashes."""
    dist = PROJECT.replace("-", "_")
    return distkit.build_wheel(
        directory, PROJECT, VERSION, f"Metadata-Version: 2.1\nName: {PROJECT}\nVersion: {VERSION}\n".encode(),
        {f"{dist}/__init__.py": b"print('hello from trusted publishing')\n"}, "oidc-e2e")


def twine_command() -> list[str]:
    if shutil.which("twine"):
        return ["twine"]
    return [sys.executable, "-m", "twine"]


def start(command: list[str], log: Path) -> subprocess.Popen:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log.open("wb"), text=True)
    PROCESSES.append(process)
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cheeseshop", default=str(ROOT / ".build/debug/cheeseshop"))
    parser.add_argument("--work", help="working directory (default: a fresh temporary one)")
    parser.add_argument("--dists", help="directory for the built wheel (default: WORK/dists)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="oidc-e2e-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    if data.exists():
        shutil.rmtree(data)
    dists = Path(args.dists or work / "dists")
    dists.mkdir(parents=True, exist_ok=True)

    issuer_process = start([sys.executable, str(ROOT / "scripts/oidc-issuer.py"), "0"], work / "issuer.log")
    issuer_port = int((issuer_process.stdout.readline() if issuer_process.stdout else "").strip() or 0)
    if not issuer_port:
        raise Failure("the OIDC issuer did not start (is `cryptography` installed?)")
    issuer = f"http://127.0.0.1:{issuer_port}"
    wait_for(f"{issuer}/jwks", "the OIDC issuer")

    run_cli(args.cheeseshop, data, "user", "create", "ci-owner", "--email", "owner@example.org",
            "--password-stdin", stdin="a long and unguessable passphrase 42\n")
    api_token = run_cli(args.cheeseshop, data, "token", "create", "ci-owner").splitlines()[-1]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    start([args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
           "--oidc-issuer", issuer], work / "server.log")
    wait_for(f"{base}/_health", "cheeseshop serve")

    status, body = request(f"{base}/_/oidc/audience")
    audience = json.loads(body).get("audience") if status == 200 else None
    if audience != "cheeseshop":
        raise Failure(f"/_/oidc/audience answered {status} {body[:200]!r}")

    publisher = {"project_name": PROJECT, "provider": "github", "issuer": issuer, "owner": "octo",
                 "owner_id": "4242", "repository": "demo", "workflow_filename": "release.yml"}
    status, body = request(f"{base}/api/publishers/pending", "POST", publisher,
                           {"Authorization": f"token {api_token}"})
    if status != 200:
        raise Failure(f"registering the pending publisher answered {status} {body[:300]!r}")
    publisher_id = json.loads(body)["id"]

    ref = "refs/tags/v1.0"
    claims = {"aud": audience, "sub": f"repo:octo/demo:ref:{ref}", "repository": "octo/demo",
              "repository_owner": "octo", "repository_owner_id": "4242", "ref": ref, "sha": "a" * 40,
              "job_workflow_ref": f"octo/demo/.github/workflows/release.yml@{ref}", "event_name": "push",
              "nbf": int(time.time()) - 5}
    status, body = request(f"{issuer}/token", "POST", claims)
    if status != 200:
        raise Failure(f"the issuer answered {status} {body[:200]!r}")
    jwt = json.loads(body)["token"]

    status, body = request(f"{base}/_/oidc/mint-token", "POST", {"token": jwt})
    answer = json.loads(body)
    if status != 200 or not answer.get("success") or not str(answer.get("token", "")).startswith("pypi-"):
        raise Failure(f"mint-token answered {status} {body[:300]!r}")
    minted = answer["token"]

    wheel = build_wheel(dists)
    upload = subprocess.run(
        [*twine_command(), "upload", "--non-interactive", "--disable-progress-bar", "--repository-url",
         f"{base}/legacy/", "-u", "__token__", "-p", minted, str(wheel)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "TWINE_NON_INTERACTIVE": "1"})
    if upload.returncode != 0:
        raise Failure(f"twine upload failed:\n{upload.stdout}\n{upload.stderr}")

    status, body = request(f"{base}/simple/{PROJECT}/",
                           headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    files = [entry["filename"] for entry in json.loads(body).get("files", [])] if status == 200 else []
    if wheel.name not in files:
        raise Failure(f"/simple/{PROJECT}/ answered {status} without {wheel.name}: {body[:300]!r}")

    status, body = request(f"{base}/api/projects/{PROJECT}/publishers",
                           headers={"Authorization": f"token {api_token}"})
    listed = json.loads(body).get("publishers", []) if status == 200 else []
    if not any(item.get("id") == publisher_id and "pending_project_name" not in item for item in listed):
        raise Failure(f"the pending publisher was not attached to {PROJECT}: {status} {body[:300]!r}")

    status, body = request(f"{base}/_/oidc/mint-token", "POST", {"token": jwt})
    errors = json.loads(body).get("errors", []) if body else []
    if status != 422 or not errors or errors[0].get("code") != "invalid-reuse-token":
        raise Failure(f"replaying the OIDC token answered {status} {body[:300]!r}")

    print(f"oidc-e2e: OK: pending publisher {publisher_id[:8]} minted a token, twine uploaded {wheel.name} "
          f"to {PROJECT} (listed on /simple/), publisher attached, replay refused (422 invalid-reuse-token)")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"oidc-e2e: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    finally:
        for process in PROCESSES:
            process.terminate()
        for process in PROCESSES:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
