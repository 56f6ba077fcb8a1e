"""?act= on the web app: quotes are speech unless the URL asks for other acts."""
from __future__ import annotations

import pytest

from onrecord.schema import Article, Attribution, Record, Span
from onrecord.store import open_store

from .conftest import TOKEN

TEXT = ("Harbour master Ines Vold said the ferry would sail at noon. "
        "Fishermen fear that the quota cut will empty the harbour. "
        "A survey found that most residents want a second ferry.")


def _span(fragment: str) -> Span:
    at = TEXT.index(fragment)
    return Span(at, at + len(fragment), fragment)


@pytest.fixture(scope="module")
def act_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    record = Record(TEXT, Article(id="acts", url="https://news.example.com/acts", title="Ferry", date="2026-05-01"),
                    attributions=[
                        Attribution("indirect", _span("the ferry would sail at noon"), _span("said"),
                                    _span("Harbour master Ines Vold"), None, 0.75, act="speech"),
                        Attribution("indirect", _span("that the quota cut will empty the harbour"), _span("fear"),
                                    _span("Fishermen"), None, 0.75, act="thought"),
                        Attribution("indirect", _span("that most residents want a second ferry"), _span("found"),
                                    _span("A survey"), None, 0.75, act="evidence"),
                    ], pipeline={"onrecord": "test"})
    store = open_store(str(tmp_path_factory.mktemp("acts") / "acts.db"))
    store.add_record(record, origin="t")
    with TestClient(create_app(store=store, token=TOKEN), raise_server_exceptions=False) as client:
        yield client
    store.close()


def _acts(client, **params) -> list[str]:
    return sorted(r["act"] for r in client.get("/api/search", params=params).json()["results"])


def test_search_is_speech_by_default_and_the_url_asks_for_more(act_client):
    assert _acts(act_client) == ["speech"]
    assert _acts(act_client, act="thought,evidence") == ["evidence", "thought"]
    assert _acts(act_client, act="all") == ["evidence", "speech", "thought"]


def test_downloads_follow_the_same_default(act_client):
    lines = act_client.get("/download/attributions.jsonl").text.splitlines()
    assert len(lines) == 1 and '"act": "speech"' in lines[0]
    assert len(act_client.get("/download/attributions.jsonl", params={"act": "all"}).text.splitlines()) == 3


def test_bad_act_is_a_400_naming_the_choices(act_client):
    r = act_client.get("/api/search", params={"act": "gossip"})
    assert r.status_code == 400 and "use speech, thought, evidence" in r.text


def test_search_page_offers_the_act_choice_and_keeps_it(act_client):
    page = act_client.get("/", params={"act": "all"}).text
    assert 'name="act"' in page and "<option selected>all</option>" in page
    assert '<input type="hidden" name="act" value="all">' in page  # a watch saved from here keeps it
    assert '<span class="act">thought</span>' in page
