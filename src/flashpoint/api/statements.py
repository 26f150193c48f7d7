"""Statements: who said what, filtered by article, speaker, stance and kind."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, or_, select

from flashpoint.api.deps import PageDep, StoreDep
from flashpoint.api.errors import not_found
from flashpoint.store import schema
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/statements", tags=["statements"])
s = schema.statements
STANCES = "accuse|deny|threaten|demand|appeal|promise|praise|reject|neutral"


def list_statements(store: Store, *, article: str | None, speaker: str | None, stance: str | None,
                    kind: str | None, since: str | None, until: str | None, limit: int,
                    offset: int) -> tuple[list[dict[str, Any]], int]:
    clauses = []
    if article:
        clauses.append(s.c.article_id == article)
    if speaker:
        clauses.append(or_(s.c.speaker_code == speaker.upper(), func.lower(s.c.speaker_name).like(f"%{speaker.lower()}%")))
    if stance:
        clauses.append(s.c.stance == stance)
    if kind:
        clauses.append(s.c.kind == kind)
    if since:
        clauses.append(s.c.date >= since)
    if until:
        clauses.append(s.c.date <= until + "~")
    stmt = (select(s.c.record).where(*clauses).order_by(s.c.date.desc().nulls_last(), s.c.article_id, s.c.id)
            .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        rows = [row[0] for row in conn.execute(stmt)]
        total = int(conn.execute(select(func.count()).select_from(s).where(*clauses)).scalar() or 0)
    return rows, total


@router.get("", summary="List statements and quotes")
def statements(
    request: Request, store: StoreDep, paging: PageDep,
    article: Annotated[str | None, Query(max_length=64)] = None,
    speaker: Annotated[str | None, Query(max_length=100, description="speaker code or part of the name")] = None,
    stance: Annotated[str | None, Query(pattern=f"^({STANCES})$")] = None,
    kind: Annotated[str | None, Query(pattern="^(direct|partial|indirect)$")] = None,
    since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    until: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
) -> dict[str, Any]:
    rows, total = list_statements(store, article=article, speaker=speaker, stance=stance, kind=kind, since=since,
                                  until=until, limit=paging.limit, offset=paging.offset)
    return paging.body(rows, total, request)


@router.get("/{statement_id}", summary="One statement")
def statement(statement_id: str, store: StoreDep) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(select(s.c.record).where(s.c.id == statement_id)).first()
    if row is None:
        raise not_found("statement", statement_id)
    return dict(row[0])

