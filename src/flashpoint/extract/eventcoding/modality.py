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
CLAIM_VERBS = frozenset({"claim", "allege", "accuse", "insist", "assert", "believe", "suspect"})
REFUSE_VERBS = frozenset({"refuse", "decline"})
PRESSURE_VERBS = frozenset({"pressure", "press", "push", "lobby", "persuade", "encourage", "tell", "instruct",
                            "advise", "invite"})
PROMISE_VERBS = frozenset({"vow", "pledge", "promise", "offer", "agree", "commit", "undertake", "seek", "intend",
                           "willing", "ready", "prepared", "eager", "keen",
                           "hope", "want", "threaten"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
NOBODY = frozenset({"nobody", "none", "noone", "nothing", "neither"})
REFRAIN = frozenset({"refrain", "stop", "cease", "avoid", "fail"})
OBLIGING_MODALS = frozenset({"must", "should"})
DELIBERATE_VERBS = frozenset({"consider", "weigh", "mull", "contemplate", "study", "explore", "debate"})


@dataclass(frozen=True)
class Modality:
    value: str = "asserted"  # asserted denied threatened planned hypothetical claimed historical
    negated: bool = False
    future: bool = False
    intent_by: Token | None = None  # the intent/threat/appeal verb governing the trigger
    conditional: bool = False
    reported_by: Token | None = None  # the reporting verb whose content the trigger is
    would: bool = False  # reported or conditional future ("announced it would free")
    permitted_by: Token | None = None  # "allowed to provide": a permission, never an act
    refused: bool = False  # "will not lift", "refused to release": a refusal is itself the event
    obliged: bool = False  # "must mediate", "should release": what someone is to do (a demand when reported)
    failed: bool = False  # "failed to reach agreement"


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds a trigger (the governing verb for nouns)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _negated(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return True
        if token.pos_ in ("VERB", "AUX") and child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NOBODY:
            return True  # "nobody has claimed", "none were hurt"
        if token.pos_ in ("VERB", "AUX") and child.dep_ in ("nsubj", "nsubjpass") and \
                any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return True  # "no group has claimed responsibility"
    return False


def modality(trigger: Token, patterns: Patterns) -> Modality:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    negated = _negated(trigger) or (verb != trigger and _negated(verb) and trigger.dep_ in ("dobj", "nsubjpass"))
    future = False
    conditional = False
    intent_by: Token | None = None
    reported_by: Token | None = None
    permitted_by: Token | None = None
    would = False
    refused = False
    obliged = False
    failed = False
    node = verb
    came_from = verb
    sibling = False
    for _ in range(6):
        for child in node.children:
            lower = child.lower_
            if child.dep_ == "aux" and lower in FUTURE:
                future = True
            elif child.dep_ == "aux" and lower in CONDITIONAL_MODALS:
                obliged = obliged or (lower in OBLIGING_MODALS and reported_by is None)
                conditional = conditional or lower != "would" or node != verb
                future = True
                would = would or lower == "would"
            elif child.dep_ == "mark" and lower in CONDITIONAL_MARKS:
                conditional = True
            elif child.dep_ == "neg" and node != verb and node.lemma_.lower() in REFRAIN:
                pass
        lemma = node.lemma_.lower()
        if node != verb and not sibling:
            if lemma in REFRAIN:
                negated = not negated
                failed = failed or lemma == "fail"
            elif lemma in REFUSE_VERBS:
                negated, refused = True, True  # "refused to lift the ban"
            elif lemma in patterns.permission_verbs:
                permitted_by = permitted_by or node
            elif lemma in PRESSURE_VERBS and (came_from.dep_ != "ccomp" or lemma not in patterns.reporting):
                conditional = True  # "pressured by Congress to help Iran": asked for, not done (but "told AFP
                # gunmen kidnapped ...", a content clause, is a report)
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
        sibling = node.dep_ == "conj"  # "helped to plan and carry out": "plan" does not govern "carry out"
        came_from = node
        node = node.head
    if any(t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children)
           for t in verb.children) and not (negated and (future or intent_by is not None) and _only_unless(verb)):
        conditional = True  # (but "will not release them unless Israel frees ..." is a refusal, its price named)
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
    return Modality(value, negated, future, intent_by, conditional, reported_by, would, permitted_by,
                    (refused or (negated and (future or intent_by is not None))) and not conditional,
                    obliged and not negated, failed and negated)


def _only_unless(verb: Token) -> bool:
    """The clause's only condition is an ``unless`` / ``even if`` clause, and no modal but will/would."""
    clauses = [t for t in verb.children if t.dep_ == "advcl" and any(c.dep_ == "mark" for c in t.children)]
    marks = [{c.lower_ for c in t.children if c.dep_ in ("mark", "advmod")} for t in clauses]
    if not marks or any(not ({"unless"} <= m or {"even", "if"} <= m) for m in marks):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS - {"would"} for c in verb.children)


def recode(code: str, mod: Modality) -> tuple[str, str]:
    """CAMEO code and modality after applying the manual's conventions for unrealised events.

    Future or intended force is a threat (138, 130), planned when an intent verb ("considering",
    "ordered") carries it. Cooperation announced with an intent verb or a reported "would" is an
    expressed intent (03x), and so is a future the actor states ("said it will send"); a plain
    "will meet", "will supply" keeps its code (PETRARCH-2 and the GDELT coders code scheduled acts
    by their type), with modality ``planned``.
    """
    root = code[:2]
    if mod.value in ("planned", "threatened", "hypothetical") and not mod.negated:
        intent = mod.intent_by.lemma_.lower() if mod.intent_by is not None else None
        value = mod.value
        if value == "planned" and (intent is None or intent in THREAT_VERBS):
            value = "threatened"
        if root in ("18", "19", "20"):
            return "138", value
        if root in ("15", "16", "17"):
            return "130", value
        value = mod.value
        if intent in DELIBERATE_VERBS:
            return code, "hypothetical"  # "is considering sending aid": an option weighed, not yet an intent
        stated = mod.future and mod.reported_by is not None  # "Interpol said it will send a team"
        if (intent is not None and intent in PROMISE_VERBS) or mod.would or mod.conditional or stated:
            found = INTENT.get(code) or INTENT.get(code[:3]) or INTENT.get(root)
            if found is not None:
                return found, mod.value
        return code, mod.value
    return code, mod.value


INTENT = {
    "04": "036", "05": "032", "06": "031", "07": "033", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "08": "035", "0841": "0353", "084": "0353", "085": "0354", "087": "0356",
    "0871": "0356", "0874": "0356", "086": "0355", "081": "0351", "083": "034",
}

APPEAL = {"03": "022", "04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "0841": "0253",
          "085": "0254", "087": "0256", "0871": "0256"}


DEMAND = {"04": "108", "05": "102", "06": "101", "07": "103", "08": "104", "0841": "1053", "084": "1053",
          "085": "1054", "081": "1051", "0874": "106", "087": "1056", "0871": "107", "09": "101"}


REFUSE = {"03": "120", "04": "125", "046": "125", "045": "126", "05": "127", "057": "127", "06": "121",
          "07": "121", "08": "124", "081": "1241", "084": "1243", "0841": "1243", "085": "1244", "086": "1245",
          "087": "1246", "0871": "1246", "0874": "1246", "09": "120"}


def refusal_code(code: str) -> str:
    """CAMEO 12x for a cooperative act someone will not do ("will not lift the ban" -> 1241)."""
    return REFUSE.get(code) or REFUSE.get(code[:3]) or REFUSE.get(code[:2]) or "120"


def appeal_code(code: str) -> str:
    return APPEAL.get(code) or APPEAL.get(code[:3]) or APPEAL.get(code[:2]) or "020"


def demand_code(code: str) -> str:
    """The CAMEO demand (10x) for an act someone is required to do ("if the Taliban fail to hand over")."""
    return DEMAND.get(code) or DEMAND.get(code[:3]) or DEMAND.get(code[:2]) or "100"
