"""Two plain ASGI middlewares: security headers, and a response cache for GET pages
and API reads that is invalidated whenever the data changes.

The cache key is the path and query string; each entry remembers the database's
data version (Store.data_version: newest article, run, correction and watch state,
one tiny query per request) and is used only while that version is unchanged and it is younger than
``ttl`` seconds. Watches pages, downloads, feeds' writers and /static are never cached.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable

UNCACHED_PREFIXES = ("/static", "/docs", "/download", "/watches", "/api/watches", "/openapi.json")


class SecurityHeaders:
    def __init__(self, app, headers: list[tuple[bytes, bytes]], skip: tuple[str, ...] = ()):
        self.app, self.headers, self.skip = app, headers, skip

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = [h for h in self.headers if not (h[0] == b"content-security-policy" and scope["path"] in self.skip)]

        async def sending(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, sending)


class ResponseCache:
    def __init__(self, app, version: Callable[[], Any], *, ttl: float = 30.0, size: int = 512,
                 max_body: int = 2 << 20):
        self.app, self.version, self.ttl, self.size, self.max_body = app, version, ttl, size, max_body
        self.entries: OrderedDict[str, tuple[Any, float, int, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(UNCACHED_PREFIXES):
            return await self.app(scope, receive, send)
        # No response depends on the Host header (absolute URLs use the configured
        # base URL), so it stays out of the key: a forged Host cannot fill the cache.
        key = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        version = self.version()
        now = time.monotonic()
        with self.lock:
            hit = self.entries.get(key)
            if hit and hit[0] == version and now - hit[1] < self.ttl:
                self.entries.move_to_end(key)
                self.hits += 1
            else:
                hit = None
                self.misses += 1
        if hit:
            _, _, status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers + [(b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        chunks: list[bytes] = []
        keep = True

        async def capturing(message):
            nonlocal keep
            if message["type"] == "http.response.start":
                start.update(message)
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > self.max_body:
                    keep = False
            await send(message)

        await self.app(scope, receive, capturing)
        if keep and start:
            with self.lock:
                self.entries[key] = (version, now, start["status"], list(start.get("headers", [])), b"".join(chunks))
                self.entries.move_to_end(key)
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
