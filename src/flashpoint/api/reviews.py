"""Reviews: the queue of events to check, the review log, and reviewed events exported as gold."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy import func, select

from flashpoint.api import query
from flashpoint.api.deps import FilterDep, PageDep, SortParam, StoreDep
from flashpoint.api.events import run_query
from flashpoint.api.review import gold_records, gold_yaml
from flashpoint.store import schema

router = APIRouter(prefix="/api/reviews", tags=["reviews"])
r = schema.reviews


@router.get("/queue", summary="Events waiting for review, least confident first (event filters apply)")
def queue(request: Request, store: StoreDep, f: FilterDep, paging: PageDep, sort: SortParam = "confidence") -> dict[str, Any]:
    if f.review == "any":
        f = query.EventFilter(**{**f.__dict__, "review": "unreviewed"})
    rows, total = run_query(store, f, sort, paging.limit, paging.offset)
    return paging.body(rows, total, request)


@router.get("", summary="The review log, newest first")
def reviews(request: Request, store: StoreDep, paging: PageDep,
            reviewer: Annotated[str | None, Query(max_length=64)] = None,
            action: Annotated[str | None, Query(pattern="^(confirm|correct|reject)$")] = None) -> dict[str, Any]:
    clauses = []
    if reviewer:
        clauses.append(r.c.reviewer == reviewer)
    if action:
        clauses.append(r.c.action == action)
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(
            select(r).where(*clauses).order_by(r.c.id.desc()).limit(paging.limit).offset(paging.offset))]
        total = int(conn.execute(select(func.count()).select_from(r).where(*clauses)).scalar() or 0)
    return paging.body(rows, total, request)


@router.get("/export", summary="Reviewed events as gold records (JSON, or the YAML gold format)",
            response_model=None)
def export(store: StoreDep, format: Annotated[str, Query(pattern="^(json|yaml)$")] = "json") -> Any:
    if format == "yaml":
        text, _ = gold_yaml(store)
        return PlainTextResponse(text, media_type="application/yaml",
                                 headers={"Content-Disposition": 'attachment; filename="gold.yaml"'})
    items = gold_records(store)
    return {"format": "flashpoint-gold/1", "items": items, "total": len(items)}
