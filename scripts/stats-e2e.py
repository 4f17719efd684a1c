"""Download statistics end to end, against the built server:

- real pip and uv download a wheel: each is counted with its installer and its Python (major.minor);
  a mirror's download (bandersnatch's User-Agent) counts only "with_mirrors", a browser's as
  "Browser", an ignored agent's (linehaul's ignore list) not at all;
- the pypistats-compatible API (recent, overall with and without mirrors, python_major,
  python_minor, system), `info.downloads` in the JSON API, the CSV export and the project page's
  statistics section carry those numbers;
- through Varnish (deploy/varnish.vcl) a miss and a hit reach the counts only by ingesting
  varnishncsa's log (`cheeseshop stats ingest`), once: ingesting the same log again adds nothing,
  and a line appended later is counted on the next ingest; Fastly's linehaul lines, gzipped, too;
- kill -9: what was written before stays; what is lost is at most what came after the last write
  (the flush interval); SIGTERM loses nothing;
- retention: counts older than --stats-retention-days are pruned.

    python3 scripts/stats-e2e.py --cheeseshop .build/release/cheeseshop --work .work/stats-e2e \
        --corpus .work/corpus
"""
import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from email.utils import formatdate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port, get  # noqa: E402

REPORT = Reporter("stats-e2e")
PROJECT, VERSION = "blinker", "1.9.0"
WHEEL = f"{PROJECT}-{VERSION}-py3-none-any.whl"
PIP_UA = ('pip/24.0 {"ci":null,"cpu":"x86_64","implementation":{"name":"CPython","version":"3.12.1"},'
          '"installer":{"name":"pip","version":"24.0"},"python":"3.12.1","system":{"name":"Linux","release":"6.1"}}')
MIRROR_UA = "bandersnatch/6.5.0 (cpython 3.12.1-final0, Linux x86_64)"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IGNORED_UA = "Datadog Agent/7.50.0"
FLUSH = 1


def download(base, path, agent):
    request = urllib.request.Request(f"{base}{path}", headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.headers.get("X-Cache")


def api(base, series, query=""):
    status, _, body = get(f"{base}/api/packages/{PROJECT}/{series}{query}")
    if status != 200:
        REPORT.fail(f"/api/packages/{PROJECT}/{series}{query} answered {status}: {body[:200]!r}")
    return json.loads(body)


def total(base, mirrors=True):
    """File downloads of the project over the 180 days, from the pypistats API."""
    data = api(base, "overall", f"?mirrors={'true' if mirrors else 'false'}")["data"]
    return sum(row["downloads"] for row in data)


def wait_total(base, expected, what, seconds=120):
    value, waited = e2ekit.wait(lambda: total(base) == expected, seconds)
    if not value:
        REPORT.fail(f"{what}: {total(base)} downloads counted, expected {expected}")
    return waited


def main():
    args, work = e2ekit.arguments_and_work("--corpus")
    corpus = Path(args.corpus)
    data = work / "data"
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "counter", "--email", "counter@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "counter")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
               "--stats-flush-interval", str(FLUSH), "--stats-retention-days", "400"]
    processes, cleanup = [], []

    def start():
        server = subprocess.Popen(command, stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
        processes.append(server)
        e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
        return server

    try:
        server = start()
        status, message = e2ekit.corpus_upload(base, token, corpus / WHEEL)
        REPORT.check(status == 200, f"uploaded {WHEEL} ({status} {message[:80]})")
        page = json.loads(get(f"{base}/simple/{PROJECT}/", "application/vnd.pypi.simple.v1+json")[2])
        path = "/" + page["files"][0]["url"].split("/", 3)[-1] if page["files"][0]["url"].startswith("http") \
            else page["files"][0]["url"]
        clients(base, work, path)
        server = through_varnish(args, work, base, port, path, server)
        server = durability(args, work, base, path, server, start, data)
    finally:
        e2ekit.stop_all(processes)
        for folder in cleanup:
            shutil.rmtree(folder, ignore_errors=True)
    print("stats-e2e: OK")


def python_minor(interpreter):
    return subprocess.run([interpreter, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True).stdout.strip()


def clients(base, work, path):
    """Real pip and uv, then a mirror, a browser and an ignored agent: who is counted as what."""
    python = sys.executable
    minor = python_minor(python)
    subprocess.run([python, "-m", "pip", "download", "--quiet", "--no-deps", "--no-cache-dir", "--only-binary",
                    ":all:", "--index-url", f"{base}/simple/", "--dest", str(work / "pip"), f"{PROJECT}=={VERSION}"],
                   check=True)
    uv = shutil.which("uv") or str(Path(python).parent / "uv")
    subprocess.run([uv, "pip", "install", "--quiet", "--no-deps", "--no-cache", "--python", python, "--target",
                    str(work / "uv"), "--index-url", f"{base}/simple/", f"{PROJECT}=={VERSION}"], check=True)
    download(base, path, MIRROR_UA)
    download(base, path, BROWSER_UA)
    download(base, path, IGNORED_UA)
    waited = wait_total(base, 4, "pip, uv, a mirror and a browser")
    REPORT.check(True, f"4 downloads counted within {waited:.1f} s (pip, uv, bandersnatch, a browser; "
                       "the ignored agent not)")
    REPORT.check(total(base, mirrors=False) == 3, "without mirrors: 3 (bandersnatch's left out)")
    rows = list(csv.DictReader(io.StringIO(get(f"{base}/api/packages/{PROJECT}/downloads.csv")[2].decode())))
    files = [row for row in rows if row["kind"] == "file"]
    by_installer = {row["installer"]: row for row in files}
    for installer in ("pip", "uv"):
        row = by_installer.get(installer)
        REPORT.check(row is not None and row["python"] == minor and row["version"] == VERSION
                     and row["filename"] == WHEEL and row["system"] == "Linux",
                     f"real {installer} is recorded as {installer}, Python {minor}, Linux, {WHEEL}: {row}")
    REPORT.check(by_installer.get("bandersnatch", {}).get("mirror") == "true", "bandersnatch is a mirror")
    REPORT.check("Browser" in by_installer, "a browser is counted as Browser")
    pages = [row for row in rows if row["kind"] == "page"]
    REPORT.check({row["installer"] for row in pages} >= {"pip", "uv"},
                 f"pip's and uv's simple-page requests are counted apart ({len(pages)} rows)")

    recent = api(base, "recent")
    REPORT.check(recent["type"] == "recent_downloads" and recent["package"] == PROJECT
                 and recent["data"] == {"last_day": 4, "last_week": 4, "last_month": 4},
                 f"recent: {recent['data']}")
    REPORT.check(api(base, "recent", "?period=week")["data"] == {"last_week": 4}, "recent?period=week")
    overall = api(base, "overall")
    categories = {row["category"]: row["downloads"] for row in overall["data"]}
    REPORT.check(overall["type"] == "overall_downloads" and categories == {"with_mirrors": 4, "without_mirrors": 3},
                 f"overall: {categories}")
    major = {row["category"]: row["downloads"] for row in api(base, "python_major")["data"]}
    REPORT.check(major == {minor.split(".")[0]: 2, "null": 1}, f"python_major (mirrors left out): {major}")
    minors = {row["category"]: row["downloads"] for row in api(base, "python_minor")["data"]}
    REPORT.check(minors == {minor: 2, "null": 1}, f"python_minor: {minors}")
    REPORT.check([row["category"] for row in api(base, "python_minor", f"?version={minor}")["data"]] == [minor],
                 "python_minor?version= keeps one version")
    systems = {row["category"]: row["downloads"] for row in api(base, "system")["data"]}
    REPORT.check(systems == {"Linux": 2, "null": 1}, f"system: {systems}")
    REPORT.check(get(f"{base}/api/packages/no-such-project/overall")[0] == 404, "an unknown project: 404")
    REPORT.check(get(f"{base}/api/packages/{PROJECT}/overall?mirrors=maybe")[0] == 400, "a bad mirrors value: 400")
    info = json.loads(get(f"{base}/pypi/{PROJECT}/json")[2])["info"]["downloads"]
    REPORT.check(info == {"last_day": 4, "last_week": 4, "last_month": 4}, f"JSON API info.downloads: {info}")
    html = get(f"{base}/project/{PROJECT}/")[2].decode()
    REPORT.check('id="statistics"' in html and 'data-count="4"' in html,
                 "the project page's statistics section shows today's 4 downloads")


def through_varnish(args, work, base, port, path, server):
    """A miss and a hit through Varnish: not counted by the origin, counted once from the log."""
    cache_port = free_port()
    cache = f"http://127.0.0.1:{cache_port}"
    varnish, name, home = e2ekit.start_varnish(work, port, cache_port)
    log = work / "varnish-access.log"
    ncsa = None
    try:
        e2ekit.wait_for(f"{cache}/_health/", "varnish", REPORT)
        ncsa = subprocess.Popen(["varnishncsa", "-n", name, "-w", str(log)], stderr=subprocess.STDOUT,
                                stdout=open(work / "varnishncsa.log", "w"))
        # varnishncsa is attached once it logs a request: the health page until then.
        e2ekit.wait(lambda: log.exists() and get(f"{cache}/_health/")
                    and "/_health/" in log.read_text(errors="replace"), 60)
        first = download(cache, path, PIP_UA)
        second = download(cache, path, PIP_UA)
        REPORT.check((first, second) == ("MISS", "HIT"), f"through Varnish: {first} then {second}")
        download(base, path, PIP_UA)
        # The direct download is written with (or after) anything counted before it.
        wait_total(base, 5, "the origin counts the direct download only")
        REPORT.check(True, "the origin did not count Varnish's miss (X-Cheeseshop-Logged-By): 5, not 6")
        seen, _ = e2ekit.wait(lambda: log.read_text(errors="replace").count(WHEEL) >= 2, 60)
        REPORT.check(seen, "varnishncsa logged both downloads")
    finally:
        if ncsa:
            ncsa.terminate()
            ncsa.wait(timeout=15)
        e2ekit.stop_all([varnish])
        shutil.rmtree(home, ignore_errors=True)
    ingest = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(work / "data"))
    first = ingest("stats", "ingest", str(log))
    wait_total(base, 7, "after ingesting Varnish's log")
    REPORT.check(True, f"ingesting varnishncsa's log counts the miss and the hit: 7 ({first})")
    again = ingest("stats", "ingest", str(log))
    REPORT.check(" 0 new lines read" in again and total(base) == 7, f"ingesting it again counts nothing: {again}")
    with log.open("a") as appended:
        stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
        appended.write(f'127.0.0.1 - - [{stamp}] "GET {path} HTTP/1.1" 200 100 "-" "{PIP_UA.replace(chr(34), chr(92) + chr(34))}"\n')
    more = ingest("stats", "ingest", str(log))
    REPORT.check(" 1 new lines read" in more and total(base) == 8, f"a line appended later is counted once: {more}")

    # Fastly's linehaul lines, gzipped: 3 downloads today.
    fastly = work / "fastly.log.gz"
    now = formatdate(time.time(), usegmt=True)
    lines = [f"download|{now}|US|{path}|TLSv1.3|AES|{PROJECT}|{VERSION}|bdist_wheel|{PIP_UA}" for _ in range(3)]
    lines.append(f"simple|{now}|US|/simple/{PROJECT}/|TLSv1.3|AES||||{PIP_UA}")
    fastly.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    fastly_out = ingest("stats", "ingest", "--format", "linehaul", str(fastly))
    REPORT.check(total(base) == 11 and ingest("stats", "ingest", "--format", "linehaul", str(fastly)).count(" 0 new") == 1,
                 f"Fastly's linehaul log (gzip) counts 3 downloads, once: {fastly_out}")
    return server


def durability(args, work, base, path, server, start, data):
    """kill -9 loses at most the counts not written yet; SIGTERM loses none; old days pruned."""
    # Counts 500 days old, ingested: kept until the server's next pruning.
    old = work / "old.log"
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(time.time() - 500 * 86400))
    old.write_text(f'127.0.0.1 - - [{stamp}] "GET {path} HTTP/1.1" 200 100 "-" "curl/8.5.0"\n')
    e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))("stats", "ingest", str(old))
    today = int(time.time() // 86400)

    def old_rows():
        with sqlite3.connect(data / "index.sqlite") as db:
            return db.execute("SELECT count(*) FROM download_statistics WHERE day < ?", (today - 400,)).fetchone()[0]

    REPORT.check(old_rows() == 1, "a 500-day-old download is stored by the ingest")

    before = total(base)
    for _ in range(20):
        download(base, path, PIP_UA)
    waited = wait_total(base, before + 20, "20 downloads written before the kill")
    REPORT.check(True, f"20 downloads written by the periodic write within {waited:.1f} s (no shutdown)")
    for _ in range(5):
        download(base, path, PIP_UA)
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=30)
    server = start()
    after = total(base)
    REPORT.check(before + 20 <= after <= before + 25,
                 f"kill -9: every written count survived, {before + 25 - after} of the last 5 (made within the "
                 f"{FLUSH} s flush interval) lost")
    gone, waited = e2ekit.wait(lambda: old_rows() == 0, 60)
    REPORT.check(gone, f"the counts older than 400 days were pruned by the restarted server ({waited:.1f} s)")
    for _ in range(3):
        download(base, path, PIP_UA)
    server.send_signal(signal.SIGTERM)
    REPORT.check(server.wait(timeout=60) == 0, "SIGTERM: a clean exit")
    server = start()
    REPORT.check(total(base) == after + 3, "SIGTERM right after 3 downloads: all 3 written at shutdown")
    return server


if __name__ == "__main__":
    main()
