"""The canonical JSON records (shared/schema/event.schema.json, statement.schema.json)."""

from __future__ import annotations

from typing import Any

from flashpoint.types import CODER_VERSION, Actor, Count, Event, Place, Statement, to_dict


def entity(actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"entity_text": "", "name": None, "code": None, "country": None, "sector": None,
                "office": None, "identifier_id": None}
    return {
        "entity_text": actor.text,
        "name": actor.name,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "office": actor.office,
        "identifier_id": actor.wikidata,
        "kind": actor.kind,
        "entity_id": actor.entity_id,
        "span": [actor.start, actor.end],
    }


def place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "extracted_place": place.text,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "country_code": place.country_iso3,
        "feature": place.feature,
        "precision": place.precision,
        "reason": place.reason,
        "span": [place.start, place.end],
    }


def count(value: Count | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"best": value.best, "low": value.low, "high": value.high, "of": value.of, "text": value.text}


def event_record(event: Event, article_id: str, coder_version: str = CODER_VERSION) -> dict[str, Any]:
    evidence = event.evidence
    return {
        "id": event.id,
        "article_id": article_id,
        "cluster_id": None,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "modality": event.modality,
        "aggregate": event.aggregate,
        "actor": [entity(a) for a in event.actor],
        "recipient": [entity(a) for a in event.recipient],
        "cameo_code": event.cameo_code,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_source": event.date_source,
        "event_loc": place(event.event_loc),
        "dead": count(event.dead),
        "injured": count(event.injured),
        "hostages": count(event.hostages),
        "arrested": count(event.arrested),
        "number": count(event.number),
        "claimed_by": [entity(a) for a in event.claimed_by] or None,
        "confidence": event.confidence,
        "coder_version": coder_version,
        "trigger": event.trigger,
        "evidence": {
            "sentence": evidence.sentence,
            "start": evidence.start,
            "end": evidence.end,
            "spans": {key: [list(span) for span in spans] for key, spans in evidence.spans.items()},
            "statement_id": evidence.statement_id,
        },
        "mentions": [to_dict(m) for m in event.mentions],
    }


def statement_record(statement: Statement, article_id: str) -> dict[str, Any]:
    spans: dict[str, list[int]] = {"content": list(statement.content_span)}
    if statement.cue_span:
        spans["cue"] = list(statement.cue_span)
    if statement.speaker_span:
        spans["speaker"] = list(statement.speaker_span)
    start, end = statement.sentence_span or statement.content_span
    return {
        "id": statement.id,
        "article_id": article_id,
        "speaker": entity(statement.speaker),
        "cue": statement.cue,
        "content": statement.content,
        "kind": statement.kind,
        "medium": statement.medium,
        "stance": statement.stance,
        "target": [entity(a) for a in statement.target],
        "date": statement.date,
        "confidence": statement.confidence,
        "evidence": {"start": start, "end": end, "spans": spans},
    }
