"""Date and place of an event: the time and places stages' anchors, nearest the trigger's clause first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from flashpoint import nlp
from flashpoint.extract.geo.cues import Cues, cues
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
    trigger = doc.char_span(span[0], span[1], alignment_mode="expand") if 0 <= span[0] < span[1] <= len(nlp.doc_text(doc)) \
        else None
    found: TimeExpr | None = None
    if trigger is not None and len(trigger):
        clause = _clause(trigger[0])
        members = {t.idx for t in clause.subtree}
        own = [t for t in usable if sent.start_char <= t.start < sent.end_char and t.start in members
               and not _inside_other_clause(doc, t.start, clause)]
        if own:
            found = min(own, key=lambda t: (_describes_noun(doc, t, trigger), abs(t.start - span[0])))
        if found is None:  # the report's own time ("..., a police officer said Wednesday")
            root = sent.root
            main = [t for t in usable if sent.start_char <= t.start < sent.end_char
                    and not _inside_other_clause(doc, t.start, root)]
            if main:
                found = min(main, key=lambda t: (_describes_noun(doc, t, trigger), abs(t.start - span[0])))
    if found is None:
        found = _nearest(usable, sent, span[0])  # type: ignore[assignment]
    if found is None:
        return None, "unknown", None
    return _value(found)


def _describes_noun(doc: Doc, time: TimeExpr, trigger: Span) -> bool:
    """"protests against the 2018 council decision": a year that qualifies another noun dates that noun; it
    loses to any other time of the clause ("On Wednesday ... were arrested"), but dates the noun's own event
    ("a 2015 peace deal")."""
    words = doc.char_span(time.start, time.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    root = words.root
    return root.dep_ in ("nummod", "compound", "amod", "poss", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head not in trigger


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
    """The event's own location, with the reason it was chosen.

    In order: a place the trigger's clause puts the event at ("attacked a checkpoint in Bannu",
    "clashes near the city of X", "a blast at the X centre in Y", "the attack in Kabul"); a place
    otherwise named in that clause ("shelled Kharkiv"); a place a locative phrase elsewhere in the
    sentence names; the dateline place; the article's focus country (the last two with a lower
    precision). Metonymic capitals ("Islamabad said") and neighbours across a border never count.
    """
    from flashpoint.extract import places as places_stage

    candidates = [p for p in places if sent.start_char <= p.start and p.end <= sent.end_char and p.resolved
                  and not p.metonym and "across a border" not in (p.reason or "")]
    trigger = doc.char_span(span[0], span[1], alignment_mode="expand") if 0 <= span[0] < span[1] <= len(nlp.doc_text(doc)) \
        else None
    if candidates and trigger is not None and len(trigger):
        chosen = clause_place(candidates, trigger.root, doc)
        if chosen is not None:
            return chosen
    if candidates:
        found = sentence_place(candidates, span[0], doc)
        if found is not None:
            return found
        if trigger is not None and len(trigger):
            found = _actor_town(candidates, trigger.root, doc)
            if found is not None:
                return found
    return places_stage.event_location(list(places), -1, -1, doc=doc)


def _actor_town(candidates: Sequence[Place], trigger: Token, doc: Doc) -> Place | None:
    """"A Minsk court sentenced ...", "Hong Kong police arrested ...": with no place of its own, the act
    happens in the town that names its author or its object (a town, not a country: "Russian forces")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent")]
    if verb.dep_ == "relcl":
        heads.append(verb.head)  # "the Doha agreement that the Taliban signed": the agreement is the object
    heads += [g for h in list(heads) if h.dep_ == "agent" for g in h.children if g.dep_ == "pobj"]
    for head in heads:
        for place in candidates:
            words = doc.char_span(place.start, place.end, alignment_mode="expand")
            if words is None or not len(words) or (place.feature or "") in ("country", "continent"):
                continue
            if words.root.head == head and words.root.dep_ in ("compound", "amod", "nmod"):
                return replace(place, reason=f"event location: '{place.text}' names the act's "
                                             f"{'author' if head.dep_ != 'dobj' else 'object'}; {place.reason}")
    return None


def sentence_place(candidates: Sequence[Place], point: int, doc: Doc) -> Place | None:
    """A place a strong locative puts somewhere else in the sentence ("In Kabul, officials said gunmen
    attacked ..."), the most precise and then the nearest; a place merely named, or the seat of a body
    ("the government in Kabul"), does not count."""
    rules = cues()
    spans = [(p, _root(p, doc)) for p in candidates]
    place_tokens = {token.i for _, token in spans if token is not None}
    best: tuple[tuple[float, ...], Place] | None = None
    for place, token in spans:
        path = _locative_path(token, rules, place_tokens) if token is not None else None
        if path is None or path.prep is None or path.prep.lower_ not in rules.strong_locatives or path.parent \
                or not place.country_iso2:
            continue
        if path.prep.head.lemma_.lower() in rules.seat_nouns or path.prep.head.lower_ in rules.seat_nouns:
            continue  # "a response from the Taliban government in Kabul": where that body sits
        rank = (-float(place.precision or 3), -abs(place.start - point))
        if best is None or rank > best[0]:
            reason = f"event location: '{path.prep.text} {place.text}' elsewhere in the sentence; {place.reason}"
            best = (rank, replace(place, confidence=round(min(place.confidence, 0.6), 2), reason=reason))
    return best[1] if best is not None else None


def clause_place(candidates: Sequence[Place], trigger: Token, doc: Doc) -> Place | None:
    """The place the trigger's clause locates the event at (see ``event_place``), or None."""
    rules = cues()
    clause = _clause(trigger)
    anchors = {clause.i, trigger.i}
    spans = [(p, _root(p, doc)) for p in candidates]
    place_tokens = {token.i for _, token in spans if token is not None}
    best: tuple[tuple[float, ...], Place] | None = None
    for place, token in spans:
        if token is None:
            continue
        path = _locative_path(token, rules, place_tokens)
        if path is None:
            continue
        prep, head, parent = path.prep, path.anchor, path.parent
        if head.i not in anchors:
            continue
        if prep is not None:
            strength = 3.0 if prep.lower_ in rules.strong_locatives else 2.0
            between = nlp.doc_text(doc)[prep.idx + len(prep.text) : place.start].strip()
            phrase = f"{prep.text} {between + ' ' if between.lower() in ('', 'the') else '... '}{place.text}"
            why = f"'{' '.join(phrase.split())}' in the trigger's clause"
        elif path.argument is None or place.feature in ("country", "continent"):
            # "Pakistan accused Afghanistan": a country as subject or object is an actor; "Kabul police",
            # "the people of Kabul": a place inside another argument says nothing of where
            continue
        else:
            strength = 1.0
            why = f"{place.text!r} named in the trigger's clause"
        if parent:
            strength -= 1.5
            why += " (parent region of a more precise place)"
        if not place.country_iso2:
            strength -= 1.0  # 'in the Balkans', 'in Africa': a place within it says more
        rank = (strength, -float(place.precision or 3), -abs(token.i - trigger.i))
        if best is None or rank > best[0]:
            best = (rank, replace(place, reason=f"event location: {why}; {place.reason}"))
    return best[1] if best is not None else None


def _root(place: Place, doc: Doc) -> Token | None:
    found = doc.char_span(place.start, place.end, alignment_mode="expand")
    return found.root if found is not None and len(found) else None


AGENTIVE = frozenset({"by"})  # "attacks by Pakistan", "was killed by X": the doer, not the place


class Path(NamedTuple):
    prep: Token | None  # the locative preposition ('in', 'near', 'at') nearest the place, if any
    anchor: Token  # the verb (or nominal trigger) the place hangs on
    parent: bool  # named as the parent of another place ('district of X')
    argument: str | None  # 'dobj' / 'nsubjpass' when the place itself is that argument of the anchor


def _locative_path(token: Token, rules: Cues, place_tokens: set[int]) -> Path | None:
    """How a place token hangs on its clause; None when it cannot be told.

    "in Bannu district of Khyber Pakhtunkhwa": Khyber Pakhtunkhwa climbs through 'of' to 'district', a
    place noun, and on to 'in'; "near the city of X" climbs through 'of' to 'city'; "at the X centre in Y"
    climbs from Y through 'in' to 'centre' and on through 'at' to the verb.
    """
    node = token
    prep: Token | None = None
    parent = False
    direct = True  # no noun or non-locative preposition between the place and the anchor
    for _ in range(12):
        dep = node.dep_
        head = node.head
        if head.i == node.i:
            return Path(prep, node, parent, None)
        if dep in ("conj", "appos"):
            node = head
            continue
        if dep in ("compound", "amod", "nmod", "npadvmod", "nummod", "det", "poss"):
            direct = False
            node = head
            continue
        if dep == "pobj" and (head.dep_ in ("prep", "agent", "dative") or head.pos_ == "ADP"):
            word = head.lower_
            holder = head.head
            if word == "of" and holder.pos_ in ("NOUN", "PROPN"):
                # 'the city of X' stands for X; 'Bannu district of X' names X as Bannu's parent
                if any(child.i in place_tokens for child in holder.children if child.dep_ in ("compound", "amod")) \
                        or holder.i in place_tokens:
                    parent = True
                node = holder
                continue
            if prep is None and word not in AGENTIVE and (word in rules.locative_prepositions
                                                          or word in rules.strong_locatives):
                prep = head
            elif prep is None:
                direct = False
            if holder.pos_ in ("VERB", "AUX"):
                return Path(prep, holder, parent, None)
            node = holder
            continue
        if node.pos_ in ("VERB", "AUX") or dep == "ROOT":
            return Path(prep, node, parent, None)
        if head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            # a subject, object or other argument: the place (or the noun holding it) hangs on its head
            argument = dep if direct and prep is None and dep in ("dobj", "nsubjpass") else None
            return Path(prep, head, parent, argument)
        direct = False
        node = head
    return None
