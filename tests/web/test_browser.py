"""End to end in headless Chromium against uvicorn on 127.0.0.1 (CSP off, so the
XSS checks test the escaping itself). Skipped only when chromium/chromedriver are missing (failed in CI)."""
from __future__ import annotations

import time
import urllib.request
import xml.etree.ElementTree as ET

from .conftest import BROWSER_NEW_ARTICLE, TOKEN, add_article, wait_for

ATOM = "{http://www.w3.org/2005/Atom}"


def _not_pwned(driver) -> None:
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.title != "PWNED"  # the payloads set exactly this; the page title shows them as text


def test_search_facet_article(browser, live_server, screenshot):
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/?q=China")
    assert int(browser.find_element(By.ID, "total").text) > 0
    screenshot(browser, "search")
    link = browser.find_element(By.CSS_SELECTOR, '[data-facet="speaker"] a.facet-link')
    name = link.text
    link.click()
    wait_for(browser, "return location.search.indexOf('speaker=') >= 0")
    speakers = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit .speaker")}
    assert speakers == {name}
    browser.find_element(By.LINK_TEXT, "in context").click()
    wait_for(browser, "return location.pathname.indexOf('/articles/') === 0")
    kinds = browser.execute_script(
        "var out = {}; ['hl-source','hl-cue','hl-content','hl-trigger'].forEach(function (k) {"
        " var el = document.querySelector('#article-text .' + k);"
        " out[k] = el ? [getComputedStyle(el).backgroundColor, getComputedStyle(el).color, el.title] : null; });"
        " return out;")
    assert all(kinds.values()), kinds
    assert kinds["hl-content"][0] != kinds["hl-source"][0]  # distinct colours
    assert "confidence" in kinds["hl-content"][2]
    assert browser.find_elements(By.CSS_SELECTOR, "#quoted a.speaker")
    screenshot(browser, "article")


def test_person_chart_renders(browser, live_server, web_store, screenshot):
    solberg = next(e for e in web_store.entities("Maren Solberg") if e["org"] == "NATO")
    browser.get(f"{live_server.url}/entities/{solberg['id']}")
    wait_for(browser, "return !!window.onrecordChart")
    total = browser.execute_script(
        "return window.onrecordChart.data.datasets[0].data.reduce(function (a, b) { return a + b; }, 0)")
    assert total >= 2
    painted = browser.execute_script(
        "var c = document.getElementById('timeline'); var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;")
    assert painted > 500
    screenshot(browser, "person")


def test_network_graph_renders(browser, live_server, screenshot):
    browser.get(live_server.url + "/network")
    wait_for(browser, "return window.onrecordGraph && window.onrecordGraph.nodes().length > 0")
    codes = browser.execute_script("return window.onrecordGraph.nodes().map(function (n) { return n.data('code'); })")
    assert {"CHN", "RUS"} <= set(codes)
    tones = browser.execute_script("return window.onrecordGraph.edges().map(function (e) { return e.data('tone'); })")
    assert "cooperative" in tones and "conflictual" in tones
    screenshot(browser, "network")
    browser.execute_script("window.onrecordGraph.edges().filter(function (e) {"
                           " return e.data('code_source') === 'CHN' && e.data('code_target') === 'RUS'; })[0].emit('tap')")
    wait_for(browser, "return location.pathname === '/events'")
    assert "source_code=CHN" in browser.current_url and "AID" in browser.page_source
    screenshot(browser, "events")


def test_xss_payloads_do_not_run(browser, live_server, web_store):
    from selenium.webdriver.common.by import By

    art = next(r["article_id"] for r in web_store.search(None, limit=100) if r["article_key"] == "xss")
    evil = next(e["id"] for e in web_store.entities("Evil") if e["type"] == "PERSON")
    for path in (f"/articles/{art}", "/?q=fine", f"/entities/{evil}", "/?speaker=Evil", "/events?actor=EVL",
                 "/network", "/watches"):
        browser.get(live_server.url + path)
        time.sleep(0.2)
        _not_pwned(browser)
    browser.get(f"{live_server.url}/articles/{art}")
    assert "<script>" in browser.find_element(By.ID, "article-title").text  # shown as text
    url = browser.find_element(By.ID, "article-url")
    assert url.tag_name == "span" and url.get_attribute("href") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")


def test_watch_created_in_browser_feed_lists_new_match(browser, live_server, web_store, nlp, screenshot):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(live_server.url + "/watches")
    form = browser.find_element(By.ID, "watch-new")
    form.find_element(By.NAME, "name").send_keys("China arms Russia (browser)")
    Select(form.find_element(By.NAME, "event")).select_by_visible_text("AID")
    form.find_element(By.NAME, "source_code").send_keys("CHN")
    form.find_element(By.NAME, "target_code").send_keys("RUS")
    form.find_element(By.NAME, "token").send_keys(TOKEN)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, "return document.querySelectorAll('#watch-list tr[data-watch]').length > 0")
    row = browser.find_elements(By.CSS_SELECTOR, "#watch-list tr[data-watch]")[-1]
    assert "China arms Russia (browser)" in row.text and row.find_element(By.CSS_SELECTOR, ".new-count").text == "0"
    wid = row.get_attribute("data-watch")
    feed_url = row.find_element(By.CSS_SELECTOR, "a.feed").get_attribute("href")

    new_id = add_article(web_store, nlp, BROWSER_NEW_ARTICLE)  # ingested after the watch was made
    assert new_id
    browser.refresh()
    row = browser.find_element(By.CSS_SELECTOR, f'#watch-list tr[data-watch="{wid}"]')
    assert int(row.find_element(By.CSS_SELECTOR, ".new-count").text) >= 1
    screenshot(browser, "watches")

    with urllib.request.urlopen(feed_url, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.read())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.find(f"{ATOM}{tag}").text or "").strip()
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{tag}").text or "").strip()
        assert entry.find(f"{ATOM}link").get("href").startswith(live_server.url + "/articles/")
        assert entry.find(f"{ATOM}content") is not None
    assert any(f"/articles/{new_id}#" in e.find(f"{ATOM}id").text for e in entries)
