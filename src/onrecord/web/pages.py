"""The HTML pages: each route gets its data from data.py and renders a template.
The watches forms post here too (they redirect back to /watches)."""
from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..errors import InputError
from . import data, highlight
from .auth import check_token
from .params import (ENTITY_BY, MAX_PAGE_NO, MAX_PAGE_SIZE, MAX_TEXT, PAGE_SIZE, WatchForm, filter_params,
                     get_store, role_params, watch_form)
from .render import page, query_string

EVENTS_PAGE_SIZE = 50
ENTITIES_PAGE_SIZE = 50
MAX_MERGE = 200  # entities one merge form may send
ENTITY_QUOTES = 20
ENTITY_EVENTS = 50

router = APIRouter(include_in_schema=False)


def _pages(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, p: dict = Depends(filter_params),
                page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE_NO),
                size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE), store: Any = Depends(get_store)):
    active = {k: v for k, v in p.items() if v}
    try:
        found = data.search(store, p, limit=size, offset=(page_no - 1) * size, facets=True)
    except InputError as error:  # bad query syntax or date: say why, keep the form
        empty = {k: [] for k in data.FACET_NAMES}
        return page(request, "search.html", status=400, p=p, rows=[], total=0, facets=empty, contexts={},
                    histogram=None, scope=None, page_no=1, pages=1, size=size, active=active, error=str(error))
    rows, total = found["results"], found["total"]
    return page(request, "search.html", p=p, rows=rows, total=total, facets=found["facets"],
                histogram=found["histogram"], scope=data.search_scope(store, p),
                contexts=data.quote_contexts(store, rows), page_no=page_no, pages=_pages(total, size), size=size,
                active=active, error=None)


def _quoted_speakers(art: dict) -> list[dict]:
    """Who is quoted in the article, most quoted first."""
    quoted: dict[int, dict] = {}
    for a in art["attributions"]:
        s = a.get("speaker")
        if s:
            entry = quoted.setdefault(s["entity_id"], {"entity_id": s["entity_id"], "name": s["canonical"],
                                                       "title": s.get("title"), "count": 0})
            entry["count"] += 1
    return sorted(quoted.values(), key=lambda x: (-x["count"], x["name"]))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int, store: Any = Depends(get_store)):
    art = data.article(store, article_id)
    segments = highlight.segments(art["text"], highlight.layers(art))
    return page(request, "article.html", art=art, segments=segments, speakers=_quoted_speakers(art))


@router.get("/entities/duplicates", response_class=HTMLResponse)
def duplicates_page(request: Request, store: Any = Depends(get_store)):
    return page(request, "duplicates.html", groups=data.likely_duplicates(store))


@router.post("/entities/merge")
def entities_merge(request: Request, source: list[int] = Form(..., max_length=MAX_MERGE), target: int = Form(..., ge=1),
                   token: str = Form(""), store: Any = Depends(get_store)):
    """Merge entities (each ``source``) into ``target``: a write, so it needs the token."""
    check_token(request, token)
    for source_id in source:
        data.merge_entities(store, source_id, target)
    return RedirectResponse(f"/entities/{target}", status_code=303)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: int, by: str = Query("month", pattern=ENTITY_BY),
                store: Any = Depends(get_store)):
    ent = data.entity(store, entity_id, by=by, quotes=ENTITY_QUOTES, events=ENTITY_EVENTS)
    return page(request, "entity.html", ent=ent, timeline=ent["timeline"], quotes=ent["quotes"],
                as_source=ent["events_as_source"], as_target=ent["events_as_target"], by=by)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, name: str | None = Query(None, max_length=MAX_TEXT),
                  sort: str = Query(data.ENTITY_SORTS[0], pattern="^(" + "|".join(data.ENTITY_SORTS) + ")$"),
                  page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE_NO), store: Any = Depends(get_store)):
    size = ENTITIES_PAGE_SIZE
    found = data.ranked_entities(store, name, sort=sort, limit=size, offset=(page_no - 1) * size)
    state = {"name": name, "sort": None if sort == data.ENTITY_SORTS[0] else sort}
    return page(request, "entities.html", rows=found["results"], total=found["total"], name=name or "", sort=sort,
                state=state, sorts=data.ENTITY_SORTS, page_no=page_no, pages=_pages(found["total"], size),
                offset=(page_no - 1) * size)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, p: dict = Depends(filter_params), r: dict = Depends(role_params),
                page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE_NO),
                size: int = Query(EVENTS_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
                sort: str | None = Query(None, pattern="^(" + "|".join(data.EVENT_SORTS) + ")$"),
                store: Any = Depends(get_store)):
    found = data.events(store, p, r, limit=size, offset=(page_no - 1) * size, sort=sort, facets=True)
    state = {**p, **{k: v for k, v in r.items() if v}, "sort": sort}
    return page(request, "events.html", p=p, state=state, rows=found["results"], total=found["total"],
                facets=found["facets"], histogram=found["histogram"], sort=sort, hidden=found.get("hidden"),
                page_no=page_no, pages=_pages(found["total"], size), size=size, roles=r)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, p: dict = Depends(filter_params), store: Any = Depends(get_store)):
    graph = data.network(store, p)
    return page(request, "network.html", p=p, graph=graph, accounting=data.network_accounting(store, p),
                edges_capped=len(graph["edges"]) >= data.MAX_NETWORK_EDGES, qs_events=query_string(p))


# -- watches: the page and its forms -------------------------------------------------

@router.get("/watches", response_class=HTMLResponse)
def watches_page(request: Request, store: Any = Depends(get_store)):
    return page(request, "watches.html", watches=data.watches(store, described=True))


def _back_to_watches() -> RedirectResponse:
    return RedirectResponse("/watches", status_code=303)


@router.post("/watches")
def watches_create(request: Request, form: WatchForm = Depends(watch_form), store: Any = Depends(get_store)):
    check_token(request, form.token)
    data.add_watch(store, form.name, form.kind, form.params, include_existing=form.include_existing)
    return _back_to_watches()


@router.post("/watches/{watch_id}/delete")
def watches_delete(request: Request, watch_id: int, token: str = Form(""), store: Any = Depends(get_store)):
    check_token(request, token)
    data.remove_watch(store, watch_id)
    return _back_to_watches()


@router.post("/watches/{watch_id}/seen")
def watches_seen(request: Request, watch_id: int, token: str = Form(""), store: Any = Depends(get_store)):
    check_token(request, token)
    data.mark_seen(store, watch_id)
    return _back_to_watches()
