"""Actors: every coded actor with how often it acts, is acted on and speaks (corrections applied)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from flashpoint.api import query
from flashpoint.api.deps import FilterDep, PageDep, StoreDep
from flashpoint.api.errors import not_found
from flashpoint.store import schema
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/actors", tags=["actors"])


def actor_table(store: Store, f: query.EventFilter) -> tuple[list[dict[str, Any]], bool]:
    """One row per actor code (or name when uncoded), most active first."""
    records, truncated = query.all_events(store, f)
    table: dict[str, dict[str, Any]] = {}
    for record in records:
        for role in ("actor", "recipient"):
            for entity in record.get(role) or []:
                key = entity.get("code") or entity.get("name")
                if not key:
                    continue
                row = table.setdefault(key, {"code": entity.get("code"), "names": Counter(), "country": entity.get("country"),
                                             "sector": entity.get("sector"), "as_source": 0, "as_target": 0,
                                             "goldstein_out": 0.0, "statements": 0})
                row["names"][entity.get("name") or entity.get("entity_text") or key] += 1
                if role == "actor":
                    row["as_source"] += 1
                    row["goldstein_out"] += record.get("goldstein") or 0.0
                else:
                    row["as_target"] += 1
    s = schema.statements
    with store.engine.connect() as conn:
        spoken = dict(conn.execute(select(s.c.speaker_code, func.count()).where(s.c.speaker_code.is_not(None))
                                   .group_by(s.c.speaker_code)).all())
    out = []
    for key, row in table.items():
        names = row.pop("names")
        row["name"] = names.most_common(1)[0][0]
        row["statements"] = int(spoken.get(row["code"], 0)) if row["code"] else 0
        row["events"] = row["as_source"] + row["as_target"]
        row["goldstein_out"] = round(row["goldstein_out"], 2)
        row["key"] = key
        out.append(row)
    out.sort(key=lambda r: (-r["events"], r["key"]))
    return out, truncated


@router.get("", summary="List actors with activity counts (event filters apply)")
def actors(request: Request, store: StoreDep, f: FilterDep, paging: PageDep,
           q: Annotated[str | None, Query(max_length=100, description="part of a code or name")] = None) -> dict[str, Any]:
    rows, truncated = actor_table(store, f)
    if q:
        needle = q.lower()
        rows = [r for r in rows if needle in r["key"].lower() or needle in (r["name"] or "").lower()]
    body = paging.body(rows[paging.offset:paging.offset + paging.limit], len(rows), request)
    body["truncated"] = truncated
    return body


@router.get("/{code}", summary="One actor: activity and its latest events")
def actor(code: str, store: StoreDep) -> dict[str, Any]:
    rows, _ = actor_table(store, query.EventFilter())
    found = next((r for r in rows if r["key"] == code or (r["code"] or "") == code.upper()), None)
    if found is None:
        raise not_found("actor", code)
    as_source, _ = query.events(store, query.EventFilter(actor=found["code"]), limit=20, with_total=False) \
        if found["code"] else ([], None)
    as_target, _ = query.events(store, query.EventFilter(recipient=found["code"]), limit=20, with_total=False) \
        if found["code"] else ([], None)
    return {**found, "latest_as_source": as_source, "latest_as_target": as_target}
