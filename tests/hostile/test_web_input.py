"""Hostile input on the web, watch and export side (issue 14): each test sends what
a careless or malicious client might, and expects a clear 4xx (the JSON envelope on
/api, /download and feeds, the error page elsewhere) or neutralised output, never a
500 and never damage to anything else. Records are built by hand: no model loads."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import insert

from onrecord.cli import main
from onrecord.schema import EVENT_TYPES, FACTUALITY_VALUES, Actor, Article, Attribution, Entity, Event, Record, Span
from onrecord.store import open_store
from onrecord.store.tables import watches
from onrecord.web.app import create_app
from onrecord.web.params import MAX_ID

TOKEN = "hostile-token-1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FORMULA = "=HYPERLINK(\"http://evil.example/x\",\"click\")"
TEXT = (f'Mayor Tilda Varga said "{FORMULA}" was her answer. '
        "Northland sanctioned Southland and Eastland on Monday, Varga said.")


def _span(text: str, fragment: str) -> Span:
    at = text.index(fragment)
    return Span(at, at + len(fragment), fragment)


def _record(key: str = "hostile-1") -> Record:
    """A quote whose text is a spreadsheet formula, and an event with one source and
    two targets (so its actor lists have more than one item)."""
    t = TEXT
    ents = [Entity("e1", "Tilda Varga", "PERSON", mentions=[_span(t, "Tilda Varga")], actor=Actor("NRL")),
            Entity("e2", "Northland", "GPE", mentions=[_span(t, "Northland")], actor=Actor("NRL")),
            Entity("e3", "Southland", "GPE", mentions=[_span(t, "Southland")], actor=Actor("SRL")),
            Entity("e4", "Eastland", "GPE", mentions=[_span(t, "Eastland")], actor=Actor("ERL"))]
    atts = [Attribution("direct", _span(t, FORMULA), _span(t, "said"), _span(t, "Tilda Varga"), "e1", 0.9,
                        act="speech")]
    evs = [Event("SANCTION", _span(t, "sanctioned"), _span(t, "Northland sanctioned Southland and Eastland on Monday,"),
                 source=["e2"], target=["e3", "e4"], confidence=0.8)]
    return Record(text=t, article=Article(id=key, url=f"https://news.example.org/{key}", title="-1 vote: +cmd|calc",
                                          date="2024-05-02"),
                  entities=ents, attributions=atts, events=evs, pipeline={"onrecord": "test", "spans": "rules"})


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "hostile.db")
    with open_store(path) as store:
        assert store.add_record(_record(), origin="hostile")
    return path


@pytest.fixture
def client(db):
    with open_store(db) as store, TestClient(create_app(store=store, token=TOKEN, base_url="https://news.example.org"),
                                             raise_server_exceptions=False) as c:
        c.store = store
        yield c


def _cli(*args: str):
    return CliRunner().invoke(main, list(args))


def _envelope(r, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return body["error"]["message"]


def _save_unchecked_watch(store, name: str, params: dict) -> None:
    """A watch written straight to the table, as one saved before queries were checked."""
    with store.engine.begin() as conn:
        conn.execute(insert(watches).values(name=name, kind="attributions", params=json.dumps(params), last_seen_id=0,
                                            created_at=dt.datetime.now(dt.timezone.utc)))


# -- 1. one bad watch must not stop every watch ------------------------------------

def test_api_refuses_a_watch_whose_query_cannot_run(client):
    r = client.post("/api/watches", headers=AUTH,
                    json={"name": "oops", "kind": "attributions", "params": {"query": '"unbalanced'}})
    assert "cannot search for" in _envelope(r, 400)
    assert client.get("/api/watches").json()["results"] == []


def test_cli_refuses_a_watch_whose_query_cannot_run(db):
    result = _cli("watch", "add", "x", "--kind", "attributions", "--query", '"oops', "--db", db)
    assert result.exit_code != 0 and "cannot search for" in result.output
    assert "Traceback" not in result.output
    with open_store(db) as store:
        assert store.watches() == []


def test_a_stored_bad_watch_is_reported_and_the_others_still_run(client, db):
    good = client.post("/api/watches", headers=AUTH,
                       json={"name": "all quotes", "kind": "attributions", "params": {}, "include_existing": True}).json()
    _save_unchecked_watch(client.store, "broken", {"query": '"unbalanced'})
    listed = client.get("/api/watches")
    assert listed.status_code == 200
    by_name = {w["name"]: w for w in listed.json()["results"]}
    assert "cannot search for" in by_name["broken"]["problem"] and by_name["all quotes"]["problem"] is None
    assert by_name["all quotes"]["new"] == 1
    page = client.get("/watches")
    assert page.status_code == 200 and page.text.count("cannot run: cannot search for") == 1
    assert client.get(f"/watches/{good['id']}/feed.atom").status_code == 200
    broken = by_name["broken"]["id"]
    assert "cannot search for" in _envelope(client.get(f"/watches/{broken}/feed.atom"), 400)
    result = _cli("watch", "check", "--db", db)
    assert result.exit_code == 1, result.output
    assert "== watch" in result.output and "all quotes: 1 new" in result.output
    assert f"watch {broken} (broken) skipped: cannot search for" in result.output
    assert "Traceback" not in result.output
    listing = _cli("watch", "list", "--db", db)
    assert listing.exit_code == 0 and "cannot run:" in listing.output


# -- 2. CSV cells a spreadsheet would run ---------------------------------------------

def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_export_and_search_neutralise_formulas(db, tmp_path):
    out = tmp_path / "a.csv"
    assert _cli("export", "--what", "attributions", "--format", "csv", "-o", str(out), "--db", db).exit_code == 0
    searched = _cli("search", "--format", "csv", "--db", db)
    assert searched.exit_code == 0
    for text in (out.read_text(encoding="utf-8"), searched.stdout):
        cells = _cells(text)
        assert "'" + FORMULA in cells and FORMULA not in cells
        assert "'-1 vote: +cmd|calc" in cells
    jsonl = tmp_path / "a.jsonl"
    assert _cli("export", "--what", "attributions", "--format", "jsonl", "-o", str(jsonl), "--db", db).exit_code == 0
    assert json.loads(jsonl.read_text().splitlines()[0])["quote"] == FORMULA  # JSON keeps the text as stored


def test_web_csv_download_neutralises_formulas(client):
    cells = _cells(client.get("/download/attributions.csv").text)
    assert "'" + FORMULA in cells and not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    rows = [json.loads(line) for line in client.get("/download/attributions.jsonl").text.splitlines()]
    assert rows[0]["quote"] == FORMULA


# -- 3. integers beyond 64 bits -------------------------------------------------------

HUGE = ("99999999999999999999", str(MAX_ID + 1), "-" + "9" * 30, "9" * 5000)


@pytest.mark.parametrize("number", HUGE, ids=["20-digits", "2^63", "negative", "5000-digits"])
def test_ids_beyond_64_bits_are_not_found(client, number):
    for path in ("/api/articles/{}", "/api/entities/{}", "/api/watches/{}", "/watches/{}/feed.atom"):
        _envelope(client.get(path.format(number)), 404)
    for path in ("/articles/{}", "/entities/{}"):
        r = client.get(path.format(number))
        assert r.status_code == 404 and "<html" in r.text
    _envelope(client.post(f"/api/watches/{number}/seen", headers=AUTH), 404)
    _envelope(client.delete(f"/api/watches/{number}", headers=AUTH), 404)
    r = client.post(f"/watches/{number}/delete", data={"token": TOKEN})
    assert r.status_code == 404


@pytest.mark.parametrize("query", ["offset={}", "entity={}", "limit={}", "page={}", "size={}"])
def test_integer_parameters_beyond_their_range_are_refused(client, query):
    for number in HUGE[:2]:
        for path in ("/api/articles", "/api/search", "/api/events"):
            r = client.get(f"{path}?{query.format(number)}")
            assert r.status_code in (200, 400), (path, query, r.status_code)  # an unknown parameter is ignored
            if r.status_code == 400:
                _envelope(r, 400)
        assert client.get(f"/events?{query.format(number)}").status_code in (200, 400)
    _envelope(client.get(f"/api/articles?offset={HUGE[0]}"), 400)
    _envelope(client.get(f"/api/events?entity={HUGE[0]}"), 400)


# -- 4. invalid filter values ---------------------------------------------------------

@pytest.mark.parametrize("date", ["2020-13-45", "2021-02-29", "2020-00", "0000"])
def test_impossible_dates_are_refused(client, date):
    for path in ("/api/search", "/api/events", "/api/network", "/download/events.csv"):
        assert "real date" in _envelope(client.get(f"{path}?from={date}"), 400)
    for path in ("/", "/events", "/network"):
        r = client.get(f"{path}?to={date}")
        assert r.status_code == 400 and "real date" in r.text


def test_unknown_event_type_and_factuality_list_the_schema_values(client):
    message = _envelope(client.get("/api/events?event=FOO"), 400)
    assert all(t in message for t in EVENT_TYPES)
    message = _envelope(client.get("/api/search?factuality=maybe"), 400)
    assert all(v in message for v in FACTUALITY_VALUES)
    r = client.get("/events?event=FOO")
    assert r.status_code == 400 and EVENT_TYPES[0] in r.text


# -- 5. the Host header never reaches a feed -----------------------------------------

def test_feeds_use_the_configured_base_url_not_the_host_header(client):
    w = client.post("/api/watches", headers=AUTH, json={"name": "quotes", "kind": "attributions",
                                                         "include_existing": True}).json()
    for host in ("attacker.invalid", "news.example.org"):
        feed = client.get(f"/watches/{w['id']}/feed.atom", headers={"Host": host}).text
        assert "attacker.invalid" not in feed
        assert "<id>https://news.example.org/watches/" in feed
        assert 'href="https://news.example.org/articles/' in feed


def test_a_bad_base_url_is_refused(db):
    from onrecord.errors import InputError

    for bad in ("news.example.org", "javascript:alert(1)", "https://news.example.org/?x=1", "ftp://news.example.org"):
        with pytest.raises(InputError, match="base URL"):
            create_app(db, base_url=bad)
    result = _cli("serve", "--db", db, "--base-url", "not a url")
    assert result.exit_code != 0 and "base URL" in result.output and "Traceback" not in result.output


# -- 6. unknown fields in a watch body ------------------------------------------------

def test_filters_beside_params_are_refused_not_ignored(client):
    r = client.post("/api/watches", headers=AUTH, json={"name": "aid", "event": "AID", "actor": "CHN"})
    message = _envelope(r, 400)
    assert "actor, event" in message and "name, kind, params, include_existing" in message
    assert client.get("/api/watches").json()["results"] == []


# -- 7. lists in the API are JSON arrays ------------------------------------------------

def _ids(store, *names: str) -> list[int]:
    by_name = {e["name"]: e["id"] for e in store.entities(None, limit=100)}
    return [by_name[n] for n in names]


def test_event_actor_lists_are_arrays_in_the_api_and_joined_in_csv(client):
    event = client.get("/api/events").json()["results"][0]
    assert event["source_ids"] == _ids(client.store, "Northland")
    assert event["target_ids"] == _ids(client.store, "Southland", "Eastland")
    assert event["target_names"] == ["Southland", "Eastland"] and event["target_codes"] == ["SRL", "ERL"]
    entity = client.get(f"/api/entities/{_ids(client.store, 'Northland')[0]}").json()
    assert entity["events_as_source"][0]["target_codes"] == ["SRL", "ERL"]
    w = client.post("/api/watches", headers=AUTH, json={"name": "all", "include_existing": True}).json()
    assert client.get(f"/api/watches/{w['id']}").json()["matches"][0]["source_codes"] == ["NRL"]
    row = next(csv.DictReader(io.StringIO(client.get("/download/events.csv").text)))
    assert row["target_codes"] == "SRL; ERL"
