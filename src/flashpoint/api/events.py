"""Events: filtered and sorted lists, one event, export, and the analyst's review (token)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from flashpoint.api import query
from flashpoint.api.deps import FilterDep, PageDep, SortParam, StoreDep, WriteAccess
from flashpoint.api.errors import ApiError, not_found
from flashpoint.api.review import ACTIONS, CORRECTABLE, history, record_review

router = APIRouter(prefix="/api/events", tags=["events"])

EXPORT_CAP = 50_000
CSV_COLUMNS = ["id", "article_id", "cluster_id", "date", "date_precision", "date_source", "event", "mode", "cameo_code", "quad_class",
               "goldstein", "modality", "aggregate", "actor_codes", "actor_names", "recipient_codes",
               "recipient_names", "place", "country", "admin1", "lat", "lon", "geo_precision", "dead", "injured",
               "confidence", "review", "coder_version", "sentence"]


def run_query(store: Any, f: query.EventFilter, sort: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int | None]:
    try:
        return query.events(store, f, sort=sort, limit=limit, offset=offset)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from exc


@router.get("", summary="List events (filters, sorting, paging; analyst corrections applied)")
def events(request: Request, store: StoreDep, f: FilterDep, paging: PageDep, sort: SortParam = "-date") -> dict[str, Any]:
    rows, total = run_query(store, f, sort, paging.limit, paging.offset)
    return paging.body(rows, total, request)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    loc = record.get("event_loc") or {}
    review = record.get("review") or {}

    def names(key: str, part: str) -> str:
        return "; ".join(str(a.get(part) or a.get("entity_text") or "") for a in record.get(key) or [])

    return {
        "id": record["id"], "article_id": record.get("article_id"), "cluster_id": record.get("cluster_id"),
        "date": record.get("date"), "date_precision": record.get("date_precision"),
        "date_source": record.get("date_source"), "event": record.get("event"),
        "mode": record.get("mode"), "cameo_code": record.get("cameo_code"), "quad_class": record.get("quad_class"),
        "goldstein": record.get("goldstein"), "modality": record.get("modality"), "aggregate": record.get("aggregate"),
        "actor_codes": names("actor", "code"), "actor_names": names("actor", "name"),
        "recipient_codes": names("recipient", "code"), "recipient_names": names("recipient", "name"),
        "place": loc.get("resolved_place") or loc.get("extracted_place"), "country": loc.get("country_code"),
        "admin1": loc.get("admin1"), "lat": loc.get("lat"), "lon": loc.get("lon"), "geo_precision": loc.get("precision"),
        "dead": (record.get("dead") or {}).get("best"), "injured": (record.get("injured") or {}).get("best"),
        "confidence": record.get("confidence"), "review": review.get("action"),
        "coder_version": record.get("coder_version"), "sentence": (record.get("evidence") or {}).get("sentence"),
    }


def _csv_cell(value: Any) -> Any:
    # a cell starting with = + - @ is a formula to spreadsheet programs; article text must not run there
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_lines(rows: list[dict[str, Any]], fmt: str) -> Iterator[str]:
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    if fmt == "json":
        yield json.dumps(rows, ensure_ascii=False)
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(v) for k, v in csv_row(row).items()})
        if out.tell() > 65536:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


@router.get("/export", summary="Export the filtered events as CSV, JSON Lines or JSON (corrections applied)")
def export(store: StoreDep, f: FilterDep, sort: SortParam = "-date",
           format: Annotated[str, Query(pattern="^(csv|jsonl|json)$")] = "csv",
           limit: Annotated[int, Query(ge=1, le=EXPORT_CAP)] = EXPORT_CAP) -> StreamingResponse:
    rows, _ = run_query(store, f, sort, limit, 0)
    media = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "json": "application/json"}[format]
    headers = {"Content-Disposition": f'attachment; filename="events.{format}"'}
    return StreamingResponse(export_lines(rows, format), media_type=media, headers=headers)


@router.get("/{event_id}", summary="One event, with its review history")
def event(event_id: str, store: StoreDep) -> dict[str, Any]:
    record = query.event(store, event_id)
    if record is None:
        raise not_found("event", event_id)
    record["review_history"] = history(store, event_id)
    return record


class Review(BaseModel):
    action: str = Field(pattern="^(" + "|".join(ACTIONS) + ")$", description="confirm, correct or reject")
    reviewer: str = Field(min_length=1, max_length=64, description="who reviews")
    corrected: dict[str, Any] | None = Field(
        default=None, description="for 'correct': any of " + ", ".join(CORRECTABLE)
        + "; actors as codes ('PAKGOV') or {code, name, country, sector}; counts as numbers or {best, low, high}")
    note: str | None = Field(default=None, max_length=2000)


@router.post("/{event_id}/review", status_code=201, dependencies=[WriteAccess],
             summary="Confirm, correct or reject an event (needs the token)")
def review(event_id: str, item: Review, store: StoreDep) -> dict[str, Any]:
    row = record_review(store, event_id, item.action, reviewer=item.reviewer, corrected=item.corrected, note=item.note)
    return {"review": row, "event": query.event(store, event_id)}
