"""JSON Lines (one article per line) and single JSON files.

Understood shapes: our own Record JSON (``text`` + ``article{}``), a flat
object (``id``/``url``/``title``/``date``/``text``), and news-please's
(``maintext``, ``date_publish``, ``url``, ``title``, ``language``, ``authors``).

Field types: ``id``, ``url``, ``title`` and ``date`` are strings; a number there
(a numeric id) is written out as its digits, and anything else (a list, an
object, true/false) makes the line a Failure that names the field, rather than
storing a Python repr. A line nested too deeply for the JSON parser is a
Failure too; the lines after it are read as usual.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..items import EMPTY_ARTICLE, ArticleInput, Failure
from ..schema import Article
from .decoding import decode
from .language import normalise_language
from .published import normalise_date

ARTICLE_FIELDS = ("id", "url", "title", "date")
TOO_DEEP = "JSON nested too deeply to read"


def _field(value: object, key: str, origin: str) -> str | None:
    """A metadata field as text: strings as they are, numbers as their digits, blank as None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a numeric id or a year: its digits, explicitly
    raise InputError(f"{origin}: field {key!r} must be a string or a number, not {_json_type(value)}")


def _json_type(value: object) -> str:
    names = {bool: "true/false", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def article_from_json(obj: object, origin: str, warnings: list[str] | None = None) -> ArticleInput:
    """Raises InputError when the object is not an article."""
    if not isinstance(obj, dict):
        raise InputError(f"{origin}: expected a JSON object with a 'text' field")
    text = obj.get("text")
    if text is None:
        text = obj.get("maintext")  # news-please calls it maintext
    if not isinstance(text, str):
        raise InputError(f"{origin}: no 'text' field (string) in this JSON object")
    nested = obj.get("article") if isinstance(obj.get("article"), dict) else {}
    meta = {}
    for key in ARTICLE_FIELDS:
        meta[key] = _field(nested.get(key, obj.get(key)), key, origin)
    warnings = list(warnings or [])
    raw_date = meta["date"] or obj.get("date_publish") or obj.get("published")
    meta["date"] = normalise_date(raw_date)
    if raw_date and meta["date"] is None:
        warnings.append(f"{origin}: date {str(raw_date)!r} is not a valid day; left empty")
    extra = {}
    authors = obj.get("authors") or obj.get("author")
    if authors:
        extra["author"] = "; ".join(map(str, authors)) if isinstance(authors, list) else str(authors)
    if obj.get("source_domain"):
        extra["sitename"] = str(obj["source_domain"])
    language = normalise_language(obj.get("language") or obj.get("lang") or nested.get("language"))
    return ArticleInput(text, Article(**meta), origin, warnings, language=language, meta=extra)


def _one(obj: object, origin: str, warnings: list[str]) -> ArticleInput | Failure:
    try:
        item = article_from_json(obj, origin, warnings)
    except InputError as error:
        return Failure(origin, str(error))
    if not item.text.strip():
        return Failure(origin, EMPTY_ARTICLE)
    return item


def read_jsonl_lines(lines: Iterable[bytes], name: str) -> Iterator[ArticleInput | Failure]:
    """One article per non-blank line; origin ``name:LINE``. Each line is decoded
    on its own, so one bad line costs only itself."""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        raw = raw.rstrip(b"\r\n")
        origin = f"{name}:{number}"
        try:
            line, warnings = decode(raw, origin)
            obj = json.loads(line)
        except InputError as error:
            yield Failure(origin, str(error))
            continue
        except json.JSONDecodeError as error:
            yield Failure(origin, f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        except RecursionError:  # thousands of nested [ or {: this line only
            yield Failure(origin, TOO_DEEP)
            continue
        yield _one(obj, origin, warnings)


def read_json_document(data: bytes, name: str) -> Iterator[ArticleInput | Failure]:
    """A .json file: one article object, or a list of them (origin ``name#N``)."""
    try:
        text, warnings = decode(data, name)
        obj = json.loads(text)
    except InputError as error:
        yield Failure(name, str(error))
        return
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects, one per line: JSON Lines after all
            yield from read_jsonl_lines(data.splitlines(), name)
            return
        yield Failure(name, f"invalid JSON: {error.msg} at line {error.lineno} column {error.colno}")
        return
    except RecursionError:
        if b"\n" in data.strip():  # perhaps JSON Lines with one bad line: read line by line
            yield from read_jsonl_lines(data.splitlines(), name)
        else:
            yield Failure(name, TOO_DEEP)
        return
    if isinstance(obj, list):
        if not obj:
            yield Failure(name, "empty JSON list: no articles")
        for number, element in enumerate(obj, 1):
            yield _one(element, f"{name}#{number}", list(warnings))
        return
    yield _one(obj, name, warnings)
