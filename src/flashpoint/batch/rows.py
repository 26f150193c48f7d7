"""Extractions to flat rows for Parquet: one table each for articles, events, statements, errors."""

from __future__ import annotations

import json
from typing import Any

from flashpoint.store.db import first_day
from flashpoint.store.records import event_record, statement_record
from flashpoint.types import Extraction


def article_row(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "doc_date": extraction.doc_date.value.isoformat() if extraction.doc_date.value else None,
        "doc_date_method": extraction.doc_date.method,
        "chars": len(article.text),
        "events": len(extraction.events),
        "statements": len(extraction.statements),
        "coder_version": extraction.coder_version,
    }


def event_rows(extraction: Extraction) -> list[dict[str, Any]]:
    rows = []
    for event in extraction.events:
        record = event_record(event, extraction.article.id, extraction.coder_version)
        loc = event.event_loc
        rows.append({
            "id": event.id,
            "article_id": extraction.article.id,
            "event": event.event,
            "mode": event.mode,
            "cameo_code": event.cameo_code,
            "quad_class": event.quad_class,
            "goldstein": float(event.goldstein),
            "modality": event.modality,
            "aggregate": bool(event.aggregate),
            "date": event.date,
            "day": first_day(event.date),
            "date_precision": event.date_precision,
            "date_source": event.date_source,
            "actor_codes": [a.code or "" for a in event.actor],
            "recipient_codes": [a.code or "" for a in event.recipient],
            "actor_country": event.actor[0].country if event.actor else None,
            "recipient_country": event.recipient[0].country if event.recipient else None,
            "loc_name": loc.name if loc else None,
            "loc_country": loc.country_iso3 if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "dead": event.dead.best if event.dead else None,
            "injured": event.injured.best if event.injured else None,
            "confidence": float(event.confidence),
            "sentence": event.evidence.sentence,
            "coder_version": extraction.coder_version,
            "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
        })
    return rows


def statement_rows(extraction: Extraction) -> list[dict[str, Any]]:
    rows = []
    for statement in extraction.statements:
        record = statement_record(statement, extraction.article.id)
        rows.append({
            "id": statement.id,
            "article_id": extraction.article.id,
            "speaker_code": statement.speaker.code if statement.speaker else None,
            "speaker_name": (statement.speaker.name or statement.speaker.text) if statement.speaker else None,
            "stance": statement.stance,
            "kind": statement.kind,
            "date": statement.date,
            "content": statement.content,
            "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
        })
    return rows


def rows_of(extractions: list[Extraction]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {"articles": [], "events": [], "statements": []}
    for extraction in extractions:
        out["articles"].append(article_row(extraction))
        out["events"].extend(event_rows(extraction))
        out["statements"].extend(statement_rows(extraction))
    return out
