"""Pages, feeds and WARC files the ingest tests build (no network)."""

from __future__ import annotations

import io

EN_PARAGRAPHS = [
    "The finance minister resigned on Friday after weeks of pressure over the budget, officials said in a statement.",
    "\u201cI have done my duty,\u201d she told reporters outside parliament, adding that she would stay in the party.",
    "The prime minister thanked her for her service and said a successor would be named next week.",
]
EN_TEXT = "\n".join(EN_PARAGRAPHS)

DE_PARAGRAPHS = [
    "Die Finanzministerin ist am Freitag nach wochenlangem Druck wegen des Haushalts zur\u00fcckgetreten, teilte die Regierung mit.",
    "\u201eIch habe meine Pflicht getan\u201c, sagte sie vor dem Parlament zu Journalisten und f\u00fcgte hinzu, dass sie in der Partei bleibe.",
    "Der Ministerpr\u00e4sident dankte ihr f\u00fcr ihre Arbeit und sagte, ein Nachfolger werde n\u00e4chste Woche benannt.",
]
FR_PARAGRAPHS = [
    "La ministre des Finances a d\u00e9missionn\u00e9 vendredi apr\u00e8s des semaines de pression sur le budget, a annonc\u00e9 le gouvernement.",
    "\u00ab J'ai fait mon devoir \u00bb, a-t-elle d\u00e9clar\u00e9 aux journalistes devant le Parlement, ajoutant qu'elle resterait au parti.",
    "Le Premier ministre l'a remerci\u00e9e pour son travail et a dit qu'un successeur serait nomm\u00e9 la semaine prochaine.",
]


def page(title: str, paragraphs: list[str], *, date: str | None = "2023-03-04T10:00:00+01:00", lang: str = "en",
         canonical: str | None = None, charset: str = "utf-8") -> str:
    """A news page with boilerplate (nav, ads, related links, footer) around the article."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{title} | The Daily Planet</title>{meta}{link}
<meta name="author" content="Jane Roe"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad-banner">ADVERTISEMENT: Buy the new Phone X today, free shipping for subscribers!</div>
<main><article><h1>{title}</h1>{body}</article></main>
<aside class="related"><h3>Read more</h3><ul><li><a href="/a">Ten cats that look like politicians</a></li></ul></aside>
<footer><p>Copyright 2023 The Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def make_warc(pages: list[tuple[str, bytes, str]], *, gzip: bool = True, warc_date: str = "2023-03-06T08:00:00Z") -> bytes:
    """A WARC with a warcinfo record, then for each (url, body, content type) a
    request and a response record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "onrecord tests"}))
    for url, body, content_type in pages:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request,
                                                      warc_headers_dict={"WARC-Date": warc_date}))
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": warc_date}))
    return buffer.getvalue()
