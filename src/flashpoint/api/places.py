"""Places: where events happened, with counts and the precision of the location."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from flashpoint.api import query
from flashpoint.api.deps import FilterDep, PageDep, StoreDep
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/places", tags=["places"])


def place_table(store: Store, f: query.EventFilter) -> tuple[list[dict[str, Any]], bool]:
    records, truncated = query.all_events(store, f)
    table: dict[tuple[Any, ...], dict[str, Any]] = {}
    for record in records:
        loc = record.get("event_loc") or {}
        name = loc.get("resolved_place") or loc.get("extracted_place")
        if not name and not loc.get("country_code"):
            continue
        key = (name, loc.get("admin1"), loc.get("country_code"), loc.get("lat"), loc.get("lon"))
        row = table.setdefault(key, {"name": name, "admin1": loc.get("admin1"), "country": loc.get("country_code"),
                                     "lat": loc.get("lat"), "lon": loc.get("lon"), "precision": loc.get("precision"),
                                     "geonameid": loc.get("geonameid"), "events": 0, "dead": 0, "by_quad": {}})
        row["events"] += 1
        row["dead"] += (record.get("dead") or {}).get("best") or 0
        quad = str(record.get("quad_class"))
        row["by_quad"][quad] = row["by_quad"].get(quad, 0) + 1
    out = sorted(table.values(), key=lambda r: (-r["events"], r["name"] or ""))
    return out, truncated


@router.get("", summary="Event locations with counts (event filters apply)")
def places(request: Request, store: StoreDep, f: FilterDep, paging: PageDep) -> dict[str, Any]:
    rows, truncated = place_table(store, f)
    body = paging.body(rows[paging.offset:paging.offset + paging.limit], len(rows), request)
    body["truncated"] = truncated
    return body


@router.get("/map", summary="Located events for the map: one point per event, with its precision")
def map_points(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    records, truncated = query.all_events(store, f, cap=5000)
    points = []
    for record in records:
        loc = record.get("event_loc") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        points.append({"id": record["id"], "article_id": record.get("article_id"), "event": record.get("event"),
                       "quad_class": record.get("quad_class"), "date": record.get("date"),
                       "lat": loc["lat"], "lon": loc["lon"], "precision": loc.get("precision"),
                       "place": loc.get("resolved_place") or loc.get("extracted_place"),
                       "dead": (record.get("dead") or {}).get("best")})
    return {"items": points, "total": len(points), "truncated": truncated}
