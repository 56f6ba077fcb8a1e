"""Read every kind of source ``onrecord ingest`` is pointed at: text, HTML,
JSON Lines, WARC, RSS/Atom feeds, URLs, folders and stdin. See docs/ingest.md."""
from ..items import ArticleInput, Failure, Skipped
from .decoding import decode
from .fetch import USER_AGENT
from .published import normalise_date
from .sources import count_sources, iter_sources, read_inputs, sniff

__all__ = [
    "USER_AGENT",
    "ArticleInput",
    "Failure",
    "Skipped",
    "count_sources",
    "decode",
    "iter_sources",
    "normalise_date",
    "read_inputs",
    "sniff",
]
