"""Events: who did what to whom, coded, dated, placed, counted, with evidence. (issue 8)

``events(doc, article, doc_date, times, places, actors, statements)`` codes every prose sentence
(see ``flashpoint.extract.eventcoding``), turns accusing/threatening/denying statements into events
with the statement as evidence, dates and places each event, and merges mentions of one event.
CAMEO codes map to PLOVER type and mode, GDELT QuadClass and Goldstein through
``kb/events/cameo_codes.tsv``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from flashpoint import nlp
from flashpoint.extract.eventcoding import kb, merge
from flashpoint.extract.eventcoding.coder import Draft, code_sentence, skip_reason
from flashpoint.extract.eventcoding.placetime import event_date, event_place
from flashpoint.types import Actor, Article, DocDate, Event, Evidence, Place, Statement, TimeExpr

STANCE_CODES = {"accuse": "112", "deny": "120", "reject": "120", "threaten": "130", "demand": "100",
                "appeal": "020"}


def event_id(article_id: str, span: tuple[int, int], code: str) -> str:
    return hashlib.sha1(f"{article_id}|{span[0]}:{span[1]}|{code}".encode()).hexdigest()[:16]


def _confidence(draft: Draft) -> float:
    score = 0.45 + (0.2 if draft.source else 0) + (0.15 if draft.target else 0) + (0.0 if draft.nominal else 0.1)
    if draft.statement_id:
        score += 0.05
    return round(min(score, 0.95), 2)


def _to_event(draft: Draft, sent: Span, article: Article, doc_date: DocDate, times: Sequence[TimeExpr],
              places: Sequence[Place], doc: Doc) -> Event:
    info = kb.codes()[draft.code]
    spans: dict[str, tuple[tuple[int, int], ...]] = {"trigger": (draft.trigger_span,)}
    if draft.source:
        spans["actor"] = tuple(span for _, span in draft.source)
    if draft.target:
        spans["recipient"] = tuple(span for _, span in draft.target)
    date, precision, date_span = event_date(times, sent, draft.trigger_span, doc)
    place = event_place(places, sent, draft.trigger_span, doc)
    if date_span is not None:
        spans["date"] = (date_span,)
    if place is not None:
        spans["location"] = ((place.start, place.end),)
    modality = draft.modality
    if modality == "asserted" and date and doc_date.value and date[:4].isdigit():
        if doc_date.value.year - int(date[:4]) >= 2:
            modality = "historical"
    evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, spans=spans,
                        statement_id=draft.statement_id)
    return Event(
        id=event_id(article.id, draft.trigger_span, draft.code),
        event=info.event, mode=draft.mode or info.mode, cameo_code=info.code, quad_class=info.quad_class,
        goldstein=info.goldstein, evidence=evidence,
        actor=tuple(a for a, _ in draft.source), recipient=tuple(a for a, _ in draft.target),
        context=info.context, modality=modality, aggregate=draft.aggregate, date=date, date_precision=precision,
        event_loc=place, dead=draft.counts.get("dead"), injured=draft.counts.get("injured"),
        hostages=draft.counts.get("hostages"), arrested=draft.counts.get("arrested"),
        claimed_by=tuple(draft.claimed_by), confidence=_confidence(draft), trigger=draft.trigger.text,
    )


def _statement_drafts(statements: Sequence[Statement], doc: Doc, drafts: list[tuple[Draft, Span]]) -> list[tuple[Draft, Span]]:
    """Events read from statements' stances; an event already coded in the same sentence takes the statement id."""
    out: list[tuple[Draft, Span]] = []
    for statement in statements:
        code = STANCE_CODES.get(statement.stance)
        if code is None:
            continue
        anchor = statement.cue_span or statement.content_span
        start = anchor[0]
        token_span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
        if token_span is None or len(token_span) == 0:
            continue
        sent = token_span[0].sent
        twin = next((d for d, s in drafts if s.start == sent.start and d.code[:2] == code[:2]), None)
        if twin is not None:
            twin.statement_id = statement.id
            continue
        source = [(statement.speaker, statement.speaker_span or (statement.speaker.start, statement.speaker.end))] \
            if statement.speaker is not None else []
        target = [(actor, (actor.start, actor.end)) for actor in statement.target]
        draft = Draft(code=code, modality="asserted", trigger=token_span[0], trigger_span=(start, anchor[1]),
                      source=source, target=target, statement_id=statement.id)
        out.append((draft, sent))
    return out


def events(
    doc: Doc,
    article: Article,
    doc_date: DocDate,
    times: tuple[TimeExpr, ...],
    places: tuple[Place, ...],
    actors: tuple[Actor, ...],
    statements: tuple[Statement, ...],
    *,
    notes: list[str] | None = None,
) -> tuple[Event, ...]:
    """Every event of one article (mentions of the same event merged). Skipped sentences are
    recorded in ``notes`` when a list is given."""
    patterns = kb.patterns()
    drafts: list[tuple[Draft, Span]] = []
    for sent in nlp.prose_sentences(doc):
        reason = skip_reason(sent)
        if reason is not None:
            if notes is not None and len(sent.text.strip()) > 20:
                notes.append(f"events: {reason} at {sent.start_char}-{sent.end_char}")
            continue
        drafts.extend((draft, sent) for draft in code_sentence(sent, actors, patterns))
    drafts.extend(_statement_drafts(statements, doc, drafts))
    drafts.sort(key=lambda pair: pair[0].trigger_span)
    built: list[Event] = []
    anaphoric: set[str] = set()
    seen: set[str] = set()
    for draft, sent in drafts:
        event = _to_event(draft, sent, article, doc_date, times, places, doc)
        if event.id in seen:
            continue
        seen.add(event.id)
        if draft.anaphoric:
            anaphoric.add(event.id)
        built.append(event)
    return tuple(merge.merge(built, anaphoric))
