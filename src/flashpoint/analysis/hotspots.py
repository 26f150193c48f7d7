"""Admin-1 hotspots: where real events (clusters) and their reconciled deaths concentrate.

Each admin-1 area (province, state) gets its events, conflict events (QuadClass 3-4), deaths and,
when a period is given, the same counts in the equally long period just before it, with the change.
Ranked by conflict events, then deaths.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, select

from flashpoint.analysis import clusters, series
from flashpoint.analysis.common import parse_day
from flashpoint.store import schema
from flashpoint.store.db import Store


def _counts(store: Store, since: str | None, until: str | None, country: str | None) -> dict[tuple[Any, Any], dict[str, Any]]:
    c = schema.clusters
    query = select(
        c.c.loc_country.label("country"), c.c.loc_admin1.label("admin1"), func.count().label("events"),
        func.sum(case((c.c.quad_class >= 3, 1), else_=0)).label("conflict"), func.sum(c.c.dead).label("dead"),
    ).where(series.counted(), c.c.loc_admin1.is_not(None))
    if since:
        query = query.where(c.c.day >= since)
    if until:
        query = query.where(c.c.day <= until)
    if country:
        query = query.where(c.c.loc_country == country.upper())
    query = query.group_by(c.c.loc_country, c.c.loc_admin1)
    with store.engine.connect() as conn:
        return {(r.country, r.admin1): dict(r._mapping) for r in conn.execute(query)}


def hotspots(store: Store, *, since: str | None = None, until: str | None = None, country: str | None = None,
             limit: int = 50) -> list[dict[str, Any]]:
    clusters.refresh(store)
    current = _counts(store, since, until, country)
    start, end = parse_day(since), parse_day(until)
    previous: dict[tuple[Any, Any], dict[str, Any]] = {}
    if start and end:
        length = (end - start).days + 1
        previous = _counts(store, (start - dt.timedelta(days=length)).isoformat(),
                           (start - dt.timedelta(days=1)).isoformat(), country)
    rows = []
    for key, row in current.items():
        row["dead"] = int(row["dead"] or 0)
        before = previous.get(key)
        if start and end:
            row["conflict_before"] = int(before["conflict"]) if before else 0
            row["dead_before"] = int(before["dead"] or 0) if before else 0
            row["conflict_change"] = row["conflict"] - row["conflict_before"]
        rows.append(row)
    rows.sort(key=lambda r: (-r["conflict"], -r["dead"], r["country"] or "", r["admin1"] or ""))
    return rows[:limit]
