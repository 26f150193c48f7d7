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
        if name == "decade":
            return "PXE"
        if name == "century":
            return "PXC"
        return f"{prefix}X{letter}"
    amount *= multiplier
    if not float(amount).is_integer():
        whole = int(amount)
        if letter == "Y":
            return f"P{whole}Y6M" if whole else "P6M"
        if letter == "H":
            return f"PT{whole}H30M" if whole else "PT30M"
        if letter == "D":
            return f"P{whole}DT12H" if whole else "PT12H"
    return f"{prefix}{_fmt(amount)}{letter}"


def granularity_of(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d\d-\d\dT.*", value):
        return "time"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-(Q\d|H\d)", value):
        return "quarter"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if re.fullmatch(r"\d{2}", value):
        return "century"
    if value.startswith("P"):
        return "duration"
    return "unknown"


def date_norm(value: str | None, *, anchored: bool = True, confidence: float = 0.9, type: str = "DATE") -> Norm:
    return Norm(value, type, granularity_of(value) if value else "unknown", anchored, confidence)


def at_granularity(date: dt.date, letter: str) -> str:
    if letter == "Y":
        return f"{date.year:04d}"
    if letter == "M":
        return f"{date.year:04d}-{date.month:02d}"
    if letter == "W":
        return cal.iso_week(date)
    if letter == "Q":
        year, quarter = cal.quarter_of(date)
        return f"{year:04d}-Q{quarter}"
    return date.isoformat()


def shift(date: dt.date, amount: float, letter: str, multiplier: int) -> dt.date | None:
    steps = int(round(amount * multiplier))
    try:
        if letter == "Y":
            return dt.date(date.year + steps, date.month, min(date.day, 28))
        if letter == "Q":
            return cal.shift_months(date, 3 * steps)
        if letter == "M":
            return cal.shift_months(date, steps)
        if letter == "W":
            return date + dt.timedelta(weeks=steps)
        return date + dt.timedelta(days=steps)
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
