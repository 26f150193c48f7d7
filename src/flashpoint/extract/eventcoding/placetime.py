"""Date and place of an event: the time and places stages' anchors, or the nearest one in the sentence."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from flashpoint.types import Place, TimeExpr

PRECISION = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


def _nearest(items: Sequence, sent: Span, point: int) -> object | None:
    inside = [item for item in items if sent.start_char <= item.start and item.end <= sent.end_char]
    if not inside:
        return None
    return min(inside, key=lambda item: abs(item.start - point))


def event_date(times: Sequence[TimeExpr], sent: Span, span: tuple[int, int],
               doc: Doc) -> tuple[str | None, str, tuple[int, int] | None]:
    """(ISO value at its precision, precision, evidence span) of the event, or (None, "unknown", None)."""
    found: TimeExpr | None = None
    try:
        from flashpoint.extract import time as time_stage

        anchor = getattr(time_stage, "anchor", None)
        if anchor is not None:
            found = anchor(times, span[0], span[1])
    except Exception:  # a stage being built must not break events
        found = None
    if found is None:
        usable = [t for t in times if t.type in ("DATE", "TIME") and t.value and t.value[:4].isdigit()]
        found = _nearest(usable, sent, span[0])  # type: ignore[assignment]
    if found is None or not found.value or not found.value[:4].isdigit():
        return None, "unknown", None
    value = found.value
    precision = PRECISION.get(found.granularity, "unknown")
    if precision == "day":
        value = value[:10]
    return value, precision, (found.start, found.end)


def event_place(places: Sequence[Place], sent: Span, span: tuple[int, int], doc: Doc) -> Place | None:
    try:
        from flashpoint.extract import places as places_stage

        locate = getattr(places_stage, "event_location", None)
        if locate is not None:
            return locate(places, span[0], span[1], doc=doc)
    except Exception:
        pass
    usable = [p for p in places if not p.metonym]
    found = _nearest(usable, sent, span[0])
    return found if isinstance(found, Place) else None
