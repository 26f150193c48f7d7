"""The seed scorer's arithmetic on hand-built extractions (no model)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.eval import gold, seed
from flashpoint.types import Actor, Article, Count, DocDate, Event, Evidence, Extraction, Place, Statement, TimeExpr

GOLD = """\
articles:
  - file: article.txt
    document_date: 2023-01-03
    times:
      - {text: Monday night, value: "2023-01-02"}
      - {text: last month, value: "2022-12"}
    places:
      - {text: Bannu, country: PK, admin1: Khyber Pakhtunkhwa, lat: 32.98, lon: 70.6}
      - {text: Kabul, country: AF}
    actors:
      - {text: Khawaja Asif, aliases: [Asif], code: PAKGOV}
      - {text: TTP, code: PAKREB}
    statements:
      - {content: their lands are being used, speaker: PAKGOV, stance: accuse}
    events:
      - {event: ASSAULT, cameo: "19", actor: [PAKMIL], recipient: [PAKREB], dead: 33, date: 2022-12,
         place: {country: PK, admin1: Khyber Pakhtunkhwa}}
      - {event: ACCUSE, actor: [PAKGOV], recipient: [[AFGGOV, AFG]]}
      - {event: THREATEN, modality: conditional}
"""


@pytest.fixture()
def golds(tmp_path: Path) -> list[gold.GoldArticle]:
    (tmp_path / "article.txt").write_text("text", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(GOLD, encoding="utf-8")
    return gold.read(tmp_path / "gold.yaml")


def actor(text: str, code: str | None) -> Actor:
    return Actor(text, 0, 1, name=text, code=code)


def event(kind: str, **fields: object) -> Event:
    base: dict[str, object] = dict(id=kind, event=kind, mode=None, cameo_code="190", quad_class=4, goldstein=-10.0,
                                   evidence=Evidence("s", 0, 1))
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def extraction(**fields: object) -> Extraction:
    article = Article(id="a", text="text", published=dt.date(2023, 1, 3))
    return Extraction(article=article, doc_date=DocDate(dt.date(2023, 1, 3), "metadata", 1.0), **fields)  # type: ignore[arg-type]


def test_nothing_extracted_scores_zero(golds: list[gold.GoldArticle]) -> None:
    report = seed.score(golds, [extraction()])
    for stage in seed.STAGES:
        assert report.scores[stage]["F1"] == 0.0 and report.scores[stage]["fn"] == len(getattr(golds[0], stage))
    assert report.scores["document_date"] == {"accuracy": 1.0, "n": 1}
    assert {e["kind"] for e in report.errors} == {"missed"}


def test_prf_arithmetic(golds: list[gold.GoldArticle]) -> None:
    x = extraction(
        times=(
            TimeExpr("Monday night", 0, 1, "2023-01-02"),  # right
            TimeExpr("last month", 0, 1, "2022-11"),  # found, wrong value
            TimeExpr("yesterday", 0, 1, "2023-01-02"),  # spurious
        ),
        places=(
            Place("Bannu", 0, 1, country_iso2="PK", admin1="Khyber Pakhtunkhwa Province", lat=33.0, lon=70.5),
            Place("Bannu", 5, 6, country_iso2="PK", admin1="Khyber Pakhtunkhwa Province", lat=33.0, lon=70.5),
            Place("Kabul", 0, 1, country_iso3="PAK"),  # wrong country
        ),
        actors=(actor("Asif", "PAKGOV"), actor("Khawaja Asif", "PAKGOV"), actor("TTP", "AFGREB")),
        statements=(Statement("s1", actor("Asif", "PAKGOV"), "said", None, "that their lands are being used for",
                              (0, 1), "indirect", stance="accuse"),),
        events=(
            event("ASSAULT", actor=(actor("army", "PAKMIL"),), recipient=(actor("TTP", "PAKREB"),),
                  dead=Count(best=33), date="2022-12-20",
                  event_loc=Place("Bannu", 0, 1, country_iso3="PAK", admin1="Khyber Pakhtunkhwa")),
            event("ACCUSE", cameo_code="112", actor=(actor("Asif", "PAKGOV"),), recipient=(actor("Kabul", "AFG"),)),
            event("THREATEN", cameo_code="13", modality="asserted"),  # found, wrong modality
            event("PROTEST", cameo_code="14"),  # spurious
        ),
    )
    scores = seed.score(golds, [x]).scores
    assert scores["times"] == {"P": 0.3333, "R": 0.5, "F1": 0.4, "tp": 1, "fp": 2, "fn": 1}
    assert scores["times (found)"] == {"P": 0.6667, "R": 1.0, "F1": 0.8, "tp": 2, "fp": 1, "fn": 0}
    # places are grouped: two mentions of Bannu are one place
    assert scores["places"]["tp"] == 1 and scores["places"]["fp"] == 1 and scores["places"]["fn"] == 1
    assert scores["places (found)"]["tp"] == 2
    # actors grouped by name: Asif and Khawaja Asif are two groups; one matches, the other is spare
    assert scores["actors"] == {"P": 0.3333, "R": 0.5, "F1": 0.4, "tp": 1, "fp": 2, "fn": 1}
    assert scores["statements"] == {"P": 1.0, "R": 1.0, "F1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert scores["events"] == {"P": 0.5, "R": 0.6667, "F1": 0.5714, "tp": 2, "fp": 2, "fn": 1}
    assert scores["events (found)"] == {"P": 0.75, "R": 1.0, "F1": 0.8571, "tp": 3, "fp": 1, "fn": 0}


def test_errors_say_which_fields_are_wrong(golds: list[gold.GoldArticle]) -> None:
    x = extraction(events=(event("ASSAULT", actor=(actor("TTP", "PAKREB"),), recipient=(actor("army", "PAKMIL"),),
                                 dead=Count(low=10, high=20), date="2022-11"),))
    report = seed.score(golds, [x])
    wrong = [e for e in report.errors if e["kind"] == "wrong"]
    assert wrong[0]["stage"] == "events"
    assert wrong[0]["fields"] == ["actor", "recipient", "date", "place", "admin1", "dead"]
    assert wrong[0]["gold_line"].endswith("gold.yaml:16")
    assert report.errors.index(wrong[0]) == 0  # wrong codings come first


@pytest.mark.parametrize(
    ("expected", "count", "ok"),
    [
        (gold.GoldCount(33, 33), Count(best=33), True),
        (gold.GoldCount(33, 33), Count(best=34), False),
        (gold.GoldCount(24, 99), Count(low=24, high=99), True),
        (gold.GoldCount(24, 99), Count(low=100, high=200), False),
        (gold.GoldCount(24, 99), None, False),
    ],
)
def test_count_match(expected: gold.GoldCount, count: Count | None, ok: bool) -> None:
    assert seed.count_match(expected, count) is ok


@pytest.mark.parametrize(
    ("gold_text", "predicted", "ok"),
    [
        ("Khawaja Asif", "Pakistani Defense Minister Khawaja Asif", True),
        ("Khawaja Asif", "Asif", False),  # a fragment shorter than half the gold text
        ("“untrue”", '"untrue"', True),
        ("Nangarhar", "Nangarhār", True),
        ("the Taliban", "Taliban", True),
        ("Kabul", "Islamabad", False),
    ],
)
def test_text_match(gold_text: str, predicted: str, ok: bool) -> None:
    assert seed.text_match(gold_text, predicted) is ok


def test_slots_match_is_strict_on_codes() -> None:
    slots = (frozenset({"PAKMIL"}), frozenset({"PAKREB", "PAKINS"}))
    assert seed.slots_match(slots, [actor("a", "PAKINS"), actor("b", "PAKMIL")])
    assert not seed.slots_match(slots, [actor("a", "PAKMIL")])
    assert not seed.slots_match(slots, [actor("a", "PAKMIL"), actor("b", "AFGGOV")])
    assert seed.slots_match((), [])
