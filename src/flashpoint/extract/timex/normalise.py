"""Turn one finder match into a TIMEX3 value, anchored on the document date and the verb's tense.

Conventions follow the TimeML/TIMEX3 guidelines and TimeBank practice: a bare weekday in a news
report is the report's own day or one of the six days before it, unless the governing verb points
forward; a month without a year is the nearest one on the side the tense points to; "the quarter"
in a business report is the last completed quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flashpoint.extract.timex import calendar as cal
from flashpoint.extract.timex.lexicon import Lexicon

TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4,
}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}
CENTURY_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}
ANAPHORIC = {"that", "the same", "the following", "the previous", "the preceding", "the next", "the prior"}
# Unvalued durations of units without a letter of their own.
VAGUE_DURATION = {"decade": "PXE", "century": "PXC"}
# A fractional amount of these units is written as whole units and half of one in the next smaller
# unit (``{}`` the whole units): 1.5 years is P1Y6M, half a year P6M.
HALF_UNIT = {"Y": ("P{}Y6M", "P6M"), "TH": ("PT{}H30M", "PT30M"), "D": ("P{}DT12H", "PT12H"),
             "TM": ("PT{}M30S", "PT30S")}
# The granularity of a value: the first shape that matches it whole.
GRANULARITY = tuple((re.compile(pattern), name) for pattern, name in (
    (r"\d{4}-\d\d-\d\dT.*", "time"),
    (r"\d{4}-\d\d-\d\d", "day"),
    (r"\d{4}-W\d\d(-WE)?", "week"),
    (r"\d{4}-\d\d", "month"),
    (r"\d{4}-(SP|SU|FA|WI)", "season"),
    (r"\d{4}-(Q\d|H\d)", "quarter"),
    (r"\d{4}", "year"),
    (r"\d{3}", "decade"),
    (r"\d{2}", "century"),
    (r"(?s)P.*", "duration"),
))
MONTHS_PER_UNIT = {"Q": 3, "M": 1}
DAYS_PER_UNIT = {"W": 7}


@dataclass(frozen=True)
class Norm:
    value: str | None
    type: str = "DATE"
    granularity: str = "day"
    anchored: bool = True
    confidence: float = 0.9


@dataclass
class Context:
    """What a normaliser may look at besides the match itself."""

    dct: dt.date | None
    lexicon: Lexicon
    tense: Callable[[int, int], str] = lambda start, end: "none"
    anchor_at: Callable[[int], dt.date | None] | None = None
    last_date: dt.date | None = None  # the latest explicit date seen, for "that day", "the following year"
    last_granularity: str = "day"
    notes: list[str] = field(default_factory=list)

    def anchor(self, start: int) -> dt.date | None:
        if self.anchor_at is not None:
            found = self.anchor_at(start)
            if found is not None:
                return found
        return self.dct


def words(text: str) -> str:
    return " ".join(text.lower().split())


def number(text: str | None, lexicon: Lexicon) -> float | None:
    """The value of a number phrase; None for vague ones ("several", "a few")."""
    if text is None:
        return None
    phrase = words(text)
    half = 0.0
    if phrase.endswith(" and a half"):
        phrase, half = phrase[: -len(" and a half")], 0.5
    if phrase.endswith(" 1/2"):
        phrase, half = phrase[:-4], 0.5
    if phrase in lexicon.vague_numbers:
        return None
    try:
        return float(phrase.replace(",", "")) + half
    except ValueError:
        pass
    if phrase in lexicon.numbers:
        return lexicon.numbers[phrase] + half
    parts = re.split(r"[-\s]", phrase)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in lexicon.numbers:
        return TENS[parts[0]] + lexicon.numbers[parts[1]] + half
    return None


def _fmt(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def unit_of(word: str, lexicon: Lexicon) -> tuple[str, tuple[str, bool, int]] | None:
    word = words(word).removesuffix("-long").removesuffix("-old")
    for candidate in (word, word[:-1], word[:-3] + "y" if word.endswith("ies") else word):
        if candidate in lexicon.units:
            return candidate, lexicon.units[candidate]
    return None


def duration_value(amount: float | None, unit: str, lexicon: Lexicon) -> str | None:
    found = unit_of(unit, lexicon)
    if found is None:
        return None
    name, (letter, is_time, multiplier) = found
    prefix = "PT" if is_time else "P"
    if amount is None:
        return VAGUE_DURATION.get(name, f"{prefix}X{letter}")
    amount *= multiplier
    half_key = ("T" if is_time else "") + letter
    if not float(amount).is_integer() and half_key in HALF_UNIT:
        whole = int(amount)
        with_whole, alone = HALF_UNIT[half_key]
        return with_whole.format(whole) if whole else alone
    return f"{prefix}{_fmt(amount)}{letter}"


def granularity_of(value: str) -> str:
    return next((name for pattern, name in GRANULARITY if pattern.fullmatch(value)), "unknown")


def date_norm(value: str | None, *, anchored: bool = True, confidence: float = 0.9, type: str = "DATE") -> Norm:
    return Norm(value, type, granularity_of(value) if value else "unknown", anchored, confidence)


def _quarter(date: dt.date) -> str:
    year, quarter = cal.quarter_of(date)
    return f"{year:04d}-Q{quarter}"


VALUE_AT: dict[str, Callable[[dt.date], str]] = {
    "Y": lambda date: f"{date.year:04d}",
    "M": lambda date: f"{date.year:04d}-{date.month:02d}",
    "W": cal.iso_week,
    "Q": _quarter,
}


def at_granularity(date: dt.date, letter: str) -> str:
    """The value of the unit (Y, Q, M, W; else the day) that contains ``date``."""
    return VALUE_AT[letter](date) if letter in VALUE_AT else date.isoformat()


def shift(date: dt.date, amount: float, letter: str, multiplier: int) -> dt.date | None:
    steps = int(round(amount * multiplier))
    try:
        if letter == "Y":
            return dt.date(date.year + steps, date.month, min(date.day, 28))
        if letter in MONTHS_PER_UNIT:
            return cal.shift_months(date, MONTHS_PER_UNIT[letter] * steps)
        return date + dt.timedelta(days=DAYS_PER_UNIT.get(letter, 1) * steps)
    except (ValueError, OverflowError):
        return None


def month_year(month: int, anchor: dt.date, tense: str, rel: str | None) -> int:
    """The year of a month named without one, seen from ``anchor``."""
    if rel in ("last", "this past"):
        # the month just gone would be "last month": "last February" said in March is a year back
        return anchor.year if month < anchor.month - 1 else anchor.year - 1
    if rel in ("next", "this coming"):
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    gap = month - anchor.month
    if tense == "past":
        return anchor.year - 1 if gap > 2 else anchor.year
    if tense == "future":
        return anchor.year + 1 if gap < -3 else anchor.year
    # no tense to go by: news looks back more often than forward
    if gap > 3:
        return anchor.year - 1
    if gap < -7:
        return anchor.year + 1
    return anchor.year


def day_year(month: int, day: int, anchor: dt.date, tense: str) -> int:
    candidate = cal.valid_date(anchor.year, month, min(day, 28)) or anchor
    gap = (candidate - anchor).days
    if tense == "past" and gap > 75:
        return anchor.year - 1
    if tense == "future" and gap < -100:
        return anchor.year + 1
    if gap > 120 and tense != "future":
        return anchor.year - 1
    if gap < -220 and tense != "past":
        return anchor.year + 1
    return anchor.year
