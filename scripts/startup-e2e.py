"""Start-up failures of `cheeseshop serve`, end to end (issue 24): each one ends the process
with a non-zero status and one clear line on standard error naming the option or resource and
the cause; no raw Foundation error, no stray CancellationError, no secret.

    startup-e2e.py --cheeseshop BIN --work DIR

Prints `startup-e2e: OK ...` on success.
"""
import argparse
import shutil
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2ekit import Reporter, free_port  # noqa: E402

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
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

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

    print("startup-e2e: OK (--data /proc/nope, a port in use, an unopenable database, PostgreSQL down, "
          "a bad --base-url: one clear line each)", flush=True)


if __name__ == "__main__":
    main()
