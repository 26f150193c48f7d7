"""Gold data in and out.

* Out: analyst-reviewed events as PLOVER gold-standard-style JSON Lines (``export_gold``): the
  PLOVER fields (``id, date, event, mode, context, source, recipient, event_loc, text,
  text_info, cite_info, coder, coded_date, comment``) plus ``reviewed`` and the review. Confirmed
  and corrected events are gold (``reviewed: true``; a corrected field holds the analyst's value);
  rejected ones are left out. With no reviews at all (or ``include_unreviewed``) the machine
  events are written too, marked ``reviewed: false``.
* In: PLOVER gold-standard records (a JSON array or JSON Lines; PLOVER GSR and POLECAT field
  names both read) become a flashpoint gold folder (``gold.yaml`` + ``articles/*.txt``, format
  docs/gold-format.md) that ``flashpoint eval seed FOLDER`` scores. Records with the same text
  become one article with several events. The GSR's placeholder dates become the document date,
  not event dates; modes and contexts are not scored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import yaml

from flashpoint.errors import InputError
from flashpoint.export.common import Batch, gather
from flashpoint.export.plover import plover_record

PLOVER_EVENTS = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Older PLOVER drafts and the CAMEO-derived GSR use a few other names for the same categories.
EVENT_ALIASES = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE", "DISAPPROVE": "ACCUSE",
                 "YIELD": "CONCEDE", "ENGAGE": "COOPERATE", "ATTACK": "ASSAULT"}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,14}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


# -- out ----------------------------------------------------------------------------------------

def gold_record(record: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    base = plover_record(record, article)
    review = record.get("review")
    out = {key: base.get(key) for key in ("id", "date", "event", "mode", "context", "source", "recipient",
                                          "event_loc", "text", "text_info", "cite_info", "coded_date")}
    out.update({
        "event": [record["event"]] if isinstance(record.get("event"), str) else record.get("event"),
        "cameo_code": record.get("cameo_code"),
        "modality": record.get("modality"),
        "dead": record.get("dead"), "injured": record.get("injured"),
        "article_id": record.get("article_id"),
        "reviewed": bool(review),
        "coder": f"analyst {review['reviewer']}" if review else base["coder"],
        "comment": (review or {}).get("note"),
        "review": review,
    })
    if review:
        out["coded_date"] = str(review.get("at") or "")[:10] or out["coded_date"]
    return out


def export_gold(source: Any, out: IO[str], *, include_unreviewed: bool = False, **filters: Any) -> int:
    """Write reviewed events (or, with none reviewed, the machine's) as PLOVER gold JSON Lines."""
    batch = gather(source, reviews=True, **filters)
    reviewed = [r for r in batch.records if r.get("review")]
    records = batch.records if include_unreviewed or not reviewed else reviewed
    for record in records:
        out.write(json.dumps(gold_record(record, batch.article(record)), ensure_ascii=False, default=str) + "\n")
    return len(records)


# -- in -----------------------------------------------------------------------------------------

def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON array, a single object, or JSON Lines."""
    text = Path(path).read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg}, line {exc.lineno}); fix the file", source=str(path)) from exc
        yield from (item for item in data if isinstance(item, dict))
        return
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        yield whole
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg}); give a JSON array or one record a line",
                             source=str(path), line=number) from exc
        if isinstance(item, dict):
            yield item


def _first(record: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if record.get(key) not in (None, "", []):
            return record[key]
    return None


def record_text(record: Mapping[str, Any]) -> str | None:
    text = _first(record, "text", "sentence", "story", "story_text")
    if text is None:
        info = _first(record, "text_info", "textInfo") or {}
        if isinstance(info, Mapping):
            text = _first(info, "text", "sentence", "text_story")
            if isinstance(text, list):
                text = " ".join(str(t) for t in text)
    if isinstance(text, str):
        # GSR texts may carry markup of the argument roles; keep the words only.
        text = re.sub(r"</?(SRC|TAR|EVT|LOC)[^>]*>", "", text)
        return " ".join(text.split()) or None
    return None


def actor_codes(value: Any) -> list[str]:
    """CAMEO-style codes of a PLOVER actor list: country code + sector (``PAK`` + ``GOV``)."""
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list) else [value]
    codes: list[str] = []
    for item in items:
        if isinstance(item, str):
            code = item
        elif isinstance(item, Mapping):
            country = str(_first(item, "code", "country", "actor_code", "cc3") or "").strip().upper()
            sector = _first(item, "sector", "agent", "sector_code")
            if isinstance(sector, list):
                sector = sector[0] if sector else ""
            sector = str(sector or "").strip().upper()
            code = country if sector and country.endswith(sector) else country + sector[:3]
        else:
            continue
        code = re.sub(r"[^A-Z0-9]", "", code.upper())
        if _CODE.match(code) and code not in codes:
            codes.append(code)
    return codes


def event_types(record: Mapping[str, Any]) -> list[str]:
    value = _first(record, "event", "event_type", "eventType", "category")
    items = value if isinstance(value, list) else [value] if value else []
    out = []
    for item in items:
        name = EVENT_ALIASES.get(str(item).strip().upper(), str(item).strip().upper())
        if name in PLOVER_EVENTS and name not in out:
            out.append(name)
    return out


def gold_event(record: Mapping[str, Any], event: str) -> dict[str, Any]:
    out: dict[str, Any] = {"event": event}
    cameo = _first(record, "cameo", "cameo_code", "CAMEO", "cameoCode")
    if cameo is not None and re.match(r"^\d{2,4}$", str(cameo)):
        out["cameo"] = str(cameo)
    source = actor_codes(_first(record, "source", "actor", "sourceActor", "source_actor"))
    target = actor_codes(_first(record, "recipient", "target", "targetActor", "target_actor"))
    if source:
        out["actor"] = source
    if target:
        out["recipient"] = target
    loc = _first(record, "event_loc", "eventLoc", "location") or {}
    if isinstance(loc, Mapping):
        country = _first(loc, "cc3", "country_code", "country", "countryCode")
        if isinstance(country, str) and re.match(r"^[A-Za-z]{2,3}$", country):
            out["place"] = {"country": country.upper()}
    modality = _first(record, "modality")
    if modality:
        out["modality"] = modality
    for key in ("dead", "injured", "arrested"):
        size = _first(record, key) or _first(_first(record, "size_info", "sizeInfo") or {}, key)
        if isinstance(size, int) and not isinstance(size, bool):
            out[key] = size
        elif isinstance(size, Mapping) and isinstance(size.get("best"), int):
            out[key] = size["best"]
    return out


def import_gold(paths: Iterable[str | Path], out_dir: str | Path) -> tuple[Path, int, int]:
    """Convert PLOVER gold records to a flashpoint gold folder; returns (gold.yaml, articles, events)."""
    articles: dict[str, dict[str, Any]] = {}
    skipped = 0
    for path in paths:
        for record in read_records(path):
            text = record_text(record)
            kinds = event_types(record)
            if not text:
                skipped += 1
                continue
            key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
            entry = articles.setdefault(key, {"id": str(record.get("id") or key), "text": text, "events": [],
                                              "date": None})
            date = str(_first(record, "date", "story_date", "publication_date") or "")
            if _DATE.match(date) and entry["date"] is None and _valid_day(date[:10]):
                entry["date"] = date[:10]
            entry["events"].extend(gold_event(record, kind) for kind in kinds)
    if not articles:
        raise InputError(f"no records with a text found ({skipped} without one); give PLOVER records with "
                         "a 'text' field")
    root = Path(out_dir)
    (root / "articles").mkdir(parents=True, exist_ok=True)
    entries = []
    for key, entry in sorted(articles.items(), key=lambda item: item[1]["id"]):
        name = f"articles/{_safe(entry['id'])}-{key[:6]}.txt"
        (root / name).write_text(entry["text"] + "\n", encoding="utf-8")
        item: dict[str, Any] = {"file": name, "id": entry["id"]}
        if entry["date"]:
            item["document_date"] = dt.date.fromisoformat(entry["date"])
        item["events"] = entry["events"]
        entries.append(item)
    gold = root / "gold.yaml"
    gold.write_text(yaml.safe_dump({"format": "flashpoint-gold/1", "articles": entries}, sort_keys=False,
                                   allow_unicode=True, width=110), encoding="utf-8")
    return gold, len(entries), sum(len(e["events"]) for e in entries)


def _valid_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:60] or "record"


__all__ = ["Batch", "export_gold", "gold_record", "import_gold", "read_records"]
