"""Places: toponyms resolved against an offline gazetteer, and where each event happened (issue 5).

``places(doc, article)`` finds every toponym (spaCy GPE/LOC/FAC entities, strong gazetteer names,
demonyms in place-like constructions such as "Afghan soil", and "its lands" pointing back to a
country) and resolves it (see ``geo.resolve``). Unknown names stay as unresolved places.
``event_location(places, start, end, doc=...)`` picks the place an event in a span happened at.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from flashpoint import nlp
from flashpoint.extract.geo.cues import cues
from flashpoint.extract.geo.gazetteer import gazetteer, key
from flashpoint.extract.geo.recognize import mentions
from flashpoint.extract.geo.resolve import resolve
from flashpoint.types import Article, Place

DATELINE_TOWN = 15000  # people: a dateline the places stage did not resolve must name at least such a town

__all__ = ["places", "event_location", "focus_place", "dateline_place", "country_place"]


def places(
    doc: Doc, article: Article, *, demonyms: str = "place-like", anaphora: bool = True,
    points: str = "geonames", inside_orgs: str = "countries", streets: bool = False,
) -> tuple[Place, ...]:
    """Every toponym of the article in text order, resolved where the gazetteer allows.

    demonyms: 'place-like' ("Afghan soil" is a place, "Afghan officials" is not), 'all' (every
    demonym adjective is a toponym, as TR-News annotates them) or 'none'. anaphora: add
    "its lands" / "their territory" as the country they point back to. points: 'geonames' (every
    place at the point GeoNames gives it) or 'centroid' (countries at their encyclopedic centre).
    inside_orgs: which place names inside organisation names count ('all', 'countries', 'none';
    see ``geo.recognize.mentions``). streets: street and road names ("Hertford Road, Edmonton")
    are places too, placed at the town they lie in (precision 1, no GeoNames id).
    """
    found = resolve(doc, mentions(doc, demonyms=demonyms, inside_orgs=inside_orgs, streets=streets),
                    points=points)
    if anaphora:
        found = sorted([*found, *_anaphors(doc, found, points)], key=lambda p: p.start)
    return tuple(found)


def _anaphors(doc: Doc, found: list[Place], points: str = "geonames") -> list[Place]:
    """'their lands are being used ...' -> the country most recently named before it."""
    rules = cues()
    lowered = nlp.doc_text(doc).lower()
    if not any(noun in lowered for noun in rules.anaphor_nouns) or \
            not re.search(r"\b(?:%s)\s" % "|".join(map(re.escape, rules.anaphor_pronouns)), lowered):
        return []  # the common case, decided without walking the tokens
    gaz = gazetteer()
    out = []
    for token in doc:
        if token.lower_ not in rules.anaphor_nouns or token.i == 0:
            continue
        pronoun = doc[token.i - 1]
        if pronoun.lower_ not in rules.anaphor_pronouns:
            continue
        before = [p for p in found if p.end <= pronoun.idx and p.resolved and p.country_iso2
                  and pronoun.idx - p.end < 400 and p.feature in ("country", "city", "admin1")]
        if not before:
            continue
        antecedent = before[-1]
        country = gaz.country(antecedent.country_iso2 or "")
        if country is None:
            continue
        end = token.idx + len(token.text)
        lat, lon = gaz.point(country, points)
        out.append(Place(
            text=doc.text[pronoun.idx:end], start=pronoun.idx, end=end, name=country.name,
            geonameid=country.geonameid, lat=lat, lon=lon,
            country_iso2=country.country, country_iso3=gaz.iso3.get(country.country),
            feature="country", precision=3, resolved=True, confidence=0.6,
            reason=f"'{pronoun.text} {token.text}' refers back to {antecedent.text!r}",
        ))
    return out


def dateline_place(doc: Doc, found: tuple[Place, ...] | list[Place]) -> Place | None:
    """The place of the article's dateline block ('ISLAMABAD, Pakistan -'), if any."""
    for block in getattr(doc._, "blocks", ()):
        if block.kind != "dateline" or not block.meta.get("place"):
            continue
        inside = [p for p in found if block.start <= p.start < block.end and p.resolved]
        if inside:
            return _demote(min(inside, key=lambda p: (p.precision or 3, p.start)), "dateline")
        head = str(block.meta["place"]).split(",")[0].strip()
        # the places stage found nothing it trusts in the block: only a town of some size or a larger unit
        # is taken ("WALLACE:" opening a transcript is no dateline of Wallace, Idaho)
        known = [e for e in gazetteer().lookup(head) if key(e.name) == key(head) and (
            e.feature in ("country", "admin1", "continent", "region") or (e.population or 0) >= DATELINE_TOWN)]
        if known:
            entry = max(known, key=lambda e: e.population or 0)
            return Place(head, block.start, block.end, name=entry.name, geonameid=entry.geonameid,
                         lat=entry.lat, lon=entry.lon, country_iso2=entry.country or None,
                         feature=entry.feature, precision=3, resolved=True, confidence=0.5,
                         reason="fallback: dateline")
    return None


def focus_place(found: tuple[Place, ...] | list[Place]) -> Place | None:
    """The country the article is mostly about (most mentions, metonyms excluded)."""
    counts = Counter(p.country_iso2 for p in found if p.resolved and p.country_iso2 and not p.metonym)
    if not counts:
        return None
    return country_place(counts.most_common(1)[0][0] or "", "fallback: the article's focus country")


def country_place(iso2: str, reason: str, *, confidence: float = 0.3) -> Place | None:
    """A whole country as a place with no words in the text (a fallback), or None for an unknown code."""
    entry = gazetteer().country(iso2)
    if entry is None:
        return None
    return Place(entry.name, -1, -1, name=entry.name, geonameid=entry.geonameid, lat=entry.lat,
                 lon=entry.lon, country_iso2=iso2, country_iso3=gazetteer().iso3.get(iso2),
                 feature="country", precision=3, resolved=True, confidence=confidence, reason=reason)


def _demote(place: Place, why: str) -> Place:
    from dataclasses import replace

    return replace(place, precision=max(place.precision or 3, 2), confidence=min(place.confidence, 0.5),
                   reason=f"fallback: {why} ({place.reason})")


_UNSET = object()


def event_location(
    found: tuple[Place, ...] | list[Place], start: int, end: int, *, doc: Doc | None = None,
    fallback: Place | None | object = _UNSET,
) -> Place | None:
    """The place the event in text[start:end] happened at.

    A place governed by a locative preposition ('in/at/near X') beats a place merely mentioned;
    a place named as a neighbour ('on the border with X') or a stated parent ('district of X')
    loses to the more precise place it qualifies; metonyms are never event locations. With no
    place in the span, returns ``fallback`` (when given) or the dateline place / the article's
    focus country, with a lower precision and the reason.
    """
    rules = cues()
    inside = [p for p in found if start <= p.start and p.end <= end and not p.metonym]
    best: tuple[float, Place] | None = None
    for place in inside:
        score = 0.0 if place.resolved else -2.0
        score -= (place.precision or 3) * 0.5
        why = "mentioned in the clause"
        if doc is not None:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None:
                token = span.root
                while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
                    token = token.head
                if token.dep_ == "pobj" and token.head.lower_ in rules.strong_locatives:
                    score += 3.0
                    why = f"'{token.head.text} {place.text}'"
                elif token.dep_ == "pobj" and token.head.lower_ in rules.locative_prepositions:
                    score += 1.5
                    why = f"'{token.head.text} {place.text}'"
                if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in rules.admin_words:
                    score -= 1.0
                    why = "parent region of a more precise place"
        if place.reason and "across a border" in place.reason:
            score -= 3.0
        if place.start >= 0 and place.reason and place.reason.startswith("'"):
            score -= 1.0  # anaphors ("their lands") are a country at best
        if best is None or score > best[0]:
            best = (score, _with_reason(place, why))
    if best is not None:
        return best[1]
    if fallback is not _UNSET:
        return fallback  # type: ignore[return-value]
    if doc is not None:
        dated = dateline_place(doc, found)
        if dated is not None:
            return dated
    return focus_place(found)


def _with_reason(place: Place, why: str) -> Place:
    from dataclasses import replace

    return replace(place, reason=f"event location: {why}; {place.reason}")
