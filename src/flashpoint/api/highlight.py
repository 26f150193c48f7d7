"""Where each extracted thing sits in the article text: annotations and the text cut into segments.

An annotation is ``{id, kind, start, end, label, target}``: ``kind`` is event, actor, place, date or
quote; ``target`` is the id of the record it stands for (an event id, a statement id, or the anchor of
an actor, place or time in the article's extraction). ``segments`` cuts the text at every annotation
boundary so overlapping annotations can be shown without nesting markup; the text stays plain data,
escaped by whatever renders it.
"""

from __future__ import annotations

import itertools
from typing import Any

KINDS = ("event", "quote", "actor", "place", "date")


def _span(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(length, end)
    return (start, end) if start < end else None


def annotations(record: dict[str, Any]) -> list[dict[str, Any]]:
    text = record.get("text") or ""
    n = len(text)
    extraction = record.get("extraction") or {}
    out: list[dict[str, Any]] = []

    def add(kind: str, ident: str, start: Any, end: Any, label: str, target: str) -> None:
        span = _span(start, end, n)
        if span:
            out.append({"id": ident, "kind": kind, "start": span[0], "end": span[1], "label": label, "target": target})

    for i, actor in enumerate(extraction.get("actors") or []):
        label = " ".join(str(x) for x in (actor.get("name") or actor.get("text"), actor.get("code") or "") if x)
        add("actor", f"actor-{i}", actor.get("start"), actor.get("end"), label, f"actor-{i}")
    for i, place in enumerate(extraction.get("places") or []):
        label = " ".join(str(x) for x in (place.get("name") or place.get("text"), place.get("country_iso3") or "") if x)
        add("place", f"place-{i}", place.get("start"), place.get("end"), label, f"place-{i}")
    for i, time in enumerate(extraction.get("times") or []):
        add("date", f"date-{i}", time.get("start"), time.get("end"), f"{time.get('text')} = {time.get('value')}",
            f"date-{i}")
    for statement in record.get("statements") or []:
        spans = (statement.get("evidence") or {}).get("spans") or {}
        content = spans.get("content")
        speaker = (statement.get("speaker") or {}).get("name") or (statement.get("speaker") or {}).get("entity_text")
        if content:
            add("quote", f"quote-{statement['id']}", content[0], content[1],
                f"{speaker or 'unknown speaker'} ({statement.get('stance')})", statement["id"])
    for event in record.get("events") or []:
        evidence = event.get("evidence") or {}
        triggers = (evidence.get("spans") or {}).get("trigger") or []
        label = f"{event.get('event')} {event.get('cameo_code')} ({event.get('modality')})"
        if triggers:
            for j, span in enumerate(triggers):
                add("event", f"event-{event['id']}-{j}", span[0], span[1], label, event["id"])
        else:
            add("event", f"event-{event['id']}", evidence.get("start"), evidence.get("end"), label, event["id"])
    out.sort(key=lambda item: (item["start"], -item["end"], KINDS.index(item["kind"])))
    return out


def segments(text: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at annotation boundaries; each piece lists the annotations covering it."""
    cuts = {0, len(text)}
    for item in items:
        cuts.update((item["start"], item["end"]))
    points = sorted(cuts)
    out = []
    for start, end in itertools.pairwise(points):
        covering = [item for item in items if item["start"] <= start and item["end"] >= end]
        # the innermost annotation decides the link and the main colour
        covering.sort(key=lambda item: (item["end"] - item["start"], KINDS.index(item["kind"])))
        out.append({
            "text": text[start:end],
            "start": start,
            "kinds": sorted({item["kind"] for item in covering}, key=KINDS.index),
            "refs": [item["id"] for item in covering],
            "targets": [item["target"] for item in covering],
            "main": covering[0] if covering else None,
        })
    return out
