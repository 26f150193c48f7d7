"""HTML ingest never fetches external resources: images, stylesheets, scripts and frames are text to it."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from flashpoint.ingest.readers import Failure, read_file


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"Injected text that must never reach an article.")

    do_POST = do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    _Recorder.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _page(base: str) -> str:
    body = " ".join([("Pakistani troops clashed with Afghan forces at the Torkham border crossing on Monday, "
                     "officials said, and the crossing stayed closed for a second day.")] * 4)
    return f"""<!doctype html>
<html><head>
<title>Border clash at Torkham</title>
<link rel="stylesheet" href="{base}/style.css">
<link rel="preload" href="{base}/font.woff2" as="font">
<link rel="canonical" href="{base}/canonical">
<meta http-equiv="refresh" content="0; url={base}/refresh">
<script src="{base}/app.js"></script>
<base href="{base}/base/">
</head><body>
<article>
<h1>Border clash at Torkham</h1>
<img src="{base}/photo.jpg" srcset="{base}/photo-2x.jpg 2x" alt="troops">
<p>{body}</p>
<iframe src="{base}/frame.html"></iframe>
<object data="{base}/object.swf"></object><embed src="{base}/embed.swf">
<video src="{base}/video.mp4" poster="{base}/poster.jpg"></video>
<p style="background: url({base}/bg.png)">{body}</p>
<p>Read more: <a href="{base}/more">the full story</a>.</p>
<svg><image href="{base}/svg.png"/></svg>
</article>
</body></html>"""


def test_html_ingest_makes_no_requests(server: tuple[str, list[str]], tmp_path: Path) -> None:
    base, hits = server
    path = tmp_path / "page.html"
    path.write_text(_page(base), encoding="utf-8")
    items = list(read_file(path))
    assert len(items) == 1 and not isinstance(items[0], Failure), items
    article = items[0]
    assert "Torkham" in article.text
    assert "Injected" not in article.text
    assert hits == [], f"HTML ingest fetched {hits}"


def test_the_recorder_does_see_a_fetch(server: tuple[str, list[str]]) -> None:
    import urllib.request

    base, hits = server
    with urllib.request.urlopen(f"{base}/probe", timeout=5) as response:
        response.read()
    assert hits == ["/probe"]
