"""A small summary of the real events per dyad and period, kept current by clustering.

Table ``dyad_parts``: one row per (part, actor country, recipient country) with the counted real
events, their Goldstein sum, reconciled deaths and first/last day. A *part* is the intersection of an
ISO week and a calendar month, named by its first day (``max(week Monday, 1st of the month)``), so
both weekly and monthly totals add up exactly from parts. It has a few hundred thousand rows where
the clusters table has millions, which makes the busiest-dyads list and the volume totals behind
normalised series fast.

``clusters.build`` refreshes the parts its clusters touched (old and new) in the same transaction; a
full build rebuilds the table and sets the meta key READY. A store whose clusters predate the table
has no READY key: readers then fall back to the clusters table (``ready`` is false) until the next
``flashpoint clusters --rebuild`` or ``rollup.rebuild``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, String, and_, case, delete, func, insert, literal_column, select, true

from flashpoint.store import schema
from flashpoint.store.db import Store

READY = "analysis.dyad_parts"  # meta key, set once the table holds every counted cluster
CHUNK = 500


def part_of(day: dt.date) -> dt.date:
    return max(day - dt.timedelta(days=day.weekday()), day.replace(day=1))


def month_of(day: Any) -> Any:
    """SQL for the first day of the month of an ISO day column (inline literals, so GROUP BY matches on PostgreSQL)."""
    return func.substr(day, literal_column("1"), literal_column("7"), type_=String) + literal_column("'-01'", String)


def _part_column() -> Any:
    c = schema.clusters
    month = month_of(c.c.day)
    return case((c.c.week > month, c.c.week), else_=month)


def _fill(conn: Connection, where: Any) -> None:
    c, p = schema.clusters, schema.dyad_parts
    part = _part_column().label("part")
    query = (select(part, c.c.actor_country, c.c.recipient_country, func.count(), func.sum(c.c.goldstein),
                    func.coalesce(func.sum(c.c.dead), 0), func.min(c.c.day), func.max(c.c.day))
             .where(c.c.counted == true(), c.c.day.is_not(None), where)
             .group_by(part, c.c.actor_country, c.c.recipient_country))
    conn.execute(insert(p).from_select(["part", "actor_country", "recipient_country", "events", "goldstein", "dead",
                                        "first_day", "last_day"], query))


def _set_ready(conn: Connection) -> None:
    m = schema.meta
    conn.execute(delete(m).where(m.c.key == READY))
    conn.execute(insert(m).values(key=READY, value=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))


def rebuild_in(conn: Connection) -> None:
    conn.execute(delete(schema.dyad_parts))
    _fill(conn, true())
    _set_ready(conn)


def rebuild(store: Store) -> None:
    """Recompute the whole table from the clusters (a few seconds for a million real events)."""
    with store.writing() as conn:
        rebuild_in(conn)


def refresh_days(conn: Connection, days: Iterable[str | None]) -> int:
    """Recompute the parts holding these days (the days of clusters removed or written); returns parts done."""
    parts = sorted({part_of(d) for value in days if value and (d := _parse(value))})
    p = schema.dyad_parts
    for start in range(0, len(parts), CHUNK):
        chunk = parts[start:start + CHUNK]
        names = [x.isoformat() for x in chunk]
        conn.execute(delete(p).where(p.c.part.in_(names)))
        lo, hi = chunk[0].isoformat(), (chunk[-1] + dt.timedelta(days=6)).isoformat()
        c = schema.clusters
        _fill(conn, and_(c.c.day >= lo, c.c.day <= hi, _part_column().in_(names)))
    return len(parts)


def _parse(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def ready(store: Store) -> bool:
    m = schema.meta
    with store.engine.connect() as conn:
        return conn.execute(select(m.c.value).where(m.c.key == READY)).first() is not None


def whole_parts(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The first and last part lying wholly inside [since, until] (None: open end)."""
    first = last = None
    if since:
        day = dt.date.fromisoformat(since[:10])
        first = day if part_of(day) == day else _next_part(day)
    if until:
        day = dt.date.fromisoformat(until[:10])
        nxt = _next_part(day)
        last = part_of(day) if nxt - dt.timedelta(days=1) == day else part_of(day) - dt.timedelta(days=1)
        last = part_of(last)
    return (first.isoformat() if first else None), (last.isoformat() if last else None)


def _next_part(day: dt.date) -> dt.date:
    week_end = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
    month_end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return min(week_end, month_end)


def part_end(part: str) -> str:
    return (_next_part(dt.date.fromisoformat(part)) - dt.timedelta(days=1)).isoformat()
