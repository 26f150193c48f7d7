"""Code the events of one sentence: triggers -> arguments -> modality -> code -> counts.

Reporting verbs are not events; a material event reported by a party other than its perpetrator
also yields that party's ACCUSE (CAMEO 112), and the event itself is kept as ``claimed``.
Appeals ("urged X to free") yield a REQUEST-type appeal code and keep the asked-for act as
hypothetical; threats and plans of force become THREATEN (138/130), see ``modality.recode``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from flashpoint import nlp
from flashpoint.extract.eventcoding import actormap, arguments, counts, modality
from flashpoint.extract.eventcoding import kb as kb_module
from flashpoint.extract.eventcoding.kb import Patterns
from flashpoint.extract.eventcoding.triggers import triggers
from flashpoint.types import Actor, Count, Place

MEDIA_WORDS = frozenset({"media", "report", "reports", "correspondent", "newspaper", "agency", "television",
                         "radio", "channel", "news", "reporter", "journalist", "medics", "witnesses", "sources"})
AGGREGATORS = frozenset({"series", "string", "wave", "spate", "number", "dozens", "hundreds", "scores"})
PERIOD = re.compile(r"\b(?:this|last|past) (?:year|month|week)s?\b|\bsince\b|\bso far\b|\bin \d{4}\b|"
                    r"\bover the (?:past|last)\b|\bthroughout\b", re.I)
CAMPAIGN_NOUNS = frozenset({"war", "conflict", "fighting", "violence", "insurgency", "campaign", "offensive",
                            "crackdown", "bombardment", "hostilities", "civil war", "attacks", "clashes", "strikes"})
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
    number: Count | None = None  # how many events an aggregate sums
    respond: bool = False  # recipient to be found among the earlier claims of the article


def skip_reason(sent: Span) -> str | None:
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if len(sent) > MAX_TOKENS:
        return f"sentence of {len(sent)} tokens is longer than {MAX_TOKENS}: skipped"
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX", "NOUN") for t in words):
        return "fragment without a clause: skipped"
    return None


def _resolve(heads: Sequence[Token], actors: Sequence[Actor], patterns: Patterns, *,
             source: bool = False, day: dt.date | None = None,
             places: Sequence[Place] = ()) -> list[tuple[Actor, tuple[int, int]]]:
    out: list[tuple[Actor, tuple[int, int]]] = []
    seen: set[str] = set()
    for head in heads:
        head = arguments.quantified(head)
        if source and head.lemma_.lower() in patterns.place_nouns:
            continue  # "using Afghan soil": ground does not act
        start, end = arguments.phrase_span(head)
        found = _pair(head, actors, patterns) or actormap.resolve_all(head, start, end, actors, patterns, day, places,
                                                                      strict=source)
        for actor in found:
            keys = {actor.entity_id or f"{actor.code}:{actor.start}"}
            if actor.code:
                keys.add(f"code:{actor.code}")  # "the Somali militant group al-Shabab": one actor, one code
            if not keys & seen:
                seen |= keys
                out.append((actor, (start, end)))
    return out


PAIR_NOUNS = frozenset({"leader", "side", "country", "government", "nation", "minister", "president", "party",
                        "neighbour", "neighbor", "state", "capital", "delegation", "army", "force", "official",
                        "faction", "belligerent"})
UNSECTORED_PAIR_NOUNS = frozenset({"country", "nation", "state", "side", "neighbour", "neighbor", "capital", "party",
                                   "faction", "belligerent"})
STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
PARTY_SECTORS = STATE | {"REB", "INS", "OPP", "PTY", "UAF", "TER", "SEP", "CRM"}


def _pair_words(token: Token) -> bool:
    words = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet", "quantmod", "amod")}
    return bool(words & {"two", "both", "warring", "rival", "opposing"})


def _pair(head: Token, actors: Sequence[Actor], patterns: Patterns) -> list[Actor]:
    """"the two leaders", "both sides", "the warring parties", "the foreign ministers of the two countries":
    the two sides the text has named most before the phrase (its main pair: two countries, or a government
    and its armed opponents), with the head noun's sector when it names one (leaders, ministers)."""
    noun = head
    if not _pair_words(head):
        inner = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj" and _pair_words(g)]
        if not inner:
            return []
        noun = inner[0]
    if noun.lemma_.lower() not in PAIR_NOUNS or head.lemma_.lower() not in PAIR_NOUNS:
        return []
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    models: dict[str, Actor] = {}
    for actor in actors:
        if actor.end <= head.idx and actor.country and actor.code and (actor.sector or "GOV") in PARTY_SECTORS:
            counts[actor.code] = counts.get(actor.code, 0) + 1
            last[actor.code] = actor.start
            models.setdefault(actor.code, actor)
    sides: dict[str, str] = {}  # side (country, state or not) -> its most named code
    weight: dict[str, int] = {}  # side -> how often any of its codes was named
    for code in sorted(counts, key=lambda c: (counts[c], last[c]), reverse=True):
        model = models[code]
        side = model.country + ("+" if (model.sector or "GOV") in STATE else "-")
        sides.setdefault(side, code)
        weight[side] = weight.get(side, 0) + counts[code]
    # the two sides named most: Congo's state and Rwanda's (not Rwanda's state and a Rwandan militia named
    # once); Sudan's army and the RSF in a civil war
    ranked = [sides[side] for side in sorted(sides, key=lambda d: (weight[d], last[sides[d]]), reverse=True)[:2]]
    if len(ranked) < 2:
        return []
    ranked.sort(key=lambda c: last[c])
    sector = None if head.lemma_.lower() in UNSECTORED_PAIR_NOUNS else patterns.agents.get(head.lemma_.lower())
    start, end = arguments.phrase_span(head)
    out = []
    for code in ranked:
        model = models[code]
        state = (model.sector or "GOV") in STATE
        if sector and state:
            code = model.country + sector
        out.append(Actor(text=nlp.doc_text(head.doc)[start:end], start=start, end=end, code=code, country=model.country,
                         sector=sector if sector and state else model.sector, kind="group", via="pair",
                         confidence=0.5))
    return out


def _subject_heads(verb: Token) -> list[Token]:
    heads, _ = arguments.subject_of(verb)
    return heads


def _controlled(xcomp: Token) -> list[Token]:
    head = xcomp.head
    found = [t for c in head.children if c.dep_ in ("dobj",) for t in arguments.expand(c)]
    if not found:  # "called on Russia to condemn", "appealed to the UN to act"
        found = [t for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
                 for g in c.children if g.dep_ == "pobj" for t in arguments.expand(g)]
    return found


def _demanded(token: Token, patterns: Patterns) -> bool:
    """Inside the thing demanded ("calling for ... the release of its members who were arrested")."""
    through_noun = token.pos_ in ("NOUN", "PROPN")
    node = token
    for _ in range(8):
        if node.head == node:
            return False
        node = node.head
        lemma = node.lemma_.lower()
        if node.pos_ in ("NOUN", "PROPN"):
            if lemma in ("demand", "call", "appeal"):
                return True
            through_noun = True
        elif node.pos_ in ("VERB", "AUX"):
            if through_noun and lemma in patterns.appeal_verbs:
                return True
            if lemma in patterns.reporting:
                return False
    return False


def _generic(token: Token) -> bool:
    """Background, not news: "terrorists who defy its orders" (a present-tense relative clause on a bare
    plural describes a class), "the group that has seized parts of Iraq" (a perfect relative clause)."""
    if token.dep_ != "relcl":
        return False
    head = token.head
    if token.tag_ in ("VBP", "VBZ"):
        return True
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in token.children) \
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) and head.pos_ in ("NOUN", "PROPN")


def _in_purpose_clause(noun: Token, patterns: Patterns) -> bool:
    """"signed ... to facilitate the withdrawal": an aim, not an event (unless a light or intent verb carries it)."""
    governor = noun.head
    if noun.dep_ != "dobj" or governor.pos_ != "VERB" or governor.dep_ not in ("advcl", "xcomp", "acl"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in governor.children):
        return False
    lemma = governor.lemma_.lower()
    if lemma in patterns.intent_verbs:
        return False
    if lemma in patterns.light_verbs:
        # "used drones to launch an attack" reports one; "are using its soil to launch attacks" (a present
        # means-to-end) describes a practice, which the clause's own stance (an accusation) carries
        outer = governor.head
        present = outer.tag_ in ("VBP", "VBZ") or (
            outer.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in outer.children))
        return governor.dep_ in ("advcl", "xcomp") and outer.pos_ == "VERB" and present and \
            outer.lemma_.lower() not in patterns.intent_verbs
    return True


def _consequence(token: Token) -> Token | None:
    """"opened fire, killing two soldiers and wounding four": the -ing clause (or its conjunct) that tells
    what the head event did; returns the -ing clause itself."""
    if token.tag_ != "VBG" or any(c.dep_ in arguments.SUBJ for c in token.children):
        return None
    if token.dep_ in ("advcl", "acl", "xcomp"):
        return token
    if token.dep_ == "conj" and token.head.tag_ == "VBG" and token.head.dep_ in ("advcl", "acl", "xcomp") \
            and not any(c.dep_ in arguments.SUBJ for c in token.head.children):
        return token.head
    return None


TOPIC_HEADS = frozenset({"talk", "talks", "negotiation", "negotiations", "deal", "plan", "proposal", "call",
                         "demand", "bid", "effort", "hope", "prospect", "push", "discussion", "resolution", "vote",
                         "debate", "framework", "roadmap", "draft", "terms", "framework", "pressure"})


def _topic(noun: Token) -> bool:
    """"talks on a ceasefire", "a proposal for a truce", "calls for a ceasefire": what is discussed, not done
    (also its coordinated nouns: "talks on a ceasefire and the release of hostages")."""
    node = noun
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in ("on", "about", "over", "for", "toward", "towards") and \
        node.head.head.lemma_.lower() in TOPIC_HEADS


def _future_subject(noun: Token) -> bool:
    """"their attacks will be dealt with": a nominal subject of a future or modal clause is not an act."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if noun.lemma_.lower() not in kb_module.patterns().anaphors:
        return False  # "Premier Li's visit will push forward cooperation" is still a visit
    return any(c.dep_ == "aux" and c.lower_ in modality.FUTURE | modality.CONDITIONAL_MODALS for c in noun.head.children)


def _symmetric(code: str, source: list[tuple[Actor, tuple[int, int]]]) -> bool:
    """"the two leaders signed agreements", "the US and Russia met": each does it with the others."""
    return (code[:2] in ("03", "04", "06") or code == "057") and len(source) >= 2


def code_sentence(sent: Span, actors: Sequence[Actor], patterns: Patterns,
                  day: dt.date | None = None, places: Sequence[Place] = ()) -> list[Draft]:
    """The events of one sentence; ``day`` (the document date) picks actors' roles for phrases coded here."""
    found = list(triggers(sent, patterns))
    by_token = {t.token.i: t for t in found}
    drafts: list[Draft] = []
    moods: list[tuple[Draft, modality.Modality]] = []
    obligations: list[tuple[Draft, modality.Modality, str]] = []
    pending_counts: list[tuple[Token, str, Count]] = []
    carriers = patterns.appeal_verbs | modality.THREAT_VERBS | patterns.intent_verbs
    for trig in found:
        token, pattern = trig.token, trig.pattern
        lemma = token.lemma_.lower()
        has_comp_trigger = any(c.dep_ in ("xcomp", "ccomp") and (c.i in by_token or (
            c.lemma_.lower() in patterns.light_verbs and any(g.dep_ == "dobj" and g.i in by_token for g in c.children)))
            for c in token.children)  # "vowed to continue the operation": the operation carries it
        if not trig.nominal and has_comp_trigger and lemma in carriers:
            continue  # the complement carries the event (appeal, threat, pledge)
        if _demanded(token, patterns) or _generic(token):
            continue
        if trig.nominal and (_in_purpose_clause(token, patterns) or _future_subject(token) or _topic(token)):
            continue
        if trig.nominal and token.dep_ == "compound" and token.head.i not in by_token:
            continue  # "a genocide case", "an attack plan": the noun names what the thing is about
        if not trig.nominal and any(c.dep_ == "dobj" and c.lemma_.lower() in patterns.media_objects
                                    for c in token.children):
            continue  # "released a video", "launched a report": a publication, not a deed
        if not trig.nominal and pattern.code[:2] in ("18", "19", "20") and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in patterns.figurative_objects
                for c in token.children):
            continue  # "to fight the Ebola epidemic", "battling poverty": force only in a figure of speech
        if not trig.nominal and lemma in patterns.appeal_verbs and (
                any(c.dep_ == "oprd" for c in token.children) or
                any(c.dep_ == "dobj" and c.lower_ in ("what", "which") for c in token.children)):
            continue  # "what he called credible sources": calling something a name is no appeal
        if not trig.nominal and token.dep_ == "acl" and token.head.i in by_token and \
                by_token[token.head.i].pattern.code[:2] == pattern.code[:2]:
            # "an attack targeting non-Muslims", "air strikes killed 35": the noun's event, described again;
            # its victims and their count belong to the noun's event
            described = next((d for d in drafts if d.trigger == token.head), None)
            if described is not None and not described.target:
                described_args = arguments.arguments(trig, patterns)
                heads = [h for h in described_args.target if h != token.head]
                described.target = _resolve(heads, actors, patterns, day=day, places=places)
                for head in heads:
                    found_count = counts.count_of(head, "recipient") if pattern.count else None
                    if found_count is not None:
                        described.counts.setdefault(pattern.count, found_count)
                        break
            continue
        args = arguments.arguments(trig, patterns)
        if any(h.lower_ in modality.NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in h.children)
               for h in args.source):
            continue  # "no group has claimed responsibility": nobody did it
        mod = modality.modality(token, patterns)
        if mod.permitted_by is not None:
            continue  # "no country will be allowed to provide sanctuaries": a permission, not an act
        code, value = pattern.code, mod.value
        promised = mod.intent_by is not None and mod.intent_by.lemma_.lower() in modality.PROMISE_VERBS
        if mod.negated and pattern.negated:
            code, value = pattern.negated, "asserted"
        elif mod.negated and promised and pattern.code[:2] not in ("18", "19", "20"):
            code, value = "030", "planned"  # "committed not to allow": a promise, not the act
        elif mod.refused and "03" <= pattern.code[:2] <= "09":
            code, value = modality.refusal_code(pattern.code), "asserted"  # "will not lift the ban"
        elif mod.failed and "03" <= pattern.code[:2] <= "05" and not mod.conditional:
            code, value = modality.refusal_code(pattern.code), "asserted"  # "failed to reach agreement"
        else:
            code, value = modality.recode(code, mod)
        count = None
        if pattern.count:
            for head in args.target or []:
                count = counts.count_of(head, "recipient")
                if count is not None:
                    break
        violent = ("18", "19", "20")
        same_act = token.head.i in by_token and by_token[token.head.i].pattern.code[:2] in violent \
            and pattern.code[:2] in violent
        consequence = _consequence(token)
        if consequence is not None and not trig.nominal and consequence.head.i in by_token and \
                by_token[consequence.head.i].pattern.code[:2] in violent and pattern.code[:2] not in violent:
            continue  # "..., leaving hundreds of thousands without power": what the attack did, not a withdrawal
        if (pattern.count or same_act) and not trig.nominal and consequence is not None:
            if count is not None:
                pending_counts.append((consequence.head, pattern.count, count))
            continue  # "..., killing dozens of people": a consequence of the head event
        source = _resolve(args.source, actors, patterns, source=True, day=day, places=places)
        target = _resolve(args.target, actors, patterns, day=day, places=places)
        if not target:
            target = [t for t in _resolve(arguments.fallback_targets(trig, patterns), actors, patterns, day=day, places=places)
                      if all(t[0].code != s[0].code or not t[0].code for s in source)]
        own = {a.entity_id for a, _ in source if a.entity_id} | {span for _, span in source}
        target = [(a, span) for a, span in target if a.entity_id not in own and span not in own]  # not oneself
        if _symmetric(pattern.code, source) and not target:
            target = list(source)  # "the US, Russia and Switzerland met": each meets the others
        draft = Draft(code=code, modality=value, trigger=token, trigger_span=trig.span, source=source,
                      target=target, nominal=trig.nominal, mode=pattern.mode)
        if count is not None and pattern.count:
            draft.counts[pattern.count] = count
            subject = [c for c in token.children if c.dep_ == "nsubj"]
            if not trig.nominal and subject and subject[0].lemma_.lower() in CAMPAIGN_NOUNS and \
                    (count.best is None or count.best >= 100):
                draft.aggregate = True  # "the war has killed tens of thousands": a toll, not one attack
        if trig.nominal:
            own = counts.count_of(token, "total")
            governor = token.head if token.dep_ == "pobj" else None
            if (token.tag_ in ("NNS", "NNPS") and own is not None) or (
                governor is not None and governor.head.lemma_.lower() in AGGREGATORS):
                draft.aggregate = True
                draft.number = own
            if not source and draft.counts and token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "NOUN") \
                    and token.head.head.dep_ in ("acl", "relcl", "pobj", "dobj"):
                continue  # "men sought in the slaying of two missionaries": background to another event
            if not source and not draft.counts and not draft.aggregate:
                definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
                if lemma in patterns.anaphors and definite and not target:
                    draft.anaphoric = True
                else:
                    continue  # a nominal with nobody acting is a topic, not an event
        elif not source and not target:
            continue  # nobody did anything to anybody we can name: no fallback event
        material = code[:2] in ("15", "16", "17", "18", "19", "20") and code not in ("130", "138")
        freed = code == "0841" and args.passive and bool(target) and value == "asserted"
        if not material and not source and not draft.anaphoric and not freed:
            continue  # statements, appeals, cooperation: someone must do them
        if code != pattern.code and code[:2] == "13" and not source:
            continue  # a threat needs a threatener
        if (not trig.nominal and not source and token.dep_ in ("relcl", "acl") and code[:2] < "18"):
            continue  # "a member jailed over a year ago": background, not an event of the report
        issued = trig.nominal and token.dep_ == "dobj" and bool(arguments.verb_lemmas(token.head) & patterns.light_verbs)
        hosted = code[:2] in patterns.location_recipient_roots and _hosted(token)
        if (code[:2] in patterns.needs_recipient and not target and not pattern.objects
                and code == pattern.code and not (issued and source) and not hosted):
            if (code[:2] in ("11", "12", "13") or code == "016") and _responds(token, patterns):
                draft.respond = True  # "dismisses the allegations": aimed at whoever made them
            else:
                # "condemned allegations": an act aimed at no one is not an interaction - but asking someone
                # for it is ("called on Russia to condemn the shelling")
                _appeal_for(draft, token, mod, args, pattern.code, source, actors, patterns, day, places, drafts)
                continue
        elif not target and (code[:2] in ("11", "12", "13") or code == "016") and _responds(token, patterns):
            draft.respond = True  # "denied the claim" (an object-constrained pattern): aimed at the claimant
        _appeal_for(draft, token, mod, args, pattern.code, source, actors, patterns, day, places, drafts)
        drafts.append(draft)
        moods.append((draft, mod))
        if mod.obliged and "03" <= pattern.code[:2] <= "09":
            obligations.append((draft, mod, pattern.code))
    for governor, kind, count in pending_counts:
        for draft in drafts:
            if draft.code[:2] in ("18", "19", "20") and (draft.trigger == governor or draft.trigger.head == governor):
                draft.counts.setdefault(kind, count)
                break
    drafts = _merge_conjuncts(_attach_instruments(drafts, {i: t.pattern.code for i, t in by_token.items() if t.nominal}))
    for draft, mod in moods:
        if draft in drafts:
            accuse = _reported_accusation(draft, mod, actors, patterns, day, places)
            if accuse is not None:
                drafts.append(accuse)
    drafts.extend(_conditional_demands(drafts))
    for draft, mod, asked in obligations:
        if draft in drafts:
            demand = _reported_obligation(draft, mod, asked, actors, patterns, day, places)
            if demand is not None:
                drafts.append(demand)
    return [_checked_mode(d) for d in drafts]


def _checked_mode(draft: Draft) -> Draft:
    """A pattern's PLOVER mode belongs to the code it was written for: once the act is recoded (a
    withdrawal promised, refused or demanded) the mode goes if it is not a mode of the new type."""
    if draft.mode is not None and draft.mode not in kb_module.plover_modes().get(kb_module.codes()[draft.code].event, ()):
        draft.mode = None
    return draft


def _reported_obligation(draft: Draft, mod: modality.Modality, asked: str, actors: Sequence[Actor],
                         patterns: Patterns, day: dt.date | None = None,
                         places: Sequence[Place] = ()) -> Draft | None:
    """``X said Y must mediate``: X demands the act of Y (CAMEO 10x), when X and Y are different named actors."""
    verb = mod.reported_by
    if verb is None or not draft.source:
        return None
    heads = _subject_heads(verb)
    if not heads or not all(_named(h) for h in heads) or \
            any(h.lemma_.lower() in MEDIA_WORDS or h.lower_ in MEDIA_WORDS for h in heads):
        return None
    speakers = _resolve(heads, actors, patterns, source=True, day=day, places=places)
    if not speakers or any(a.sector in ("MED", "JRN") for a, _ in speakers):
        return None
    if {a.code for a, _ in speakers} & {a.code for a, _ in draft.source}:
        return None  # "we must help them": a plan of one's own
    return Draft(code=modality.demand_code(asked), modality="asserted", trigger=verb,
                 trigger_span=(verb.idx, verb.idx + len(verb.text)), source=speakers, target=list(draft.source))


def _appeal_for(draft: Draft, token: Token, mod: modality.Modality, args: arguments.Arguments, code: str,
                source: list[tuple[Actor, tuple[int, int]]], actors: Sequence[Actor], patterns: Patterns,
                day: dt.date | None, places: Sequence[Place], drafts: list[Draft]) -> None:
    """"urged Pakistan to stop ...": the appeal to whoever is asked (the act asked for becomes hypothetical)."""
    if mod.intent_by is None or mod.intent_by.lemma_.lower() not in patterns.appeal_verbs or mod.negated:
        return
    controlled = _controlled(token) if token.dep_ == "xcomp" else []
    if not (controlled or (token.dep_ == "ccomp" and args.source)):
        return
    appeal = Draft(code=modality.appeal_code(code), modality="asserted", trigger=mod.intent_by,
                   trigger_span=(mod.intent_by.idx, mod.intent_by.idx + len(mod.intent_by.text)),
                   source=_resolve(_subject_heads(mod.intent_by), actors, patterns, source=True, day=day, places=places),
                   target=_resolve(controlled, actors, patterns, day=day, places=places) or source)
    if appeal.source:
        drafts.append(appeal)
    draft.modality = "hypothetical"
    draft.code = code


def _hosted(token: Token) -> bool:
    """"will meet in Zurich": the act has a named host place (the events stage makes its country the recipient)."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
        g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.children) for c in token.children)


def _responds(token: Token, patterns: Patterns) -> bool:
    words = {t.lemma_.lower() for t in token.subtree} | {t.lower_ for t in token.subtree}
    return bool(words & patterns.response_words)


def _attach_instruments(drafts: list[Draft], codes: dict[int, str] | None = None) -> list[Draft]:
    """"eight people were killed in an air strike by government forces": the strike's author is the killer,
    and the two mentions are one event coded by the more specific noun; "jihadist attacks have killed
    hundreds": the attacks (a bare plural: an aggregate) are the killing's subject. An act with its own
    author still takes the specific code of its instrument ("killed a commander in an air strike")."""
    nominal = {d.trigger.i: d for d in drafts if d.nominal and d.code[:2] in ("18", "19", "20")}
    absorbed: set[int] = set()
    for draft in drafts:
        if draft.nominal or draft.code[:2] not in ("18", "19", "20"):
            continue
        holders = [draft.trigger] + [c for c in draft.trigger.children if c.dep_ == "dobj"]  # "killed X in a strike"
        linked = [obj for holder in holders for prep in holder.children
                  if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by", "from")
                  for obj in prep.children]
        subjects = [c for c in draft.trigger.children if c.dep_ == "nsubj"]
        if draft.trigger.dep_ == "acl" and draft.trigger.tag_ == "VBN":
            subjects.append(draft.trigger.head)  # "air strikes killed 35" misread as a reduced relative
        for obj in linked:
            code = (codes or {}).get(obj.i)
            if obj.i not in nominal and code and code[:2] in ("18", "19", "20") and \
                    (draft.code == "190" or len(code) > len(draft.code)):
                draft.code = code  # "killed a commander in an air strike": 195, the strike told without an author
        for obj in linked + subjects:
            instrument = nominal.get(obj.i)
            if instrument is None or (draft.source and instrument.source and
                                       {a.code for a, _ in instrument.source} != {a.code for a, _ in draft.source}):
                continue
            if not draft.source and not instrument.source:
                continue
            draft.source = draft.source or instrument.source
            if draft.code == "190" or len(instrument.code) > len(draft.code):
                draft.code = instrument.code
            if obj in subjects and obj.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "det" for c in obj.children) \
                    and PERIOD.search(nlp.sentence_of(draft.trigger).text):
                draft.aggregate = True  # "attacks have killed hundreds this year": many attacks, summed
            absorbed.add(obj.i)
    return [d for d in drafts if not (d.nominal and d.trigger.i in absorbed)]


def _conditional_demands(drafts: list[Draft]) -> list[Draft]:
    """"X considers strikes if the Taliban fail to hand over members": X demands the handover of the Taliban."""
    out: list[Draft] = []
    threats = [d for d in drafts if d.code[:2] == "13" and d.source]
    for draft in list(drafts):
        if draft.modality != "hypothetical" or draft.code[:2] in ("13", "10") or not draft.source:
            continue
        clause = draft.trigger
        while clause.dep_ != "advcl" and clause.head != clause:
            clause = clause.head
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        failing = clause.lemma_.lower() in ("fail", "refuse") or any(c.dep_ == "neg" for c in clause.children)
        if not (("if" in marks and failing) or "unless" in marks):
            continue
        governing = clause.head
        threat = next((t for t in threats if t.trigger == governing or t.trigger.head == governing), None)
        if threat is None:
            continue
        out.append(Draft(code=modality.demand_code(draft.code), modality="asserted", trigger=draft.trigger,
                         trigger_span=draft.trigger_span, source=list(threat.source), target=list(draft.source)))
        drafts.remove(draft)  # the demanded act is told by the demand
    return out


def _merge_conjuncts(drafts: list[Draft]) -> list[Draft]:
    """"stormed the facility and killed all 33 attackers": coordinated verbs of one actor with the same
    CAMEO root are one event; the mention without a recipient joins the one with it."""
    out = list(drafts)
    for draft in drafts:
        token = draft.trigger
        if draft.nominal or draft.target or draft.respond or \
                token.dep_ != "conj" and not any(c.dep_ == "conj" for c in token.children):
            continue  # a reply ("condemned the move and summoned the envoy") answers someone else
        partners = [d for d in out if d is not draft and not d.nominal and d.code[:2] == draft.code[:2]
                    and d.modality == draft.modality and d.target and (d.trigger.head == token or token.head == d.trigger)
                    and {a.code for a, _ in d.source} == {a.code for a, _ in draft.source}]
        if partners:
            out.remove(draft)
    return out


def _named(head: Token) -> bool:
    """The phrase names its actor (a proper noun, country or nationality), not just a role noun."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in head.subtree
               if t.dep_ not in ("relcl", "acl") and t.i - head.i < 6)


def _reported_accusation(draft: Draft, mod: modality.Modality, actors: Sequence[Actor],
                         patterns: Patterns, day: dt.date | None = None,
                         places: Sequence[Place] = ()) -> Draft | None:
    """``X said Y attacked Z``: X accuses Y (PETRARCH-2's convention) unless X is a news source or Y."""
    verb = mod.reported_by
    if verb is None or draft.code[:2] not in ("15", "16", "17", "18", "19", "20") or draft.modality != mod.value:
        return None
    if mod.value not in ("asserted", "claimed") or not draft.source:
        return None
    speakers_heads = _subject_heads(verb)
    if not speakers_heads or any(h.lemma_.lower() in MEDIA_WORDS or h.lower_ in MEDIA_WORDS for h in speakers_heads):
        return None
    speakers = _resolve(speakers_heads, actors, patterns, source=True, day=day, places=places)
    if not speakers or any(a.sector in ("MED", "JRN") for a, _ in speakers):
        return None
    if not all(_named(head) for head in speakers_heads) or not any(a.country for a, _ in speakers):
        return None  # "his lawyer said", "officials said": a report, not an accusation by a coded actor
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
