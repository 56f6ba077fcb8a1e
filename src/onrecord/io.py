"""Read articles from files, folders and stdin without ever losing the batch.

Each input yields either an ``ArticleInput`` or a ``Failure`` that says which
file and why; callers count and report failures and go on.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .schema import Article

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_FIELDS = ("id", "url", "title", "date")
BINARY_NUL_SHARE = 0.01  # more NUL bytes than this and it is not text


@dataclass
class ArticleInput:
    text: str
    article: Article
    origin: str  # file path (and line) for messages
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    origin: str
    error: str


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


def _article_from_json(obj: object, origin: str) -> ArticleInput:
    if not isinstance(obj, dict):
        raise InputError(f"{origin}: expected a JSON object with a 'text' field")
    text = obj.get("text") or obj.get("maintext")  # news-please calls it maintext
    if not isinstance(text, str):
        raise InputError(f"{origin}: no 'text' field (string) in this JSON object")
    meta = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in ARTICLE_FIELDS}
    if not meta["date"] and obj.get("date_publish"):
        meta["date"] = str(obj["date_publish"])[:10]
    return ArticleInput(text, Article(**meta), origin)


def _read_jsonl(path: Path, text: str) -> Iterator[ArticleInput | Failure]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            yield _article_from_json(json.loads(line), origin)
        except json.JSONDecodeError as error:
            yield Failure(origin, f"invalid JSON: {error.msg} at column {error.colno}")
        except InputError as error:
            yield Failure(origin, str(error))


def read_file(path: Path) -> Iterator[ArticleInput | Failure]:
    try:
        data = path.read_bytes()
        text, warnings = decode(data, str(path))
    except (OSError, InputError) as error:
        yield Failure(str(path), str(error) if isinstance(error, InputError) else f"cannot read: {error.strerror or error}")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text)
        return
    yield ArticleInput(text, Article(id=path.stem), str(path), warnings)


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                yield child
    else:
        yield path


def read_inputs(paths: Iterable[str], stdin=None) -> Iterator[ArticleInput | Failure]:
    """Articles from each path: "-" is stdin, folders are read recursively
    (.txt, .md, .jsonl), JSONL gives one article per line."""
    for raw in paths:
        if raw == "-":
            stream = stdin or sys.stdin.buffer
            text, warnings = decode(stream.read(), "stdin")
            yield ArticleInput(text, Article(id="stdin"), "stdin", warnings)
            continue
        path = Path(raw)
        if not path.exists():
            yield Failure(raw, "no such file or folder")
            continue
        found = False
        for file in _expand(path):
            found = True
            yield from read_file(file)
        if not found:
            yield Failure(raw, f"folder has no {', '.join(TEXT_SUFFIXES + JSONL_SUFFIXES)} files")
