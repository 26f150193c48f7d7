"""Directed dyad time series over real events (clusters), not over reports.

The unit counted is a cluster whose `counted` flag is set (see clusters.py): one real event, however
many outlets reported it, from articles that are not copies of another, with a modality that says it
happened, not an aggregate report. A dyad is actor -> recipient, keyed by country (ISO3), by sector
(GOV, MIL, REB ...) or by actor code (PAKMIL). Per day, ISO week (Monday) or month:

    events            number of real events
    goldstein_sum     sum of Goldstein scores; goldstein_mean = goldstein_sum / events
    q1..q4            events per QuadClass (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)
    conflict_weight   sum of |Goldstein| over QuadClass 3-4; coop_weight the same over 1-2
    tension           conflict_weight - coop_weight (docs/analysis.md)
    dead              sum of reconciled fatality figures
    *_per_1k          volume-normalised: the value per 1,000 counted events of all dyads in the period
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, or_, select, true

from flashpoint.analysis import clusters, rollup
from flashpoint.analysis.common import FREQS, parse_day, period_start, periods
from flashpoint.errors import InputError
from flashpoint.store import schema
from flashpoint.store.db import Store

KEYS = {"country": ("actor_country", "recipient_country"), "sector": ("actor_sector", "recipient_sector"),
        "code": ("actor_code", "recipient_code")}


def counted() -> Any:
    """The clause selecting real events (rendered `counted = 1` on SQLite so the indexes apply)."""
    return schema.clusters.c.counted == true()


def _keys(by: str) -> tuple[Any, Any]:
    if by not in KEYS:
        raise InputError(f"unknown dyad key {by!r}; use one of {', '.join(KEYS)}")
    c = schema.clusters
    return c.c[KEYS[by][0]], c.c[KEYS[by][1]]


def _check(freq: str) -> None:
    if freq not in FREQS:
        raise InputError(f"unknown period {freq!r}; use one of {', '.join(FREQS)}")


def dyad_filter(actor: str | None, recipient: str | None, by: str = "country", undirected: bool = False) -> Any:
    a_col, r_col = _keys(by)
    a = actor.upper() if actor else None
    r = recipient.upper() if recipient else None
    forward = and_(*([a_col == a] if a else []), *([r_col == r] if r else []))
    if not undirected or not (a or r):
        return forward
    backward = and_(*([a_col == r] if r else []), *([r_col == a] if a else []))
    return or_(forward, backward)


def daily(store: Store, where: Any, *, since: str | None = None, until: str | None = None,
          by: str = "country", weekly: bool = False, monthly: bool = False) -> list[dict[str, Any]]:
    """Per day (week, month), dyad and QuadClass: events, Goldstein sum, |Goldstein| sum, dead (the raw aggregate)."""
    c = schema.clusters
    a_col, r_col = _keys(by)
    when = c.c.week if weekly else rollup.month_of(c.c.day) if monthly else c.c.day
    query = select(
        when.label("day"), a_col.label("actor"), r_col.label("recipient"), c.c.quad_class,
        func.count().label("events"), func.sum(c.c.goldstein).label("goldstein"),
        func.sum(func.abs(c.c.goldstein)).label("weight"), func.sum(c.c.dead).label("dead"),
    ).where(counted(), c.c.day.is_not(None), where)
    if since:
        query = query.where(c.c.day >= since)
    if until:
        query = query.where(c.c.day <= until)
    query = query.group_by(when, a_col, r_col, c.c.quad_class)
    names = ("day", "actor", "recipient", "quad_class", "events", "goldstein", "weight", "dead")
    with store.engine.connect() as conn:
        return [dict(zip(names, r)) for r in conn.execute(query)]


def daily_dead(store: Store, where: Any, since: str, until: str) -> dict[dt.date, int]:
    """Reconciled deaths per day of the real events matching ``where``."""
    c = schema.clusters
    query = (select(c.c.day, func.sum(c.c.dead))
             .where(counted(), where, c.c.dead > 0, c.c.day >= since, c.c.day <= until).group_by(c.c.day))
    with store.engine.connect() as conn:
        return {parsed: int(n) for day, n in conn.execute(query) if (parsed := parse_day(day))}


def totals_by_day(store: Store, since: str | None, until: str | None, freq: str = "day") -> dict[str, int]:
    """Counted real events per day (for weeks and months: per rollup part where the rollup is ready)."""
    if freq != "day" and rollup.ready(store):
        return _totals_by_part(store, since, until)
    c = schema.clusters
    query = select(c.c.day, func.count()).where(counted(), c.c.day.is_not(None))
    if since:
        query = query.where(c.c.day >= since)
    if until:
        query = query.where(c.c.day <= until)
    with store.engine.connect() as conn:
        return {day: n for day, n in conn.execute(query.group_by(c.c.day))}


def _edges(since: str | None, until: str | None) -> tuple[str | None, str | None, list[tuple[str | None, str | None]]]:
    """Whole rollup parts inside [since, until], and the day ranges at either edge outside them."""
    first, last = rollup.whole_parts(since, until)
    if first and last and first > last:
        return None, None, [(since, until)]
    edges: list[tuple[str | None, str | None]] = []
    if since and first and since < first:
        edges.append((since, (dt.date.fromisoformat(first) - dt.timedelta(days=1)).isoformat()))
    if until and last and until > rollup.part_end(last):
        edges.append(((dt.date.fromisoformat(rollup.part_end(last)) + dt.timedelta(days=1)).isoformat(), until))
    return first, last, edges


def _totals_by_part(store: Store, since: str | None, until: str | None) -> dict[str, int]:
    p = schema.dyad_parts
    first, last, edges = _edges(since, until)
    out: dict[str, int] = defaultdict(int)
    with store.engine.connect() as conn:
        if not edges or first:
            query = select(p.c.part, func.sum(p.c.events)).group_by(p.c.part)
            if first:
                query = query.where(p.c.part >= first)
            if last:
                query = query.where(p.c.part <= last)
            for part, n in conn.execute(query):
                out[part] += int(n)
    for lo, hi in edges:
        c = schema.clusters
        query = select(c.c.day, func.count()).where(counted(), c.c.day.is_not(None))
        query = query.where(c.c.day >= lo) if lo else query
        query = query.where(c.c.day <= hi) if hi else query
        with store.engine.connect() as conn:
            for day, n in conn.execute(query.group_by(c.c.day)):
                out[day] += int(n)
    return dict(out)


def _empty(period: dt.date, actor: str | None, recipient: str | None) -> dict[str, Any]:
    return {"period": period.isoformat(), "actor": actor, "recipient": recipient, "events": 0,
            "goldstein_sum": 0.0, "goldstein_mean": None, "q1": 0, "q2": 0, "q3": 0, "q4": 0,
            "conflict_weight": 0.0, "coop_weight": 0.0, "tension": 0.0, "dead": 0}


def bucket(raw: list[dict[str, Any]], freq: str, *, merge_direction: bool = False,
           fill: tuple[dt.date, dt.date] | None = None, label: tuple[str | None, str | None] = (None, None)
           ) -> list[dict[str, Any]]:
    """Sum daily rows into periods; ``fill`` adds zero rows so a single dyad's line has no gaps."""
    out: dict[tuple[dt.date, Any, Any], dict[str, Any]] = {}
    starts: dict[str, dt.date | None] = {}
    for row in raw:
        if row["day"] not in starts:
            day = parse_day(row["day"])
            starts[row["day"]] = period_start(day, freq) if day else None
        start = starts[row["day"]]
        if start is None:
            continue
        actor, recipient = (label if merge_direction else (row["actor"], row["recipient"]))
        key = (start, actor, recipient)
        item = out.get(key) or out.setdefault(key, _empty(start, actor, recipient))
        n = int(row["events"])
        item["events"] += n
        item["goldstein_sum"] += float(row["goldstein"] or 0)
        item[f"q{row['quad_class']}"] = item.get(f"q{row['quad_class']}", 0) + n
        weight = float(row["weight"] or 0)
        if row["quad_class"] in (3, 4):
            item["conflict_weight"] += weight
        else:
            item["coop_weight"] += weight
        item["dead"] += int(row["dead"] or 0)
    if fill and len({(k[1], k[2]) for k in out}) <= 1:
        actor, recipient = next(((k[1], k[2]) for k in out), label)
        for start in periods(fill[0], fill[1], freq):
            out.setdefault((start, actor, recipient), _empty(start, actor, recipient))
    rows = sorted(out.values(), key=lambda r: (r["period"], r["actor"] or "", r["recipient"] or ""))
    for row in rows:
        row["goldstein_sum"] = round(row["goldstein_sum"], 3)
        row["goldstein_mean"] = round(row["goldstein_sum"] / row["events"], 3) if row["events"] else None
        row["conflict_weight"] = round(row["conflict_weight"], 3)
        row["coop_weight"] = round(row["coop_weight"], 3)
        row["tension"] = round(row["conflict_weight"] - row["coop_weight"], 3)
    return rows


def normalise(rows: list[dict[str, Any]], totals: dict[str, int], freq: str) -> None:
    per_period: dict[str, int] = defaultdict(int)
    for day, n in totals.items():
        parsed = parse_day(day)
        if parsed:
            per_period[period_start(parsed, freq).isoformat()] += n
    for row in rows:
        total = per_period.get(row["period"], 0)
        row["all_events"] = total
        scale = 1000 / total if total else None
        for name in ("events", "goldstein_sum", "tension", "dead"):
            row[f"{name}_per_1k"] = round(row[name] * scale, 3) if scale is not None else None


def dyad_series(store: Store, actor: str | None = None, recipient: str | None = None, *, by: str = "country",
                freq: str = "week", since: str | None = None, until: str | None = None,
                undirected: bool = False, normalised: bool = False) -> list[dict[str, Any]]:
    """The time series of one dyad (or of every dyad matching the given ends)."""
    _check(freq)
    clusters.refresh(store)
    raw = daily(store, dyad_filter(actor, recipient, by, undirected), since=since, until=until, by=by,
                weekly=freq == "week", monthly=freq == "month")
    single = bool(actor and recipient)
    label = (actor.upper() if actor else None, recipient.upper() if recipient else None)
    fill = None
    if single:
        days = [r["day"] for r in raw if r["day"]]
        first = parse_day(since) or (parse_day(min(days)) if days else None)
        last = parse_day(until) or (parse_day(max(days)) if days else None)
        fill = (first, last) if first and last else None
    rows = bucket(raw, freq, merge_direction=single and undirected, fill=fill, label=label)
    if undirected and single:
        for row in rows:
            row["recipient"] = f"{label[1]} (both ways)"
    if normalised:
        normalise(rows, totals_by_day(store, since, until, freq), freq)
    return rows


def dyads(store: Store, *, by: str = "country", since: str | None = None, until: str | None = None,
          limit: int = 50) -> list[dict[str, Any]]:
    """Every directed dyad with its totals, busiest first (country dyads read the rollup when it is ready)."""
    clusters.refresh(store)
    if by == "country" and rollup.ready(store):
        return _finish(_dyads_from_rollup(store, since, until), limit)
    c = schema.clusters
    a_col, r_col = _keys(by)
    query = select(
        a_col.label("actor"), r_col.label("recipient"), func.count().label("events"),
        func.sum(c.c.goldstein).label("goldstein_sum"), func.sum(c.c.dead).label("dead"),
        func.min(c.c.day).label("first"), func.max(c.c.day).label("last"),
    ).where(counted(), c.c.day.is_not(None))
    if since:
        query = query.where(c.c.day >= since)
    if until:
        query = query.where(c.c.day <= until)
    query = query.group_by(a_col, r_col).order_by(func.count().desc(), a_col, r_col).limit(limit)
    with store.engine.connect() as conn:
        return _finish([dict(r._mapping) for r in conn.execute(query)], limit)


def _dyads_from_rollup(store: Store, since: str | None, until: str | None) -> list[dict[str, Any]]:
    p, c = schema.dyad_parts, schema.clusters
    first, last, edges = _edges(since, until)
    queries = []
    if not edges or first:
        query = select(p.c.actor_country, p.c.recipient_country, func.sum(p.c.events), func.sum(p.c.goldstein),
                       func.sum(p.c.dead), func.min(p.c.first_day), func.max(p.c.last_day))
        query = query.where(p.c.part >= first) if first else query
        query = query.where(p.c.part <= last) if last else query
        queries.append(query.group_by(p.c.actor_country, p.c.recipient_country))
    for lo, hi in edges:
        query = select(c.c.actor_country, c.c.recipient_country, func.count(), func.sum(c.c.goldstein),
                       func.sum(c.c.dead), func.min(c.c.day), func.max(c.c.day)).where(counted(), c.c.day.is_not(None))
        query = query.where(c.c.day >= lo) if lo else query
        query = query.where(c.c.day <= hi) if hi else query
        queries.append(query.group_by(c.c.actor_country, c.c.recipient_country))
    merged: dict[tuple[Any, Any], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for query in queries:
            for actor, recipient, n, goldstein, dead, first_day, last_day in conn.execute(query):
                row = merged.setdefault((actor, recipient), {"actor": actor, "recipient": recipient, "events": 0,
                                                             "goldstein_sum": 0.0, "dead": 0, "first": first_day,
                                                             "last": last_day})
                row["events"] += int(n)
                row["goldstein_sum"] += float(goldstein or 0)
                row["dead"] += int(dead or 0)
                row["first"] = min(row["first"], first_day)
                row["last"] = max(row["last"], last_day)
    return sorted(merged.values(), key=lambda r: (-r["events"], r["actor"] or "", r["recipient"] or ""))


def _finish(out: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    out = out[:limit]
    for row in out:
        row["goldstein_sum"] = round(float(row["goldstein_sum"] or 0), 3)
        row["goldstein_mean"] = round(row["goldstein_sum"] / row["events"], 3) if row["events"] else None
        row["dead"] = int(row["dead"] or 0)
    return out
