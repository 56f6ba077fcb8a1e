"""Issue 14 in headless Chromium: brushing the month histogram, forms that drop empty
fields, pages that fit a 400 px phone, and network labels that do not overlap.
Skipped only when chromium/chromedriver are missing (conftest.browser)."""
from __future__ import annotations

import calendar
from urllib.parse import parse_qs, urlsplit

import pytest

from onrecord.schema import Actor, Article, Entity, Event, Record, Span
from onrecord.store import open_store

from .conftest import TOKEN, ServerThread, wait_for

PHONE = 400


def test_dragging_across_the_histogram_sets_from_and_to(browser, live_server, client):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/?act=all")
    bars = [b for b in browser.find_elements(By.CSS_SELECTOR, "#histogram-svg rect.bar")
            if int(b.get_attribute("data-count")) > 0]
    assert len(bars) >= 2
    first, last = bars[0].get_attribute("data-month"), bars[-1].get_attribute("data-month")
    ActionChains(browser).click_and_hold(bars[0]).move_to_element(bars[-1]).release().perform()
    wait_for(browser, "return location.search.indexOf('to=') >= 0")
    query = parse_qs(urlsplit(browser.current_url).query)
    year, month = (int(x) for x in last.split("-"))
    assert query["from"] == [f"{first}-01"]
    assert query["to"] == [f"{last}-{calendar.monthrange(year, month)[1]:02d}"]
    assert query["act"] == ["all"]  # the other filters stay
    expected = client.get("/api/search", params={"act": "all", "from": query["from"][0], "to": query["to"][0]}).json()
    assert int(browser.find_element(By.ID, "total").text) == expected["total"]
    assert browser.find_elements(By.CSS_SELECTOR, "#histogram-svg rect.bar.selected")


@pytest.mark.parametrize("path", ["/", "/events"])
def test_enter_in_a_form_sends_no_empty_fields(browser, live_server, path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server.url + path)
    box = browser.find_element(By.CSS_SELECTOR, "form.filters input[name=q]")
    box.send_keys("China", Keys.ENTER)
    wait_for(browser, "return location.search.length > 0")
    assert urlsplit(browser.current_url).query == "q=China"


def test_pages_fit_a_phone(browser, live_server, web_store):
    row = web_store.search(None, limit=1)[0]
    solberg = next(e for e in web_store.entities("Maren Solberg") if e["org"] == "NATO")
    paths = [f"/articles/{row['article_id']}", f"/entities/{solberg['id']}", "/events", "/", "/entities",
             "/entities/duplicates", "/network"]
    browser.set_window_size(PHONE, 900)
    try:
        assert browser.execute_script("return window.innerWidth") <= PHONE
        for path in paths:
            browser.get(live_server.url + path)
            width = browser.execute_script("return document.scrollingElement.scrollWidth")
            assert width <= PHONE, f"{path} scrolls sideways: {width} px"
    finally:
        browser.set_window_size(1200, 800)


# -- a crowded network of our own: many actors, so a careless layout overlaps labels --

COUNTRIES = [f"Land{chr(65 + i)}" for i in range(18)]


def _crowded() -> Record:
    sentences = [f"{a} attacked {b}." for a, b in zip(COUNTRIES, COUNTRIES[1:] + COUNTRIES[:1])]
    sentences += [f"{a} helped {b}." for a, b in zip(COUNTRIES, COUNTRIES[5:] + COUNTRIES[:5])]
    text = " ".join(sentences)
    ents = [Entity(f"e{i}", name, "GPE", mentions=[Span(text.index(name + " "), text.index(name + " ") + len(name), name)],
                   actor=Actor(f"X{chr(65 + i)}{chr(65 + i)}")) for i, name in enumerate(COUNTRIES)]
    local = {e.name: e.id for e in ents}
    evs, at = [], 0
    for sentence in sentences:
        start = text.index(sentence, at)
        at = start + len(sentence)
        source, verb, target = sentence.rstrip(".").split(" ")
        trigger = start + len(source) + 1
        evs.append(Event("ASSAULT" if verb == "attacked" else "AID", Span(trigger, trigger + len(verb), verb),
                         Span(start, at, sentence), source=[local[source]], target=[local[target]], confidence=0.8))
    return Record(text=text, article=Article(id="crowd", url="https://example.org/crowd", title="Crowd",
                                             date="2025-06-01"),
                  entities=ents, attributions=[], events=evs, pipeline={"onrecord": "test", "spans": "rules"})


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory):
    from onrecord.web.app import create_app

    path = str(tmp_path_factory.mktemp("crowd") / "crowd.db")
    with open_store(path) as store:
        assert store.add_record(_crowded(), origin="crowd")
    store = open_store(path)
    with ServerThread(create_app(store=store, token=TOKEN)) as server:
        yield server
    store.close()


def test_network_labels_do_not_overlap(browser, crowded_server):
    browser.get(crowded_server.url + "/network")
    wait_for(browser, "return window.onrecordGraph && window.onrecordGraph.nodes().length > 0")
    boxes = browser.execute_script(
        "return window.onrecordGraph.nodes().map(function (n) {"
        " var b = n.boundingBox({includeNodes: true, includeLabels: true, includeEdges: false});"
        " return [n.data('code'), b.x1, b.y1, b.x2, b.y2]; })")
    assert len(boxes) == len(COUNTRIES)
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert not overlaps, boxes
