"""GDELT 2.0 event table: the 61 columns, with their exact names and order, tab-separated.

What each column holds here (GDELT Event Codebook 2.0 names):

* GLOBALEVENTID: a stable number derived from our event id (hex -> decimal, 12 digits).
* SQLDATE / MonthYear / Year / FractionDate: the event's date (its first day when coarser than a
  day; the article's date when the text gives none). FractionDate = Year + day-of-year / 365.
* Actor1* / Actor2*: the first actor and the first recipient. Code = our CAMEO-style code, Name =
  canonical name upper-cased, CountryCode = ISO3 (CAMEO country codes), Type1Code = sector.
  Known-group, ethnic and religion codes are left empty (not coded).
* IsRootEvent: 1 when the evidence sentence lies in the lead (the first 400 characters).
* EventCode / EventBaseCode / EventRootCode, QuadClass, GoldsteinScale: from the record.
* NumMentions = 1 + further mentions of the event in the article; NumSources = NumArticles = 1.
* AvgTone: empty (tone is not measured).
* ActionGeo_*: the event location. *_Type 1 country, 2 US state, 3 US city, 4 world city,
  5 world state (admin-1). *_CountryCode is FIPS 10-4 (kb/export/iso3_fips.tsv), *_ADM1Code is
  FIPS country + the GeoNames admin-1 code (GDELT's convention), *_FeatureID is the GeoNames id
  for a city (GDELT uses GNS ids there), the ADM1 code for a state, the FIPS code for a country.
* Actor1Geo_* / Actor2Geo_*: the actor's country at country level (GDELT fills these from the
  place nearest the actor in the text; the country is what we know for sure).
* DATEADDED: when the article was stored, YYYYMMDDHHMMSS (UTC). SOURCEURL: its URL or source name.
"""

from __future__ import annotations

import csv
import functools
import gzip
from typing import IO, Any

from flashpoint.export.common import (
    Batch,
    added_at,
    actor_name,
    country_name,
    event_day,
    first,
    fips,
    iso2,
    numeric_id,
)

ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
         "Type1Code", "Type2Code", "Type3Code"]
GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in ACTOR] + [f"Actor2{c}" for c in ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in GEO] + [f"Actor2Geo_{c}" for c in GEO] + [f"ActionGeo_{c}" for c in GEO]
    + ["DATEADDED", "SOURCEURL"]
)
LEAD_CHARS = 400


def gdelt_row(record: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    day, _precision = event_day(record, article)
    code = str(record.get("cameo_code") or "")
    evidence = record.get("evidence") or {}
    row: dict[str, Any] = {column: "" for column in COLUMNS}
    row.update({
        "GLOBALEVENTID": numeric_id(record["id"]),
        "IsRootEvent": 1 if (evidence.get("start") or 0) < LEAD_CHARS else 0,
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": record.get("quad_class", ""),
        "GoldsteinScale": record.get("goldstein", ""),
        "NumMentions": 1 + len(record.get("mentions") or []),
        "NumSources": 1,
        "NumArticles": 1,
        "SOURCEURL": article.get("url") or article.get("source") or "",
    })
    if day is not None:
        row.update({"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": day.year,
                    "FractionDate": f"{day.year + day.timetuple().tm_yday / 365:.4f}"})
    for number, key in ((1, "actor"), (2, "recipient")):
        actor = first(record.get(key))
        if not actor:
            continue
        row[f"Actor{number}Code"] = actor.get("code") or actor.get("country") or ""
        row[f"Actor{number}Name"] = actor_name(actor).upper()
        row[f"Actor{number}CountryCode"] = actor.get("country") or ""
        row[f"Actor{number}Type1Code"] = actor.get("sector") or ""
        if actor.get("country"):
            row.update(_country_geo(f"Actor{number}Geo_", actor["country"]))
    row.update(_place_geo("ActionGeo_", record.get("event_loc")))
    stamp = added_at(article)
    if stamp is not None:
        row["DATEADDED"] = stamp.strftime("%Y%m%d%H%M%S")
    return row


def _country_geo(prefix: str, iso3: str) -> dict[str, Any]:
    code = fips(iso3)
    centre = _country_centres().get(iso3, (None, None))
    return {f"{prefix}Type": 1, f"{prefix}FullName": country_name(iso3), f"{prefix}CountryCode": code,
            f"{prefix}ADM1Code": code, f"{prefix}Lat": _coord(centre[0]), f"{prefix}Long": _coord(centre[1]),
            f"{prefix}FeatureID": code}


def _place_geo(prefix: str, loc: dict[str, Any] | None) -> dict[str, Any]:
    if not loc or not loc.get("country_code"):
        return {f"{prefix}Type": 0}
    iso3 = str(loc["country_code"])
    feature = loc.get("feature") or ("country" if not loc.get("admin1") else "city")
    if feature == "country":
        out = _country_geo(prefix, iso3)
        if loc.get("lat") is not None:
            out[f"{prefix}Lat"], out[f"{prefix}Long"] = _coord(loc["lat"]), _coord(loc.get("lon"))
        return out
    us = iso3 == "USA"
    admin_level = feature == "admin1"
    geo_type = (2 if us else 5) if admin_level else (3 if us else 4)
    country = fips(iso3)
    adm1 = adm1_code(iso3, loc)
    name = loc.get("resolved_place") or loc.get("extracted_place") or ""
    parts = [name] + [p for p in (loc.get("admin1"), country_name(iso3)) if p and p != name]
    feature_id: Any = adm1 if admin_level else (loc.get("geonameid") or "")
    return {f"{prefix}Type": geo_type, f"{prefix}FullName": ", ".join(parts), f"{prefix}CountryCode": country,
            f"{prefix}ADM1Code": adm1 or country, f"{prefix}ADM2Code": "", f"{prefix}Lat": _coord(loc.get("lat")),
            f"{prefix}Long": _coord(loc.get("lon")), f"{prefix}FeatureID": feature_id}


def _coord(value: Any) -> Any:
    return "" if value is None else round(float(value), 4)


def adm1_code(iso3: str, loc: dict[str, Any]) -> str:
    """FIPS country code + GeoNames admin-1 code ("PK03"), from the place's id or its admin-1 name."""
    codes, names, city_admin = _gazetteer()
    gid = loc.get("geonameid")
    code = None
    if gid is not None:
        code = codes.get(int(gid)) or codes.get(city_admin.get(int(gid), -1))
    if code is None and loc.get("admin1"):
        code = names.get((iso2(iso3), str(loc["admin1"]).casefold()))
    return fips(iso3) + code if code else ""


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[int, str], dict[tuple[str, str], str], dict[int, int]]:
    """Admin-1 codes by GeoNames id and by (ISO2, name), and city -> admin-1 id, from kb/gazetteer/."""
    from flashpoint.export.common import KB

    folder = KB.parent / "gazetteer"
    codes: dict[int, str] = {}
    names: dict[tuple[str, str], str] = {}
    city_admin: dict[int, int] = {}
    try:
        with gzip.open(folder / "admin.tsv.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cells) < 8 or cells[2] != "1":
                    continue
                code = cells[3].split(".", 1)[-1]
                codes[int(cells[0])] = code
                for name in [cells[5], *cells[7].split("|")]:
                    if name:
                        names.setdefault((cells[1], name.casefold()), code)
        with gzip.open(folder / "city_admin.tsv.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if not line.startswith("#") and len(cells) >= 2 and cells[1]:
                    city_admin[int(cells[0])] = int(cells[1])
    except OSError:  # without the gazetteer tables ADM1 codes fall back to the country code
        pass
    return codes, names, city_admin


@functools.lru_cache(maxsize=1)
def _country_centres() -> dict[str, tuple[float, float]]:
    from flashpoint.export.common import KB

    out: dict[str, tuple[float, float]] = {}
    try:
        text = (KB.parent / "gazetteer" / "countries.tsv").read_text(encoding="utf-8")
    except OSError:
        return out
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 7:
            continue
        try:
            out[cells[2]] = (float(cells[5]), float(cells[6]))
        except ValueError:
            continue
    return out


def write(batch: Batch, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
    writer.writeheader()
    for record in batch.records:
        writer.writerow(gdelt_row(record, batch.article(record)))
    return len(batch.records)
