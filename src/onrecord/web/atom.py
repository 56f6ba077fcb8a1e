"""Atom 1.0 feeds (RFC 4287) for watches, built with ElementTree so every value is escaped."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _stamp(date: str | None, fallback: dt.datetime) -> str:
    """Atom needs full RFC 3339 timestamps; article dates are days."""
    if date and len(date) >= 10:
        try:
            return dt.date.fromisoformat(date[:10]).isoformat() + "T00:00:00Z"
        except ValueError:
            pass
    return fallback.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str | None) -> str:
    """XML 1.0 forbids most control characters; drop them."""
    if not text:
        return ""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def watch_feed(watch: dict, rows: list[dict], *, base: str, describe: str) -> bytes:
    now = dt.datetime.now(dt.timezone.utc)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed_url = f"{base}/watches/{watch['id']}/feed.atom"
    _el(feed, "id", feed_url)
    _el(feed, "title", _clean(f"onrecord watch: {watch['name']}"))
    _el(feed, "subtitle", _clean(describe))
    _el(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    _el(feed, "link", rel="alternate", href=f"{base}/watches", type="text/html")
    _el(feed, "generator", "onrecord")
    author = _el(feed, "author")
    _el(author, "name", "onrecord")
    created = watch.get("created_at")
    created_dt = dt.datetime.fromisoformat(created) if isinstance(created, str) else now
    if created_dt.tzinfo is None:
        created_dt = created_dt.replace(tzinfo=dt.timezone.utc)
    stamps = [_stamp(r.get("date"), created_dt) for r in rows]
    _el(feed, "updated", max(stamps) if stamps else _stamp(None, created_dt))
    for row, stamp in zip(rows, stamps):
        entry = _el(feed, "entry")
        if watch["kind"] == "events":
            anchor = f"event-{row['event_id']}"
            title = (f"{row.get('source_names') or '?'} {row['type']} {row.get('target_names') or ''}"
                     f" ({row['factuality']})")
            body = row.get("sentence") or row.get("trigger") or ""
        else:
            anchor = f"quote-{row['attribution_id']}"
            title = f"{row.get('speaker') or row.get('source_text') or 'unknown'}: {row.get('cue') or row['kind']}"
            body = row.get("quote") or ""
        link = f"{base}/articles/{row['article_id']}#{anchor}"
        _el(entry, "id", link)
        _el(entry, "title", _clean(title.strip()))
        _el(entry, "updated", stamp)
        _el(entry, "link", rel="alternate", href=link, type="text/html")
        summary = f"{row.get('title') or ''} — {row.get('date') or 'undated'}, {row.get('source') or ''}"
        _el(entry, "summary", _clean(summary))
        _el(entry, "content", _clean(body), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
