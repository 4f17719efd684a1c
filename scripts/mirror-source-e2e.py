"""The index as a mirror's source, end to end, against the release binary:

- PyPI's XML-RPC mirroring methods through Python's own `xmlrpc.client.ServerProxy`, at `/pypi`
  and at `/RPC2`: after each upload and a yank, `changelog_last_serial` is the new serial and
  `changelog_since_serial` lists exactly the new journal entries (name, version or None, time,
  action, serial) with Warehouse's actions; `list_packages_with_serial` matches the `_last-serial`
  of the PEP 691 JSON pages (the root and each project's); removed methods raise PyPI's Fault,
  an unknown one pyramid_rpc's;
- `GET /api/changes` walked page by page with a small `limit`: the cursor reaches the end, the
  pages list the same serials as XML-RPC, full pages are immutable, every page's ETag answers 304;
- PyPI's RSS feeds (`/rss/updates.xml`, `/rss/packages.xml`, `/rss/project/<p>/releases.xml`)
  read by feedparser: well-formed RSS 2.0, the releases and projects newest first, absolute links;
- `cheeseshop project quarantine`: the journal says so, the pages and feeds lose the project, pip
  cannot install it; `cheeseshop project release` brings it back.

    mirror-source-e2e.py --cheeseshop BIN --work DIR

Prints `mirror-source-e2e: OK ...` on success.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xmlrpc.client
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distkit  # noqa: E402
from e2ekit import (Reporter, arguments_and_work, cheeseshop_cli, free_port, get, legacy_upload,  # noqa: E402
                    stop_all, wait, wait_for)

REPORT = Reporter("mirror-source-e2e")
check = REPORT.check
JSON = "application/vnd.pypi.simple.v1+json"


def request(url, headers=None, data=None, method=None):
    """(status, headers, body) of a request, error statuses (304 included) returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wheel(work, name, version):
    """A wheel of `name` (its METADATA's Name, as the project is stored) under the normalized
    filename (PEP 427)."""
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    module = name.lower().replace("-", "_")
    return distkit.build_wheel(work, module, version, metadata, {f"{module}.py": b"VALUE = 1\n"}, "mirror-source-e2e")


def new_entries(proxies, before, expected, what):
    """Checks that both endpoints list exactly `expected` [(name, version, action)] after serial
    `before`, with increasing serials ending at `changelog_last_serial`; the entries."""
    last = proxies[0].changelog_last_serial()
    check(all(proxy.changelog_last_serial() == last for proxy in proxies),
          f"{what}: changelog_last_serial is {last} at /pypi and /RPC2")
    entries = [tuple(entry) for entry in proxies[0].changelog_since_serial(before)]
    check(all([tuple(e) for e in proxy.changelog_since_serial(before)] == entries for proxy in proxies[1:]),
          f"{what}: /RPC2 answers changelog_since_serial as /pypi")
    check([(name, version, action) for name, version, _, action, _ in entries] == expected,
          f"{what}: changelog_since_serial({before}) lists {expected}")
    serials = [serial for *_, serial in entries]
    check(serials == sorted(set(serials)) and serials[0] > before and serials[-1] == last,
          f"{what}: serials {serials} increase from {before} to the last serial")
    now = time.time()
    check(all(isinstance(when, int) and now - 600 < when <= now + 5 for _, _, when, _, _ in entries),
          f"{what}: each entry's time is a unix timestamp of now")
    return entries


def list_matches_simple(base, proxy):
    """list_packages_with_serial as the PEP 691 root lists projects, and each project's own
    `_last-serial` as its page says."""
    serials = proxy.list_packages_with_serial()
    status, _, body = get(f"{base}/simple/", accept=JSON)
    root = {project["name"]: project["_last-serial"] for project in json.loads(body)["projects"]}
    check(status == 200 and serials == root,
          f"list_packages_with_serial {serials} is the PEP 691 root's names and _last-serial")
    for name, serial in serials.items():
        _, _, page = get(f"{base}/simple/{name}/", accept=JSON)
        check(json.loads(page)["meta"]["_last-serial"] == serial,
              f"{name}'s simple page has _last-serial {serial}")
    return serials


def removed_methods(proxy):
    for call, code, text in [
        (lambda: proxy.search({"name": "mirror"}, "or"), -32500,
         "RuntimeError: PyPI no longer supports 'pip search' (or XML-RPC search)."),
        (lambda: proxy.list_packages(), -32500, "RuntimeError: PyPI no longer supports the XMLRPC list_packages"),
        (lambda: proxy.package_releases("Mirror_Source"), -32500, "Use JSON or Simple API instead."),
        (lambda: proxy.changelog(0), -32500, "ValueError: The changelog method has been deprecated"),
        (lambda: proxy.no_such_method(), -32601, "server error; requested method not found"),
        (lambda: proxy.changelog_since_serial("wrong!"), -32602,
         "client error; serial: Input should be a valid integer"),
    ]:
        try:
            call()
            REPORT.fail(f"no Fault for a call that should raise {text!r}")
        except xmlrpc.client.Fault as fault:
            check(fault.faultCode == code and text in fault.faultString, f"Fault {code}: {fault.faultString[:70]}...")
    multicall = xmlrpc.client.MultiCall(proxy)
    multicall.changelog_last_serial()
    try:
        list(multicall())
        REPORT.fail("system.multicall answered")
    except xmlrpc.client.Fault as fault:
        check("MultiCall requests have been deprecated" in fault.faultString, "system.multicall raises PyPI's Fault")


def walk_changes(base, limit, expected_serials, last):
    """Follows /api/changes from 0 with `limit` to its end; checks pages, cache headers, ETags."""
    url = f"{base}/api/changes?since=0&limit={limit}"
    serials, pages = [], 0
    while url:
        status, headers, body = request(url)
        check(status == 200, f"GET {url[len(base):]} answers 200")
        page = json.loads(body)
        changes = page["changes"]
        full = len(changes) == limit
        serials += [change["serial"] for change in changes]
        check(page["last_serial"] == last and headers.get("X-PyPI-Last-Serial") == str(last),
              f"the page names the last serial {last}")
        cache = headers.get("Cache-Control", "")
        check(("immutable" in cache) == full, f"a {'full' if full else 'tail'} page has Cache-Control {cache!r}")
        etag = headers.get("ETag", "")
        check(etag.startswith('"') and not etag.startswith("W/"), f"a strong ETag {etag}")
        again = request(url, headers={"If-None-Match": etag})
        check(again[0] == 304 and again[2] == b"", "If-None-Match with it answers 304 without a body")
        if page["next"] is not None:
            check(full and page["next"] == f"/api/changes?since={changes[-1]['serial']}&limit={limit}",
                  f"next is {page['next']}")
            url = base + page["next"]
        else:
            url = None
        pages += 1
    check(serials == expected_serials, f"the {pages} pages list the {len(serials)} serials XML-RPC lists, in order")
    status, _, body = request(f"{base}/api/changes?limit=0")
    check(status == 400 and b"limit" in body, f"limit=0 answers 400: {body.decode()}")
    return pages


def feeds(base):
    """The three RSS feeds, read by feedparser."""
    def parsed(path):
        status, headers, body = get(f"{base}{path}")
        check(status == 200 and headers.get("Content-Type") == "application/rss+xml; charset=utf-8",
              f"{path} answers 200 with RSS's content type")
        feed = feedparser.parse(body)
        check(not feed.bozo and feed.version == "rss20", f"{path} is well-formed RSS 2.0 ({feed.get('bozo_exception')})")
        check(all(entry.link.startswith(f"{base}/project/") and entry.get("published_parsed") for entry in feed.entries),
              f"{path}: every item has an absolute link and a date")
        return [entry.title for entry in feed.entries]
    updates = parsed("/rss/updates.xml")
    check(updates == ["other-proj 0.1", "Mirror_Source 2.0", "Mirror_Source 1.0"], f"updates, newest first: {updates}")
    packages = parsed("/rss/packages.xml")
    check(packages == ["other-proj added to Cheeseshop", "Mirror_Source added to Cheeseshop"],
          f"newest packages: {packages}")
    releases = parsed("/rss/project/mirror-source/releases.xml")
    check(releases == ["2.0", "1.0"], f"Mirror_Source's releases: {releases}")
    return len(updates) + len(packages) + len(releases)


def quarantine(work, base, cli, proxy):
    """An administrator quarantines other-proj with the CLI: the journal says so (mirrors follow),
    installers and the feeds lose it, pip cannot install it; released, it is back."""
    def pip_download():
        return subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-cache-dir",
                               "--disable-pip-version-check", "--index-url", f"{base}/simple/", "--dest",
                               str(work / "pip-quarantine"), "other-proj==0.1"], capture_output=True, text=True)
    page = json.loads(get(f"{base}/simple/other-proj/", JSON)[2])
    file_url = page["files"][0]["url"]
    file_url = file_url if file_url.startswith("http") else base + file_url
    check(get(file_url)[0] == 200, "other-proj's wheel is served")
    before = proxy.changelog_last_serial()
    print(cli("project", "quarantine", "other-proj", "--reason", "malware report"))
    entries = proxy.changelog_since_serial(before)
    check([(e[0], e[3]) for e in entries] == [("other-proj", "quarantine project")],
          f"the journal has the quarantine, for mirrors to follow: {entries}")
    # The server reads the journal every second: then the pages are gone.
    gone, waited = wait(lambda: get(f"{base}/simple/other-proj/")[0] == get(f"{base}/simple/other-proj/", JSON)[0]
                        == 404, 60)
    check(gone, f"its simple page answers 404, HTML and JSON ({waited:.1f} s after the CLI)")
    check(b"other-proj" not in get(f"{base}/simple/")[2] and get(f"{base}/pypi/other-proj/json")[0] == 404,
          "the simple index and the JSON API leave it out")
    check(b"other-proj" not in get(f"{base}/rss/updates.xml")[2], "so do the feeds")
    check(get(file_url)[0] == 404, "its wheel is no longer served")
    check(pip_download().returncode != 0, "pip cannot install it")
    cli("project", "release", "other-proj")
    back, waited = wait(lambda: get(f"{base}/simple/other-proj/")[0] == get(f"{base}/simple/other-proj/", JSON)[0]
                        == 200, 60)
    check(back and pip_download().returncode == 0, f"released, pip installs it again ({waited:.1f} s)")


def moderation(work, base, cli, token, proxy):
    """The operator's flags and the observation API, over real HTTP: with `disallow-new-upload`
    on, an upload is refused with Warehouse's message and the journal is unchanged; off, it goes
    through. A report through the danger API needs a site role; the queue and the audit log are
    read with the CLI."""
    cli("flag", "set", "disallow-new-upload", "on")
    check("disallow-new-upload\ton" in cli("flag", "list"), "the flag reads back on")
    before = proxy.changelog_last_serial()
    path = wheel(work, "other-proj", "0.2")
    status, message = legacy_upload(base, token, path, "other-proj", "0.2")
    check(status == 403 and "New uploads are temporarily disabled." in message,
          f"an upload with the flag on: {status} {message.strip()[:100]}")
    check(proxy.changelog_last_serial() == before, "nothing was written")
    cli("flag", "set", "disallow-new-upload", "off")
    status, message = legacy_upload(base, token, path, "other-proj", "0.2")
    check(status == 200, f"with the flag off the upload goes through ({status})")
    report = json.dumps({"kind": "is_spam", "summary": "a test report"}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.pypi.api-v0-danger+json"}
    url = f"{base}/danger-api/projects/other-proj/observations"
    status, _, body = request(url, headers=headers, data=report, method="POST")
    check(status == 403, f"an account without a site role cannot use the observation API ({status} {body[:80]})")
    cli("user", "role", "mirror", "observer")
    status, answer, body = request(url, headers=headers, data=report, method="POST")
    check(status == 202 and json.loads(body) == {"project": "other-proj", "thanks": "for the observation"},
          f"an observer's report is accepted: {status} {body[:100]}")
    queue = cli("report", "list")
    check("other-proj\tis_spam\tmirror\topen\ta test report" in queue, f"the CLI lists it: {queue}")
    report_id = queue.split("\t")[0]
    cli("report", "resolve", report_id, "dismissed")
    log = cli("report", "log")
    check(all(action in log for action in ["flag:set", "user:role", "report:dismissed", "project:quarantine"]),
          f"the audit log has every action: {log}")


def main():
    args, work = arguments_and_work()
    data = work / "data"
    cli = cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    cli("user", "create", "mirror", "--email", "mirror@example.org", "--password-stdin",
        stdin=hashlib.sha256(os.urandom(16)).hexdigest() + "\n")
    token = cli("token", "create", "mirror")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data)],
        stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
    try:
        wait_for(f"{base}/_health/live", "cheeseshop", REPORT)
        proxies = [xmlrpc.client.ServerProxy(f"{base}/pypi"), xmlrpc.client.ServerProxy(f"{base}/RPC2")]
        check(proxies[0].changelog_last_serial() == 0, "an empty index's changelog_last_serial is 0")
        check(proxies[1].list_packages_with_serial() == {}, "and list_packages_with_serial is empty")

        before = 0
        for name, version in [("Mirror_Source", "1.0"), ("Mirror_Source", "2.0"), ("other-proj", "0.1")]:
            path = wheel(work, name, version)
            status, message = legacy_upload(base, token, path, name, version)
            check(status == 200, f"upload of {path.name}: {status} {message.strip()[:80]}")
            new_project = version in ("1.0", "0.1")
            expected = ([(name, None, "create"), (name, None, "add Owner mirror")] if new_project else []) + [
                (name, version, "new release"), (name, version, f"add py3 file {path.name}")]
            before = new_entries(proxies, before, expected, f"upload of {name} {version}")[-1][-1]

        auth = base64.b64encode(f"__token__:{token}".encode()).decode()
        status, _, body = request(f"{base}/api/projects/mirror-source/releases/1.0/yank",
                                  headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"},
                                  data=json.dumps({"reason": "mirror test"}).encode(), method="POST")
        check(status == 200, f"yank of Mirror_Source 1.0: {status} {body.decode()[:80]}")
        new_entries(proxies, before, [("Mirror_Source", "1.0", "yank release")], "yank of Mirror_Source 1.0")

        serials = list_matches_simple(base, proxies[0])
        check(set(serials) == {"Mirror_Source", "other-proj"}, "names are given as stored")
        removed_methods(proxies[1])

        everything = proxies[0].changelog_since_serial(0)
        last = proxies[0].changelog_last_serial()
        pages = walk_changes(base, 3, [entry[-1] for entry in everything], last)
        items = feeds(base)
        quarantine(work, base, cli, proxies[0])
        moderation(work, base, cli, token, proxies[0])
    finally:
        stop_all([server])
    print(f"mirror-source-e2e: OK ({len(everything)} journal entries through XML-RPC at /pypi and /RPC2 "
          f"match the uploads and the yank, list_packages_with_serial matches {len(serials)} PEP 691 pages, "
          f"removed methods fault, /api/changes walked in {pages} pages with ETag/304; 3 RSS feeds of {items} items "
          "read by feedparser; a quarantine and its release followed by the journal, the pages and pip; "
          "uploads refused by an instance flag; a report through the observation API)", flush=True)


if __name__ == "__main__":
    main()
