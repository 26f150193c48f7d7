"""Speakers as actors: the actors stage's mention when it covers the words, else an actor built from them.

Pronouns resolve, in order, to the actors stage's mention of the pronoun, to the latest compatible
speaker in the paragraph chain, to the latest compatible named mention nearby, and last to the
current speaking party (the latest speaker), never to a new person.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from flashpoint.extract.statements.lexicon import Lexicon
from flashpoint.types import Actor

PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "their": "p", "it": "n", "its": "n", "we": "p", "i": "s", "you": "s",
}
NER_KIND = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "country"}
MALE_TITLES = frozenset({"mr", "mr.", "king", "prince", "sir", "lord", "sheikh"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "queen", "princess", "lady", "dame"})
CHAIN = 3  # how many paragraphs back a pronoun or a speaker-less quote may look for its speaker
DETERMINERS = ("the ", "a ", "an ")


def key(actor: Actor) -> str:
    return actor.entity_id or (actor.name or actor.text).lower()


@dataclass
class Resolver:
    doc: Doc
    actors: Sequence[Actor]
    lexicon: Lexicon
    history: list[tuple[int, Actor]] = field(default_factory=list)  # (paragraph, speaker) in text order
    gender: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [a.start for a in self.actors]
        self.text = self.doc.text
        self.ents = list(self.doc.ents)

    # -- lookups -------------------------------------------------------------------------------
    def covering(self, start: int, end: int) -> Actor | None:
        """The actors-stage mention that covers [start, end) (the tightest one)."""
        i = bisect.bisect_right(self._starts, start)
        best = None
        for actor in self.actors[max(0, i - 8) : i]:
            if actor.start <= start and end <= actor.end:
                if best is None or actor.end - actor.start < best.end - best.start:
                    best = actor
        return best

    def _entity(self, token: Token):
        for ent in self.ents:
            if ent.start <= token.i < ent.end:
                return ent
            if ent.start > token.i:
                break
        return None

    def built(self, token: Token, start: int, end: int, *, via: str = "statement") -> Actor:
        """An actor from the words themselves (no code): name from the entity or the core noun phrase."""
        text = self.text
        entity = self._entity(token)
        if entity is not None:
            name, kind = entity.text, NER_KIND.get(entity.label_, "unknown")
        else:
            left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "flat", "det")]
            core_start = min([c.left_edge.idx for c in left] + [token.idx])
            name = text[core_start : token.idx + len(token)]
            kind = "person" if token.lemma_.lower() in self.lexicon.proxies else "unknown"
            if token.pos_ == "PRON":
                kind = "person" if PRONOUNS.get(token.lower_) in ("m", "f", "s") else "unknown"
        lowered = name.lower()
        for article in DETERMINERS:
            if lowered.startswith(article):
                name = name[len(article) :]
                break
        return Actor(text=text[start:end], start=start, end=end, name=name.strip(), kind=kind, via=via,
                     confidence=0.5)

    # -- resolution -----------------------------------------------------------------------------
    def noun(self, head: Token, span: tuple[int, int], *, antecedent: Token | None = None) -> Actor:
        start, end = span
        found = self.covering(head.idx, head.idx + len(head))
        if found is not None:
            return found
        if antecedent is not None:
            if antecedent.dep_ == "pobj" and antecedent.head.lower_ in ("in", "of", "from", "at") and (
                antecedent.head.head.pos_ in ("NOUN", "PROPN")
            ):
                antecedent = antecedent.head.head
            owner = self.noun(antecedent, (antecedent.idx, antecedent.idx + len(antecedent)))
            return dataclasses.replace(
                owner, text=self.text[start:end], start=start, end=end, via="relative"
            )
        lemma = head.lemma_.lower()
        if lemma in self.lexicon.media or lemma in self.lexicon.proxies:
            owner_token = _owner(head, media=lemma in self.lexicon.media)
            if owner_token is not None:
                owner = self.covering(owner_token.idx, owner_token.idx + len(owner_token)) or self.built(
                    owner_token, *_core(owner_token)
                )
                if lemma in self.lexicon.media:
                    return dataclasses.replace(owner, via="statement-by")
                return dataclasses.replace(
                    owner, text=self.text[start:end], start=start, end=end, kind="person",
                    entity_id=None, via="proxy",
                )
        actor = self.built(head, start, end)
        self._learn_gender(actor, head)
        return actor

    def _learn_gender(self, actor: Actor, head: Token) -> None:
        words = {t.lower_ for t in head.lefts} | {head.lower_}
        if words & MALE_TITLES:
            self.gender[key(actor)] = "m"
        elif words & FEMALE_TITLES:
            self.gender[key(actor)] = "f"

    def pronoun(self, head: Token, paragraph: int) -> Actor | None:
        start, end = head.idx, head.idx + len(head)
        found = self.covering(start, end)
        if found is not None and found.entity_id is not None:
            return found
        wanted = PRONOUNS.get(head.lower_, "s")
        recent = [actor for p, actor in reversed(self.history) if paragraph - p <= CHAIN]
        if recent and self._compatible(recent[0], wanted, strict=False):
            return self._bind(recent[0], wanted)
        for actor in recent[1:]:
            if self._compatible(actor, wanted, strict=True):
                return self._bind(actor, wanted)
        nearby = self._nearby(head, wanted)
        if nearby is not None:
            return self._bind(nearby, wanted)
        if recent:
            return recent[0]  # the current speaking party
        return found

    def _compatible(self, actor: Actor, wanted: str, *, strict: bool) -> bool:
        known = self.gender.get(key(actor))
        if wanted in ("m", "f"):
            if actor.kind not in ("person", "unknown"):
                return False
            if known in ("m", "f"):
                return known == wanted
            return not strict and actor.kind == "person" or (not strict and actor.kind == "unknown")
        if wanted == "n":
            return actor.kind in ("organisation", "country", "group", "unknown")
        if wanted == "p":
            return actor.kind in ("organisation", "country", "group", "unknown") or not strict
        return actor.kind in ("person", "unknown")

    def _bind(self, actor: Actor, wanted: str) -> Actor:
        if wanted in ("m", "f") and key(actor) not in self.gender:
            self.gender[key(actor)] = wanted
        return actor

    def _nearby(self, head: Token, wanted: str) -> Actor | None:
        """The latest named mention before the pronoun in its paragraph or the one before."""
        labels = {"m": ("PERSON",), "f": ("PERSON",), "n": ("ORG", "GPE", "NORP"), "p": ("ORG", "NORP", "GPE")}
        allowed = labels.get(wanted, ("PERSON",))
        limit = head.idx - 1500
        for ent in reversed([e for e in self.ents if e.end <= head.i]):
            if ent.start_char < limit:
                break
            if ent.label_ in allowed:
                actor = self.covering(ent.start_char, ent.end_char) or self.built(
                    ent.root, ent.start_char, ent.end_char
                )
                if wanted in ("m", "f") and self.gender.get(key(actor)) not in (None, wanted):
                    continue
                if wanted in ("m", "f") and self.gender.get(key(actor)) is None and wanted == "f":
                    continue
                return actor
        return None

    def remember(self, paragraph: int, actor: Actor | None) -> None:
        if actor is not None:
            self.history.append((paragraph, actor))

    def latest(self, paragraph: int) -> Actor | None:
        if self.history and paragraph - self.history[-1][0] <= 1:
            return self.history[-1][1]
        return None


def _core(token: Token) -> tuple[int, int]:
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "flat")]
    start = min([c.idx for c in left] + [token.idx])
    return start, token.idx + len(token)


def _owner(head: Token, *, media: bool) -> Token | None:
    """Whom a statement or a spokesman belongs to: 'issued by X', "X's", 'for X', 'the X statement'."""
    children = list(head.children)
    for child in children:
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    objects = [g for g in grand.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    for child in children:
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS:
            return child
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "from"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and (objects[0].ent_type_ or objects[0].pos_ == "PROPN" or media):
                return objects[0]
    if media:
        for child in children:
            if child.dep_ == "compound" and (child.ent_type_ or child.pos_ == "PROPN"):
                return child
    return None
