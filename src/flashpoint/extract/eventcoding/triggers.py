"""Trigger detection: which words of a sentence announce an event, and with which pattern.

A verb or noun becomes a trigger when a pattern of ``kb/events/triggers.yaml`` fits it (lemma,
plus the object, preposition and particle constraints). Reporting verbs are never triggers unless
a constrained pattern fits ("claimed responsibility"). A noun taken as the object of a verb trigger
is absorbed by that verb ("took them hostage" is one event, not two).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from flashpoint.extract.eventcoding.kb import Pattern, Patterns

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass"})
RELATIVE = frozenset({"that", "which", "whom", "who"})
ANY_OBJECT = "*"  # a pattern object list that asks only for some direct object


@dataclass(frozen=True)
class Trigger:
    token: Token
    pattern: Pattern
    nominal: bool

    @property
    def span(self) -> tuple[int, int]:
        token = self.token
        end = token.idx + len(token.text)
        for child in token.children:
            if child.dep_ == "prt" and child.i == token.i + 1:
                end = child.idx + len(child.text)
        return token.idx, end


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def objects_of(token: Token) -> list[Token]:
    """Direct objects of a verb (with their conjuncts and compounds), or the modifiers of a noun."""
    if token.pos_ in NOUN_POS:
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "dative"):
            if child.lower_ in RELATIVE and token.dep_ == "relcl":
                child = token.head  # "the agreement that the Taliban signed": the object is the antecedent
            found.append(child)
            found.extend(c for c in child.children if c.dep_ in ("compound", "conj"))
    return found


def _fits(token: Token, pattern: Pattern) -> bool:
    if pattern.objects:
        found = objects_of(token)
        if (token.pos_ in NOUN_POS and "of" in pattern.preps) or (token.pos_ not in NOUN_POS and "on" in pattern.preps):
            # "a suspension of aid", "went on strike", "remained on alert": the object of the preposition
            found += [g for c in token.children if c.dep_ == "prep" and c.lower_ in pattern.preps
                      for g in c.children if g.dep_ == "pobj"]
        words = {_lemma(t) for t in found} | {t.lower_ for t in found}
        if ANY_OBJECT in pattern.objects:
            if not any(t.dep_ == "dobj" and t.pos_ in NOUN_POS | {"NUM"} for t in found):
                return False  # "returned 12 paintings to Peru", never "returned to Kabul" or "returned it"
        elif not words & pattern.objects:
            return False
    if pattern.preps and not any(
        c.dep_ in ("prep", "agent") and _lemma(c) in pattern.preps
        for c in (*token.children, *(g for o in objects_of(token) for g in o.children))
    ):
        return False
    return not pattern.particle or any(c.dep_ == "prt" and _lemma(c) == pattern.particle for c in token.children)


def pattern_for(token: Token, patterns: Patterns) -> Pattern | None:
    if token.pos_ in VERB_POS or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
        pos = "verb"
    elif token.pos_ in NOUN_POS:
        pos = "noun"
    else:
        return None
    for pattern in patterns.candidates(pos, _lemma(token)):
        if _fits(token, pattern):
            if pos == "verb" and _lemma(token) in patterns.reporting and not pattern.objects:
                continue
            return pattern
    if pos == "noun" and token.lower_ != _lemma(token):
        for pattern in patterns.candidates(pos, token.lower_):
            if _fits(token, pattern):
                return pattern
    return None


def triggers(sent: Span, patterns: Patterns) -> Iterator[Trigger]:
    found: dict[int, Trigger] = {}
    for token in sent:
        pattern = pattern_for(token, patterns)
        if pattern is not None:
            found[token.i] = Trigger(token, pattern, nominal=pattern.pos == "noun")
    for index, trigger in sorted(found.items()):
        token = trigger.token
        if trigger.nominal:
            head = token.head
            if token.dep_ in ("compound", "amod") and head.i in found:
                continue  # "arrest warrant", "air strike": the head noun carries the event
            if token.dep_ in OBJECT_DEPS or (token.dep_ == "compound" and head.dep_ in OBJECT_DEPS):
                governor = head if token.dep_ in OBJECT_DEPS else head.head
                governing = found.get(governor.i)
                if governing is not None and not governing.nominal and (
                    governing.pattern.objects or _lemma(governor) not in patterns.light_verbs
                ):
                    continue  # absorbed by the verb that takes it as object
        yield trigger
