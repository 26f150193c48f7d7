"""Fetching a URL, only when the user asked for it, through a transport tests can replace.

A transport is any callable ``transport(url, timeout=...) -> Response``. The default uses
``urllib``; tests pass a dict-backed fake (``fake_transport({url: (status, content_type, body)})``).
Every failure becomes an ``InputError`` that says what went wrong and what to do.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from flashpoint.errors import InputError
from flashpoint.types import CODER_VERSION

MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"flashpoint/{CODER_VERSION} (+https://github.com/flashpoint; research crawler)"


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content: bytes
    content_type: str = ""

    def text(self) -> str:
        charset = "utf-8"
        for part in self.content_type.split(";"):
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"'")
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


class Transport(Protocol):
    def __call__(self, url: str, *, timeout: float) -> Response: ...


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def urllib_transport(url: str, *, timeout: float) -> Response:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - http(s) only, checked by fetch
        content = reply.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
        return Response(reply.geturl(), reply.status, content, reply.headers.get("Content-Type", ""))


def fetch(url: str, transport: Transport | None = None, *, timeout: float = 20.0) -> Response:
    """GET one http(s) URL; an error that says whether we are offline, refused, or got a bad status."""
    if not is_url(url):
        raise InputError(f"{url!r} is not an http(s) URL")
    transport = transport or urllib_transport
    try:
        response = transport(url, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(
            f"{url}: cannot fetch ({reason}); check the network connection, or give the saved file instead"
        ) from exc
    if response.status >= 400:
        raise InputError(f"{url}: the server answered {response.status}")
    return response


def fake_transport(pages: Mapping[str, tuple[int, str, bytes | str]]) -> Callable[..., Response]:
    """A transport that serves fixed pages and is offline for every other URL (for tests)."""

    def transport(url: str, *, timeout: float) -> Response:
        if url not in pages:
            raise urllib.error.URLError("network is unreachable (offline test transport)")
        status, content_type, body = pages[url]
        return Response(url, status, body.encode("utf-8") if isinstance(body, str) else body, content_type)

    return transport
