"""Event argument scorers for the KAIROS / AIDA ontology: WikiEvents and RAMS (``events-docs``).

Both data sets label events with the LDC event ontology (``Conflict.Attack.DetonateExplode`` in
WikiEvents, ``conflict.attack.selfdirectedbattle`` in RAMS) and their arguments with roles
(Attacker, Target, Victim, Place ...). Types and roles are compared lower-cased, so one mapping
serves both.

MAPPING (the one place it is written):

* event types, by lower-case prefix, first match wins (``TYPE_ROOTS``): conflict.attack, life.die,
  life.injure -> CAMEO roots 18-20; artifactexistence.damagedestroy -> 17-20 (destroying property
  is 1712, bombing it 18-19); justice.arrestjaildetain -> 17 (173 arrest); justice.releaseparole
  -> 08 (0841 release persons); contact.threatencoerce -> 13; contact.requestcommand /
  commandorder / requestadvise -> 10 (demand) or 02 (appeal); the rest of contact.* -> 04 / 03 / 05;
  conflict.demonstrate -> 14; government.* -> 16. Other types (movement, transaction, generic
  crime, disaster, justice trials ...) are outside what our coder codes and are not scored.
* roles (``ROLE_SIDES``): the author of the act (attacker, killer, injurer, jailer, damager,
  destroyer, communicator, giver, preventer, demonstrator) -> our ``actor``; the one acted on
  (target, victim, detainee, recipient) -> our ``recipient``; participant (meetings, talks:
  symmetric) -> either; place -> our event location. Instruments, artifacts, crimes, topics are
  not arguments of our events.

MATCHING:

* an event mention of ours is each ``Evidence`` of an event (the event's own and its merged
  ``mentions``) with a trigger span; only events whose CAMEO root is in the mapping take part.
* trigger-id: our trigger overlaps the gold trigger (one-to-one, class-correct pairs first);
  trigger-class: and our CAMEO root is one of the gold type's roots.
* argument-head: within a trigger-class pair, a gold argument is found when an argument span of
  ours on the role's side contains the first character of the gold head word, one-to-one. The
  head word is the last word of the gold mention (WikiEvents mentions are head phrases: three in
  four are one word, the rest names or "the X"; RAMS spans are noun phrases ending in the head).
  Arguments of unmatched gold events are misses, those of unmatched mentions of ours are false.
  ``argument-exact`` asks for the same character span instead. Participants (actor and recipient
  sides) make the ``argument-head`` row, places the ``place-head`` row.
* WikiEvents annotates every event of a document, so all our mapped mentions are judged; RAMS
  annotates one event per window, so only our mentions whose trigger overlaps its trigger are.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, Report, overlaps, read_jsonl
from flashpoint.types import Article, Event

Span = tuple[int, int]

TYPE_ROOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conflict.attack", ("18", "19", "20")),
    ("life.die", ("18", "19", "20")),
    ("life.injure", ("18", "19", "20")),
    ("artifactexistence.damagedestroy", ("17", "18", "19", "20")),
    ("justice.arrestjaildetain", ("17",)),
    ("justice.releaseparole", ("08",)),
    ("contact.threatencoerce", ("13",)),
    ("contact.requestcommand", ("10", "02")),
    ("contact.commandorder", ("10", "02")),
    ("contact.requestadvise", ("10", "02")),
    ("contact.", ("04", "03", "05")),
    ("conflict.demonstrate", ("14",)),
    ("government.", ("16",)),
)
ACTOR_ROLES = ("attacker", "killer", "jailer", "injurer", "damager", "destroyer", "communicator", "giver",
               "preventer", "demonstrator")
RECIPIENT_ROLES = ("target", "victim", "detainee", "recipient")
BOTH_ROLES = ("participant",)
PLACE_ROLES = ("place",)
ROLE_SIDES: dict[str, tuple[str, ...]] = {
    **{role: ("actor",) for role in ACTOR_ROLES},
    **{role: ("recipient",) for role in RECIPIENT_ROLES},
    **{role: ("actor", "recipient") for role in BOTH_ROLES},
    **{role: ("location",) for role in PLACE_ROLES},
}
MAPPED_ROOTS = frozenset(root for _, roots in TYPE_ROOTS for root in roots)
_TERMINAL = tuple('.!?"\u201d\u2019\')\u2026:;')
WIKIEVENTS_SHAPE = ("a WikiEvents record {doc_id, sentences: [[[token, start, end], ...], text], "
                    "entity_mentions: [{id, start, end, text}], event_mentions: [{event_type, trigger: "
                    "{start, end, text}, arguments: [{entity_id, role, text}]}]}")


def roots_of(event_type: str) -> tuple[str, ...] | None:
    """The CAMEO roots our coder uses for a KAIROS / AIDA event type, or None when it has none."""
    kind = event_type.lower()
    return next((roots for prefix, roots in TYPE_ROOTS if kind.startswith(prefix)), None)


def type_key(event_type: str) -> str | None:
    kind = event_type.lower()
    return next((prefix.rstrip(".") for prefix, _ in TYPE_ROOTS if kind.startswith(prefix)), None)


def sides_of(role: str) -> tuple[str, ...]:
    return ROLE_SIDES.get(role.lower(), ())


@dataclass(frozen=True)
class GoldArgument:
    role: str
    start: int
    end: int
    head: Span  # the head word's characters
    text: str


@dataclass(frozen=True)
class GoldEvent:
    id: str
    type: str
    trigger: Span
    text: str
    arguments: tuple[GoldArgument, ...] = ()


@dataclass(frozen=True)
class KairosDoc:
    doc_id: str
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class Mention:
    """One mention of one of our events, as the scorer sees it."""

    code: str
    trigger: Span
    args: tuple[tuple[str, Span], ...]  # (actor | recipient | location, span)


def mentions(events: Iterable[Event]) -> list[Mention]:
    """Every mention of our events whose CAMEO root the mapping covers, in text order."""
    found = []
    for event in events:
        if event.cameo_code[:2] not in MAPPED_ROOTS:
            continue
        for evidence in (event.evidence, *event.mentions):
            triggers = evidence.spans.get("trigger") or ()
            if not triggers:
                continue
            args = dict.fromkeys((side, (int(s[0]), int(s[1]))) for side in ("actor", "recipient", "location")
                                 for s in evidence.spans.get(side, ()) if s[0] < s[1])  # no empty spans
            found.append(Mention(event.cameo_code, (int(triggers[0][0]), int(triggers[0][1])), tuple(args)))
    return sorted(found, key=lambda m: (m.trigger, m.code))


def _joined(sentences: Sequence[str]) -> tuple[str, list[int]]:
    """Sentences joined into one text, and where each starts. WikiEvents' own text runs sentences
    together ("in SyriaThe desert"); a sentence that ends without punctuation (a headline) becomes
    a paragraph of its own, the others are joined by a space."""
    text, starts = "", []
    for index, sentence in enumerate(sentences):
        if index:
            text += " " if sentences[index - 1].rstrip().endswith(_TERMINAL) else "\n\n"
        starts.append(len(text))
        text += sentence
    return clean(text), starts


def clean(text: str) -> str:
    """Ingest's clean-up, length-preserving: no-break spaces and control characters become spaces."""
    return "".join(" " if ch == "\u00a0" or (unicodedata.category(ch) == "Cc" and ch not in "\n\t") else ch
                   for ch in text)


def _head(text: str, start: int, end: int) -> Span:
    words = text[start:end].split()
    if not words:
        return start, end
    last = text.rindex(words[-1], start, end)
    return last, last + len(words[-1])


def _wikievents_doc(row: dict[str, Any]) -> KairosDoc:
    sentences = row["sentences"]
    text, starts = _joined([str(s[1]) for s in sentences])
    tokens: list[Span] = []
    for (words, sentence), start in zip(sentences, starts):
        if not words:
            continue
        # token offsets index a text we do not have (sentences one character apart): rebase each sentence
        shift = start + str(sentence).index(str(words[0][0])) - int(words[0][1])
        tokens.extend((int(w[1]) + shift, int(w[2]) + shift) for w in words)
    entities = {str(e["id"]): e for e in row["entity_mentions"]}

    def chars(first: Any, last: Any, said: Any, what: str) -> Span:
        first, last = int(first), int(last)
        if not 0 <= first < last <= len(tokens):
            raise ValueError(f"{what} tokens {first}:{last} outside the document's {len(tokens)} tokens")
        span = (tokens[first][0], tokens[last - 1][1])
        if text[span[0]:span[1]] != clean(str(said)):
            raise ValueError(f"{what} {said!r} does not match the tokens {first}:{last} "
                             f"({text[span[0]:span[1]]!r})")
        return span

    events: list[GoldEvent] = []
    for event in row["event_mentions"]:
        trigger = event["trigger"]
        arguments = []
        for argument in event.get("arguments") or ():
            mention = entities[str(argument["entity_id"])]
            start, end = chars(mention["start"], mention["end"], mention["text"], "argument")
            arguments.append(GoldArgument(str(argument["role"]).lower(), start, end, _head(text, start, end),
                                          str(mention["text"])))
        events.append(GoldEvent(str(event.get("id", len(events))), str(event["event_type"]),
                                chars(trigger["start"], trigger["end"], trigger["text"], "trigger"),
                                str(trigger["text"]), tuple(arguments)))
    return KairosDoc(str(row["doc_id"]), text, tuple(events))


def read_wikievents(path: str | Path, *, limit: int | None = None) -> list[KairosDoc]:
    """Gold documents of a WikiEvents JSONL file; EvalError names the line and what is wrong."""
    docs = []
    for number, row in read_jsonl(path, expect=WIKIEVENTS_SHAPE, limit=limit):
        try:
            docs.append(_wikievents_doc(row))
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise EvalError(f"{path}, line {number}: not a WikiEvents record ({exc!r}); each line must be "
                            f"{WIKIEVENTS_SHAPE}") from exc
    return docs


def article_of(doc: KairosDoc) -> Article:
    """The article the pipeline sees: the joined text untouched (offsets kept), blocks found as ingest does."""
    from flashpoint.ingest.structure import blocks

    return Article(id=doc.doc_id, text=doc.text, blocks=tuple(blocks(doc.text)))


ARGUMENT_ROWS = (("argument-head", ("actor", "recipient"), False), ("argument-exact", ("actor", "recipient"), True),
                 ("place-head", ("location",), False))


@dataclass
class Tally:
    triggers: dict[str, PRF] = field(default_factory=lambda: {"trigger-id": PRF(), "trigger-class": PRF()})
    arguments: dict[str, PRF] = field(default_factory=lambda: {name: PRF() for name, _, _ in ARGUMENT_ROWS})
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type key -> [found, gold]
    by_role: dict[str, list[int]] = field(default_factory=dict)  # gold role -> [found by head, gold]

    def rows(self) -> dict[str, dict[str, float]]:
        rows = {name: prf.scores() for name, prf in {**self.triggers, **self.arguments}.items()}
        for label, table in (("trigger-class R", self.by_type), ("argument-head R", self.by_role)):
            for key, (found, total) in sorted(table.items()):
                rows[f"{label} {key}"] = {"R": round(found / total, 4) if total else 0.0, "n": total}
        return rows


def _pairs(gold: Sequence[GoldEvent], system: Sequence[Mention]) -> list[tuple[int, int]]:
    candidates = []
    for g, event in enumerate(gold):
        roots = roots_of(event.type) or ()
        for s, mention in enumerate(system):
            if overlaps(event.trigger, mention.trigger):
                candidates.append((mention.code[:2] not in roots, g, s))
    pairs, used_gold, used_system = [], set(), set()
    for _, g, s in sorted(candidates):
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
            pairs.append((g, s))
    return pairs


def _match_arguments(gold: Sequence[GoldArgument], system: Sequence[tuple[str, Span]], *,
                     exact: bool) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for g, argument in enumerate(gold):
        for s, (side, span) in enumerate(system):
            if s in used or side not in sides_of(argument.role):
                continue
            if (span == (argument.start, argument.end)) if exact else (span[0] <= argument.head[0] < span[1]):
                used.add(s)
                pairs.append((g, s))
                break
    return pairs


def _add(prf: PRF, gold: int, system: int, found: int) -> None:
    prf.add(tp=found, fp=system - found, fn=gold - found)


def score_doc(doc: KairosDoc, system: Sequence[Mention], tally: Tally, errors: list[dict[str, Any]]) -> None:
    """Add one document's counts to ``tally`` and its errors to ``errors``. Gold events of unmapped types
    are left out; every mention in ``system`` is judged."""
    text = doc.text
    gold = [e for e in doc.events if roots_of(e.type) is not None]
    pairs = _pairs(gold, system)
    matched = {g: s for g, s in pairs if system[s].code[:2] in (roots_of(gold[g].type) or ())}
    _add(tally.triggers["trigger-id"], len(gold), len(system), len(pairs))
    _add(tally.triggers["trigger-class"], len(gold), len(system), len(matched))
    for g, event in enumerate(gold):
        counts = tally.by_type.setdefault(type_key(event.type) or event.type, [0, 0])
        counts[0] += g in matched
        counts[1] += 1
    for name, sides, exact in ARGUMENT_ROWS:
        prf = tally.arguments[name]
        for g, event in enumerate(gold):
            wanted = [a for a in event.arguments if set(sides_of(a.role)) & set(sides)]
            offered = [a for a in system[matched[g]].args if a[0] in sides] if g in matched else []
            found = _match_arguments(wanted, offered, exact=exact)
            _add(prf, len(wanted), len(offered), len(found))
            if exact:
                continue
            hit_gold = {i for i, _ in found}
            for i, argument in enumerate(wanted):
                counts = tally.by_role.setdefault(argument.role, [0, 0])
                counts[0] += i in hit_gold
                counts[1] += 1
            if g not in matched:
                continue
            hit_system = {i for _, i in found}
            ours = [f"{side}: {text[a:b]}" for side, (a, b) in offered]
            for i, argument in enumerate(wanted):
                if i not in hit_gold:
                    errors.append({"kind": "missed-argument", "doc": doc.doc_id, "type": event.type,
                                   "trigger": event.text, "role": argument.role, "gold": argument.text,
                                   "ours": ours, "cameo": system[matched[g]].code, "at": argument.start})
            for i, (side, (a, b)) in enumerate(offered):
                if i not in hit_system:
                    errors.append({"kind": "spurious-argument", "doc": doc.doc_id, "type": event.type,
                                   "trigger": event.text, "side": side, "ours": text[a:b],
                                   "gold": [f"{x.role}: {x.text}" for x in wanted], "at": a})
        paired = set(matched.values())
        for s, mention in enumerate(system):
            if s not in paired:
                _add(prf, 0, sum(1 for a in mention.args if a[0] in sides), 0)
    by_pair = dict(pairs)
    for g, event in enumerate(gold):
        if g in matched:
            continue
        if g in by_pair:
            errors.append({"kind": "wrong-type", "doc": doc.doc_id, "type": event.type, "trigger": event.text,
                           "cameo": system[by_pair[g]].code, "want": "/".join(roots_of(event.type) or ()),
                           "at": event.trigger[0]})
        else:
            errors.append({"kind": "missed-event", "doc": doc.doc_id, "type": event.type, "trigger": event.text,
                           "arguments": [f"{a.role}: {a.text}" for a in event.arguments],
                           "context": _context(text, event.trigger), "at": event.trigger[0]})
    paired_any = {s for _, s in pairs}
    for s, mention in enumerate(system):
        if s not in paired_any:
            other = next((e.type for e in doc.events if overlaps(e.trigger, mention.trigger)), None)
            errors.append({"kind": "spurious-event", "doc": doc.doc_id, "cameo": mention.code,
                           "trigger": text[mention.trigger[0]:mention.trigger[1]], "gold_type": other,
                           "ours": [f"{side}: {text[a:b]}" for side, (a, b) in mention.args],
                           "at": mention.trigger[0]})


def _context(text: str, span: Span, width: int = 70) -> str:
    return " ".join(text[max(0, span[0] - width):span[1] + width].split())


ERROR_ORDER = {"wrong-type": 0, "missed-argument": 1, "spurious-argument": 2, "missed-event": 3, "spurious-event": 4}


def ordered(errors: list[dict[str, Any]], docs: Sequence[str], per_kind: int = 40) -> list[dict[str, Any]]:
    """Errors most useful first: a found event with the wrong type or arguments, then missed and extra
    events; at most ``per_kind`` of each kind, in document order, so every kind is seen."""
    index = {doc: i for i, doc in enumerate(docs)}
    out, seen = [], dict.fromkeys(ERROR_ORDER, 0)
    for error in sorted(errors, key=lambda e: (ERROR_ORDER[e["kind"]], index.get(e["doc"], 0), e["at"])):
        seen[error["kind"]] += 1
        if seen[error["kind"]] <= per_kind:
            out.append(error)
    return out


def evaluate_wikievents(path: Path, limit: int | None = None) -> Report:
    from flashpoint import pipeline

    docs = read_wikievents(path, limit=limit)
    tally = Tally()
    errors: list[dict[str, Any]] = []
    for doc, extraction in zip(docs, pipeline.process(article_of(doc) for doc in docs)):
        score_doc(doc, mentions(extraction.events), tally, errors)
    scored = sum(1 for doc in docs for e in doc.events if roots_of(e.type) is not None)
    total = sum(len(doc.events) for doc in docs)
    return Report("events-docs", str(path), len(docs), tally.rows(), ordered(errors, [d.doc_id for d in docs]), [
        f"WikiEvents: {scored} of {total} gold events have a type our CAMEO roots cover (eval/kairos.py TYPE_ROOTS)",
        ("trigger: overlap, one-to-one; argument-head: the gold mention's last word inside our actor/recipient "
         "span of a trigger-class match; argument-exact: same span; place-head: the same for Place and our event "
         "location"),
    ])


def _rams_doc(row: dict[str, Any], number: int) -> KairosDoc:
    words = [str(w) for sentence in row["sentences"] for w in sentence]
    offsets, text = [], ""
    for word in words:
        offsets.append((len(text), len(text) + len(word)))
        text += word + " "
    first, last, labels = row["evt_triggers"][0]
    trigger = (offsets[first][0], offsets[last][1])
    arguments = []
    for _, (start, end), role in row["gold_evt_links"]:
        name = re.sub(r"^evt\d+arg\d+", "", str(role))
        arguments.append(GoldArgument(name, offsets[start][0], offsets[end][1], offsets[end],
                                      text[offsets[start][0]:offsets[end][1]]))
    event = GoldEvent(f"{number}", str(labels[0][0]), trigger, text[trigger[0]:trigger[1]], tuple(arguments))
    return KairosDoc(str(row.get("doc_key", number)), clean(text.rstrip(" ")), (event,))


def read_rams(path: str | Path, *, limit: int | None = None) -> list[KairosDoc]:
    """The first ``limit`` RAMS windows whose event type the mapping covers."""
    docs: list[KairosDoc] = []
    for number, row in read_jsonl(path, expect="a RAMS record {sentences, evt_triggers, gold_evt_links}"):
        if limit is not None and len(docs) >= limit:
            break
        try:
            doc = _rams_doc(row, number)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise EvalError(f"{path}, line {number}: not a RAMS record ({exc!r}); each line needs sentences "
                            "[[word, ...]], evt_triggers [[start, end, [[type, p]]]] and gold_evt_links") from exc
        if roots_of(doc.events[0].type) is not None:
            docs.append(doc)
    return docs


def evaluate_rams(path: Path, limit: int | None = None) -> Report:
    from flashpoint import pipeline

    docs = read_rams(path, limit=limit)
    tally = Tally()
    errors: list[dict[str, Any]] = []
    for doc, extraction in zip(docs, pipeline.process(article_of(doc) for doc in docs)):
        trigger = doc.events[0].trigger
        judged = [m for m in mentions(extraction.events) if overlaps(m.trigger, trigger)]
        score_doc(doc, judged, tally, errors)
    rows = tally.rows()
    return Report("events-docs", str(path), len(docs), rows, ordered(errors, [d.doc_id for d in docs]), [
        ("only RAMS windows whose type maps onto our CAMEO roots are scored (eval/kairos.py TYPE_ROOTS), and "
         "only our events on the window's annotated trigger"),
        "argument-head: the gold span's last word inside our actor/recipient span of a trigger-class match",
    ])


def looks_like_wikievents(path: Path) -> bool:
    """A JSONL file whose first record has WikiEvents' ``event_mentions``."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        return isinstance(row := json.loads(first), dict) and "event_mentions" in row
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
