"""WARC files of crawls (``.warc``, ``.warc.gz``) in, Articles out, through the HTML reader.

Every ``response`` (and ``resource``) record of an HTML page with status 200 becomes an article,
its URL taken from ``WARC-Target-URI``; other records (requests, metadata, images, redirects) are
skipped and counted. A page with no main text is a recorded failure, like any HTML file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from flashpoint.errors import InputError
from flashpoint.ingest.readers import Failure, read_html
from flashpoint.types import Article

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _charset(content_type: str) -> str:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return "utf-8"


def warc_articles(paths: Iterable[str | Path], *, limit: int | None = None) -> Iterator[Article | Failure]:
    """Articles from the HTML responses in these WARC files; a bad record fails alone."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Failure(", ".join(map(str, paths)), "reading WARC files needs warcio: pip install warcio")
        return
    count = 0
    for raw in paths:
        path = Path(raw)
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield Failure(str(path), f"cannot read the file ({exc.strerror}); check the path")
            continue
        records = 0
        with handle:
            try:
                for record in ArchiveIterator(handle):
                    records += bool(record.rec_headers.get_header("WARC-Target-URI")
                                    or record.rec_headers.get_header("WARC-Type") == "warcinfo")
                    if limit is not None and count >= limit:
                        return
                    item = _record_article(record, path)
                    if item is None:
                        continue
                    if isinstance(item, Article):
                        count += 1
                    yield item
            except ArchiveLoadFailed as exc:
                yield Failure(str(path), f"not a readable WARC file ({exc}); check that it is WARC or WARC.gz")
                continue
        if records == 0:
            yield Failure(str(path), "no WARC records with a target URI found; check that it is a WARC or WARC.gz file")


def _record_article(record: object, path: Path) -> Article | Failure | None:
    rec_type = getattr(record, "rec_type", "")
    if rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    http = getattr(record, "http_headers", None)
    if rec_type == "response":
        if http is None or not str(http.get_statuscode()).startswith("200"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    body = record.content_stream().read()  # type: ignore[attr-defined]
    try:
        text = body.decode(_charset(content_type), errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    origin = f"{path}#{url}"
    try:
        return read_html(text, origin, url=url or None)
    except InputError as exc:
        return Failure(str(path), f"{url}: {str(exc).removeprefix(origin + ': ')}")
