"""What flows from the readers through extraction to the store: an article, a
named failure, or a skip. Their one home: onrecord.ingest's readers make them,
onrecord.batch extracts them, the store's Sink records them.

Nothing here raises on bad input; readers turn every problem into a ``Failure``
(or ``Skipped``) that says which item and why, and go on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .schema import Article

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
