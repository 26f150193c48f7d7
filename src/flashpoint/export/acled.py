"""ACLED-style CSV: ACLED's column names, events within ACLED's scope only.

* event_type / sub_event_type / disorder_type: from the CAMEO code through kb/export/acled_events.tsv
  (longest matching prefix, first row whose condition holds); codes outside ACLED's scope (talks,
  accusations ...) are left out.
* inter1 / inter2: actor types from the sector (kb/export/acled_inter.tsv); the actors of a
  protest are protesters (6), of a riot rioters (5). interaction = the two codes, smaller first
  (one actor: code x 10).
* time_precision: 1 day, 2 week, 3 month or coarser (and events dated only by their article:
  ``date_source`` "document").
* geo_precision: the place's precision (1 town, 2 part of a region, 3 larger region); 3 without one.
* fatalities: the lowest reported figure (ACLED's conservative rule); 0 when none is given.
* iso: ISO 3166 numeric; region from kb/export/acled_regions.tsv.
* notes: the evidence sentence; tags: our event id and any non-asserted modality, for joining back.
* timestamp: when the article was stored (Unix seconds).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import IO, Any

from flashpoint.errors import KnowledgeBaseError
from flashpoint.export.common import (
    KB,
    STATE_SECTORS,
    Batch,
    actor_name,
    added_at,
    country_name,
    event_country,
    event_day,
    is_civilian_target,
    iso_numeric,
    numeric_id,
    read_table,
    write_rows,
)

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp"]
CONDITIONS = ("any", "civilians", "state", "protesters")
TIME_PRECISION = {"day": 1, "week": 2}
PROTEST_SECTORS = frozenset({"OPP", "PTY", "SOC", "CVL", "LAB", "EDU", "AGR", "REL", "HRI", "NGO"})


@functools.lru_cache(maxsize=1)
def event_types() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for number, (prefix, condition, event_type, sub_type, disorder) in read_table("acled_events.tsv", 5):
        if not prefix.isdigit() or condition not in CONDITIONS:
            raise KnowledgeBaseError(
                f"bad row: cameo prefix {prefix!r} must be digits and condition one of {', '.join(CONDITIONS)}",
                path=str(KB / "acled_events.tsv"), line=number)
        rows.append((prefix, condition, event_type, sub_type, disorder))
    return rows


@functools.lru_cache(maxsize=1)
def inter_codes() -> dict[str, int]:
    out = {}
    for number, (sector, inter, _meaning) in read_table("acled_inter.tsv", 3):
        if not inter.isdigit() or not 1 <= int(inter) <= 8:
            raise KnowledgeBaseError(f"inter code {inter!r} of {sector} must be 1-8",
                                     path=str(KB / "acled_inter.tsv"), line=number)
        out[sector] = int(inter)
    return out


@functools.lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    out = {}
    for _number, (region, countries) in read_table("acled_regions.tsv", 2):
        for iso3 in countries.split():
            out[iso3] = region
    return out


def classify(record: Mapping[str, Any]) -> tuple[str, str, str] | None:
    """(event_type, sub_event_type, disorder_type), or None when ACLED would not code the event."""
    code = str(record.get("cameo_code") or "")
    matches = [row for row in event_types() if code.startswith(row[0])]
    if not matches:
        return None
    longest = max(len(row[0]) for row in matches)
    for prefix, condition, event_type, sub_type, disorder in matches:
        if len(prefix) == longest and _holds(condition, record):
            return event_type, sub_type, disorder
    return None


def _holds(condition: str, record: Mapping[str, Any]) -> bool:
    if condition == "civilians":
        return is_civilian_target(record)
    if condition == "state":
        return any((a.get("sector") or "") in STATE_SECTORS for a in record.get("actor") or [])
    if condition == "protesters":
        return any((a.get("sector") or "") in PROTEST_SECTORS for a in record.get("recipient") or [])
    return True


def inter(actor: Mapping[str, Any] | None, event_type: str, *, is_source: bool) -> int | str:
    if not actor:
        return ""
    if is_source and event_type == "Protests":
        return 6
    if is_source and event_type == "Riots":
        return 5
    return inter_codes().get(str(actor.get("sector") or ""), 8)


def interaction(first_code: int | str, second_code: int | str) -> int | str:
    codes = sorted(c for c in (first_code, second_code) if isinstance(c, int))
    if not codes:
        return ""
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def acled_row(record: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any] | None:
    kind = classify(record)
    if kind is None:
        return None
    event_type, sub_type, disorder = kind
    day, precision = event_day(record, article)
    actors = list(record.get("actor") or [])
    recipients = list(record.get("recipient") or [])
    actor1 = actors[0] if actors else None
    actor2 = recipients[0] if recipients else None
    inter1 = inter(actor1, event_type, is_source=True)
    inter2 = inter(actor2, event_type, is_source=False)
    iso3 = event_country(record)
    loc = record.get("event_loc") or {}
    dead = record.get("dead") or {}
    fatalities = next((dead[k] for k in ("low", "best", "high") if dead.get(k) is not None), 0)
    tags = [f"flashpoint_id={record['id']}"]
    if record.get("modality") not in (None, "asserted"):
        tags.append(f"modality={record['modality']}")
    stamp = added_at(article)
    civilian = event_type == "Violence against civilians" or (
        disorder.startswith("Political violence") and is_civilian_target(record))
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{numeric_id(record['id'], 10)}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": TIME_PRECISION.get(precision, 3),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": _actor_label(actor1),
        "assoc_actor_1": "; ".join(_actor_label(a) for a in actors[1:]),
        "inter1": inter1,
        "actor2": _actor_label(actor2),
        "assoc_actor_2": "; ".join(_actor_label(a) for a in recipients[1:]),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso_numeric(iso3),
        "region": regions().get(iso3, ""),
        "country": country_name(iso3),
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("resolved_place") or loc.get("extracted_place") or "",
        "latitude": loc.get("lat") if loc.get("lat") is not None else "",
        "longitude": loc.get("lon") if loc.get("lon") is not None else "",
        "geo_precision": loc.get("precision") or 3,
        "source": article.get("source") or article.get("url") or "",
        "source_scale": "",
        "notes": " ".join(str((record.get("evidence") or {}).get("sentence") or "").split()),
        "fatalities": fatalities,
        "tags": "; ".join(tags),
        "timestamp": int(stamp.timestamp()) if stamp else "",
    }


def _actor_label(actor: Mapping[str, Any] | None) -> str:
    if not actor:
        return ""
    name = actor_name(actor)
    country = country_name(actor.get("country"))
    if country and actor.get("sector") in STATE_SECTORS and country not in name:
        return f"{name} ({country})"
    return name


def write(batch: Batch, out: IO[str]) -> int:
    return write_rows(batch, out, COLUMNS, acled_row)
