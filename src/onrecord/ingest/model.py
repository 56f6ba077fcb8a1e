"""What every reader yields: an article, a named failure, or a skip.

Nothing here raises on bad input; readers turn every problem into a
``Failure`` (or ``Skipped``) that says which item and why, and go on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..schema import Article

BINARY_NUL_SHARE = 0.01  # more NUL bytes than this and it is not text
EMPTY_ARTICLE = "empty article: no text to extract from"


@dataclass
class ArticleInput:
    text: str
    article: Article
    origin: str  # what to name in messages: path, path:LINE, file.warc.gz#record-N URL, URL
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # ISO 639-1 code: declared by the source, or detected when languages are filtered
    meta: dict[str, str] = field(default_factory=dict)  # more metadata the Article has no field for (author, sitename)


@dataclass
class Failure:
    origin: str
    error: str


@dataclass
class Skipped:
    """An item that was read but is deliberately not passed on (another language,
    not an HTML page, an HTTP error page inside a WARC)."""

    origin: str
    reason: str
    language: str | None = None


Item = ArticleInput | Failure | Skipped


def decode(data: bytes, origin: str = "input") -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 first, then Windows-1252, then Latin-1, with a warning
    when it was not UTF-8. Binary data is refused."""
    if data and data.count(b"\x00") > BINARY_NUL_SHARE * len(data):
        raise InputError(f"{origin}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        where = error.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [f"{origin}: not valid UTF-8 (first bad byte at {where}); decoded as {encoding}"]
    raise InputError(f"{origin}: cannot be decoded as text")  # pragma: no cover - latin-1 decodes anything
