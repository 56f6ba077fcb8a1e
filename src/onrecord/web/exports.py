"""Files for machines outside /api: every matching row as CSV or JSON Lines, and a
watch's Atom feed. Their errors are JSON too (errors.py)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..errors import NotFoundError
from . import atom, data
from .params import MAX_API_LIMIT, filter_params, get_store

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50

router = APIRouter()


@router.get("/watches/{watch_id}/feed.atom", tags=["watches"], summary="Atom 1.0 feed of a watch's latest matches")
def watch_feed(request: Request, watch_id: int, limit: int = Query(FEED_SIZE, ge=1, le=MAX_API_LIMIT),
               store: Any = Depends(get_store)):
    watch, rows, describe = data.watch_feed(store, watch_id, limit=limit)
    # the configured address (`onrecord serve --base-url`), never the request's Host header
    return Response(atom.watch_feed(watch, rows, base=request.app.state.base_url, describe=describe),
                    media_type=ATOM_MEDIA_TYPE)


@router.get("/download/{what}.{fmt}", tags=["downloads"], summary="Every matching row as CSV or JSON Lines")
def download(what: str, fmt: str, p: dict = Depends(filter_params), store: Any = Depends(get_store)):
    if what not in data.DOWNLOADS or fmt not in data.DOWNLOAD_FORMATS:
        raise NotFoundError("download attributions or events as .csv or .jsonl")
    return StreamingResponse(data.download(store, what, fmt, p), media_type=MEDIA_TYPES[fmt],
                             headers={"Content-Disposition": f'attachment; filename="onrecord-{what}.{fmt}"'})
