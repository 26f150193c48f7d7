"""Property tests: the time normaliser and the gold readers never crash or hang on arbitrary input;
bad gold files fail with EvalError and a message naming the problem."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import EvalError, InputError
from flashpoint.eval import gold, quotes
from flashpoint.eval import time as time_eval
from flashpoint.extract.timex import finder
from flashpoint.extract.timex.docdate import document_date
from flashpoint.ingest.article import make_article
from flashpoint.types import TimeExpr

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

TIME_WORDS = [
    "Feb 30", "February 30, 2023", "30 February 2023", "31/02/2023", "2023-02-30", "29 Feb 2100", "Feb. 29",
    "'99", "in '05", "12/31/99", "1/1/00", "year 9999", "9999", "December 31, 9999", "January 1, 0001", "0000",
    "10000", "the 1990s", "the nineties", "the 21st century", "the twenty-first century", "Q4", "the fourth quarter",
    "last quarter", "next year", "last year", "a year ago", "two years ago", "99999 years ago", "1e308 days",
    "next week", "last week", "this weekend", "Monday", "last Monday", "next Friday", "tomorrow", "yesterday",
    "tonight", "this morning", "at 3 p.m.", "25:61", "12:00", "noon", "midnight", "Christmas", "Easter", "Ramadan",
    "Thanksgiving", "summer", "last winter", "spring 2024", "mid-2023", "early 1990", "late 2099", "the 1800s",
    "for three days", "a 40-hour siege", "every week", "daily", "for decades", "since 2001", "from 2019 to 2021",
    "2019-2021", "between March and May", "on the 31st", "the 32nd", "June 31", "now", "currently", "recently",
    "that day", "the following year", "the previous month", "a million years", "0 days ago", "-5 days",
    " ", "\n", ",", ".", "-", "/", "the", "in", "on", "of", "2", "30", "1999", "2023", "Sunday's",
]

time_text = st.lists(st.sampled_from(TIME_WORDS), max_size=40).map(" ".join) | st.text(max_size=400)
anchors = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)) | st.sampled_from(
    [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2000, 2, 29), dt.date(1999, 12, 31), dt.date(2100, 3, 1)])


@SETTINGS
@given(text=time_text, dct=anchors)
def test_time_finder_never_crashes(text: str, dct: dt.date | None) -> None:
    found = finder.find(text, None, dct)
    for timex in found:
        assert isinstance(timex, TimeExpr)
        assert 0 <= timex.start < timex.end <= len(text)
        assert timex.text == text[timex.start:timex.end]
        if timex.value is not None and timex.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
            dt.date.fromisoformat(timex.value)  # a day value is a real calendar day


@SETTINGS
@given(text=time_text, published=st.none() | st.sampled_from(
    ["2023-02-30", "9999-12-31", "0001-01-01", "99", "Feb 30 2023", "2023-01-03", "31/12/99", "not a date"]))
def test_document_date_never_crashes(text: str, published: str | None) -> None:
    try:
        article = make_article(text or "x", published=published)
    except InputError as exc:  # make_article may refuse input, but only with a message
        assert str(exc)
        return
    document_date(article)


yaml_like = st.lists(st.sampled_from([
    "format: 1\n", "articles:\n", "- id: a\n", "  text: Troops clashed on Monday.\n", "  published: 2023-02-30\n",
    "  published: 9999-12-31\n", "  events:\n", "  - event: ASSAULT\n", "    trigger: [7, 14]\n", "    trigger: [14, 7]\n",
    "    actor: {text: Troops, start: 0, end: 6}\n", "    date: '2023-01-02'\n", "  times:\n", "  - {text: Monday, start: 18}\n",
    "  statements: 5\n", "  places: [1, 2]\n", "&a [*a]\n", "!!python/object:os.system\n", "{{{\n", ": :\n", "\t\n",
    "  - null\n", "  - ~\n", "key: value\n", "articles: 7\n", "articles: []\n", "  id: [1]\n", "- - -\n",
]), max_size=30).map("".join) | st.text(max_size=500)


@SETTINGS
@given(text=yaml_like)
def test_gold_yaml_reader_accepts_or_explains(text: str) -> None:
    try:
        articles = gold.parse(text, Path("gold.yaml"))
    except EvalError as exc:
        assert str(exc)
        return
    assert isinstance(articles, list)


brat_like = st.lists(st.sampled_from([
    "T1\tSource 0 5\tTroops", "T2\tCue 6 10\tsaid", "T3\tContent 11 20;22 30\tsomething", "T4\tContent 5 1\tx",
    "T5\tCue a b\tx", "T6\tCue\tx", "T7", "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3", "E2\tAttribution:T9 Cue:T9",
    "E3", "E4\tSource2:T1", "#note", "", "A1\tFactuality T1 x", "R1\tRel Arg1:T1 Arg2:T2", "T8\tCue 99999999999 1e9\t",
    "T9\tCue 1 2;\tx", "\tT1\tCue 1 2", "T10\tSource 0 0\t",
]), max_size=20).map("\n".join) | st.text(max_size=400)


@SETTINGS
@given(ann=brat_like)
def test_brat_reader_accepts_or_explains(ann: str) -> None:
    try:
        found = quotes.read_brat(ann, origin="x.ann")
    except EvalError as exc:
        assert "x.ann" in str(exc)
        return
    for attribution in found:
        for start, end in attribution.source + attribution.cue + attribution.content:
            assert 0 <= start <= end


json_value = st.recursive(st.none() | st.booleans() | st.integers(-10, 10**12) | st.floats(allow_nan=True)
                          | st.text(max_size=20),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                       max_size=3), max_leaves=12)
record = st.fixed_dictionaries({}, optional={
    "doc_id": json_value, "dct": st.sampled_from(["2023-01-03", "2023-02-30", "9999-12-31", "", "x"]) | json_value,
    "text": st.text(max_size=60) | json_value,
    "timexes": st.lists(st.fixed_dictionaries({}, optional={
        "start": st.integers(-5, 80) | json_value, "end": st.integers(-5, 80) | json_value,
        "type": st.sampled_from(["DATE", "DURATION"]) | json_value, "value": json_value,
        "text": st.text(max_size=10) | json_value}), max_size=3) | json_value,
})


@SETTINGS
@given(rows=st.lists(record | json_value, max_size=5), junk=st.sampled_from(["", "{", "\n\n", "[1,", "\ud800"]))
def test_timex_jsonl_reader_accepts_or_explains(tmp_path_factory, rows: list, junk: str) -> None:
    path = Path(tmp_path_factory.mktemp("t")) / "gold.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n" + junk, encoding="utf-8", errors="replace")
    try:
        docs = list(time_eval.read_gold(path))
    except EvalError as exc:
        assert str(path) in str(exc)
        return
    for doc in docs:
        for timex in doc.timexes:
            assert doc.text[timex.start:timex.end] == timex.text


def test_regressions_found_by_the_fuzzers(tmp_path: Path) -> None:
    assert finder.find("next week", None, dt.date(9999, 12, 31)) is not None  # date arithmetic past year 9999
    assert finder.find("a week ago", None, dt.date(1, 1, 1)) is not None
    try:
        gold.parse("articles:\n- id: a\n  published: 2023-02-30\n", Path("g.yaml"))
    except EvalError as exc:
        assert "line 3" in str(exc) and "2023-02-30" in str(exc)
    else:
        raise AssertionError("Feb 30 accepted")
    for row in (('{"dct": "2023-01-01", "text": "abc", "timexes": [{"start": Infinity, "end": 1, "type": "DATE", '
                '"value": "x", "text": "a"}]}'), '{"dct": "2023-01-01", "text": 5, "timexes": []}'):
        path = tmp_path / "g.jsonl"
        path.write_text(row + "\n", encoding="utf-8")
        try:
            list(time_eval.read_gold(path))
        except EvalError as exc:
            assert "line 1" in str(exc)
        else:
            raise AssertionError(f"accepted {row}")
