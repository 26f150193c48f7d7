"""``flashpoint eval events-sentences``: event coding scored on single sentences.

Two gold formats, told apart by the file name:

* PETRARCH-2 validation JSONL (``{"id", "text", "date", "no_events", "events": [{"source",
  "target", "eventcode"}]}``). A system triple is (source code, target code, CAMEO code) for every
  source x target pair of an event. Matching is one-to-one and greedy:
  - ``triple-root``: same CAMEO root (2 digits) and source and target agree on the country
    (first three characters); ``---`` (unknown country) or a missing side agrees with anything.
  - ``triple-full``: the same with the full CAMEO code.
  - ``event-root``: the CAMEO root alone; over these matches, ``source-country`` and
    ``target-country`` are the share of pairs whose country agrees (where gold names one).
  - ``no-event``: events produced on the sentences marked ``no_events`` (target: at most 1).
  Events whose modality is ``denied``, ``hypothetical`` or ``claimed`` are not counted: the gold
  codes only what the sentence asserts (a claim is scored through its ACCUSE event).

* conflibert 5-class TSV (``sentence<TAB>label``). LABEL MAPPING (the one place it is written):
  0 = CAMEO roots 01-02 (make statement, appeal), 1 = 03-05 (verbal cooperation),
  2 = 06-08 (material cooperation), 3 = 09-13 and 16 (verbal conflict: investigate, demand, disapprove,
  reject, threaten, reduce relations), 4 = 14-15 and 17-20 (material conflict). This is not GDELT's
  QuadClass (which the Event records keep): it is read from the data, where our 09x and 16x codings
  fall on class-3 sentences (14 of 19 and 39 of 40 on the full set) and 14x on class 4. The predicted class is
  that of the sentence's most confident counted event, and 0 when there is none (what is left of
  a sentence with no coded act is a statement).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, Report
from flashpoint.types import Actor, Event

UNCOUNTED = frozenset({"denied", "hypothetical", "claimed"})


def pentaclass(code: str) -> int:
    root = int(code[:2])
    if root <= 2:
        return 0
    if root in (9, 16):
        return 3
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def counted(events: tuple[Event, ...]) -> list[Event]:
    return [e for e in events if e.modality not in UNCOUNTED]


def triples(event: Event) -> list[tuple[str, str, str]]:
    """Every source x recipient pair; an actor listed on both sides of a symmetric event ("the US, Russia
    and Switzerland met") does not meet itself."""
    sources = list(event.actor) or [None]
    targets = list(event.recipient) or [None]
    return [(_actor_code(s) if s else "---", _actor_code(t) if t else "---", event.cameo_code)
            for s in sources for t in targets if s is None or t is None or s != t]


def _actor_code(actor: Actor) -> str:
    """A code whose first three characters are the country, ``IGO`` for intergovernmental organisations
    (``IGOUNO``: PETRARCH-2 codes them so), or ``---`` when no state can be named (``IMGREB``)."""
    if actor.country:
        return f"{actor.country}{actor.sector or ''}"
    if (actor.code or "").startswith("IGO"):
        return actor.code or "IGO"
    return f"---{actor.sector or ''}"


def _country(code: str | None) -> str:
    return (code or "---")[:3]


def _agrees(gold: str, system: str) -> bool:
    gold, system = _country(gold), _country(system)
    return gold == "---" or system == "---" or gold == system


def match(gold: list[tuple[str, str, str]], system: list[tuple[str, str, str]], *, level: str,
          actors: bool) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns (gold index, system index) pairs."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, (gs, gt, gc) in enumerate(gold):
        best = None
        for si, (ss, st, sc) in enumerate(system):
            if si in used:
                continue
            same_code = gc[:2] == sc[:2] if level == "root" else gc == sc
            if not same_code:
                continue
            if actors and not (_agrees(gs, ss) and _agrees(gt, st)):
                continue
            score = (_country(gs) == _country(ss)) + (_country(gt) == _country(st))
            if best is None or score > best[0]:
                best = (score, si)
        if best is not None:
            used.add(best[1])
            pairs.append((gi, best[1]))
    return pairs


def _read_jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if limit is not None and number > limit:
                return
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}, line {number}: not JSON ({exc.msg}); fix the line") from exc


def _code_text(text: str, date: dt.date | None) -> tuple[Event, ...]:
    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    article = make_article(text, published=date)
    extraction = next(pipeline.process([article]))
    return extraction.events


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(value or "", "%Y%m%d").date()
    except ValueError:
        return None


def evaluate_petrarch(path: Path, limit: int | None = None) -> Report:
    rows = list(_read_jsonl(path, limit))
    prf = {"triple-root": PRF(), "triple-full": PRF(), "event-root": PRF()}
    agree = {"source-country": [0, 0], "target-country": [0, 0]}
    false_events = 0
    no_event_sentences = 0
    errors: list[dict[str, Any]] = []
    for row in rows:
        gold = [(e.get("source") or "---", e.get("target") or "---", str(e["eventcode"])) for e in row.get("events", [])]
        text = (row.get("text") or "").strip()
        events = counted(_code_text(text, _parse_date(row.get("date")))) if text else []
        system = [t for e in events for t in triples(e)]
        if row.get("no_events"):
            no_event_sentences += 1
            false_events += len(events)
        for name, level, actors in (("triple-root", "root", True), ("triple-full", "full", True),
                                    ("event-root", "root", False)):
            pairs = match(gold, system, level=level, actors=actors)
            prf[name].add(tp=len(pairs), fp=len(system) - len(pairs), fn=len(gold) - len(pairs))
            if name == "event-root":
                for gi, si in pairs:
                    for key, index in (("source-country", 0), ("target-country", 1)):
                        if _country(gold[gi][index]) != "---":
                            agree[key][1] += 1
                            agree[key][0] += _country(gold[gi][index]) == _country(system[si][index])
            if name == "triple-root" and (len(pairs) < len(gold) or len(pairs) < len(system)):
                errors.append({"id": row.get("id"), "text": text[:160], "gold": gold, "system": system})
    scores: dict[str, dict[str, float]] = {name: value.scores() for name, value in prf.items()}
    for key, (hits, total) in agree.items():
        scores[key] = {"accuracy": round(hits / total, 4) if total else 0.0, "n": total}
    scores["no-event"] = {"false events": false_events, "n": no_event_sentences}
    errors.sort(key=lambda e: -(len(e["gold"]) + len(e["system"])))
    return Report("events-sentences", str(path), len(rows), scores, errors[:50],
                  ["events with modality denied/hypothetical/claimed are not counted"])


def evaluate_pentaclass(path: Path, limit: int | None = None) -> Report:
    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if limit is not None and len(rows) >= limit:
                break
            if len(record) < 2 or not record[1].strip().isdigit():
                raise EvalError(f"{path}, line {number}: expected 'sentence<TAB>label 0-4'; fix the line")
            rows.append((record[0], int(record[1])))
    articles = [make_article(text) for text, _ in rows]
    confusion = [[0] * 5 for _ in range(5)]
    errors: list[dict[str, Any]] = []
    for (text, label), extraction in zip(rows, pipeline.process(articles)):
        events = counted(extraction.events)
        predicted = pentaclass(max(events, key=lambda e: e.confidence).cameo_code) if events else 0
        confusion[label][predicted] += 1
        if predicted != label:
            errors.append({"text": text[:160], "gold": label, "system": predicted,
                           "codes": [e.cameo_code for e in events]})
    total = sum(map(sum, confusion))
    correct = sum(confusion[i][i] for i in range(5))
    scores: dict[str, dict[str, float]] = {}
    f1s = []
    for cls in range(5):
        prf = PRF(tp=confusion[cls][cls], fp=sum(confusion[r][cls] for r in range(5)) - confusion[cls][cls],
                  fn=sum(confusion[cls]) - confusion[cls][cls])
        scores[f"class {cls}"] = prf.scores()
        f1s.append(prf.f1)
    scores["quad-class"] = {"accuracy": round(correct / total, 4) if total else 0.0,
                            "macro-F1": round(sum(f1s) / 5, 4), "n": total}
    return Report("events-sentences", str(path), total, scores, errors[:50],
                  ["label mapping: 0=CAMEO 01-02, 1=03-05, 2=06-08, 3=09-13+16, 4=14-15+17-20"])


def evaluate(path: str, *, limit: int | None = None) -> Report:
    """Score a PETRARCH-2 style JSONL or a conflibert 5-class TSV (chosen by extension)."""
    file = Path(path)
    if file.is_dir():
        candidates = sorted(file.glob("*pentaclass*.tsv"))
        if not candidates:
            raise EvalError(f"{path}: no *pentaclass*.tsv in this folder; give the file itself")
        file = candidates[0]
    if not file.exists():
        raise EvalError(f"{path}: no such file; point to petrarch2_validation.jsonl or a pentaclass .tsv")
    if file.suffix == ".tsv":
        return evaluate_pentaclass(file, limit)
    return evaluate_petrarch(file, limit)
