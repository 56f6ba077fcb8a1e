"""HTML pages to article text and metadata with trafilatura.

The main text is trafilatura's (boilerplate, comments and tables removed);
a first line that only repeats the title is dropped, as the title is in
``Article.title``. The date is the one the page itself gives (meta tags,
JSON-LD, <time>, the URL), never guessed from free text, as YYYY-MM-DD.
"""
from __future__ import annotations

import codecs
import re

from ..items import ArticleInput, Failure
from ..schema import Article
from .decoding import decode
from .language import normalise_language
from .published import normalise_date

_HEAD = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\s(?:xml:)?lang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.I)


def header_charset(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def decode_html(data: bytes, origin: str, charset: str | None = None) -> tuple[str, list[str]]:
    """Bytes of an HTML page to text: a byte-order mark, then the HTTP charset,
    then <meta charset>, else UTF-8 / Windows-1252 / Latin-1 with a warning."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-16"
        return data.decode(encoding, errors="replace"), []
    if not charset:
        match = _META_CHARSET.search(data[:_HEAD])
        charset = match.group(1).decode("ascii") if match else None
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    if charset and codecs.lookup(charset).name not in ("utf-8", "ascii"):
        try:
            return data.decode(charset), []
        except UnicodeDecodeError:
            text = data.decode(charset, errors="replace")
            return text, [f"{origin}: not valid {charset} as declared; undecodable bytes replaced"]
    return decode(data, origin)


def html_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:_HEAD * 4])
    return normalise_language(match.group(1)) if match else None


def _extract(html: str, url: str | None):
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return None
    return document if isinstance(document, dict) else document.as_dict()


def article_from_html(
    html: str,
    origin: str,
    *,
    url: str | None = None,
    article_id: str | None = None,
    warnings: list[str] | None = None,
    fallback_date: str | None = None,
    fallback_date_note: str | None = None,
    declared_language: str | None = None,
    keep_page_url: bool = False,
) -> ArticleInput | Failure:
    """One HTML page as an ArticleInput, or a Failure saying why not.

    ``url`` is where the page came from (fetched URL, WARC-Target-URI) and is the
    article's url unless ``keep_page_url`` lets the page's canonical URL win
    (local files, which have no other). ``fallback_date`` (a WARC-Date, a feed
    entry's date) is used only when the page gives none; ``fallback_date_note``
    is then added to the warnings."""
    warnings = list(warnings or [])
    if not html.strip():
        return Failure(origin, "empty file" if url is None else "empty page")
    try:
        document = _extract(html, url)
    except Exception as error:  # trafilatura/lxml on broken markup: never stop the run
        return Failure(origin, f"HTML could not be parsed: {type(error).__name__}: {error}")
    if document is None or not (document.get("text") or "").strip():
        return Failure(origin, "no article text found in the HTML")
    text: str = document["text"].strip()
    title = (document.get("title") or "").strip() or None
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip() == title:
        text = rest.strip()
    date = normalise_date(document.get("date"))
    if date is None and fallback_date:
        date = normalise_date(fallback_date)
        if date and fallback_date_note:
            warnings.append(fallback_date_note)
    page_url = document.get("url")
    if keep_page_url and page_url and page_url.startswith(("http://", "https://")):
        url = page_url
    meta = {key: str(document[key]) for key in ("author", "sitename", "description") if document.get(key)}
    return ArticleInput(
        text,
        Article(id=article_id, url=url, title=title, date=date),
        origin,
        warnings,
        language=html_language(html) or normalise_language(declared_language),
        meta=meta,
    )
