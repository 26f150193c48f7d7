"""Modality: did the event happen, or was it denied, threatened, planned, conditional or claimed?

Read from the clause around the trigger: negation, future and modal auxiliaries, intent and threat
verbs governing the trigger, ``if``/``unless`` clauses, and reporting verbs of claiming. A threat or
a denial is never stored as an act that happened: the coder recodes such material events as
THREATEN (see ``recode``) or keeps them with modality ``denied``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.extract.eventcoding.kb import Patterns

FUTURE = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
THREAT_VERBS = frozenset({"threaten", "warn", "vow"})
CLAIM_VERBS = frozenset({"claim", "allege", "accuse", "insist", "assert"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
REFRAIN = frozenset({"refrain", "stop", "cease", "avoid", "fail"})


@dataclass(frozen=True)
class Modality:
    value: str = "asserted"  # asserted denied threatened planned hypothetical claimed historical
    negated: bool = False
    future: bool = False
    intent_by: Token | None = None  # the intent/threat/appeal verb governing the trigger
    conditional: bool = False
    reported_by: Token | None = None  # the reporting verb whose content the trigger is


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds a trigger (the governing verb for nouns)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _negated(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return True
    return False


def modality(trigger: Token, patterns: Patterns) -> Modality:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    negated = _negated(trigger) or (verb != trigger and _negated(verb) and trigger.dep_ in ("dobj", "nsubjpass"))
    future = False
    conditional = False
    intent_by: Token | None = None
    reported_by: Token | None = None
    node = verb
    for _ in range(6):
        for child in node.children:
            lower = child.lower_
            if child.dep_ == "aux" and lower in FUTURE:
                future = True
            elif child.dep_ == "aux" and lower in CONDITIONAL_MODALS:
                conditional = conditional or lower != "would" or node != verb
                future = True
            elif child.dep_ == "mark" and lower in CONDITIONAL_MARKS:
                conditional = True
            elif child.dep_ == "neg" and node != verb and node.lemma_.lower() in REFRAIN:
                pass
        lemma = node.lemma_.lower()
        if node != verb:
            if lemma in REFRAIN:
                negated = not negated
            elif lemma in patterns.intent_verbs or lemma in patterns.appeal_verbs or lemma in THREAT_VERBS:
                intent_by = intent_by or node
                if _negated(node):
                    negated = True
            elif lemma in patterns.reporting or lemma in CLAIM_VERBS:
                reported_by = reported_by or node
                break
        if node.dep_ in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            conditional = True
        if node.dep_ in ("ROOT",) or node.head == node:
            break
        if node.dep_ in ("relcl", "acl") and node == verb:
            break
        node = node.head
    if any(t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children)
           for t in verb.children):
        conditional = True
    if negated and not (future or intent_by):
        value = "denied"
    elif conditional:
        value = "hypothetical"
    elif intent_by is not None and intent_by.lemma_.lower() in THREAT_VERBS:
        value = "threatened"
    elif intent_by is not None or future:
        value = "planned"
    elif reported_by is not None and reported_by.lemma_.lower() in CLAIM_VERBS:
        value = "claimed"
    else:
        value = "asserted"
    return Modality(value, negated, future, intent_by, conditional, reported_by)


def recode(code: str, mod: Modality) -> tuple[str, str]:
    """CAMEO code and modality after applying the manual's conventions for unrealised events.

    Future/intended force is a threat (138, 130); future cooperation is an expressed intent (03x).
    """
    root = code[:2]
    if mod.value in ("planned", "threatened", "hypothetical") and not mod.negated:
        if root in ("18", "19", "20"):
            return "138", mod.value if mod.value != "planned" else "threatened"
        if root in ("15", "16", "17"):
            return "130", mod.value if mod.value != "planned" else "threatened"
        intent = INTENT.get(code) or INTENT.get(code[:3]) or INTENT.get(root)
        if intent is not None:
            return intent, mod.value
    return code, mod.value


INTENT = {
    "04": "036", "05": "032", "06": "031", "07": "033", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "08": "035", "0841": "0353", "084": "0353", "085": "0354", "087": "0356",
    "0871": "0356", "0874": "0356", "086": "0355", "081": "0351", "083": "034",
}

APPEAL = {"03": "022", "04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "0841": "0253",
          "085": "0254", "087": "0256", "0871": "0256"}


def appeal_code(code: str) -> str:
    return APPEAL.get(code) or APPEAL.get(code[:3]) or APPEAL.get(code[:2]) or "020"
