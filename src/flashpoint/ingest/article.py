"""Build an Article from raw fields: stable id, cleaned text, parsed date, structure blocks."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dateparser

from flashpoint.errors import EmptyArticleError, InputError
from flashpoint.ingest.structure import blocks
from flashpoint.types import Article

MAX_CHARS = 1_000_000

_TRACKING = re.compile(r"^(utm_|fbclid|gclid|mc_|ref$|cmpid)")


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    query = "&".join(
        pair for pair in sorted(parts.query.split("&")) if pair and not _TRACKING.match(pair.split("=")[0])
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower() or "http", parts.netloc.lower().removeprefix("www."), path, query, ""))


def normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def article_id(text: str, url: str | None = None) -> str:
    # http and https copies of one page are one article.
    basis = "url:" + canonical_url(url).split("://", 1)[1] if url else "text:" + normalise_text(text)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    # Control characters other than newline and tab confuse every downstream stage.
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text.strip()


def parse_date(value: Any, *, source: str | None = None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"cannot read the date {value!r}; give it as YYYY-MM-DD (e.g. 2023-01-03)", source=source)
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError(
            f"cannot read the date {text!r}; give it as YYYY-MM-DD (e.g. 2023-01-03)", source=source
        )
    return parsed.date()


def make_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: Any = None,
    lang: str = "en",
    meta: Mapping[str, Any] | None = None,
    origin: str | None = None,
) -> Article:
    """An Article with a content-derived id; raises EmptyArticleError / InputError on bad input."""
    if not isinstance(text, str):
        raise InputError(f"article text must be a string, got {type(text).__name__}", source=origin)
    text = clean_text(text)
    if not text:
        raise EmptyArticleError("the article has no text; give it a non-empty text field", source=origin)
    if len(text) > MAX_CHARS:
        raise InputError(
            f"the article has {len(text):,} characters, more than the limit of {MAX_CHARS:,}; "
            "split it into several articles",
            source=origin,
        )
    return Article(
        id=article_id(text, url),
        text=text,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        url=url or None,
        source=source or None,
        published=parse_date(published, source=origin),
        lang=lang,
        meta=dict(meta or {}),
        blocks=blocks(text),
    )
