"""The one extraction path: articles in, records (or failures) out.

``extract_batch`` is pure apart from the spaCy pipeline it is given, so a process
pool or a Spark executor can wrap it. One bad article never stops the batch: it
comes out as a ``Failure`` with the reason. ``extract`` (``onrecord.extract``) is
a batch of one, so one article and many are read, checked and extracted alike.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language

from . import pipeline
from .errors import InputError
from .items import EMPTY_ARTICLE, ArticleInput, Failure
from .pipeline import annotate, check_date, doc_to_record, load, own_components, parse, prepare_text
from .schema import Article, Record

BATCH_SIZE = 8  # articles parsed together: larger batches are no faster and hold far more memory


def _prepare(item: ArticleInput) -> ArticleInput | Failure:
    try:
        text = prepare_text(item.text)
        item.article.date = check_date(item.article.date)
    except InputError as error:
        return Failure(item.origin, str(error))
    if not text.strip():
        return Failure(item.origin, EMPTY_ARTICLE)
    return replace(item, text=text)


def _one(nlp: Language, item: ArticleInput, predicates: bool, doc=None) -> Record | Failure:
    try:
        doc = parse(nlp, item.text, item.article.date) if doc is None else annotate(nlp, doc, item.article.date)
        record = doc_to_record(doc, item.article, nlp, predicates)
    except Exception as error:  # noqa: BLE001 - one article must never stop the batch
        return Failure(item.origin, f"extraction failed: {type(error).__name__}: {error}")
    record.warnings[:0] = item.warnings
    return record


def _run(nlp: Language, items: list[ArticleInput], predicates: bool) -> Iterator[Record | Failure]:
    short = [i for i in items if len(i.text) <= pipeline.CHUNK_CHARS]  # longer ones are parsed in chunks
    try:
        # spaCy's own components batched; onrecord's run per article in _one, so
        # one article that trips them fails alone.
        with nlp.select_pipes(disable=own_components(nlp)):
            docs = list(nlp.pipe([i.text for i in short], batch_size=BATCH_SIZE))
    except Exception:  # noqa: BLE001 - fall back to one at a time to isolate the bad one
        docs = None
    by_id = {id(i): d for i, d in zip(short, docs or [])}
    for item in items:
        yield _one(nlp, item, predicates, by_id.get(id(item)))


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Items in lists of ``size`` (the last one shorter): the unit a worker gets."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_batch(
    items: Iterable[ArticleInput | Failure], nlp: Language, batch_size: int = BATCH_SIZE, predicates: bool = False
) -> Iterator[Record | Failure]:
    """Records in input order; failures (unreadable, empty, too long, crashed) in place.
    ``predicates`` adds every predicate's factuality attributes to each record."""
    pending: list[ArticleInput] = []
    for item in items:
        prepared = item if isinstance(item, Failure) else _prepare(item)
        if isinstance(prepared, Failure):
            yield from _run(nlp, pending, predicates)
            pending = []
            yield prepared
            continue
        pending.append(prepared)
        if len(pending) >= batch_size:
            yield from _run(nlp, pending, predicates)
            pending = []
    yield from _run(nlp, pending, predicates)


def extract(
    text: str,
    date: str | None = None,
    *,
    article: Article | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    predicates: bool = False,
    profile: str = "fast",
) -> Record:
    """Everything onrecord finds in one article: a batch of one. What would be a
    Failure in a batch (empty text, a bad date, bytes, too long, a crash) raises
    InputError with the same reason. ``profile="accurate"`` finds attributions
    with the fine-tuned encoder (``pip install 'onrecord[accurate]'``); it is
    ignored when ``nlp`` is given.

    >>> rec = extract("“We will act,” said Maren Solberg.", date="2025-03-01")
    >>> rec.attributions[0].kind
    'direct'
    """
    article = article or Article()
    if date not in (None, ""):
        article.date = date  # checked with the article's own date, in the batch
    nlp = nlp or load(model, profile=profile)
    [result] = extract_batch([ArticleInput(text, article, article.id or "text")], nlp, predicates=predicates)
    if isinstance(result, Failure):
        raise InputError(result.error)
    return result
