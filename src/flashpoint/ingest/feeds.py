"""RSS, Atom and sitemap files (or URLs) in, Articles (or recorded failures) out.

An item whose feed carries the full text (``content:encoded``, Atom ``content``) becomes an article
directly. An item with only a summary, and every URL of a sitemap, needs its page: it is fetched
only with ``fetch=True`` (``flashpoint feeds --fetch``); otherwise it is reported as a failure that
says so. ``use_summary=True`` takes the summary as the text instead. XML is parsed with defusedxml
when it is installed (it is a dependency), else with the standard library, refusing entity
declarations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from flashpoint.errors import InputError
from flashpoint.ingest.article import make_article
from flashpoint.ingest.readers import Failure, read_html
from flashpoint.ingest.transport import Transport, fetch, is_url
from flashpoint.types import Article

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
MIN_TEXT_CHARS = 400  # shorter feed text is a summary, not the article


@dataclass(frozen=True)
class FeedItem:
    link: str | None
    title: str | None = None
    published: str | None = None
    summary: str | None = None
    content: str | None = None


@dataclass
class Feed:
    kind: str  # rss | atom | sitemap | sitemapindex
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def _parse_xml(data: bytes, source: str) -> Any:
    try:
        from defusedxml import ElementTree as safe_tree

        return safe_tree.fromstring(data)
    except ImportError:
        import xml.etree.ElementTree as tree

        if b"<!ENTITY" in data[:4096]:
            raise InputError("the feed declares XML entities, which are refused; install defusedxml",
                             source=source) from None
        try:
            return tree.fromstring(data)
        except tree.ParseError as exc:
            raise InputError(f"not well-formed XML ({exc}); check the file", source=source) from exc
    except Exception as exc:  # defusedxml raises ParseError and its own refusals
        raise InputError(f"not a readable feed or sitemap ({exc.__class__.__name__}: {exc})", source=source) from exc


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(element: Any, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None


def parse_feed(data: bytes, source: str = "<feed>") -> Feed:
    root = _parse_xml(data, source)
    kind = _local(root.tag)
    if kind == "urlset":
        items = []
        for url in root:
            if _local(url.tag) != "url":
                continue
            loc = _child_text(url, "loc")
            news = next((c for c in url if _local(c.tag) == "news"), None)
            title = _child_text(news, "title") if news is not None else None
            published = (_child_text(news, "publication_date") if news is not None else None) or _child_text(url, "lastmod")
            if loc:
                items.append(FeedItem(loc, title, published))
        return Feed("sitemap", None, items)
    if kind == "sitemapindex":
        return Feed("sitemapindex", None, [FeedItem(loc) for s in root if (loc := _child_text(s, "loc"))])
    if kind == "feed":  # Atom
        items = []
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            link = None
            for child in entry:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
                    break
            items.append(FeedItem(link, _child_text(entry, "title"), _child_text(entry, "published", "updated"),
                                  _child_text(entry, "summary"), _child_text(entry, "content")))
        return Feed("atom", _child_text(root, "title"), items)
    if kind in ("rss", "rdf"):
        channel = next((c for c in root if _local(c.tag) == "channel"), root)
        items = []
        for item in root.iter():
            if _local(item.tag) != "item":
                continue
            link = _child_text(item, "link") or _guid_link(item)
            items.append(FeedItem(link, _child_text(item, "title"), _child_text(item, "pubdate", "date"),
                                  _child_text(item, "description"), _child_text(item, "encoded")))
        return Feed("rss", _child_text(channel, "title"), items)
    raise InputError(f"not an RSS/Atom feed or a sitemap (root element <{kind}>)", source=source)


def _guid_link(item: Any) -> str | None:
    for child in item:
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true") != "false":
            text = (child.text or "").strip()
            return text if is_url(text) else None
    return None


class _TextOf(HTMLParser):
    """Plain text of an HTML fragment, one paragraph per block element."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _TextOf()
    parser.feed(fragment)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(parser.parts))]
    return "\n\n".join(p for p in paragraphs if p)


def feed_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def page_article(url: str, transport: Transport | None, *, title: str | None = None,
                 published: dt.date | None = None, origin: str | None = None) -> Article:
    """Fetch a page and read its main text; the feed's title and date fill what the page lacks."""
    response = fetch(url, transport)
    article = read_html(response.text(), origin or url, url=url)
    changes: dict[str, Any] = {}
    if article.published is None and published is not None:
        changes["published"] = published
    if not article.title and title:
        changes["title"] = title
    return dataclasses.replace(article, **changes) if changes else article


def read_source(source: str, *, fetch_pages: bool, transport: Transport | None) -> bytes:
    if is_url(source):
        if not fetch_pages:
            raise InputError(f"{source} is a URL; pass --fetch to download it (nothing is fetched unless asked)")
        return fetch(source, transport).content
    path = Path(source)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check the path", source=source) from exc


def feed_articles(sources: Iterable[str], *, fetch: bool = False, use_summary: bool = False,
                  transport: Transport | None = None, limit: int | None = None) -> Iterator[Article | Failure]:
    """Articles from feed and sitemap files or URLs; a bad item fails alone."""
    count = 0
    pending = list(sources)
    seen: set[str] = set()
    while pending:
        source = pending.pop(0)
        try:
            feed = parse_feed(read_source(source, fetch_pages=fetch, transport=transport), source)
        except InputError as exc:
            yield Failure(source, str(exc).removeprefix(f"{source}: "))
            continue
        if feed.kind == "sitemapindex":
            pending.extend(item.link for item in feed.items if item.link)
            continue
        if feed.kind == "sitemap" and not fetch:
            yield Failure(source, f"this sitemap lists {len(feed.items)} pages; pass --fetch to download them")
            continue
        for item in feed.items:
            if limit is not None and count >= limit:
                return
            key = item.link or item.title or ""
            if key in seen:
                continue
            seen.add(key)
            result = _item_article(item, feed, source, fetch=fetch, use_summary=use_summary, transport=transport)
            if isinstance(result, Article):
                count += 1
            yield result


def _item_article(item: FeedItem, feed: Feed, source: str, *, fetch: bool, use_summary: bool,
                  transport: Transport | None) -> Article | Failure:
    where = item.link or item.title or "an item"
    published = feed_date(item.published)
    content = html_text(item.content or "")
    summary = html_text(item.summary or "")
    try:
        if len(content) >= MIN_TEXT_CHARS:
            return make_article(content, title=item.title, url=item.link, published=published, source=feed.title,
                                meta={"origin": source, "feed": feed.kind}, origin=source)
        if fetch and item.link:
            return page_article(item.link, transport, title=item.title, published=published, origin=item.link)
        text = content or summary
        if use_summary and text:
            return make_article(text, title=item.title, url=item.link, published=published, source=feed.title,
                                meta={"origin": source, "feed": feed.kind, "summary_only": True}, origin=source)
    except InputError as exc:
        return Failure(source, f"{where}: {exc}")
    return Failure(source, f"{where}: the feed has only a summary ({len(content or summary)} characters); "
                           "pass --fetch to download the article, or --summaries to use the summary")
