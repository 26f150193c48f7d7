"""Actors: every coded actor with how often it acts, is acted on and speaks (corrections applied)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from flashpoint.api import query
from flashpoint.api.deps import FilterDep, PageDep, StoreDep
from flashpoint.api.errors import not_found
from flashpoint.store import schema
from flashpoint.store.db import Store

router = APIRouter(prefix="/api/actors", tags=["actors"])


def _names(store: Store, codes: list[str]) -> dict[str, str]:
    """A display name per actor code, read from one event that names it."""
    e = schema.events
    names: dict[str, str] = {}
    with store.engine.connect() as conn:
        for column, role in ((e.c.actor_code, "actor"), (e.c.recipient_code, "recipient")):
            wanted = [c for c in codes if c not in names]
            for start in range(0, len(wanted), 500):
                sample = (select(func.min(e.c.id)).where(column.in_(wanted[start:start + 500]))
                          .group_by(column).scalar_subquery())
                for (record,) in conn.execute(select(e.c.record).where(e.c.id.in_(sample))):
                    for entity in record.get(role) or []:
                        code = entity.get("code")
                        if code and code not in names and (entity.get("name") or entity.get("entity_text")):
                            names[code] = entity.get("name") or entity.get("entity_text")
    return names


def actor_table(store: Store, f: query.EventFilter) -> tuple[list[dict[str, Any]], bool]:
    """One row per actor code (first coded actor and target of each event), most active first."""
    rows = query.grouped(store, f, ["actor_code", "actor_country", "recipient_code", "recipient_country"])
    truncated = False
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        for role, prefix in (("as_source", "actor"), ("as_target", "recipient")):
            code = row.get(f"{prefix}_code")
            if not code:
                continue
            item = table.setdefault(code, {"code": code, "key": code, "country": row.get(f"{prefix}_country"),
                                           "sector": code[3:6] if len(code) >= 6 else None, "as_source": 0,
                                           "as_target": 0, "goldstein_out": 0.0, "statements": 0})
            item[role] += row["n"]
            if role == "as_source":
                item["goldstein_out"] += row["goldstein"]
    s = schema.statements
    with store.engine.connect() as conn:
        spoken = dict(conn.execute(select(s.c.speaker_code, func.count()).where(s.c.speaker_code.is_not(None))
                                   .group_by(s.c.speaker_code)).all())
    names = _names(store, list(table))
    out = []
    for code, item in table.items():
        item["name"] = names.get(code, code)
        item["statements"] = int(spoken.get(code, 0))
        item["events"] = item["as_source"] + item["as_target"]
        item["goldstein_out"] = round(item["goldstein_out"], 2)
        out.append(item)
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
