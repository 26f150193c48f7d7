"""Actors: every actor mention in an article, resolved to a coded, canonical actor.

Public functions (the statements and events stages call these):

- ``actors(doc, article, doc_date, places) -> tuple[Actor, ...]``: every mention, sorted by start.
  Each carries its text span, name, CAMEO-style ``code`` (ISO3 country + sector, e.g. ``PAKGOV``,
  ``AFGGOV``, ``PAKREB``, ``USAMIL``; organisations ``IGOUNO``, ``IGONAT``, ``IGOEUREEC``; a bare
  sector such as ``REB`` or ``CVL`` when the text names no country), ``country`` (ISO3),
  ``sector``, ``office``, ``wikidata``, ``kind`` (person | organisation | group | country),
  ``entity_id`` (shared by coreferent mentions), ``via`` (kb | structure | metonym | coref |
  coref-speaker | ner) and ``confidence``. A compound phrase ("US and NATO forces", "Hungarian and
  Romanian officials") yields one mention per actor, all over the same span.
- ``actors_in_span(actors, start, end)``: the mentions inside or covering a character span,
  ``actor_for_span(actors, start, end)``: the best single one (the events stage maps syntactic
  subjects and objects to actors this way).
- ``code_phrases(span_or_tokens, doc_date)`` / ``code_phrase(...)``: code an arbitrary noun
  phrase of a parsed Doc from its structure (all actors / the first one), reusing the article's
  resolution state when ``actors`` has already run on that Doc.

Roles are chosen by the document date (``doc_date.value``; today when unknown): the Afghan Taliban
are AFGREB before 2021-08-15 and AFGGOV after; a minister is coded by the office held that day.
Knowledge lives in ``flashpoint/kb/actors`` (schema in its README.md); users add files through
``FLASHPOINT_KB_PATH`` or ``flashpoint.extract.actorkb.kb.load_kb(extra_paths=...)``.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

import flashpoint.nlp  # noqa: F401  (registers the Doc._.blocks and Token._.block extensions)
from flashpoint.extract.actorkb.kb import KnowledgeBase, default_kb
from flashpoint.extract.actorkb.resolve import Mention, Resolver
from flashpoint.types import Actor, Article, DocDate, Place

SKIP_BLOCK_KINDS = frozenset({"byline", "dateline"})
_STATE_KEY = "flashpoint.actors.resolver"


def _day(doc_date: DocDate | dt.date | None) -> dt.date:
    if isinstance(doc_date, DocDate):
        return doc_date.value or dt.date.today()
    if isinstance(doc_date, dt.datetime):
        return doc_date.date()
    if isinstance(doc_date, dt.date):
        return doc_date
    return dt.date.today()


def _resolver(doc: Doc, day: dt.date | None, kb: KnowledgeBase, places: tuple[Place, ...] = ()) -> Resolver:
    """The article's resolution state; with no date given, whatever date the actors stage used."""
    state = doc.user_data.get(_STATE_KEY)
    if isinstance(state, Resolver) and state.kb is kb and state.doc is doc and (day is None or state.day == day):
        return state
    resolver = Resolver(doc, kb, day or dt.date.today(), places)
    doc.user_data[_STATE_KEY] = resolver
    return resolver


def actors(
    doc: Doc,
    article: Article,
    doc_date: DocDate,
    places: tuple[Place, ...],
    *,
    kb: KnowledgeBase | None = None,
) -> tuple[Actor, ...]:
    """Every actor mention in the article, sorted by start offset."""
    kb = kb or default_kb()
    day = _day(doc_date)
    resolver = Resolver(doc, kb, day, tuple(places))
    mentions = resolver.run(_skipped_blocks(doc))
    doc.user_data[_STATE_KEY] = resolver
    return _spelled_out(_not_places(_to_actors(resolver, mentions), doc))


PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "district", "county", "state", "port",
                         "island", "settlement", "suburb", "neighbourhood", "neighborhood", "area", "oblast",
                         "governorate", "municipality", "capital", "camp"})


def _not_places(found: tuple[Actor, ...], doc: Doc) -> tuple[Actor, ...]:
    """"the Ukrainian town of Avdiivka": a name the model took for a person is the place the phrase names."""
    out = []
    for actor in found:
        if actor.kind == "person" and not actor.code and (not actor.entity_id or actor.entity_id.startswith("person:")):
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is not None and span.start >= 2 and doc[span.start - 1].lower_ == "of" and \
                    doc[span.start - 2].lemma_.lower() in PLACE_NOUNS:
                continue
        out.append(actor)
    return tuple(out)


SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "el", "al", "in", "on", "&"})


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w.lower() not in SMALL_WORDS]
    return "".join(w[0] for w in words if w[:1].isupper())


def _spelled_out(found: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """"the Bangladesh Nationalist Party ... The BNP denied": an uncoded acronym is the earlier coded name whose
    initials it spells (the name written out once, its short form after)."""
    out = list(found)
    for index, actor in enumerate(out):
        word = actor.text.split()[-1] if actor.text else ""
        if actor.code or not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            continue
        source = next((a for a in reversed(out[:index]) if a.code and a.end <= actor.start and len(a.text.split()) >= 2
                       and _initials(a.name or a.text).upper().endswith(word)
                       and len(_initials(a.name or a.text)) - len(word) <= 1), None)
        if source is not None:
            out[index] = dataclasses.replace(actor, code=source.code, country=source.country, sector=source.sector,
                                             name=source.name, entity_id=source.entity_id, kind=source.kind,
                                             via="acronym", confidence=round(min(source.confidence, 0.7), 2))
    return tuple(out)


def _skipped_blocks(doc: Doc) -> frozenset[int]:
    """Bylines and datelines hold no actors; a 'dateline' with a finite verb or a person's name in it
    is a sentence the ingest heuristics split at a spaced hyphen ('Russia vetoed a Japanese - drafted
    ...', 'Libyan Prime Minister Fayez al - Sarraj rejected ...')."""
    blocks = doc._.blocks
    candidates = {i for i, block in enumerate(blocks) if block.kind in SKIP_BLOCK_KINDS}
    if not candidates:
        return frozenset()
    prose = {t._.block for t in doc if t._.block in candidates and blocks[t._.block].kind == "dateline" and (
        t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" or t.ent_type_ == "PERSON")}
    return frozenset(candidates - prose)


def _to_actors(resolver: Resolver, mentions: Sequence[Mention]) -> tuple[Actor, ...]:
    out = {}
    for mention in mentions:
        actor = mention.to_actor(resolver.doc, resolver.text)
        out[(actor.start, actor.end, actor.code, actor.entity_id)] = actor
    return tuple(sorted(out.values(), key=lambda a: (a.start, a.end, a.code or "")))


def actors_in_span(actors: Sequence[Actor], start: int, end: int) -> tuple[Actor, ...]:
    """Mentions that overlap the character span [start, end), those covering most of it first."""

    def overlap(actor: Actor) -> int:
        return min(actor.end, end) - max(actor.start, start)

    found = [a for a in actors if overlap(a) > 0]
    return tuple(sorted(found, key=lambda a: (-overlap(a), a.end - a.start, a.start)))


def actor_for_span(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The one mention that best covers the span (coded mentions preferred), or None."""
    found = actors_in_span(actors, start, end)
    coded = [a for a in found if a.code]
    if coded:
        return coded[0]
    return found[0] if found else None


def code_phrases(
    span_or_tokens: Span | Sequence[Token], doc_date: DocDate | dt.date | None = None, *, kb: KnowledgeBase | None = None
) -> tuple[Actor, ...]:
    """Code a noun phrase from its structure: 'Hungarian and Romanian officials' -> HUNGOV, ROUGOV."""
    if isinstance(span_or_tokens, Span):
        span = span_or_tokens
    else:
        tokens = list(span_or_tokens)
        if not tokens:
            return ()
        doc = tokens[0].doc
        span = doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    day = None if doc_date is None else _day(doc_date)
    resolver = _resolver(span.doc, day, kb or default_kb())
    return _to_actors(resolver, resolver.code_span(span))


def code_phrase(
    span_or_tokens: Span | Sequence[Token], doc_date: DocDate | dt.date | None = None, *, kb: KnowledgeBase | None = None
) -> Actor | None:
    """The first actor ``code_phrases`` finds in the phrase, or None."""
    found = code_phrases(span_or_tokens, doc_date, kb=kb)
    return found[0] if found else None
