"""The JSON API under /api: each route returns its resource's data from data.py as
JSON (FastAPI's encoder); writes need the token (auth.api_write). Also /docs."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import Response

from ..errors import NotFoundError
from ..rows import LIST_SEP
from . import data
from .auth import api_write
from .params import ENTITY_BY, MAX_API_LIMIT, MAX_OFFSET, MAX_TEXT, PAGE_SIZE, WatchIn, filter_params, get_store, role_params

router = APIRouter()

# A page of API results: at most MAX_API_LIMIT rows, from at most MAX_OFFSET in.
Limit = Annotated[int, Query(ge=1, le=MAX_API_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# An event row's actors, stored and exported (CSV) as one LIST_SEP-joined cell per list.
ACTOR_LISTS = {"ids": int, "names": str, "codes": str}


def _split(cell: str | None, kind: type) -> list:
    """One joined cell as a JSON array: ids as numbers, a missing code as null
    (codes stay aligned with ids and names)."""
    if cell is None or cell == "":
        return []
    return [kind(part) if part else None for part in str(cell).split(LIST_SEP)]


def event_lists(rows: list[dict]) -> list[dict]:
    """Event rows with source/target ids, names and codes as arrays: JSON clients
    should not parse "1; 2" themselves. CSV downloads keep the joined cells."""
    out = []
    for row in rows:
        row = dict(row)
        for role in ("source", "target"):
            for what, kind in ACTOR_LISTS.items():
                key = f"{role}_{what}"
                if key in row:
                    row[key] = _split(row[key], kind)
        out.append(row)
    return out


@router.get("/docs", include_in_schema=False)
def docs():
    # Swagger UI from the vendored copy (works offline); its inline bootstrap
    # script is why /docs alone goes without the Content-Security-Policy.
    return get_swagger_ui_html(openapi_url="/openapi.json", title="onrecord API",
                               swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                               swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="data:,")


@router.get("/api/search", tags=["search"], summary="Search attributions (quotes and reported speech)")
def api_search(p: dict = Depends(filter_params), limit: Limit = PAGE_SIZE,
               offset: Offset = 0, with_facets: bool = Query(False, alias="facets"),
               store: Any = Depends(get_store)):
    return data.search(store, p, limit=limit, offset=offset, facets=with_facets)


@router.get("/api/facets", tags=["search"], summary="Facet counts for a search")
def api_facets(p: dict = Depends(filter_params), store: Any = Depends(get_store)):
    return data.facet_counts(store, p)


@router.get("/api/articles", tags=["articles"], summary="Latest articles")
def api_articles(limit: Limit = PAGE_SIZE, offset: Offset = 0, store: Any = Depends(get_store)):
    return data.articles(store, limit=limit, offset=offset)


@router.get("/api/articles/{article_id}", tags=["articles"],
            summary="An article with its text, entities, attributions and events")
def api_article(article_id: int, store: Any = Depends(get_store)):
    return data.article(store, article_id)


@router.get("/api/entities", tags=["entities"], summary="Entities whose name or an alias contains NAME")
def api_entities(name: str | None = Query(None, max_length=MAX_TEXT), limit: Limit = PAGE_SIZE,
                 store: Any = Depends(get_store)):
    return {"results": data.entities(store, name, limit=limit)}


@router.get("/api/entities/{entity_id}", tags=["entities"],
            summary="An entity: aliases, titles, timeline, latest quotes, events as source and target")
def api_entity(entity_id: int, by: str = Query("month", pattern=ENTITY_BY), limit: Limit = PAGE_SIZE,
               store: Any = Depends(get_store)):
    ent = data.entity(store, entity_id, by=by, quotes=limit, events=limit)
    return {**ent, "events_as_source": event_lists(ent["events_as_source"]),
            "events_as_target": event_lists(ent["events_as_target"])}


@router.get("/api/events", tags=["events"], summary="PLOVER events, filtered")
def api_events(p: dict = Depends(filter_params), r: dict = Depends(role_params), limit: Limit = PAGE_SIZE,
               offset: Offset = 0, store: Any = Depends(get_store)):
    found = data.events(store, p, r, limit=limit, offset=offset)
    return {**found, "results": event_lists(found["results"])}


@router.get("/api/network", tags=["events"], summary="Who acts on whom: actor-code nodes, event-count edges")
def api_network(p: dict = Depends(filter_params), store: Any = Depends(get_store)):
    return data.network(store, p)


@router.get("/api/stats", tags=["search"], summary="Corpus totals, sources, months, top speakers and dyads")
def api_stats(store: Any = Depends(get_store)):
    return data.stats(store)


# -- watches ----------------------------------------------------------------------

@router.get("/api/watches", tags=["watches"], summary="Watches with their counts of new matches")
def api_watches(store: Any = Depends(get_store)):
    return {"results": data.watches(store)}


@router.post("/api/watches", tags=["watches"], status_code=201, dependencies=[Depends(api_write)],
             summary="Save a search as a watch (needs the write token)")
def api_watch_add(body: WatchIn, store: Any = Depends(get_store)):
    return data.add_watch(store, body.name, body.kind, body.params, include_existing=body.include_existing)


@router.get("/api/watches/{watch_id}", tags=["watches"], summary="A watch and its matches")
def api_watch(watch_id: int, new: bool = Query(False, description="Only matches not yet seen."), limit: Limit = PAGE_SIZE,
              store: Any = Depends(get_store)):
    w = data.watch(store, watch_id, new_only=new, limit=limit)
    return {**w, "matches": event_lists(w["matches"])} if w["kind"] == "events" else w


@router.post("/api/watches/{watch_id}/seen", tags=["watches"], dependencies=[Depends(api_write)],
             summary="Mark everything stored so far as seen (needs the write token)")
def api_watch_seen(watch_id: int, store: Any = Depends(get_store)):
    return data.mark_seen(store, watch_id)


@router.delete("/api/watches/{watch_id}", tags=["watches"], status_code=204, dependencies=[Depends(api_write)],
               summary="Delete a watch (needs the write token)")
def api_watch_delete(watch_id: int, store: Any = Depends(get_store)):
    data.remove_watch(store, watch_id)
    return Response(status_code=204)


# Registered last, so it only answers paths no route above matched.
@router.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def api_unknown(rest: str):
    raise NotFoundError(f"no API endpoint /api/{rest}; see /docs")
