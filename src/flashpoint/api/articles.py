"""Articles: list, one article with its text and everything extracted from it, and ingest (token)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, or_, select

from flashpoint.api import query
from flashpoint.api.deps import PageDep, StoreDep, WriteAccess
from flashpoint.api.errors import ApiError, not_found
from flashpoint.api.highlight import annotations
from flashpoint.api.review import apply_reviews
from flashpoint.store import schema
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/articles", tags=["articles"])
a = schema.articles

ARTICLE_SORTS = {"published": a.c.published, "ingested": a.c.ingested_at, "title": a.c.title, "id": a.c.id}
MAX_TEXT = 1_000_000


def list_articles(store: Store, *, q: str | None, sort: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    descending = sort.startswith("-")
    name = sort.lstrip("-+")
    if name not in ARTICLE_SORTS:
        raise ApiError(422, f"cannot sort articles by {name!r}; use one of {', '.join(sorted(ARTICLE_SORTS))}")
    column = ARTICLE_SORTS[name]
    n_events = select(func.count()).select_from(schema.events).where(schema.events.c.article_id == a.c.id)
    clauses = []
    if q:
        like = f"%{q.lower()}%"
        clauses.append(or_(func.lower(a.c.title).like(like), func.lower(a.c.source).like(like), a.c.id.like(q + "%")))
    stmt = (select(a.c.id, a.c.title, a.c.url, a.c.source, a.c.published, a.c.doc_date, a.c.ingested_at,
                   a.c.duplicate_of, func.length(a.c.text).label("chars"), n_events.scalar_subquery().label("events"))
            .where(*clauses)
            .order_by(column.desc().nulls_last() if descending else column.asc().nulls_first(), a.c.id)
            .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
        total = int(conn.execute(select(func.count()).select_from(a).where(*clauses)).scalar() or 0)
    return rows, total


def resolve_id(store: Store, article_id: str) -> str:
    """A full id, or a unique prefix of at least 6 characters."""
    with store.engine.connect() as conn:
        if conn.execute(select(a.c.id).where(a.c.id == article_id)).first():
            return article_id
        if len(article_id) >= 6:
            ids = [r[0] for r in conn.execute(select(a.c.id).where(a.c.id.like(article_id + "%")).limit(2))]
            if len(ids) == 1:
                return ids[0]
    raise not_found("article", article_id)


def full_article(store: Store, article_id: str) -> dict[str, Any]:
    """The article, its extraction, its events (reviews applied, rejected ones flagged) and statements."""
    record = store.article(resolve_id(store, article_id))
    record["events"] = apply_reviews(store, record["events"])
    record["annotations"] = annotations(record)
    return record


@router.get("", summary="List articles")
def articles(request: Request, store: StoreDep, paging: PageDep,
             q: Annotated[str | None, Query(max_length=200, description="words in the title or source, or an id prefix")] = None,
             sort: Annotated[str, Query(pattern=r"^[-+]?[a-z_]{1,20}$",
                                        description="published, ingested, title, id; prefix - for descending")] = "-published",
             ) -> dict[str, Any]:
    rows, total = list_articles(store, q=q, sort=sort, limit=paging.limit, offset=paging.offset)
    return paging.body(rows, total, request)


@router.get("/{article_id}", summary="One article with its text and every extraction")
def article(article_id: str, store: StoreDep) -> dict[str, Any]:
    return full_article(store, article_id)


@router.get("/{article_id}/events", summary="The events of one article, reviews applied")
def article_events(article_id: str, store: StoreDep) -> dict[str, Any]:
    full_id = resolve_id(store, article_id)
    rows, total = query.events(store, query.EventFilter(article=full_id, include_rejected=True), sort="article",
                               limit=500)
    return {"items": rows, "total": total}


class NewArticle(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the article text (plain text)")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    published: dt.date | None = Field(default=None, description="YYYY-MM-DD")
    force: bool = Field(default=False, description="re-process even if this coder version stored it already")


def ingest_article(store: Store, item: NewArticle) -> dict[str, Any]:
    """Extract and store one article (the same code path as `flashpoint ingest`)."""
    from flashpoint.ingest import make_article
    from flashpoint.jobs import extract_safely

    article = make_article(item.text, title=item.title, url=item.url, published=item.published, source=item.source)
    if not item.force and store.known([article.id]):
        return {"id": article.id, "stored": False, "reason": "already stored by this coder version"}
    with store.run("api ingest") as run_id:
        extractions, failures = extract_safely([article])
        if failures:
            store.record_failure(failures[0].source, failures[0].message, run_id=run_id)
            raise ApiError(422, failures[0].message, code="extraction_failed")
        store.write(extractions, run_id=run_id)
    link_and_cluster(store, [article.id])
    extraction = extractions[0]
    return {"id": article.id, "stored": True, "events": len(extraction.events),
            "statements": len(extraction.statements)}


def link_and_cluster(store: Store, article_ids: list[str]) -> None:
    """What `flashpoint ingest` does after writing: link syndicated copies, group reports into events."""
    from flashpoint.api.analysis import hook

    for module, name in (("dedup", "link_duplicates"), ("clusters", "build")):
        function = hook(module, name)
        if function is not None:
            function(store, article_ids)


@router.post("", status_code=201, dependencies=[WriteAccess], summary="Ingest one article (needs the token)")
def create_article(item: NewArticle, store: StoreDep) -> dict[str, Any]:
    return ingest_article(store, item)
