"""The server as operators run it, end to end (issue 17), against the release binary:

- slow and idle clients (catalogue L02): 3,000 connections trickling header bytes are all closed
  by the header timeout while a normal request is answered in under a second, and the server's
  descriptor count returns to its start; a 1 B/s upload body and a stalled one are cut off and
  their staged files discarded while a normal upload goes through; past the connection cap a new
  connection is answered 503 with a clear message;
- SIGTERM during an upload: the server stops accepting, finishes the upload (200, the file is
  listed after a restart) and exits 0;
- logs: one JSON line per request (method, path, status, bytes, duration, request id), and no
  token, password, cookie or query secret anywhere in the output;
- metrics: `GET /metrics` parsed by the Prometheus client library's own parser, with requests by
  route and status, latency histograms, uploads by outcome, shed connections, read-model lookups,
  the job queue and the journal lag; behind a bearer token, or on a listener of its own.

Runs in a venv with `prometheus_client`.

    operator-e2e.py --cheeseshop BIN --work DIR

Prints `operator-e2e: OK ...` on success.
"""
import base64
import hashlib
import os
import resource
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distkit  # noqa: E402
from e2ekit import (Reporter, arguments_and_work, cheeseshop_cli, free_port, get, legacy_upload,  # noqa: E402
                    stop_all, upload_form, wait_for)

REPORT = Reporter("operator-e2e")
check = REPORT.check
TRICKLERS = 3000
HEADER_TIMEOUT = 5.0


class Server:
    """`cheeseshop serve` on DATA with ARGUMENTS, its output in LOG."""

    def __init__(self, binary, data, log, *arguments, env=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", str(data), *arguments],
            stdout=open(log, "a"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        wait_for(f"{self.base}/_health/live", "cheeseshop", REPORT)

    def descriptors(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def stop(self):
        stop_all([self.process])


def raw_upload_parts(token, path, name, version):
    """The head and body of a legacy upload of `path`, as twine sends it."""
    headers, body = upload_form(token, path, name, version)
    head = "".join(f"{key}: {value}\r\n" for key, value in headers.items())
    return (f"POST /legacy/ HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}Content-Length: {len(body)}\r\n\r\n").encode(), body


def status_of(sock, seconds=120):
    """The status code of the response read from `sock` (None when it closes without one)."""
    sock.settimeout(seconds)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    line = data.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) >= 2 and line[1].isdigit() else None


def closed_by_server(sock, seconds):
    """Whether the server closes `sock` within `seconds` (reading whatever it sends)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
        return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except OSError:
        return False


def staged_files(data):
    return [path for path in data.rglob("*") if "staging" in path.parts and path.is_file()]


def wait_until(condition, seconds):
    """Polls `condition` until it holds or `seconds` pass; whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def timed_get(url):
    start = time.monotonic()
    status = get(url)[0]
    return status, time.monotonic() - start


def tricklers(server):
    """3,000 connections trickle header bytes; a normal request is answered meanwhile."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, TRICKLERS + 1000)), hard))
    get(f"{server.base}/simple/")  # Warm: the page is in the read model.
    before = server.descriptors()
    selector = selectors.DefaultSelector()
    opened = {}
    for _ in range(TRICKLERS):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.setblocking(False)
        sock.send(b"GET /simple/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        selector.register(sock, selectors.EVENT_READ)
        opened[sock] = time.monotonic()
    check(True, f"{TRICKLERS} connections opened, each sending its headers a byte at a time")
    check(wait_until(lambda: server.descriptors() >= TRICKLERS + 10, HEADER_TIMEOUT / 2),
          f"the server holds them all open ({before} -> {server.descriptors()} descriptors)")
    timings = []
    for _ in range(3):
        status, seconds = timed_get(f"{server.base}/simple/")
        check(status == 200, f"a normal request meanwhile answers 200 ({seconds * 1000:.0f} ms)")
        timings.append(seconds)
    check(max(timings) < 1, f"each normal request is answered in under a second (slowest {max(timings):.3f} s)")
    lifetimes = []
    deadline = time.monotonic() + HEADER_TIMEOUT * 4 + 30
    last_trickle = 0.0
    while opened and time.monotonic() < deadline:
        now = time.monotonic()
        if now - last_trickle >= 0.5:
            last_trickle = now
            for sock in list(opened):
                try:
                    sock.send(b"X")
                except (BlockingIOError, OSError):
                    pass
        for key, _ in selector.select(timeout=0.1):
            sock = key.fileobj
            try:
                data = sock.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                lifetimes.append(time.monotonic() - opened.pop(sock))
                selector.unregister(sock)
                sock.close()
    for sock in opened:
        sock.close()
    check(not opened, f"every trickling connection was closed by the server ({len(opened)} left open)")
    check(min(lifetimes) >= HEADER_TIMEOUT - 0.5,
          f"none before the header timeout of {HEADER_TIMEOUT:.0f} s (first after {min(lifetimes):.2f} s)")
    check(max(lifetimes) <= HEADER_TIMEOUT + 4,
          f"all within the header timeout and its check interval (last after {max(lifetimes):.2f} s)")
    check(wait_until(lambda: server.descriptors() <= before, 30),
          f"the descriptor count returns to its start ({before} -> {server.descriptors()})")


def slow_bodies(server, data, token, wheels):
    """A 1 B/s body and a stalled one are cut off, their staged files discarded; a normal upload
    meanwhile goes through."""
    results = {}

    def trickle(what, wheel, pause):
        head, body = raw_upload_parts(token, wheel, "slowpoke", wheel.name.split("-")[1])
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(head + body[:2000])
        start = time.monotonic()
        sock.settimeout(0.5)
        sent = 2000
        cut = False
        while time.monotonic() - start < 60 and sent < len(body):
            try:
                if sock.recv(4096) == b"":
                    cut = True
                    break
            except socket.timeout:
                pass
            except OSError:
                cut = True
                break
            if pause is None:
                try:
                    sock.send(body[sent:sent + 1])
                    sent += 1
                except OSError:
                    cut = True
                    break
            time.sleep(0.5)
        results[what] = (cut, time.monotonic() - start, sent)
        sock.close()

    threads = [threading.Thread(target=trickle, args=("1 B/s", wheels[0], None)),
               threading.Thread(target=trickle, args=("stalled", wheels[1], "stall"))]
    for thread in threads:
        thread.start()
    check(wait_until(lambda: len(staged_files(data)) >= 1, 30), "the slow uploads are being staged")
    status, message = legacy_upload(server.base, token, wheels[2], "slowpoke", "3.0")
    check(status == 200, f"a normal upload meanwhile succeeds ({status} {message.strip()[:80]})")
    for thread in threads:
        thread.join()
    for what, (cut, seconds, sent) in sorted(results.items()):
        check(cut, f"the {what} upload body is cut off ({seconds:.1f} s, {sent} bytes sent)")
    check(wait_until(lambda: not staged_files(data), 30),
          f"their staged files are discarded ({[p.name for p in staged_files(data)]})")
    page = get(f"{server.base}/simple/slowpoke/")[2].decode()
    check("slowpoke-3.0-" in page and "slowpoke-1.0-" not in page and "slowpoke-2.0-" not in page,
          "only the normal upload is listed")


def connection_cap(binary, data, log):
    """Past --max-connections, a new connection is answered 503 with a message and closed."""
    server = Server(binary, data, log, "--max-connections", "20")
    try:
        held = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(20)]
        for sock in held:  # Answered, so surely counted, and kept alive.
            sock.sendall(b"GET /simple/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            check(status_of(sock, 30) == 200, "a held connection is answered and kept alive") if sock is held[0] \
                else status_of(sock, 30)
        extra = socket.create_connection(("127.0.0.1", server.port))
        extra.settimeout(30)
        answer = b""
        try:
            while chunk := extra.recv(4096):
                answer += chunk
        except OSError:
            pass
        check(answer.startswith(b"HTTP/1.1 503") and b"Too many connections" in answer,
              f"the 21st connection is answered 503 'Too many connections' ({answer[:60]!r})")
        for sock in held:
            sock.close()
        check(wait_until(lambda: get_status(server.base) == 200, 30), "with them closed, requests are answered again")
    finally:
        server.stop()


def get_status(base):
    try:
        return get(f"{base}/simple/")[0]
    except OSError:
        return None


def sigterm_during_upload(binary, data, log, token, wheel):
    """SIGTERM while an upload's body is arriving: it finishes (200), new connections are
    refused, the process exits 0, and the file is there after a restart."""
    server = Server(binary, data, log)
    head, body = raw_upload_parts(token, wheel, "slowpoke", "4.0")
    sock = socket.create_connection(("127.0.0.1", server.port))
    half = len(body) // 2
    sock.sendall(head + body[:half])
    check(wait_until(lambda: len(staged_files(data)) >= 1, 30), "an upload is half sent")
    server.process.send_signal(signal.SIGTERM)
    refused = wait_until(lambda: get_status(server.base) is None, 30)
    check(refused, "after SIGTERM new connections are no longer answered")
    sock.sendall(body[half:])
    status = status_of(sock)
    sock.close()
    check(status == 200, f"the upload in flight finishes: {status}")
    try:
        code = server.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.process.kill()
        code = "still running after 60 s"
    check(code == 0, f"the server exits 0 ({code})")
    server = Server(binary, data, log)
    try:
        page = get(f"{server.base}/simple/slowpoke/")[2].decode()
        check("slowpoke-4.0-" in page, "after a restart the file is listed")
    finally:
        server.stop()


def request(url, data=None, headers=None):
    """(status, body) of a request, error statuses included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {}), timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def metric_samples(text):
    """{(name, frozenset(labels)): value} of a Prometheus text exposition, parsed by the client
    library's parser (which raises on anything malformed)."""
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())))


def logs_and_metrics(server, log, token):
    """Requests carrying secrets are logged a JSON line each with none of the secrets; /metrics
    parses and counts what happened."""
    secrets = {"token": token, "password": "correct-horse-battery-9317", "cookie": "session-cookie-5521",
               "query": "reset-token-7730"}
    # A marker request: once its line is in the log, every earlier line is (they are written in
    # order), and the lines after it are the ones of the requests below.
    marker = f"/marker-{uuid.uuid4().hex}"
    request(f"{server.base}{marker}")
    check(wait_until(lambda: marker in log.read_text(), 10), "the marker request is logged")
    start = next(index for index, line in enumerate(log.read_text().splitlines()) if marker in line) + 1
    basic = base64.b64encode(f"__token__:{token}".encode()).decode()
    made = [
        request(f"{server.base}/simple/", headers={"Authorization": f"Basic {basic}"}),
        request(f"{server.base}/account/login/", data=f"username=operator&password={secrets['password']}".encode(),
                headers={"Cookie": f"session_id={secrets['cookie']}"}),
        request(f"{server.base}/account/reset-password/?token={secrets['query']}"),
        request(f"{server.base}/simple/slowpoke/", headers={"Cookie": f"session_id={secrets['cookie']}"}),
        request(f"{server.base}/pypi/slowpoke/json"),
        request(f"{server.base}/no/such/page/"),
    ]
    check(made[0][0] == 200 and made[5][0] == 404, f"requests made ({[status for status, _ in made]})")
    # Request lines are buffered for at most a quarter of a second.
    wait_until(lambda: sum('"msg":"request"' in line for line in log.read_text().splitlines()[start:]) >= len(made), 10)
    text = log.read_text()
    lines = text.splitlines()[start:]
    records = [json.loads(line) for line in lines if line.startswith("{")]
    check(len(records) == len([line for line in lines if line.strip()]), f"every log line is JSON ({len(lines)} lines)")
    requests = [record for record in records if record.get("msg") == "request"]
    check(len(requests) == len(made), f"one request line per request ({len(requests)} for {len(made)})")
    fields = {"method", "path", "status", "bytes", "duration_ms", "request_id", "time", "level"}
    check(all(fields <= set(record) for record in requests), f"each names {sorted(fields)}")
    check(len({record["request_id"] for record in requests}) == len(requests), "request ids are unique")
    check([record["status"] for record in requests] == [status for status, _ in made],
          "the logged statuses are the answered ones")
    check(requests[2]["path"] == "/account/reset-password/", "the query string is not logged")
    leaked = [what for what, secret in secrets.items() if secret in text]
    check(not leaked, f"no token, password, cookie or query secret in the whole log ({leaked})")

    status, body = request(f"{server.base}/metrics")
    check(status == 200, "GET /metrics answers 200")
    samples = metric_samples(body.decode())
    check(True, f"/metrics parses with prometheus_client ({len(samples)} samples)")
    ok = value(samples, "cheeseshop_http_requests_total", route="simple_index", status="200") or 0
    check(ok >= 4, f"requests by route and status (simple_index 200: {ok})")
    missing = value(samples, "cheeseshop_http_requests_total", route="web", status="404") or 0
    check(missing >= 1, f"the 404 is counted under web ({missing})")
    count = value(samples, "cheeseshop_http_request_duration_seconds_count", route="simple_index") or 0
    bucket = value(samples, "cheeseshop_http_request_duration_seconds_bucket", route="simple_index", le="+Inf")
    check(count >= ok and bucket == count, f"a latency histogram per route ({count} observations)")
    accepted = value(samples, "cheeseshop_uploads_total", outcome="accepted") or 0
    check(accepted >= 1, f"uploads by outcome (accepted: {accepted})")
    shed = value(samples, "cheeseshop_connections_shed_total", reason="header_timeout") or 0
    check(shed >= TRICKLERS, f"shed connections by reason (header timeout: {shed})")
    cut = sum(value(samples, "cheeseshop_connections_shed_total", reason=r) or 0 for r in ("body_timeout", "body_rate"))
    check(cut >= 2, f"cut upload bodies counted ({cut})")
    hits = value(samples, "cheeseshop_read_model_lookups_total", result="hit") or 0
    misses = value(samples, "cheeseshop_read_model_lookups_total", result="miss") or 0
    check(hits >= 1 and misses >= 1, f"read-model hits and misses ({hits}, {misses})")
    for name in ("cheeseshop_jobs_waiting", "cheeseshop_jobs_oldest_age_seconds", "cheeseshop_journal_lag_entries",
                 "cheeseshop_connections_open", "cheeseshop_database_connections_in_use"):
        check(value(samples, name) is not None, f"{name} = {value(samples, name)}")
    check(value(samples, "cheeseshop_journal_lag_entries") == 0, "this node is not behind the journal")


def metrics_protected(binary, data, log):
    """With CHEESESHOP_METRICS_TOKEN /metrics asks for it; with --metrics-address it is answered
    there and not on the public port."""
    secret = "metrics-token-8841"
    server = Server(binary, data, log, env={"CHEESESHOP_METRICS_TOKEN": secret})
    try:
        check(request(f"{server.base}/metrics")[0] == 401, "without the token /metrics answers 401")
        status, body = request(f"{server.base}/metrics", headers={"Authorization": f"Bearer {secret}"})
        check(status == 200 and metric_samples(body.decode()), "with it, 200 and the metrics")
    finally:
        server.stop()
    check(secret not in log.read_text(), "the metrics token is never logged")
    port = free_port()
    server = Server(binary, data, log, "--metrics-address", f"127.0.0.1:{port}")
    try:
        check(request(f"{server.base}/metrics")[0] == 404, "with --metrics-address the public port has no /metrics")
        status, body = request(f"http://127.0.0.1:{port}/metrics")
        check(status == 200 and metric_samples(body.decode()), "the metrics listener answers")
    finally:
        server.stop()
    help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True,
                               env={**os.environ, "CHEESESHOP_METRICS_TOKEN": secret}).stdout
    check("--metrics-address" in help_text and secret not in help_text, "serve --help shows no secret")


def main():
    args, work = arguments_and_work()
    data = work / "data"
    log = work / "server.log"
    cli = cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "operator", "--email", "operator@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "operator")
    wheels = [distkit.build_wheel(work, "slowpoke", version,
                                  f"Metadata-Version: 2.1\nName: slowpoke\nVersion: {version}\n".encode(),
                                  {"slowpoke.py": os.urandom(40_000).hex().encode()}, "operator-e2e")
              for version in ("1.0", "2.0", "3.0", "4.0")]

    server = Server(args.cheeseshop, data, log, "--header-timeout", str(HEADER_TIMEOUT),
                    "--body-timeout", "3", "--body-minimum-rate", "200", "--log-format", "json")
    try:
        tricklers(server)
        slow_bodies(server, data, token, wheels)
        logs_and_metrics(server, log, token)
    finally:
        server.stop()
    metrics_protected(args.cheeseshop, data, work / "metrics.log")
    connection_cap(args.cheeseshop, data, log)
    sigterm_during_upload(args.cheeseshop, data, log, token, wheels[3])
    print(f"operator-e2e: OK ({TRICKLERS} trickling connections shed, slow bodies cut, connection cap, "
          "SIGTERM finishes an upload, JSON request logs without secrets, /metrics parsed)", flush=True)


if __name__ == "__main__":
    main()
