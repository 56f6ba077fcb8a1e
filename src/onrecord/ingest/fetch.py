"""Fetch one http(s) URL with urllib: a timeout, a size cap, our user agent."""
from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024
try:
    from importlib.metadata import version as _version

    _VERSION = _version("onrecord")
except Exception:  # pragma: no cover - not installed
    _VERSION = "dev"
USER_AGENT = f"onrecord/{_VERSION} (news text extraction; +https://github.com/onrecord/onrecord)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


class FetchError(Exception):
    """The URL could not be fetched; the message is the reason for a Failure."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    data: bytes
    headers: dict[str, str]


def is_http_url(value: str | None) -> bool:
    return bool(value) and value.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = 10.0, user_agent: str = USER_AGENT, max_bytes: int = MAX_BYTES) -> Fetched:
    if not is_http_url(url):
        raise FetchError("not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(f"larger than {max_bytes // (1024 * 1024)} MB; not read")
            headers = {k.lower(): v for k, v in response.headers.items()}
            return Fetched(response.geturl(), response.status, headers.get("content-type", ""), data, headers)
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(f"timed out after {timeout:g} s") from None
        raise FetchError(f"cannot connect: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise FetchError(f"timed out after {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset connection, bad URL, incomplete read
        raise FetchError(f"fetch failed: {type(error).__name__}: {error}") from None
