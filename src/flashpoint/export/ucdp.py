"""UCDP GED-style CSV: one row per lethal event, with GED's column names.

* Only events with a death count above zero are written.
* type_of_violence: 3 one-sided (the victims are civilians), 1 state-based (a state force on either
  side), 2 non-state (otherwise). side_a is the state side in state-based violence and the
  perpetrator otherwise; side_b is "Civilians" in one-sided violence.
* best / low / high: the record's dead count; deaths_a / deaths_b / deaths_civilians /
  deaths_unknown split ``best`` by whose dead they are (``dead.of``).
* where_prec: 1 a town or site, 2 near or part of a region, 3 second-order unit, 4 first-order
  unit, 6 only the country. date_prec: 1 day, 3 week, 4 month, 5 coarser or only the article date;
  date_start / date_end span the period.
* UCDP's own identifiers (conflict, dyad and side ids, Gleditsch-Ward numbers, PRIO-GRID cells)
  are left empty: they belong to UCDP's actor and conflict lists, which flashpoint does not carry.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import IO, Any

from flashpoint.export.acled import regions
from flashpoint.export.common import (
    STATE_SECTORS,
    Batch,
    actor_name,
    country_name,
    event_country,
    event_day,
    is_civilian_target,
    numeric_id,
    write_rows,
)

COLUMNS = ["id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
           "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
           "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
           "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
           "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
           "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
           "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
           "gwnoa", "gwnob"]
UCDP_REGION = {"Middle East": "Middle East", "Europe": "Europe", "North America": "Americas",
               "Central America": "Americas", "South America": "Americas", "Caribbean": "Americas"}
DATE_PREC = {"day": 1, "week": 3, "month": 4}


def deaths(record: Mapping[str, Any]) -> tuple[int, int, int]:
    dead = record.get("dead") or {}
    best = dead.get("best")
    low = dead.get("low") if dead.get("low") is not None else best
    high = dead.get("high") if dead.get("high") is not None else best
    if best is None:
        best = low if low is not None else high
    return int(best or 0), int(low or 0), int(high or 0)


def is_lethal(record: Mapping[str, Any]) -> bool:
    return max(deaths(record)) > 0


def ucdp_row(record: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any] | None:
    if not is_lethal(record):
        return None
    best, low, high = deaths(record)
    actors = list(record.get("actor") or [])
    recipients = list(record.get("recipient") or [])
    one_sided = is_civilian_target(record)
    state_first = any((a.get("sector") or "") in STATE_SECTORS for a in actors)
    state_second = any((a.get("sector") or "") in STATE_SECTORS for a in recipients)
    if one_sided:
        violence, side_a, side_b = 3, _side(actors), "Civilians"
    elif state_first or state_second:
        violence = 1
        side_a, side_b = (_side(actors), _side(recipients)) if state_first else (_side(recipients), _side(actors))
    else:
        violence, side_a, side_b = 2, _side(actors), _side(recipients)
    start, end, date_prec = _period(record, article)
    whose = (record.get("dead") or {}).get("of")
    split = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
    if whose == "civilians" or (one_sided and whose in (None, "recipient")):
        split["deaths_civilians"] = best
    elif whose in ("actor", "recipient"):
        own_side_is_a = (whose == "actor") == (state_first or violence != 1)
        split["deaths_a" if own_side_is_a else "deaths_b"] = best
    else:
        split["deaths_unknown"] = best
    iso3 = event_country(record)
    loc = record.get("event_loc") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    row: dict[str, Any] = {column: "" for column in COLUMNS}
    row.update(split)
    row.update({
        "id": numeric_id(record["id"], 10),
        "relid": record["id"],
        "year": start.year if start else "",
        "active_year": 0,
        "code_status": "Clear",
        "type_of_violence": violence,
        "conflict_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": 1,
        "source_article": article.get("url") or article.get("title") or "",
        "source_office": article.get("source") or "",
        "source_date": article.get("published") or article.get("doc_date") or "",
        "source_headline": article.get("title") or "",
        "source_original": "; ".join(actor_name(a) for a in record.get("claimed_by") or []),
        "where_prec": _where_prec(loc),
        "where_coordinates": loc.get("resolved_place") or loc.get("extracted_place") or country_name(iso3),
        "where_description": loc.get("extracted_place") or "",
        "adm_1": loc.get("admin1") or "",
        "adm_2": loc.get("admin2") or "",
        "latitude": lat if lat is not None else "",
        "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "country": country_name(iso3),
        "region": UCDP_REGION.get(regions().get(iso3, ""), "Africa" if "Africa" in regions().get(iso3, "")
                                  else "Asia" if iso3 else ""),
        "event_clarity": 1 if float(record.get("confidence") or 0) >= 0.5 else 2,
        "date_prec": date_prec,
        "date_start": start.isoformat() if start else "",
        "date_end": end.isoformat() if end else "",
        "best": best,
        "high": high,
        "low": low,
    })
    return row


def _side(actors: list[dict[str, Any]]) -> str:
    return ", ".join(dict.fromkeys(actor_name(a) for a in actors if actor_name(a)))


def _where_prec(loc: Mapping[str, Any]) -> int:
    feature = loc.get("feature")
    if not loc or feature == "country" or not loc.get("resolved_place"):
        return 6
    if feature == "admin1":
        return 4
    if feature == "admin2":
        return 3
    return 2 if loc.get("precision") == 2 else 1


def _period(record: Mapping[str, Any], article: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None, int]:
    day, precision = event_day(record, article)
    if day is None:
        return None, None, 5
    if precision == "week":
        return day, day + dt.timedelta(days=6), 3
    if precision == "month":
        return day, day.replace(day=calendar.monthrange(day.year, day.month)[1]), 4
    if precision == "year":
        return day, dt.date(day.year, 12, 31), 5
    return day, day, DATE_PREC.get(precision, 5)


def write(batch: Batch, out: IO[str]) -> int:
    return write_rows(batch, out, COLUMNS, ucdp_row)
