"""Analyst reviews: confirm, correct or reject a coded event; corrections override the machine values.

Reviews live in their own table keyed by event id (``store.schema.reviews``), so re-ingesting an
article (which replaces its event rows) keeps them, and they re-apply by id. The latest review of an
event wins; older ones stay as history. Nothing here imports the web framework, so the eval and the
CLI can read reviews too:

    record_review(store, event_id, "correct", reviewer="ana", corrected={"event": "PROTEST"})
    records = apply_reviews(store, store.events())     # machine records with corrections applied
    export_gold(store, "reviewed/")                    # gold YAML + article texts for `flashpoint eval`
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, insert, select

from flashpoint.errors import InputError
from flashpoint.store import schema
from flashpoint.store.db import Store, first_day

ACTIONS = ("confirm", "correct", "reject")
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "denied", "threatened", "planned", "hypothetical", "claimed", "historical")
COUNTS = ("dead", "injured", "hostages", "arrested")
CORRECTABLE = ("event", "mode", "cameo_code", "quad_class", "goldstein", "modality", "aggregate", "actor",
               "recipient", "date", "date_precision", "event_loc") + COUNTS
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,31}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_CAMEO = re.compile(r"^\d{2,4}$")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=1)
def _cameo_table() -> dict[str, Any]:
    """The CAMEO crosswalk of the event coder, when it is installed (code -> CodeInfo)."""
    try:
        from flashpoint.extract.eventcoding import kb
        return dict(kb.codes())
    except Exception:  # noqa: BLE001 - corrections still work without derived codes
        return {}


def _quad_of(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _entity(value: Any, field: str) -> dict[str, Any]:
    if isinstance(value, str):
        value = {"code": value}
    if not isinstance(value, dict):
        raise InputError(f"{field}: each actor is a code such as 'PAKGOV' or an object with code/name/country/"
                         f"sector, got {value!r}")
    code = (value.get("code") or "").strip().upper() or None
    if code is not None and not _CODE.match(code):
        raise InputError(f"{field}: actor code {code!r} is not valid; write upper-case letters such as PAKGOV")
    country = (value.get("country") or "").strip().upper() or None
    if country is None and code and _ISO3.match(code[:3]) and len(code) >= 6:
        country = code[:3]
    if country is not None and not _ISO3.match(country):
        raise InputError(f"{field}: country {country!r} must be an ISO 3166-1 alpha-3 code such as PAK")
    sector = (value.get("sector") or "").strip().upper() or (code[3:6] if code and len(code) >= 6 else None)
    name = value.get("name")
    return {"entity_text": str(value.get("entity_text") or name or code or ""), "name": name, "code": code,
            "country": country, "sector": sector, "office": value.get("office"), "identifier_id": None,
            "reviewed": True}


def _count(value: Any, field: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = {"best": value}
    if not isinstance(value, dict):
        raise InputError(f"{field} must be a number or {{best, low, high}}, got {value!r}")
    out: dict[str, Any] = {"best": None, "low": None, "high": None, "of": value.get("of"), "text": None}
    for key in ("best", "low", "high"):
        number = value.get(key)
        if number is not None and (not isinstance(number, int) or isinstance(number, bool) or number < 0):
            raise InputError(f"{field}.{key} must be a whole number >= 0, got {number!r}")
        out[key] = number
    if out["best"] is None and out["low"] is None and out["high"] is None:
        raise InputError(f"{field} needs best, low or high")
    out["low"] = out["best"] if out["low"] is None else out["low"]
    out["high"] = out["best"] if out["high"] is None else out["high"]
    return out


def _place(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"event_loc must be an object with resolved_place/country_code/admin1/lat/lon, got {value!r}")
    country = (value.get("country_code") or "").strip().upper() or None
    if country is not None and not _ISO3.match(country):
        raise InputError(f"event_loc.country_code {country!r} must be an ISO 3166-1 alpha-3 code")
    out = {key: value.get(key) for key in ("extracted_place", "resolved_place", "admin1", "admin2", "lat", "lon",
                                           "precision", "geonameid")}
    for key in ("lat", "lon"):
        if out[key] is not None and not isinstance(out[key], (int, float)):
            raise InputError(f"event_loc.{key} must be a number")
    if out["precision"] not in (None, 1, 2, 3):
        raise InputError("event_loc.precision must be 1 (town), 2 (part of a region) or 3 (larger region)")
    out["country_code"] = country
    out["extracted_place"] = out["extracted_place"] or out["resolved_place"] or ""
    out["reason"] = "reviewed"
    return out


# The CAMEO code a bare PLOVER type stands for when a reviewer corrects only the type (the crosswalk
# maps several roots to one type, e.g. 09 "investigate" and 11 "disapprove" both to ACCUSE).
TYPICAL_CAMEO = {
    "AGREE": "057", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}


def normalise_correction(corrected: dict[str, Any] | None) -> dict[str, Any]:
    """Validate a correction and fill derived codes (event type -> CAMEO root, quad class, Goldstein)."""
    corrected = dict(corrected or {})
    unknown = sorted(set(corrected) - set(CORRECTABLE))
    if unknown:
        raise InputError(f"cannot correct {', '.join(unknown)}; correctable fields: {', '.join(CORRECTABLE)}")
    out: dict[str, Any] = {}
    table = _cameo_table()
    if "event" in corrected:
        event = str(corrected["event"]).strip().upper()
        if event not in EVENT_TYPES:
            raise InputError(f"event {corrected['event']!r} is not a PLOVER type; use one of {', '.join(EVENT_TYPES)}")
        out["event"] = event
    if corrected.get("cameo_code") is not None:
        code = str(corrected["cameo_code"]).strip()
        if not _CAMEO.match(code):
            raise InputError(f"cameo_code {code!r} must be 2 to 4 digits such as '190'")
        out["cameo_code"] = code
    elif "event" in out:
        typical = TYPICAL_CAMEO.get(out["event"])
        if typical in table and table[typical].event == out["event"]:
            out["cameo_code"] = typical
        else:
            roots = sorted((c for c, info in table.items() if info.event == out["event"]), key=lambda c: (len(c), c))
            if roots:
                out["cameo_code"] = roots[0]
    if "cameo_code" in out:
        info = table.get(out["cameo_code"])
        out.setdefault("quad_class", _quad_of(out["cameo_code"]))
        if info is not None:
            out.setdefault("goldstein", info.goldstein)
            out.setdefault("event", info.event)
    for key in ("quad_class",):
        if corrected.get(key) is not None:
            if corrected[key] not in (1, 2, 3, 4):
                raise InputError("quad_class must be 1, 2, 3 or 4")
            out[key] = corrected[key]
    if corrected.get("goldstein") is not None:
        value = corrected["goldstein"]
        if not isinstance(value, (int, float)) or not -10 <= value <= 10:
            raise InputError("goldstein must be a number from -10 to 10")
        out["goldstein"] = float(value)
    if "mode" in corrected:
        out["mode"] = corrected["mode"] or None
    if corrected.get("modality") is not None:
        if corrected["modality"] not in MODALITIES:
            raise InputError(f"modality {corrected['modality']!r} is unknown; use one of {', '.join(MODALITIES)}")
        out["modality"] = corrected["modality"]
    if "aggregate" in corrected:
        if not isinstance(corrected["aggregate"], bool):
            raise InputError("aggregate must be true or false")
        out["aggregate"] = corrected["aggregate"]
    for key in ("actor", "recipient"):
        if key in corrected:
            items = corrected[key]
            items = [] if items is None else items if isinstance(items, list) else [items]
            out[key] = [_entity(item, key) for item in items]
    if "date" in corrected:
        date = corrected["date"]
        if date is not None and not (isinstance(date, str) and _DATE.match(date) and first_day(date)):
            raise InputError(f"date {date!r} must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
        out["date"] = date
        out["date_precision"] = corrected.get("date_precision") or _precision(date)
        out["date_source"] = "analyst" if date else None  # a corrected date is no longer the machine's guess
    if "event_loc" in corrected:
        out["event_loc"] = _place(corrected["event_loc"])
    for key in COUNTS:
        if key in corrected:
            out[key] = _count(corrected[key], key)
    return out


def _precision(date: str | None) -> str:
    if not date:
        return "unknown"
    if "-W" in date:
        return "week"
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "unknown")


def record_review(store: Store, event_id: str, action: str, *, reviewer: str, corrected: dict[str, Any] | None = None,
                  note: str | None = None) -> dict[str, Any]:
    """Store one review of an existing event; returns the review row."""
    if action not in ACTIONS:
        raise InputError(f"action {action!r} is unknown; use one of {', '.join(ACTIONS)}")
    reviewer = (reviewer or "").strip()
    if not reviewer or len(reviewer) > 64:
        raise InputError("reviewer must be a name of 1 to 64 characters")
    fields = normalise_correction(corrected) if action == "correct" else {}
    if action == "correct" and not fields:
        raise InputError("a correction needs at least one corrected field")
    with store.engine.begin() as conn:
        article_id = conn.execute(select(schema.events.c.article_id).where(schema.events.c.id == event_id)).scalar()
        if article_id is None:
            raise LookupError(f"no event with id {event_id!r}")
        row = {"event_id": event_id, "article_id": article_id, "action": action, "corrected": fields or None,
                   "reviewer": reviewer, "note": note, "at": _now()}
        result = conn.execute(insert(schema.reviews).values(**row))
        row["id"] = result.inserted_primary_key[0]
    return row


def latest_reviews(store: Store, event_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The latest review of each event (of the given ids, or of all reviewed events)."""
    r = schema.reviews
    latest = select(r.c.event_id, func.max(r.c.id).label("last")).group_by(r.c.event_id)
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        if event_ids is None:
            chunks: list[list[str] | None] = [None]
        else:
            ids = list(event_ids)
            chunks = [ids[i:i + 500] for i in range(0, len(ids), 500)]
        for chunk in chunks:
            query = latest if chunk is None else latest.where(r.c.event_id.in_(chunk))
            sub = query.subquery()
            rows = conn.execute(select(r).join(sub, r.c.id == sub.c.last))
            out.update({row.event_id: dict(row._mapping) for row in rows})
    return out


def history(store: Store, event_id: str) -> list[dict[str, Any]]:
    r = schema.reviews
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(r).where(r.c.event_id == event_id).order_by(r.c.id))]


def apply_review(record: dict[str, Any], review: dict[str, Any] | None) -> dict[str, Any]:
    """The record as the analyst left it: corrected fields replace the machine's, with a review note."""
    record = dict(record)
    if review is None:
        record["review"] = None
        return record
    corrected = review.get("corrected") or {}
    machine = {key: record.get(key) for key in corrected}
    if review["action"] == "correct":
        record.update(corrected)
    record["review"] = {"id": review["id"], "action": review["action"], "reviewer": review["reviewer"],
                        "at": review["at"], "note": review.get("note"), "corrected": sorted(corrected),
                        "machine": machine}
    return record


def apply_reviews(store: Store, records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    reviews = latest_reviews(store, [r["id"] for r in records])
    return [apply_review(r, reviews.get(r["id"])) for r in records]


def _gold_event(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"event": record["event"]}
    if record.get("cameo_code"):
        out["cameo"] = str(record["cameo_code"])
    for key in ("actor", "recipient"):
        codes = [a["code"] for a in record.get(key) or [] if a.get("code")]
        if codes:
            out[key] = codes
    if record.get("date"):
        out["date"] = record["date"]
    if record.get("modality"):
        out["modality"] = record["modality"]
    loc = record.get("event_loc") or {}
    place = {k: v for k, v in (("country", loc.get("country_code")), ("admin1", loc.get("admin1"))) if v}
    if place:
        out["place"] = place
    for key in COUNTS:
        count = record.get(key)
        if count and (count.get("low") is not None or count.get("best") is not None):
            low = count.get("low") if count.get("low") is not None else count.get("best")
            high = count.get("high") if count.get("high") is not None else count.get("best")
            out[key] = low if low == high else {"low": low, "high": high}
    if record.get("aggregate"):
        out["aggregate"] = True
    return out


def gold_records(store: Store) -> list[dict[str, Any]]:
    """Reviewed events as gold, one entry per article: confirmed and corrected events, rejected left out.

    Each entry is ``{article_id, title, url, published, text, events: [...]}`` with events in the
    gold format of docs/gold-format.md (event, cameo, actor, recipient, date, modality, place, counts).
    """
    reviews = latest_reviews(store)
    kept = {event_id: review for event_id, review in reviews.items() if review["action"] != "reject"}
    by_article: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        ids = list(kept)
        for start in range(0, len(ids), 500):
            rows = conn.execute(select(schema.events.c.article_id, schema.events.c.record)
                                .where(schema.events.c.id.in_(ids[start:start + 500])))
            for article_id, record in rows:
                effective = apply_review(record, kept[record["id"]])
                by_article.setdefault(article_id, []).append(effective)
        out = []
        for article_id in sorted(by_article):
            article = conn.execute(select(schema.articles).where(schema.articles.c.id == article_id)).first()
            if article is None:
                continue
            events = sorted(by_article[article_id], key=lambda r: (r["evidence"]["start"], r["id"]))
            out.append({"article_id": article_id, "title": article.title, "url": article.url,
                        "published": article.published, "document_date": article.doc_date, "text": article.text,
                        "events": [_gold_event(r) | {"source_event_id": r["id"]} for r in events]})
    return out


def gold_yaml(store: Store, *, file_prefix: str = "articles/") -> tuple[str, dict[str, str]]:
    """The gold file text (format flashpoint-gold/1) and the article texts it points at (name -> text)."""
    articles = []
    texts: dict[str, str] = {}
    for item in gold_records(store):
        name = f"{file_prefix}{item['article_id']}.txt"
        texts[name] = item["text"]
        entry: dict[str, Any] = {"file": name, "id": item["article_id"]}
        if item["url"]:
            entry["url"] = item["url"]
        date = item["document_date"] or item["published"]
        if date:
            entry["document_date"] = dt.date.fromisoformat(date[:10])
        entry["events"] = [{k: v for k, v in e.items() if k != "source_event_id"} for e in item["events"]]
        articles.append(entry)
    text = yaml.safe_dump({"format": "flashpoint-gold/1", "articles": articles}, sort_keys=False, allow_unicode=True)
    return "# Gold records exported from analyst reviews (flashpoint serve).\n" + text, texts


def export_gold(store: Store, directory: str | Path) -> Path:
    """Write reviewed events as a gold folder (gold.yaml + articles/*.txt) that `flashpoint eval` reads."""
    directory = Path(directory)
    text, texts = gold_yaml(store)
    for name, body in texts.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    gold = directory / "gold.yaml"
    gold.write_text(text, encoding="utf-8")
    return gold
