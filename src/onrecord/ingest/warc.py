"""WARC and WARC.GZ files with warcio.

Every ``response`` (and ``resource``) record whose payload is HTML goes through
trafilatura; its WARC-Target-URI is the article's url and its WARC-Record-ID
the article's id. The WARC-Date (the crawl time) is the article's date only when
the page gives none, with a warning. Non-HTML responses and HTTP statuses other
than 200 are ``Skipped``; requests, metadata, warcinfo and the like are ignored.

A truncated or corrupt file yields every complete record before the damage,
then one Failure. Gzip is decompressed here, member by member, so that the
records before a cut are not lost and the cut itself is always noticed.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..items import Failure, Item, Skipped
from .html import article_from_html, decode_html, header_charset
from .language import normalise_language

HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRAILING = 4  # the blank lines after the last record
_CHUNK = 1 << 16


class Truncated(Exception):
    pass


class _Stream(io.RawIOBase):
    """A readable, tellable stream over a file, decompressing gzip members one
    after another. Data before a truncation is handed out; the next read raises
    Truncated (warcio treats EOFError as a normal end, so that is not used)."""

    def __init__(self, raw: BinaryIO, gzipped: bool):
        self.raw, self.gzipped = raw, gzipped
        self.decompressor = zlib.decompressobj(31) if gzipped else None
        self.buffer = bytearray()
        self.position = 0
        self.in_member = False
        self.finished = False
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def _fill(self, size: int) -> None:
        while (size < 0 or len(self.buffer) < size) and not self.finished:
            chunk = self.raw.read(_CHUNK)
            if not chunk:
                self.finished = True
                if self.in_member:
                    self.error = "the file ends in the middle of a gzip member (truncated)"
                return
            if not self.gzipped:
                self.buffer += chunk
                continue
            try:
                while chunk:
                    self.in_member = True
                    self.buffer += self.decompressor.decompress(chunk)
                    if self.decompressor.eof:
                        chunk = self.decompressor.unused_data
                        self.decompressor = zlib.decompressobj(31)
                        self.in_member = False
                    else:
                        chunk = b""
            except zlib.error as error:
                self.finished = True
                self.error = f"corrupt gzip data ({error})"

    def read(self, size: int = -1) -> bytes:
        self._fill(size)
        if not self.buffer and self.error:
            raise Truncated(self.error)
        size = len(self.buffer) if size is None or size < 0 else size
        out = bytes(self.buffer[:size])
        del self.buffer[:size]
        self.position += len(out)
        return out

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)


def _origin(name: str, number: int, url: str | None) -> str:
    return f"{name}#record-{number}" + (f" {url}" if url else "")


def read_warc(raw: BinaryIO, name: str) -> Iterator[Item]:
    """Items from one WARC file, opened in binary mode (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator

    head = raw.read(2)
    raw.seek(0) if raw.seekable() else None
    stream = _Stream(raw if raw.seekable() else _Prefixed(head, raw), gzipped=head == b"\x1f\x8b")
    try:
        stream._fill(8)
    except Truncated:
        pass
    if not bytes(stream.buffer[:8]).lstrip(b"\r\n").startswith((b"WARC/", b"filedesc")):
        yield Failure(name, f"not a WARC file ({stream.error})" if stream.error else "not a WARC file (it does not start with WARC/)")
        return
    records = ArchiveIterator(stream)
    number, complete, end = 0, 0, 0

    def where(url: str | None = None) -> str:
        return f"{complete} complete record(s) read" + (f"; record {number} ({url}) is cut short" if url else "")

    try:
        for record in records:
            number += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            origin = _origin(name, number, url)
            item = None
            if record.rec_type in ("response", "resource"):
                item = _record_item(record, origin, url)
            else:
                record.content_stream().read()
            length = (record.rec_headers.get_header("Content-Length") or "").strip()
            if record.raw_stream.limit > 0 or not length.isdigit():  # fewer bytes than its Content-Length: cut short
                yield Failure(name, f"truncated WARC: {where(url or '?')}")
                return
            complete += 1
            if item is not None:
                yield item
            end = records.get_record_offset() + records.get_record_length()
    except Truncated as error:
        yield Failure(name, f"{error}: {where()}")
        return
    except Exception as error:  # warcio on a damaged header: report it, keep what was read
        yield Failure(name, f"corrupt or truncated WARC ({type(error).__name__}: {error}): {where()}")
        return
    if stream.tell() - end > _TRAILING:
        yield Failure(name, f"truncated WARC: {where()}; the last {stream.tell() - end} bytes are not a complete record")


def _record_item(record, origin: str, url: str | None):
    headers = record.http_headers
    if record.rec_type == "response" and headers is not None:
        content_type = headers.get_header("Content-Type") or ""
        status = headers.get_statuscode()
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
        status = "200"
    payload = record.content_stream().read()
    mime = content_type.split(";")[0].strip().lower()
    if status != "200":
        return Skipped(origin, f"HTTP status {status}")
    if mime not in HTML_TYPES:
        return Skipped(origin, f"not HTML ({mime or 'no content type'})")
    html, warnings = decode_html(payload, origin, header_charset(content_type))
    warc_date = record.rec_headers.get_header("WARC-Date")
    declared = normalise_language(record.rec_headers.get_header("WARC-Identified-Content-Language")) or (
        normalise_language(headers.get_header("Content-Language")) if headers is not None else None
    )
    item = article_from_html(
        html,
        origin,
        url=url,
        article_id=record.rec_headers.get_header("WARC-Record-ID"),
        warnings=warnings,
        fallback_date=warc_date,
        fallback_date_note=f"{origin}: the page gives no date; the date is the crawl date (WARC-Date {warc_date})",
        declared_language=declared,
    )
    return item


class _Prefixed(io.RawIOBase):
    """An unseekable stream with bytes already read put back in front."""

    def __init__(self, head: bytes, raw: BinaryIO):
        self.head, self.raw = head, raw

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.head:
            out, self.head = self.head[:size] if size >= 0 else self.head, self.head[size:] if size >= 0 else b""
            return out
        return self.raw.read(size)

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

