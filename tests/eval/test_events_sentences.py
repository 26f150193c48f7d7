from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval import events_sentences as scorer


def test_pentaclass_mapping() -> None:
    assert [scorer.pentaclass(c) for c in ("010", "0231", "036", "057", "073", "0841", "112", "090", "163", "145",
                                           "173", "190")] == [0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4]


def test_match_root_with_country_agreement_and_wildcards() -> None:
    gold = [("USA", "IRQ", "195"), ("RUS", "UKR", "112")]
    system = [("USAMIL", "---", "190"), ("RUS", "GEO", "111")]
    assert scorer.match(gold, system, level="root", actors=True) == [(0, 0)]
    assert scorer.match(gold, system, level="full", actors=True) == []
    assert scorer.match(gold, system, level="root", actors=False) == [(0, 0), (1, 1)]


def test_match_is_one_to_one() -> None:
    gold = [("USA", "CHN", "042"), ("USA", "CHN", "042")]
    assert len(scorer.match(gold, [("USA", "CHN", "042")], level="full", actors=True)) == 1


def test_bad_gold_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvalError, match="line 2"):
        list(scorer._read_jsonl(path, None))
    tsv = tmp_path / "x_pentaclass.tsv"
    tsv.write_text("a sentence\tseven\n", encoding="utf-8")
    with pytest.raises(EvalError, match="line 1"):
        scorer.evaluate(str(tsv))


@pytest.mark.model
def test_scores_tell_good_from_bad(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "Syrian rebels attacked government troops in Aleppo on Monday.", "no_events": False,
         "events": [{"source": "SYRREB", "target": "SYRMIL", "eventcode": "190"}]},
        {"id": "b", "text": "The weather in Paris was mild on Tuesday.", "no_events": True, "events": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = scorer.evaluate(str(path))
    assert report.scores["triple-root"]["tp"] == 1
    assert report.scores["no-event"]["false events"] == 0
    rows[0]["events"][0]["eventcode"] = "051"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert scorer.evaluate(str(path)).scores["triple-root"]["tp"] == 0


def test_triples_skip_an_actor_meeting_itself() -> None:
    from flashpoint.types import Actor, Event, Evidence

    us, ru = Actor("US", 0, 2, code="USA", country="USA"), Actor("Russia", 4, 10, code="RUS", country="RUS")
    event = Event(id="e", event="CONSULT", mode=None, cameo_code="040", quad_class=1, goldstein=1.0,
                  evidence=Evidence("US and Russia met", 0, 17), actor=(us, ru), recipient=(us, ru))
    assert sorted(scorer.triples(event)) == [("RUS", "USA", "040"), ("USA", "RUS", "040")]
    lone = Event(id="f", event="CONSULT", mode=None, cameo_code="040", quad_class=1, goldstein=1.0,
                 evidence=Evidence("US met", 0, 6), actor=(us,))
    assert scorer.triples(lone) == [("USA", "---", "040")]
