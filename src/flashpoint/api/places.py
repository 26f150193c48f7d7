"""Places: where events happened, with counts and the precision of the location."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from flashpoint.api import query
from flashpoint.api.deps import FilterDep, PageDep, StoreDep
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/places", tags=["places"])
MAP_CAP = 20_000


def place_table(store: Store, f: query.EventFilter) -> tuple[list[dict[str, Any]], bool]:
    rows = query.grouped(store, f, ["loc_name", "loc_admin1", "loc_country", "lat", "lon", "geo_precision", "quad_class"])
    table: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        if not row.get("loc_name") and not row.get("loc_country"):
            continue
        key = (row.get("loc_name"), row.get("loc_admin1"), row.get("loc_country"), row.get("lat"), row.get("lon"))
        item = table.setdefault(key, {"name": key[0], "admin1": key[1], "country": key[2], "lat": key[3],
                                      "lon": key[4], "precision": row.get("geo_precision"), "events": 0, "dead": 0,
                                      "by_quad": {}})
        item["events"] += row["n"]
        item["dead"] += row["dead"]
        quad = str(row.get("quad_class"))
        item["by_quad"][quad] = item["by_quad"].get(quad, 0) + row["n"]
    out = sorted(table.values(), key=lambda r: (-r["events"], r["name"] or ""))
    return out, False


@router.get("", summary="Event locations with counts (event filters apply)")
def places(request: Request, store: StoreDep, f: FilterDep, paging: PageDep) -> dict[str, Any]:
    rows, truncated = place_table(store, f)
    body = paging.body(rows[paging.offset:paging.offset + paging.limit], len(rows), request)
    body["truncated"] = truncated
    return body


@router.get("/map", summary="Located events for the map: one point per event, with its precision")
def map_points(store: StoreDep, f: FilterDep) -> dict[str, Any]:
    keys = ("id", "article_id", "event", "quad_class", "date", "lat", "lon", "geo_precision", "loc_name", "dead")
    located = query.EventFilter(**{**f.__dict__, "located": True})
    rows, truncated = query.light_rows(store, located, cap=MAP_CAP, keys=keys)
    points = [{"id": r["id"], "article_id": r["article_id"], "event": r["event"], "quad_class": r["quad_class"],
               "date": r["date"], "lat": r["lat"], "lon": r["lon"], "precision": r["geo_precision"],
               "place": r["loc_name"], "dead": r["dead"]}
              for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    return {"items": points, "total": len(points), "truncated": truncated}
