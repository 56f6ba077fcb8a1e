"""Request parameters shared by pages and API, validated by FastAPI and handed on as
plain dicts; data.py turns them into store filters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Form, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import NotFoundError
from .data import MAX_WATCH_NAME

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_API_LIMIT = 200
MAX_TEXT = 500
MAX_PAGE_NO = 10_000
MAX_OFFSET = 1_000_000
ENTITY_BY = "^(month|week)$"
# Ids are 64-bit signed integers in SQLite and PostgreSQL; a larger number names
# nothing, and reaching the driver with it is an overflow (a 500), not a 404.
MAX_ID = 2**63 - 1


def _beyond_id_range(value: str) -> bool:
    """An integer literal (optional sign) outside the 64-bit range. Compared by its
    digits first, so even a thousands-digit path is never converted."""
    digits = value.removeprefix("-").removeprefix("+").lstrip("0")
    if not digits.isdigit():
        return False  # not a number (or zero): FastAPI's own validation answers
    return len(digits) > len(str(MAX_ID)) or int(digits) > MAX_ID


async def ids_in_range(request: Request) -> None:
    """App-wide: a path id beyond 64 bits is a 404 with the usual error, for every
    route (pages, API, feeds), before any route reaches the store."""
    for name, value in request.path_params.items():
        if isinstance(value, str) and _beyond_id_range(value):
            raise NotFoundError(f"nothing at {request.url.path}: {name} {value[:40]} is beyond any stored id")


async def get_store(request: Request) -> Any:
    """The app's one Store (``app.state.store``, set by create_app). Async only so
    FastAPI calls it directly instead of in its thread pool."""
    return request.app.state.store


def filter_params(
    q: str | None = Query(None, max_length=MAX_TEXT, description="Full-text query (FTS5 syntax on SQLite, web search on PostgreSQL)."),
    speaker: str | None = Query(None, max_length=MAX_TEXT, description="Speaker name or alias; for events, any actor."),
    actor: str | None = Query(None, max_length=32, description="Actor code (CHN, NATO) of the speaker / an event actor."),
    event: str | None = Query(None, max_length=32, description="PLOVER event type."),
    factuality: str | None = Query(None, max_length=32),
    outlet: str | None = Query(None, max_length=253, description="Publisher domain (subdomains included)."),
    source: str | None = Query(None, max_length=253, include_in_schema=False),  # outlet's first name, still read
    date_from: str | None = Query(None, alias="from", max_length=10, description="YYYY[-MM[-DD]]"),
    date_to: str | None = Query(None, alias="to", max_length=10, description="YYYY[-MM[-DD]]"),
    act: str | None = Query(None, max_length=64, description=(
        "Attributions of these acts: speech, thought, evidence (comma-separated) or all; default speech.")),
    title: str | None = Query(None, max_length=MAX_TEXT, description="Words the article's title contains (any case)."),
    min_confidence: str | None = Query(None, max_length=8, description=(
        "Events: only those the detector gave at least this confidence (0 to 1), e.g. 0.3.")),
) -> dict[str, str | None]:
    """The search filters, keyed by their names in the URL. A missing act means
    speech (data.py applies the default, so links keep the URL as the user wrote it)."""
    return {"q": q, "speaker": speaker, "actor": actor, "event": event, "factuality": factuality,
            "outlet": outlet or source, "from": date_from, "to": date_to, "act": act, "title": title,
            "min_confidence": min_confidence}


def role_params(
    source_code: str | None = Query(None, max_length=32, description="An event source actor has this code."),
    target_code: str | None = Query(None, max_length=32, description="An event target actor has this code."),
    entity: int | None = Query(None, ge=1, le=MAX_ID, description="Events this entity takes part in (with role)."),
    role: str | None = Query(None, pattern="^(source|target)$", description="Role of the entity (default source)."),
) -> dict[str, Any]:
    """Who takes part in an event, for the events list."""
    return {"source_code": source_code, "target_code": target_code, "entity": entity, "role": role}


class WatchIn(BaseModel):
    """The body of POST /api/watches. Unknown fields are refused, not ignored: filters
    sent beside ``params`` instead of inside it would otherwise save a watch on everything."""
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=MAX_WATCH_NAME)
    kind: str = Field("events", pattern="^(events|attributions)$")
    params: dict[str, str | None] = Field(default_factory=dict, description=(
        "Filters: query, speaker, actor, event, factuality, outlet, date_from, date_to; min_confidence (events); "
        "for events also source_code, target_code; for attributions also act (none: every act)."))
    include_existing: bool = Field(False, description="Count what is already stored as new.")

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, body: Any) -> Any:
        if isinstance(body, dict):
            unknown = sorted(str(k) for k in set(body) - set(cls.model_fields))
            if unknown:
                raise ValueError(f"unknown field(s) {', '.join(unknown)}: a watch takes "
                                 f"{', '.join(cls.model_fields)}; filters go inside params")
        return body


@dataclass
class WatchForm:
    """The watches page's form: what WatchIn holds, plus the token field the form carries."""
    name: str
    kind: str
    params: dict[str, str]
    include_existing: bool
    token: str


def watch_form(name: str = Form(..., max_length=MAX_WATCH_NAME), kind: str = Form("events"),
               token: str = Form(""), include_existing: str = Form(""),
               query: str = Form(""), speaker: str = Form(""), actor: str = Form(""), event: str = Form(""),
               factuality: str = Form(""), outlet: str = Form(""), date_from: str = Form(""),
               date_to: str = Form(""), source_code: str = Form(""), target_code: str = Form(""),
               act: str = Form(""), min_confidence: str = Form("")) -> WatchForm:
    params = {"query": query, "speaker": speaker, "actor": actor, "event": event, "factuality": factuality,
              "outlet": outlet, "date_from": date_from, "date_to": date_to}
    if kind == "events":
        params.update(source_code=source_code, target_code=target_code, min_confidence=min_confidence)
    else:
        params.update(act=act)
    return WatchForm(name=name, kind=kind, params=params, include_existing=bool(include_existing), token=token)
