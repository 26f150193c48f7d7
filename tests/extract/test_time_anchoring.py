"""Time stage: weekdays seen from the report's day, parts of days, and the cues that point a time forward."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract import time as time_stage
from flashpoint.extract.timex import finder, lexicon
from flashpoint.types import Article, DocDate

THURSDAY = dt.date(2000, 4, 6)


def values(text: str, dct: dt.date = THURSDAY) -> list[tuple[str, str | None, str]]:
    return [(t.text, t.value, t.type) for t in finder.find(text, None, dct)]


@pytest.mark.parametrize("text", [
    "He will travel to Washington on Thursday.",
    "He travelled to Washington on Thursday.",
    "On Thursday the court ruled.",
])
def test_the_reports_own_weekday_is_the_report_day(text: str) -> None:
    assert values(text) == [("Thursday", "2000-04-06", "DATE")]


def test_next_weekday_still_looks_a_week_ahead() -> None:
    assert values("He will travel next Thursday.") == [("next Thursday", "2000-04-13", "DATE")]


@pytest.mark.parametrize("text, expected", [
    ("Castro spoke Wednesday night.", ("Wednesday night", "2000-04-05TNI", "TIME")),
    ("The raid began early Monday morning.", ("early Monday morning", "2000-04-03TMO", "TIME")),
    ("Talks resumed Tuesday afternoon.", ("Tuesday afternoon", "2000-04-04TAF", "TIME")),
    ("Flights leave on Tuesday nights.", ("Tuesday nights", "XXXX-WXX-2TNI", "SET")),
])
def test_weekday_with_a_part_of_the_day_is_a_time(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_forward_word_lists_are_checked_at_load() -> None:
    from importlib import resources

    shipped = resources.files("flashpoint.kb").joinpath("time/lexicon.yaml").read_text(encoding="utf-8")
    assert "as early as" in lexicon.parse(shipped).forward_cues
    with pytest.raises(KnowledgeBaseError, match="forward_cues"):
        lexicon.parse(shipped.replace("  - as early as", "  - As Early As"), "lex.yaml")


def _model_values(text: str, dct: dt.date = THURSDAY) -> dict[str, str | None]:
    from flashpoint import nlp

    article = Article(id="t", text=text)
    doc = nlp.parse_one(article)
    return {t.text: t.value for t in time_stage.times(doc, article, DocDate(dct, "override", 1.0))}


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # a verb of intent looks ahead of the report even in the past tense
    ("The team planned to leave Nairobi on Friday for Dar es Salaam.", {"Friday": "2000-04-07"}),
    ("The company has scheduled a news conference Monday.", {"Monday": "2000-04-10"}),
    # a forward cue before the weekday
    ("The relatives might come to the U.S. as early as Tuesday.", {"Tuesday": "2000-04-11"}),
    ("Officials postponed until Tuesday any action on the case.", {"Tuesday": "2000-04-11"}),
    # the plain past stays in the past; so does a plan that had run out
    ("The team left Nairobi on Friday.", {"Friday": "2000-03-31"}),
    ("The offer had been due to expire Monday.", {"Monday": "2000-04-03"}),
])
def test_cues_that_point_a_weekday_forward(text: str, expected: dict[str, str]) -> None:
    assert _model_values(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the possessive is left out of the extent, and a quarter's determiner goes with the noun phrase
    ("Tuesday's vote was close.", [("Tuesday", "2000-04-04", "DATE")]),
    ("It took a third-quarter charge.", [("third-quarter", "2000-Q3", "DATE")]),
    # "for the year" is the current year; "the year ended March 31" a twelve-month span
    ("For the year, sales rose 5%.", [("the year", "2000", "DATE")]),
    ("Sales for the year ended March 31 rose.", [("the year", "P1Y", "DURATION"), ("March 31", "2000-03-31", "DATE")]),
    # "last Oct. 23": the latest one before the report
    ("He was shot last Oct. 23 at home.", [("last Oct. 23", "1999-10-23", "DATE")]),
    # a holiday without a year: the nearest one, not one ten months ahead
    ("He was found on Thanksgiving Day.", [("Thanksgiving Day", "1999-11-25", "DATE")]),
    ("A pilot called a minute and a half later.", [("a minute and a half", "PT1M30S", "DURATION")]),
])
def test_extents_and_values(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "Iraq imports about three-quarters of its food.",
    "The group began to fall apart.",
    "Prices are expected to fall further.",
    "Unemployment is near its quarter-century low.",
])
def test_not_times(text: str) -> None:
    assert values(text) == []


def test_from_spring_to_fall_is_still_a_season() -> None:
    assert values("The talks ran from spring to fall.") == [("spring", "2000-SP", "DATE"), ("fall", "2000-FA", "DATE")]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # a time that qualifies a noun does not take the clause's tense
    ("They will look for ways to get around Wednesday's ruling.", {"Wednesday": "2000-04-05"}),
    ("The firm is still trying to sell itself under a June agreement.", {"June": "2000-06"}),
    ("The new pact takes effect, effective June 1.", {"June 1": "2000-06-01"}),
])
def test_noun_modifiers_and_effective(text: str, expected: dict[str, str]) -> None:
    assert _model_values(text) == expected


@pytest.mark.parametrize("text, dct, expected", [
    ("A hearing is set for the week of March 6.", dt.date(2000, 2, 24), [("the week of March 6", "2000-W10", "DATE")]),
    ("They met over the weekend of March 4.", dt.date(2000, 3, 8), [("the weekend of March 4", "2000-W09-WE", "DATE")]),
    ("January nineteen ninety-seven. Atlanta again.", dt.date(1998, 2, 27),
     [("January nineteen ninety-seven", "1997-01", "DATE")]),
    ("Prices fell to the level of the winter of nineteen ninety-four.", dt.date(1998, 2, 23),
     [("the winter of nineteen ninety-four", "1994-WI", "DATE")]),
])
def test_a_week_of_a_day_and_a_month_of_a_spoken_year_are_one_expression(
    text: str, dct: dt.date, expected: list[tuple[str, str, str]]
) -> None:
    assert values(text, dct) == expected


@pytest.mark.parametrize("text, expected", [
    ("By mid afternoon, officials were saying the village had fallen.", [("mid afternoon", "2000-04-06TAF", "TIME")]),
    ("In London at mid-afternoon yesterday, shares were up.", [("mid-afternoon yesterday", "2000-04-05TAF", "TIME")]),
])
def test_the_middle_of_a_part_of_the_day(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text) == expected
