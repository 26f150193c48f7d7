"""What every exporter shares: where records come from, which are counted, dates, tables in kb/export/.

An exporter takes canonical event records (dicts per schema/event.schema.json) and, where it can,
the metadata of their articles (url, source, title, dates), which a store supplies and a plain list
of records does not.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from flashpoint.errors import KnowledgeBaseError

KB = Path(__file__).resolve().parent.parent / "kb" / "export"

# Modalities under which the text does not report that the act happened. Such events stay in the
# canonical exports (PLOVER, Parquet, GeoJSON) but not in the tables of other data sets, which only
# hold what happened; intentions (CAMEO roots 03, 10, 13) are acts in themselves and stay.
UNREALISED = frozenset({"denied", "hypothetical", "planned", "threatened"})
INTENT_ROOTS = frozenset({"02", "03", "10", "13"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "EDU", "MED", "JRN", "REL", "LAB", "AGR", "BUS", "HRI", "NGO", "SOC",
                              "ELI"})


@dataclass
class Batch:
    """Records to export and the metadata of their articles (article id -> dict)."""

    records: list[dict[str, Any]]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def article(self, record: Mapping[str, Any]) -> dict[str, Any]:
        return self.articles.get(str(record.get("article_id")), {})


def write_rows(batch: Batch, out: IO[str], columns: Sequence[str],
               row: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any] | None]) -> int:
    """Write a CSV of ``row(record, article)`` for each record, leaving out those it gives None for.

    Returns the number of rows written.
    """
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    written = 0
    for record in batch.records:
        values = row(record, batch.article(record))
        if values is not None:
            writer.writerow(values)
            written += 1
    return written


def gather(source: Any, *, reviews: bool = True, **filters: Any) -> Batch:
    """Records from a Store (filtered like ``Store.events``) or from any iterable of records.

    With a store and ``reviews``, analyst corrections are applied and rejected events left out.
    """
    from flashpoint.store.db import Store

    if isinstance(source, Batch):
        return source
    if isinstance(source, Store):
        filters.setdefault("limit", 10_000_000)
        records = source.events(**filters)
        if reviews:
            records = _reviewed(source, records)
        return Batch(records, article_meta(source, {str(r["article_id"]) for r in records}))
    if isinstance(source, Mapping):
        return Batch([dict(source)])
    return Batch([dict(r) for r in source])


def _reviewed(store: Any, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    try:
        from flashpoint.api.review import apply_reviews
    except ImportError:  # the review module is optional
        return records
    return [r for r in apply_reviews(store, records) if (r.get("review") or {}).get("action") != "reject"]


def article_meta(store: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    from sqlalchemy import select

    from flashpoint.store import schema

    a = schema.articles
    ids = sorted(ids)
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            query = select(a.c.id, a.c.url, a.c.title, a.c.source, a.c.published, a.c.doc_date, a.c.lang,
                           a.c.ingested_at, a.c.coder_version).where(a.c.id.in_(ids[start:start + 500]))
            for row in conn.execute(query):
                out[row.id] = dict(row._mapping)
    return out


def counted(record: Mapping[str, Any]) -> bool:
    """True when the record reports something that happened (or a statement of intent), one event."""
    if record.get("aggregate"):
        return False
    if record.get("modality") in UNREALISED:
        return str(record.get("cameo_code") or "")[:2] in INTENT_ROOTS
    return True


# -- dates ------------------------------------------------------------------------------------

def event_day(record: Mapping[str, Any], article: Mapping[str, Any]) -> tuple[dt.date | None, str]:
    """The event's first day and its precision; the article's date (precision 'unknown') without one, or
    when the event's date is only the document date (``date_source`` "document")."""
    from flashpoint.store.db import first_day

    day = first_day(record.get("date"))
    if day and record.get("date_source") == "document":
        return dt.date.fromisoformat(day), "unknown"
    if day:
        return dt.date.fromisoformat(day), str(record.get("date_precision") or _precision(record.get("date")))
    for key in ("doc_date", "published"):
        value = first_day(article.get(key))
        if value:
            return dt.date.fromisoformat(value), "unknown"
    return None, "unknown"


def _precision(value: Any) -> str:
    text = str(value or "")
    if "-W" in text:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "unknown")


def added_at(article: Mapping[str, Any]) -> dt.datetime | None:
    value = article.get("ingested_at")
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


# -- actors -----------------------------------------------------------------------------------

def first(items: Sequence[Mapping[str, Any]] | None) -> dict[str, Any]:
    return dict(items[0]) if items else {}


def actor_name(actor: Mapping[str, Any]) -> str:
    return str(actor.get("name") or actor.get("entity_text") or actor.get("code") or "")


def is_civilian_target(record: Mapping[str, Any]) -> bool:
    if any((a.get("sector") or "") in CIVILIAN_SECTORS for a in record.get("recipient") or []):
        return True
    dead = record.get("dead") or {}
    return dead.get("of") == "civilians"


# -- tables -----------------------------------------------------------------------------------

def read_table(name: str, columns: int) -> list[tuple[int, list[str]]]:
    """Rows (line number, cells) of a tab-separated table in kb/export/; '#' lines are comments."""
    path = KB / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the table ({exc.strerror}); reinstall flashpoint", path=str(path))
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != columns:
            raise KnowledgeBaseError(
                f"expected {columns} tab-separated columns, found {len(cells)}; separate cells with one tab",
                path=str(path), line=number,
            )
        rows.append((number, cells))
    return rows


_ISO3 = re.compile(r"^[A-Z]{3}$")


@functools.lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 country code (GDELT's geography codes)."""
    out = {}
    for number, (iso3, fips, _name) in read_table("iso3_fips.tsv", 3):
        if not _ISO3.match(iso3) or not re.match(r"^[A-Z]{2}$", fips):
            raise KnowledgeBaseError(f"bad codes {iso3!r} -> {fips!r}; write ISO3<TAB>FIPS<TAB>name, e.g. "
                                     "PAK<TAB>PK<TAB>Pakistan", path=str(KB / "iso3_fips.tsv"), line=number)
        out[iso3] = fips
    return out


def fips(iso3: str | None) -> str:
    return fips_codes().get((iso3 or "").upper(), "")


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Any]:
    import pycountry

    return {c.alpha_3: c for c in pycountry.countries}


def country_name(iso3: str | None) -> str:
    country = _countries().get((iso3 or "").upper())
    if country is None:
        return "Kosovo" if iso3 == "XKX" else ""
    return str(getattr(country, "common_name", None) or country.name)


def iso2(iso3: str | None) -> str:
    country = _countries().get((iso3 or "").upper())
    return str(country.alpha_2) if country is not None else ""


def iso_numeric(iso3: str | None) -> str:
    country = _countries().get((iso3 or "").upper())
    return str(int(country.numeric)) if country is not None else ""


def event_country(record: Mapping[str, Any]) -> str:
    """Where the event happened: its location's country, else the target's, else the source's."""
    loc = record.get("event_loc") or {}
    if loc.get("country_code"):
        return str(loc["country_code"])
    for key in ("recipient", "actor"):
        for actor in record.get(key) or []:
            if actor.get("country"):
                return str(actor["country"])
    return ""


def numeric_id(event_id: str, digits: int = 12) -> int:
    """A stable number for a hex event id (GDELT and ACLED ids are numbers)."""
    try:
        return int(str(event_id)[:digits], 16) % (10 ** digits)
    except ValueError:
        import hashlib

        return int(hashlib.sha1(str(event_id).encode()).hexdigest()[:digits], 16) % (10 ** digits)
