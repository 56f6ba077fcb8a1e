"""Errors, rendered one way: a JSON envelope ``{"error": {"status", "message"}}`` for
the API, downloads and feeds, the error page for everything else.

Every exception a route raises ends here: ``WebError`` (a refused write: 401 or
403, auth.py), Starlette's HTTP errors (unknown paths, wrong methods), FastAPI's parameter
validation (always 400), onrecord's own errors (404 for missing items, 400 for bad
input) and anything unexpected (500, details only in the server log).
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import InputError, NotFoundError, OnrecordError, SearchSyntaxError
from .render import page

# Machine-read paths: their clients expect JSON errors, never an HTML page.
JSON_PREFIXES = ("/api", "/download")
JSON_SUFFIXES = (".atom",)


class WebError(Exception):
    """An HTTP error with a status no onrecord error maps to (401, 403): the status,
    a message that says what to do, and headers (WWW-Authenticate on a missing token).
    Missing things are NotFoundError (404), bad input InputError (400)."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    path = request.url.path
    if path.startswith(JSON_PREFIXES) or path.endswith(JSON_SUFFIXES):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status,
                            headers=headers)
    return page(request, "error.html", status=status, status_code=status, message=message)


async def _web_error(request: Request, exc: WebError) -> Response:
    return error_response(request, exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    return error_response(request, exc.status_code, message, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body"))
        parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return error_response(request, 400, "invalid request: " + "; ".join(parts))


def _status_of(exc: OnrecordError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    return 400 if isinstance(exc, (InputError, SearchSyntaxError)) else 500


async def _onrecord_error(request: Request, exc: OnrecordError) -> Response:
    return error_response(request, _status_of(exc), str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    return error_response(request, 500, "internal error: see the server log")


def install(app: FastAPI) -> None:
    """Route every error through ``error_response``."""
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(OnrecordError, _onrecord_error)
    app.add_exception_handler(Exception, _unexpected)
