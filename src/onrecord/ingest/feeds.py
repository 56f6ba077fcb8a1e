"""RSS and Atom feeds with feedparser.

Each entry's link is fetched (when fetching is on and the link is http(s)) and
the page goes through trafilatura. When the page cannot be had (fetching off,
HTTP error, timeout, no article text in it) the entry's own text -- the longest
of its content and summary, HTML stripped -- is the article, and a warning says
so. An entry with neither a page nor any text of its own is a Failure.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..items import ArticleInput, Failure, Item
from ..schema import Article
from .fetch import FetchError, fetch, is_http_url
from .html import article_from_html, decode_html, header_charset
from .language import normalise_language
from .published import normalise_date

_BLOCK = re.compile(r"(?i)<(?:/?p|br|/?div|/?li|/?h[1-6]|/?blockquote|/?tr)\b")


def html_fragment_text(fragment: str) -> str:
    """Text of a bit of HTML (a feed summary): block elements become line breaks."""
    if "<" not in fragment and "&" not in fragment:
        return "\n".join(line.strip() for line in fragment.splitlines() if line.strip())
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{_BLOCK.sub(lambda m: chr(10) + m.group(0), fragment)}</div>")
        text = root.text_content()
    except Exception:  # lxml on broken fragments
        text = re.sub(r"<[^>]+>", " ", fragment)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _entry_text(entry) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_fragment_text(c) for c in candidates if c]
    return max(texts, key=len, default="")


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return normalise_date(entry[key])
    for key in ("published", "updated"):
        if entry.get(key):
            return normalise_date(entry[key])
    return None


def read_feed(
    data: bytes,
    name: str,
    *,
    fetch_pages: bool,
    timeout: float,
    user_agent: str,
    content_type: str | None = None,
) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-type": content_type} if content_type else None)
    if not parsed.entries:
        if parsed.bozo:
            yield Failure(name, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        else:
            yield Failure(name, "feed has no entries")
        return
    feed_language = normalise_language(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        origin = f"{name}#entry-{number}" + (f" {link}" if link else "")
        yield _entry(entry, origin, link, feed_language, fetch_pages, timeout, user_agent)


def _entry(entry, origin, link, feed_language, fetch_pages, timeout, user_agent) -> Item:
    title = (entry.get("title") or "").strip() or None
    date = _entry_date(entry)
    entry_id = entry.get("id") or None
    language = normalise_language(entry.get("language")) or feed_language
    if not fetch_pages:
        why = "fetching is off"
    elif not is_http_url(link):
        why = "the entry has no http(s) link"
    else:
        try:
            page = fetch(link, timeout=timeout, user_agent=user_agent)
            html, warnings = decode_html(page.data, link, header_charset(page.content_type))
            item = article_from_html(
                html,
                origin,
                url=page.url,
                article_id=entry_id,
                warnings=warnings,
                fallback_date=date,
                declared_language=language,
            )
            if isinstance(item, ArticleInput):
                item.article.title = item.article.title or title
                return item
            why = f"{link}: {item.error}"
        except FetchError as error:
            why = f"{link}: {error}"
    text = _entry_text(entry)
    if not text:
        return Failure(origin, f"{why}; and the feed entry has no text of its own")
    warning = f"{origin}: page not read ({why}); the text is the feed entry's summary"
    return ArticleInput(text, Article(id=entry_id, url=link, title=title, date=date), origin, [warning], language=language)
