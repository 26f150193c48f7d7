"""Score the time stage on TimeBank / AQUAINT TIMEX3 gold (JSON Lines), TempEval-3 style.

Gold format, one document per line::

    {"doc_id": "...", "dct": "1998-01-08", "text": "...",
     "timexes": [{"start": 70, "end": 74, "type": "DURATION", "value": "P1W", "text": "week"}, ...]}

The document creation time (``dct``) is handed to the pipeline as ``Article.published`` so the
system anchors on it, as TempEval-3 systems do. Label mapping: TIMEX3 ``value`` and ``type`` are
compared as strings with ``TimeExpr.value`` / ``TimeExpr.type`` (our values are TIMEX3 values).

Scores (TempEval-3, UzZaman et al. 2013):
- extent strict: same start and end; extent relaxed: any overlap (one-to-one matching);
- value / type F1: a system timex counts when it overlaps a gold timex and its attribute equals
  the gold one; precision over all system timexes, recall over all gold timexes;
- value accuracy: correct values among the relaxed matches.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, Report, overlaps, read_jsonl
from flashpoint.types import Article, Block, TimeExpr


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    dct: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    """Gold documents from a TIMEX3 JSONL file; EvalError names the line and what is wrong."""
    for number, row in read_jsonl(path, expect="a TIMEX3 gold record {doc_id, dct, text, timexes}"):
        try:
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError(f"text is {type(text).__name__}, not a string")
            dct = dt.date.fromisoformat(str(row["dct"])[:10])
            timexes = tuple(
                GoldTimex(int(t["start"]), int(t["end"]), str(t["type"]), str(t["value"]), str(t["text"]))
                for t in row["timexes"]
            )
        except (ValueError, KeyError, TypeError, OverflowError) as exc:
            raise EvalError(
                f"{path}, line {number}: not a TIMEX3 gold record ({exc!r}); each line needs "
                "doc_id, dct (YYYY-MM-DD), text and timexes [{start, end, type, value, text}]"
            ) from exc
        for timex in timexes:
            if text[timex.start : timex.end] != timex.text:
                raise EvalError(
                    f"{path}, line {number}: timex {timex.text!r} does not match the text at "
                    f"{timex.start}:{timex.end}; offsets must index the text field"
                )
        yield GoldDoc(str(row.get("doc_id", number)), dct, text, timexes)


def gold_article(gold: GoldDoc) -> Article:
    """The article the pipeline sees: gold text untouched (offsets kept), dct as publication date."""
    from flashpoint.ingest.structure import blocks

    built: tuple[Block, ...] = blocks(gold.text)
    return Article(id=gold.doc_id, text=gold.text, published=gold.dct, blocks=built)


def match(gold: tuple[GoldTimex, ...], system: tuple[TimeExpr, ...]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping spans, largest overlap first."""
    candidates = []
    for g, timex in enumerate(gold):
        for s, found in enumerate(system):
            if overlaps((timex.start, timex.end), (found.start, found.end)):
                shared = min(timex.end, found.end) - max(timex.start, found.start)
                exact = timex.start == found.start and timex.end == found.end
                candidates.append((not exact, -shared, g, s))
    pairs, used_gold, used_system = [], set(), set()
    for _, _, g, s in sorted(candidates):
        if g in used_gold or s in used_system:
            continue
        used_gold.add(g)
        used_system.add(s)
        pairs.append((g, s))
    return pairs


@dataclass
class Tally:
    strict: PRF
    relaxed: PRF
    value: PRF
    type: PRF
    matched: int = 0
    value_correct: int = 0


def score_doc(gold: GoldDoc, system: tuple[TimeExpr, ...], tally: Tally, errors: Counter) -> None:
    pairs = match(gold.timexes, system)
    n_gold, n_system = len(gold.timexes), len(system)
    strict = sum(
        1 for g, s in pairs if (gold.timexes[g].start, gold.timexes[g].end) == (system[s].start, system[s].end)
    )
    value_ok = sum(1 for g, s in pairs if gold.timexes[g].value == system[s].value)
    type_ok = sum(1 for g, s in pairs if gold.timexes[g].type == system[s].type)
    tally.strict.add(strict, n_system - strict, n_gold - strict)
    tally.relaxed.add(len(pairs), n_system - len(pairs), n_gold - len(pairs))
    tally.value.add(value_ok, n_system - value_ok, n_gold - value_ok)
    tally.type.add(type_ok, n_system - type_ok, n_gold - type_ok)
    tally.matched += len(pairs)
    tally.value_correct += value_ok
    paired_gold = {g for g, _ in pairs}
    paired_system = {s for _, s in pairs}
    for g, timex in enumerate(gold.timexes):
        if g not in paired_gold:
            errors[("missed", timex.text.lower(), timex.type, timex.value if not timex.value[:1].isdigit() else "")] += 1
    for s, found in enumerate(system):
        if s not in paired_system:
            errors[("spurious", found.text.lower(), found.type, found.value or "")] += 1
    for g, s in pairs:
        timex, found = gold.timexes[g], system[s]
        if timex.value != found.value:
            errors[("value", f"{found.text.lower()} [dct {gold.dct}]", timex.value, found.value or "")] += 1


def evaluate(path: str, *, limit: int | None = None) -> Report:
    from flashpoint import nlp
    from flashpoint.extract import time as time_stage

    golds: list[GoldDoc] = []
    root = Path(path)
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else [root]
    if not files:
        raise EvalError(f"{path}: no .jsonl gold files found; give a TIMEX3 JSONL file or a folder of them")
    for file in files:
        for gold in read_gold(file):
            if limit is not None and len(golds) >= limit:
                break
            golds.append(gold)
    by_id = {gold.doc_id: gold for gold in golds}
    tally = Tally(PRF(), PRF(), PRF(), PRF())
    errors: Counter = Counter()
    for article, doc in nlp.parse(gold_article(gold) for gold in golds):
        date = time_stage.document_date(article, doc)
        system = time_stage.times(doc, article, date)
        score_doc(by_id[article.id], system, tally, errors)
    report = Report(task="time", dataset=str(path), documents=len(golds))
    report.scores = {
        "extent strict": tally.strict.scores(),
        "extent relaxed": tally.relaxed.scores(),
        "value": tally.value.scores(),
        "type": tally.type.scores(),
        "value accuracy": {
            "accuracy": round(tally.value_correct / tally.matched, 4) if tally.matched else 0.0,
            "matched": tally.matched,
        },
    }
    report.errors = [
        {"kind": kind, "text": text, "gold": gold, "system": system, "count": count}
        for (kind, text, gold, system), count in errors.most_common(60)
    ]
    report.notes = ["relaxed = any overlap, one-to-one; value/type F1 over all timexes (TempEval-3)"]
    return report
