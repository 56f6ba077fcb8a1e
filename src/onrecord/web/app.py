"""The web app: server-rendered pages over a Store, and a JSON API under /api.

``create_app(db_url)`` (or ``create_app(store=...)``) returns a FastAPI app.
Read-only by default; writes (watches) need the token given at start
(``token=`` or $ONRECORD_TOKEN). docs/web.md has the details.
"""
from __future__ import annotations

import hmac
import math
import os
import tempfile
from importlib import resources
from typing import Any, Iterator
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Depends, FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..errors import InputError, NotFoundError, OnrecordError, SearchSyntaxError
from ..schema import COOPERATIVE_TYPES, EVENT_TYPES, FACTUALITY_VALUES
from ..store import open_store
from ..store import reads as wq
from ..store.query import Filters
from . import feeds, highlight
from .middleware import ResponseCache, SecurityHeaders
from ..store import watches as watchlib

ENV_TOKEN = "ONRECORD_TOKEN"
TOKEN_HEADER = "X-Onrecord-Token"
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_API_LIMIT = 200
MAX_TEXT = 500
FILTER_FIELDS = ("q", "speaker", "actor", "event", "factuality", "source", "from", "to")
ROLE_FIELDS = ("source_code", "target_code", "entity", "role")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
ENABLE_WRITES = (f"writes are disabled: start the server with the environment variable {ENV_TOKEN} set "
                 f"(e.g. {ENV_TOKEN}=$(openssl rand -hex 16) onrecord serve) and send that token")


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


# -- parameters shared by pages and API ---------------------------------------

def filter_params(
    q: str | None = Query(None, max_length=MAX_TEXT, description="Full-text query (FTS5 syntax on SQLite, web search on PostgreSQL)."),
    speaker: str | None = Query(None, max_length=MAX_TEXT, description="Speaker name or alias; for events, any actor."),
    actor: str | None = Query(None, max_length=32, description="Actor code (CHN, NATO) of the speaker / an event actor."),
    event: str | None = Query(None, max_length=32, description="PLOVER event type."),
    factuality: str | None = Query(None, max_length=32),
    source: str | None = Query(None, max_length=253, description="Publisher domain (subdomains included)."),
    date_from: str | None = Query(None, alias="from", max_length=10, description="YYYY[-MM[-DD]]"),
    date_to: str | None = Query(None, alias="to", max_length=10, description="YYYY[-MM[-DD]]"),
) -> dict[str, str | None]:
    return {"q": q, "speaker": speaker, "actor": actor, "event": event, "factuality": factuality,
            "source": source, "from": date_from, "to": date_to}


def role_params(
    source_code: str | None = Query(None, max_length=32, description="An event source actor has this code."),
    target_code: str | None = Query(None, max_length=32, description="An event target actor has this code."),
    entity: int | None = Query(None, ge=1, description="Events this entity takes part in (with role)."),
    role: str | None = Query(None, pattern="^(source|target)$", description="Role of the entity (default source)."),
) -> dict[str, Any]:
    return {"source_code": source_code, "target_code": target_code, "entity": entity, "role": role}


def to_filters(p: dict) -> Filters:
    return Filters.make(p.get("q"), speaker=p.get("speaker"), actor=p.get("actor"), event=p.get("event"),
                        factuality=p.get("factuality"), outlet=p.get("source"), date_from=p.get("from"),
                        date_to=p.get("to"))


def role_kwargs(r: dict) -> dict:
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


def query_string(params: dict, **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def safe_url(url: Any) -> str | None:
    """Only http(s) URLs become links; javascript:, data: and the rest stay text."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") and not any(ord(c) < 0x20 for c in url) else None


class WatchIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=watchlib.MAX_NAME)
    kind: str = Field("events", pattern="^(events|attributions)$")
    params: dict[str, str | None] = Field(default_factory=dict, description=(
        "Filters: query, speaker, actor, event, factuality, source, date_from, date_to; "
        "for events also source_code, target_code."))
    include_existing: bool = Field(False, description="Count what is already stored as new.")


# -- the app --------------------------------------------------------------------

def create_app(db_url: str | None = None, *, store=None, token: str | None = None, csp: bool = True,
               cache: bool = True) -> FastAPI:
    """The web app over one database. ``token`` (default $ONRECORD_TOKEN) enables writes;
    ``csp=False`` drops the Content-Security-Policy (tests of the escaping itself);
    ``cache=False`` turns off the response cache (middleware.py)."""
    store = store if store is not None else open_store(db_url)
    token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    app = FastAPI(title="onrecord", description="Who said what, and who did what to whom: the stored record.",
                  version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.store = store
    here = resources.files("onrecord.web")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(here / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined if os.environ.get("ONRECORD_WEB_STRICT") else jinja2.Undefined)
    env.filters["safe_url"] = safe_url
    env.globals["qs"] = query_string
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["FACTUALITIES"] = FACTUALITY_VALUES
    env.globals["COOPERATIVE"] = COOPERATIVE_TYPES
    env.globals["writes_enabled"] = token is not None
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=str(here / "static")), name="static")

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context, status_code=status)

    # -- errors: one JSON envelope under /api, an HTML page elsewhere --------------

    def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
        path = request.url.path
        if path.startswith("/api") or path.endswith(".atom") or path.startswith("/download"):
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status,
                                headers=headers)
        return page(request, "error.html", status=status, status_code=status, message=message)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error_response(request, 400, "invalid request: " + "; ".join(parts))

    @app.exception_handler(OnrecordError)
    async def _onrecord_error(request: Request, exc: OnrecordError):
        status = 404 if isinstance(exc, NotFoundError) else 400 if isinstance(exc, (InputError, SearchSyntaxError)) else 500
        return error_response(request, status, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return error_response(request, 500, "internal error: see the server log")

    headers = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
               (b"x-frame-options", b"DENY")]
    if csp:
        headers.append((b"content-security-policy", CSP.encode()))
    if cache:
        app.add_middleware(ResponseCache, version=store.data_version)
    app.add_middleware(SecurityHeaders, headers=headers, skip=("/docs",))

    # -- write access -----------------------------------------------------------

    def check_token(given: str | None) -> None:
        if token is None:
            raise ApiError(403, ENABLE_WRITES)
        if not given:
            raise ApiError(401, f"this needs the write token: send it in the {TOKEN_HEADER} header "
                                "(or Authorization: Bearer TOKEN; in forms, the token field)",
                           {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ApiError(403, "wrong write token")

    def header_token(request: Request) -> str | None:
        given = request.headers.get(TOKEN_HEADER)
        auth = request.headers.get("Authorization", "")
        if not given and auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        return given

    def api_write(request: Request) -> None:
        check_token(header_token(request))

    @app.get("/docs", include_in_schema=False)
    def docs():
        # Swagger UI from the vendored copy (works offline); its inline bootstrap
        # script is why /docs alone goes without the Content-Security-Policy.
        return get_swagger_ui_html(openapi_url="/openapi.json", title="onrecord API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="data:,")

    # -- pages --------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, p: dict = Depends(filter_params),
                    page_no: int = Query(1, alias="page", ge=1, le=10_000),
                    size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)):
        active = {k: v for k, v in p.items() if v}
        try:
            f = to_filters(p)
            total = store.count(f)
            rows = store.search(f, limit=size, offset=(page_no - 1) * size)
            facets = wq.facets(store, f)
        except InputError as error:  # bad query syntax or date: say why, keep the form
            empty = {k: [] for k in ("speaker", "actor", "event", "factuality", "source", "month")}
            return page(request, "search.html", status=400, p=p, rows=[], total=0, facets=empty, contexts={},
                        page_no=1, pages=1, size=size, active=active, error=str(error))
        contexts = wq.quote_contexts(store, [r["attribution_id"] for r in rows])
        pages = max(1, math.ceil(total / size))
        return page(request, "search.html", p=p, rows=rows, total=total, facets=facets, contexts=contexts,
                    page_no=page_no, pages=pages, size=size, active=active, error=None)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: int):
        art = wq.article(store, article_id)
        if art is None:
            raise NotFoundError(f"no article with id {article_id}")
        segs = highlight.segments(art["text"], highlight.layers(art))
        quoted: dict[int, dict] = {}
        for a in art["attributions"]:
            s = a.get("speaker")
            if s:
                entry = quoted.setdefault(s["entity_id"], {"entity_id": s["entity_id"], "name": s["canonical"],
                                                           "title": s.get("title"), "count": 0})
                entry["count"] += 1
        speakers = sorted(quoted.values(), key=lambda x: (-x["count"], x["name"]))
        return page(request, "article.html", art=art, segments=segs, speakers=speakers)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: int, by: str = Query("month", pattern="^(month|week)$")):
        ent = wq.entity(store, entity_id)
        if ent is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        timeline = wq.entity_timeline(store, entity_id, by)
        quotes = wq.entity_quotes(store, entity_id, 20)
        as_source = wq.search_events(store, Filters.make(None), limit=50, source_entity=entity_id)
        as_target = wq.search_events(store, Filters.make(None), limit=50, target_entity=entity_id)
        return page(request, "entity.html", ent=ent, timeline=timeline, quotes=quotes, as_source=as_source,
                    as_target=as_target, by=by)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, name: str | None = Query(None, max_length=MAX_TEXT)):
        rows = store.entities(name, limit=MAX_PAGE_SIZE)
        return page(request, "entities.html", rows=rows, name=name or "")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, p: dict = Depends(filter_params), r: dict = Depends(role_params),
                    page_no: int = Query(1, alias="page", ge=1, le=10_000),
                    size: int = Query(50, ge=1, le=MAX_PAGE_SIZE)):
        f = to_filters(p)
        roles = role_kwargs(r)
        total = wq.count_events(store, f, **roles)
        rows = wq.search_events(store, f, limit=size, offset=(page_no - 1) * size, **roles)
        state = {**p, **{k: v for k, v in r.items() if v}}
        return page(request, "events.html", p=p, state=state, rows=rows, total=total, page_no=page_no,
                    pages=max(1, math.ceil(total / size)), size=size, roles=r)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, p: dict = Depends(filter_params)):
        graph = wq.network(store, to_filters(p))
        return page(request, "network.html", p=p, graph=graph, qs_events=query_string(p))

    @app.get("/watches", response_class=HTMLResponse, include_in_schema=False)
    def watches_page(request: Request):
        rows = store.watches()
        for w in rows:
            w["new"] = store.count_new_matches(w)
            w["describe"] = watchlib.describe(w)
        return page(request, "watches.html", watches=rows)

    @app.post("/watches", include_in_schema=False)
    def watches_create(name: str = Form(..., max_length=watchlib.MAX_NAME), kind: str = Form("events"),
                       token_field: str = Form("", alias="token"), include_existing: str = Form(""),
                       query: str = Form(""), speaker: str = Form(""), actor: str = Form(""), event: str = Form(""),
                       factuality: str = Form(""), source: str = Form(""), date_from: str = Form(""),
                       date_to: str = Form(""), source_code: str = Form(""), target_code: str = Form("")):
        check_token(token_field)
        params = {"query": query, "speaker": speaker, "actor": actor, "event": event, "factuality": factuality,
                  "source": source, "date_from": date_from, "date_to": date_to}
        if kind == "events":
            params.update(source_code=source_code, target_code=target_code)
        store.add_watch(name, kind, params, include_existing=bool(include_existing))
        return RedirectResponse("/watches", status_code=303)

    @app.post("/watches/{watch_id}/delete", include_in_schema=False)
    def watches_delete(watch_id: int, token_field: str = Form("", alias="token")):
        check_token(token_field)
        store.remove_watch(watch_id)
        return RedirectResponse("/watches", status_code=303)

    @app.post("/watches/{watch_id}/seen", include_in_schema=False)
    def watches_seen(watch_id: int, token_field: str = Form("", alias="token")):
        check_token(token_field)
        store.mark_watch_seen(watch_id)
        return RedirectResponse("/watches", status_code=303)

    @app.get("/watches/{watch_id}/feed.atom", tags=["watches"], summary="Atom 1.0 feed of a watch's latest matches")
    def watch_feed(request: Request, watch_id: int, limit: int = Query(50, ge=1, le=MAX_API_LIMIT)):
        watch = store.watch(watch_id)
        rows = store.watch_matches(watch, limit=limit)
        base = str(request.base_url).rstrip("/")
        body = feeds.watch_feed(watch, rows, base=base, describe=watchlib.describe(watch))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    # -- downloads: the whole filtered result, streamed -----------------------------

    @app.get("/download/{what}.{fmt}", tags=["downloads"], summary="Every matching row as CSV or JSON Lines")
    def download(what: str, fmt: str, p: dict = Depends(filter_params)):
        if what not in ("attributions", "events") or fmt not in ("csv", "jsonl"):
            raise ApiError(404, "download attributions or events as .csv or .jsonl")
        f = to_filters(p)
        spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+b")
        store.export(what, fmt, spool, f)
        spool.seek(0)

        def chunks() -> Iterator[bytes]:
            try:
                while block := spool.read(1 << 16):
                    yield block
            finally:
                spool.close()

        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
        return StreamingResponse(chunks(), media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="onrecord-{what}.{fmt}"'})

    # -- JSON API -------------------------------------------------------------------

    @app.get("/api/search", tags=["search"], summary="Search attributions (quotes and reported speech)")
    def api_search(p: dict = Depends(filter_params), limit: int = Query(PAGE_SIZE, ge=1, le=MAX_API_LIMIT),
                   offset: int = Query(0, ge=0, le=1_000_000), with_facets: bool = Query(False, alias="facets")):
        f = to_filters(p)
        rows = store.search(f, limit=limit, offset=offset)
        out = {"total": store.count(f), "limit": limit, "offset": offset, "results": rows}
        if with_facets:
            out["facets"] = wq.facets(store, f)
        return out

    @app.get("/api/facets", tags=["search"], summary="Facet counts for a search")
    def api_facets(p: dict = Depends(filter_params)):
        return wq.facets(store, to_filters(p))

    @app.get("/api/articles", tags=["articles"], summary="Latest articles")
    def api_articles(limit: int = Query(PAGE_SIZE, ge=1, le=MAX_API_LIMIT), offset: int = Query(0, ge=0)):
        return {"limit": limit, "offset": offset, "results": wq.articles_list(store, limit, offset)}

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="An article with its text, entities, attributions and events")
    def api_article(article_id: int):
        art = wq.article(store, article_id)
        if art is None:
            raise NotFoundError(f"no article with id {article_id}")
        return art

    @app.get("/api/entities", tags=["entities"], summary="Entities whose name or an alias contains NAME")
    def api_entities(name: str | None = Query(None, max_length=MAX_TEXT),
                     limit: int = Query(PAGE_SIZE, ge=1, le=MAX_API_LIMIT)):
        return {"results": store.entities(name, limit=limit)}

    @app.get("/api/entities/{entity_id}", tags=["entities"],
             summary="An entity: aliases, titles, timeline, latest quotes, events as source and target")
    def api_entity(entity_id: int, by: str = Query("month", pattern="^(month|week)$"),
                   limit: int = Query(PAGE_SIZE, ge=1, le=MAX_API_LIMIT)):
        ent = wq.entity(store, entity_id)
        if ent is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        none = Filters.make(None)
        return {**ent, "timeline": wq.entity_timeline(store, entity_id, by),
                "quotes": wq.entity_quotes(store, entity_id, limit),
                "events_as_source": wq.search_events(store, none, limit=limit, source_entity=entity_id),
                "events_as_target": wq.search_events(store, none, limit=limit, target_entity=entity_id)}

    @app.get("/api/events", tags=["events"], summary="PLOVER events, filtered")
    def api_events(p: dict = Depends(filter_params), r: dict = Depends(role_params),
                   limit: int = Query(PAGE_SIZE, ge=1, le=MAX_API_LIMIT), offset: int = Query(0, ge=0, le=1_000_000)):
        f, roles = to_filters(p), role_kwargs(r)
        return {"total": wq.count_events(store, f, **roles), "limit": limit, "offset": offset,
                "results": wq.search_events(store, f, limit=limit, offset=offset, **roles)}

    @app.get("/api/network", tags=["events"], summary="Who acts on whom: actor-code nodes, event-count edges")
    def api_network(p: dict = Depends(filter_params)):
        return wq.network(store, to_filters(p))

    @app.get("/api/stats", tags=["search"], summary="Corpus totals, sources, months, top speakers and dyads")
    def api_stats():
        return store.stats()

    @app.get("/api/watches", tags=["watches"], summary="Watches with their counts of new matches")
    def api_watches():
        rows = store.watches()
        for w in rows:
            w["new"] = store.count_new_matches(w)
            w["feed"] = f"/watches/{w['id']}/feed.atom"
        return {"results": rows}

    @app.post("/api/watches", tags=["watches"], status_code=201, dependencies=[Depends(api_write)],
              summary="Save a search as a watch (needs the write token)")
    def api_watch_add(body: WatchIn):
        w = store.add_watch(body.name, body.kind, body.params, include_existing=body.include_existing)
        w["feed"] = f"/watches/{w['id']}/feed.atom"
        return w

    @app.get("/api/watches/{watch_id}", tags=["watches"], summary="A watch and its matches")
    def api_watch(watch_id: int, new: bool = Query(False, description="Only matches not yet seen."),
                  limit: int = Query(PAGE_SIZE, ge=1, le=MAX_API_LIMIT)):
        w = store.watch(watch_id)
        w["new"] = store.count_new_matches(w)
        w["matches"] = store.watch_matches(w, new_only=new, limit=limit)
        return w

    @app.post("/api/watches/{watch_id}/seen", tags=["watches"], dependencies=[Depends(api_write)],
              summary="Mark everything stored so far as seen (needs the write token)")
    def api_watch_seen(watch_id: int):
        return store.mark_watch_seen(watch_id)

    @app.delete("/api/watches/{watch_id}", tags=["watches"], status_code=204, dependencies=[Depends(api_write)],
                summary="Delete a watch (needs the write token)")
    def api_watch_delete(watch_id: int):
        store.remove_watch(watch_id)
        return Response(status_code=204)

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def api_unknown(rest: str):
        raise ApiError(404, f"no API endpoint /api/{rest}; see /docs")

    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes (``onrecord serve --workers N``):
    the database from $ONRECORD_DB, the token from $ONRECORD_TOKEN."""
    return create_app(os.environ.get("ONRECORD_DB") or None)
