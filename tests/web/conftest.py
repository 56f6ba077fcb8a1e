"""Fixtures for the web tests: a small corpus in a temp dir (three real extractions
and one hand-built article full of XSS payloads), the app in-process, and for the
browser tests a uvicorn server in a thread plus headless Chromium."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from system_deps import missing

import onrecord
from onrecord.schema import Actor, Article, Attribution, Entity, Event, Record, Span
from onrecord.store import open_store

TOKEN = "test-token-5f2c"
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

# Payloads: each one, if it ever ran, sets window.__pwned or changes document.title.
SCRIPT = "<script>window.__pwned=1;document.title='PWNED'</script>"
IMG = "\"><img src=x onerror=\"window.__pwned=1;document.title='PWNED'\">"
SVG = "'><svg onload=window.__pwned=1>"
JS_URL = "javascript:window.__pwned=1;document.title='PWNED'"
EVIL_NAME = f"Evil {IMG} Person"

ARTICLES = [
    ("web-a1", "https://news.example.org/a1", "NATO chief warns on Chinese drones", "2026-03-03",
     'BRUSSELS — NATO Secretary-General Maren Solberg said on Tuesday that China had supplied drones to Russia. '
     '"We are deeply concerned," Solberg told reporters. Russia attacked Kharkiv on Monday.'),
    ("web-a2", "https://news.example.com/a2", "Beijing rejects NATO claims", "2026-04-10",
     'Chinese foreign ministry spokesman Lin Haoran accused NATO of spreading disinformation. '
     '"These claims are baseless," Lin said. China will hold talks with Brazil next week.'),
    ("web-a3", "https://uk.example.net/a3", "Solberg on air defence", "2026-04-22",
     'Maren Solberg said the alliance would send more air defence systems to Ukraine. '
     '"Ukraine must be able to protect its cities," Solberg said in Brussels.'),
]
NEW_ARTICLE = ("web-new", "https://news.example.org/new", "Shells from China", "2026-05-20",
               'China delivered artillery shells to Russia last month, Ukrainian officials said on Friday. '
               '"The shipments are growing," said Ukrainian defence minister Olena Marchuk.')

BROWSER_NEW_ARTICLE = ("web-new-2", "https://news.example.org/new-2", "More shells from China", "2026-05-27",
                       'China delivered artillery shells to Russia in April, Ukrainian officials said on Monday. '
                       '"More are coming," said Ukrainian defence minister Olena Marchuk.')


def _span(text: str, fragment: str, start: int = 0) -> Span:
    at = text.index(fragment, start)
    return Span(at, at + len(fragment), fragment)


def xss_record() -> Record:
    """An article whose title, URL, text, speaker name, alias and cue carry payloads."""
    text = (f"{EVIL_NAME} said that {SCRIPT} was fine. "
            f"\"Trust me {SVG}\" {EVIL_NAME} told the crowd. "
            f"Evil Land attacked Other Land at {IMG}.")
    ents = [
        Entity("e1", EVIL_NAME, "PERSON", title=f"Minister {SCRIPT}", mentions=[_span(text, EVIL_NAME)],
               actor=Actor("XSS")),
        Entity("e2", "Evil Land", "GPE", mentions=[_span(text, "Evil Land")], actor=Actor("EVL")),
        Entity("e3", "Other Land", "GPE", mentions=[_span(text, "Other Land")], actor=Actor("OTL")),
    ]
    atts = [
        Attribution("indirect", _span(text, f"{SCRIPT} was fine"), _span(text, "said"), _span(text, EVIL_NAME),
                    "e1", 0.75, act="speech"),
        Attribution("direct", _span(text, f"Trust me {SVG}"), _span(text, "told"),
                    _span(text, EVIL_NAME, text.index("told") - len(EVIL_NAME) - 2), "e1", 0.9, act="speech"),
    ]
    sentence = _span(text, f"Evil Land attacked Other Land at {IMG}.")
    evs = [Event("ASSAULT", _span(text, "attacked"), sentence, source=["e2"], target=["e3"], confidence=0.8)]
    return Record(text=text, article=Article(id="xss", url=JS_URL, title=f"Title {SCRIPT} {IMG}", date="2026-04-01"),
                  entities=ents, attributions=atts, events=evs, pipeline={"onrecord": "test", "spans": "rules"})


def add_article(store, nlp, item) -> int | None:
    key, url, title, date, text = item
    record = onrecord.extract(text, date=date, article=Article(id=key, url=url, title=title, date=date), nlp=nlp)
    return store.add_record(record, origin=key)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, nlp) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    with open_store(path) as store:
        for item in ARTICLES:
            assert add_article(store, nlp, item)
        record = xss_record()
        assert store.add_record(record, origin="xss")
    return path


@pytest.fixture(scope="session")
def web_store(web_db):
    store = open_store(web_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(web_store):
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    with TestClient(create_app(store=web_store, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def readonly_client(web_store):
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    saved = os.environ.pop("ONRECORD_TOKEN", None)
    try:
        app = create_app(store=web_store)
    finally:
        if saved is not None:
            os.environ["ONRECORD_TOKEN"] = saved
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(driver, script: str, timeout: float = 10.0):
    """The first truthy value of ``script`` in the browser, polled until ``timeout``."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(web_store):
    """The app with its Content-Security-Policy switched off, so the browser tests
    check the escaping itself: with CSP on, a broken escape might still not run."""
    from onrecord.web.app import create_app

    app = create_app(store=web_store, token=TOKEN, csp=False)
    server = ServerThread(app)
    # as `onrecord serve` does: feeds name the address the server listens on
    app.state.base_url = server.url
    with server:
        yield server


def _browser_missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.exists(path) and os.access(path, os.X_OK)):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing()
    if reason:
        missing(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # with the driver path too, selenium-manager never runs
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,800", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def screenshot():
    """Saves docs/screenshots/NAME.png when ONRECORD_SCREENSHOTS=1."""
    wanted = os.environ.get("ONRECORD_SCREENSHOTS") == "1"

    def take(driver, name: str) -> None:
        if wanted:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))

    return take
