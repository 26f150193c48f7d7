"""Event queries as the analyst sees them: machine rows with the latest review applied.

Filters run in SQL on the machine columns for events nobody corrected; corrected events (few: they
are hand work) are filtered in Python on their corrected record, and both streams are merged in one
order before paging. Rejected events are left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, not_, or_, select

from flashpoint.api.review import apply_review, latest_reviews
from flashpoint.store import schema
from flashpoint.store.db import Store, document_dated_clause, first_day

e = schema.events

REVIEW_STATES = ("any", "unreviewed", "reviewed", "confirmed", "corrected", "rejected")


@dataclass(frozen=True)
class EventFilter:
    article: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    recipient: str | None = None
    dyad: str | None = None  # "PAK-AFG": source country or code, then target
    event_type: str | None = None
    mode: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    place: str | None = None
    min_confidence: float | None = None
    cluster: str | None = None
    aggregate: bool | None = None
    located: bool | None = None
    document_dated: bool | None = None  # False leaves out events dated only by the document (date_source)
    review: str = "any"
    include_rejected: bool = False

    def as_params(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "any", False)}


def _first(record: dict[str, Any], key: str, part: str) -> str | None:
    items = record.get(key) or []
    return (items[0].get(part) if items else None) or None


def _dyad(value: str) -> tuple[str, str]:
    source, _, target = value.upper().partition("-")
    return source, target


def sql_clauses(f: EventFilter) -> list[Any]:
    clauses: list[Any] = []
    if f.article:
        clauses.append(e.c.article_id == f.article)
    if f.since:
        clauses.append(e.c.day >= f.since)
    if f.until:
        clauses.append(e.c.day <= f.until)
    if f.country:
        c = f.country.upper()
        clauses.append(or_(e.c.actor_country == c, e.c.recipient_country == c, e.c.loc_country == c))
    if f.actor:
        clauses.append(or_(e.c.actor_code == f.actor.upper(), e.c.actor_country == f.actor.upper()))
    if f.recipient:
        clauses.append(or_(e.c.recipient_code == f.recipient.upper(), e.c.recipient_country == f.recipient.upper()))
    if f.dyad:
        source, target = _dyad(f.dyad)
        clauses.append(or_(e.c.actor_code == source, e.c.actor_country == source))
        clauses.append(or_(e.c.recipient_code == target, e.c.recipient_country == target))
    if f.event_type:
        clauses.append(e.c.event == f.event_type.upper())
    if f.mode:
        clauses.append(e.c.mode == f.mode)
    if f.quad_class:
        clauses.append(e.c.quad_class == f.quad_class)
    if f.modality:
        clauses.append(e.c.modality == f.modality)
    if f.place:
        like = f"%{f.place.lower()}%"
        clauses.append(or_(func.lower(e.c.loc_name).like(like), func.lower(e.c.loc_admin1).like(like),
                           e.c.loc_country == f.place.upper()))
    if f.min_confidence is not None:
        clauses.append(e.c.confidence >= f.min_confidence)
    if f.cluster:
        clauses.append(e.c.cluster_id == f.cluster)
    if f.aggregate is not None:
        clauses.append(e.c.aggregate == f.aggregate)
    if f.located is not None:
        clauses.append(e.c.lat.is_not(None) if f.located else e.c.lat.is_(None))
    if f.document_dated is not None:
        clauses.append(document_dated_clause(f.document_dated))
    return clauses


def matches(record: dict[str, Any], f: EventFilter) -> bool:
    """The same filters as ``sql_clauses``, on a (corrected) record."""
    day = first_day(record.get("date"))
    loc = record.get("event_loc") or {}
    actor_code, actor_country = _first(record, "actor", "code"), _first(record, "actor", "country")
    target_code, target_country = _first(record, "recipient", "code"), _first(record, "recipient", "country")
    checks: list[Callable[[], bool]] = []
    if f.article:
        checks.append(lambda: record.get("article_id") == f.article)
    if f.since:
        checks.append(lambda: day is not None and day >= f.since)  # type: ignore[operator]
    if f.until:
        checks.append(lambda: day is not None and day <= f.until)  # type: ignore[operator]
    if f.country:
        checks.append(lambda: f.country.upper() in (actor_country, target_country, loc.get("country_code")))  # type: ignore[union-attr]
    if f.actor:
        checks.append(lambda: f.actor.upper() in (actor_code, actor_country))  # type: ignore[union-attr]
    if f.recipient:
        checks.append(lambda: f.recipient.upper() in (target_code, target_country))  # type: ignore[union-attr]
    if f.dyad:
        source, target = _dyad(f.dyad)
        checks.append(lambda: source in (actor_code, actor_country) and target in (target_code, target_country))
    if f.event_type:
        checks.append(lambda: record.get("event") == f.event_type.upper())  # type: ignore[union-attr]
    if f.mode:
        checks.append(lambda: record.get("mode") == f.mode)
    if f.quad_class:
        checks.append(lambda: record.get("quad_class") == f.quad_class)
    if f.modality:
        checks.append(lambda: record.get("modality") == f.modality)
    if f.place:
        needle = f.place.lower()
        checks.append(lambda: needle in (loc.get("resolved_place") or "").lower()
                      or needle in (loc.get("admin1") or "").lower() or (loc.get("country_code") or "") == f.place.upper())  # type: ignore[union-attr]
    if f.min_confidence is not None:
        checks.append(lambda: (record.get("confidence") or 0) >= f.min_confidence)  # type: ignore[operator]
    if f.cluster:
        checks.append(lambda: record.get("cluster_id") == f.cluster)
    if f.aggregate is not None:
        checks.append(lambda: bool(record.get("aggregate")) == f.aggregate)
    if f.located is not None:
        checks.append(lambda: (loc.get("lat") is not None) == f.located)
    if f.document_dated is not None:
        checks.append(lambda: (record.get("date_source") == "document") == f.document_dated)
    return all(check() for check in checks)


# sort name -> (SQL column, key on a record); every order ends with the event id so pages are stable
SORTS: dict[str, tuple[Any, Callable[[dict[str, Any]], Any]]] = {
    "date": (e.c.day, lambda r: first_day(r.get("date")) or ""),
    "confidence": (e.c.confidence, lambda r: r.get("confidence") or 0.0),
    "goldstein": (e.c.goldstein, lambda r: r.get("goldstein") or 0.0),
    "dead": (e.c.dead, lambda r: ((r.get("dead") or {}).get("best") or 0)),
    "event": (e.c.event, lambda r: r.get("event") or ""),
    "article": (e.c.article_id, lambda r: r.get("article_id") or ""),
}


def parse_sort(sort: str) -> tuple[str, bool]:
    """'-date' -> ('date', descending). Unknown names raise ValueError naming the allowed ones."""
    descending = sort.startswith("-")
    name = sort.lstrip("-+ ")
    if name not in SORTS:
        raise ValueError(f"cannot sort by {name!r}; use one of {', '.join(sorted(SORTS))} (prefix - for descending)")
    return name, descending


def _sql_key(value: Any) -> tuple[int, Any]:
    # NULLs sort first ascending in SQLite; normalise so Python and SQL agree: None counts as lowest
    return (0, "") if value is None else (1, value)


def _review_sql(f: EventFilter, corrected_ids: set[str], reviewed: dict[str, dict[str, Any]]) -> list[Any]:
    """Which machine rows the SQL stream may return, given the review state filter."""
    clauses: list[Any] = []
    if corrected_ids:
        clauses.append(not_(e.c.id.in_(corrected_ids)))
    by_action: dict[str, list[str]] = {}
    for event_id, review in reviewed.items():
        by_action.setdefault(review["action"], []).append(event_id)
    rejected = by_action.get("reject", [])
    if f.review in ("unreviewed",):
        if reviewed:
            clauses.append(not_(e.c.id.in_(list(reviewed))))
    elif f.review in ("reviewed", "confirmed", "rejected"):
        wanted = {"reviewed": by_action.get("confirm", []) + rejected, "confirmed": by_action.get("confirm", []),
                  "rejected": rejected}[f.review]
        clauses.append(e.c.id.in_(wanted) if wanted else e.c.id.is_(None))
    elif f.review == "corrected":
        clauses.append(e.c.id.is_(None))
    if rejected and not f.include_rejected and f.review != "rejected":
        clauses.append(not_(e.c.id.in_(rejected)))
    return clauses


def _corrected_records(store: Store, f: EventFilter, reviewed: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    if f.review in ("unreviewed", "confirmed", "rejected"):
        return []
    ids = [event_id for event_id, review in reviewed.items() if review["action"] == "correct"]
    out = []
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            rows = conn.execute(select(e.c.record, e.c.cluster_id).where(e.c.id.in_(ids[start:start + 500])))
            for record, cluster in rows:
                record = apply_review({**record, "cluster_id": cluster}, reviewed[record["id"]])
                if matches(record, f):
                    out.append(record)
    return out


def events(store: Store, f: EventFilter, *, sort: str = "-date", limit: int = 50, offset: int = 0,
           with_total: bool = True) -> tuple[list[dict[str, Any]], int | None]:
    """One page of effective event records and (optionally) the total that match."""
    name, descending = parse_sort(sort)
    column, key = SORTS[name]
    reviewed = latest_reviews(store)
    corrected_ids = {i for i, r in reviewed.items() if r["action"] == "correct"}
    clauses = sql_clauses(f) + _review_sql(f, corrected_ids, reviewed)
    order = [column.desc().nulls_last() if descending else column.asc().nulls_first(),
             e.c.id.desc() if descending else e.c.id.asc()]
    query = (select(e.c.record, e.c.cluster_id).where(*clauses).order_by(*order)
             .limit(limit + offset).offset(0))
    extra = _corrected_records(store, f, reviewed)
    with store.engine.connect() as conn:
        machine = []
        for record, cluster in conn.execute(query):
            machine.append(apply_review({**record, "cluster_id": cluster}, reviewed.get(record["id"])))
        total = None
        if with_total:
            total = int(conn.execute(select(func.count()).select_from(e).where(*clauses)).scalar() or 0)
            total += len(extra)
    merged = machine + extra
    merged.sort(key=lambda r: (_sql_key(key(r)), r["id"]), reverse=descending)
    return merged[offset:offset + limit], total


def all_events(store: Store, f: EventFilter, *, cap: int = 20000) -> tuple[list[dict[str, Any]], bool]:
    """Every matching effective record up to ``cap`` (for aggregates); True when the cap cut it."""
    rows, total = events(store, f, sort="date", limit=cap, offset=0)
    return rows, bool(total and total > cap)


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(e.c.record, e.c.cluster_id).where(e.c.id == event_id)).first()
    if row is None:
        return None
    review = latest_reviews(store, [event_id]).get(event_id)
    return apply_review({**row[0], "cluster_id": row[1]}, review)


LIGHT_COLUMNS = (e.c.id, e.c.article_id, e.c.event, e.c.mode, e.c.quad_class, e.c.goldstein, e.c.modality, e.c.date,
                 e.c.day, e.c.actor_code, e.c.actor_country, e.c.recipient_code, e.c.recipient_country, e.c.loc_name,
                 e.c.loc_country, e.c.loc_admin1, e.c.lat, e.c.lon, e.c.geo_precision, e.c.dead, e.c.confidence,
                 e.c.cluster_id)


def light(record: dict[str, Any]) -> dict[str, Any]:
    """The flat row of a (corrected) record, in the shape of ``LIGHT_COLUMNS``."""
    loc = record.get("event_loc") or {}
    return {
        "id": record["id"], "article_id": record.get("article_id"), "event": record.get("event"),
        "mode": record.get("mode"), "quad_class": record.get("quad_class"), "goldstein": record.get("goldstein"),
        "modality": record.get("modality"), "date": record.get("date"), "day": first_day(record.get("date")),
        "actor_code": _first(record, "actor", "code"), "actor_country": _first(record, "actor", "country"),
        "recipient_code": _first(record, "recipient", "code"),
        "recipient_country": _first(record, "recipient", "country"),
        "loc_name": loc.get("resolved_place") or loc.get("extracted_place"), "loc_country": loc.get("country_code"),
        "loc_admin1": loc.get("admin1"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "geo_precision": loc.get("precision"), "dead": (record.get("dead") or {}).get("best"),
        "confidence": record.get("confidence"), "cluster_id": record.get("cluster_id"),
    }


def light_rows(store: Store, f: EventFilter, *, cap: int = 200_000,
               keys: tuple[str, ...] | None = None) -> tuple[list[dict[str, Any]], bool]:
    """Flat rows (first actor and target, place columns) of every matching event, corrections applied.

    For aggregates (timeline, map, hotspots, dyads, network): no JSON is parsed for unreviewed events.
    """
    reviewed = latest_reviews(store)
    corrected_ids = {i for i, r in reviewed.items() if r["action"] == "correct"}
    clauses = sql_clauses(f) + _review_sql(f, corrected_ids, reviewed)
    columns = [e.c[key] for key in keys] if keys else list(LIGHT_COLUMNS)
    names = [column.name for column in columns]
    query = select(*columns).where(*clauses).order_by(e.c.day.asc().nulls_first(), e.c.id).limit(cap + 1)
    with store.engine.connect() as conn:
        rows = [dict(zip(names, row)) for row in conn.execute(query).all()]
    rows += [{k: v for k, v in light(record).items() if k in names} for record in _corrected_records(store, f, reviewed)]
    truncated = len(rows) > cap
    return rows[:cap], truncated


def grouped(store: Store, f: EventFilter, keys: list[str]) -> list[dict[str, Any]]:
    """Counts, Goldstein and death sums of matching events grouped by ``keys`` (names of LIGHT_COLUMNS).

    Unreviewed events are grouped in SQL; corrected ones are added one by one from their corrected
    record, so a key may appear twice: consumers add the rows up.
    """
    reviewed = latest_reviews(store)
    corrected_ids = {i for i, r in reviewed.items() if r["action"] == "correct"}
    clauses = sql_clauses(f) + _review_sql(f, corrected_ids, reviewed)
    columns = [e.c[key] for key in keys]
    stmt = (select(*columns, func.count().label("n"), func.sum(e.c.goldstein).label("goldstein"),
                   func.sum(e.c.dead).label("dead")).where(*clauses).group_by(*columns))
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    for record in _corrected_records(store, f, reviewed):
        flat = light(record)
        rows.append({key: flat[key] for key in keys} | {"n": 1, "goldstein": flat["goldstein"] or 0.0,
                                                      "dead": flat["dead"] or 0})
    for row in rows:
        row["goldstein"] = float(row["goldstein"] or 0.0)
        row["dead"] = int(row["dead"] or 0)
    return rows
