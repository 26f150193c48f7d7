"""From an argument phrase to actors.

Order of preference: the actors stage's ``actor_for_span`` (coreference-aware), the actor
mentions of the ``actors`` tuple that overlap the phrase, the actors stage's ``code_phrase``,
and last a small structural stand-in (country name or demonym + sector noun) so that events keep
a coded actor while the actors stage does not cover a phrase.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import pycountry
from spacy.tokens import Token

from flashpoint.extract.eventcoding.kb import Patterns
from flashpoint.types import Actor

DEMONYM_SUFFIXES = ("n", "i", "is", "an", "ns", "ic", "ian", "ans", "ese", "ish", "ians")
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "its", "their"})


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


def structural_actor(head: Token, start: int, end: int, patterns: Patterns) -> Actor | None:
    """Stand-in coding from structure: country words in the phrase plus the head noun's sector."""
    doc = head.doc
    country = None
    sector = patterns.agents.get(head.lemma_.lower()) or patterns.agents.get(head.lower_)
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
    return Actor(text=doc.text[start:end], start=start, end=end, code=code, country=country,
                 sector=sector, kind="unknown", via="event-structure", confidence=0.3)


def resolve(head: Token, start: int, end: int, actors: Sequence[Actor], patterns: Patterns) -> Actor | None:
    module = _actors_module()
    for_span: Callable[..., Any] | None = getattr(module, "actor_for_span", None)
    if for_span is not None:
        try:
            found = for_span(actors, start, end)
        except Exception:  # a stage in progress must not break events
            found = None
        if isinstance(found, Actor):
            return found
    hits = overlapping(actors, start, end)
    if hits:
        on_head = [a for a in hits if a.start <= head.idx < a.end]
        best = on_head or sorted(hits, key=lambda a: (a.code is None, -(a.end - a.start)))
        return best[0]
    if head.lower_ in PRONOUNS:
        return None
    code_phrase: Callable[..., Any] | None = getattr(module, "code_phrase", None)
    if code_phrase is not None:
        span = head.doc.char_span(start, end, alignment_mode="expand")
        try:
            coded = code_phrase(span, None) if span is not None else None
        except Exception:
            coded = None
        if isinstance(coded, Actor):
            return coded
    return structural_actor(head, start, end, patterns)
