"""Issue 14 in-process: facets that count what they say, month histograms over the
whole range, the search box's scope, ranked entities and duplicates, the events
table, the network's accounting and links without empty parameters."""
from __future__ import annotations

import re
from html import unescape

import pytest

from onrecord.schema import Actor, Article, Attribution, Entity, Event, Record, Span
from onrecord.store import open_store
from onrecord.store import browse
from onrecord.store.query import Filters
from onrecord.store.reads import month_range

from .conftest import TOKEN


# -- a made-up corpus of our own: dates with a gap, duplicates, quoted events -------

def _span(text: str, fragment: str, start: int = 0) -> Span:
    at = text.index(fragment, start)
    return Span(at, at + len(fragment), fragment)


def _record(key: str, date: str, text: str, ents: list[Entity], atts: list[Attribution], evs: list[Event]) -> Record:
    return Record(text=text, article=Article(id=key, url=f"https://example.org/{key}", title=f"Story {key}", date=date),
                  entities=ents, attributions=atts, events=evs, pipeline={"onrecord": "test", "spans": "rules"})


def _quoted_event(key: str, date: str, speaker: str, country: str) -> Record:
    """A speaker whose quote holds an event trigger; the event has no reported_by."""
    text = f'{speaker} said: "Northland attacked Southland yesterday." The talks went on ({date}).'
    ents = [Entity("e1", speaker, "PERSON", mentions=[_span(text, speaker)], actor=Actor(country)),
            Entity("e2", "Northland", "GPE", mentions=[_span(text, "Northland")], actor=Actor("NTL")),
            Entity("e3", "Southland", "GPE", mentions=[_span(text, "Southland")], actor=Actor("STL"))]
    atts = [Attribution("direct", _span(text, "Northland attacked Southland yesterday."), _span(text, "said"),
                        _span(text, speaker), "e1", 0.9, act="speech")]
    evs = [Event("ASSAULT", _span(text, "attacked"), _span(text, "Northland attacked Southland yesterday."),
                 source=["e2"], target=["e3"], confidence=0.8)]
    return _record(key, date, text, ents, atts, evs)


def _uncoded(key: str, date: str) -> Record:
    """Events the network cannot draw: no target, and an uncoded source."""
    text = "Rebels marched. Farmers met Northland officials."
    ents = [Entity("e1", "Rebels", "UNNAMED", mentions=[_span(text, "Rebels")]),
            Entity("e2", "Farmers", "UNNAMED", mentions=[_span(text, "Farmers")]),
            Entity("e3", "Northland", "GPE", mentions=[_span(text, "Northland")], actor=Actor("NTL"))]
    evs = [Event("PROTEST", _span(text, "marched"), _span(text, "Rebels marched."), source=["e1"], target=[],
                 confidence=0.7),
           Event("CONSULT", _span(text, "met"), _span(text, "Farmers met Northland officials."), source=["e2"],
                 target=["e3"], confidence=0.7)]
    return _record(key, date, text, ents, [], evs)


def _duplicates(key: str, date: str) -> Record:
    text = "Vera La Mancha spoke. La Mancha left. Eastland and Eastland Corp met."
    ents = [Entity("e1", "Vera La Mancha", "PERSON", mentions=[_span(text, "Vera La Mancha")]),
            Entity("e2", "La Mancha", "PERSON", mentions=[_span(text, "La Mancha", text.index("left") - 11)]),
            Entity("e3", "Eastland", "GPE", mentions=[_span(text, "Eastland")], actor=Actor("EST")),
            Entity("e4", "Eastland", "ORG", mentions=[_span(text, "Eastland", text.index("and"))], actor=Actor("EST")),
            Entity("e5", "Eastland", "NORP", mentions=[_span(text, "Eastland", text.index("and"))])]
    return _record(key, date, text, ents, [], [])


@pytest.fixture(scope="module")
def own_store(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("browse") / "browse.db")
    with open_store(path) as store:
        for key, record in (("b1", _quoted_event("b1", "2025-01-10", "Ada Quill", "NTL")),
                            ("b2", _quoted_event("b2", "2025-04-02", "Ada Quill", "NTL")),
                            ("b3", _uncoded("b3", "2025-04-20")), ("b4", _duplicates("b4", "2025-02-01"))):
            assert store.add_record(record, origin=key)
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture(scope="module")
def own_client(own_store):
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    with TestClient(create_app(store=own_store, token=TOKEN, cache=False), raise_server_exceptions=False) as c:
        yield c


# -- 1. facets -------------------------------------------------------------------

def test_quote_facets_count_quotes_and_have_no_article_event_facet(client):
    facets = client.get("/api/facets").json()
    assert "event" not in facets and "factuality" not in facets  # they counted quotes in articles with events
    for item in facets["actor"]:
        assert item["count"] == client.get("/api/search", params={"actor": item["value"]}).json()["total"]
    acts = {f["value"]: f["count"] for f in facets["act"]}
    assert acts["speech"] == client.get("/api/search").json()["total"]


def test_event_facets_count_events(client, web_store):
    found = browse.event_facets(web_store, Filters.make(None))
    assert found["type"] and found["source"] and found["target"]
    for item in found["type"]:
        assert item["count"] == client.get("/api/events", params={"event": item["value"]}).json()["total"]
    for item in found["source"]:
        assert item["count"] == client.get("/api/events", params={"source_code": item["value"]}).json()["total"]
    html = client.get("/events").text
    assert 'data-facet="type"' in html and 'data-facet="source"' in html and 'data-facet="target"' in html


# -- 2. time -----------------------------------------------------------------------

def test_month_range_keeps_empty_months():
    assert month_range(["2025-11", "2026-02"]) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert month_range([]) == []


def test_histograms_cover_every_month_and_ignore_the_date_filter(own_client):
    found = own_client.get("/api/search", params={"facets": "true", "act": "all"}).json()["histogram"]
    assert found["labels"] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert found["counts"] == [1, 0, 0, 1]
    html = own_client.get("/events", params={"from": "2025-04"}).text
    assert len(re.findall(r'<rect class="bar', html)) == 4  # the whole range, while the list is April only
    assert len(re.findall(r'<rect class="bar selected"', html)) == 1


# -- 3. scope ----------------------------------------------------------------------

def test_search_says_what_the_box_searched(client):
    html = client.get("/", params={"q": "Solberg"}).text
    scope = re.search(r'id="search-scope">(.*?)</p>', html, re.S).group(1)
    assert "the words of quotes" in scope and "about" in scope
    by = re.search(r'id="scope-by" href="([^"]+)"', html).group(1)
    assert "speaker=Solberg" in unescape(by) and "q=" not in unescape(by)
    title = unescape(re.search(r'id="scope-title" href="([^"]+)"', html).group(1))
    assert "title=Solberg" in title and "q=" not in title
    in_title = client.get("/api/search", params={"title": "solberg"}).json()["total"]
    assert 0 < in_title < client.get("/api/search").json()["total"]  # only the article titled "Solberg on air defence"
    assert re.search(rf'id="scope-title"[^>]*>.*?</a> <span class="count">{in_title}</span>', html, re.S)
    html = client.get("/", params={"speaker": "Maren Solberg"}).text
    assert 'id="scope-about"' in html and "<em>by</em>" in html


# -- 4. entities -------------------------------------------------------------------

def test_entities_ranked_by_quotes_with_search_and_paging(client, web_store):
    found = browse.ranked_entities(web_store, sort="quoted", limit=500)
    quoted = [r["quoted"] for r in found["results"]]
    assert quoted == sorted(quoted, reverse=True) and quoted[0] > 0
    assert found["total"] == len(found["results"])
    top = found["results"][0]  # "quoted" counts what the link to its quotes finds (speech, by that entity)
    assert top["quoted"] == len([r for r in web_store.search(Filters.make(None, act="speech"), limit=500)
                                 if r["speaker_id"] == top["id"]])
    page = client.get("/entities", params={"name": "solberg"}).text
    assert "Maren Solberg" in page and "Lin Haoran" not in page
    first, second = (browse.ranked_entities(web_store, sort="name", limit=2, offset=o)["results"] for o in (0, 2))
    assert not {r["id"] for r in first} & {r["id"] for r in second}
    html = client.get("/entities", params={"sort": "acts"}).text
    assert 'class="sort sorted"' in html


def test_likely_duplicates_and_merge_needs_the_token(own_client, own_store):
    groups = browse.likely_duplicates(own_store)
    found = {(tuple(sorted(e["name"] for e in g["sources"])), g["target"]["name"], g["reason"]) for g in groups}
    assert (("La Mancha",), "Vera La Mancha", "short form of a longer name") in found
    eastland = next(g for g in groups if g["target"]["name"] == "Eastland")
    assert sorted(e["type"] for e in eastland["sources"] + [eastland["target"]]) == ["GPE", "NORP", "ORG"]
    assert not any("Rebels" in names for names, _, _ in found)  # unnamed sources are never offered
    html = own_client.get("/entities/duplicates").text
    for source in eastland["sources"]:
        assert f"onrecord entities merge {source['id']} {eastland['target']['id']}" in html
    form = {"source": [e["id"] for e in eastland["sources"]], "target": eastland["target"]["id"]}
    assert own_client.post("/entities/merge", data=form, follow_redirects=False).status_code == 401
    assert own_client.post("/entities/merge", data={**form, "token": "wrong"}, follow_redirects=False).status_code == 403
    r = own_client.post("/entities/merge", data={**form, "token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/entities/{eastland['target']['id']}"
    for source in eastland["sources"]:
        assert own_client.get(f"/entities/{source['id']}").status_code == 404
    assert not any(g["target"]["name"] == "Eastland" for g in browse.likely_duplicates(own_store))


# -- 5. events table -----------------------------------------------------------------

def test_events_table_shows_trigger_reporter_and_event_date_and_sorts(own_client):
    html = own_client.get("/events", params={"event": "ASSAULT"}).text
    assert '<td class="trigger">attacked</td>' in html
    assert "Ada Quill" in re.search(r'<td class="reporter">(.*?)</td>', html, re.S).group(1)
    assert "event date" in html
    assert 'name="source_code"' in html and 'name="target_code"' in html and 'type="hidden" name="source_code"' not in html
    dates = lambda sort: re.findall(r'<td class="nowrap">(\d{4}-\d{2}-\d{2})</td>\s*<td class="nowrap">',  # noqa: E731
                                    own_client.get("/events", params={"sort": sort}).text)
    assert dates("date") == sorted(dates("date")) and dates("-date") == sorted(dates("-date"), reverse=True)
    assert own_client.get("/events", params={"sort": "nonsense"}).status_code in (400, 422)


# -- 6. network ---------------------------------------------------------------------

def test_network_says_how_many_events_it_draws_and_why_not_the_rest(own_client, own_store):
    acc = browse.network_accounting(own_store, Filters.make(None))
    assert acc["events"] == 4 and acc["drawable"] == 2
    assert {r["reason"]: r["count"] for r in acc["left_out"]} == {"no_target": 1, "source_uncoded": 1}
    html = own_client.get("/network").text
    assert re.search(r'id="drawn-events">2</strong> of <strong id="all-events">4</strong>', html)
    assert 'data-reason="no_target"' in html


# -- 8. links without empty parameters ---------------------------------------------------

def test_server_links_carry_no_empty_parameters(client):
    html = unescape(client.get("/", params={"q": "China", "speaker": "", "event": "", "from": ""}).text)
    links = re.findall(r'href="(/[^"]*\?[^"]*)"', html)
    assert links
    assert not [u for u in links if re.search(r"(?:\?|&)[a-z_]+=(?:&|$)", u)]
    assert "data-drop-empty" in html and "/static/forms.js" in html
