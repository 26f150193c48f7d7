"""Toponym recognition: spaCy GPE/LOC/FAC entities, strong gazetteer names the model missed,
demonyms in place-like constructions, and the context words around each name."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from flashpoint import nlp
from flashpoint.extract.geo.cues import Cues, cues
from flashpoint.extract.geo.gazetteer import PHYSICAL_FEATURES, Gazetteer, cached, gazetteer, key
from flashpoint.extract.geo.streets import street_spans

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose words are never read as strong place names. Organisations are not among them:
# "Kentucky State Police", "the U.S. Army", "Environment Canada" name a place, and the small model
# often tags a bare city ("Edmonton") as an organisation.
BLOCKING_LABELS = frozenset({"PERSON", "WORK_OF_ART"})
ORG_LABELS = frozenset({"ORG", "PRODUCT", "EVENT", "LAW", "NORP"})
STRONG_CITY_POPULATION = 200_000
ORG_CITY_POPULATION = 15_000  # an ORG entity that is exactly a city name this big is the city
COUNTY_WORDS = frozenset({"county", "parish", "borough"})
STRONG_FORMAT = 2  # bump when _strong_names changes: its cached list is keyed by the data only
MAX_NAME_TOKENS = 6  # "Democratic Republic of the Congo"
DATELINE_CHARS = 400  # a dateline opens the article or follows its headline
# "COLUMBIA, Ky. (WBKO) -", "INNISFAIL -", "headline. BANTAM —", "LOUISVILLE, KY--(Marketwire": an
# upper-case town, an optional unit after a comma, an optional source in brackets, then a dash.
DATELINE = re.compile(
    r"(?:^|\n|[.!?]\s)\s*(?P<town>[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})"
    r"(?:,\s*(?P<unit>[A-Z][A-Za-z.]{1,12}(?: [A-Z][A-Za-z.]+)?))?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--?|:)"
)


@dataclass
class Mention:
    start: int  # token index
    end: int
    kind: str  # entity | gazetteer | demonym | anaphor
    label: str = ""
    country: str | None = None  # given by a demonym
    admin_word: str | None = None  # "district" in "Bannu district"
    parent: int | None = None  # index (in the mention list) of a stated parent: "X, Y", "X district of Y"
    direction: str | None = None  # "northwestern" in "northwestern Pakistan"
    border: bool = False  # "on the border with X"


@functools.lru_cache(maxsize=1)
def strong_names() -> frozenset[str]:
    """Names the gazetteer matcher trusts without the model: countries, admin-1 units, regions,
    big cities (main names), and the curated aliases of countries and admin-1 units (those
    written with a dot, "Calif.", only through ``abbreviation``). Cached beside the index."""
    return cached(f"strong-{STRONG_FORMAT}", _strong_names)


def _strong_names() -> frozenset[str]:
    gaz = gazetteer()
    names: set[str] = {name for name, alias in gaz.curated.items() if "." not in alias}
    for name, ids in gaz.names.items():
        for index in ids:
            entry = gaz.entries[index]
            if entry.feature in ("country", "continent", "region", "sea") or (
                entry.feature == "admin1" and name in gaz.main
            ):
                names.add(name)
                break
            # "Laurel County", "Orleans Parish": a second-level unit named with its kind
            if entry.feature == "admin2" and name in gaz.main and name.rsplit(" ", 1)[-1] in COUNTY_WORDS:
                names.add(name)
                break
            # "Lake Chad", "Mount Kenya", "Sumatra": a feature's name of several words, or of one
            # that names nothing else
            if entry.feature in PHYSICAL_FEATURES and (" " in name or len(ids) == 1):
                names.add(name)
                break
            if entry.feature == "city" and entry.population >= STRONG_CITY_POPULATION and name in gaz.main:
                names.add(name)
                break
    generic = cues().generic_names
    return frozenset(n for n in names if (len(n) > 3 or n in ("us", "uk", "u s", "u k", "uae", "drc", "nsw"))
                     and n not in generic)


@functools.lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Strong names that mean a country ("U.S.", "Canada"; a small town of the same name aside, such
    as France's Us): the names read inside organisation names under ``inside_orgs='countries'``."""
    gaz = gazetteer()
    entries = {n: [gaz.entries[i] for i in gaz.names.get(n, ())] for n in strong_names()}
    return frozenset(n for n, found in entries.items()
                     if any(e.feature == "country" for e in found)
                     and all(e.feature == "country" or (e.feature == "city" and e.population < 100_000)
                             for e in found))


def abbreviation(doc: Doc, i: int, gaz: Gazetteer) -> int:
    """Tokens of a dotted curated abbreviation after a comma ("Churchill, Man.", "Tacoma, Wash."),
    0 if none starts at token i."""
    if i == 0 or doc[i - 1].text != ",":
        return 0
    for n in (3, 2, 1):  # longest first: "Ont" "." at a sentence end is "Ont."
        if i + n > len(doc):
            continue
        start, end = doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1].text)
        text = nlp.doc_text(doc)[start:end]
        for candidate in (text, text + "."):
            alias = gaz.curated.get(key(candidate))
            if alias is not None and "." in alias and alias.replace(" ", "") == candidate.replace(" ", ""):
                return n
    return 1 if _postal_code(doc, i, gaz) else 0


def _postal_code(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    """'Louisville, KY', 'Moncton, NB': a two-letter first-level code after a comma, where the town
    before the comma has a reading in that unit."""
    token = doc[i]
    if len(token.text) != 2 or not token.text.isupper() or i < 2:
        return False
    units = [e for e in gaz.lookup(token.text) if e.feature == "admin1"]
    if not units:
        return False
    for size in (1, 2, 3):
        if i - 1 - size < 0:
            break
        town = doc[i - 1 - size : i - 1]
        if any(e.admin1 == unit.geonameid for e in gaz.lookup(town.text) for unit in units):
            return True
    return False


def _org_city(ent: Span, gaz: Gazetteer, rules: Cues) -> bool:
    """An ORG/PRODUCT entity that is nothing but a city's name: a big city anywhere ("Edmonton"),
    a sizeable one after a locative preposition ("in Red Deer")."""
    if (ent.text.isupper() and len(ent.text) <= 4) or key(ent.text) in rules.generic_names:
        return False
    after_locative = ent.start > 0 and ent.doc[ent.start - 1].lower_ in rules.strong_locatives
    least = ORG_CITY_POPULATION if after_locative or _modifies_common_noun(ent) else STRONG_CITY_POPULATION // 2
    return any(e.feature == "city" and e.population >= least and e.name == ent.text for e in gaz.lookup(ent.text))


def _modifies_common_noun(ent: Span) -> bool:
    """'Danbury police', 'the Cairns service': a name right before a lower-case noun it modifies."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].is_lower and doc[ent.end].pos_ == "NOUN" \
        and ent.root.dep_ in ("compound", "nmod", "amod")


def _major(entries: list) -> bool:
    """A name one of whose places is a unit or a big city: what a bare mention most often means."""
    return any(e.feature not in ("city", "admin2") or e.population >= STRONG_CITY_POPULATION for e in entries)


def _org_place(ent: Span, gaz: Gazetteer) -> bool:
    start, end = _trim(ent)
    if start >= end or not ent.doc[start].text[:1].isupper():
        return False
    parts = _comma_parts(ent.doc, start, end, gaz)
    strong = strong_names()
    if len(parts) == 1:
        return key(ent.doc[start:end].text) in strong
    return all(gaz.lookup(ent.doc[a:b].text) for a, b in parts) and any(
        key(ent.doc[a:b].text) in strong for a, b in parts)


def _person_place(ent: Span, gaz: Gazetteer, rules: Cues) -> bool:
    start, end = _trim(ent)
    doc = ent.doc
    if start >= end or end - start > 3 or not _major(gaz.lookup(doc[start:end].text)):
        return False
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    return before in rules.strong_locatives or before == "of" or after in rules.place_nouns \
        or after in rules.admin_words or after in ("area", "region") or (before == "the" and _modifies_common_noun(ent))


def _glued(doc: Doc, start: int, end: int) -> bool:
    """'France' in 'Agence France-Presse': a name joined by a hyphen to the next word is part of it."""
    last = doc[end - 1]
    if last.text.endswith("-") and len(last.text) > 1:
        return True
    return end < len(doc) and not last.whitespace_ and doc[end].text == "-"


def _adjective_use(doc: Doc, start: int, end: int, name: str, gaz: Gazetteer) -> bool:
    """'Saudi authorities', 'Saudi Arabian': a country's short name that is also its demonym, used as
    an adjective, is left to the demonym rules."""
    if name not in gaz.demonyms or end >= len(doc):
        return False
    after = doc[end]
    return after.is_alpha and (after.is_lower or key(after.text) in gaz.demonyms)


def _trim(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _comma_parts(doc: Doc, start: int, end: int, gaz: Gazetteer, *, every: bool = False) -> list[tuple[int, int]]:
    """'Pandi, Bulacan' tagged as one entity becomes two names when both are in the gazetteer
    (every=True: the comma-separated parts whatever they are)."""
    commas = [i for i in range(start, end) if doc[i].text == ","]
    if not commas:
        return [(start, end)]
    parts, left = [], start
    for comma in [*commas, end]:
        if comma > left:
            parts.append((left, comma))
        left = comma + 1
    if every or all(gaz.lookup(doc[a:b].text) for a, b in parts):
        return parts
    return [(start, end)]


def _demonym_country(token: Token, gaz: Gazetteer) -> str | None:
    if not token.text[:1].isupper():
        return None
    return gaz.demonyms.get(key(token.text))


def _place_construction(token: Token, rules: Cues) -> bool:
    """'Afghan soil', 'Pakistani territory', 'the Afghan side of the border'."""
    head = token.head
    if token.dep_ not in ("amod", "compound", "nmod") or head.i <= token.i:
        return False
    if head.lower_ not in rules.place_nouns:
        return False
    if head.lower_ == "side":
        return any(child.lower_ == "of" and any(g.lower_ in rules.border_nouns for g in child.subtree)
                   for child in head.children)
    return True


def mentions(
    doc: Doc, *, demonyms: str = "place-like", inside_orgs: str = "countries", streets: bool = False,
) -> list[Mention]:
    """Toponym mentions in document order. demonyms: 'place-like' (only 'Afghan soil' style),
    'all' (every demonym adjective, the TR-News convention) or 'none'. inside_orgs: which strong
    names are read inside organisation names: 'all' ("Kentucky State Police", "Winnipeg Free
    Press"), 'countries' ("U.S. Army", not "New York Times") or 'none'. streets: street and road
    names ("Hertford Road", "Highway 403") are toponyms too (kind 'street')."""
    gaz = gazetteer()
    rules = cues()
    taken = [False] * len(doc)
    blocked = [False] * len(doc)
    in_org = [False] * len(doc)
    found: list[Mention] = []

    def claim(start: int, end: int) -> bool:
        if start >= end or any(taken[start:end]):
            return False
        for i in range(start, end):
            taken[i] = True
        return True

    for a, b in datelines(doc, gaz):
        if claim(a, b):
            found.append(Mention(a, b, "gazetteer", "DATELINE"))
    for a, b in _split_names(doc):
        if claim(a, b):
            found.append(Mention(a, b, "gazetteer", "SPLIT"))
    if streets:
        for a, b in street_spans(doc, rules, set(gaz.demonyms)):
            if claim(a, b):
                found.append(Mention(a, b, "street", "STREET"))

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = _trim(ent)
            if start >= end or not doc[start].text[:1].isupper():
                continue
            if ent.label_ == "FAC" and not gaz.lookup(doc[start:end].text):
                continue
            if ent.end < len(doc) and doc[ent.end].lower_ in rules.not_place_before:
                continue
            text = doc[start:end].text
            if end - start == 1 and key(text) in gaz.demonyms and not gaz.lookup(text):
                continue  # "Angolan" tagged GPE: a demonym, left to the demonym rules below
            if end - start > 1 and doc[start].lower_.rstrip(".") in rules.person_titles and not gaz.lookup(text):
                continue  # "Ms Raggi" tagged GPE: a person
            if key(text) in rules.disease_names and not (
                    start > 0 and doc[start - 1].lower_ in rules.strong_locatives):
                continue  # "Ebola", "Marburg": the disease, unless 'in Marburg'
            parts = _comma_parts(doc, start, end, gaz)
            if len(parts) == 1 and any(taken[start:end]):
                # "Silver Street, Edmonton" tagged as one place, its street already taken
                parts = [(a, b) for a, b in _comma_parts(doc, start, end, gaz, every=True)
                         if not any(taken[a:b]) and gaz.lookup(doc[a:b].text)]
            for a, b in parts:
                if claim(a, b):
                    found.append(Mention(a, b, "entity", ent.label_))
        elif ent.label_ in ORG_LABELS and ent.label_ != "NORP" and doc[ent.start].text[:1].isupper() \
                and _org_city(ent, gaz, rules):
            if claim(ent.start, ent.end):
                found.append(Mention(ent.start, ent.end, "gazetteer", ent.label_))
        elif ent.label_ in ORG_LABELS and ent.label_ != "NORP" and _org_place(ent, gaz):
            # "Mozambique", "NSW", "Angola's", "Pandi, Bulacan" tagged ORG: nothing but place names
            start, end = _trim(ent)
            for a, b in _comma_parts(doc, start, end, gaz):
                if claim(a, b):
                    found.append(Mention(a, b, "gazetteer", ent.label_))
        elif ent.label_ in BLOCKING_LABELS and _person_place(ent, gaz, rules):
            # "the island of Java", "the state of Guerrero", "the Glasgow area" tagged PERSON
            start, end = _trim(ent)
            if claim(start, end):
                found.append(Mention(start, end, "gazetteer", ent.label_))
        elif ent.label_ in ORG_LABELS and ent.label_ != "NORP":
            for i in range(ent.start, ent.end):
                in_org[i] = True
        elif ent.label_ in BLOCKING_LABELS:
            for i in range(ent.start, ent.end):
                blocked[i] = True

    strong = strong_names()
    countries_only = country_names()
    i = 0
    while i < len(doc):
        token = doc[i]
        if taken[i] or not (token.is_title or token.is_upper) or token.is_punct:
            i += 1
            continue
        if blocked[i]:
            # "London, Ont" with "Ont" tagged PERSON: a dotted unit after a comma is still the unit
            dotted = abbreviation(doc, i, gaz)
            if dotted and not any(taken[i : i + dotted]) and claim(i, i + dotted):
                found.append(Mention(i, i + dotted, "gazetteer"))
                i += dotted
            else:
                i += 1
            continue
        match = 0
        for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
            if any(taken[i : i + n]) or any(blocked[i : i + n]):
                continue
            name = key(doc[i : i + n].text)
            if name not in strong:
                continue
            if any(in_org[i : i + n]) and (
                inside_orgs == "none" or (inside_orgs == "countries" and name not in countries_only)
            ):
                continue
            if i + n < len(doc) and doc[i + n].lower_ in rules.not_place_before:
                continue
            if name in rules.disease_names and not (i > 0 and doc[i - 1].lower_ in rules.strong_locatives):
                continue
            if doc[i + n - 1].is_punct or _glued(doc, i, i + n) or _adjective_use(doc, i, i + n, name, gaz):
                continue
            match = n
            break
        if not match:
            match = abbreviation(doc, i, gaz)
        if match and claim(i, i + match):
            found.append(Mention(i, i + match, "gazetteer"))
            i += match
        else:
            i += 1

    if demonyms != "none":
        for token in doc:
            if taken[token.i]:
                continue
            country = _demonym_country(token, gaz)
            if country is None:
                continue
            if demonyms == "all" or _place_construction(token, rules):
                claim(token.i, token.i + 1)
                found.append(Mention(token.i, token.i + 1, "demonym", "NORP", country=country))

    found.extend(_repeats(doc, found, taken, rules, gaz))
    people = _person_parts(doc, rules)
    found = [m for m in found if not _person_name(doc, m, rules, people) and not _seat(doc, m, rules)]
    found.sort(key=lambda m: m.start)
    _context(doc, found, rules)
    return found


_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(names: frozenset[str]) -> frozenset[str]:
    """The first words of these names (for a quick test before building spans), once per name set."""
    found = _FIRST_WORDS.get(id(names))
    if found is None:
        found = _FIRST_WORDS[id(names)] = frozenset(name.split()[0] for name in names if name)
    return found


def _may_start(token: Token, firsts: frozenset[str]) -> bool:
    """Whether a name of the set can start at this token. Only a token followed by a space is judged
    by its own key ("O'" glued to "Brien" is left to the full check)."""
    if not token.whitespace_:
        return True
    words = key(token.text).split()
    return not words or words[0] in firsts


def _split_names(doc: Doc) -> list[tuple[int, int]]:
    """Strong names of three words or more that the model split or cut ("Democratic Republic" +
    "Congo" for "Democratic Republic of the Congo"): taken whole before the model's entities, unless
    a person's name or a longer organisation name overlaps them."""
    strong = strong_names()
    firsts = _first_words(strong)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not doc[i].text[:1].isupper() or not _may_start(doc[i], firsts):
            i += 1
            continue
        for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 2, -1):
            span = doc[i : i + n]
            if span[-1].is_punct or any(t.is_space or t.text in (".", ",", ";", ":") for t in span) \
                    or key(span.text) not in strong:
                continue
            overlapping = [e for e in doc.ents if e.start < i + n and i < e.end]
            whole = len(overlapping) == 1 and overlapping[0].start <= i and i + n <= overlapping[0].end
            if whole or any(e.label_ in BLOCKING_LABELS or (e.label_ in ORG_LABELS and (e.start < i or e.end > i + n))
                            for e in overlapping):
                continue
            out.append((i, i + n))
            i += n - 1
            break
        i += 1
    return out


def datelines(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Token spans of a local-news dateline: the upper-case town the gazetteer knows ("COLUMBIA",
    "RED DEER") and the state, province or country after its comma ("Ky.", "KY", "Ark.",
    "Alberta"); a unit is taken only when it names a first-level unit or a country."""
    text = nlp.doc_text(doc)
    out: list[tuple[int, int]] = []
    for match in DATELINE.finditer(text[:DATELINE_CHARS]):
        town = match.group("town").rstrip(".")
        known = gaz.lookup(town)
        if len(town.replace(" ", "")) < 3 or not known or key(town) in cues().generic_names:
            continue
        if match.group(0).endswith(":") and not _major(known) and not any(
                e.population >= ORG_CITY_POPULATION for e in known):
            continue  # "UPDATE:", "PHOTOS:": a colon needs a town of some size
        unit = match.group("unit")
        units = [e for e in gaz.lookup(unit)] if unit else []
        spans = [(match.start("town"), match.start("town") + len(town))]
        if unit and any(e.feature in ("admin1", "country") for e in units):
            spans.append((match.start("unit"), match.end("unit")))
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None and len(span):
                out.append((span.start, span.end))
        break  # one dateline per article
    return out


def _repeats(doc: Doc, found: list[Mention], taken: list[bool], rules: Cues, gaz: Gazetteer) -> list[Mention]:
    """Other mentions of a place name the article has already used as a place: "INNISFAIL -" in the
    dateline, then "Innisfail" untagged or tagged as a person or organisation of just that name.
    A name inside a longer entity ("the Red Deer Skating Association") is left alone."""
    names: dict[str, int] = {}
    for m in found:
        if m.kind in ("entity", "gazetteer") and (m.label in ("GPE", "DATELINE") or m.kind == "gazetteer"):
            text = doc[m.start : m.end].text
            if text[:1].isupper() and gaz.lookup(text) and key(text) not in rules.generic_names \
                    and key(text) not in rules.disease_names and key(text) not in rules.seat_names:
                names.setdefault(key(text), m.end - m.start)
    if not names:
        return []
    firsts = frozenset(name.split()[0] for name in names if name)
    extra: list[Mention] = []
    for i, token in enumerate(doc):
        if taken[i] or not (token.is_title or token.is_upper) or not _may_start(token, firsts):
            continue
        for name, size in names.items():
            end = i + size
            if end > len(doc) or any(taken[i:end]) or key(doc[i:end].text) != name:
                continue
            if any(_trim(e) != (i, end) for e in doc.ents if e.start < end and i < e.end):
                continue
            if end < len(doc) and doc[end].lower_ in rules.not_place_before or _glued(doc, i, end) \
                    or _adjective_use(doc, i, end, name, gaz) or (token.is_upper and len(name) <= 3):
                continue
            for k in range(i, end):
                taken[k] = True
            extra.append(Mention(i, end, "gazetteer", "REPEAT"))
            break
    return extra


def _seat(doc: Doc, m: Mention, rules: Cues) -> bool:
    """'the White House said': a seat standing for its government, unless a locative precedes it."""
    if key(doc[m.start : m.end].text) not in rules.seat_names:
        return False
    before = m.start - 1
    while before >= 0 and doc[before].lower_ in ("the", "a"):
        before -= 1
    return not (before >= 0 and doc[before].lower_ in rules.strong_locatives)


def _person_name(doc: Doc, m: Mention, rules: Cues, people: frozenset[str]) -> bool:
    """'Georgia' in an article about Georgia Stevens, 'Conrad' after Mark Conrad: a one-word name that
    is the first or last name of a person the article names in full is that person, unless a
    locative preposition puts it on the map ('in Georgia')."""
    if m.end - m.start != 1 or m.kind == "demonym":
        return False
    if doc[m.start].text not in people:
        return False
    if m.start > 0 and doc[m.start - 1].lower_ in rules.strong_locatives:
        return False
    return not (m.end < len(doc) and (doc[m.end].lower_ in rules.admin_words or doc[m.end].lower_ in rules.place_nouns))


def _person_parts(doc: Doc, rules: Cues) -> frozenset[str]:
    """First and last names of the people the article names in full ("SOS Children's Village
    Malakal", tagged PERSON, is no person: a place word is in it; nor is a country a surname)."""
    parts: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or not all(t.is_title for t in ent):
            continue
        if any(t.lower_ in rules.place_nouns or t.lower_ in rules.admin_words or t.lower_ in rules.feature_heads
               for t in ent):
            continue
        parts.add(ent[0].text)
        if key(ent[-1].text) not in country_names():  # "Digicel Haiti" is a company's branch
            parts.add(ent[-1].text)
    return frozenset(parts)


def _context(doc: Doc, found: list[Mention], rules: Cues) -> None:
    by_start = {m.start: index for index, m in enumerate(found)}
    for m in found:
        after = m.end
        if after < len(doc) and doc[after].lower_ in rules.admin_words:
            m.admin_word = doc[after].lower_
            after += 1
        # "X, Y" / "X district of Y province" / "X in Y": Y is the stated parent.
        if after + 1 < len(doc) and doc[after].lower_ in (",", "of", "in"):
            nxt = after + 1
            while nxt < len(doc) and doc[nxt].lower_ == "the":
                nxt += 1
            same_sentence = not any(doc[k].is_sent_start for k in range(after + 1, nxt + 1))
            if nxt in by_start and same_sentence:
                m.parent = by_start[nxt]
        if m.start > 0:
            before = doc[m.start - 1]
            word = before.lower_
            if word in rules.directions:
                m.direction = word
            elif word == "with" and m.start > 1 and doc[m.start - 2].lower_ in rules.border_nouns:
                m.border = True


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
