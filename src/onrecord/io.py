"""Read articles from files, folders and stdin without ever losing the batch.

Each input yields either an ``ArticleInput`` or a ``Failure`` that says which
file and why; callers count and report failures and go on. The readers live in
``onrecord.ingest``; this module keeps the names ``onrecord extract`` uses.
"""
from __future__ import annotations

from .ingest.jsonl import ARTICLE_FIELDS
from .ingest.model import BINARY_NUL_SHARE, ArticleInput, Failure, Skipped, decode
from .ingest.sources import JSONL_SUFFIXES, TEXT_SUFFIXES, read_inputs

__all__ = [
    "ARTICLE_FIELDS",
    "BINARY_NUL_SHARE",
    "JSONL_SUFFIXES",
    "TEXT_SUFFIXES",
    "ArticleInput",
    "Failure",
    "Skipped",
    "decode",
    "read_inputs",
]
