"""Cold start: from launching the server (`python app.py`, as `make run` does) to the home
page drawn in headless Chromium (target < 3 s). Run: .venv/bin/python bench/cold_start.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from procstat import free_port

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def one_start(browser) -> tuple[float, float]:
    port = free_port()
    env = {**os.environ, "PLAYBOOK_DATA_DIR": tempfile.mkdtemp(prefix="playbook-cold-")}
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        listening = time.perf_counter() - start
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("heading", name="社群营销作战手册").wait_for(timeout=30_000)
        drawn = time.perf_counter() - start
        page.close()
        return listening, drawn
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        runs = [one_start(browser) for _ in range(5)]
        browser.close()
    print("Cold start, 5 runs (server launch -> health / -> home page drawn in Chromium)")
    print(f"  server listening: median {statistics.median(r[0] for r in runs):.2f} s")
    print(
        f"  first page drawn: median {statistics.median(r[1] for r in runs):.2f} s, "
        f"max {max(r[1] for r in runs):.2f} s"
    )


if __name__ == "__main__":
    main()
