"""The app factory: the JSON API under /api, the dashboard pages beside it, one error shape.

    app = create_app("flashpoint.db")                 # read-only
    app = create_app("flashpoint.db", token="s3cret") # POST /api/articles and reviews need the token

The OpenAPI spec is at /api/openapi.json. No page or asset is loaded from another host.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from flashpoint.api import actors, analysis, articles, clusters, errors, events, places, reviews, statements
from flashpoint.api.deps import StoreDep
from flashpoint.store import open_store
from flashpoint.store.schema import SCHEMA_VERSION
from flashpoint.types import CODER_VERSION

# Article text is untrusted: pages run only the project's own scripts, never inline ones.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


class DropEmptyParams:
    """Pages are driven by plain GET forms: an empty field means "no filter", not an invalid value."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            pairs = [p for p in scope["query_string"].split(b"&") if p and not p.endswith(b"=")]
            scope = {**scope, "query_string": b"&".join(pairs)}
        await self.app(scope, receive, send)


def create_app(db_url: str | None = None, *, token: str | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db_url``; writes are enabled only with a ``token``."""
    app = FastAPI(
        title="flashpoint",
        version=CODER_VERSION,
        description="Who did or said what to whom, where and when, read from news text. Lists page with "
                    "limit/offset; every error is {\"error\": {status, code, message, detail}}. Writes need "
                    "'Authorization: Bearer <token>' set by the operator (flashpoint serve --token).",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock docs pages load scripts from a CDN
        redoc_url=None,
    )
    app.state.store = open_store(db_url)
    app.state.token = token or None
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(DropEmptyParams)

    @app.get("/api", tags=["meta"], summary="What this server offers")
    def index(store: StoreDep) -> dict[str, Any]:
        return {
            "name": "flashpoint", "coder_version": CODER_VERSION, "schema_version": SCHEMA_VERSION,
            "writable": bool(app.state.token), "openapi": "/api/openapi.json",
            "counts": {table: store.count(table) for table in ("articles", "events", "statements", "reviews")},
            "resources": ["/api/articles", "/api/events", "/api/events/export", "/api/statements", "/api/actors",
                          "/api/places", "/api/places/map", "/api/clusters", "/api/timeline", "/api/dyads",
                          "/api/tension/{source}/{target}", "/api/alerts", "/api/network", "/api/hotspots",
                          "/api/reviews", "/api/reviews/queue", "/api/reviews/export"],
        }

    @app.get("/api/health", tags=["meta"], summary="Liveness and store reachability")
    def health(store: StoreDep) -> dict[str, Any]:
        return {"ok": True, "articles": store.count("articles")}

    for module in (articles, events, statements, actors, places, clusters, analysis, reviews):
        app.include_router(module.router)

    from flashpoint.web import pages

    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(pages.STATIC)), name="static")
    return app
