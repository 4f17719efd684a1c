"""Accessibility of the pages a person reaches, checked with axe-core (axe-selenium-python, which
bundles it) in headless Chromium: no serious or critical WCAG violation on the home page, search,
a project and a release page with a real README, a user page, an organization's public page, the
account forms, and the error pages (404 for a mistyped address and an unknown project, 405); then,
signed in as an administrator, the account and manage pages, the organization manage pages, the
report form and every admin page (with a report in the queue). Then the same in German: a
browser started with `--lang=de` (its Accept-Language) gets German pages, and the footer's
language picker, used with the keyboard's controls as a reader would, switches an English
browser to German (its cookie); the German pages have no serious or critical violation either.

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
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import e2ekit  # noqa: E402
from pagewait import wait_until_replaced  # noqa: E402
from e2ekit import Reporter, free_port  # noqa: E402

from axe_selenium_python import Axe  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

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


def chromium(language=None):
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(flag)
    if language:
        options.add_argument(f"--lang={language}")
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
    return webdriver.Chrome(options=options,
                            service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))


def axe_check(driver, path):
    """Runs axe-core on the page shown; fails on a serious or critical violation."""
    # The statistics tables too (closed <details> are not checked).
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    severe = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
              if v["impact"] in ("serious", "critical")]
    others = sorted({v["id"] for v in results["violations"]} - {v[0] for v in severe})
    check(not severe, f"{path}: no serious or critical violation "
          f"({len(results['passes'])} rules passed{'; minor: ' + ', '.join(others) if others else ''}) {severe}")


def german_pages(driver, base, pages):
    """Each of `pages` (path, a German text it shows) is German, with `lang="de"`, and passes axe."""
    for path, text in pages:
        driver.get(base + path)
        lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        check(lang == "de", f"{path}: <html lang=\"{lang}\"> (German wanted)")
        check(text in driver.page_source, f"{path}: the German page shows {text!r}")
        axe_check(driver, f"{path} (de)")


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
                           ("/api/projects/flask/transfer", {"organization": "pallets-club"}),
                           ("/danger-api/projects/flask/observations", {"kind": "is_spam", "summary": "a test"})]:
            status = management_api(base, token, path, body)
            check(status in (200, 202), f"POST {path}: {status}")
        driver = chromium()
        pages = [("/", "Cheeseshop"), ("/search/?q=web", "Results"), ("/project/flask/", "flask"),
                 (f"/project/flask/{version}/", "flask"), ("/user/reader/", "reader"),
                 ("/org/pallets-club/", "Pallets-Club"), ("/account/login/", "Log in"), ("/account/register/", "Create an account"),
                 ("/account/request-password-reset/", "password"), ("/projcet/flask/", "Not found"),
                 ("/project/no-such-project/", "Not found"), ("/account/logout/", "Method not allowed")]
        for path, title in pages:
            driver.get(base + path)
            check(title.lower() in driver.title.lower(), f"{path}: the page is '{driver.title}'")
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", f"{path}: English")
            axe_check(driver, path)

        # Signed in (the session cookie stays in the browser).
        driver.get(f"{base}/account/login/")
        for name, value in [("username", "reader"), ("password", password)]:
            driver.find_element(By.NAME, name).send_keys(value)
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.XPATH, "//main//button[normalize-space()='Log in']").click()
        wait_until_replaced(driver, old)
        check("/account/login/" not in driver.current_url, f"logged in ({driver.current_url})")
        signed_in = [("/manage/account/", "Account"), ("/manage/projects/", "Your projects"),
                     ("/manage/organizations/", "Your organizations"),
                     ("/manage/organization/pallets-club/", "Manage Pallets-Club"),
                     ("/project/flask/submit-malware-report/", "Report flask"), ("/admin/", "Administration"),
                     ("/admin/reports/", "Reports"), ("/admin/user/reader/", "User reader"),
                     ("/admin/project/flask/", "Project flask"), ("/admin/log/", "Audit log")]
        for path, title in signed_in:
            driver.get(base + path)
            check(title.lower() in driver.title.lower(), f"{path}: the page is '{driver.title}'")
            axe_check(driver, path)
        pages += signed_in

        # The picker, as a reader uses it: choose German in the footer and send the form.
        driver.get(base + "/project/flask/")
        picker = driver.find_element(By.ID, "site-language")
        label = driver.find_element(By.CSS_SELECTOR, "label[for=site-language]").text
        check(label == "Language", f"the picker is labelled ({label!r})")
        Select(picker).select_by_value("de")
        driver.find_element(By.CSS_SELECTOR, "form.language button").click()
        # (The old page's element goes stale while the new one loads.)
        WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de")
        check(driver.current_url == base + "/project/flask/", f"the picker returns to the page ({driver.current_url})")
        german = [("/", "Python-Pakete finden"), ("/search/?q=web", "gefunden"), ("/project/flask/", "Versionsverlauf"),
                  (f"/project/flask/{version}/", "Dateien herunterladen"), ("/account/login/", "Benutzername"),
                  ("/projcet/flask/", "Unter dieser Adresse gibt es keine Seite")]
        german_pages(driver, base, german)
        driver.quit()
        # A browser whose language is German (Accept-Language), with no cookie.
        driver = chromium("de")
        german_pages(driver, base, [("/", "Python-Pakete finden"), ("/project/flask/", "Versionsverlauf")])
        print(f"axe-e2e: OK ({len(pages)} pages, error, organization, manage and admin pages and the report form "
              f"included, and {len(german) + 2} German pages: "
              "no serious or critical WCAG violation)", flush=True)
    finally:
        if driver is not None:
            driver.quit()
        e2ekit.stop_all([server])


if __name__ == "__main__":
    main()
