"""RSS and Atom feeds and URLs, against a local HTTP server on 127.0.0.1."""
import time

from ingest_pages import EN_PARAGRAPHS, EN_TEXT, FR_PARAGRAPHS, page
from onrecord.ingest import ArticleInput, Failure, Skipped, iter_sources


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Daily Planet</title><link>{base}/</link><language>en</language>
<item><title>Finance minister resigns</title><link>{base}/resign</link><guid>planet-1</guid>
<pubDate>Sun, 05 Mar 2023 09:00:00 +0000</pubDate>
<description>&lt;p&gt;The finance minister &lt;b&gt;resigned&lt;/b&gt; on Friday.&lt;/p&gt;&lt;p&gt;She said she had done her duty.&lt;/p&gt;</description></item>
<item><title>Gone</title><link>{base}/gone</link><pubDate>Mon, 06 Mar 2023 09:00:00 +0000</pubDate></item>
<item><title>Ministre</title><link>{base}/fr</link><description>La ministre a d\u00e9missionn\u00e9.</description></item>
</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title><id>urn:planet</id><updated>2023-03-07T00:00:00Z</updated>
<entry><title>Undated page</title><link href="{base}/undated"/><id>urn:planet:2</id><updated>2023-03-07T10:00:00Z</updated>
<summary>Short summary.</summary></entry>
<entry><title>Missing page</title><link href="{base}/missing"/><id>urn:planet:3</id><updated>2023-03-08T10:00:00Z</updated>
<content type="html">&lt;p&gt;Full text of the missing page, as the feed carries it.&lt;/p&gt;</content></entry>
</feed>"""


def serve_pages(server):
    server.routes["/resign"] = (200, "text/html; charset=utf-8", page("Finance minister resigns", EN_PARAGRAPHS).encode())
    server.routes["/fr"] = (200, "text/html; charset=utf-8", page("La ministre d\u00e9missionne", FR_PARAGRAPHS, lang="fr").encode())
    server.routes["/undated"] = (200, "text/html", page("Minister speaks", EN_PARAGRAPHS, date=None).encode())


def test_rss_file_entries_are_fetched_and_a_404_without_text_is_a_failure(server, tmp_path):
    serve_pages(server)
    path = tmp_path / "planet.rss"
    path.write_text(rss(server.base))
    got = list(iter_sources([str(path)]))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "Failure", "Skipped"]
    article, gone, french = got
    assert article.origin == f"{path}#entry-1 {server.base}/resign"
    assert article.text == EN_TEXT and article.article.title == "Finance minister resigns"
    assert article.article.date == "2023-03-04"  # the page's own date beats the feed's
    assert article.article.url == f"{server.base}/resign" and article.article.id == "planet-1" and article.warnings == []
    assert gone.origin == f"{path}#entry-2 {server.base}/gone"
    assert gone.error == f"{server.base}/gone: HTTP 404 Not Found; and the feed entry has no text of its own"
    assert (french.reason, french.language) == ("language fr", "fr")
    assert sorted(server.hits) == ["/fr", "/gone", "/resign"]


def test_rss_offline_uses_the_entry_summary_and_says_so(server, tmp_path):
    path = tmp_path / "planet.xml"
    path.write_text(rss(server.base))
    got = list(iter_sources([str(path)], fetch=False, languages=None))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "Failure", "ArticleInput"]
    first = got[0]
    assert first.text == "The finance minister resigned on Friday.\nShe said she had done her duty."
    assert first.article.date == "2023-03-05" and first.article.title == "Finance minister resigns"
    assert first.warnings == [f"{path}#entry-1 {server.base}/resign: page not read (fetching is off); the text is the feed entry's summary"]
    assert got[1].error == "fetching is off; and the feed entry has no text of its own"
    assert got[2].language == "en"  # too short to detect: the feed's <language> is trusted
    assert server.hits == []


def test_atom_feed_url_with_fallback_dates_and_a_missing_page(server):
    serve_pages(server)
    server.routes["/feed"] = (200, "application/atom+xml", atom(server.base).encode())
    got = list(iter_sources([f"{server.base}/feed"]))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "ArticleInput"]
    undated, missing = got
    assert undated.origin == f"{server.base}/feed#entry-1 {server.base}/undated"
    assert undated.text == EN_TEXT and undated.article.date == "2023-03-07"  # no date in the page: the entry's
    assert missing.text == "Full text of the missing page, as the feed carries it."
    assert missing.article.date == "2023-03-08" and "HTTP 404 Not Found" in missing.warnings[0]


def test_page_urls_404_timeouts_and_fetching_off(server):
    serve_pages(server)
    server.routes["/slow"] = (200, "text/html", b"")
    original = server.RequestHandlerClass.do_GET

    def do_get(handler):
        if handler.path == "/slow":
            time.sleep(1.5)
        original(handler)

    server.RequestHandlerClass.do_GET = do_get
    urls = [f"{server.base}/resign", f"{server.base}/nothing", f"{server.base}/slow"]
    got = list(iter_sources(urls, timeout=0.5))
    assert isinstance(got[0], ArticleInput) and got[0].origin == urls[0] and got[0].text == EN_TEXT
    assert got[0].article.url == urls[0] and got[0].article.date == "2023-03-04"
    assert (got[1].origin, got[1].error) == (urls[1], "HTTP 404 Not Found")
    assert (got[2].origin, got[2].error) == (urls[2], "timed out after 0.5 s")
    (off,) = list(iter_sources(urls[:1], fetch=False))
    assert isinstance(off, Failure) and off.error == "not fetched: fetching is off"


def test_a_feed_with_no_entries_and_a_non_feed_xml(tmp_path):
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>http://x</loc></url></urlset>')
    got = list(iter_sources([str(empty), str(sitemap)]))
    assert [(type(i).__name__, i.error) for i in got] == [
        ("Failure", "feed has no entries"), ("Failure", "XML, but not an RSS or Atom feed")]
    assert not any(isinstance(i, Skipped) for i in got)
