"""One error shape for every error the API returns, 404, 422 and 500 included:

    {"error": {"status": 404, "code": "not_found", "message": "no article with id 'x'", "detail": null}}

Browser pages get the same fields rendered as an HTML page; ``/api/...`` paths and ``?format=json``
always get the JSON.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from flashpoint.errors import FlashpointError, InputError

log = logging.getLogger("flashpoint.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_input",
         500: "internal_error", 501: "not_implemented", 503: "unavailable"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, code: str | None = None, detail: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.detail = detail
        self.headers = headers


def not_found(what: str, value: str) -> ApiError:
    return ApiError(404, f"no {what} with id {value!r}")


def error_body(status: int, message: str, *, code: str | None = None, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message,
                      "detail": detail}}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or request.query_params.get("format") in ("json", "csv", "jsonl"):
        return True
    accept = request.headers.get("accept", "")
    return "text/html" not in accept


def respond(request: Request, status: int, message: str, *, code: str | None = None, detail: Any = None,
            headers: dict[str, str] | None = None) -> Response:
    body = error_body(status, message, code=code, detail=detail)
    if wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    from flashpoint.web.pages import render_error

    return render_error(request, body["error"], headers=headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for item in exc.errors():
        out.append({"loc": [str(part) for part in item.get("loc", ())], "message": item.get("msg"),
                    "type": item.get("type")})
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, code=exc.code, detail=exc.detail, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /api/openapi.json for the API"
        headers = getattr(exc, "headers", None)
        return respond(request, exc.status_code, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = _validation_detail(exc)
        first = detail[0] if detail else {}
        where = ".".join(p for p in first.get("loc", []) if p not in ("query", "body", "path"))
        message = f"invalid {where or 'input'}: {first.get('message', 'bad value')}"
        return respond(request, 422, message, detail=detail)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        return respond(request, 422, str(exc))

    @app.exception_handler(LookupError)
    async def _lookup(request: Request, exc: LookupError) -> Response:
        return respond(request, 404, str(exc.args[0]) if exc.args else "not found")

    @app.exception_handler(FlashpointError)
    async def _flashpoint_error(request: Request, exc: FlashpointError) -> Response:
        return respond(request, 500, str(exc), code="store_error")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, "internal error; the server log has the traceback",
                       detail={"type": exc.__class__.__name__})
