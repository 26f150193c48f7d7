"""Cross-article views: timeline, dyad series, tension, alerts, actor network, hotspots.

The timeline, dyad series, the network and hotspots are plain aggregates of the event records as
analysts corrected them, computed here so that reviews count. Tension and alerts come from
``flashpoint.analysis.tension`` (weekly, over the machine records and clusters); where that module is
missing they answer 501 in the one error shape.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from flashpoint.api import query
from flashpoint.api.deps import CODE, FilterDep, StoreDep
from flashpoint.api.errors import ApiError
from flashpoint.store.db import Store

router = APIRouter(prefix="/api", tags=["analysis"])
Interval = Annotated[str, Query(pattern="^(day|week|month)$")]


def hook(module: str, name: str) -> Callable[..., Any] | None:
    """A function of flashpoint.analysis.<module>, or None while it is not there."""
    try:
        found = importlib.import_module(f"flashpoint.analysis.{module}")
    except ImportError:
        return None
    function = getattr(found, name, None)
    return function if callable(function) else None


def period(day: str | None, interval: str) -> str | None:
    if not day:
        return None
    date = dt.date.fromisoformat(day)
    if interval == "month":
        return date.strftime("%Y-%m")
    if interval == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    return day


def buckets(rows: list[dict[str, Any]], interval: str) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = period(row.get("day"), interval)
        if key is None:
            continue
        item = out.setdefault(key, {"period": key, "events": 0, "goldstein": 0.0, "dead": 0,
                                    "by_quad": {"1": 0, "2": 0, "3": 0, "4": 0}})
        item["events"] += row["n"]
        item["goldstein"] += row["goldstein"]
        item["dead"] += row["dead"]
        quad = str(row.get("quad_class"))
        if quad in item["by_quad"]:
            item["by_quad"][quad] += row["n"]
    for item in out.values():
        item["goldstein"] = round(item["goldstein"], 2)
    return [out[key] for key in sorted(out)]


def timeline(store: Store, f: query.EventFilter, interval: str) -> dict[str, Any]:
    rows = query.grouped(store, f, ["day", "quad_class"])
    undated = sum(r["n"] for r in rows if not r.get("day"))
    return {"interval": interval, "items": buckets(rows, interval), "undated": undated, "truncated": False}


@router.get("/timeline", summary="Events per day, week or month, by QuadClass (event filters apply)")
def timeline_route(store: StoreDep, f: FilterDep, interval: Interval = "day") -> dict[str, Any]:
    return timeline(store, f, interval)


def dyad_series(store: Store, source: str, target: str, interval: str, f: query.EventFilter) -> dict[str, Any]:
    forward = query.grouped(store, query.EventFilter(**{**f.__dict__, "dyad": f"{source}-{target}"}), ["day", "quad_class"])
    backward = query.grouped(store, query.EventFilter(**{**f.__dict__, "dyad": f"{target}-{source}"}), ["day", "quad_class"])
    return {"source": source, "target": target, "interval": interval,
            "forward": buckets(forward, interval), "backward": buckets(backward, interval)}


@router.get("/dyads/{source}/{target}", summary="Directed dyad series: counts, Goldstein sums, QuadClass mix")
def dyad_route(source: Annotated[str, Path(pattern=CODE)], target: Annotated[str, Path(pattern=CODE)],
               store: StoreDep, f: FilterDep, interval: Interval = "week") -> dict[str, Any]:
    return dyad_series(store, source.upper(), target.upper(), interval, f)


def dyads(store: Store, f: query.EventFilter, limit: int = 50) -> list[dict[str, Any]]:
    rows = query.grouped(store, f, ["actor_country", "actor_code", "recipient_country", "recipient_code"])
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        source = row.get("actor_country") or row.get("actor_code")
        target = row.get("recipient_country") or row.get("recipient_code")
        if not source or not target or source == target:
            continue
        item = table.setdefault((source, target), {"source": source, "target": target, "events": 0, "goldstein": 0.0})
        item["events"] += row["n"]
        item["goldstein"] += row["goldstein"]
    for item in table.values():
        item["goldstein"] = round(item["goldstein"], 2)
    return sorted(table.values(), key=lambda r: (-r["events"], r["source"], r["target"]))[:limit]


@router.get("/dyads", summary="The most active directed country dyads (event filters apply)")
def dyads_route(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    return {"items": dyads(store, f)}


def tension(store: Store, source: str, target: str) -> dict[str, Any]:
    """The weekly tension line of a dyad with its alerts (flashpoint.analysis.tension)."""
    external = hook("tension", "tension")
    if external is None:
        raise ApiError(501, "the tension index is not installed (flashpoint.analysis.tension)")
    return dict(external(store, source, target))


@router.get("/tension/{source}/{target}", summary="Weekly tension index of a dyad, with escalation alerts")
def tension_route(source: Annotated[str, Path(pattern=CODE)], target: Annotated[str, Path(pattern=CODE)],
                  store: StoreDep) -> dict[str, Any]:
    return tension(store, source.upper(), target.upper())


def alerts(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    external = hook("tension", "alerts")
    if external is None:
        raise ApiError(501, "escalation alerts are not installed (flashpoint.analysis.tension)")
    return list(external(store))[:limit]


@router.get("/alerts", summary="Escalation alerts of the latest week, over every dyad")
def alerts_route(store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    return {"items": alerts(store, limit)}


def network(store: Store, f: query.EventFilter, min_events: int = 1) -> dict[str, Any]:
    """Who acts on whom (first coded actor and target of each event), how often and how hostile."""
    rows = query.grouped(store, f, ["actor_code", "actor_country", "recipient_code", "recipient_country", "quad_class"])
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        a, b = row.get("actor_code"), row.get("recipient_code")
        if not a or not b or a == b:
            continue
        for key, country in ((a, row.get("actor_country")), (b, row.get("recipient_country"))):
            node = nodes.setdefault(key, {"id": key, "name": key, "country": country, "events": 0})
            node["events"] += row["n"]
        edge = edges.setdefault((a, b), {"source": a, "target": b, "events": 0, "goldstein": 0.0,
                                         "by_quad": {"1": 0, "2": 0, "3": 0, "4": 0}})
        edge["events"] += row["n"]
        edge["goldstein"] += row["goldstein"]
        quad = str(row.get("quad_class"))
        if quad in edge["by_quad"]:
            edge["by_quad"][quad] += row["n"]
    kept = [e for e in edges.values() if e["events"] >= min_events]
    for edge in kept:
        edge["goldstein"] = round(edge["goldstein"], 2)
    used = {e["source"] for e in kept} | {e["target"] for e in kept}
    return {"nodes": sorted((n for k, n in nodes.items() if k in used), key=lambda n: -n["events"]),
            "edges": sorted(kept, key=lambda e: -e["events"]), "truncated": False}


@router.get("/network", summary="Actor network: who acts on whom, how often and how hostile")
def network_route(store: StoreDep, f: FilterDep,
                  min_events: Annotated[int, Query(ge=1, le=1000)] = 1) -> dict[str, Any]:
    return network(store, f, min_events)


def hotspots(store: Store, f: query.EventFilter) -> list[dict[str, Any]]:
    rows = query.grouped(store, f, ["loc_country", "loc_admin1", "quad_class"])
    table: dict[tuple[str, str | None], dict[str, Any]] = {}
    for row in rows:
        if not row.get("loc_country"):
            continue
        key = (row["loc_country"], row.get("loc_admin1"))
        item = table.setdefault(key, {"country": key[0], "admin1": key[1], "events": 0, "conflict": 0, "dead": 0})
        item["events"] += row["n"]
        item["conflict"] += row["n"] if row.get("quad_class") in (3, 4) else 0
        item["dead"] += row["dead"]
    return sorted(table.values(), key=lambda r: (-r["conflict"], -r["events"], r["country"], r["admin1"] or ""))


@router.get("/hotspots", summary="Where conflict events concentrate, by country and admin1")
def hotspots_route(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    return {"items": hotspots(store, f)}
