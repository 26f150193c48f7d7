"""Clusters: one real-world event reported by many articles; every source and its figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from flashpoint.api import query
from flashpoint.api.analysis import hook
from flashpoint.api.deps import PageDep, StoreDep
from flashpoint.api.errors import not_found
from flashpoint.store import schema
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/clusters", tags=["clusters"])
e = schema.events
a = schema.articles


def list_clusters(store: Store, *, min_size: int, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    size = func.count(e.c.id).label("events")
    grouped = (select(e.c.cluster_id, size, func.count(func.distinct(e.c.article_id)).label("articles"),
                      func.min(e.c.day).label("first_day"), func.max(e.c.day).label("last_day"),
                      func.min(e.c.event).label("event"), func.max(e.c.dead).label("max_dead"),
                      func.min(e.c.loc_name).label("place"))
               .where(e.c.cluster_id.is_not(None)).group_by(e.c.cluster_id).having(size >= min_size))
    ordered = grouped.order_by(func.count(func.distinct(e.c.article_id)).desc(), func.max(e.c.day).desc(),
                               e.c.cluster_id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(ordered)]
        total = int(conn.execute(select(func.count()).select_from(grouped.subquery())).scalar() or 0)
    for row in rows:
        row["id"] = row.pop("cluster_id")
    return rows, total


def cluster(store: Store, cluster_id: str) -> dict[str, Any]:
    records, _ = query.all_events(store, query.EventFilter(cluster=cluster_id, include_rejected=True), cap=2000)
    if not records:
        raise not_found("cluster", cluster_id)
    ids = sorted({r["article_id"] for r in records})
    with store.engine.connect() as conn:
        sources = {row.id: dict(row._mapping) for row in conn.execute(
            select(a.c.id, a.c.title, a.c.url, a.c.source, a.c.published, a.c.duplicate_of).where(a.c.id.in_(ids)))}
    members = [{"record": r, "article_id": r["article_id"],
                "source": (sources.get(r["article_id"]) or {}).get("source") or (sources.get(r["article_id"]) or {}).get("url"),
                "duplicate": bool((sources.get(r["article_id"]) or {}).get("duplicate_of"))}
               for r in records if (r.get("review") or {}).get("action") != "reject"]
    figures_of, reconcile_all = hook("figures", "figures"), hook("figures", "reconcile_all")
    figures = figures_of(members) if figures_of else []
    reconciled = reconcile_all(figures) if reconcile_all else {}
    return {"id": cluster_id, "events": records, "sources": [sources[i] for i in ids if i in sources],
            "figures": figures, "reconciled": reconciled}


@router.get("", summary="List event clusters, the most widely reported first")
def clusters(request: Request, store: StoreDep, paging: PageDep,
             min_size: Annotated[int, Query(ge=1, le=1000, description="at least this many event mentions")] = 1,
             ) -> dict[str, Any]:
    rows, total = list_clusters(store, min_size=min_size, limit=paging.limit, offset=paging.offset)
    return paging.body(rows, total, request)


@router.get("/{cluster_id}", summary="One cluster: every source, every figure, the reconciled values")
def cluster_route(cluster_id: str, store: StoreDep) -> dict[str, Any]:
    return cluster(store, cluster_id)
