"""Accessibility of the pages a person reaches, checked with axe-core (axe-selenium-python, which
bundles it) in headless Chromium: no serious or critical WCAG violation on the home page, search,
a project and a release page with a real README, a user page, an organization's public page, the
account forms, the organization manage pages (logged in), and the error pages (404 for a mistyped
address and an unknown project, 405).

    axe-e2e.py --cheeseshop BIN --work DIR --corpus DIR

Needs Python >= 3.12 (axe-selenium-python 3) with selenium and axe-selenium-python, and Debian's
chromium and chromium-driver. Prints `axe-e2e: OK ...` on success.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from e2ekit import Reporter, free_port  # noqa: E402

from axe_selenium_python import Axe  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPORT = Reporter("axe-e2e")
check = REPORT.check


def counted_downloads(base, files):
    """Downloads of Flask's wheels by pip, uv and a browser, written before the project page is
    first shown: its statistics section then has every chart."""
    page = json.loads(e2ekit.get(f"{base}/simple/flask/", "application/vnd.pypi.simple.v1+json")[2])
    agents = [
        'pip/24.0 {"installer":{"name":"pip","version":"24.0"},"python":"3.12.1","system":{"name":"Linux"}}',
        'uv/0.5.1 {"installer":{"name":"uv","version":"0.5.1"},"python":"3.13.0","system":{"name":"Darwin"}}',
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ]
    for index, file in enumerate(page["files"]):
        request = urllib.request.Request(f"{base}{file['url']}", headers={"User-Agent": agents[index % 3]})
        urllib.request.urlopen(request, timeout=60).read()

    def counted():
        status, _, body = e2ekit.get(f"{base}/api/packages/flask/recent?period=day")
        return status == 200 and json.loads(body)["data"]["last_day"] == len(page["files"])
    done, waited = e2ekit.wait(counted, 120)
    check(done, f"{len(page['files'])} downloads of Flask counted ({waited:.1f} s)")


def management_api(base, token, path, body):
    """The status of a management API POST of `body` (JSON) with the API token."""
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cheeseshop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = work / "data"
    cli = e2ekit.cheeseshop_cli(args.cheeseshop, REPORT, "--data", str(data))
    password = hashlib.sha256(os.urandom(16)).hexdigest()
    cli("user", "create", "reader", "--email", "reader@example.org", "--password-stdin", stdin=password + "\n")
    # An administrator: the admin pages and the report form are checked signed in.
    cli("user", "role", "reader", "administrator")
    token = cli("token", "create", "reader")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([args.cheeseshop, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--data", str(data), "--stats-flush-interval", "1"], stdout=(work / "server.log").open("wb"), stderr=subprocess.STDOUT)
    driver = None
    try:
        e2ekit.wait_for(f"{base}/_health/ready", "cheeseshop", REPORT)
        corpus = Path(args.corpus)
        flask = sorted(p for p in corpus.iterdir() if p.name.lower().startswith("flask-"))
        check(flask, "the corpus has Flask")
        for path in flask:
            status, message = e2ekit.corpus_upload(base, token, path)
            check(status == 200, f"uploaded {path.name} ({status} {message[:80]})")
        version = flask[-1].name.split("-")[1]
        counted_downloads(base, flask)
        for path, body in [("/api/organizations", {"name": "Pallets-Club"}),
                           ("/api/organizations/pallets-club/teams", {"name": "release"}),
                           ("/api/projects/flask/transfer", {"organization": "pallets-club"})]:
            status = management_api(base, token, path, body)
            check(status == 200, f"POST {path}: {status}")
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options,
                                  service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
        pages = [("/", "Cheeseshop"), ("/search/?q=web", "Results"), ("/project/flask/", "flask"),
                 (f"/project/flask/{version}/", "flask"), ("/user/reader/", "reader"),
                 ("/org/pallets-club/", "Pallets-Club"),
                 ("/account/login/", "Log in"), ("/account/register/", "Create an account"),
                 ("/account/request-password-reset/", "password"), ("/projcet/flask/", "Not found"),
                 ("/project/no-such-project/", "Not found"), ("/account/logout/", "Method not allowed")]

        def audit(path, title):
            driver.get(base + path)
            # The statistics tables too (closed <details> are not checked).
            driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
            check(title.lower() in driver.title.lower(), f"{path}: the page is '{driver.title}'")
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            severe = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
                      if v["impact"] in ("serious", "critical")]
            others = sorted({v["id"] for v in results["violations"]} - {v[0] for v in severe})
            check(not severe, f"{path}: no serious or critical violation "
                  f"({len(results['passes'])} rules passed{'; minor: ' + ', '.join(others) if others else ''}) {severe}")

        for path, title in pages:
            audit(path, title)
        # Signed in: a report filed through the observation API fills the queue.
        request = urllib.request.Request(
            f"{base}/danger-api/projects/flask/observations", method="POST",
            data=json.dumps({"kind": "is_spam", "summary": "a test report"}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        check(urllib.request.urlopen(request).status == 202, "a report filed through the observation API")
        # The signed-in pages (the session cookie stays in the browser).
        driver.get(f"{base}/account/login/")
        for name, value in [("username", "reader"), ("password", password)]:
            driver.find_element(By.NAME, name).send_keys(value)
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.XPATH, "//main//button[normalize-space()='Log in']").click()
        WebDriverWait(driver, 120).until(expected_conditions.staleness_of(old))
        check("/account/login/" not in driver.current_url, f"logged in ({driver.current_url})")
        signed_in = [("/manage/account/", "Account"), ("/manage/projects/", "Your projects"),
                     ("/project/flask/submit-malware-report/", "Report flask"), ("/admin/", "Administration"),
                     ("/admin/reports/", "Reports"), ("/admin/user/reader/", "User reader"),
                     ("/admin/project/flask/", "Project flask"), ("/admin/log/", "Audit log"),
                     ("/manage/organizations/", "Your organizations"),
                     ("/manage/organization/pallets-club/", "Manage Pallets-Club")]
        for path, title in signed_in:
            audit(path, title)
        pages += signed_in
        print(f"axe-e2e: OK ({len(pages)} pages, error pages, admin, organization and manage pages and the report form included: no serious or critical WCAG violation)",
              flush=True)
    finally:
        if driver is not None:
            driver.quit()
        e2ekit.stop_all([server])


if __name__ == "__main__":
    main()
