"""Escaping, links, write protection and CSRF. Each test fails if its defence is removed."""
from __future__ import annotations

import re

import pytest

from .conftest import IMG, JS_URL, SCRIPT, SVG, TOKEN


def _xss_article(store) -> int:
    return next(r["article_id"] for r in store.search(None, limit=100) if r["article_key"] == "xss")


def _evil_entity(store) -> int:
    return next(e["id"] for e in store.entities("Evil") if e["type"] == "PERSON")


def _pages(store) -> list[str]:
    art, ent = _xss_article(store), _evil_entity(store)
    return ["/", "/?q=fine", f"/articles/{art}", f"/entities/{ent}", "/entities?name=evil", "/events",
            "/events?actor=EVL", "/network", "/?speaker=" + "Evil", "/watches"]


def _assert_inert(html: str) -> None:
    """No payload survives as markup: no raw tag, no live handler, no javascript: link."""
    for payload in (SCRIPT, IMG, SVG):
        assert payload not in html
    assert "<script>window.__pwned" not in html
    assert not re.search(r"<img[^>]*onerror", html, re.I)
    assert not re.search(r"<svg[^>]*onload", html, re.I)
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    # every <script> tag on our pages is one of ours: a src from /static or a JSON data block
    for tag in re.findall(r"<script[^>]*>", html, re.I):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag


def test_every_page_escapes_article_data(client, web_store):
    for url in _pages(web_store):
        r = client.get(url)
        assert r.status_code == 200, url
        _assert_inert(r.text)


def test_payloads_are_shown_as_text(client, web_store):
    html = client.get(f"/articles/{_xss_article(web_store)}").text
    assert "&lt;script&gt;window.__pwned=1" in html  # escaped, still readable
    assert "&lt;img src=x onerror=" in html


def test_json_data_blocks_cannot_close_their_script(client, web_store):
    html = client.get(f"/entities/{_evil_entity(web_store)}").text
    block = html.split('id="timeline-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    html = client.get("/network").text
    block = html.split('id="network-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block


def test_javascript_url_is_not_a_link(client, web_store):
    for url in (f"/articles/{_xss_article(web_store)}", "/?q=fine"):
        html = client.get(url).text
        assert "javascript:window.__pwned" in html  # shown as text …
        assert not re.search(r"""href=["']javascript:""", html)  # … never as a link
    from onrecord.web.render import safe_url

    for bad in (JS_URL, " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example", "java\nscript:x"):
        assert safe_url(bad) is None
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_feed_escapes_payloads(client, web_store):
    r = client.post("/api/watches", headers={"X-Onrecord-Token": TOKEN},
                    json={"name": f"evil {SCRIPT}", "kind": "events", "params": {"actor": "EVL"},
                          "include_existing": True})
    wid = r.json()["id"]
    try:
        feed = client.get(f"/watches/{wid}/feed.atom").text
        assert "<script>" not in feed and "<img" not in feed and "&lt;script&gt;" in feed
        assert "Evil Land" in feed
        _assert_inert(client.get("/watches").text)
    finally:
        client.delete(f"/api/watches/{wid}", headers={"X-Onrecord-Token": TOKEN})


WATCH = {"name": "w", "params": {"event": "AID"}}


def test_api_writes_need_the_token(client):
    missing = client.post("/api/watches", json=WATCH)
    assert missing.status_code == 401 and missing.json()["error"]["status"] == 401
    wrong = client.post("/api/watches", json=WATCH, headers={"X-Onrecord-Token": "nope"})
    assert wrong.status_code == 403 and wrong.json()["error"]["message"] == "wrong write token"
    bearer = client.post("/api/watches", json=WATCH, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 201
    wid = bearer.json()["id"]
    assert client.delete(f"/api/watches/{wid}").status_code == 401
    assert client.post(f"/api/watches/{wid}/seen", headers={"X-Onrecord-Token": "x"}).status_code == 403
    assert client.delete(f"/api/watches/{wid}", headers={"X-Onrecord-Token": TOKEN}).status_code == 204


def test_form_writes_need_the_token_field(client):
    """CSRF: a form posted from another site cannot know the token, and no cookie authorises."""
    form = {"name": "csrf", "kind": "events", "event": "AID"}
    assert client.post("/watches", data=form, follow_redirects=False).status_code == 401
    assert client.post("/watches", data={**form, "token": "guess"}, follow_redirects=False).status_code == 403
    client.cookies.set("token", TOKEN)  # a cookie is not enough
    try:
        assert client.post("/watches", data=form, follow_redirects=False).status_code == 401
    finally:
        client.cookies.clear()
    assert not any(w["name"] == "csrf" for w in client.get("/api/watches").json()["results"])
    ok = client.post("/watches", data={**form, "token": TOKEN}, follow_redirects=False)
    assert ok.status_code == 303
    wid = next(w["id"] for w in client.get("/api/watches").json()["results"] if w["name"] == "csrf")
    assert client.post(f"/watches/{wid}/delete", data={}, follow_redirects=False).status_code == 401
    assert client.post(f"/watches/{wid}/delete", data={"token": TOKEN}, follow_redirects=False).status_code == 303


def test_read_only_without_configured_token(readonly_client):
    r = readonly_client.post("/api/watches", json=WATCH, headers={"X-Onrecord-Token": "anything"})
    assert r.status_code == 403 and "ONRECORD_TOKEN" in r.json()["error"]["message"]
    r = readonly_client.post("/watches", data={"name": "x", "token": "anything"})
    assert r.status_code == 403 and "ONRECORD_TOKEN" in r.text
    assert 'id="writes-disabled"' in readonly_client.get("/watches").text
    assert readonly_client.get("/api/search").status_code == 200


@pytest.mark.parametrize("query", ["x'; DROP TABLE attributions; --", "\" OR 1=1 --", "%' OR '1'='1"])
def test_injection_attempts_are_just_queries(client, web_store, query):
    r = client.get("/api/search", params={"q": query, "speaker": query, "source": query})
    assert r.status_code in (200, 400)
    assert web_store.count(None) > 0  # the table is still there
