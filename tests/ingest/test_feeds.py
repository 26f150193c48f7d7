"""Feeds, sitemaps and URL lists, offline: files written here and a fake transport."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.errors import InputError
from flashpoint.ingest.feeds import feed_articles, html_text, parse_feed
from flashpoint.ingest.readers import Failure
from flashpoint.ingest.transport import fake_transport, fetch
from flashpoint.ingest.urls import listed_urls, url_articles
from flashpoint.types import Article

BODY = ("Security forces said on Tuesday they had cleared a compound in the north-west after a siege "
        "that lasted two days. Officials said several attackers were killed and two officers were hurt. ") * 3


def page(title: str) -> str:
    paragraphs = "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(3))
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2023-01-03'>"
            f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title>
<item><title>Full text item</title><link>https://news.example/full</link>
<pubDate>Tue, 03 Jan 2023 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{BODY}</p><p>{BODY}</p>]]></content:encoded></item>
<item><title>Summary item</title><link>https://news.example/summary</link>
<pubDate>Wed, 04 Jan 2023 08:00:00 GMT</pubDate><description>Talks resumed in Kabul.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Atom entry</title><link rel="alternate" href="https://news.example/atom"/>
<published>2023-01-05T09:00:00Z</published><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a</loc><news:news><news:publication_date>2023-01-02</news:publication_date>
<news:title>Page A</news:title></news:news></url>
<url><loc>https://news.example/b</loc><lastmod>2023-01-06</lastmod></url>
</urlset>"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_rss_full_text_item_becomes_an_article_and_summary_needs_fetch(tmp_path: Path) -> None:
    items = list(feed_articles([write(tmp_path, "wire.rss", RSS)]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == 1 and articles[0].url == "https://news.example/full"
    assert articles[0].published == dt.date(2023, 1, 3) and articles[0].source == "Example Wire"
    assert "\n\n" in articles[0].text
    assert len(failures) == 1 and "--fetch" in failures[0].message and "summary" in failures[0].message


def test_summary_item_fetched_through_the_transport(tmp_path: Path) -> None:
    transport = fake_transport({"https://news.example/summary": (200, "text/html; charset=utf-8", page("Talks"))})
    items = list(feed_articles([write(tmp_path, "wire.rss", RSS)], fetch=True, transport=transport))
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    fetched = next(i for i in items if i.url == "https://news.example/summary")
    assert "cleared a compound" in fetched.text and fetched.published is not None


def test_summaries_flag_uses_the_summary(tmp_path: Path) -> None:
    items = list(feed_articles([write(tmp_path, "wire.rss", RSS)], use_summary=True))
    assert any(isinstance(i, Article) and i.text == "Talks resumed in Kabul." for i in items)


def test_atom_entry(tmp_path: Path) -> None:
    (article,) = list(feed_articles([write(tmp_path, "wire.atom", ATOM)]))
    assert isinstance(article, Article) and article.url == "https://news.example/atom"
    assert article.published == dt.date(2023, 1, 5) and article.text.startswith("Security forces")


def test_sitemap_needs_fetch_and_then_reads_every_page(tmp_path: Path) -> None:
    path = write(tmp_path, "sitemap.xml", SITEMAP)
    (failure,) = list(feed_articles([path]))
    assert isinstance(failure, Failure) and "2 pages" in failure.message and "--fetch" in failure.message
    transport = fake_transport({"https://news.example/a": (200, "text/html", page("Page A"))})
    items = list(feed_articles([path], fetch=True, transport=transport))
    assert isinstance(items[0], Article) and items[0].url == "https://news.example/a"
    assert isinstance(items[1], Failure) and "network" in items[1].message  # offline for page b


def test_feed_url_without_fetch_is_a_clear_failure() -> None:
    (failure,) = list(feed_articles(["https://news.example/feed.xml"]))
    assert isinstance(failure, Failure) and "--fetch" in failure.message


def test_offline_fetch_says_so() -> None:
    with pytest.raises(InputError, match="check the network"):
        fetch("https://news.example/x", fake_transport({}))
    with pytest.raises(InputError, match="answered 404"):
        fetch("https://news.example/x", fake_transport({"https://news.example/x": (404, "text/html", "")}))


def test_bad_xml_and_entities_are_refused(tmp_path: Path) -> None:
    (failure,) = list(feed_articles([write(tmp_path, "bad.xml", "<rss><channel><item>")]))
    assert isinstance(failure, Failure)
    bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><title>&a;</title></channel></rss>'
    with pytest.raises(InputError):
        parse_feed(bomb.encode(), "bomb.xml")
    with pytest.raises(InputError, match="root element <html>"):
        parse_feed(b"<html><body/></html>", "page.xml")


def test_html_text_keeps_paragraphs() -> None:
    assert html_text("<p>One &amp; two.</p><script>x()</script><p>Three.</p>") == "One & two.\n\nThree."


GDELT_ROWS = "\n".join([
    "\t".join(["1001", "20230102"] + [""] * 57 + ["20230103101500", "https://news.example/a"]),
    "\t".join(["1002", "20230102"] + [""] * 57 + ["20230103111500", "https://news.example/a"]),  # repeated URL
    "\t".join(["1003", "20230104"] + [""] * 57 + ["20230105000000", "https://news.example/c"]),
])


def test_gdelt_url_list_parsing(tmp_path: Path) -> None:
    listed = listed_urls(write(tmp_path, "events.export.CSV", GDELT_ROWS))
    assert [i.url for i in listed] == ["https://news.example/a", "https://news.example/c"]
    assert listed[0].published == dt.date(2023, 1, 3)
    plain = listed_urls(write(tmp_path, "urls.txt", "# saved\nhttps://x.example/1\n\nhttps://x.example/2\n"))
    assert [i.url for i in plain] == ["https://x.example/1", "https://x.example/2"] and plain[0].published is None


def test_url_list_fetches_only_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path, "events.tsv", GDELT_ROWS)
    (failure,) = list(url_articles(path))
    assert isinstance(failure, Failure) and "2 URLs" in failure.message and "--fetch" in failure.message
    transport = fake_transport({"https://news.example/a": (200, "text/html", page("Page A"))})
    items = list(url_articles(path, fetch=True, transport=transport))
    assert isinstance(items[0], Article) and items[0].url == "https://news.example/a"
    assert isinstance(items[1], Failure) and items[1].line == 3


@pytest.mark.model
def test_feed_items_are_extracted_and_stored(tmp_path: Path) -> None:
    from flashpoint.ingest.sources import ingest_items
    from flashpoint.store import open_store

    store = open_store(str(tmp_path / "feeds.db"))
    path = write(tmp_path, "wire.rss", RSS)
    result = ingest_items(feed_articles([path]), store, command="feeds")
    assert result.stored == 1 and len(result.failures) == 1 and store.count("articles") == 1
    again = ingest_items(feed_articles([path]), store, command="feeds")
    assert again.stored == 0 and again.skipped == 1  # idempotent by article id
    assert store.failures(result.run_id)[0]["message"].endswith("--summaries to use the summary")
    store.close()
