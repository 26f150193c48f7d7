"""The tense of the verb that governs a stretch of text: past, present, future or none."""

from __future__ import annotations

from spacy.tokens import Doc, Token

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_PERFECT_AUX = {"has", "have", "had", "'ve", "'s", "having"}
_FUTURE_CUES = {"next", "coming", "upcoming", "scheduled", "expected", "planned", "due"}


_REPORTING = {"say", "tell", "announce", "report", "state", "add", "note", "claim", "write", "confirm"}


def verb_tense(
    verb: Token, depth: int = 0, *, forward_verbs: frozenset[str] = frozenset(),
    schedule_verbs: frozenset[str] = frozenset(),
) -> str:
    if verb.lemma_.lower() in schedule_verbs and verb.tag_ in ("VBN", "VBZ", "VBP") and not _pluperfect(verb):
        return "future"
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    lowers = {aux.lower_ for aux in auxes}
    if lowers & _FUTURE_AUX:
        return "future"
    if "to" in lowers and verb.tag_ in ("VB", "VBN"):
        # an infinitive looks forward from its governor: "voted to ..." past, "plans to ..." future;
        # a verb of intent looks forward from the report too: "planned to leave Thursday"
        head = verb.head
        if head != verb and _pluperfect(head):
            return "past"  # "had been due to expire Friday": the time has gone by
        if head != verb and head.lemma_.lower() in forward_verbs:
            return "future"
        if depth < 3 and head != verb and head.pos_ in ("VERB", "AUX"):
            governing = verb_tense(head, depth + 1, forward_verbs=forward_verbs, schedule_verbs=schedule_verbs)
            return "past" if governing == "past" else "future"
        return "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if verb.tag_ == "VBN":
        if any(aux.tag_ in ("VBZ", "VBP", "VB") and aux.lemma_ == "be" for aux in auxes):
            return "present"  # "is expected", "are scheduled"
        return "past"
    if verb.tag_ == "VBG" and verb.head != verb and verb.head.lemma_ == "be" and verb.dep_ == "xcomp":
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        if any(token.lower_ in _FUTURE_CUES for token in verb.children):
            return "future"
        if verb.tag_ in ("VBZ", "VBP") and verb.pos_ == "VERB" and verb.lemma_ not in _REPORTING:
            return "present-action"  # "they meet Monday": a scheduled event
        return "present"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in _FUTURE_AUX else "present"
    return "none"


def _pluperfect(verb: Token) -> bool:
    """"had planned", "had been due": the head's time lies before the report."""
    nodes = [verb, verb.head] if verb.pos_ == "ADJ" and verb.head != verb else [verb]
    return any(
        child.dep_ == "aux" and child.lower_ in ("had", "'d") and child.tag_ == "VBD"
        for node in nodes for child in node.children
    )


def governing_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def _cued_forward(doc: Doc, start: int, cues: frozenset[str]) -> bool:
    if not cues:
        return False
    head = doc.text[max(0, start - 24):start].lower().split()
    return any(" ".join(head[-n:]) in cues for n in (1, 2, 3, 4) if len(head) >= n)


def tense_at(
    doc: Doc, start: int, end: int, *, forward_verbs: frozenset[str] = frozenset(),
    schedule_verbs: frozenset[str] = frozenset(), forward_cues: frozenset[str] = frozenset(),
) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    if not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
        return "none"
    if _cued_forward(doc, start, forward_cues):
        return "future"
    root = span.root
    if root.dep_ in ("poss", "compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN") \
            and not start <= root.head.idx < end:
        return "none"  # "a June agreement", "Wednesday's ruling": the clause's tense is not the noun's
    verb = governing_verb(root)
    if verb is None:
        return "none"
    if verb.lemma_.lower() in schedule_verbs and doc.text[max(0, start - 7):start].lower().split()[-1:] in (
            ["until"], ["till"]):
        return "future"  # "postponed until Tuesday"
    return verb_tense(verb, forward_verbs=forward_verbs, schedule_verbs=schedule_verbs)
