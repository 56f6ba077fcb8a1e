"""One data function per resource: validated parameters in, plain data out.

The HTML page and the JSON API of a resource both call the same function here and
differ only in how they render its result (pages.py, api.py, exports.py). This is the
only web module that talks to the store (onrecord.store and the watches helpers), so
the storage layer can change behind these functions without touching any route.

Filter dicts are ``params.filter_params`` (keys as in the URL: q, speaker, actor,
event, factuality, source, from, to, act) and ``params.role_params`` (source_code,
target_code, entity, role).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator

from ..errors import NotFoundError
from ..schema import DEFAULT_ACTS
from ..store import open_store
from ..store import browse
from ..store import reads as wq
from ..store.query import Filters
from ..store import watches as watchlib

MAX_WATCH_NAME = watchlib.MAX_NAME
FACET_NAMES = ("speaker", "actor", "act", "outlet")  # quote facets: each counts quotes
EVENT_FACET_NAMES = ("type", "factuality", "source", "target", "outlet")  # each counts events
EVENT_SORTS = tuple(wq.EVENT_SORTS)
ENTITY_SORTS = browse.ENTITY_SORTS
DUPLICATES_SHOWN = 50
MAX_NETWORK_EDGES = 400  # the network draws the largest edges up to this many
DOWNLOADS = ("attributions", "events")
DOWNLOAD_FORMATS = ("csv", "jsonl")


def open_database(db_url: str | None) -> Any:
    """The Store for ``db_url`` (None: the default database)."""
    return open_store(db_url)


# -- filters: URL parameters to store filters -----------------------------------

def _filters(p: dict) -> Filters:
    """Quotes are speech unless the URL asks for other acts (act=thought,evidence or act=all)."""
    return Filters.make(p.get("q"), speaker=p.get("speaker"), actor=p.get("actor"), event=p.get("event"),
                        factuality=p.get("factuality"), outlet=p.get("outlet"), date_from=p.get("from"),
                        date_to=p.get("to"), act=p.get("act") or DEFAULT_ACTS, title=p.get("title"),
                        min_confidence=p.get("min_confidence"))


def _roles(r: dict) -> dict:
    out: dict[str, Any] = {}
    if r.get("source_code"):
        out["source_code"] = r["source_code"]
    if r.get("target_code"):
        out["target_code"] = r["target_code"]
    if r.get("entity"):
        if r.get("role") == "target":
            out["target_entity"] = r["entity"]
        else:
            out["source_entity"] = r["entity"]
    return out


# -- search: attributions with facets -----------------------------------------------

def search(store, p: dict, *, limit: int, offset: int, facets: bool) -> dict:
    """Matching attributions: total, the page of results, and facet counts if asked.
    Bad query syntax or dates raise InputError (a 400)."""
    f = _filters(p)
    rows = store.search(f, limit=limit, offset=offset)
    out = {"total": store.count(f), "limit": limit, "offset": offset, "results": rows}
    if facets:
        out["facets"] = wq.facets(store, f)
        out["histogram"] = browse.quote_histogram(store, f)
    return out


def search_scope(store, p: dict) -> dict | None:
    """What the box searched and its other readings: ``q=Pompeo`` finds quotes whose
    words name Pompeo (about him), ``speaker=Pompeo`` quotes he said (by him),
    ``title=Pompeo`` quotes in articles with Pompeo in the title. With words in the
    box, the other two with their counts. None without words."""
    words = (p.get("q") or "").strip()
    if not words or p.get("speaker"):
        return None
    as_speaker = {**p, "q": None, "speaker": words}
    in_title = {**p, "q": None, "title": words}
    return {"words": words, "by": store.count(_filters(as_speaker)), "by_params": as_speaker,
            "in_title": store.count(_filters(in_title)), "title_params": in_title}


def facet_counts(store, p: dict) -> dict:
    return wq.facets(store, _filters(p))


def quote_contexts(store, rows: list[dict]) -> dict:
    """The text around each quote of a search page, by attribution id."""
    return wq.quote_contexts(store, [r["attribution_id"] for r in rows])


# -- articles and entities -----------------------------------------------------------

def articles(store, *, limit: int, offset: int) -> dict:
    return {"limit": limit, "offset": offset, "results": wq.articles_list(store, limit, offset)}


def article(store, article_id: int) -> dict:
    """An article with its text, entities, attributions and events."""
    art = wq.article(store, article_id)
    if art is None:
        raise NotFoundError(f"no article with id {article_id}")
    return art


def entities(store, name: str | None, *, limit: int) -> list[dict]:
    return store.entities(name, limit=limit)


def ranked_entities(store, name: str | None, *, sort: str, limit: int, offset: int) -> dict:
    """Entities most quoted (or acting, or in most articles, or by name) first, with their counts."""
    return {**browse.ranked_entities(store, name, sort=sort, limit=limit, offset=offset),
            "limit": limit, "offset": offset}


def likely_duplicates(store) -> list[dict]:
    """Groups of entities that probably name one entity, for merging (store/browse.py says how they are found)."""
    return browse.likely_duplicates(store, limit=DUPLICATES_SHOWN)


def merge_entities(store, source: int, target: int) -> None:
    """Entity ``source`` becomes part of ``target`` (as `onrecord entities merge`)."""
    store.merge_entities(source, target)


def entity(store, entity_id: int, *, by: str, quotes: int, events: int) -> dict:
    """An entity with its timeline (per ``by``: month|week), latest ``quotes`` quotes
    and up to ``events`` events as source and as target."""
    ent = wq.entity(store, entity_id)
    if ent is None:
        raise NotFoundError(f"no entity with id {entity_id}")
    none = Filters.make(None)
    return {**ent, "timeline": wq.entity_timeline(store, entity_id, by),
            "quotes": wq.entity_quotes(store, entity_id, quotes),
            "events_as_source": wq.search_events(store, none, limit=events, source_entity=entity_id),
            "events_as_target": wq.search_events(store, none, limit=events, target_entity=entity_id)}


# -- events and the network -----------------------------------------------------------

def events(store, p: dict, r: dict, *, limit: int, offset: int, sort: str | None = None,
           facets: bool = False) -> dict:
    """Matching events (``sort``: one of EVENT_SORTS, default newest first); with
    ``facets``, event facets and the per-month histogram too."""
    f, roles = _filters(p), _roles(r)
    out = {"total": wq.count_events(store, f, **roles), "limit": limit, "offset": offset,
           "results": wq.search_events(store, f, limit=limit, offset=offset, sort=sort, **roles)}
    if f.min_confidence:
        # say what the bound hides: the same filters without it, minus what is shown
        every = wq.count_events(store, replace(f, min_confidence=None), **roles)
        out["hidden"] = {"min_confidence": float(f.min_confidence), "events": every - out["total"]}
    if facets:
        out["facets"] = browse.event_facets(store, f, **roles)
        out["histogram"] = browse.event_histogram(store, f, **roles)
    return out


def network(store, p: dict) -> dict:
    """Actor-code nodes and event-count edges under the filters."""
    return wq.network(store, _filters(p), max_edges=MAX_NETWORK_EDGES)


def network_accounting(store, p: dict) -> dict:
    """How many of the matching events the network draws, and why the rest are left out."""
    return browse.network_accounting(store, _filters(p))


def stats(store) -> dict:
    return store.stats()


def download(store, what: str, fmt: str, p: dict) -> Iterator[bytes]:
    """Every matching row of ``what`` as ``fmt``, as chunks made while the rows are
    read; a bad filter raises before the first chunk (a 400, not a cut response)."""
    return store.stream(what, fmt, _filters(p))


# -- watches ----------------------------------------------------------------------

def feed_path(watch_id: int) -> str:
    return f"/watches/{watch_id}/feed.atom"


def watches(store, *, described: bool = False) -> list[dict]:
    """Every watch with its count of new matches and its feed; ``described`` adds a
    one-line summary of its filters (for the page)."""
    rows = store.watches()
    for w in rows:
        w["new"] = store.count_new_matches(w)
        w["feed"] = feed_path(w["id"])
        if described:
            w["describe"] = watchlib.describe(w)
    return rows


def watch(store, watch_id: int, *, new_only: bool, limit: int) -> dict:
    """A watch with its count of new matches and its (new, if ``new_only``) matches."""
    w = store.watch(watch_id)
    w["new"] = store.count_new_matches(w)
    w["matches"] = store.watch_matches(w, new_only=new_only, limit=limit)
    return w


def watch_feed(store, watch_id: int, *, limit: int) -> tuple[dict, list[dict], str]:
    """What a watch's Atom feed shows: the watch, its latest matches and its summary."""
    w = store.watch(watch_id)
    return w, store.watch_matches(w, limit=limit), watchlib.describe(w)


def add_watch(store, name: str, kind: str, params: dict, *, include_existing: bool) -> dict:
    w = store.add_watch(name, kind, params, include_existing=include_existing)
    w["feed"] = feed_path(w["id"])
    return w


def mark_seen(store, watch_id: int) -> dict:
    return store.mark_watch_seen(watch_id)


def remove_watch(store, watch_id: int) -> None:
    store.remove_watch(watch_id)
