"""The Store on both backends: ingest, entities, corrections, search, stats."""
from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import inspect

from onrecord.errors import InputError, NotFoundError, SearchSyntaxError, StoreError
from onrecord.store import content_hash, open_store

from onrecord.schema import Actor, Attribution

from .helpers import SOLBERG_TEXT, entity, make_record, solberg_record, span

OTHER_TEXT = ('Maren Solberg told the summit that "deterrence works". '
              'Protesters marched in Berlin on Sunday, police said.')


def add(store, record, **kw):
    return store.add_record(record, origin=record.article.id or "test", **kw)


def other_record(name="Maren Solberg", url="https://www.other.org/story?utm_campaign=x", date="2024-04-10",
                 extra=""):
    t = OTHER_TEXT.replace("Maren Solberg", name) + extra
    ents = [entity(t, "e1", name, "PERSON", [name], Actor(None, "NATO", "GOV"))]
    atts = [Attribution("direct", span(t, "deterrence works"), span(t, "told"), span(t, name), "e1", 0.9, act="speech"),
            Attribution("indirect", span(t, "Protesters marched in Berlin on Sunday"), span(t, "said"),
                        span(t, "police"), None, 0.75, act="speech")]
    return make_record(t, url=url, date=date, key="other", entities=ents, attributions=atts)


# -- ingest -------------------------------------------------------------

def test_add_is_idempotent_on_text_and_url(store):
    first = add(store, solberg_record())
    assert isinstance(first, int)
    assert add(store, solberg_record(url=None)) is None  # same text
    rewrapped = solberg_record(url=None, text=SOLBERG_TEXT.replace(". ", ".\n\n"))
    assert store.is_duplicate(None, content_hash(rewrapped.text))
    # Same URL once tracking parameters, fragment, case and slash are gone; different text.
    moved = other_record(url="HTTPS://NEWS.example.com/solberg/?utm_source=rss&fbclid=1#top")
    assert add(store, moved) is None
    assert store.count(None) == 3
    assert [a_id for a_id, _, _ in store.stored_articles()] == [first]


def test_add_race_stores_once(db_url):
    """Two writers adding the same article at once: one id, one None, no error."""
    stores = [open_store(db_url) for _ in range(4)]
    results, barrier = [], threading.Barrier(len(stores))

    def worker(s):
        barrier.wait()
        results.append(add(s, solberg_record()))

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert len(results) == 4 and results.count(None) == 3


def test_article_row_keeps_versions_and_runs(store):
    run = store.start_run("ingest feeds/")
    article_id = add(store, solberg_record(), run_id=run)
    store.add_error("feeds/bad.html", "not English", kind="skipped", language="de", run_id=run)
    store.finish_run(run, {"added": 1, "skipped": 1})
    with pytest.raises(Exception):
        store.add_error("x", "y", kind="exploded")
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT pipeline, schema_version, run_id, source_domain FROM articles").one()
        assert json.loads(row[0]) == {"onrecord": "test", "spans": "rules"} and row[1] == "2"
        assert row[2] == run and row[3] == "news.example.com"
        assert conn.exec_driver_sql("SELECT kind, language FROM errors").one() == ("skipped", "de")
        assert json.loads(conn.exec_driver_sql("SELECT counts FROM runs").scalar()) == {"added": 1, "skipped": 1}
    assert article_id == 1 or article_id > 0


def test_stored_articles_round_trip(store):
    article_id = add(store, solberg_record())
    [(got_id, text, article)] = list(store.stored_articles())
    assert (got_id, text) == (article_id, SOLBERG_TEXT)
    assert article.url == "https://news.example.com/solberg" and article.date == "2024-03-01"


# -- entities -----------------------------------------------------------

def test_one_entity_across_articles_with_aliases(store):
    add(store, solberg_record())
    add(store, other_record())
    people = [e for e in store.entities("solberg")]
    assert len(people) == 1
    solberg = people[0]
    assert (solberg["name"], solberg["type"], solberg["org"]) == ("Maren Solberg", "PERSON", "NATO")
    assert {"Maren Solberg", "Solberg"} <= set(solberg["aliases"])
    assert store.count(None, speaker="maren solberg") == 3  # 2 in the first article, 1 in the second
    assert store.count(None, speaker="SOLBERG") == 3  # an alias, any case


def test_unnamed_sources_and_bare_surnames_are_never_merged_across_articles(store):
    for n in (1, 2):
        text = f"Officials said the port would reopen. Corwin said story {n} was true."
        record = make_record(text, key=f"k{n}", entities=[
            entity(text, "e1", "Officials", "UNNAMED", ["Officials"]),
            entity(text, "e2", "Corwin", "PERSON", ["Corwin"]),
        ])
        add(store, record)
    assert len(store.entities("officials")) == 2
    assert len(store.entities("corwin")) == 2
    add(store, solberg_record())
    add(store, other_record())
    assert len(store.entities("maren solberg")) == 1  # a full name still is one person everywhere


def test_different_actor_codes_are_different_entities(store):
    add(store, solberg_record())
    record = other_record()
    record.entities[0].actor = Actor("NOR", None, "GOV")  # a namesake in the Norwegian government
    add(store, record)
    assert len(store.entities("maren solberg")) == 2


def test_merge_survives_replace_and_reingest(store):
    first = add(store, solberg_record())
    add(store, other_record(name="M. Solberg"))
    assert len(store.entities("solberg")) == 2
    store.merge_entities("M. Solberg", "Maren Solberg")
    [merged] = store.entities("solberg")
    assert "M. Solberg" in merged["aliases"]
    assert store.count(None, speaker="Maren Solberg") == 3
    # Re-extraction and a new article naming her the merged-away way both follow the merge.
    store.replace_record(first, solberg_record())
    assert add(store, other_record(name="M. Solberg", url="https://third.example/x", extra=" More.")) is not None
    assert len(store.entities("solberg")) == 1
    assert store.count(None, speaker="Maren Solberg") == 4


def test_split_survives_replace_and_reingest(store):
    first = add(store, solberg_record(name="Solberg"))  # an article that only says "Solberg"
    add(store, other_record())
    store.merge_entities("Solberg", "Maren Solberg")
    assert store.count(None, speaker="Maren Solberg") == 3
    new_id = store.split_entity("Maren Solberg", "Solberg")
    assert store.count(None, speaker="Maren Solberg") == 1
    assert [r["speaker_id"] for r in store.search(None, speaker="Solberg")] == [new_id, new_id]
    store.replace_record(first, solberg_record(name="Solberg"))
    assert store.count(None, speaker="Maren Solberg") == 1
    assert {e["id"] for e in store.entities("solberg")} == {new_id, store.entities("maren")[0]["id"]}


def test_merge_and_split_errors(store):
    add(store, solberg_record())
    with pytest.raises(NotFoundError):
        store.merge_entities("Nobody", "Maren Solberg")
    with pytest.raises(StoreError):
        store.merge_entities("Maren Solberg", "Maren Solberg")
    with pytest.raises(StoreError):
        store.split_entity("Maren Solberg", "maren solberg")


def test_load_aliases(store, tmp_path):
    add(store, other_record(name="M. Solberg"))
    path = tmp_path / "aliases.tsv"
    path.write_text("# alias\tcanonical\tTYPE\nM. Solberg\tMaren Solberg\tPERSON\nXi\tXi Jinping\tPERSON\n")
    assert store.load_aliases(path) == 2
    [solberg] = store.entities("solberg")
    assert solberg["name"] == "Maren Solberg" and "M. Solberg" in solberg["aliases"]
    # A later article using the alias joins the canonical entity.
    add(store, solberg_record(name="M. Solberg"))
    assert [e["name"] for e in store.entities("solberg")] == ["Maren Solberg"]
    assert store.count(None, speaker="Maren Solberg") == 3
    bad = tmp_path / "bad.tsv"
    bad.write_text("only one column\n")
    with pytest.raises(Exception, match="bad.tsv:1"):
        store.load_aliases(bad)


# -- search -------------------------------------------------------------

@pytest.fixture
def corpus(store):
    add(store, solberg_record())
    add(store, other_record())
    return store


def test_search_full_text(corpus):
    [hit] = corpus.search("abandon partners")
    assert hit["quote"] == "We will not abandon our partners,"
    assert (hit["speaker"], hit["cue"], hit["kind"]) == ("Maren Solberg", "told", "direct")
    assert (hit["title"], hit["date"], hit["source"]) == ("Title solberg", "2024-03-01", "news.example.com")
    assert SOLBERG_TEXT[hit["start"]:hit["end"]] == hit["quote"]
    assert corpus.search('"air defence systems"')[0]["kind"] == "indirect"
    assert corpus.search("nothing-like-this-anywhere") == []


@pytest.mark.parametrize("filters, expected", [
    ({"speaker": "maren solberg"}, 3),
    ({"actor": "chn"}, 1),
    ({"actor": "NATO"}, 3),
    ({"event": "ACCUSE"}, 3),
    ({"event": "AID", "factuality": "future"}, 3),
    ({"factuality": "negated"}, 0),
    ({"date_from": "2024-04"}, 2),
    ({"date_to": "2024-03"}, 3),
    ({"date_from": "2024-03-02", "date_to": "2024-04-10"}, 2),
    ({"outlet": "example.com"}, 3),
    ({"outlet": "other.org"}, 2),
    ({"speaker": "Solberg", "outlet": "other.org"}, 1),
    ({"speaker": "Solberg", "event": "ACCUSE", "date_to": "2024"}, 2),
])
def test_search_filters(corpus, filters, expected):
    assert corpus.count(None, **filters) == expected
    assert len(corpus.search(None, **filters)) == expected


def test_search_query_with_filters_and_paging(corpus):
    assert corpus.count("deterrence", speaker="Solberg", outlet="other.org") == 1
    assert corpus.count("deterrence", outlet="example.com") == 0
    page = corpus.search(None, limit=2)
    rest = corpus.search(None, limit=10, offset=2)
    assert len(page) == 2 and len(rest) == 3
    assert not {r["attribution_id"] for r in page} & {r["attribution_id"] for r in rest}
    assert len(corpus.search(None, limit=10_000)) == 5  # capped, not an error


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR"])
def test_bad_full_text_syntax(corpus, query):
    if corpus.backend == "postgresql":
        corpus.search(query)  # websearch_to_tsquery accepts anything
        return
    with pytest.raises(SearchSyntaxError, match="double quotes"):
        corpus.search(query)


def test_sql_in_queries_is_only_data(corpus):
    nasty = "'; DROP TABLE articles; --"
    assert corpus.search(nasty) == []
    assert corpus.search(None, speaker=nasty, outlet=nasty, actor=nasty) == []
    with pytest.raises(InputError, match="use one of"):  # checked against the schema, never sent to SQL
        corpus.search(None, event=nasty)
    assert corpus.count(None) == 5  # articles (joined) still there
    assert "articles" in inspect(corpus.engine).get_table_names()


def test_bad_dates_are_input_errors(corpus):
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        corpus.search(None, date_from="March")


def test_filters_are_checked_against_the_schema(corpus):
    from onrecord.store import Filters

    assert Filters.make(None, event="accuse", factuality="Future") == Filters(event="ACCUSE", factuality="future")
    with pytest.raises(InputError, match="event type 'FOO': use one of .*ACCUSE"):
        corpus.count(None, event="foo")
    with pytest.raises(InputError, match="factuality 'maybe': use one of .*asserted"):
        corpus.search(None, factuality="maybe")
    with pytest.raises(InputError, match="unknown filter"):
        Filters.make(None, source="example.com")
    assert corpus.count(Filters.make(None, event="ACCUSE")) == corpus.count(None, event="ACCUSE") == 3


# -- stats --------------------------------------------------------------

def test_stats(corpus):
    stats = corpus.stats()
    assert stats["totals"] == {"articles": 2, "attributions": 5, "events": 2, "entities": 4, "errors": 0}
    assert stats["by_source"] == [{"source": "news.example.com", "articles": 1},
                                  {"source": "other.org", "articles": 1}]
    assert stats["by_month"] == [{"month": "2024-03", "articles": 1}, {"month": "2024-04", "articles": 1}]
    assert stats["top_speakers"][0]["name"] == "Maren Solberg" and stats["top_speakers"][0]["attributions"] == 3
    assert stats["top_dyads"] == [{"source": "CHN", "target": "USA", "type": "ACCUSE", "events": 1}]


def test_replace_record_replaces_rows_and_versions(store):
    article_id = add(store, solberg_record())
    record = solberg_record()
    record.attributions = record.attributions[:1]
    record.events = []
    record.pipeline = {"onrecord": "test-2"}
    store.replace_record(article_id, record)
    assert store.count(None) == 1
    assert store.stats()["totals"]["events"] == 0
    assert store.search("abandon") == []  # the full-text index followed the delete
    with store.engine.connect() as conn:
        assert json.loads(conn.exec_driver_sql("SELECT pipeline FROM articles").scalar()) == {"onrecord": "test-2"}
    with pytest.raises(NotFoundError):
        store.replace_record(999, record)


def test_reprocess_loop_while_streaming(store):
    """The --reprocess pattern: replace each record while iterating stored_articles()."""
    add(store, solberg_record())
    add(store, other_record())
    for article_id, text, article in store.stored_articles():
        record = solberg_record(url=article.url) if text.startswith("NATO") else other_record(url=article.url)
        record.pipeline = {"onrecord": "next"}
        store.replace_record(article_id, record)
    assert store.count(None) == 5
    with store.engine.connect() as conn:
        assert {json.loads(p)["onrecord"] for (p,) in conn.exec_driver_sql("SELECT pipeline FROM articles")} == {"next"}
