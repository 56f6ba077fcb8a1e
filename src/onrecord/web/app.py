"""The web app: server-rendered pages over a Store, and a JSON API under /api.

``create_app(db_url)`` (or ``create_app(store=...)``) returns a FastAPI app.
Read-only by default; writes (watches) need the token given at start
(``token=`` or $ONRECORD_TOKEN). docs/web.md has the details.

This module only wires the app together: data.py reads the store (one function per
resource), pages.py renders those as HTML, api.py as JSON, exports.py as downloads
and feeds, errors.py turns every error into the JSON envelope or the error page.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from ..errors import InputError
from . import api, data, errors, exports, pages, render
from .auth import ENV_TOKEN
from .middleware import ResponseCache, SecurityHeaders
from .params import ids_in_range

# The address feeds and other absolute links use; never the request's Host header,
# which any client sets (a forged one would end up in every feed reader's ids).
ENV_BASE_URL = "ONRECORD_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8000"  # `onrecord serve`'s default address

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# /docs runs Swagger UI's inline bootstrap script, which the CSP would block.
CSP_EXEMPT = ("/docs",)


def _security_headers(csp: bool) -> list[tuple[bytes, bytes]]:
    headers = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
               (b"x-frame-options", b"DENY")]
    if csp:
        headers.append((b"content-security-policy", CSP.encode()))
    return headers


def checked_base_url(value: str) -> str:
    """A site address for absolute links: http(s)://host[:port][/path], no query or
    fragment; returned without its trailing slash. Raises InputError otherwise."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise InputError(f"base URL {value!r}: use http(s)://host[:port][/path], e.g. https://news.example.org")
    return value.strip().rstrip("/")


def create_app(db_url: str | None = None, *, store=None, token: str | None = None, csp: bool = True,
               cache: bool = True, base_url: str | None = None) -> FastAPI:
    """The web app over one database. ``token`` (default $ONRECORD_TOKEN) enables writes;
    ``csp=False`` drops the Content-Security-Policy (tests of the escaping itself);
    ``cache=False`` turns off the response cache (middleware.py); ``base_url``
    (default $ONRECORD_BASE_URL, else DEFAULT_BASE_URL) is the address in feeds."""
    site = checked_base_url(base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL)
    store = store if store is not None else data.open_database(db_url)
    token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    app = FastAPI(title="onrecord", description="Who said what, and who did what to whom: the stored record.",
                  version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  dependencies=[Depends(ids_in_range)])
    app.state.store = store
    app.state.token = token
    app.state.base_url = site
    app.state.templates = render.templates(writes_enabled=token is not None)
    app.mount("/static", StaticFiles(directory=str(render.HERE / "static")), name="static")
    errors.install(app)
    if cache:
        app.add_middleware(ResponseCache, version=store.data_version)
    app.add_middleware(SecurityHeaders, headers=_security_headers(csp), skip=CSP_EXEMPT)
    # OpenAPI lists paths in this order; api.py registers its catch-all for unknown
    # /api paths after every other /api route
    for router in (pages.router, exports.router, api.router):
        app.include_router(router)
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes (``onrecord serve --workers N``):
    the database from $ONRECORD_DB, the token from $ONRECORD_TOKEN, the site
    address from $ONRECORD_BASE_URL."""
    return create_app(os.environ.get("ONRECORD_DB") or None)
