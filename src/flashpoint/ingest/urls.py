"""GDELT-style URL lists in: a text file of URLs, or a TSV/CSV whose rows hold one (GDELT event
and mention exports put it in the last column, SOURCEURL / MentionIdentifier).

The pages are fetched only with ``fetch=True``, through an injectable transport; a 14-digit
``DATEADDED`` (or 8-digit date) in the row is kept as the publication date when the page has none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import InputError
from flashpoint.ingest.feeds import page_article
from flashpoint.ingest.readers import Failure
from flashpoint.ingest.transport import Transport, is_url
from flashpoint.types import Article

_SPLIT = re.compile(r"[\t,]")
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{6})?$")


@dataclass(frozen=True)
class Listed:
    url: str
    line: int
    published: dt.date | None = None


def listed_urls(path: str | Path) -> list[Listed]:
    """Distinct URLs of the list in file order, with the date the row gives (if any)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read the URL list ({exc.strerror}); check the path", source=str(path)) from exc
    out: list[Listed] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip().strip('"') for c in _SPLIT.split(line)] if "\t" in line or "," in line else [line.strip()]
        urls = [c for c in cells if is_url(c)]
        if not urls:
            continue
        url = urls[-1]
        if url in seen:
            continue
        seen.add(url)
        out.append(Listed(url, number, _row_date(cells)))
    return out


def _row_date(cells: list[str]) -> dt.date | None:
    found = None
    for cell in cells:
        match = _STAMP.match(cell)
        if not match:
            continue
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        if match[4] or found is None:  # DATEADDED (14 digits) beats SQLDATE (the event's date)
            found = day
    return found


def url_articles(path: str | Path, *, fetch: bool = False, transport: Transport | None = None,
                 limit: int | None = None) -> Iterator[Article | Failure]:
    source = str(path)
    try:
        listed = listed_urls(path)
    except InputError as exc:
        yield Failure(source, str(exc).removeprefix(f"{source}: "))
        return
    if not listed:
        yield Failure(source, "no http(s) URLs found; give one URL a line, or a TSV/CSV with a URL column")
        return
    if not fetch:
        yield Failure(source, f"the list holds {len(listed)} URLs; pass --fetch to download the pages "
                              "(nothing is fetched unless asked)")
        return
    for item in listed[:limit] if limit is not None else listed:
        try:
            yield page_article(item.url, transport, published=item.published, origin=item.url)
        except InputError as exc:
            yield Failure(source, str(exc).removeprefix(f"{item.url}: "), item.line)
