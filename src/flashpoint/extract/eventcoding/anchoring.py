"""Dates carried from one event to another through the text's own links (issue 8).

An event whose sentence states no time can still be placed by the events it is tied to:
- "Asif's remarks came shortly after the officials attended a meeting": the clause after "after" took place
  by the time of the remarks, which the article dates ("Monday night"): same day, when "shortly" says so or
  no other time is given.
- "A statement issued after the security meeting said ...": the statement comes the day of that meeting,
  when an earlier sentence dates an event that names a meeting; "as part of the agreement, X committed"
  likewise takes the date of the agreement.
Only "after" and "following" carry a date (a "before" link gives no day). The carried date keeps the
precision of the one it comes from; the confidence drops a little; ``date_source`` becomes "anchored".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from flashpoint import nlp
from flashpoint.types import Actor, Event

LINKS = frozenset({"after", "following"})
SUBJECTS = ("nsubj", "nsubjpass")


def _stated(event: Event) -> bool:
    return bool(event.evidence.spans.get("date"))


def _trigger(event: Event, doc: Doc) -> Token | None:
    start, end = event.evidence.spans["trigger"][0]
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_link(token: Token) -> tuple[Token, Token] | None:
    """The clause verb introduced by "after" among ``token`` and its heads, and that main clause's head."""
    node = token
    for _ in range(8):
        if node.dep_ == "advcl" and any(c.dep_ in ("mark", "prep") and c.lower_ in LINKS for c in node.children):
            return node, node.head
        if node.head == node:
            return None
        node = node.head
    return None


def _owner(subject: Token, actors: Sequence[Actor]) -> Actor | None:
    """"Asif's remarks": the person or body whose act the subject names."""
    for child in subject.children:
        if child.dep_ != "poss":
            continue
        found = [a for a in actors if a.start <= child.idx < a.end]
        if found:
            return found[0]
        if child.pos_ == "PROPN":  # "Singh's remarks", the person named in full earlier
            named = [a for a in actors if a.kind == "person" and a.end <= child.idx
                     and child.text in a.text.replace("’", " ").replace("'", " ").split()]
            if named:
                return named[-1]
    return None


def _by_clause(event: Event, trigger: Token, events: Sequence[Event], actors: Sequence[Actor]) -> Event | None:
    link = _clause_link(trigger)
    if link is None:
        return None
    _, main = link
    subject = next((c for c in main.children if c.dep_ in SUBJECTS), None)
    owner = _owner(subject, actors) if subject is not None else None
    if owner is None or not (owner.entity_id or owner.code):
        return None
    key = owner.entity_id or owner.code
    dated = [e for e in events if e is not event and _stated(e) and e.date
             and any((a.entity_id or a.code) == key for a in e.actor)]
    return min(dated, key=lambda e: abs(e.evidence.start - event.evidence.start)) if dated else None


def _by_reference(event: Event, trigger: Token, events: Sequence[Event], doc: Doc,
                  trusted: set[int]) -> Event | None:
    """"issued after the Council meeting": the latest earlier dated event whose sentence names a meeting."""
    nouns = []
    for link in nlp.sentence_of(trigger):
        part_of = link.lower_ == "of" and link.head.lemma_.lower() == "part"  # "as part of the agreement"
        if (link.lower_ in LINKS and link.dep_ in ("prep", "mark")) or part_of:
            # the head noun of the phrase after the link (the parser hangs it as pobj or, wrongly, as a subject)
            words = link.doc[link.i + 1 : link.i + 6]
            head = next((w for w in words if w.pos_ == "NOUN" and w.dep_ != "compound"), None)
            if head is not None and all(w.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") for w in words[: head.i - link.i]):
                nouns.append(head)
    if not nouns:
        return None
    lemmas = {n.lemma_.lower() for n in nouns}
    best = None
    for index, other in enumerate(events):
        if index not in trusted or other.evidence.start >= event.evidence.start:
            continue
        sentence = doc.char_span(other.evidence.start, other.evidence.end, alignment_mode="expand")
        if sentence is not None and lemmas & {t.lemma_.lower() for t in sentence if t.pos_ == "NOUN"}:
            best = other
    return best


def anchor_dates(events: list[Event], doc: Doc, actors: Sequence[Actor]) -> list[Event]:
    """Events with no stated date take the date of the event their sentence ties them to."""
    out = list(events)
    trusted = {i for i, e in enumerate(out) if _stated(e) and e.date}  # dated by the text, or carried here
    for index, event in enumerate(out):
        if _stated(event) or event.aggregate:
            continue
        trigger = _trigger(event, doc)
        if trigger is None:
            continue
        source = _by_clause(event, trigger, out, actors) or _by_reference(event, trigger, out, doc, trusted)
        if source is None or source.date is None:
            continue
        trusted.add(index)
        if source.date != event.date:
            out[index] = dataclasses.replace(event, date=source.date, date_precision=source.date_precision,
                                             date_source="anchored",
                                             confidence=round(max(event.confidence - 0.05, 0.1), 2))
        elif event.date_source in (None, "document"):  # the link confirms the document's day: the text says so now
            out[index] = dataclasses.replace(event, date_source="anchored")
    return out
