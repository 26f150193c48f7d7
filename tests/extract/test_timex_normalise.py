"""The per-granularity tables of timex/normalise.py: value shapes, halves, shifts."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.extract.timex import lexicon
from flashpoint.extract.timex.normalise import at_granularity, duration_value, granularity_of, shift


@pytest.mark.parametrize("value, expected", [
    ("2023-01-02T10:30", "time"), ("2023-01-02TNI", "time"), ("2023-01-02", "day"), ("2023-W05", "week"),
    ("2023-W05-WE", "week"), ("2023-01", "month"), ("2023-SU", "season"), ("2023-Q3", "quarter"),
    ("2023-H1", "quarter"), ("2023", "year"), ("202", "decade"), ("20", "century"), ("P3D", "duration"),
    ("PXY", "duration"), ("PRESENT_REF", "duration"), ("FUTURE_REF", "unknown"), ("2023-13-01x", "unknown"),
    ("2", "unknown"), ("", "unknown"),
])
def test_granularity_of(value: str, expected: str) -> None:
    assert granularity_of(value) == expected


@pytest.mark.parametrize("letter, expected", [
    ("Y", "2023"), ("M", "2023-01"), ("W", "2022-W52"), ("Q", "2023-Q1"), ("D", "2023-01-01"), ("H", "2023-01-01"),
])
def test_at_granularity(letter: str, expected: str) -> None:
    assert at_granularity(dt.date(2023, 1, 1), letter) == expected


@pytest.mark.parametrize("amount, unit, expected", [
    (1.5, "years", "P1Y6M"), (0.5, "year", "P6M"), (2.5, "hours", "PT2H30M"), (0.5, "hour", "PT30M"),
    (1.5, "days", "P1DT12H"), (0.5, "day", "PT12H"), (1.5, "weeks", "P1.5W"), (3, "months", "P3M"),
    (None, "decades", "PXE"), (None, "century", "PXC"), (None, "weeks", "PXW"), (None, "hours", "PTXH"),
])
def test_duration_values(amount: float | None, unit: str, expected: str) -> None:
    assert duration_value(amount, unit, lexicon.load()) == expected


@pytest.mark.parametrize("amount, letter, expected", [
    (1, "Y", dt.date(2024, 1, 28)), (-1, "Q", dt.date(2022, 10, 1)), (2, "M", dt.date(2023, 3, 1)),
    (-2, "W", dt.date(2023, 1, 17)), (3, "D", dt.date(2023, 2, 3)), (1, "H", dt.date(2023, 2, 1)),
])
def test_shift(amount: float, letter: str, expected: dt.date) -> None:
    assert shift(dt.date(2023, 1, 31), amount, letter, 1) == expected


def test_shift_out_of_range_is_none() -> None:
    assert shift(dt.date(9999, 12, 1), 1, "M", 1) is None
    assert shift(dt.date(2023, 1, 1), 10**9, "W", 1) is None
