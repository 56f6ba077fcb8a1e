"""The web app in-process: pages, API, downloads, errors, watches and feeds."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from onrecord.web.app import DEFAULT_BASE_URL

from .conftest import TOKEN

ATOM = "{http://www.w3.org/2005/Atom}"
AUTH = {"X-Onrecord-Token": TOKEN}


def test_search_page_has_results_facets_and_downloads(client):
    r = client.get("/", params={"q": "China"})
    assert r.status_code == 200
    html = r.text
    assert 'id="facets"' in html and 'data-facet="speaker"' in html and 'data-facet="act"' in html
    assert 'id="histogram-svg"' in html
    assert "Maren Solberg" in html
    assert "/download/attributions.csv?q=China" in html and "/api/search?" in html
    assert 'class="hl-content"' in html  # the quote is marked inside its context


def test_search_state_is_in_the_url(client):
    all_ = client.get("/api/search").json()["total"]
    only = client.get("/api/search", params={"speaker": "Maren Solberg"}).json()
    assert 0 < only["total"] < all_
    assert {r["speaker"] for r in only["results"]} == {"Maren Solberg"}
    page = client.get("/", params={"speaker": "Maren Solberg", "from": "2026-04"}).text
    assert 'value="Maren Solberg"' in page and 'value="2026-04"' in page


def test_facets_count_matches(client):
    facets = client.get("/api/facets").json()
    assert set(facets) == {"speaker", "actor", "act", "outlet"}
    # Two entities may share a name (different actor codes); the name filter matches both.
    solberg = sum(f["count"] for f in facets["speaker"] if f["value"] == "Maren Solberg")
    assert solberg == client.get("/api/search", params={"speaker": "Maren Solberg"}).json()["total"]
    histogram = client.get("/api/search", params={"facets": "true"}).json()["histogram"]
    assert "2026-04" in histogram["labels"]


def test_outlet_filter_and_its_old_name(client):
    """The publisher's domain is the outlet; ?source= (its first name) still filters the same."""
    all_ = client.get("/api/search").json()["total"]
    outlet = client.get("/api/search", params={"outlet": "example.org"}).json()
    assert 0 < outlet["total"] < all_
    assert client.get("/api/search", params={"source": "example.org"}).json()["total"] == outlet["total"]
    page = client.get("/", params={"outlet": "example.org"}).text
    assert 'name="outlet" value="example.org"' in page


def test_bad_query_is_400_with_explanation(client):
    r = client.get("/api/search", params={"q": '"unbalanced'})
    assert r.status_code == 400
    assert "double quotes" in r.json()["error"]["message"]
    page = client.get("/", params={"q": "AND OR"})
    assert page.status_code == 400 and 'id="search-error"' in page.text


@pytest.mark.parametrize("url", ["/api/search?limit=100000", "/api/events?limit=0", "/api/nope",
                                 "/api/articles/999999", "/api/entities/abc", "/api/search?from=2026-99x"])
def test_api_errors_use_one_envelope(client, url):
    r = client.get(url)
    assert r.status_code in (400, 404)
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == r.status_code and body["error"]["message"]


def test_page_sizes_are_capped(client):
    assert client.get("/api/search", params={"limit": 201}).status_code == 400
    assert client.get("/", params={"size": 1000}).status_code == 400
    assert len(client.get("/api/search", params={"limit": 200}).json()["results"]) <= 200


def test_article_page_highlights(client, web_store):
    hit = web_store.search("deeply concerned")[0]
    html = client.get(f"/articles/{hit['article_id']}").text
    for kind in ("hl-source", "hl-cue", "hl-content", "hl-trigger"):
        assert kind in html
    assert "speaker: Maren Solberg [NATO] · confidence" in html
    assert 'id="quoted"' in html and f'id="quote-{hit["attribution_id"]}"' in html


def test_entity_page_and_api(client, web_store):
    solberg = web_store.entities("Maren Solberg")[0]
    html = client.get(f"/entities/{solberg['id']}").text
    assert 'id="timeline"' in html and 'id="timeline-data"' in html and "NATO Secretary-General" in html
    data = client.get(f"/api/entities/{solberg['id']}").json()
    assert data["name"] == "Maren Solberg" and "Solberg" in [a["alias"] for a in data["aliases"]]
    assert sum(data["timeline"]["quoted"]) >= 2 and data["quotes"]
    weekly = client.get(f"/api/entities/{solberg['id']}", params={"by": "week"}).json()["timeline"]
    assert weekly["by"] == "week" and all("-W" in x for x in weekly["labels"])


def test_events_and_network(client):
    events = client.get("/api/events", params={"event": "AID", "source_code": "CHN", "target_code": "RUS"}).json()
    assert events["total"] >= 1 and all(e["type"] == "AID" for e in events["results"])
    graph = client.get("/api/network").json()
    assert {"CHN", "RUS"} <= {n["id"] for n in graph["nodes"]}
    edge = next(e for e in graph["edges"] if e["source"] == "CHN" and e["target"] == "RUS")
    assert edge["tone"] == "cooperative"
    assert any(e["tone"] == "conflictual" for e in graph["edges"])
    page = client.get("/events", params={"source_code": "CHN", "target_code": "RUS", "event": "AID"})
    assert page.status_code == 200 and "AID" in page.text
    assert client.get("/network").status_code == 200


def test_downloads_csv_and_jsonl(client):
    r = client.get("/download/attributions.csv", params={"speaker": "Maren Solberg"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {row["speaker"] for row in rows} == {"Maren Solberg"}
    lines = client.get("/download/events.jsonl", params={"event": "AID"}).text.splitlines()
    assert lines and all(json.loads(x)["type"] == "AID" for x in lines)


def test_downloads_stream_from_the_store_and_refuse_a_bad_query(client, monkeypatch):
    """The download is the store's chunk stream (no spooled copy of the whole file),
    and a query that cannot be parsed is a 400 envelope, not a cut-off 200."""
    from onrecord.store import export as exporting

    made = []
    real = exporting.stream_text

    def spy(*args):
        chunks = real(*args)
        made.append(chunks)
        return chunks

    monkeypatch.setattr(exporting, "stream_text", spy)
    r = client.get("/download/events.csv")
    assert r.status_code == 200 and len(made) == 1 and r.text.startswith("event_id,article_id")
    bad = client.get("/download/attributions.csv", params={"q": '"unbalanced'})
    assert bad.status_code == 400 and "error" in bad.json()


def test_openapi_covers_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/articles/{article_id}", "/api/entities/{entity_id}", "/api/events",
                 "/api/watches", "/api/watches/{watch_id}"):
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


def test_watch_lifecycle_and_feed(client, web_store, nlp):
    from .conftest import NEW_ARTICLE, add_article

    r = client.post("/api/watches", headers=AUTH,
                    json={"name": "China arms Russia", "params": {"event": "aid", "source_code": "chn",
                                                                  "target_code": "RUS"}})
    assert r.status_code == 201, r.text
    watch = r.json()
    assert watch["params"] == {"event": "AID", "source_code": "CHN", "target_code": "RUS"}
    assert client.get(f"/api/watches/{watch['id']}").json()["new"] == 0
    try:
        assert add_article(web_store, nlp, NEW_ARTICLE)
        w = client.get(f"/api/watches/{watch['id']}", params={"new": True}).json()
        assert w["new"] == 1 and w["matches"][0]["title"] == "Shells from China"
        feed = client.get(f"/watches/{watch['id']}/feed.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(feed.content)
        assert root.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{tag}").text
        entries = root.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            for tag in ("id", "title", "updated", "content"):
                assert entry.find(f"{ATOM}{tag}") is not None
            assert entry.find(f"{ATOM}link").get("href").startswith(DEFAULT_BASE_URL + "/articles/")  # configured, not Host
        assert any("Shells from China" in e.find(f"{ATOM}summary").text for e in entries)
        assert client.post(f"/api/watches/{watch['id']}/seen", headers=AUTH).status_code == 200
        assert client.get(f"/api/watches/{watch['id']}").json()["new"] == 0
        assert "China arms Russia" in client.get("/watches").text
    finally:
        assert client.delete(f"/api/watches/{watch['id']}", headers=AUTH).status_code == 204
    assert client.get(f"/api/watches/{watch['id']}").status_code == 404


def test_watch_rejects_unknown_filters(client):
    r = client.post("/api/watches", headers=AUTH, json={"name": "x", "params": {"event": "NOPE"}})
    assert r.status_code == 400 and "event type" in r.json()["error"]["message"]
    r = client.post("/api/watches", headers=AUTH, json={"name": "x", "kind": "attributions",
                                                        "params": {"source_code": "CHN"}})
    assert r.status_code == 400
