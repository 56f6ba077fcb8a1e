"""Watches: saved searches with a "seen up to" marker, shared by the web app and
`onrecord watch` through the Store's watch methods.

A watch over ``events`` or ``attributions`` keeps its filters as a JSON object;
rows with an id above ``last_seen_id`` are its new matches (ids only grow).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, delete, insert, select, update

from ..errors import InputError, NotFoundError, OnrecordError
from . import db, reads
from .query import Filters, fts_condition, guarded
from .tables import attributions, watches

if TYPE_CHECKING:
    from .store import Store

WATCH_KINDS = ("events", "attributions")
FILTER_KEYS = ("query", "speaker", "actor", "event", "factuality", "outlet", "date_from", "date_to")
EVENT_ROLE_KEYS = ("source_code", "target_code")
EVENT_KEYS = ("min_confidence",)  # event-only filters (Filters fields)
ATTRIBUTION_KEYS = ("act",)  # speech, thought, evidence; a watch without it sees every act
# Watches saved before the publisher's domain was called "outlet" keep it as "source".
LEGACY_KEYS = {"source": "outlet"}
MAX_NAME = 200
MAX_VALUE = 500


def clean_params(kind: str, params: dict[str, Any]) -> dict[str, str]:
    """Only known, non-empty filters, validated as a search's are (Filters.make)."""
    if kind not in WATCH_KINDS:
        raise InputError(f"watch kind {kind!r}: use one of {', '.join(WATCH_KINDS)}")
    params = _current_keys(params)
    allowed = FILTER_KEYS + (EVENT_ROLE_KEYS + EVENT_KEYS if kind == "events" else ATTRIBUTION_KEYS)
    unknown = sorted(k for k, v in params.items() if v not in (None, "") and k not in allowed)
    if unknown:
        raise InputError(f"unknown filter(s) for a {kind} watch: {', '.join(unknown)}; "
                         f"allowed: {', '.join(allowed)}")
    out = {}
    for key in allowed:
        value = params.get(key)
        if isinstance(value, str) and value.strip():
            if len(value) > MAX_VALUE:
                raise InputError(f"filter {key} is longer than {MAX_VALUE} characters")
            out[key] = value.strip()
    if kind == "events":
        for key in ("source_code", "target_code", "actor"):
            if key in out:
                out[key] = out[key].upper()
    checked = _filters(out)  # raises on an unknown event type, factuality or date
    out.update({k: getattr(checked, k) for k in ("event", "factuality", "act", "min_confidence")
                if k in out and getattr(checked, k)})
    return out


def check_runs(store: Store, params: dict[str, Any]) -> None:
    """Raise the error a read with these filters would raise (a full-text query
    FTS5 cannot parse, a filter no longer valid), so a bad watch is refused when
    it is saved instead of failing every later list, feed and check.

    The query runs once with LIMIT 1: SQLite parses an FTS5 query only when it
    reads a row (LIMIT 0 skips that), PostgreSQL's websearch_to_tsquery on any read."""
    f = _filters(params)
    if not f.query:
        return
    with store.engine.connect() as conn:
        guarded(conn, f, select(attributions.c.id).where(fts_condition(conn, f)).limit(1)).all()


def problem(store: Store, watch: dict) -> str | None:
    """Why a stored watch cannot run (saved before its filters were checked, or a
    filter the schema has since dropped), or None when it runs."""
    try:
        check_runs(store, watch["params"])
    except OnrecordError as error:
        return str(error)
    return None


def _current_keys(params: dict[str, Any]) -> dict[str, Any]:
    return {LEGACY_KEYS.get(k, k): v for k, v in params.items()}


def _filters(params: dict[str, Any]) -> Filters:
    params = _current_keys(params)
    return Filters.make(params.get("query"), **{k: params.get(k) for k in FILTER_KEYS + ATTRIBUTION_KEYS + EVENT_KEYS
                                                   if k != "query"})


def _roles(params: dict[str, Any]) -> dict[str, str]:
    return {k: params[k] for k in EVENT_ROLE_KEYS if params.get(k)}


def _as_dict(row: Row) -> dict:
    out = dict(row._mapping)
    out["params"] = _current_keys(json.loads(out["params"]))
    for key in ("created_at", "checked_at"):
        if isinstance(out.get(key), dt.datetime):
            out[key] = out[key].isoformat()
    return out


def _top_id(store: Store, kind: str) -> int:
    return reads.max_event_id(store) if kind == "events" else reads.max_attribution_id(store)


def add(store: Store, name: str, kind: str, params: dict[str, Any], *, include_existing: bool = False) -> dict:
    """Save a watch. By default what is already stored counts as seen, so only
    articles ingested from now on are new; ``include_existing`` makes all of it new."""
    name = (name or "").strip()
    if not name:
        raise InputError("a watch needs a name")
    if len(name) > MAX_NAME:
        raise InputError(f"a watch name is at most {MAX_NAME} characters")
    params = clean_params(kind, params)
    check_runs(store, params)
    seen = 0 if include_existing else _top_id(store, kind)
    with db.writing(store.engine) as conn:
        watch_id = conn.execute(insert(watches).values(
            name=name, kind=kind, params=json.dumps(params, sort_keys=True), last_seen_id=seen,
            created_at=dt.datetime.now(dt.timezone.utc)).returning(watches.c.id)).scalar_one()
    return get(store, watch_id)


def get(store: Store, watch_id: int) -> dict:
    with store.engine.connect() as conn:
        row = conn.execute(select(watches).where(watches.c.id == watch_id)).first()
    if row is None:
        raise NotFoundError(f"no watch with id {watch_id}: `onrecord watch list` shows the ids")
    return _with_problem(store, _as_dict(row))


def all_watches(store: Store) -> list[dict]:
    """Every watch; one that cannot run carries its reason in ``problem`` (else None)."""
    with store.engine.connect() as conn:
        rows = [_as_dict(r) for r in conn.execute(select(watches).order_by(watches.c.id))]
    return [_with_problem(store, w) for w in rows]


def _with_problem(store: Store, watch: dict) -> dict:
    watch["problem"] = problem(store, watch)
    return watch


def remove(store: Store, watch_id: int) -> None:
    with db.writing(store.engine) as conn:
        if conn.execute(delete(watches).where(watches.c.id == watch_id)).rowcount == 0:
            raise NotFoundError(f"no watch with id {watch_id}: `onrecord watch list` shows the ids")


def matches(store: Store, watch: dict, *, new_only: bool = False, limit: int = 50) -> list[dict]:
    """Matching rows, newest first (all of them, or only those not yet seen).
    A watch that cannot run raises its error (a 400 on the web, one line in the CLI)."""
    f, roles = _filters(watch["params"]), _roles(watch["params"])
    after = watch["last_seen_id"] if new_only else 0
    if watch["kind"] == "events":
        rows = reads.search_events(store, f, limit=limit, newest_first=False, after_id=after, **roles)
        # newest first by id: search_events sorted ascending, the page must be the newest ones
        if len(rows) == limit:
            total = reads.count_events(store, f, after_id=after, **roles)
            rows = reads.search_events(store, f, limit=limit, offset=max(0, total - limit), newest_first=False,
                                       after_id=after, **roles)
        return sorted(rows, key=lambda r: r["event_id"], reverse=True)
    return reads.search_attributions_after(store, f, after, limit=limit)


def count_new_matches(store: Store, watch: dict) -> int:
    """New matches; 0 for a watch that cannot run (its ``problem`` says why), so one
    broken watch leaves the list of the others readable."""
    if watch.get("problem"):
        return 0
    f, roles = _filters(watch["params"]), _roles(watch["params"])
    if watch["kind"] == "events":
        return reads.count_events(store, f, after_id=watch["last_seen_id"], **roles)
    return reads.count_attributions_after(store, f, watch["last_seen_id"])


def mark_seen(store: Store, watch_id: int) -> dict:
    watch = get(store, watch_id)
    top = _top_id(store, watch["kind"])
    with db.writing(store.engine) as conn:
        conn.execute(update(watches).where(watches.c.id == watch_id).values(
            last_seen_id=top, checked_at=dt.datetime.now(dt.timezone.utc)))
    return get(store, watch_id)


def check(store: Store, ids: tuple[int, ...] = (), *, limit: int = 100, dry_run: bool = False) -> list[dict]:
    """The new matches of every watch (or those with ``ids``), each watch then
    marked seen unless ``dry_run``: what `onrecord watch check` prints, for cron.
    A watch that cannot run is skipped, not marked seen, its item carrying ``problem``."""
    chosen = [get(store, i) for i in ids] if ids else all_watches(store)
    out = []
    for watch in chosen:
        item = {"watch": watch["id"], "name": watch["name"], "new": 0, "matches": []}
        trouble = watch.get("problem")
        if not trouble:
            try:
                item["new"] = count_new_matches(store, watch)
                item["matches"] = matches(store, watch, new_only=True, limit=limit) if item["new"] else []
            except OnrecordError as error:  # reported and skipped: the other watches still run
                item.update(new=0, matches=[])
                trouble = str(error)
        if trouble:
            item["problem"] = trouble  # only on a skipped watch: the others' output is as before
        elif not dry_run:
            mark_seen(store, watch["id"])
        out.append(item)
    return out


def describe(watch: dict) -> str:
    p = watch["params"]
    parts = []
    if watch["kind"] == "events":
        parts.append(f"{p.get('source_code', 'any')} → {p.get('event', 'any event')} → {p.get('target_code', 'any')}")
    else:
        parts.append("quotes")
    for key in FILTER_KEYS + ATTRIBUTION_KEYS + EVENT_KEYS:
        if key != "event" and p.get(key):
            parts.append(f"{key.replace('_', ' ')}: {p[key]}")
    if watch["kind"] == "events" and not p.get("factuality"):
        parts.append("any factuality")
    return ", ".join(parts)
