"""The actor network: who acts on whom, weighted by real events (clusters), over a period."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select

from flashpoint.analysis import clusters, series
from flashpoint.store import schema
from flashpoint.store.db import Store


def network(store: Store, *, by: str = "code", since: str | None = None, until: str | None = None,
            country: str | None = None, min_events: int = 1, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Directed weighted edges (events, conflict and cooperation events, Goldstein sum, dead) and nodes.

    ``by`` is code (PAKMIL), country (PAK) or sector (MIL); ``country`` keeps edges touching it.
    """
    clusters.refresh(store)
    c = schema.clusters
    a_col, r_col = series._keys(by)
    conflict = func.sum(case((c.c.quad_class >= 3, 1), else_=0))
    query = select(
        a_col.label("source"), r_col.label("target"), func.count().label("events"),
        conflict.label("conflict"), func.sum(c.c.goldstein).label("goldstein_sum"),
        func.sum(c.c.dead).label("dead"),
    ).where(series.counted(), a_col.is_not(None), r_col.is_not(None))
    if since:
        query = query.where(c.c.day >= since)
    if until:
        query = query.where(c.c.day <= until)
    if country:
        code = country.upper()
        query = query.where((c.c.actor_country == code) | (c.c.recipient_country == code))
    query = (query.group_by(a_col, r_col).having(func.count() >= min_events)
             .order_by(func.count().desc(), a_col, r_col).limit(limit))
    with store.engine.connect() as conn:
        edges = [dict(r._mapping) for r in conn.execute(query)]
    nodes: dict[str, dict[str, Any]] = defaultdict(lambda: {"events": 0, "out": 0, "in": 0, "partners": set()})
    for edge in edges:
        edge["cooperation"] = edge["events"] - edge["conflict"]
        edge["goldstein_sum"] = round(float(edge["goldstein_sum"] or 0), 3)
        edge["goldstein_mean"] = round(edge["goldstein_sum"] / edge["events"], 3)
        edge["dead"] = int(edge["dead"] or 0)
        for end, side in ((edge["source"], "out"), (edge["target"], "in")):
            nodes[end]["events"] += edge["events"]
            nodes[end][side] += edge["events"]
        nodes[edge["source"]]["partners"].add(edge["target"])
        nodes[edge["target"]]["partners"].add(edge["source"])
    node_rows = [{"id": key, "events": v["events"], "out": v["out"], "in": v["in"], "degree": len(v["partners"])}
                 for key, v in nodes.items()]
    node_rows.sort(key=lambda n: (-n["events"], n["id"]))
    return {"nodes": node_rows, "edges": edges}
