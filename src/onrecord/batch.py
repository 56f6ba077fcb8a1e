"""The one extraction path: articles in, records (or failures) out.

``extract_batch`` is pure apart from the spaCy pipeline it is given, so a process
pool or a Spark executor can wrap it. One bad article never stops the batch: it
comes out as a ``Failure`` with the reason. ``extract`` (``onrecord.extract``) is
a batch of one, so one article and many are read, checked and extracted alike.

Hostile text is defused before parsing and bounded while parsing:

- A run of more than ``MAX_PUNCT_RUN`` punctuation or symbol characters with no
  letter, digit or space in it (18,000 ")" or quote marks) makes spaCy's
  tokenizer quadratic: it strips one character per pass. The rest of such a run
  becomes spaces, so the text keeps its length and offsets still point into the
  input; no news sentence needs more than 20 of them in a row. The same holds
  for any run of more than ``MAX_WORD_CHARS`` printable ASCII characters with
  no space ("'s's's..." is as slow as ")))..."): its first MAX_WORD_CHARS stay,
  which keeps any real URL or hashtag whole.
- Each article has ``ARTICLE_SECONDS`` (default 60 s; the environment variable
  ONRECORD_ARTICLE_SECONDS changes it, 0 turns it off) to be extracted; past
  that it is a Failure and the batch goes on. The limit is a SIGALRM timer, so it
  holds in a process's main thread (the CLI, ingest workers, Spark's Python
  workers) and is off in other threads; it interrupts between Python steps, not
  inside one C call.
"""
from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from spacy.language import Language

from . import pipeline
from .errors import InputError
from .items import EMPTY_ARTICLE, ArticleInput, Failure
from .pipeline import annotate, check_date, doc_to_record, load, own_components, parse, prepare_text
from .schema import Article, Record

BATCH_SIZE = 8  # articles parsed together: larger batches are no faster and hold far more memory
# Characters parsed together at most: the parser's memory grows with a batch's tokens, and two
# 40,000-character articles in one batch of eight took the process from 320 to 645 MB. A batch
# closes before an article that would overflow it, so a long article is parsed alone.
BATCH_CHARS = 40_000
MAX_PUNCT_RUN = 20  # punctuation characters kept in a row; the rest of a longer run become spaces
ARTICLE_SECONDS = 60.0  # time one article may take; ONRECORD_ARTICLE_SECONDS overrides, 0 = no limit
ENV_ARTICLE_SECONDS = "ONRECORD_ARTICLE_SECONDS"
MAX_WORD_CHARS = 500  # printable ASCII characters kept with no space between them; the rest become spaces
_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))
_LONG_WORD = re.compile(r"[!-~]{%d,}" % (MAX_WORD_CHARS + 1))


class ArticleTimeout(Exception):
    """An article took longer than its time budget."""


def article_seconds() -> float:
    """The per-article time budget: $ONRECORD_ARTICLE_SECONDS, else ARTICLE_SECONDS."""
    raw = os.environ.get(ENV_ARTICLE_SECONDS, "").strip()
    if not raw:
        return ARTICLE_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        raise InputError(f"{ENV_ARTICLE_SECONDS}={raw!r}: give a number of seconds (0 for no limit)") from None
    if seconds < 0:
        raise InputError(f"{ENV_ARTICLE_SECONDS}={raw!r}: give a number of seconds (0 for no limit)")
    return seconds


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in the block after ``seconds``; a no-op for None/0 or
    outside the main thread. A timer already set (pytest-timeout's) is put back after."""
    if not seconds or not _can_time():
        yield
        return

    def _expired(signum, frame):
        raise ArticleTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    outer_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even when the alarm goes off on the way out, the old handler and timer come back
            signal.signal(signal.SIGALRM, previous)
            if outer_delay:
                signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 0.001))


def _cut(keep: int):
    return lambda m: m.group(0)[:keep] + " " * (len(m.group(0)) - keep)


def defuse_runs(text: str) -> str:
    """Runs of more than MAX_PUNCT_RUN punctuation characters, and of more than
    MAX_WORD_CHARS characters with no space, cut to that many, the rest spaces:
    the same length, so every offset is unchanged."""
    return _LONG_WORD.sub(_cut(MAX_WORD_CHARS), _PUNCT_RUN.sub(_cut(MAX_PUNCT_RUN), text))


def _prepare(item: ArticleInput) -> ArticleInput | Failure:
    try:
        text = defuse_runs(prepare_text(item.text))
        item.article.date = check_date(item.article.date)
    except InputError as error:
        return Failure(item.origin, str(error))
    if not text.strip():
        return Failure(item.origin, EMPTY_ARTICLE)
    return replace(item, text=text)


def _one(nlp: Language, item: ArticleInput, predicates: bool, seconds: float, doc=None) -> Record | Failure:
    try:
        with time_budget(seconds):
            doc = parse(nlp, item.text, item.article.date) if doc is None else annotate(nlp, doc, item.article.date)
            record = doc_to_record(doc, item.article, nlp, predicates)
    except ArticleTimeout as error:
        return Failure(item.origin, f"extraction stopped: {error} ({ENV_ARTICLE_SECONDS} sets the limit)")
    except Exception as error:  # noqa: BLE001 - one article must never stop the batch
        return Failure(item.origin, f"extraction failed: {type(error).__name__}: {error}")
    record.warnings[:0] = item.warnings
    return record


def _run(nlp: Language, items: list[ArticleInput], predicates: bool, seconds: float) -> Iterator[Record | Failure]:
    short = [i for i in items if len(i.text) <= pipeline.CHUNK_CHARS]  # longer ones are parsed in chunks
    try:
        # spaCy's own components (and onrecord's span model) batched; onrecord's rule
        # components run per article in _one, so one article that trips them fails
        # alone. The batch has its articles' budgets together; past it, each is parsed
        # again alone with its own.
        with time_budget(seconds * len(short)), nlp.select_pipes(disable=own_components(nlp)):
            docs = list(nlp.pipe([i.text for i in short], batch_size=BATCH_SIZE))
    except Exception:  # noqa: BLE001 - fall back to one at a time to isolate the bad one
        docs = None
    by_id = {id(i): d for i, d in zip(short, docs or [])}
    for item in items:
        yield _one(nlp, item, predicates, seconds, by_id.get(id(item)))


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
    items: Iterable[ArticleInput | Failure], nlp: Language, batch_size: int = BATCH_SIZE, predicates: bool = False,
    seconds: float | None = None, batch_chars: int = BATCH_CHARS,
) -> Iterator[Record | Failure]:
    """Records in input order; failures (unreadable, empty, too long, crashed, over
    time) in place. ``predicates`` adds every predicate's factuality attributes to
    each record; ``seconds`` is each article's time budget (default article_seconds());
    a batch holds at most ``batch_size`` articles and, unless one article is longer,
    ``batch_chars`` characters."""
    seconds = article_seconds() if seconds is None else seconds
    pending: list[ArticleInput] = []
    chars = 0
    for item in items:
        prepared = item if isinstance(item, Failure) else _prepare(item)
        if isinstance(prepared, Failure):
            yield from _run(nlp, pending, predicates, seconds)
            pending, chars = [], 0
            yield prepared
            continue
        if pending and chars + len(prepared.text) > batch_chars:
            yield from _run(nlp, pending, predicates, seconds)
            pending, chars = [], 0
        pending.append(prepared)
        chars += len(prepared.text)
        if len(pending) >= batch_size:
            yield from _run(nlp, pending, predicates, seconds)
            pending, chars = [], 0
    yield from _run(nlp, pending, predicates, seconds)


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
