#!/usr/bin/python3
"""The dashboard's browser test (issue 13, docs/dashboard.md), driven by dashboard_test.cc.

Headless Chromium through python3-selenium against a real controller: logs in through the
form, watches a 3-host deployment's cells turn from InProgress to Succeeded without a
reload, opens a running hook's log and sees a line printed after it opened, presses Stop
and sees Stopped, checks that a viewer gets no Stop button and that a forged stop is
refused 403, takes the screenshots, and checks in the browser's network log that no
request left the controller. Exits 0 when all of it holds; prints what failed otherwise.
"""
import base64
import json
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CFG = json.load(open(sys.argv[1]))
BASE = CFG["baseUrl"]
requests_seen = []
chrome_own = []  # requests of Chrome's own start page (a chrome:// document), before the test navigates
console_seen = []


def spki_hash(cert_path):
    """base64 SHA-256 of the certificate's public key: what Chromium is told to trust."""
    pub = subprocess.run(["openssl", "x509", "-in", cert_path, "-noout", "-pubkey"],
                         check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=pub,
                         check=True, capture_output=True).stdout
    digest = subprocess.run(["openssl", "dgst", "-sha256", "-binary"], input=der,
                            check=True, capture_output=True).stdout
    return base64.b64encode(digest).decode()


def start_browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + CFG["profile"],
                "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps",
                # Trust the controller's own CA (its public key), nothing more.
                "--ignore-certificate-errors-spki-list=" + spki_hash(CFG["caCert"])]:
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def drain_logs(driver):
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            params = msg["params"]
            if params.get("documentURL", "").startswith("chrome://"):
                chrome_own.append(params["request"]["url"])
            else:
                requests_seen.append(params["request"]["url"])
    console_seen.extend(driver.get_log("browser"))


def wait_for(driver, what, fn, timeout=30):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            value = fn()
            if value:
                return value
        except WebDriverException as e:
            last = e
        time.sleep(0.1)
    raise AssertionError("timed out after %ss waiting for %s%s" %
                         (timeout, what, " (last error: %s)" % last.msg if last else ""))


def js(driver, script, *args):
    return driver.execute_script(script, *args)


def cell_status(driver, host, event):
    return js(driver, "const c = document.querySelector(`button.cell[data-host='${arguments[0]}']"
                      "[data-event='${arguments[1]}']`); return c ? c.dataset.status : null;",
              host, event)


def deployment_status(driver):
    return js(driver, "const s = document.getElementById('deployment-status');"
                      "return s ? s.dataset.status : null;")


def text_of(driver, element_id):
    return js(driver, "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';",
              element_id)


def log_in(driver, token, role):
    wait_for(driver, "the login form", lambda: driver.find_elements(By.CSS_SELECTOR, "form#login input[name=token]"))
    driver.find_element(By.CSS_SELECTOR, "form#login input[name=token]").send_keys(token)
    driver.find_element(By.ID, "login-submit").click()
    wait_for(driver, "the %s session" % role, lambda: js(driver, "return document.getElementById('who').dataset.role") == role)
    assert token not in driver.current_url, "the token is in the URL: " + driver.current_url
    assert js(driver, "return sessionStorage.getItem('berth.token')") == token
    print("PASS logged in through the form as %s; URL %s" % (role, driver.current_url))


def screenshot(driver, name):
    os.makedirs(CFG["screenshots"], exist_ok=True)
    path = os.path.join(CFG["screenshots"], name)
    # The whole page from the top, as a laptop would show it on a tall screen.
    size = driver.get_window_size()
    driver.set_window_size(1400, 1300)
    js(driver, "window.scrollTo(0, 0)")
    time.sleep(0.3)
    driver.save_screenshot(path)
    driver.set_window_size(size["width"], size["height"])
    print("PASS screenshot " + path)


def watch_deployment(driver):
    d = CFG["watched"]
    # The overview lists it as running; its link opens it without a page load.
    wait_for(driver, "the overview's running list", lambda: driver.find_elements(
        By.CSS_SELECTOR, "#running a[href='/ui/deployments/%s']" % d))
    driver.find_element(By.CSS_SELECTOR, "#running a[href='/ui/deployments/%s']" % d).click()
    wait_for(driver, "the grid of " + d, lambda: js(driver, "return document.body.dataset.gridReady") == d)
    js(driver, "window.berthNoReload = 'still the same page';")
    hosts = js(driver, "return [...document.querySelectorAll('.grid-body .grid-row')].map(r => r.dataset.host)")
    assert sorted(hosts) == ["app-1", "app-2", "app-3"], hosts

    wait_for(driver, "app-1's ValidateService cell InProgress",
             lambda: cell_status(driver, "app-1", "ValidateService") == "InProgress", 60)
    print("PASS app-1 ValidateService cell is InProgress")
    driver.find_element(By.CSS_SELECTOR, "button.cell[data-host='app-1'][data-event='ValidateService']").click()
    wait_for(driver, "the hook's first line in the log",
             lambda: "waiting for the gate on app-1" in text_of(driver, "log-lines"))
    assert "gate opened" not in text_of(driver, "log-lines")
    open(CFG["gate"], "w").close()  # the hook goes on and prints its next line
    wait_for(driver, "the line printed after the log was opened",
             lambda: "gate opened on app-1" in text_of(driver, "log-lines"))
    print("PASS the open log showed a line printed after it was opened")

    wait_for(driver, "app-1's ValidateService cell Succeeded",
             lambda: cell_status(driver, "app-1", "ValidateService") == "Succeeded", 60)
    assert js(driver, "return window.berthNoReload") == "still the same page", "the page was reloaded"
    print("PASS the cell turned from InProgress to Succeeded without a reload")

    wait_for(driver, "app-3 failed", lambda: cell_status(driver, "app-3", "ValidateService") == "Failed", 60)
    wait_for(driver, "the failed host listed first with its error code and log tail",
             lambda: "ScriptFailed" in text_of(driver, "failed-hosts") and
             "health check failed" in text_of(driver, "failed-hosts"))
    first_row = js(driver, "return document.querySelector('.grid-body .grid-row').dataset.host")
    assert first_row == "app-3", "the failed host is not first in the grid: " + first_row
    wait_for(driver, d + " ended", lambda: deployment_status(driver) in ("Succeeded", "Failed"), 60)
    driver.find_element(By.CSS_SELECTOR, "button.cell[data-host='app-3'][data-event='ValidateService']").click()
    wait_for(driver, "app-3's failing log", lambda: "health check failed" in text_of(driver, "log-lines"))
    for word in ("null", "undefined", "NaN", "[object"):
        assert word not in text_of(driver, "main"), "the page shows %r: %s" % (word, text_of(driver, "main"))
    print("PASS %s ended %s with app-3 failed first, ScriptFailed and its log tail" % (d, deployment_status(driver)))
    screenshot(driver, "dashboard-deployment.png")


def overview(driver):
    driver.find_element(By.CSS_SELECTOR, "#nav a[href='/ui/']").click()
    wait_for(driver, "the overview with shop / prod", lambda: "prod" in text_of(driver, "applications"))
    wait_for(driver, "the queued deployment running", lambda: driver.find_elements(
        By.CSS_SELECTOR, "#running a[href='/ui/deployments/%s']" % CFG["stopped"]), 60)
    screenshot(driver, "dashboard-overview.png")


def stop(driver):
    d = CFG["stopped"]
    driver.get(BASE + "/ui/deployments/" + d)  # a bookmark: the controller serves the page
    wait_for(driver, d + " InProgress", lambda: deployment_status(driver) == "InProgress", 60)
    wait_for(driver, "the Stop button", lambda: driver.find_elements(By.ID, "stop"))
    driver.find_element(By.ID, "stop").click()
    wait_for(driver, "the confirmation", lambda: driver.find_element(By.ID, "confirm").is_displayed())
    confirmation = driver.find_element(By.ID, "confirm").text
    assert d in confirmation and "app-" in confirmation, "the confirmation names neither: " + confirmation
    driver.find_element(By.ID, "confirm-ok").click()
    wait_for(driver, d + " Stopped", lambda: deployment_status(driver) == "Stopped", 30)
    assert "MANUAL_STOP" in text_of(driver, "deployment-error")
    print("PASS pressed Stop (the confirmation named %s and its hosts) and saw Stopped" % d)


def instances(driver):
    driver.find_element(By.CSS_SELECTOR, "#nav a[href='/ui/instances']").click()
    row = "return [...document.querySelectorAll('#instances tbody tr')].map(r => r.textContent)"
    wait_for(driver, "three instances", lambda: len(js(driver, row)) == 3)
    rows = {r.split(" ")[0][:5]: r for r in js(driver, row)}
    # app-1 runs the first revision (the stopped one never succeeded on it); app-3 failed it.
    assert "shop / prod: " + CFG["gatedRevision"] in rows["app-1"], rows
    assert "Online" in rows["app-1"] and "env=it" in rows["app-1"], rows
    assert "none yet" in rows["app-3"], rows
    print("PASS /ui/instances shows tags, Online and app-1 on %s in shop / prod, app-3 on none" %
          CFG["gatedRevision"])


def viewer(driver):
    driver.find_element(By.ID, "logout").click()
    log_in(driver, CFG["viewerToken"], "viewer")
    d = CFG["viewed"]
    driver.get(BASE + "/ui/deployments/" + d)
    wait_for(driver, d + " InProgress", lambda: deployment_status(driver) == "InProgress", 60)
    wait_for(driver, "the grid of " + d, lambda: js(driver, "return document.body.dataset.gridReady") == d)
    assert not driver.find_elements(By.ID, "stop"), "a viewer sees the Stop button"
    assert not driver.find_elements(By.ID, "stop-rollback"), "a viewer sees Stop and roll back"
    answer = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/api/v1/deployments/' + arguments[0] + '/stop', {method: 'POST',
              headers: {Authorization: 'Bearer ' + sessionStorage.getItem('berth.token'),
                        'Content-Type': 'application/json'}, body: '{}'})
          .then(async r => done({status: r.status, body: await r.json()}))
          .catch(e => done({status: -1, body: String(e)}));""", d)
    assert answer["status"] == 403, answer
    assert answer["body"]["code"] == "PERMISSION_DENIED", answer
    assert "needs the deployer role" in answer["body"]["message"], answer
    print("PASS a viewer sees no Stop button and a forged stop got 403: " + answer["body"]["message"])


def check_network_and_console():
    off = [u for u in requests_seen if not u.startswith(BASE + "/")]
    assert not off, "requests left the controller: %s" % off
    assert any(u.startswith(BASE + "/api/v1/whoami") for u in requests_seen), "the network log is empty?"
    assert any("/logs?" in u for u in requests_seen)
    # Chrome's start page loads only from inside the browser: chrome:// and data: URLs.
    chrome_off = [u for u in chrome_own if not u.startswith(("chrome://", "data:"))]
    assert not chrome_off, "Chrome's start page went to the network: %s" % chrome_off
    print("PASS every request stayed on %s (%d requests in the network log; %d more of Chrome's own "
          "start page, all chrome:// or data:)" % (BASE, len(requests_seen), len(chrome_own)))
    bad = [e for e in console_seen if "Content Security Policy" in e["message"] or "Uncaught" in e["message"]]
    assert not bad, "console errors: %s" % bad


def main():
    driver = start_browser()
    try:
        driver.get(BASE + "/ui/")
        log_in(driver, CFG["adminToken"], "admin")
        drain_logs(driver)
        watch_deployment(driver)
        drain_logs(driver)
        overview(driver)
        stop(driver)
        instances(driver)
        drain_logs(driver)
        viewer(driver)
        drain_logs(driver)
        check_network_and_console()
        return 0
    except AssertionError as e:
        print("FAIL", e)
        try:
            os.makedirs(CFG["screenshots"], exist_ok=True)
            driver.save_screenshot(os.path.join(CFG["screenshots"], "failure.png"))
            print("page text at the failure:\n" + driver.find_element(By.TAG_NAME, "body").text[:3000])
            for e in driver.get_log("browser"):
                print("console:", e["message"])
        except WebDriverException:
            pass
        return 1
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
