#!/usr/bin/python3
"""How the dashboard holds up at fleet scale (docs/benchmarks.md "Dashboard").

Run with a fleet_sim that announces its deployment and stays up:
  build/bench/fleet_sim --hosts 2000 --event-delay-ms 3000 --failure-rate 0.02 \\
      --announce /tmp/fleet.json --hold-seconds 30 &
  /usr/bin/python3 bench/dashboard_load.py /tmp/fleet.json

It logs in to the dashboard in headless Chromium, opens the running deployment's page
(a full page load, as from a bookmark) and prints:
- render: from the start of that navigation to the grid drawn with every host (the
  performance mark 'berth-grid-ready'), best and worst of --loads loads;
- while events stream: the main thread's longest stall and its 99th percentile, from a
  10 ms timer (a stall is how late a tick ran), over --watch seconds;
- a filter change (All -> Failed -> All) and a scroll to the last host, timed in the page;
- how many grid rows are in the DOM (virtual scrolling) against the hosts.
"""
import argparse
import json
import os
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

parser = argparse.ArgumentParser()
parser.add_argument("announce")
parser.add_argument("--loads", type=int, default=3)
parser.add_argument("--watch", type=float, default=10)
args = parser.parse_args()

while not os.path.exists(args.announce):
    time.sleep(0.1)
cfg = json.load(open(args.announce))
base, deployment = cfg["url"], cfg["deploymentId"]

opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1400,1000", "--ignore-certificate-errors"]:
    opts.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def wait(fn, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.02)
    raise SystemExit("timed out")


try:
    driver.get(base + "/ui/")
    wait(lambda: driver.find_elements(By.CSS_SELECTOR, "form#login input[name=token]"))
    driver.find_element(By.CSS_SELECTOR, "input[name=token]").send_keys(cfg["adminToken"])
    driver.find_element(By.ID, "login-submit").click()
    wait(lambda: driver.execute_script("return document.getElementById('who').dataset.role"))

    renders = []
    for _ in range(args.loads):
        driver.get(base + "/ui/deployments/" + deployment)
        wait(lambda: driver.execute_script("return document.body.dataset.gridReady"))
        renders.append(driver.execute_script(
            "return performance.getEntriesByName('berth-grid-ready')[0].startTime"))
        hosts = driver.execute_script("return document.getElementById('shown').textContent")
        status = driver.execute_script("return document.getElementById('deployment-status').textContent")
        print("render %.0f ms (%s, deployment %s)" % (renders[-1], hosts, status))
        if os.environ.get("DASHBOARD_LOAD_DETAIL"):
            for e in driver.execute_script(
                    "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/'))"
                    ".map(e => [e.name.replace(/^.*\\/api\\/v1/, ''), e.startTime, e.duration, e.transferSize])"):
                print("  %-90s start %6.0f ms, %6.0f ms, %d bytes" % tuple(e))

    driver.set_script_timeout(args.watch + 30)
    lateness = driver.execute_async_script("""
        const done = arguments[arguments.length - 1], ms = arguments[0] * 1000;
        const late = []; let last = performance.now(); const start = last;
        const t = setInterval(() => {
          const now = performance.now(); late.push(now - last - 10); last = now;
          if (now - start > ms) { clearInterval(t); done(late); }
        }, 10);""", args.watch)
    lateness.sort()
    status = driver.execute_script("return document.getElementById('deployment-status').textContent")
    progress = driver.execute_script("return document.getElementById('progress-text').textContent")
    print("while streaming (%.0f s, deployment %s, %s): longest stall %.0f ms, p99 %.0f ms" %
          (args.watch, status, progress, lateness[-1], lateness[int(len(lateness) * 0.99)]))

    timing = driver.execute_script("""
        const f = document.getElementById('filter'), g = document.getElementById('grid');
        const t0 = performance.now();
        f.value = 'Failed'; f.dispatchEvent(new Event('change'));
        const failed = document.querySelectorAll('.grid-body .grid-row').length;
        const t1 = performance.now();
        f.value = ''; f.dispatchEvent(new Event('change'));
        const t2 = performance.now();
        g.scrollTop = g.scrollHeight; g.dispatchEvent(new Event('scroll'));
        return new Promise(r => requestAnimationFrame(() => r({
          filterMs: t1 - t0, unfilterMs: t2 - t1, scrollMs: performance.now() - t2, failedRows: failed,
          domRows: document.querySelectorAll('.grid-body .grid-row').length,
          lastHost: document.querySelector('.grid-body .grid-row:last-child').dataset.host})));""")
    print("filter to Failed %.1f ms (%d rows drawn), back to all %.1f ms, scroll to the end %.1f ms "
          "(last row %s); %d grid rows in the DOM" %
          (timing["filterMs"], timing["failedRows"], timing["unfilterMs"], timing["scrollMs"],
           timing["lastHost"], timing["domRows"]))
    print("render best %.0f ms, worst %.0f ms" % (min(renders), max(renders)))
finally:
    driver.quit()
