"""The one batch function: articles in, records (or failures) out.

It is pure apart from the spaCy pipeline it is given, so a process pool or a
Spark executor can wrap it. One bad article never stops the batch: it comes
out as a ``Failure`` with the reason.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from .errors import InputError
from .io import ArticleInput, Failure
from .pipeline import CHUNK_CHARS, check_date, doc_to_record, parse, prepare_text
from .schema import Record

BATCH_SIZE = 8  # articles parsed together: larger batches are no faster and hold far more memory


def _prepare(item: ArticleInput) -> ArticleInput | Failure:
    try:
        text = prepare_text(item.text)
        item.article.date = check_date(item.article.date)
    except InputError as error:
        return Failure(item.origin, str(error))
    if not text.strip():
        return Failure(item.origin, "empty article: no text to extract from")
    return ArticleInput(text, item.article, item.origin, item.warnings)


def _one(nlp: Language, item: ArticleInput) -> Record | Failure:
    try:
        record = doc_to_record(parse(nlp, item.text), item.article, nlp)
    except Exception as error:  # noqa: BLE001 - one article must never stop the batch
        return Failure(item.origin, f"extraction failed: {type(error).__name__}: {error}")
    record.warnings[:0] = item.warnings
    return record


def _run(nlp: Language, items: list[ArticleInput]) -> Iterator[Record | Failure]:
    short = [i for i in items if len(i.text) <= CHUNK_CHARS]
    try:
        docs = list(nlp.pipe([i.text for i in short], batch_size=BATCH_SIZE))
    except Exception:  # noqa: BLE001 - fall back to one at a time to isolate the bad one
        docs = None
    by_id = {id(i): d for i, d in zip(short, docs or [])}
    for item in items:
        doc = by_id.get(id(item))
        if doc is None:
            yield _one(nlp, item)
            continue
        record = doc_to_record(doc, item.article, nlp)
        record.warnings[:0] = item.warnings
        yield record


def extract_batch(
    items: Iterable[ArticleInput | Failure], nlp: Language, batch_size: int = BATCH_SIZE
) -> Iterator[Record | Failure]:
    """Records in input order; failures (unreadable, empty, too long, crashed) in place."""
    pending: list[ArticleInput] = []
    for item in items:
        prepared = item if isinstance(item, Failure) else _prepare(item)
        if isinstance(prepared, Failure):
            yield from _run(nlp, pending)
            pending = []
            yield prepared
            continue
        pending.append(prepared)
        if len(pending) >= batch_size:
            yield from _run(nlp, pending)
            pending = []
    yield from _run(nlp, pending)
