"""Code the events of one sentence: triggers -> arguments -> modality -> code -> counts.

Reporting verbs are not events; a material event reported by a party other than its perpetrator
also yields that party's ACCUSE (CAMEO 112), and the event itself is kept as ``claimed``.
Appeals ("urged X to free") yield a REQUEST-type appeal code and keep the asked-for act as
hypothetical; threats and plans of force become THREATEN (138/130), see ``modality.recode``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from flashpoint.extract.eventcoding import actormap, arguments, counts, modality
from flashpoint.extract.eventcoding.kb import Patterns
from flashpoint.extract.eventcoding.triggers import Trigger, triggers
from flashpoint.types import Actor, Count

CONTROL_VERBS = frozenset({"order", "force", "allow", "help", "tell", "persuade", "permit", "encourage",
                           "invite", "instruct", "direct", "compel", "pressure", "push"})
MEDIA_WORDS = frozenset({"media", "report", "reports", "correspondent", "newspaper", "agency", "television",
                         "radio", "channel", "news", "reporter", "journalist", "medics", "witnesses", "sources"})
AGGREGATORS = frozenset({"series", "string", "wave", "spate", "number", "dozens", "hundreds", "scores"})
MAX_TOKENS = 150


@dataclass
class Draft:
    """An event before dating, placing and serialising."""

    code: str
    modality: str
    trigger: Token
    trigger_span: tuple[int, int]
    source: list[tuple[Actor, tuple[int, int]]] = field(default_factory=list)
    target: list[tuple[Actor, tuple[int, int]]] = field(default_factory=list)
    counts: dict[str, Count] = field(default_factory=dict)
    aggregate: bool = False
    claimed_by: list[Actor] = field(default_factory=list)
    nominal: bool = False
    anaphoric: bool = False
    mode: str | None = None
    statement_id: str | None = None


def skip_reason(sent: Span) -> str | None:
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if len(sent) > MAX_TOKENS:
        return f"sentence of {len(sent)} tokens is longer than {MAX_TOKENS}: skipped"
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX", "NOUN") for t in words):
        return "fragment without a clause: skipped"
    return None


def _resolve(heads: Sequence[Token], actors: Sequence[Actor], patterns: Patterns) -> list[tuple[Actor, tuple[int, int]]]:
    out: list[tuple[Actor, tuple[int, int]]] = []
    seen: set[str] = set()
    for head in heads:
        start, end = arguments.phrase_span(head)
        actor = actormap.resolve(head, start, end, actors, patterns)
        if actor is None:
            continue
        key = actor.entity_id or f"{actor.code}:{actor.start}"
        if key not in seen:
            seen.add(key)
            out.append((actor, (start, end)))
    return out


def _subject_heads(verb: Token) -> list[Token]:
    heads, _ = arguments.subject_of(verb)
    return heads


def _controlled(xcomp: Token) -> list[Token]:
    head = xcomp.head
    return [t for c in head.children if c.dep_ in ("dobj",) for t in arguments.expand(c)]


def code_sentence(sent: Span, actors: Sequence[Actor], patterns: Patterns) -> list[Draft]:
    found = list(triggers(sent, patterns))
    by_token = {t.token.i: t for t in found}
    drafts: list[Draft] = []
    pending_counts: list[tuple[Token, str, Count]] = []
    for trig in found:
        token, pattern = trig.token, trig.pattern
        lemma = token.lemma_.lower()
        has_comp_trigger = any(c.dep_ in ("xcomp", "ccomp") and c.i in by_token for c in token.children)
        if not trig.nominal and has_comp_trigger and (lemma in patterns.appeal_verbs or lemma in modality.THREAT_VERBS):
            continue  # the complement carries the event (appeal or threat)
        args = arguments.arguments(trig, patterns)
        if not trig.nominal and token.dep_ == "xcomp" and token.head.lemma_.lower() not in CONTROL_VERBS | patterns.appeal_verbs:
            if args.source and args.source[0].dep_ == "dobj" and args.source[0].head == token.head:
                args.source = _subject_heads(token.head)
        mod = modality.modality(token, patterns)
        code, value = pattern.code, mod.value
        if mod.negated and pattern.negated:
            code, value = pattern.negated, "asserted"
        else:
            code, value = modality.recode(code, mod)
        count = None
        if pattern.count:
            for head in args.target or []:
                count = counts.count_of(head, "recipient")
                if count is not None:
                    break
        if (pattern.count and not trig.nominal and token.tag_ == "VBG" and token.dep_ in ("advcl", "acl", "xcomp")
                and not any(c.dep_ in arguments.SUBJ for c in token.children)):
            if count is not None:
                pending_counts.append((token.head, pattern.count, count))
            continue  # "..., killing dozens of people": a consequence of the head event
        source = _resolve(args.source, actors, patterns)
        target = _resolve(args.target, actors, patterns)
        draft = Draft(code=code, modality=value, trigger=token, trigger_span=trig.span, source=source,
                      target=target, nominal=trig.nominal, mode=pattern.mode)
        if count is not None and pattern.count:
            draft.counts[pattern.count] = count
        if trig.nominal:
            own = counts.count_of(token, "total")
            governor = token.head if token.dep_ == "pobj" else None
            if (token.tag_ in ("NNS", "NNPS") and own is not None) or (
                governor is not None and governor.head.lemma_.lower() in AGGREGATORS):
                draft.aggregate = True
            if not source and not target and not draft.counts:
                definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
                if lemma in patterns.anaphors and definite:
                    draft.anaphoric = True
                elif not draft.aggregate:
                    continue
        elif not source and not target:
            continue  # nobody did anything to anybody we can name: no fallback event
        if mod.intent_by is not None and mod.intent_by.lemma_.lower() in patterns.appeal_verbs and not mod.negated:
            controlled = _controlled(token) if token.dep_ == "xcomp" else []
            if controlled or (token.dep_ == "ccomp" and args.source):
                appeal = Draft(code=modality.appeal_code(pattern.code), modality="asserted", trigger=mod.intent_by,
                               trigger_span=(mod.intent_by.idx, mod.intent_by.idx + len(mod.intent_by.text)),
                               source=_resolve(_subject_heads(mod.intent_by), actors, patterns),
                               target=_resolve(controlled, actors, patterns) or source)
                drafts.append(appeal)
                draft.modality = "hypothetical"
                draft.code = pattern.code
        drafts.append(draft)
        accuse = _reported_accusation(draft, mod, actors, patterns)
        if accuse is not None:
            drafts.append(accuse)
    for governor, kind, count in pending_counts:
        for draft in drafts:
            if draft.code[:2] in ("18", "19", "20") and (draft.trigger == governor or draft.trigger.head == governor):
                draft.counts.setdefault(kind, count)
                break
    return drafts


def _reported_accusation(draft: Draft, mod: modality.Modality, actors: Sequence[Actor],
                         patterns: Patterns) -> Draft | None:
    """``X said Y attacked Z``: X accuses Y (PETRARCH-2's convention) unless X is a news source or Y."""
    verb = mod.reported_by
    if verb is None or draft.code[:2] not in ("15", "16", "17", "18", "19", "20") or draft.modality != mod.value:
        return None
    if mod.value not in ("asserted", "claimed") or not draft.source:
        return None
    speakers_heads = _subject_heads(verb)
    if not speakers_heads or any(h.lemma_.lower() in MEDIA_WORDS or h.lower_ in MEDIA_WORDS for h in speakers_heads):
        return None
    speakers = _resolve(speakers_heads, actors, patterns)
    if not speakers or any(a.sector in ("MED", "JRN") for a, _ in speakers):
        return None
    speaker_countries = {a.country for a, _ in speakers}
    if draft.source and {a.country for a, _ in draft.source} <= speaker_countries:
        if verb.lemma_.lower() == "claim":
            return Draft(code="015", modality="asserted", trigger=verb,
                         trigger_span=(verb.idx, verb.idx + len(verb.text)), source=speakers, target=draft.target)
        return None
    draft.modality = "claimed"
    draft.claimed_by = [a for a, _ in speakers]
    return Draft(code="112", modality="asserted", trigger=verb, trigger_span=(verb.idx, verb.idx + len(verb.text)),
                 source=speakers, target=draft.source)
