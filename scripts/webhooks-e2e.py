"""Release webhooks end to end, against the built server:

- an Owner subscribes a project webhook through the management API to a receiver on 127.0.0.1
  (the server runs with --webhooks-allow-private-targets), and the operator an instance-wide one
  with `cheeseshop webhook add`;
- a twine upload of a new version is delivered as `release.published` and `file.uploaded`, each
  signed with HMAC-SHA256 of the exact body under the secret shown at creation;
- with the receiver stopped, a yank's delivery fails and the delivery log shows the failed
  attempt; the receiver started again on the same port gets the retry, which the log shows
  delivered;
- without the allow setting, a subscription to 127.0.0.1 is refused (API and CLI).

    python3 scripts/webhooks-e2e.py --cheeseshop .build/release/cheeseshop --work .work/webhooks-e2e
"""
import base64
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distkit  # noqa: E402
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port  # noqa: E402

REPORT = Reporter("webhooks-e2e")
PROJECT = "hooked-project"
DEADLINE = 120


class Receiver:
    """An HTTP server on 127.0.0.1 in a thread that records each POST (path, headers, exact
    body) and answers 204."""

    def __init__(self, port):
        self.port = port
        self.received = []
        self.lock = threading.Lock()
        self.server = None

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.received.append((self.path, dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def deliveries(self, path, event=None):
        with self.lock:
            return [(headers, body) for (where, headers, body) in self.received
                    if where == path and (event is None or headers.get("X-Cheeseshop-Event") == event)]


def api(base, token, method, path, body=None):
    """(status, parsed JSON or text) of a management API call."""
    auth = base64.b64encode(f"__token__:{token}".encode()).decode()
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}{path}", data=data, method=method,
                                     headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def signed(headers, body, secret):
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers.get("X-Cheeseshop-Signature-256", ""), expected)


def wheel(work, version):
    metadata = f"Metadata-Version: 2.1\nName: {PROJECT}\nVersion: {version}\n".encode()
    module = PROJECT.replace("-", "_")
    return distkit.build_wheel(work, module, version, metadata, {f"{module}.py": b"VALUE = 1\n"}, "webhooks-e2e")


def twine_upload(base, token, path):
    twine = [shutil.which("twine")] if shutil.which("twine") else [sys.executable, "-m", "twine"]
    result = subprocess.run(
        twine + ["upload", "--non-interactive", "--disable-progress-bar", "--repository-url", f"{base}/legacy/",
                 str(path)],
        capture_output=True, text=True, env=dict(os.environ, TWINE_USERNAME="__token__", TWINE_PASSWORD=token))
    REPORT.check(result.returncode == 0, f"twine uploaded {path.name} ({result.stderr.strip()[-200:]})")


def main():
    args, work = e2ekit.arguments_and_work()
    data = work / "data"
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "alice", "--email", "alice@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "alice")
    port, hook_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    hook_url = f"http://127.0.0.1:{hook_port}/project-hook"
    processes = []

    def serve(*extra):
        command = [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
                   *extra]
        server = subprocess.Popen(command, stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
        processes.append(server)
        e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
        return server

    receiver = Receiver(hook_port)
    receiver.start()
    try:
        server = serve("--webhooks-allow-private-targets", "--webhook-retry", "1", "--webhook-attempts", "20")
        twine_upload(base, token, wheel(work, "1.0"))
        status, made = api(base, token, "POST", f"/api/projects/{PROJECT}/webhooks",
                           {"url": hook_url, "events": ["release.published", "file.uploaded", "release.yanked"]})
        REPORT.check(status == 201 and len(made.get("secret", "")) == 64, f"an Owner subscribed a webhook ({status})")
        secret, hook_id = made["secret"], made["id"]
        status, listed = api(base, token, "GET", f"/api/projects/{PROJECT}/webhooks")
        REPORT.check(status == 200 and [hook["id"] for hook in listed["webhooks"]] == [hook_id]
                     and secret not in json.dumps(listed), "the list names it, without the secret")
        added = cli("webhook", "add", f"http://127.0.0.1:{hook_port}/instance-hook", "--events", "release.yanked",
                    "--webhooks-allow-private-targets")
        instance_id = added.split()[2]
        REPORT.check(added.startswith("Added webhook") and "Secret" in added, "the operator added an instance-wide one")
        instance_secret = added.rsplit(" ", 1)[1]
        REPORT.check(any(line.startswith(f"{instance_id}\t") for line in cli("webhook", "list").splitlines()),
                     "`webhook list` shows it")

        twine_upload(base, token, wheel(work, "1.1"))
        got, waited = e2ekit.wait(lambda: len(receiver.deliveries("/project-hook")) >= 2 or None, DEADLINE)
        REPORT.check(got, f"two deliveries within {waited:.1f} s (none of 1.0, uploaded before the subscription)")
        events = {}
        for headers, body in receiver.deliveries("/project-hook"):
            REPORT.check(signed(headers, body, secret), f"{headers.get('X-Cheeseshop-Event')}: the HMAC of the exact "
                                                         "body checks out")
            REPORT.check(headers.get("Content-Type") == "application/json" and headers.get("X-Cheeseshop-Delivery"),
                         "Content-Type and a delivery id")
            events[headers["X-Cheeseshop-Event"]] = json.loads(body)
        REPORT.check(set(events) == {"release.published", "file.uploaded"}, f"events: {sorted(events)}")
        published = events["release.published"]
        filename = f"{PROJECT.replace('-', '_')}-1.1-py3-none-any.whl"
        REPORT.check(published["project"] == PROJECT and published["version"] == "1.1"
                     and published["filename"] == filename and published["serial"] > 0
                     and published["release_url"].endswith(f"/project/{PROJECT}/1.1/"),
                     f"release.published names the project, version, file, serial, URLs: {published}")
        REPORT.check(events["file.uploaded"]["filename"] == filename, "file.uploaded names the file")

        receiver.stop()
        status, _ = api(base, token, "POST", f"/api/projects/{PROJECT}/releases/1.1/yank", {"reason": "test"})
        REPORT.check(status == 200, "yanked 1.1 through the management API")

        def failed_yank():
            status, log = api(base, token, "GET", f"/api/projects/{PROJECT}/webhooks/{hook_id}/deliveries")
            if status != 200:
                return None
            return [d for d in log["deliveries"] if d["event"] == "release.yanked" and not d["succeeded"]] or None
        failures, waited = e2ekit.wait(failed_yank, DEADLINE)
        REPORT.check(failures and failures[0]["status"] is None and failures[0]["error"],
                     f"with the receiver down the delivery log shows a failed attempt within {waited:.1f} s: "
                     f"{failures and failures[0]['error'][:80]}")

        receiver = Receiver(hook_port)
        receiver.start()
        got, waited = e2ekit.wait(lambda: receiver.deliveries("/project-hook", "release.yanked") or None, DEADLINE)
        REPORT.check(got, f"the receiver, started again on port {hook_port}, got the retry within {waited:.1f} s")
        headers, body = got[0]
        REPORT.check(signed(headers, body, secret) and json.loads(body)["version"] == "1.1",
                     "the retried yank is signed and names 1.1")

        def delivered_yank():
            _, log = api(base, token, "GET", f"/api/projects/{PROJECT}/webhooks/{hook_id}/deliveries")
            return [d for d in log["deliveries"] if d["event"] == "release.yanked" and d["succeeded"]] or None
        done, _ = e2ekit.wait(delivered_yank, DEADLINE)
        REPORT.check(done and done[0]["attempt"] >= 2 and done[0]["status"] == 204,
                     f"the log shows the retry delivered (attempt {done and done[0]['attempt']}, 204)")
        got, _ = e2ekit.wait(lambda: receiver.deliveries("/instance-hook", "release.yanked") or None, DEADLINE)
        REPORT.check(got and signed(got[0][0], got[0][1], instance_secret),
                     "the instance-wide webhook got the yank, signed with its own secret")
        shown, _ = e2ekit.wait(lambda: "\t204\t" in cli("webhook", "deliveries", instance_id) or None, DEADLINE)
        REPORT.check(shown, "`webhook deliveries` shows its delivery")

        server.terminate()
        server.wait(timeout=30)
        serve()
        status, message = api(base, token, "POST", f"/api/projects/{PROJECT}/webhooks",
                              {"url": hook_url, "events": "all"})
        REPORT.check(status == 400 and "public addresses" in message,
                     f"without the allow setting 127.0.0.1 is refused: {status} {message[:100]}")
        refused = subprocess.run([args.cheeseshop, "webhook", "add", "http://127.0.0.1:9/", "--data", str(data)],
                                 capture_output=True, text=True)
        REPORT.check(refused.returncode != 0 and "public addresses" in refused.stderr,
                     "and by `cheeseshop webhook add`")
        _, listed = api(base, token, "GET", f"/api/projects/{PROJECT}/webhooks")
        REPORT.check(len(listed["webhooks"]) == 1, "the refusals added nothing")
    finally:
        e2ekit.stop_all(processes)
        try:
            receiver.stop()
        except Exception:
            pass
    print("webhooks-e2e: OK: signed deliveries of a twine upload, a failed yank delivery retried after the "
          "receiver came back, instance-wide webhook by the CLI, private targets refused by default")


if __name__ == "__main__":
    main()
