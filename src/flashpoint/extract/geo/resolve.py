"""Toponym resolution: gazetteer candidates scored by feature type, population, the article's
dominant countries and stated parent regions; metonymic capitals flagged."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token

from flashpoint.extract.geo.cues import Cues, cues
from flashpoint.extract.geo.gazetteer import PHYSICAL_FEATURES, Entry, Gazetteer, gazetteer, key
from flashpoint.extract.geo.recognize import Mention, distance_km
from flashpoint.extract.geo.streets import street_town
from flashpoint.types import Place

PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "country": 3, "continent": 3, "region": 3, "sea": 3,
             "island": 3, "lake": 2, "mountains": 3, "desert": 3, "valley": 2, "landmark": 1}
ALIAS_PENALTY = {"city": 2.5, "admin2": 1.5, "admin1": 0.3, "country": 0.0}
NEAR_KM = ((50.0, 2.5), (150.0, 1.5))  # places of one article cluster: bonus by distance to the others
PAIR_KM, PAIR_GAIN = 50.0, 1.5  # a reading near some reading of another name ("Edmonton" and "London", both in England)


class Readings:
    """Every town/district reading of every name of an article, bucketed by one-degree cell, to ask
    whether a reading lies near some reading of another name."""

    def __init__(self, options: list[tuple[str, list[tuple[Entry, float, str]]]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
        for name, cands in options:
            for entry, bonus, _ in cands:
                if entry.feature in ("city", "admin2") and bonus >= 0:
                    cell = (math.floor(entry.lat), math.floor(entry.lon))
                    self.cells.setdefault(cell, []).append((name, entry.lat, entry.lon))

    def near(self, entry: Entry, name: str) -> bool:
        row, col = math.floor(entry.lat), math.floor(entry.lon)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for other, lat, lon in self.cells.get((row + dr, col + dc), ()):
                    if other != name and distance_km(entry.lat, entry.lon, lat, lon) <= PAIR_KM:
                        return True
        return False


def prior(entry: Entry) -> float:
    """How likely a bare mention of this name means this entry, before context."""
    size = math.log10(entry.population + 1)
    if entry.feature == "country":
        return 9.0
    if entry.feature in ("continent", "region", "sea"):
        return 8.5
    if entry.feature in PHYSICAL_FEATURES:
        return 7.5  # "Sumatra", "Lake Chad": named features outrank all but the biggest towns
    if entry.feature == "admin1":
        return 5.0 + 0.25 * size
    if entry.feature == "admin2":
        return 2.5 + 0.2 * size
    return size + (1.5 if entry.capital else 0.0)


def _within(entry: Entry, parent: Entry) -> bool:
    if parent.feature == "country":
        return entry.country == parent.country
    if parent.feature == "admin1":
        return entry.admin1 == parent.geonameid
    if parent.feature == "admin2":
        return entry.admin2 == parent.geonameid
    return False


def _candidates(text: str, mention: Mention, gaz: Gazetteer) -> list[tuple[Entry, float, str]]:
    out = _named(text, mention, gaz)
    return out or _reduced(text, gaz, cues())


PREFIX_FEATURES = {"city of": ("city",), "town of": ("city",), "county of": ("admin2", "admin1"),
                   "state of": ("admin1",), "province of": ("admin1",), "district of": ("admin2", "admin1")}
SMALL_TOWN = 20_000  # a stated parent overrides only readings of towns smaller than this
BIG_CITY = 100_000  # "North Dallas": a direction is taken off a city only when the city is this big


def _reduced(text: str, gaz: Gazetteer, rules: Cues) -> list[tuple[Entry, float, str]]:
    """A name the gazetteer lacks, read as a known name with a generic head or a direction around it:
    "Salinas Valley", "Hebei province", "City of Montreal", "Northern Europe", "South West England",
    "North-Western Sydney", "Montreal East". Words come off one at a time (prefixes, then generic
    heads, then directions) until the rest is a name the gazetteer knows (see ``_known_as``)."""
    words = text.replace("-", " ").split()
    taken: list[str] = []
    unit = ""
    features: tuple[str, ...] = ()
    direction = False
    while len(words) > 1:
        low = [w.lower() for w in words]
        prefix = next((" ".join(low[:n]) for n in (3, 2, 1)
                       if len(words) > n and " ".join(low[:n]) in rules.name_prefixes), None)
        if prefix is not None:
            size = len(prefix.split())
            taken.append(" ".join(words[:size]))
            features = PREFIX_FEATURES.get(prefix, features)
            words = words[size:]
        elif low[-1] in rules.feature_heads:
            unit = low[-1] if low[-1] in rules.admin_words else unit
            taken.append(words[-1])
            words = words[:-1]
        elif low[0] in rules.directions:
            taken.append(words[0])
            words, direction = words[1:], True
        elif low[-1] in rules.directions:
            taken.append(words[-1])
            words, direction = words[:-1], True
        else:
            break
        rest = " ".join(words)
        if any(_known_as(gaz, rest, e) for e in gaz.lookup(rest)):
            break
    rest = " ".join(words)
    if not taken or len(rest) < 4 or not rest[:1].isupper() or key(rest) in rules.generic_names \
            or key(rest) in rules.feature_heads:
        return _inner(text, gaz)
    out = []
    for entry in gaz.lookup(rest):
        if not _known_as(gaz, rest, entry) or (features and entry.feature not in features):
            continue
        if direction and entry.feature in ("city", "admin2") and entry.population < BIG_CITY:
            continue
        bonus = -1.0 + (2.0 if unit and entry.feature in ("admin1", "admin2") else 0.0)
        out.append((entry, bonus, f"placed at {rest!r} (the name less '{' '.join(taken)}')"))
    return out or _inner(text, gaz)


def _inner(text: str, gaz: Gazetteer) -> list[tuple[Entry, float, str]]:
    """A strong name (country, first-level unit, region, big city) at the start or the end of a
    longer name the model tagged: "Orange County Sanitation District", "South Asia Earthquake",
    "Villages Sudan". The longest such part wins, the start before the end."""
    from flashpoint.extract.geo.recognize import strong_names

    words = text.split()
    strong = strong_names()
    for size in range(len(words) - 1, 0, -1):
        for part in (" ".join(words[:size]), " ".join(words[-size:])):
            if key(part) in strong and part[:1].isupper():
                return [(entry, -1.5, f"placed at {part!r}, a known name inside {text!r}")
                        for entry in gaz.lookup(part) if _known_as(gaz, part, entry)]
    return []


def _known_as(gaz: Gazetteer, name: str, entry: Entry) -> bool:
    """The entry's main name, or any name of a country or first-level unit ("Hebei" for Hebei Sheng)."""
    return entry.feature in ("country", "admin1") or gaz.is_main_name(name, entry)


def _named(text: str, mention: Mention, gaz: Gazetteer) -> list[tuple[Entry, float, str]]:
    out: list[tuple[Entry, float, str]] = []
    if mention.admin_word:
        for entry in gaz.lookup(f"{text} {mention.admin_word}"):
            if entry.feature in ("admin1", "admin2"):
                out.append((entry, 3.0, f"named with '{mention.admin_word}'"))
    for entry in gaz.lookup(text):
        bonus = 0.0 if gaz.is_main_name(text, entry) else -ALIAS_PENALTY.get(entry.feature, 0.0)
        if mention.admin_word and entry.feature in ("admin1", "admin2"):
            bonus += 2.0
        out.append((entry, bonus, "name" if bonus >= 0 else "alternate name"))
    return out


def _score(
    entry: Entry, bonus: float, mention: Mention, parent: Entry | None, countries: Counter[str],
    regions: Counter[int], unit_named: bool = False, anchors: tuple[tuple[str, float, float], ...] | list[tuple[str, float, float]] = (),
    name: str = "", readings: Readings | None = None,
) -> tuple[float, list[str]]:
    score = prior(entry) + bonus
    why = [entry.feature]
    if entry.feature in ("city", "admin2") and anchors:
        near = min((distance_km(entry.lat, entry.lon, lat, lon) for other, lat, lon in anchors if other != name),
                   default=NEAR_KM[-1][0] + 1)
        for limit, gain in NEAR_KM:
            if near <= limit:
                score += gain
                why.append(f"within {limit:g} km of another place the article names")
                break
        else:
            if readings is not None and readings.near(entry, name):
                score += PAIR_GAIN
                why.append(f"within {PAIR_KM:g} km of a place another name of the article may mean")
    elif entry.feature in ("city", "admin2") and readings is not None and readings.near(entry, name):
        score += PAIR_GAIN
        why.append(f"within {PAIR_KM:g} km of a place another name of the article may mean")
    total = sum(countries.values())
    if total and entry.country:
        share = countries[entry.country] / total
        if share:
            score += 1.0 + 3.0 * share
            why.append(f"article country {entry.country}")
    if entry.feature in ("city", "admin2") and not unit_named and entry.admin1 is not None and regions[entry.admin1]:
        score += 3.0
        why.append("in an admin-1 unit the article names")
    if parent is not None and _within(entry, parent):
        score += 6.0
        why.append(f"within stated {parent.name}")
    return score, why


def resolve(doc: Doc, found: list[Mention], *, points: str = "geonames") -> list[Place]:
    """points: 'geonames' (every place at its GeoNames point) or 'centroid' (countries at their
    encyclopedic centroid), see ``Gazetteer.point``."""
    gaz = gazetteer()
    rules = cues()
    texts = [doc[m.start : m.end].text for m in found]
    options = [[] if m.kind == "street" else _candidates(text, m, gaz) for text, m in zip(texts, found)]

    # First pass: no context. Its confident answers say which countries the article is about.
    first: list[Entry | None] = []
    countries: Counter[str] = Counter()
    regions: Counter[int] = Counter()
    anchors: list[tuple[str, float, float]] = []
    # What each name's own mentions voted: a name never confirms its own reading ("London" said
    # ten times must not outvote "Canada" said three times for London, Ontario).
    own_countries: dict[str, Counter[str]] = {}
    own_regions: dict[str, Counter[int]] = {}
    for m, text, cands in zip(found, texts, options):
        if m.country:
            first.append(gaz.country(m.country))
            countries[m.country] += 1
            continue
        ranked = sorted(cands, key=lambda c: prior(c[0]) + c[1], reverse=True)
        best = ranked[0][0] if ranked else None
        first.append(best)
        margin = prior(ranked[0][0]) + ranked[0][1] - (prior(ranked[1][0]) + ranked[1][1]) if len(ranked) > 1 else 9
        # "Georgia" is a country and a US state: it says nothing about the article's country.
        rival_unit = any(e.feature in ("country", "admin1") and b >= 0 and e.country != (best.country if best else "")
                         for e, b, _ in ranked[1:])
        if best is not None and best.country and margin > 1.0 and not rival_unit:
            if best.feature in ("city", "admin2"):
                anchors.append((key(text), best.lat, best.lon))
            weight = 2 if best.feature in ("country", "admin1") else 1
            countries[best.country] += weight
            own_countries.setdefault(key(text), Counter())[best.country] += weight
            if best.feature == "admin1" and best.geonameid is not None:
                regions[best.geonameid] += 1
                own_regions.setdefault(key(text), Counter())[best.geonameid] += 1

    places: list[Place] = []
    chosen: list[Entry | None] = list(first)
    readings: Readings | None = None
    # Parents come after their children in the text, so resolve right to left.
    for index in range(len(found) - 1, -1, -1):
        m, text, cands = found[index], texts[index], options[index]
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        if m.country:
            entry = gaz.country(m.country)
            chosen[index] = entry
            places.append(_place(doc, m, text, start, end, entry, gaz, rules, 0.9, f"demonym of {m.country}",
                                 points))
            continue
        if not cands:
            places.append(Place(text, start, end, resolved=False, confidence=0.0,
                                reason="a street, placed after the towns" if m.kind == "street"
                                else "no gazetteer entry for this name"))
            continue
        parent = _stated_parent(chosen[m.parent] if m.parent is not None else None, cands)
        scored = []
        # "Indiana" is the state even in an article about a state that has a town called Indiana.
        unit_named = any(e.feature in ("country", "admin1") and b >= 0 for e, b, _ in cands)
        name = key(text)
        if readings is None:
            readings = Readings([(key(t), c) for t, c in zip(texts, options)])
        others = countries - own_countries.get(name, Counter())
        other_regions = regions - own_regions.get(name, Counter())
        for entry, bonus, how in cands:
            score, why = _score(entry, bonus, m, parent, others, other_regions, unit_named, anchors, name, readings)
            scored.append((score, entry, [how, *why]))
        scored.sort(key=lambda s: (s[0], s[1].population), reverse=True)
        best_score, entry, why = scored[0]
        if _outside_parent(entry, parent, cands):
            # "HOLLIDAY, Mo." where the gazetteer knows only a Holliday in Texas: the town is
            # somewhere in the stated unit, not in another one
            chosen[index] = None
            place = _place(doc, m, text, start, end, parent, gaz, rules, 0.4,
                           f"no {text!r} known within the stated {parent.name}; placed at {parent.name}",  # type: ignore[union-attr]
                           points)
            places.append(replace(place, precision=2))
            continue
        margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
        confidence = round(min(0.99, 0.5 + 0.1 * margin), 2)
        chosen[index] = entry
        places.append(_place(doc, m, text, start, end, entry, gaz, rules, confidence, "; ".join(why),
                             points))
    places.reverse()
    places = _one_sense(doc, found, texts, chosen, places, gaz, rules, points)
    return _streets(found, texts, chosen, places)


def _streets(found: list[Mention], texts: list[str], chosen: list[Entry | None], places: list[Place]) -> list[Place]:
    """Each street at the town it lies in (see ``streets.street_town``), at a town's precision."""
    if not any(m.kind == "street" for m in found):
        return places
    towns = [(index, key(texts[index]), found[index].start) for index, entry in enumerate(chosen)
             if entry is not None and entry.feature == "city" and places[index].resolved
             and not places[index].metonym]
    out = list(places)
    for index, m in enumerate(found):
        if m.kind != "street":
            continue
        town = street_town(m.parent, towns, m.start)
        if town is None:
            continue
        where = places[town]
        out[index] = replace(where, text=places[index].text, start=places[index].start, end=places[index].end,
                             name=texts[index], geonameid=None, feature="street", precision=1,
                             confidence=min(where.confidence, 0.6),
                             reason=f"a street; placed at {where.name} ('{where.text}' in the article)")
    return out


LEVEL = {"country": 3, "admin1": 2, "admin2": 1}


def _stated_parent(parent: Entry | None, cands: list[tuple[Entry, float, str]]) -> Entry | None:
    """The stated parent of "X, Y", unless X most likely names a place of Y's level or higher:
    "China, Japan", "Niger, Nigeria", "Washington, West Virginia" list places, they do not nest
    ("Washington, D.C." does: the capital outweighs the state)."""
    if parent is None:
        return None
    level = LEVEL.get(parent.feature, 0)
    peers = [prior(e) + b for e, b, _ in cands if LEVEL.get(e.feature, 0) >= max(level, 2)]
    inside = [prior(e) + b for e, b, _ in cands if _within(e, parent)]
    if peers and max(peers) > max(inside, default=0.0) + 1.0:
        return None
    return parent


def _outside_parent(entry: Entry, parent: Entry | None, cands: list[tuple[Entry, float, str]]) -> bool:
    """A small town named with a first-level unit ("X, Mo.") none of whose readings lies in that unit."""
    if parent is None or parent.feature != "admin1" or entry.feature not in ("city", "admin2"):
        return False
    # a town of some size elsewhere is more likely a list ("Aleppo, Turkey and Iraq") than a namesake
    if any(e.population >= SMALL_TOWN for e, _, _ in cands):
        return False
    return not any(_within(e, parent) for e, _, _ in cands)


def _one_sense(
    doc: Doc, found: list[Mention], texts: list[str], chosen: list[Entry | None], places: list[Place],
    gaz: Gazetteer, rules: Cues, points: str,
) -> list[Place]:
    """A name placed by a stated parent once ("London, Ont.") means that place at every mention."""
    settled: dict[str, Entry] = {}
    for m, text, entry in zip(found, texts, chosen):
        parent = chosen[m.parent] if m.parent is not None else None
        if entry is not None and parent is not None and _within(entry, parent):
            settled.setdefault(key(text), entry)
    if not settled:
        return places
    out = []
    for m, text, entry, place in zip(found, texts, chosen, places):
        target = settled.get(key(text))
        if target is not None and entry is not target and m.parent is None and not m.country:
            place = _place(doc, m, text, place.start, place.end, target, gaz, rules, 0.8,
                           f"{target.feature}; same name as a mention with a stated parent", points)
        out.append(place)
    return out


def _place(
    doc: Doc, m: Mention, text: str, start: int, end: int, entry: Entry | None,
    gaz: Gazetteer, rules: Cues, confidence: float, reason: str, points: str = "geonames",
) -> Place:
    if entry is None:
        return Place(text, start, end, resolved=False, reason=reason)
    admin1 = admin2 = None
    if entry.feature == "admin1":
        admin1 = entry.name
    elif entry.feature == "admin2":
        admin2 = entry.name
        parent = gaz.get(entry.admin1)
        admin1 = parent.name if parent else None
    elif entry.feature == "city":
        a1, a2 = gaz.get(entry.admin1), gaz.get(entry.admin2)
        admin1, admin2 = (a1.name if a1 else None), (a2.name if a2 else None)
    extra = []
    if m.direction:
        extra.append(f"part of it: '{m.direction}'")
    if m.border:
        extra.append("named as a neighbour across a border")
    metonym = entry.capital and _metonymic(doc, m, rules)
    if metonym:
        extra.append("capital standing for its government")
    return Place(
        text=text, start=start, end=end, name=entry.name, geonameid=entry.geonameid,
        lat=round(gaz.point(entry, points)[0], 5), lon=round(gaz.point(entry, points)[1], 5),
        country_iso2=entry.country or None, country_iso3=gaz.iso3.get(entry.country) if entry.country else None,
        admin1=admin1, admin2=admin2, feature=entry.feature,
        precision=PRECISION.get(entry.feature, 3), resolved=True, metonym=metonym,
        confidence=confidence, reason="; ".join([reason, *extra]),
    )


def _metonymic(doc: Doc, m: Mention, rules: Cues) -> bool:
    """'Islamabad said', 'Kabul rejected', 'tensions between Islamabad and Kabul'."""
    root: Token = doc[m.start : m.end].root
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in rules.metonym_verbs:
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("between", "with", "and") and head.head.lower_ in rules.relation_nouns:
        return True
    if token.dep_ == "poss" and head.lower_ in rules.relation_nouns | {"government", "position", "stance"}:
        return True
    return False
