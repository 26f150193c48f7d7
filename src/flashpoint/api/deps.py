"""What every route needs: the store, the write token check, paging and sorting parameters."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from flashpoint.api.errors import ApiError
from flashpoint.api.query import REVIEW_STATES, EventFilter
from flashpoint.store.db import Store

MAX_LIMIT = 500
MAX_OFFSET = 100_000
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
CODE = r"^[A-Za-z][A-Za-z0-9]{1,31}$"


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>``; without an operator token they are switched off."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(403, "this server is read-only; the operator enables writes with --token or FLASHPOINT_TOKEN",
                       code="read_only")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "send the write token as 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "the token is wrong", headers={"WWW-Authenticate": "Bearer"})


StoreDep = Annotated[Store, Depends(get_store)]
WriteAccess = Depends(require_token)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def body(self, items: list[Any], total: int | None, request: Request) -> dict[str, Any]:
        next_url = None
        if total is not None and self.offset + len(items) < total:
            next_url = str(request.url.include_query_params(offset=self.offset + self.limit, limit=self.limit))
        return {"items": items, "total": total, "limit": self.limit, "offset": self.offset, "next": next_url}


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page, at most {MAX_LIMIT}")] = 50,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]


def event_filter(
    article: Annotated[str | None, Query(max_length=64, description="article id")] = None,
    since: Annotated[str | None, Query(pattern=ISO_DAY, description="on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=ISO_DAY, description="on or before YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 as actor, target or place")] = None,
    actor: Annotated[str | None, Query(pattern=CODE, description="source actor code or ISO3")] = None,
    recipient: Annotated[str | None, Query(pattern=CODE, description="target actor code or ISO3")] = None,
    dyad: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,32}-[A-Za-z0-9]{2,32}$",
                                      description="SOURCE-TARGET codes or ISO3, e.g. PAK-AFG")] = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,16}$", description="PLOVER type, e.g. ASSAULT")] = None,
    mode: Annotated[str | None, Query(max_length=64, description="PLOVER mode")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Annotated[str | None, Query(pattern=r"^(asserted|denied|threatened|planned|hypothetical|claimed|historical)$")] = None,
    place: Annotated[str | None, Query(max_length=100, description="place name, admin1 or ISO3 of the location")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    cluster: Annotated[str | None, Query(max_length=64)] = None,
    aggregate: Annotated[bool | None, Query(description="true: only aggregate reports; false: only single events")] = None,
    located: Annotated[bool | None, Query(description="true: only events with coordinates")] = None,
    document_dated: Annotated[bool | None, Query(
        description="false: leave out events dated only by the document date (date_source 'document'); true: only those")] = None,
    review: Annotated[str, Query(pattern="^(" + "|".join(REVIEW_STATES) + ")$")] = "any",
    include_rejected: Annotated[bool, Query(description="include events an analyst rejected")] = False,
) -> EventFilter:
    return EventFilter(article=article, since=since, until=until, country=country, actor=actor, recipient=recipient,
                       dyad=dyad, event_type=type, mode=mode, quad_class=quad_class, modality=modality, place=place,
                       min_confidence=min_confidence, cluster=cluster, aggregate=aggregate, located=located,
                       document_dated=document_dated,
                       review=review, include_rejected=include_rejected)


FilterDep = Annotated[EventFilter, Depends(event_filter)]
SortParam = Annotated[str, Query(pattern=r"^[-+]?[a-z_]{1,20}$",
                                 description="date, confidence, goldstein, dead, event, article; prefix - for descending")]
