"""Screenshots of the web app over a real corpus, for docs/web.md.

    python3 bench/web_screenshots.py --db /tmp/wn-copy.db      # writes docs/screenshots/wn-*.png

Serves the database with uvicorn on 127.0.0.1 (a free port, in a thread) and takes
1200-px-wide screenshots in headless Chromium (/usr/bin/chromium and chromedriver):
the search page with its month histogram, a brushed date range on the events table,
the entities list and the network's accounting. Read-only: nothing is written to the database.
"""
from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

SHOTS = {
    "wn-search-histogram": "/",
    "wn-events-table": "/events?from=2020-01-01&to=2020-12-31&sort=-event_date",
    "wn-entities": "/entities",
    "wn-duplicates": "/entities/duplicates",
    "wn-network": "/network",
}


def _serve(db: str) -> tuple[str, object]:
    import uvicorn

    from onrecord.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots"))
    args = parser.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    url, server = _serve(args.db)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        for name, path in SHOTS.items():
            driver.get(url + path)
            time.sleep(1.0)  # the network's layout runs after load
            driver.save_screenshot(str(Path(args.out) / f"{name}.png"))
            print(f"{name}.png  {path}")
    finally:
        driver.quit()
        server.should_exit = True


if __name__ == "__main__":
    main()
