"""Date and place of an event: the time and places stages' anchors, nearest the trigger's clause first."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from flashpoint.types import Place, TimeExpr

PRECISION = {"day": "day", "time": "day", "week": "week", "month": "month", "season": "month", "quarter": "month",
             "year": "year"}


def _nearest(items: Sequence, sent: Span, point: int) -> object | None:
    inside = [item for item in items if sent.start_char <= item.start and item.end <= sent.end_char]
    if not inside:
        return None
    return min(inside, key=lambda item: abs(item.start - point))


def _usable(times: Sequence[TimeExpr]) -> list[TimeExpr]:
    return [t for t in times if t.type in ("DATE", "TIME") and t.value and t.value[:4].isdigit()]


def _clause(token: Token) -> Token:
    """The verb heading the clause the token lies in (a noun's governing verb)."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "aux", "auxpass"):
            return node
        if node.head == node:
            return node
        node = node.head
    return node


def _value(found: TimeExpr) -> tuple[str, str, tuple[int, int]]:
    value = found.value or ""
    precision = PRECISION.get(found.granularity, "unknown")
    if precision == "day":
        value = value[:10]
    return value, precision, (found.start, found.end)


def event_date(times: Sequence[TimeExpr], sent: Span, span: tuple[int, int],
               doc: Doc) -> tuple[str | None, str, tuple[int, int] | None]:
    """(ISO value at its precision, precision, evidence span) from the event's own sentence, preferring the
    time expressions of the trigger's clause ("arrested 15 months ago, came as ... by the end of August")."""
    usable = _usable(times)
    trigger = doc.char_span(span[0], span[1], alignment_mode="expand") if 0 <= span[0] < span[1] <= len(doc.text) \
        else None
    found: TimeExpr | None = None
    if trigger is not None and len(trigger):
        clause = _clause(trigger[0])
        members = {t.idx for t in clause.subtree}
        own = [t for t in usable if sent.start_char <= t.start < sent.end_char and t.start in members
               and not _inside_other_clause(doc, t.start, clause)]
        if own:
            found = min(own, key=lambda t: abs(t.start - span[0]))
        if found is None:  # the report's own time ("..., a police officer said Wednesday")
            root = trigger[0].sent.root
            main = [t for t in usable if sent.start_char <= t.start < sent.end_char
                    and not _inside_other_clause(doc, t.start, root)]
            if main:
                found = min(main, key=lambda t: abs(t.start - span[0]))
    if found is None:
        found = _nearest(usable, sent, span[0])  # type: ignore[assignment]
    if found is None:
        return None, "unknown", None
    return _value(found)


def _inside_other_clause(doc: Doc, start: int, clause: Token) -> bool:
    """True when the time word hangs on a subordinate verb of ``clause`` rather than on the clause itself."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None or not len(token):
        return False
    node = token[0]
    for _ in range(8):
        if node == clause or node.head == node:
            return False
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        node = node.head
    return False


def paragraph_date(times: Sequence[TimeExpr], sent: Span, doc: Doc) -> tuple[str | None, str, tuple[int, int] | None]:
    """The latest time of the earlier sentences of the same paragraph: the narrative goes on there."""
    block = sent[0]._.block if len(sent) and doc.has_extension("blocks") else None
    blocks = doc._.blocks if doc.has_extension("blocks") else ()
    if block is None or not blocks or not 0 <= block < len(blocks):
        return None, "unknown", None
    start = blocks[block].start
    earlier = [t for t in _usable(times) if start <= t.start and t.end <= sent.start_char]
    if not earlier:
        return None, "unknown", None
    return _value(max(earlier, key=lambda t: t.start))


def event_place(places: Sequence[Place], sent: Span, span: tuple[int, int], doc: Doc) -> Place | None:
    """The places stage's choice of the event's own location (not a place merely mentioned)."""
    from flashpoint.extract import places as places_stage

    return places_stage.event_location(list(places), span[0], span[1], doc=doc)
