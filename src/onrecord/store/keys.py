"""Keys that decide when two things are the same: URLs, texts, entity names."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived, never which article it is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "ocid", "smid",
    "soc_src", "soc_trk", "spm", "share", "at_medium", "at_campaign", "ito", "cid",
})
DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACE = re.compile(r"\s+")
# Whitespace and control characters: pipeline.prepare_text turns the latter into
# spaces, so the raw text and the prepared one (Record.text) hash the same.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]+")


def normalise_url(url: str | None) -> str | None:
    """The article's URL as a duplicate key: lower-case scheme and host, no default
    port, fragment, tracking parameters (utm_*, fbclid, ...) or trailing slash.
    Returns None for an empty or missing URL."""
    if url is None or not url.strip():
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and DEFAULT_PORTS.get(scheme) != parts.port:
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _tracking(param: str) -> bool:
    lower = param.lower()
    return lower.startswith("utm_") or lower in TRACKING_PARAMS


def outlet_domain(url: str | None) -> str | None:
    """The outlet (publisher) of an article: its host without "www.", kept as
    articles.source_domain and matched by the outlet filter."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.") or None


def content_hash(text: str) -> str:
    """sha256 (hex) of the text with runs of whitespace and control characters made
    one space and the ends stripped, so re-wrapped copies of an article count as the
    same text, and so do an input and the record extracted from it."""
    return hashlib.sha256(_SPACE_OR_CONTROL.sub(" ", text).strip().encode("utf-8")).hexdigest()


def normalise_name(name: str) -> str:
    """A name as a matching key: case, accents, punctuation and spacing ignored, so
    "U.S." ~ "US" and "Zelenskyy" differs from "Zelensky" only where spelling does."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w\s]", "", plain.casefold())
    return _SPACE.sub(" ", plain).strip()


def entity_key(name: str, type_: str, country: str | None, org: str | None) -> str:
    """One global entity per normalised name, type and actor code. The sector is
    left out: it follows the role a person is introduced with, which varies."""
    return "|".join((normalise_name(name), type_, country or "", org or ""))
