"""Fixtures for the ingest tests, all made here: HTML pages, WARCs, feeds, JSONL
and a local HTTP server on 127.0.0.1. Nothing touches the network. The page
builders live in ingest_pages.py (a conftest is not importable by name: every
test folder may have one)."""
from __future__ import annotations

import http.server
import threading

import pytest

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        status, content_type, body = self.routes.get(self.path, (404, "text/html", b"<html><body>Not found</body></html>"))
        # Counted before answering: the client may read the body and the test check
        # the hits before this thread gets to run again.
        type(self).hits.append(self.path)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def server():
    """A local HTTP server; set ``server.routes[path] = (status, content type, body)``."""
    handler = type("Handler", (_Handler,), {"routes": {}, "hits": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.routes = handler.routes
    httpd.hits = handler.hits
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()
