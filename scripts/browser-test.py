#!/usr/bin/env python3
"""Browser test: a person's whole path through the web pages, in headless Chromium.

Starts an SMTP sink (scripts/smtp-sink.py) and `cheeseshop serve --smtp-url` on 127.0.0.1, then
drives Debian's chromium through chromedriver with selenium: register, verify the e-mail from the
link the server mailed, log in, enable 2FA (TOTP computed here from the secret the page shows),
log out and in again with a code, create an API token, publish with real twine, find the project
by search, read its README (no script runs, the CSP header is there), yank the release on the
manage page with a reason, see the yanked banner, report the project as another account, quarantine
it from the reports queue as an administrator (pip cannot install it, its owner still sees it) and
release it, mistype an address and search from the 404 page.
Screenshots go to docs/screenshots/.

    scripts/browser-test.py --cheeseshop .build/debug/cheeseshop --work .work/browser [--screenshots docs/screenshots]
"""
import argparse
import base64
import hashlib
import hmac
import io
import re
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distkit  # noqa: E402
from pagewait import wait_until_replaced  # noqa: E402

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PROJECT = "cheese-board"
VERSION = "1.0"
README = """# Cheese board

A **demo** project published from the browser test.

```python
import cheese_board
cheese_board.serve("brie")
```

| cheese | age |
|--------|-----|
| brie   | 4 w |

- [x] rendered with GitHub extensions
- [docs](https://example.org/docs)

<script>window.__xss = 1</script>
<img src="x" onerror="window.__xss = 2">
[click](javascript:window.__xss=3)
"""
PROCESSES: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=10)
            return
        except Exception:
            time.sleep(0.1)
    sys.exit(f"browser-test: {url} did not answer")


def totp(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def build_distributions(directory: Path) -> list[Path]:
    dist = PROJECT.replace("-", "_")
    metadata = (
        f"Metadata-Version: 2.1\nName: {PROJECT}\nVersion: {VERSION}\nSummary: Boards of fine cheese\n"
        "Keywords: cheese,board\nClassifier: Programming Language :: Python :: 3\n"
        "Project-URL: Source, https://example.org/cheese-board\n"
        "Description-Content-Type: text/markdown\n\n" + README
    ).encode()
    module = b"def serve(name):\n    return name\n"
    wheel = distkit.build_wheel(
        directory, PROJECT, VERSION, metadata, {f"{dist}/__init__.py": module}, "browser-test")
    sdist = directory / f"{dist}-{VERSION}.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name, content in {
            f"{dist}-{VERSION}/PKG-INFO": metadata,
            f"{dist}-{VERSION}/{dist}/__init__.py": module,
            f"{dist}-{VERSION}/pyproject.toml": b"[project]\nname = 'cheese-board'\nversion = '1.0'\n",
        }.items():
            entry = tarfile.TarInfo(name)
            entry.size = len(content)
            entry.mtime = 1_700_000_000
            archive.addfile(entry, io.BytesIO(content))
    return [sdist, wheel]


# Who downloads the project before its page is first shown: (User-Agent, wheel or sdist, times).
def agent(installer: str, version: str, python: str, system: str) -> str:
    body = (f'{{"installer":{{"name":"{installer}","version":"{version}"}},"python":"{python}",'
            f'"implementation":{{"name":"CPython","version":"{python}"}},"system":{{"name":"{system}"}},"cpu":"x86_64"}}')
    return f"{installer}/{version} {body}"


DOWNLOADERS = [
    (agent("pip", "24.0", "3.12.1", "Linux"), ".whl", 3),
    (agent("pip", "24.0", "3.12.1", "Linux"), ".tar.gz", 1),
    (agent("pip", "23.3", "3.11.7", "Windows"), ".whl", 2),
    (agent("uv", "0.5.1", "3.13.0", "Darwin"), ".whl", 1),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", ".whl", 1),
]


def download_for_statistics(base: str, cheeseshop: str, work: Path) -> int:
    """Downloads the published files as pip, uv and a browser would, ingests a web server's log of
    120 earlier days of downloads, and waits until the server has written its counts (the
    pypistats API reads them from the database). Returns today's downloads."""
    import json
    page = json.loads(urllib.request.urlopen(urllib.request.Request(
        f"{base}/simple/{PROJECT}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"})).read())
    wheel = next(f["url"] for f in page["files"] if f["filename"].endswith(".whl"))
    count = 0
    for user_agent, suffix, times in DOWNLOADERS:
        url = next(f["url"] for f in page["files"] if f["filename"].endswith(suffix))
        for _ in range(times):
            urllib.request.urlopen(urllib.request.Request(f"{base}{url}", headers={"User-Agent": user_agent})).read()
            count += 1
    log = work / "history.log"
    with log.open("w") as lines:
        for days_ago in range(1, 121):
            stamp = time.strftime("%d/%b/%Y:12:00:00 +0000", time.gmtime(time.time() - days_ago * 86400))
            for index in range(3 + (days_ago * 7) % 11 + (120 - days_ago) // 10):
                user_agent = DOWNLOADERS[index % 4][0].replace('"', "\\x22")
                lines.write(f'10.0.0.{index} - - [{stamp}] "GET {wheel} HTTP/1.1" 200 1000 "-" "{user_agent}"\n')
    ingest = subprocess.run([cheeseshop, "stats", "ingest", "--data", str(work / "data"), str(log)],
                            capture_output=True, text=True)
    check(ingest.returncode == 0, f"the history log is ingested: {ingest.stdout.strip()}{ingest.stderr.strip()}")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        recent = json.loads(urllib.request.urlopen(f"{base}/api/packages/{PROJECT}/recent?period=day").read())
        if recent["data"]["last_day"] == count:
            return count
        time.sleep(0.2)
    raise AssertionError(f"the {count} downloads were not counted within 120 s")


def check_statistics_section(driver, base: str, downloads: int, shots: Path) -> None:
    """The project page's statistics section: its charts carry the numbers the API gives."""
    import json
    driver.set_window_size(1280, 2600)
    driver.find_element(By.ID, "statistics").screenshot(str(shots / "statistics.png"))
    driver.set_window_size(1280, 900)
    section = driver.find_element(By.ID, "statistics")
    today = time.strftime("%Y-%m-%d", time.gmtime())
    bars = {bar.get_attribute("data-day"): int(bar.get_attribute("data-count"))
            for bar in section.find_elements(By.CSS_SELECTOR, "rect[data-day]") if bar.get_attribute("data-count") != "0"}
    overall = json.loads(urllib.request.urlopen(f"{base}/api/packages/{PROJECT}/overall?mirrors=true").read())["data"]
    check(bars == {row["date"]: row["downloads"] for row in overall} and bars.get(today) == downloads and len(bars) == 121,
          f"the daily chart has a bar for each of the 121 days with downloads, as the API counts them (today {downloads})")
    title = section.find_element(By.CSS_SELECTOR, f"rect[data-day='{today}'] title").get_attribute("textContent")
    check(title.startswith(f"{today}: {downloads} "), f"today's bar is titled with its number ({title})")

    def chart(name: str) -> dict[str, int]:
        return {bar.get_attribute("data-category"): int(bar.get_attribute("data-count"))
                for bar in section.find_elements(By.CSS_SELECTOR, f"svg[aria-labelledby^='stats-{name}'] rect[data-category]")}

    def api(series: str) -> dict[str, int]:
        rows = json.loads(urllib.request.urlopen(f"{base}/api/packages/{PROJECT}/{series}").read())["data"]
        totals: dict[str, int] = {}
        for row in rows:
            category = "unknown" if row["category"] == "null" else row["category"]
            totals[category] = totals.get(category, 0) + row["downloads"]
        return totals

    python = chart("python")
    check(python == api("python_minor") and set(python) == {"3.12", "3.11", "3.13", "unknown"},
          f"the Python chart carries the API's numbers ({python})")
    systems = chart("system")
    check(systems == api("system") and set(systems) == {"Linux", "Windows", "Darwin", "unknown"},
          f"the operating system chart carries the API's numbers ({systems})")
    installers = chart("installer")
    check(set(installers) == {"pip", "uv", "Browser"} and sum(installers.values()) == sum(bars.values()),
          f"the installer chart adds up to every download ({installers})")
    table = section.find_element(By.XPATH, ".//div[.//*[local-name()='svg' and starts-with(@aria-labelledby, "
                                 "'stats-python')]]//table")
    rows = [[cell.get_attribute("textContent").strip() for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
            for row in table.find_elements(By.TAG_NAME, "tr")]
    missing = [f"{category} {count}" for category, count in python.items() if [category, str(count)] not in
               [row[:2] for row in rows]]
    check(not missing, f"the table under the Python chart carries the same numbers ({rows})")


def pip_download(base: str, work: Path, name: str) -> subprocess.CompletedProcess:
    """`pip download` of the project's pinned release from the index, into a fresh directory."""
    target = work / f"pip-{time.monotonic_ns()}"
    return subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--no-cache-dir",
         "--index-url", f"{base}/simple/", "--dest", str(target), f"{name}=={VERSION}"],
        capture_output=True, text=True)


def moderate(driver, base: str, cheeseshop: str, work: Path, shots: Path, navigating, submit_form) -> None:
    """A reader reports the project from its page; an administrator quarantines it from the
    reports queue (pip can no longer install it, its owner still sees it on the manage page) and
    releases it. The accounts are made with the CLI beside the running server."""
    data = ["--data", str(work / "data")]
    secret = {"reporter": secrets.token_urlsafe(16), "warden": secrets.token_urlsafe(16)}
    for name in secret:
        made = subprocess.run([cheeseshop, "user", "create", name, "--email", f"{name}@example.org",
                               "--password-stdin", *data], input=secret[name] + "\n", capture_output=True, text=True)
        check(made.returncode == 0, f"the CLI made {name} ({made.stderr.strip()})")
    role = subprocess.run([cheeseshop, "user", "role", "warden", "administrator", *data], capture_output=True, text=True)
    check(role.returncode == 0, f"the CLI made warden an administrator ({role.stderr.strip()})")
    check(pip_download(base, work, PROJECT).returncode == 0, "pip installs the project before the report")
    owner_cookies = driver.get_cookies()

    def log_in_as(name: str) -> None:
        driver.delete_all_cookies()
        driver.get(f"{base}/account/login/")
        submit_form({"username": name, "password": secret[name]}, "Log in")

    log_in_as("reporter")
    driver.get(f"{base}/project/{PROJECT}/")
    navigating(driver.find_element(By.ID, "report-project").click)
    driver.find_element(By.ID, "report-kind").send_keys("Malware")
    submit_form({"summary": "The wheel runs a miner on import.", "inspector_url": "https://example.org/evidence"},
                "Submit the report")
    check("was received" in driver.find_element(By.ID, "report-filed").text, "the report form thanks the reporter")
    driver.save_screenshot(str(shots / "report-filed.png"))

    log_in_as("warden")
    driver.get(f"{base}/admin/reports/")
    queue = driver.find_element(By.ID, "open-reports").text
    check("The wheel runs a miner on import." in queue and "reporter" in queue, "the report waits in the queue")
    driver.save_screenshot(str(shots / "admin-reports.png"))
    navigating(driver.find_element(By.XPATH, f"//button[normalize-space()='Quarantine {PROJECT}']").click)
    check(driver.find_elements(By.ID, "no-reports") != [], "the report left the queue (actioned)")
    driver.get(f"{base}/admin/project/{PROJECT}/")
    check(driver.find_element(By.ID, "project-status").text == "quarantined", "the admin page shows the quarantine")
    admin_cookies = driver.get_cookies()
    refused = pip_download(base, work, PROJECT)
    check(refused.returncode != 0, "pip cannot install the quarantined project")
    check(urllib.request.urlopen(f"{base}/simple/").read().find(PROJECT.encode()) < 0, "/simple/ leaves it out")

    driver.delete_all_cookies()
    for cookie in owner_cookies:
        driver.add_cookie(cookie)
    driver.get(f"{base}/manage/project/{PROJECT}/")
    check(driver.find_element(By.ID, "project-status").text == "quarantined", "its owner still sees the project")
    check("quarantined" in driver.find_element(By.ID, "quarantine-notice").text, "and is told why it is hidden")
    driver.save_screenshot(str(shots / "manage-quarantined.png"))

    driver.delete_all_cookies()
    for cookie in admin_cookies:
        driver.add_cookie(cookie)
    driver.get(f"{base}/admin/project/{PROJECT}/")
    navigating(driver.find_element(By.XPATH, "//button[normalize-space()='Release from quarantine']").click)
    check(driver.find_element(By.ID, "project-status").text == "active", "released")
    deadline, installed = time.monotonic() + 60, None
    while time.monotonic() < deadline and (installed is None or installed.returncode != 0):
        installed = pip_download(base, work, PROJECT)
    check(installed is not None and installed.returncode == 0, "pip installs it again once released")
    driver.get(f"{base}/admin/log/")
    log = driver.find_element(By.ID, "admin-log").text
    check("project:quarantine" in log and "project:release" in log and "report:actioned" in log,
          "the audit log has the quarantine, the report's resolution and the release")
    driver.delete_all_cookies()
    for cookie in owner_cookies:
        driver.add_cookie(cookie)


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)
    print(f"browser-test: ok: {what}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--screenshots", default="docs/screenshots")
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    (work / "mail").mkdir(parents=True)
    (work / "dist").mkdir()
    shots = Path(args.screenshots).resolve()
    shots.mkdir(parents=True, exist_ok=True)
    smtp_port, port = free_port(), free_port()
    here = Path(__file__).resolve().parent
    PROCESSES.append(subprocess.Popen([sys.executable, str(here / "smtp-sink.py"), str(smtp_port), str(work / "mail")]))
    PROCESSES.append(subprocess.Popen(
        [args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(work / "data"),
         "--smtp-url", f"smtp://127.0.0.1:{smtp_port}", "--mail-from", "index@example.org",
         "--stats-flush-interval", "1"],
        stdout=(work / "server.log").open("wb"), stderr=subprocess.STDOUT))
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/_health/")

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    # Generous: pages load slowly on a loaded machine (an absent element costs this wait).
    driver.implicitly_wait(20)
    username, password = "cheesemonger", secrets.token_urlsafe(16)

    def navigating(action) -> None:
        """Runs `action` (a click or a key that loads another page) and waits until the old page
        is gone: an element read before the new page arrives would be the old page's (stale)."""
        old = driver.find_element(By.TAG_NAME, "html")
        action()
        wait_until_replaced(driver, old)

    def submit_form(fields: dict[str, str], button: str) -> None:
        for name, value in fields.items():
            element = driver.find_element(By.NAME, name)
            element.clear()
            element.send_keys(value)
        navigating(driver.find_element(By.XPATH, f"//button[normalize-space()='{button}']").click)

    def reauthenticate_if_asked() -> None:
        if driver.find_elements(By.XPATH, "//h1[normalize-space()='Confirm your password']"):
            submit_form({"password": password}, "Confirm")

    try:
        driver.get(f"{base}/")
        driver.save_screenshot(str(shots / "home-empty.png"))
        # Register, then verify from the e-mail the SMTP sink received.
        navigating(driver.find_element(By.LINK_TEXT, "Register").click)
        submit_form({"username": username, "email": "monger@example.org", "password": password}, "Create account")
        deadline, mails = time.monotonic() + 120, []
        while time.monotonic() < deadline and not mails:
            mails = sorted((work / "mail").glob("*.eml"))
            time.sleep(0.2)
        check(bool(mails), "the verification e-mail arrived through SMTP")
        text = mails[0].read_text()
        link = re.search(r"https?://\S+/account/verify-email/\?token=\S+", text)
        check(link is not None, "the e-mail carries a verification link")
        driver.get(link.group(0).replace(f"http://127.0.0.1:{port}", base))
        # Log in; the verification page may already say so.
        driver.get(f"{base}/account/login/")
        submit_form({"username": username, "password": password}, "Log in")
        check("verified" in driver.find_element(By.TAG_NAME, "body").text, "e-mail verified, logged in")
        # Enable 2FA.
        navigating(driver.find_element(By.XPATH, "//button[normalize-space()='Add an authenticator app']").click)
        reauthenticate_if_asked()
        if driver.find_elements(By.XPATH, "//button[normalize-space()='Add an authenticator app']"):
            navigating(driver.find_element(By.XPATH, "//button[normalize-space()='Add an authenticator app']").click)
        secret = driver.find_element(By.ID, "totp-secret").text
        submit_form({"code": totp(secret)}, "Verify")
        codes = driver.find_elements(By.CSS_SELECTOR, "#recovery-codes code")
        check(len(codes) == 8, "2FA enabled, 8 recovery codes shown")
        # Log out, log in again with a code (the next time step: a code is never accepted twice).
        driver.get(f"{base}/manage/account/")
        # Wait for the logout's answer: a navigation started before it arrives cancels the POST.
        navigating(driver.find_element(By.XPATH, "//button[normalize-space()='Log out']").click)
        driver.get(f"{base}/account/login/")
        submit_form({"username": username, "password": password}, "Log in")
        time.sleep(max(0.0, 30 - time.time() % 30) + 0.5)
        submit_form({"code": totp(secret)}, "Verify")
        check("Enabled" in driver.find_element(By.ID, "two-factor").text, "logged in with password and TOTP")
        # Create an API token.
        submit_form({"description": "browser upload"}, "Create token")
        reauthenticate_if_asked()
        if not driver.find_elements(By.ID, "token"):
            submit_form({"description": "browser upload"}, "Create token")
        token = driver.find_element(By.ID, "token").text
        check(token.startswith("pypi-"), "an API token was created")
        driver.get(f"{base}/manage/account/")
        driver.save_screenshot(str(shots / "account.png"))
        # Publish with twine.
        files = build_distributions(work / "dist")
        twine = [shutil.which("twine")] if shutil.which("twine") else [sys.executable, "-m", "twine"]
        upload = subprocess.run(
            twine + ["upload", "--non-interactive", "--repository-url", f"{base}/legacy/", "-u", "__token__", "-p", token,
                     *map(str, files)], capture_output=True, text=True)
        check(upload.returncode == 0, f"twine uploaded the sdist and the wheel ({upload.stdout[-300:]}{upload.stderr[-300:]})")
        downloads = download_for_statistics(base, args.cheeseshop, work)
        # Find it by search from the home page.
        driver.get(f"{base}/")
        box = driver.find_element(By.ID, "home-search")
        box.send_keys("fine cheese")
        navigating(lambda: box.send_keys(Keys.RETURN))
        results = driver.find_elements(By.CSS_SELECTOR, "ul.results a.name")
        check(any(r.text == PROJECT for r in results), "search finds the project by its summary")
        driver.save_screenshot(str(shots / "search.png"))
        navigating(next(r for r in results if r.text == PROJECT).click)
        # Read the README: rendered, sanitized, no script ran.
        readme = driver.find_element(By.CSS_SELECTOR, ".readme")
        check(readme.find_element(By.TAG_NAME, "h1").text == "Cheese board", "the README's heading is rendered")
        check(len(readme.find_elements(By.TAG_NAME, "table")) == 1, "the GFM table is rendered")
        check(len(readme.find_elements(By.CSS_SELECTOR, "pre code")) == 1, "the code block is rendered")
        check(driver.execute_script("return window.__xss === undefined"), "no script from the README ran")
        check("<script" not in readme.get_attribute("innerHTML"), "no script element in the README")
        check(all("javascript" not in (a.get_attribute("href") or "") for a in readme.find_elements(By.TAG_NAME, "a")),
              "no javascript: link")
        headers = urllib.request.urlopen(f"{base}/project/{PROJECT}/").headers
        check("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "strict CSP header")
        check(driver.find_element(By.ID, "install").text == f"pip install {PROJECT}", "the install command")
        driver.save_screenshot(str(shots / "project.png"))
        check_statistics_section(driver, base, downloads, shots)
        driver.set_window_size(390, 844)
        driver.save_screenshot(str(shots / "project-phone.png"))
        driver.set_window_size(1280, 900)
        # Keyboard: the first Tab reaches the skip link.
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        check(driver.switch_to.active_element.text == "Skip to main content", "keyboard: the skip link comes first")
        # Yank the release on the manage page, with a reason.
        driver.get(f"{base}/manage/project/{PROJECT}/")
        driver.save_screenshot(str(shots / "manage.png"))
        driver.find_element(By.NAME, "reason").send_keys("Broken build")
        navigating(driver.find_element(By.XPATH, "//button[normalize-space()='Yank']").click)
        check("yanked" in driver.find_element(By.ID, "releases").text, "the manage page shows the release yanked")
        driver.get(f"{base}/project/{PROJECT}/{VERSION}/")
        banner = driver.find_element(By.ID, "yanked-banner")
        check("Broken build" in banner.text, "the project page shows the yanked banner with its reason")
        driver.save_screenshot(str(shots / "project-yanked.png"))
        moderate(driver, base, args.cheeseshop, work, shots, navigating, submit_form)
        # A mistyped address: the site's own 404 page, in the site frame, whose search box works.
        try:
            urllib.request.urlopen(urllib.request.Request(f"{base}/projcet/{PROJECT}/", headers={"Accept": "text/html"}))
            status = 200
        except urllib.request.HTTPError as error:
            status = error.code
        check(status == 404, "a mistyped address answers 404")
        driver.get(f"{base}/projcet/{PROJECT}/")
        check(driver.title.startswith("Not found"), "the 404 page has its title")
        check(driver.find_element(By.TAG_NAME, "h1").text == "Not found", "the 404 page has its heading")
        check(driver.find_element(By.LINK_TEXT, "home page").get_attribute("href") == f"{base}/", "the 404 page links home")
        driver.save_screenshot(str(shots / "not-found.png"))
        box = driver.find_element(By.ID, "site-search")
        box.send_keys("cheese")
        navigating(lambda: box.send_keys(Keys.RETURN))
        check(any(r.text == PROJECT for r in driver.find_elements(By.CSS_SELECTOR, "ul.results a.name")),
              "the 404 page's search box finds the project")
        driver.get(f"{base}/")
        driver.save_screenshot(str(shots / "home.png"))
        print(f"browser-test: OK: registered, verified by SMTP mail, 2FA, token, twine upload, search, README, download statistics, yank, report, quarantine and release by an administrator, 404; "
              f"screenshots in {shots}")
    except Exception:
        driver.save_screenshot(str(work / "failure.png"))
        (work / "failure.html").write_text(driver.page_source)
        raise
    finally:
        driver.quit()
        for process in PROCESSES:
            process.terminate()


if __name__ == "__main__":
    main()
