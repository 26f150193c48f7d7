"""The REST API (FastAPI): ``create_app(db_url, *, token=None)``; see docs/api.md."""

from __future__ import annotations

from typing import Any


def create_app(db_url: str | None = None, *, token: str | None = None) -> Any:
    from flashpoint.api.app import create_app as factory

    return factory(db_url, token=token)


__all__ = ["create_app"]
