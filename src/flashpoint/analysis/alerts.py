"""Escalation alerts, each with the real events (clusters and their primary event ids) behind it.

Kinds (thresholds below; formulas in tension.py and docs/analysis.md):
- escalation:     a dyad's weekly tension in the "major increase" band (z52 >= 2) with at least
                  MIN_EVENTS conflict events that week;
- highest:        otherwise, tension above each of the previous HIGHEST_WEEKS or more weeks, z52 >= 1,
                  and at least MIN_EVENTS conflict events ("highest in N weeks");
- fatality_surge: the dyad's 30-day sum of reconciled deaths, at the week's end, above every 30-day
                  sum ending in the year before that week and at least MIN_DEAD (needs a year of data);
- new_actor:      an actor code in a conflict event this week that no event of the previous 52 weeks
                  had as its actor (needs NEW_ACTOR_HISTORY_WEEKS of data before the week).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, func, select, tuple_

from flashpoint.analysis import clusters, series
from flashpoint.analysis.common import parse_day, period_start
from flashpoint.analysis.tension import rolling_sums, week_stats
from flashpoint.store import schema
from flashpoint.store.db import Store

MIN_EVENTS = 3
HIGHEST_WEEKS = 26
MIN_DEAD = 5
FATALITY_DAYS = 30
NEW_ACTOR_HISTORY_WEEKS = 8
MAX_LINKS = 100
WEEK = dt.timedelta(days=7)


def first_day(store: Store) -> dt.date | None:
    c = schema.clusters
    with store.engine.connect() as conn:
        value = conn.execute(select(func.min(c.c.day)).where(series.counted(), c.c.day.is_not(None))).scalar()
    return parse_day(value)


def last_day(store: Store) -> dt.date | None:
    c = schema.clusters
    with store.engine.connect() as conn:
        value = conn.execute(select(func.max(c.c.day)).where(series.counted(), c.c.day.is_not(None))).scalar()
    return parse_day(value)


def evaluate(weeks: list[dt.date], tension: list[float], conflict: list[int], dead: dict[dt.date, int],
             indices: list[int], start_of_data: dt.date | None, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Alerts of one dyad at the given week indices (weeks are consecutive Mondays)."""
    out: list[dict[str, Any]] = []
    origin = weeks[0] - dt.timedelta(days=366) if weeks else None
    sums = rolling_sums(dead, origin, weeks[-1] + dt.timedelta(days=6), FATALITY_DAYS) if dead and origin else None
    for i in indices:
        week = weeks[i]
        end = min(week + dt.timedelta(days=6), as_of) if as_of else week + dt.timedelta(days=6)
        stats = week_stats(tension, i)
        base = {"week": week.isoformat(), "value": tension[i], "conflict_events": conflict[i], **stats}
        if stats["z52"] is not None and conflict[i] >= MIN_EVENTS:
            if stats["z52"] >= 2:
                out.append({"kind": "escalation", "from": week, "to": end, **base})
            elif stats["highest_in_weeks"] >= HIGHEST_WEEKS and stats["z52"] >= 1:
                out.append({"kind": "highest", "from": week, "to": end, **base})
        if sums is not None and origin and start_of_data and start_of_data <= end - dt.timedelta(days=365):
            at = (end - origin).days
            current = int(sums[at])
            earlier = int(sums[max(at - 365, 0):at - 6].max())  # windows ending 7..365 days before
            if current >= MIN_DEAD and current > earlier:
                out.append({"kind": "fatality_surge", "from": end - dt.timedelta(days=FATALITY_DAYS - 1), "to": end,
                            "week": week.isoformat(), "value": current, "baseline_year_max": earlier})
    return out


def _message(alert: dict[str, Any]) -> str:
    dyad = f"{alert['actor'] or '?'}→{alert['recipient'] or '?'}"
    if alert["kind"] == "escalation":
        return (f"{dyad}: tension {alert['value']:g} in week {alert['week']}, {alert['band']} "
                f"(z={alert['z52']}, {alert['change_4w']:+.0%} vs 4 weeks), highest in {alert['highest_in_weeks']} weeks")
    if alert["kind"] == "highest":
        return f"{dyad}: tension {alert['value']:g} in week {alert['week']}, highest in {alert['highest_in_weeks']} weeks"
    if alert["kind"] == "fatality_surge":
        return (f"{dyad}: {alert['value']} dead in the 30 days to {alert['to']}, "
                f"above any 30 days of the year before (max {alert['baseline_year_max']})")
    return f"new actor {alert['actor_code']} in {alert['count']} conflict events in week {alert['week']}"


def _link(store: Store, alert: dict[str, Any], by: str, undirected: bool) -> None:
    c = schema.clusters
    if alert["kind"] == "new_actor":
        where = and_(c.c.actor_code == alert["actor_code"], c.c.quad_class.in_((3, 4)))
    else:
        where = series.dyad_filter(alert["actor"], alert["recipient"], by, undirected)
        if alert["kind"] == "fatality_surge":
            where = and_(where, c.c.dead > 0)
    query = (select(c.c.id, c.c.primary_event_id)
             .where(series.counted(), where, c.c.day >= alert["from"].isoformat(), c.c.day <= alert["to"].isoformat())
             .order_by(c.c.day, c.c.id).limit(MAX_LINKS))
    with store.engine.connect() as conn:
        found = conn.execute(query).all()
    alert["cluster_ids"] = [r[0] for r in found]
    alert["event_ids"] = [r[1] for r in found]
    alert["from"] = alert["from"].isoformat()
    alert["to"] = alert["to"].isoformat()
    alert["message"] = _message(alert)


def _candidates(store: Store, week: dt.date, as_of: dt.date, by: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Dyads that can alert this week: enough conflict events, or enough deaths in 30 days."""
    c = schema.clusters
    a_col, r_col = series._keys(by)
    known = and_(series.counted(), a_col.is_not(None), r_col.is_not(None), c.c.day <= as_of.isoformat())
    busy = (select(a_col, r_col).where(known, c.c.day >= week.isoformat(), c.c.quad_class.in_((3, 4)))
            .group_by(a_col, r_col).having(func.count() >= MIN_EVENTS))
    deadly = (select(a_col, r_col)
              .where(known, c.c.day >= (as_of - dt.timedelta(days=FATALITY_DAYS - 1)).isoformat(), c.c.dead > 0)
              .group_by(a_col, r_col).having(func.sum(c.c.dead) >= MIN_DEAD))
    with store.engine.connect() as conn:
        return {tuple(r) for r in conn.execute(busy)}, {tuple(r) for r in conn.execute(deadly)}  # type: ignore[misc]


def alerts(store: Store, as_of: str | None = None, *, by: str = "country") -> list[dict[str, Any]]:
    """Every alert of the week holding ``as_of`` (default: the last day with events), over all dyads.

    Only dyads with both ends known and with MIN_EVENTS conflict events this week, or MIN_DEAD deaths
    in the last 30 days, can alert; only their history is read.
    """
    clusters.refresh(store)
    day = parse_day(as_of) if as_of else last_day(store)
    if day is None:
        return []
    this_week = period_start(day, "week")
    weeks = [this_week - WEEK * k for k in range(52, -1, -1)]
    position = {week: i for i, week in enumerate(weeks)}
    start_of_data = first_day(store)
    busy, deadly = _candidates(store, this_week, day, by)
    candidates = busy | deadly
    tension: dict[tuple[str, str], list[float]] = {key: [0.0] * len(weeks) for key in candidates}
    conflict: dict[tuple[str, str], list[int]] = {key: [0] * len(weeks) for key in candidates}
    if candidates:
        for actor, recipient, week, conflict_n, conflict_w, coop_w in _weekly_tension(
                store, candidates, by, weeks[0].isoformat(), day.isoformat()):
            i = position.get(dt.date.fromisoformat(week))
            if i is not None:
                tension[(actor, recipient)][i] = float(conflict_w or 0) - float(coop_w or 0)
                conflict[(actor, recipient)][i] = int(conflict_n or 0)
    dead = _dead_by_dyad(store, deadly, by, (day - dt.timedelta(days=400)).isoformat(), day.isoformat())
    found: list[dict[str, Any]] = []
    for actor, recipient in sorted(candidates):
        key = (actor, recipient)
        for alert in evaluate(weeks, [round(t, 3) for t in tension[key]], conflict[key], dead.get(key, {}),
                              [len(weeks) - 1], start_of_data, as_of=day):
            found.append({"actor": actor, "recipient": recipient, **alert})
    found.extend(new_actors(store, this_week, day, start_of_data))
    for alert in found:
        _link(store, alert, by, undirected=False)
    return sorted(found, key=_rank)


def _weekly_tension(store: Store, dyads: set[tuple[str, str]], by: str, since: str, until: str) -> list[Any]:
    """Per candidate dyad and week: conflict events, conflict weight, cooperation weight (one grouped read)."""
    c = schema.clusters
    a_col, r_col = series._keys(by)
    conflict = c.c.quad_class.in_((3, 4))
    query = (select(a_col, r_col, c.c.week, func.sum(case((conflict, 1), else_=0)),
                    func.sum(case((conflict, func.abs(c.c.goldstein)), else_=0.0)),
                    func.sum(case((conflict, 0.0), else_=func.abs(c.c.goldstein))))
             .where(series.counted(), c.c.day.is_not(None), c.c.day >= since, c.c.day <= until,
                    tuple_(a_col, r_col).in_(sorted(dyads)))
             .group_by(a_col, r_col, c.c.week))
    with store.engine.connect() as conn:
        return list(conn.execute(query).all())


def _dead_by_dyad(store: Store, dyads: set[tuple[str, str]], by: str, since: str, until: str
                  ) -> dict[tuple[str, str], dict[dt.date, int]]:
    """Reconciled deaths per day of each of these dyads, in one grouped read."""
    if not dyads:
        return {}
    c = schema.clusters
    a_col, r_col = series._keys(by)
    query = (select(c.c.day, a_col, r_col, func.sum(c.c.dead))
             .where(series.counted(), c.c.dead > 0, c.c.day >= since, c.c.day <= until,
                    a_col.in_(sorted({a for a, _ in dyads})), r_col.in_(sorted({r for _, r in dyads})))
             .group_by(c.c.day, a_col, r_col))
    out: dict[tuple[str, str], dict[dt.date, int]] = {}
    with store.engine.connect() as conn:
        for day, actor, recipient, n in conn.execute(query):
            if (actor, recipient) in dyads and (parsed := parse_day(day)):
                out.setdefault((actor, recipient), {})[parsed] = int(n)
    return out


def _rank(alert: dict[str, Any]) -> tuple[int, str, str]:
    order = {"fatality_surge": 0, "escalation": 1, "highest": 2, "new_actor": 3}
    return order[alert["kind"]], alert.get("actor") or "", alert.get("recipient") or ""


def new_actors(store: Store, week: dt.date, as_of: dt.date, start_of_data: dt.date | None) -> list[dict[str, Any]]:
    if start_of_data is None or start_of_data > week - WEEK * NEW_ACTOR_HISTORY_WEEKS:
        return []
    c = schema.clusters
    now = (select(c.c.actor_code, func.count().label("n"))
           .where(series.counted(), c.c.day >= week.isoformat(), c.c.day <= as_of.isoformat(),
                  c.c.quad_class.in_((3, 4)), c.c.actor_code.is_not(None))
           .group_by(c.c.actor_code))
    with store.engine.connect() as conn:
        current = {code: n for code, n in conn.execute(now)}
        if not current:
            return []
        before = select(c.c.actor_code).where(
            series.counted(), c.c.day >= (week - WEEK * 52).isoformat(), c.c.day < week.isoformat(),
            c.c.actor_code.in_(list(current))).distinct()
        seen = {r[0] for r in conn.execute(before)}
    return [{"kind": "new_actor", "actor": None, "recipient": None, "actor_code": code, "count": n,
             "week": week.isoformat(), "from": week, "to": as_of}
            for code, n in sorted(current.items()) if code not in seen]


def dyad_alerts(store: Store, actor: str, recipient: str, rows: list[dict[str, Any]], *,
                undirected: bool = False, by: str = "country") -> list[dict[str, Any]]:
    """Alerts of every week of a dyad's tension series (``rows`` from tension.tension_series)."""
    if not rows:
        return []
    weeks = [dt.date.fromisoformat(r["period"]) for r in rows]
    since = weeks[0] - dt.timedelta(days=FATALITY_DAYS + 366)
    dead = series.daily_dead(store, series.dyad_filter(actor, recipient, by, undirected), since.isoformat(),
                             (weeks[-1] + dt.timedelta(days=6)).isoformat())
    tension = [r["tension"] for r in rows]
    conflict = [r["q3"] + r["q4"] for r in rows]
    found = evaluate(weeks, tension, conflict, dead, list(range(len(rows))), first_day(store))
    for alert in found:
        alert.update(actor=actor.upper(), recipient=recipient.upper())
        _link(store, alert, by, undirected)
    return found
