"""Every kind of source, to a stream of ArticleInput / Failure / Skipped.

A source is a file, a folder (read recursively), an http(s) URL, or "-" for
stdin. Each file's kind comes from gzip/WARC magic first, then its suffix, then
a sniff of its first bytes; see docs/ingest.md.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..items import EMPTY_ARTICLE, ArticleInput, Failure, Item, Skipped
from ..schema import Article
from . import language as lang
from .decoding import decode
from .feeds import read_feed
from .fetch import USER_AGENT, FetchError, fetch, is_http_url
from .html import article_from_html, decode_html, header_charset
from .jsonl import read_json_document, read_jsonl_lines
from .warc import read_warc

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
WARC_SUFFIXES = (".warc", ".arc")
FEED_SUFFIXES = (".rss", ".atom")
SNIFF_BYTES = 2048
READABLE = ".txt, .md, .html, .jsonl, .json, .warc(.gz), .rss/.atom/.xml feeds"

_SUFFIX_KIND = {
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys(HTML_SUFFIXES, "html"),
    **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
    **dict.fromkeys(JSON_SUFFIXES, "json"),
    **dict.fromkeys(WARC_SUFFIXES, "warc"),
    **dict.fromkeys(FEED_SUFFIXES, "feed"),
}


@dataclass
class Options:
    fetch: bool = True
    timeout: float = 10.0
    user_agent: str = USER_AGENT


def sniff(head: bytes) -> str | None:
    """The kind of data from its first bytes: gzip, warc, feed, xml, html, jsonl, json, or None."""
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith(b"<?xml"):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html" if b"<html" in start else "xml"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<article")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    return None


def kind_of(name: str, head: bytes) -> str | None:
    """Magic (gzip, WARC) beats the suffix, the suffix beats sniffing; .xml is sniffed."""
    magic = sniff(head)
    if magic in ("gzip", "warc"):
        return magic
    suffix = Path(name).suffix.lower()
    if suffix in _SUFFIX_KIND:
        return _SUFFIX_KIND[suffix]
    return magic


def _text_article(data: bytes, name: str, article_id: str) -> Item:
    try:
        text, warnings = decode(data, name)
    except InputError as error:
        return Failure(name, str(error))
    if not text.strip():
        return Failure(name, EMPTY_ARTICLE)
    return ArticleInput(text, Article(id=article_id), name, warnings)


def _from_bytes(data: bytes, name: str, kind: str | None, article_id: str, options: Options) -> Iterator[Item]:
    """A whole file (or stdin, or a decompressed .gz) already in memory."""
    if not data:
        yield Failure(name, "empty file")
        return
    if kind == "gzip":
        yield from _from_gzip(io.BytesIO(data), name, options)
    elif kind == "warc":
        yield from read_warc(io.BytesIO(data), name)
    elif kind == "jsonl":
        yield from read_jsonl_lines(data.splitlines(), name)
    elif kind == "json":
        yield from read_json_document(data, name)
    elif kind == "feed":
        yield from read_feed(data, name, fetch_pages=options.fetch, timeout=options.timeout, user_agent=options.user_agent)
    elif kind == "xml":
        yield Failure(name, "XML, but not an RSS or Atom feed")
    elif kind == "html":
        html, warnings = decode_html(data, name)
        yield article_from_html(html, name, article_id=article_id, warnings=warnings, keep_page_url=True)
    else:
        yield _text_article(data, name, article_id)


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _from_gzip(raw: BinaryIO, name: str, options: Options) -> Iterator[Item]:
    """A .gz file: WARC.GZ is read record by record, .jsonl.gz line by line, and
    anything else decompressed whole and read by its inner name and bytes."""
    try:  # a decompressobj, unlike GzipFile, gives what it has of a truncated file
        head = zlib.decompressobj(31).decompress(raw.read(1 << 16), SNIFF_BYTES)
    except zlib.error as error:
        yield Failure(name, f"not readable gzip: {error}")
        return
    raw.seek(0)
    kind = kind_of(_strip_gz(name), head)
    if kind == "warc":
        yield from read_warc(raw, name)
        return
    stream = gzip.GzipFile(fileobj=raw)
    try:
        if kind == "jsonl":
            yield from read_jsonl_lines(stream, name)
        else:
            data = stream.read()
            yield from _from_bytes(data, name, kind, Path(_strip_gz(name)).stem, options)
    except (EOFError, OSError, zlib.error) as error:
        yield Failure(name, f"truncated or corrupt gzip: {error}")


def _read_file(path: Path, kind: str, options: Options) -> Iterator[Item]:
    name = str(path)
    try:
        if kind in ("warc", "gzip", "jsonl"):  # streamed: may be large
            with path.open("rb") as raw:
                if kind == "jsonl" and path.stat().st_size == 0:
                    yield Failure(name, "empty file")
                elif kind == "jsonl":
                    yield from read_jsonl_lines(raw, name)
                elif kind == "gzip":
                    yield from _from_gzip(raw, name, options)
                else:
                    yield from read_warc(raw, name)
            return
        data = path.read_bytes()
    except OSError as error:
        yield Failure(name, f"cannot read: {error.strerror or error}")
        return
    yield from _from_bytes(data, name, kind, path.stem, options)


def _head(path: Path) -> bytes:
    with path.open("rb") as raw:
        return raw.read(SNIFF_BYTES)


def _folder_files(folder: Path) -> Iterator[tuple[Path, str]]:
    """Files under ``folder`` that onrecord can read, sorted, hidden ones skipped."""
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not child.is_file():
            continue
        try:
            kind = kind_of(child.name, _head(child))
        except OSError:
            kind = _SUFFIX_KIND.get(child.suffix.lower())  # unreadable: read it anyway, to report why
            if kind is None:
                continue
        if kind in (None, "xml"):  # unknown, or XML that is not a feed (sitemaps and the like)
            continue
        yield child, kind


def _from_url(url: str, options: Options) -> Iterator[Item]:
    if not options.fetch:
        yield Failure(url, "not fetched: fetching is off")
        return
    try:
        page = fetch(url, timeout=options.timeout, user_agent=options.user_agent)
    except FetchError as error:
        yield Failure(url, str(error))
        return
    mime = page.content_type.split(";")[0].strip().lower()
    kind = sniff(page.data[:SNIFF_BYTES])
    if kind in (None, "xml") and any(word in mime for word in ("rss", "atom")):
        kind = "feed"
    if kind is None and mime in ("text/html", "application/xhtml+xml"):
        kind = "html"
    if kind is None and mime.startswith("text/plain"):
        kind = "text"
    if not page.data:
        yield Failure(url, "empty page")
    elif kind == "feed":
        yield from read_feed(page.data, url, fetch_pages=True, timeout=options.timeout,
                             user_agent=options.user_agent, content_type=page.content_type)
    elif kind == "html":
        html, warnings = decode_html(page.data, url, header_charset(page.content_type))
        yield article_from_html(html, url, url=page.url, warnings=warnings,
                                declared_language=page.headers.get("content-language"))
    elif kind in ("text", "jsonl", "json", "warc", "gzip"):
        for item in _from_bytes(page.data, url, kind, None, options):
            if isinstance(item, ArticleInput) and kind == "text":
                item.article.url = page.url
            yield item
    else:
        yield Failure(url, f"not an HTML page or a feed ({mime or 'no content type'})")


def _from_source(source: str, options: Options, stdin: BinaryIO | None) -> Iterator[Item]:
    if source == "-":
        stream = stdin or sys.stdin.buffer
        try:
            data = stream.read()
        except OSError as error:
            yield Failure("stdin", f"cannot read: {error}")
            return
        yield from _from_bytes(data, "stdin", kind_of("stdin", data[:SNIFF_BYTES]), "stdin", options)
        return
    if is_http_url(source):
        yield from _from_url(source, options)
        return
    path = Path(source)
    if not path.exists():
        yield Failure(source, "no such file or folder")
        return
    if path.is_dir():
        found = False
        for file, kind in _folder_files(path):
            found = True
            yield from _read_file(file, kind, options)
        if not found:
            yield Failure(source, f"folder has no files onrecord can read ({READABLE})")
        return
    try:
        kind = kind_of(path.name, _head(path))
    except OSError as error:
        yield Failure(source, f"cannot read: {error.strerror or error}")
        return
    yield from _read_file(path, kind or "text", options)


def _language_filter(item: Item, languages: Collection[str] | None) -> Item:
    if languages is None or not isinstance(item, ArticleInput):
        return item
    item.language = lang.decide(item.text, item.language)
    if item.language not in languages:
        return Skipped(item.origin, f"language {item.language}", item.language)
    return item


def iter_sources(
    sources: Sequence[str],
    *,
    fetch: bool = True,
    timeout: float = 10.0,
    user_agent: str = USER_AGENT,
    languages: Collection[str] | None = ("en",),
    stdin: BinaryIO | None = None,
) -> Iterator[ArticleInput | Failure | Skipped]:
    """Every article in every source, in order; bad input becomes a Failure and
    articles in other languages a Skipped (``languages=None`` keeps all)."""
    options = Options(fetch=fetch, timeout=timeout, user_agent=user_agent)
    wanted = None if languages is None else frozenset(languages)
    for source in sources:
        try:
            for item in _from_source(source, options, stdin):
                yield _language_filter(item, wanted)
        except Exception as error:  # a bug in a reader must not end the run
            yield Failure(source, f"could not be read: {type(error).__name__}: {error}")


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None, *, fetch: bool = False) -> Iterator[ArticleInput | Failure]:
    """Articles from each path for ``onrecord extract``: every kind iter_sources
    reads, no language skipping, offline unless ``fetch`` (feed entries then
    give their summaries, URLs a Failure). Skipped WARC records are dropped."""
    for item in iter_sources(list(paths), fetch=fetch, languages=None, stdin=stdin):
        if not isinstance(item, Skipped):
            yield item


def _count_file(path: Path, kind: str | None) -> int | None:
    if kind in (None, "text", "html"):
        return 1
    if kind == "jsonl":
        with path.open("rb") as raw:
            return sum(1 for line in raw if line.strip())
    if kind == "json":
        try:
            obj = json.loads(path.read_bytes())
        except ValueError:
            return 1
        return len(obj) if isinstance(obj, list) else 1
    if kind == "feed":
        import feedparser

        return len(feedparser.parse(path.read_bytes()).entries)
    return None  # WARC, gzip: counting means decompressing everything


def count_sources(sources: Sequence[str]) -> int | None:
    """A cheap estimate of how many articles the sources hold (before language
    skipping), or None when it cannot be known cheaply (URLs, stdin, WARC, .gz)."""
    total = 0
    for source in sources:
        if source == "-" or is_http_url(source):
            return None
        path = Path(source)
        try:
            if path.is_dir():
                files = list(_folder_files(path))
            elif path.is_file():
                files = [(path, kind_of(path.name, _head(path)))]
            else:
                continue
            for file, kind in files:
                count = _count_file(file, kind)
                if count is None:
                    return None
                total += count
        except OSError:
            continue
    return total


def items_from_file(name: str, data: bytes, languages: Collection[str] | None = ("en",)) -> Iterator[Item]:
    """Every item in one file's bytes (WARC, WARC.GZ, JSONL, .gz, text, HTML, ...),
    exactly as ``onrecord ingest`` reads a file of that name; no fetching."""
    wanted = None if languages is None else frozenset(languages)
    stem = name.rsplit("/", 1)[-1].split(".", 1)[0] or name
    try:
        kind = kind_of(name, data[:SNIFF_BYTES])
        for item in _from_bytes(data, name, kind or "text", stem, Options(fetch=False)):
            yield _language_filter(item, wanted)
    except Exception as error:  # noqa: BLE001 - a reader bug costs this file, not the job
        yield Failure(name, f"could not be read: {type(error).__name__}: {error}")
