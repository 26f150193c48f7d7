"""From an argument phrase to actors.

Order of preference: the actors stage's ``actor_for_span`` (coreference-aware), the actor
mentions of the ``actors`` tuple that overlap the phrase, the actors stage's ``code_phrase``,
and last a small structural stand-in (country name or demonym + sector noun) so that events keep
a coded actor while the actors stage does not cover a phrase.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

import pycountry
from spacy.tokens import Token

from flashpoint import nlp
from flashpoint.extract.eventcoding.arguments import expand as expand_heads
from flashpoint.extract.eventcoding.kb import Patterns
from flashpoint.types import Actor, Place

DEMONYM_SUFFIXES = ("n", "i", "is", "an", "ns", "ic", "ian", "ans", "ese", "ish", "ians")
PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "its", "their"})


def _patterns() -> Patterns:
    from flashpoint.extract.eventcoding import kb

    return kb.patterns()


def _actors_module() -> Any:
    from flashpoint.extract import actors as module

    return module


def overlapping(actors: Sequence[Actor], start: int, end: int) -> list[Actor]:
    return [a for a in actors if a.start < end and start < a.end]


@functools.lru_cache(maxsize=4096)
def country_of(word: str) -> str | None:
    """ISO3 for a country name, code or demonym ("Syrian" -> SYR), or None."""
    text = word.strip(". ").replace(".", "")
    if len(text) < 2 or not text[0].isupper():
        return None
    if text.upper() in ("US", "USA", "AMERICAN", "AMERICANS", "WASHINGTON"):
        return "USA"
    if text.upper() in ("UK", "BRITAIN", "BRITISH"):
        return "GBR"
    if len(text) >= 4 or (text.isupper() and len(text) == 3):
        try:
            return pycountry.countries.lookup(text).alpha_3
        except LookupError:
            pass
    names = _country_names()
    stems = [text.lower()[: len(text) - len(suffix)] for suffix in ("", *DEMONYM_SUFFIXES)
             if text.lower().endswith(suffix) and len(text) - len(suffix) >= 4]
    for stem in stems:
        for name, code in names:
            if name == stem:
                return code
    for stem in stems:
        for name, code in names:
            first = name.split(",")[0].split(" ")[0]
            if (name.startswith(stem) and len(name) - len(stem) <= 6) or (
                    first.startswith(stem) and len(first) - len(stem) <= 3):
                return code
    return None


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[str, str], ...]:
    out = []
    for country in pycountry.countries:
        for name in (getattr(country, "common_name", None), country.name):
            if name:
                out.append((name.lower(), country.alpha_3))
    return tuple(out)


ROLE_NOUNS = frozenset({"leader", "chief", "head", "commander", "spokesman", "spokeswoman", "spokesperson",
                        "member", "boss", "figure"})


def structural_actor(head: Token, start: int, end: int, patterns: Patterns) -> Actor | None:
    """Stand-in coding from structure: country words in the phrase plus the head noun's sector."""
    doc = head.doc
    country = None
    sector = patterns.agents.get(head.lemma_.lower()) or patterns.agents.get(head.lower_)
    if head.lemma_.lower() in ROLE_NOUNS:  # "protest leaders", "gang leader", "rebel commander": the group's role
        sector = next((patterns.agents[c.lemma_.lower()] for c in head.lefts
                       if c.dep_ in ("compound", "amod") and c.lemma_.lower() in patterns.agents), sector)
    if sector is None and head.ent_type_ not in ("GPE", "NORP") and country_of(head.text) is None:
        return None  # "the flight crash": no agent noun, no country word at the head
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(span) if span is not None else [head]
    for token in tokens:
        if token.pos_ in ("PROPN", "ADJ", "NOUN") or token.ent_type_ in ("GPE", "NORP"):
            country = country or country_of(token.text)
            sector = sector or patterns.agents.get(token.lower_)
    if country is None and head.ent_type_ in ("GPE", "NORP") and span is not None:
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            country = country_of(ent.text)
    if country is None and sector is None:
        return None
    code = (country or "---") + (sector or "")
    return Actor(text=nlp.doc_text(doc)[start:end], start=start, end=end, code=code, country=country,
                 sector=sector, kind="unknown", via="event-structure", confidence=0.3)


def _covers_head(actor: Actor, head: Token, patterns: Patterns, strict: bool = True) -> bool:
    """A name inside a phrase is the phrase's actor only when it covers the head, or the head is an agent
    noun it qualifies ("the army of Pakistan"); "the Malaysia Airlines flight crash" is no airline."""
    if actor.start <= head.idx < actor.end or head.pos_ != "NOUN" or not strict:
        return True
    return head.lemma_.lower() in patterns.agents or head.lower_ in patterns.agents


def resolve(head: Token, start: int, end: int, actors: Sequence[Actor], patterns: Patterns,
            day: dt.date | None = None, strict: bool = True) -> Actor | None:
    module = _actors_module()
    found = module.actor_for_span(actors, start, end)
    if found is not None and _covers_head(found, head, patterns, strict):
        return found
    hits = [a for a in overlapping(actors, start, end) if _covers_head(a, head, patterns, strict)]
    if hits:
        on_head = [a for a in hits if a.start <= head.idx < a.end]
        best = on_head or sorted(hits, key=lambda a: (a.code is None, -(a.end - a.start)))
        return best[0]
    if head.pos_ == "PRON":
        return None
    span = head.doc.char_span(start, end, alignment_mode="expand")
    coded = module.code_phrase(span, day) if span is not None else None
    if coded is not None and _covers_head(coded, head, patterns, strict):
        return coded
    return structural_actor(head, start, end, patterns)


def _speaker_heads(pronoun: Token, patterns: Patterns) -> list[Token]:
    """"The US claimed that they had attacked": a subject pronoun in reported content is the reporter."""
    node = pronoun.head
    for _ in range(6):
        if node.head == node:
            return []
        if node.dep_ in ("ccomp", "xcomp", "advcl", "conj") and node.head.lemma_.lower() in patterns.reporting | {
                "claim", "allege", "insist", "assert", "deny", "admit", "vow", "promise", "pledge", "threaten"}:
            speaker = node.head
            return [c for c in speaker.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        node = node.head
    return []


def _owner_country(head: Token, actors: Sequence[Actor]) -> Actor | None:
    """"his country", "their homeland": the country of the possessor, when it is known."""
    if head.lemma_.lower() not in ("country", "nation", "homeland", "motherland"):
        return None
    for child in head.children:
        if child.dep_ == "poss" and child.tag_ == "PRP$":
            owner = overlapping(actors, child.idx, child.idx + len(child.text))
            if not owner:  # "X claimed that ... attacks on his country": the reporter's country
                for speaker in _speaker_heads(child, _patterns()):
                    owner.extend(overlapping(actors, speaker.left_edge.idx, speaker.idx + len(speaker.text)))
            country = next((a.country for a in owner if a.country), None)
            if country:
                start, end = head.left_edge.idx, head.idx + len(head.text)
                return Actor(text=nlp.doc_text(head.doc)[start:end], start=start, end=end, code=country, country=country,
                             kind="country", via="event-possessive", confidence=0.5)
    return None


def resolve_all(head: Token, start: int, end: int, actors: Sequence[Actor], patterns: Patterns,
                day: dt.date | None = None, places: Sequence[Place] = (), strict: bool = True) -> list[Actor]:
    """Every actor a phrase names: one for a plain phrase, several for a compound ("US and NATO forces")."""
    owned = _owner_country(head, actors)
    if owned is not None:
        return [owned]
    best = resolve(head, start, end, actors, patterns, day, strict)
    if head.pos_ == "PRON" and head.dep_ != "poss" and (best is None or head.lower_ in PLURAL_PRONOUNS):
        out: list[Actor] = []
        for speaker in _speaker_heads(head, patterns):
            for member in expand_heads(speaker):
                m_start, m_end = member.left_edge.idx, member.idx + len(member.text)
                out.extend(a for a in resolve_all(member, m_start, m_end, actors, patterns, day, places)
                           if a not in out)
        if out or best is None:
            return out
    if best is None:
        place = next((p for p in places if p.country_iso3 and p.start <= head.idx < p.end), None)
        if place is None:
            if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (head.pos_ == "PROPN" and not head.ent_type_):
                # "accused Gulen of ...": a named recipient the knowledge base does not know is still one
                return [Actor(text=nlp.doc_text(head.doc)[start:end], start=start, end=end, kind="unknown",
                              via="event-name", confidence=0.2)]
            return []
        # "fired from the Gaza Strip", "shelled Aleppo": a place acting or acted on stands for its country
        return [Actor(text=place.text, start=place.start, end=place.end, code=place.country_iso3,
                      country=place.country_iso3, kind="country", via="event-place", confidence=0.3)]
    twins = [a for a in actors if a.start == best.start and a.end == best.end and a.code and a.code != best.code]
    if best.country is None and best.sector and best.sector != "IGO" and not twins:
        country = next((country_of(t.text) for t in head.doc.char_span(start, end, alignment_mode="expand") or ()
                        if t.ent_type_ in ("NORP", "GPE") and country_of(t.text)), None)
        if country:  # "Filipino peacekeepers": the nationality the actors stage left uncoded
            best = dataclasses.replace(best, country=country, code=country + best.sector)
    return [best, *twins]
