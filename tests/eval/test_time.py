"""TimeBank-style scorer: gold reader, one-to-one matching, TempEval-3 counts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval import time as time_eval
from flashpoint.eval.common import PRF
from flashpoint.types import TimeExpr

TEXT = "He left on Friday and returned two days later, last week."


def gold_line(**override) -> str:
    row = {
        "doc_id": "d1",
        "dct": "1998-03-01T10:00:00",
        "text": TEXT,
        "timexes": [
            {"start": 11, "end": 17, "type": "DATE", "value": "1998-02-27", "text": "Friday"},
            {"start": 31, "end": 45, "type": "DURATION", "value": "P2D", "text": "two days later"},
            {"start": 47, "end": 56, "type": "DATE", "value": "1998-W08", "text": "last week"},
        ],
    }
    row.update(override)
    return json.dumps(row)


def test_read_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n\n", encoding="utf-8")
    [doc] = list(time_eval.read_gold(path))
    assert doc.dct.isoformat() == "1998-03-01"
    assert [t.value for t in doc.timexes] == ["1998-02-27", "P2D", "1998-W08"]
    article = time_eval.gold_article(doc)
    assert article.text == TEXT and article.published == doc.dct


def test_read_gold_rejects_bad_offsets_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    bad = json.loads(gold_line())
    bad["timexes"][0]["start"] = 12
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="line 1"):
        list(time_eval.read_gold(path))
    path.write_text(gold_line(dct="soon") + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="dct"):
        list(time_eval.read_gold(path))


def test_scores_strict_relaxed_and_value(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n", encoding="utf-8")
    [gold] = list(time_eval.read_gold(path))
    system = (
        TimeExpr("Friday", 11, 17, "1998-02-27"),  # exact, right value
        TimeExpr("two days", 31, 39, "P3D", "DURATION"),  # overlap only, wrong value
        TimeExpr("He", 0, 2, "PRESENT_REF"),  # spurious
    )
    tally = time_eval.Tally(PRF(), PRF(), PRF(), PRF())
    errors: Counter = Counter()
    time_eval.score_doc(gold, system, tally, errors)
    assert (tally.strict.tp, tally.strict.fp, tally.strict.fn) == (1, 2, 2)
    assert (tally.relaxed.tp, tally.relaxed.fp, tally.relaxed.fn) == (2, 1, 1)
    assert (tally.value.tp, tally.value.fp, tally.value.fn) == (1, 2, 2)
    assert tally.matched == 2 and tally.value_correct == 1
    kinds = Counter(key[0] for key in errors.elements())
    assert kinds == Counter({"missed": 1, "spurious": 1, "value": 1})


def test_matching_is_one_to_one() -> None:
    gold = (time_eval.GoldTimex(0, 10, "DATE", "1998", "x" * 10),)
    system = (TimeExpr("a", 0, 4, "1998"), TimeExpr("b", 5, 10, "1998"))
    assert len(time_eval.match(gold, system)) == 1


@pytest.mark.model
def test_evaluate_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n", encoding="utf-8")
    report = time_eval.evaluate(str(path))
    assert report.documents == 1
    assert report.scores["extent relaxed"]["R"] == 1.0
    assert report.scores["value"]["tp"] >= 2
    assert "extent strict" in report.table()
