"""Source and target of a trigger, read from the dependency parse (never from mere co-occurrence).

Verbs: subject -> source, object or ``on/against/at`` object -> target, passive agent ``by X``
-> source and passive subject -> target; a verb with no subject of its own inherits it through
``conj``, ``xcomp`` and relative clauses. Nouns: ``by X``, possessives and nationality modifiers
-> source, ``on/against X`` (and ``of X`` for victims) -> target; a noun that is the object of a
verb ("launched attacks", "considering attacks") takes that verb's subject as its source.
Each argument is a list of head tokens (coordination expanded: "US and NATO forces").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from flashpoint.extract.eventcoding import kb
from flashpoint.extract.eventcoding.kb import Patterns
from flashpoint.extract.eventcoding.triggers import Trigger

TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards", "targeting"})
VICTIM_OF_ROOTS = ("17", "18", "19", "20", "08", "09", "11")
SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
TIME_ENTS = frozenset({"DATE", "TIME"})
PARTITIVES = frozenset({"round", "series", "wave", "set", "string", "spate", "new", "part", "kind", "type"})
ACCUSING = frozenset({"accuse", "suspect", "charge", "convict", "blame", "allege", "implicate"})


@dataclass
class Arguments:
    source: list[Token] = field(default_factory=list)
    target: list[Token] = field(default_factory=list)
    passive: bool = False


def expand(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("the US, Russia, and Switzerland", where the parser
    often hangs the list on an apposition)."""
    if token.pos_ == "ADP" and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
        # "Barack Obama and Vladimir Putin": the small model reads "Barack" as a preposition over "Obama"
        objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if objects:
            return [token] + [t for o in objects for t in expand(o) if t != o]
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON") or child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") for c in child.children):
            out.extend(expand(child))
    return out


def _relative_head(token: Token) -> Token:
    """``which``/``who`` as subject of a relative clause stands for the noun the clause hangs on."""
    if token.lower_ in RELATIVE:
        clause = token.head
        while clause.dep_ not in ("relcl", "acl") and clause.head != clause:
            if clause.dep_ not in ("conj", "xcomp", "ccomp"):
                break
            clause = clause.head
        if clause.dep_ in ("relcl", "acl"):
            return clause.head
    return token


def subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """(subject heads, passive?) of a verb, inherited from the governing clause when missing."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ]
    if subjects:
        return [t for s in subjects for t in expand(_relative_head(s))], False
    if passive:
        return [t for s in passive for t in expand(_relative_head(s))], True
    if depth > 3:
        return [], False
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if head.dep_ == "relcl" and any(c.dep_ == "dobj" for c in verb.children) and any(
                c.dep_ == "dobj" and c.lower_ in RELATIVE for c in head.children):
            # "ended the agreement that X had brokered ... and ordered its fighters": the parser hangs the
            # second main verb on the object relative clause; its subject is the main clause's
            return subject_of(head.head.head, depth + 1) if head.head.head.pos_ in ("VERB", "AUX") else ([], False)
        return subject_of(head, depth + 1)
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ in ("dobj",)] or [
            g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
            for g in c.children if g.dep_ == "pobj"]  # "called on Russia to condemn": Russia would condemn
        if head.lemma_.lower() in kb.patterns().command_verbs:  # "ordered its fighters to attack": the orderer acts
            return subject_of(head, depth + 1)[0], False
        if objects and head.lemma_.lower() in kb.patterns().object_control:  # "urged Pakistan to stop": the object acts
            return [t for o in objects for t in expand(o)], False
        return subject_of(head, depth + 1)[0], False  # "Obama is scheduled to attend": Obama attends
    if verb.dep_ in ("acomp", "amod") and verb.pos_ == "ADJ" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)  # "Pakistan is willing to withdraw": via "willing"
    if verb.dep_ in ("relcl", "acl") and (verb.tag_ != "VBN" or _misread_active(verb)):
        return expand(head), False
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return subject_of(head, depth + 1)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "by" and head.head.pos_ in ("VERB", "AUX"):
        # "answered the strikes by firing rockets": the means, done by the clause's subject (not "jailed X for
        # helping", where X helped)
        found, was_passive = subject_of(head.head, depth + 1)
        return (found, False) if not was_passive else ([], False)
    accusing = _accusing_verb(head) if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "of" else None
    if accusing is not None:
        # "accused Malian soldiers (and Russian mercenaries) of executing civilians": the accused did it (a claim)
        objects = [c for c in accusing.children if c.dep_ == "dobj"]
        if objects:
            return [t for o in objects for t in expand(o)], False
        found, was_passive = subject_of(accusing, depth + 1)
        if was_passive:  # "soldiers were accused of executing civilians"
            return found, False
    return [], False


def _accusing_verb(prep: Token) -> Token | None:
    """The accusing verb an "of" hangs on, directly or through its object ("accused X and Y of ...")."""
    node = prep.head
    for _ in range(4):
        if node.pos_ == "VERB":
            return node if node.lemma_.lower() in ACCUSING else None
        if node.dep_ not in ("dobj", "conj", "nsubjpass") or node.head == node:
            return None
        node = node.head
    return None


def _misread_active(verb: Token) -> bool:
    """"Israeli air strikes killed 35 Palestinians" parsed as a reduced relative ("strikes [that were] killed"):
    a past participle with a direct object of its own is the sentence's active verb."""
    return verb.tag_ == "VBN" and verb.dep_ == "acl" and any(c.dep_ == "dobj" for c in verb.children) and \
        verb.head.dep_ in ("ROOT", "nsubj")


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lemma_.lower() in preps:
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp") and not _date_phrase(grand):
                    out.extend(expand(grand))
    return out


def _date_phrase(token: Token) -> bool:
    """"rejected on Sunday": a date is no recipient (but "met with President Assad Tuesday", a name the
    parser ran into the date, is one)."""
    return token.ent_type_ in TIME_ENTS and all(
        t.ent_type_ in TIME_ENTS or t.pos_ in ("DET", "ADP", "NUM", "PUNCT", "ADJ") for t in token.subtree)


def _particle_objects(verb: Token) -> list[Token]:
    """"taken over Kabul": the parser hangs the object on the particle."""
    return [t for c in verb.children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj" for t in expand(g)]


def verb_arguments(trigger: Trigger, patterns: Patterns) -> Arguments:
    verb, pattern = trigger.token, trigger.pattern
    subjects, passive = subject_of(verb)
    if not passive and any(c.dep_ == "auxpass" for c in verb.children) and not any(
            c.dep_ in SUBJ for c in verb.children):
        passive = True  # "imprisoned ... and were released by Putin": a passive conjunct inherits its subject
    args = Arguments(passive=passive)
    agents = _prep_objects(verb, frozenset({"by"})) if passive or verb.tag_ == "VBN" else []
    if passive:
        args.target = subjects
        args.source = agents
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and not _misread_active(verb):
        # "men sought in the slaying", "civilians imprisoned"
        args.target = expand(verb.head)
        args.source = agents
    else:
        args.source = subjects
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        objects = [verb.head if o.lower_ in RELATIVE and verb.dep_ == "relcl" else o for o in objects]
        objects = [g for o in objects for g in ([c for c in o.children if c.dep_ == "pobj"] if o.pos_ == "ADP" else [o])]
        if pattern.objects:  # the object is the theme ("took them hostage": them; "sign agreement": none)
            objects = [o for o in objects if o.lemma_.lower() not in pattern.objects and o.lower_ not in
                       pattern.objects]
        args.target = [t for o in objects for t in expand(o)] or _particle_objects(verb)
    preps = TARGET_PREPS | pattern.target_preps
    if not args.target:
        args.target = _prep_objects(verb, preps)
    if not args.target and pattern.objects:
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            args.target = _prep_objects(obj, preps | frozenset({"for"}))
            if args.target:
                break
    if pattern.source_preps:
        extra = _prep_objects(verb, pattern.source_preps)
        if extra:
            args.source = extra if passive else args.source or extra
    if pattern.swap:
        args.source, args.target = args.target, args.source
    return args


QUANTITIES = frozenset({"hundreds", "dozens", "thousands", "scores", "tens", "millions", "some", "many", "most",
                        "several", "all", "both", "none", "each", "one", "two", "three", "four", "five"})


def quantified(head: Token) -> Token:
    """"Hundreds of UN troops", "dozens of peacekeepers": the counted noun is the argument's head."""
    if head.lower_ in QUANTITIES or head.like_num:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
    return head


def verb_lemmas(verb: Token) -> set[str]:
    """The lemma, and the form with its inflection cut off (the small model lemmatises "staged" as "stag")."""
    lower = verb.lower_
    out = {verb.lemma_.lower(), lower}
    for suffix in ("d", "ed", "s", "es", "ing"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            out.add(lower[: -len(suffix)])
    return out


def noun_arguments(trigger: Trigger, patterns: Patterns) -> Arguments:
    noun, pattern = trigger.token, trigger.pattern
    args = Arguments()
    args.source = _prep_objects(noun, (frozenset({"by", "from"}) - pattern.target_preps) | pattern.source_preps)
    if not args.source:
        args.source = [c for c in noun.children if c.dep_ == "poss"]
    if not args.source:
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
        modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "compound")]
        args.source = [c for c in modifiers if c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"]
    preps = TARGET_PREPS | pattern.target_preps
    if pattern.code[:2] in VICTIM_OF_ROOTS:
        preps = preps | {"of"}
    args.target = _prep_objects(noun, preps - pattern.source_preps)
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):  # "air and artillery strikes"
        noun = noun.head
        if not args.target:
            args.target = _prep_objects(noun, preps - pattern.source_preps)
    governor = noun.head
    if noun.dep_ == "compound":
        governor = governor.head
    if noun.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in PARTITIVES and \
            governor.head.dep_ in ("dobj", "attr"):
        noun = governor.head  # "began a new round of joint exercises": the round is what was begun
        governor = noun.head
    if noun.dep_ == "dobj" and not args.target and verb_lemmas(governor) & patterns.undergo_verbs:
        args.target, _ = subject_of(governor)  # "Obama faces pressure from Congress"
    if not args.source:
        carriers = patterns.light_verbs | patterns.intent_verbs | patterns.undergo_verbs
        if (noun.dep_ in ("dobj", "attr") or (noun.dep_ == "compound" and noun.head.dep_ == "dobj")) and (
                verb_lemmas(governor) & carriers or noun.dep_ == "attr"):
            subjects, passive = subject_of(governor)
            if verb_lemmas(governor) & patterns.undergo_verbs:
                pass
            elif not passive:
                args.source = subjects
        elif noun.dep_ == "nsubjpass":  # "evidence against Russia was presented by the US"
            args.source = _prep_objects(governor, frozenset({"by"}))
    return args


def arguments(trigger: Trigger, patterns: Patterns) -> Arguments:
    return noun_arguments(trigger, patterns) if trigger.nominal else verb_arguments(trigger, patterns)


def owners(noun: Token) -> list[Token]:
    """Whose thing it is: "rejected the Croatian government's request", "condemned a U.S. court decision",
    "rejected the Iraqi and Turkish demands"."""
    out = [t for c in noun.children if c.dep_ == "poss" for t in expand(c)]
    if not out:
        out = [t for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and any(
            g.pos_ == "PROPN" or g.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") for g in c.subtree)
            for t in [c, *(g for g in c.children if g.dep_ == "conj")]]
    return out


def fallback_targets(trigger: Trigger, patterns: Patterns) -> list[Token]:
    """Recipients one step further when the direct ones name no actor: "endorsed an agreement with the EU",
    "advised against travel to Tunisia", "an agreement forced on the Gulf state"."""
    token, pattern = trigger.token, trigger.pattern
    preps = TARGET_PREPS | pattern.target_preps | {"with", "to"}
    out = _prep_objects(token, TARGET_PREPS | pattern.target_preps)
    if trigger.nominal and token.dep_ == "dobj":  # "issued warrants for two men": the PP hangs on the verb
        out.extend(_prep_objects(token.head, TARGET_PREPS | pattern.target_preps))
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ not in ("in", "during")):
            grands = [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]
            for grand in grands:
                out.extend(_prep_objects(grand, preps | ({"by", "from"} if child.dep_ != "prep" else set())))
                if child.dep_ != "prep" and not trigger.nominal:
                    out.extend(owners(grand))
    return [t for t in out if not (trigger.nominal and t == token)]


def phrase_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head`` (no clauses, conjuncts or trailing PPs)."""
    keep = {"det", "amod", "compound", "poss", "nummod", "case", "quantmod", "nmod", "advmod", "predet"}
    left = head
    for child in head.lefts:
        if child.dep_ in keep:
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = head
    for child in head.rights:
        if child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children):
            break  # "the US, Russia, and Switzerland": a list, not an apposition
        if child.dep_ in ("appos", "case") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge, key=lambda t: t.i)
    return left.idx, right.idx + len(right.text)
