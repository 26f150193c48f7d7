"""WARC crawls: HTML responses become articles through the HTML reader; the rest is skipped."""

from __future__ import annotations

import io
from pathlib import Path

from flashpoint.ingest.readers import Failure
from flashpoint.ingest.warc import is_warc, warc_articles
from flashpoint.types import Article

BODY = ("Officials in Peshawar said on Monday that talks with the neighbouring government would resume "
        "next week after a border crossing was closed for several days. ") * 4
PAGE = (f"<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1>"
        f"<p>{BODY}</p><p>{BODY}</p></article></body></html>")


def write_warc(path: Path, gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        writer.write_record(writer.create_warc_record("https://news.example/robots.txt", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response("https://news.example/talks", "200 OK", "text/html; charset=utf-8", PAGE.encode())
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://news.example/moved", "301 Moved", "text/html", b"<html></html>")
        response("https://news.example/empty", "200 OK", "text/html", b"<html><body></body></html>")


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    for name, gzip in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        write_warc(path, gzip)
        assert is_warc(path)
        items = list(warc_articles([path]))
        articles = [i for i in items if isinstance(i, Article)]
        failures = [i for i in items if isinstance(i, Failure)]
        assert len(articles) == 1 and articles[0].url == "https://news.example/talks"
        assert "Officials in Peshawar" in articles[0].text
        assert len(failures) == 1 and "news.example/empty" in failures[0].message


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    path.write_bytes(b"this is not a warc file at all\n")
    (failure,) = list(warc_articles([path]))
    assert isinstance(failure, Failure) and "WARC" in failure.message
    (missing,) = list(warc_articles([tmp_path / "missing.warc"]))
    assert isinstance(missing, Failure) and "cannot read" in missing.message
