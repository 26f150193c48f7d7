"""Calendar arithmetic behind TIMEX3 values: weeks, quarters, seasons, movable feasts."""

from __future__ import annotations

import datetime as dt

SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def shift_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def shift_years(year: int, years: int) -> int:
    return year + years


def iso_week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(date: dt.date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + quarters
    return index // 4, index % 4 + 1


def season_of(date: dt.date) -> tuple[int, str]:
    """The season a date falls in; winter belongs to the year its December lies in."""
    month = date.month
    if month in (3, 4, 5):
        return date.year, "SP"
    if month in (6, 7, 8):
        return date.year, "SU"
    if month in (9, 10, 11):
        return date.year, "FA"
    return (date.year if month == 12 else date.year - 1), "WI"


def weekday_near(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of an ISO weekday (1=Monday) seen from ``anchor``.

    direction: "past" -> the same day if it matches, else the previous one (news convention:
    a bare weekday in a report usually names the report's own day or one of the days before);
    "future" -> the next one (not the anchor day); "last" -> strictly before; "next" ->
    strictly after; "this" -> within the anchor's ISO week.
    """
    delta = weekday - anchor.isoweekday()
    if direction == "this":
        return anchor + dt.timedelta(days=delta)
    if direction == "past":
        return anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "last":
        return anchor + dt.timedelta(days=delta if delta < 0 else delta - 7)
    if direction == "future":
        return anchor + dt.timedelta(days=delta if delta > 0 else delta + 7)
    # "next": the one in the coming days, not today
    return anchor + dt.timedelta(days=delta if delta > 0 else delta + 7)


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    offset = (4 - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 21)


def holiday(code: str, year: int) -> dt.date | None:
    if code == "easter":
        return easter(year)
    if code == "thanksgiving":
        return thanksgiving(year)
    month, day = (int(part) for part in code.split("-"))
    return valid_date(year, month, day)


def pivot_two_digit_year(two: int, anchor_year: int) -> int:
    """A two-digit year read as the year within 50 years before (or 10 after) the anchor."""
    century = anchor_year - anchor_year % 100
    year = century + two
    if year > anchor_year + 10:
        year -= 100
    elif year < anchor_year - 89:
        year += 100
    return year


def first_day(value: str | None) -> dt.date | None:
    """The first calendar day of an ISO date at any precision: 2022-12 -> 2022-12-01, 2022-W52 -> its Monday,
    2022 -> 1 January; None for values with no calendar start (2022-Q3, XXXX-WXX-1)."""
    if not value:
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10])
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return dt.date(int(value[:4]), int(value[5:]), 1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None
