"""Watches: saved searches with a "seen up to" marker, shared by the web app and
`onrecord watch`. A watch over ``events`` or ``attributions`` keeps its filters as
JSON; rows with an id above ``last_seen_id`` are its new matches."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import delete, insert, select, update

from ..errors import InputError, NotFoundError
from ..schema import EVENT_TYPES, FACTUALITY_VALUES
from ..store import db
from ..store import web_queries as wq
from ..store.query import Filters
from ..store.watch_tables import WATCH_KINDS, watches

FILTER_KEYS = ("query", "speaker", "actor", "event", "factuality", "source", "date_from", "date_to")
EVENT_ROLE_KEYS = ("source_code", "target_code")
MAX_NAME = 200
MAX_VALUE = 500


def clean_params(kind: str, params: dict[str, Any]) -> dict[str, str]:
    """Only known, non-empty filters; validated the way a search would be."""
    if kind not in WATCH_KINDS:
        raise InputError(f"watch kind {kind!r}: use one of {', '.join(WATCH_KINDS)}")
    allowed = FILTER_KEYS + (EVENT_ROLE_KEYS if kind == "events" else ())
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
        for key in ("event", "source_code", "target_code", "actor"):
            if key in out:
                out[key] = out[key].upper()
        if out.get("event") and out["event"] not in EVENT_TYPES:
            raise InputError(f"event type {out['event']!r}: use one of {', '.join(EVENT_TYPES)}")
    if out.get("factuality"):
        out["factuality"] = out["factuality"].lower()
        if out["factuality"] not in FACTUALITY_VALUES:
            raise InputError(f"factuality {out['factuality']!r}: use one of {', '.join(FACTUALITY_VALUES)}")
    Filters.make(**{k: v for k, v in out.items() if k in FILTER_KEYS})  # date syntax check
    return out


def _row(r: Any) -> dict:
    row = dict(r._mapping)
    row["params"] = json.loads(row["params"])
    for key in ("created_at", "checked_at"):
        if isinstance(row.get(key), dt.datetime):
            row[key] = row[key].isoformat()
    return row


def add(store, name: str, kind: str, params: dict[str, Any], *, include_existing: bool = False) -> dict:
    """Save a watch. By default what is already stored counts as seen, so only
    articles ingested from now on are new; ``include_existing`` makes all of it new."""
    name = (name or "").strip()
    if not name:
        raise InputError("a watch needs a name")
    if len(name) > MAX_NAME:
        raise InputError(f"a watch name is at most {MAX_NAME} characters")
    params = clean_params(kind, params)
    seen = 0 if include_existing else (wq.max_event_id(store) if kind == "events" else wq.max_attribution_id(store))
    with db.writing(store.engine) as conn:
        watch_id = conn.execute(insert(watches).values(
            name=name, kind=kind, params=json.dumps(params, sort_keys=True), last_seen_id=seen,
            created_at=dt.datetime.now(dt.timezone.utc)).returning(watches.c.id)).scalar_one()
    return get(store, watch_id)


def get(store, watch_id: int) -> dict:
    with store.engine.connect() as conn:
        r = conn.execute(select(watches).where(watches.c.id == watch_id)).first()
    if r is None:
        raise NotFoundError(f"no watch with id {watch_id}")
    return _row(r)


def all_watches(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(watches).order_by(watches.c.id))]


def remove(store, watch_id: int) -> None:
    with db.writing(store.engine) as conn:
        if conn.execute(delete(watches).where(watches.c.id == watch_id)).rowcount == 0:
            raise NotFoundError(f"no watch with id {watch_id}")


def _split(params: dict) -> tuple[Filters, dict]:
    f = Filters.make(**{k: params.get(k) for k in FILTER_KEYS})
    roles = {k: params[k] for k in EVENT_ROLE_KEYS if params.get(k)}
    return f, roles


def matches(store, watch: dict, *, new_only: bool = False, limit: int = 50) -> list[dict]:
    """Matching rows, newest first (all of them, or only those not yet seen)."""
    f, roles = _split(watch["params"])
    after = watch["last_seen_id"] if new_only else 0
    if watch["kind"] == "events":
        rows = wq.search_events(store, f, limit=limit, newest_first=False, after_id=after, **roles)
        # newest first by id: search_events sorted ascending, the page must be the newest ones
        if len(rows) == limit:
            total = wq.count_events(store, f, after_id=after, **roles)
            rows = wq.search_events(store, f, limit=limit, offset=max(0, total - limit), newest_first=False,
                                    after_id=after, **roles)
        return sorted(rows, key=lambda r: r["event_id"], reverse=True)
    return wq.search_attributions_after(store, f, after, limit=limit)


def count_new(store, watch: dict) -> int:
    f, roles = _split(watch["params"])
    if watch["kind"] == "events":
        return wq.count_events(store, f, after_id=watch["last_seen_id"], **roles)
    return wq.count_attributions_after(store, f, watch["last_seen_id"])


def mark_seen(store, watch_id: int) -> dict:
    watch = get(store, watch_id)
    top = wq.max_event_id(store) if watch["kind"] == "events" else wq.max_attribution_id(store)
    with db.writing(store.engine) as conn:
        conn.execute(update(watches).where(watches.c.id == watch_id).values(
            last_seen_id=top, checked_at=dt.datetime.now(dt.timezone.utc)))
    return get(store, watch_id)


def describe(watch: dict) -> str:
    p = watch["params"]
    parts = []
    if watch["kind"] == "events":
        parts.append(f"{p.get('source_code', 'any')} → {p.get('event', 'any event')} → {p.get('target_code', 'any')}")
    else:
        parts.append("quotes")
    for key in FILTER_KEYS:
        if key != "event" and p.get(key):
            parts.append(f"{key.replace('_', ' ')}: {p[key]}")
    if watch["kind"] == "events" and not p.get("factuality"):
        parts.append("any factuality")
    return ", ".join(parts)
