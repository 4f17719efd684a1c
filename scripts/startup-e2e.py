"""Start-up failures of `cheeseshop serve`, end to end (issue 24): each one ends the process
with a non-zero status and one clear line on standard error naming the option or resource and
the cause; no raw Foundation error, no stray CancellationError, no secret.

And the settings (issue 17): a flag wins over `CHEESESHOP_*`, which wins over the `--config`
file, which wins over the default (seen in `serve --print-config` and in a real start); an
unknown setting in the environment or the file and a bad value are refused naming it; secrets
never printed (`--print-config`, `--help`, the log).

    startup-e2e.py --cheeseshop BIN --work DIR

Prints `startup-e2e: OK ...` on success.
"""
import json
import os
import time
import urllib.request
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2ekit import Reporter, arguments_and_work, free_port  # noqa: E402

REPORT = Reporter("startup-e2e")
check = REPORT.check
RAW = ("Error Domain", "NSCocoaErrorDomain", "CancellationError", "snapshot:", "Fatal error", "Program crashed")


def serve(binary, *arguments):
    """Runs `serve` with `arguments`; its exit status and the lines it wrote on standard error."""
    result = subprocess.run([binary, "serve", "--host", "127.0.0.1", *arguments], capture_output=True, text=True,
                            timeout=120)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return result.returncode, lines


def one_clear_line(what, status, lines, *expected):
    """The failure gave a non-zero status and its last line names every `expected` part; no
    line shows a raw error."""
    check(status != 0, f"{what}: a non-zero exit ({status})")
    check(lines and all(part in lines[-1] for part in expected),
          f"{what}: one line naming {expected}: {lines[-1:] if lines else 'nothing'}")
    raw = [line for line in lines if any(marker in line for marker in RAW)]
    check(not raw, f"{what}: no raw error or stray cancellation: {raw[:2]}")


def main():
    args, work = arguments_and_work()

    # A data directory that cannot be created.
    status, lines = serve(args.cheeseshop, "--port", str(free_port()), "--data", "/proc/nope")
    one_clear_line("--data /proc/nope", status, lines, "--data", "/proc/nope", "No such file or directory")
    check(len(lines) == 1, f"--data /proc/nope: exactly one line ({len(lines)})")

    # A port in use.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, lines = serve(args.cheeseshop, "--port", str(port), "--data", str(work / "data"))
    one_clear_line("a port in use", status, lines, f"--port {port}", "address already in use")
    check(len(lines) == 1, f"a port in use: exactly one line ({lines})")

    # A database file that cannot be opened (a directory stands where it should be).
    (work / "blocked" / "index.sqlite").mkdir(parents=True)
    status, lines = serve(args.cheeseshop, "--port", str(free_port()), "--data", str(work / "blocked"))
    one_clear_line("an unopenable database", status, lines, "--data", "index.sqlite", "cannot be opened")
    check(len(lines) == 1, f"an unopenable database: exactly one line ({lines})")

    # A PostgreSQL server that does not answer: named by its option, the password never printed.
    password = "startup-e2e-secret-password"
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]
    status, lines = serve(args.cheeseshop, "--port", str(free_port()), "--data", str(work / "pg"),
                          "--database-url", f"postgres://cheeseshop:{password}@127.0.0.1:{dead_port}/index")
    one_clear_line("PostgreSQL down", status, lines, "--database-url", "cannot be opened")
    check(not any(password in line for line in lines), "PostgreSQL down: the password is not printed")

    # A base URL that is not one.
    status, lines = serve(args.cheeseshop, "--port", str(free_port()), "--data", str(work / "data"),
                          "--base-url", "ftp://example.org")
    check(status != 0 and lines and "--base-url" in lines[0], f"a bad --base-url is named: {lines[:1]}")

    settings(args.cheeseshop, work)
    print("startup-e2e: OK (--data /proc/nope, a port in use, an unopenable database, PostgreSQL down, "
          "a bad --base-url: one clear line each; settings: flag > env > file > default, unknown and bad "
          "settings refused, secrets never printed)", flush=True)


def printed(binary, *arguments, env=None):
    """`serve --print-config ARGUMENTS` with `env` added: (status, {name: (value, source)}, stderr)."""
    result = subprocess.run([binary, "serve", "--print-config", *arguments], capture_output=True, text=True,
                            timeout=120, env={**os.environ, **(env or {})})
    table = {}
    for line in result.stdout.splitlines():
        name, _, rest = line.partition(" = ")
        value, _, source = rest.rpartition("  (")
        table[name] = (value, source.rstrip(")"))
    return result.returncode, table, result.stdout + result.stderr


def settings(binary, work):
    secret = "file-metrics-secret-4410"
    env_secret = "env-webhook-secret-7781"
    config = work / "cheeseshop.json"
    config.write_text(json.dumps({"port": 1111, "log-format": "json", "metrics-token": secret,
                                  "max-file-size": "20M", "purge-varnish": ["http://127.0.0.1:6081"]}))
    env = {"CHEESESHOP_PORT": "2222", "CHEESESHOP_PURGE_WEBHOOK_SECRET": env_secret}

    status, table, output = printed(binary, "--config", str(config), "--port", "3333", env=env)
    check(status == 0 and table["port"] == ("3333", "--port"), f"a flag wins over the environment and the file: "
                                                               f"{table.get('port')}")
    status, table, output = printed(binary, "--config", str(config), env=env)
    check(table["port"] == ("2222", "CHEESESHOP_PORT"), f"the environment wins over the file: {table.get('port')}")
    check(table["log-format"][0] == "json" and table["max-file-size"][0] == "20M"
          and table["purge-varnish"][0] == "http://127.0.0.1:6081",
          f"the file's settings are read: {table['log-format']}, {table['max-file-size']}, {table['purge-varnish']}")
    check(table["metrics-token"] == ("(secret)", f'"metrics-token" in {config}')
          and table["purge-webhook-secret"][0] == "(secret)", "secrets are shown as (secret)")
    check(secret not in output and env_secret not in output, "no secret value is printed")
    status, table, _ = printed(binary, "--config", str(config))
    check(table["port"] == ("1111", f'"port" in {config}'), f"the file wins over the default: {table.get('port')}")
    status, table, _ = printed(binary)
    documented = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text()
    undocumented = [name for name in table if f"| `{name}` |" not in documented]
    check(not undocumented, f"every setting ({len(table)}) is in docs/configuration.md's table ({undocumented})")
    check(table["port"] == ("8000", "default") and table["log-format"] == ("text", "default"),
          f"the defaults: {table.get('port')}, {table.get('log-format')}")
    status, table, _ = printed(binary, env={"CHEESESHOP_CONFIG": str(config)})
    check(table["port"][0] == "1111", "CHEESESHOP_CONFIG names the file too")

    status, _, output = printed(binary, env={"CHEESESHOP_PROT": "9000"})
    check(status != 0 and "CHEESESHOP_PROT" in output and len(output.strip().splitlines()) == 1,
          f"an unknown CHEESESHOP_ variable is refused naming it: {output.strip()}")
    bad = work / "bad.json"
    bad.write_text(json.dumps({"port": 1111, "max-file-sise": "1G"}))
    status, _, output = printed(binary, "--config", str(bad))
    check(status != 0 and '"max-file-sise"' in output and str(bad) in output,
          f"an unknown key in the file is refused naming it: {output.strip()}")
    status, _, output = printed(binary, env={"CHEESESHOP_PORT": "eighty"})
    check(status != 0 and "CHEESESHOP_PORT" in output and "eighty" in output,
          f"a bad value is refused naming the setting and the value: {output.strip()}")
    bad.write_text(json.dumps({"max-file-size": "lots"}))
    status, _, output = printed(binary, "--config", str(bad))
    check(status != 0 and '"max-file-size"' in output, f"a bad value in the file names its key: {output.strip()}")
    status, _, output = printed(binary, env={"CHEESESHOP_TEST_ANYTHING": "x"})
    check(status == 0, "CHEESESHOP_TEST_* is left to test harnesses")

    help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True,
                               env={**os.environ, "CHEESESHOP_METRICS_TOKEN": secret}).stdout
    check("CHEESESHOP_PORT" in help_text and secret not in help_text,
          "--help names each setting's variable and prints no secret")

    # A real start: the port from the environment, JSON logs from the file, no secret logged.
    port = free_port()
    log = work / "settings-server.log"
    server = subprocess.Popen([binary, "serve", "--config", str(config), "--data", str(work / "settings-data")],
                              stdout=open(log, "w"), stderr=subprocess.STDOUT,
                              env={**os.environ, **env, "CHEESESHOP_PORT": str(port)})
    try:
        deadline = time.monotonic() + 120
        answered = None
        while time.monotonic() < deadline and answered is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/simple/", timeout=10) as response:
                    answered = response.status
            except OSError:
                time.sleep(0.2)
        check(answered == 200, f"serve listens on CHEESESHOP_PORT ({port})")
    finally:
        server.terminate()
        server.wait(timeout=60)
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    check(lines and all(line.startswith("{") for line in lines), "its log is JSON, as the file says")
    check(not any(secret in line or env_secret in line for line in lines), "no secret in its log")


if __name__ == "__main__":
    main()
