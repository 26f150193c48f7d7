"""One normaliser per finder rule: ``(match, context) -> Norm | None`` (None drops the match)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from flashpoint.extract.timex import calendar as cal
from flashpoint.extract.timex.normalise import (
    ANAPHORIC,
    CENTURY_WORDS,
    DECADE_WORDS,
    ORDINALS,
    Context,
    Norm,
    at_granularity,
    date_norm,
    day_year,
    duration_value,
    month_year,
    number,
    shift,
    unit_of,
    words,
)

Rule = Callable[[re.Match[str], Context], Norm | None]
_CLOCK = re.compile(r"(?P<hour>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?|o'clock)?|(?P<word>noon|midnight|midday)", re.I)


def _g(match: re.Match[str], name: str) -> str | None:
    value = match.groupdict().get(name)
    return words(value) if value else None


def _month(match: re.Match[str], ctx: Context) -> int | None:
    word = _g(match, "month")
    return ctx.lexicon.months.get(word.rstrip(".")) if word else None


def _clock(text: str | None) -> str | None:
    if not text:
        return None
    found = None
    for found in _CLOCK.finditer(text):
        if found.group("word") or found.group("ampm"):
            break
    if found is None:
        return None
    if found.group("word"):
        return {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[found.group("word").lower()]
    hour, minute = int(found.group("hour")), int(found.group("min") or 0)
    ampm = (found.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def _year_digits(text: str, anchor: dt.date | None) -> int:
    if text.startswith("'"):
        return cal.pivot_two_digit_year(int(text[1:]), anchor.year if anchor else 2000)
    if len(text) == 2:
        return cal.pivot_two_digit_year(int(text), anchor.year if anchor else 2000)
    return int(text)


def _remember(ctx: Context, date: dt.date, granularity: str) -> None:
    ctx.last_date, ctx.last_granularity = date, granularity


def full_date(match: re.Match[str], ctx: Context) -> Norm | None:
    month = _month(match, ctx)
    if month is None:
        month = int(match.group("month")) if match.group("month").isdigit() else None
    if month is None or not 1 <= month <= 12:
        return None
    day = int(match.group("day"))
    anchor = ctx.anchor(match.start())
    confidence = 0.95
    if match.group("year"):
        year = _year_digits(match.group("year"), anchor)
        anchored = False
        if len(match.group("year")) <= 3:
            confidence = 0.7
    elif anchor is not None and _g(match, "rel"):
        year = _year_of_rel(month, day, anchor, _g(match, "rel") or "")
        anchored, confidence = True, 0.85
    elif anchor is not None:
        year = day_year(month, day, anchor, ctx.tense(match.start(), match.end()))
        anchored, confidence = True, 0.85
    else:
        return Norm(f"XXXX-{month:02d}-{day:02d}", "DATE", "day", False, 0.5)
    date = cal.valid_date(year, month, day)
    if date is None:  # "February 30": keep what is certain, the month
        return Norm(f"{year:04d}-{month:02d}", "DATE", "month", anchored, 0.3)
    weekday = _g(match, "wd")
    if weekday and ctx.lexicon.weekdays.get(weekday) != date.isoweekday():
        confidence = min(confidence, 0.5)
    if anchor is not None and date.year > anchor.year + 30:
        confidence = min(confidence, 0.4)
    _remember(ctx, date, "day")
    clock = _clock(match.groupdict().get("clock"))
    if clock:
        return Norm(date.isoformat() + clock, "TIME", "time", anchored, confidence)
    return Norm(date.isoformat(), "DATE", "day", anchored, confidence)


def _year_of_rel(month: int, day: int, anchor: dt.date, rel: str) -> int:
    """"last Oct. 23": the latest one before the anchor; "next Oct. 23": the first one after it."""
    this_year = cal.valid_date(anchor.year, month, min(day, 28)) or anchor
    if rel in ("last", "this past"):
        return anchor.year if this_year < anchor else anchor.year - 1
    return anchor.year if this_year > anchor else anchor.year + 1


def month(match: re.Match[str], ctx: Context) -> Norm | None:
    number_ = _month(match, ctx)
    if number_ is None:
        return None
    anchor = ctx.anchor(match.start())
    if match.group("year"):
        year = _year_digits(match.group("year"), anchor)
        _remember(ctx, dt.date(year, number_, 1), "month")
        return Norm(f"{year:04d}-{number_:02d}", "DATE", "month", False, 0.95)
    if anchor is None:
        return Norm(f"XXXX-{number_:02d}", "DATE", "month", False, 0.5)
    yrel = _g(match, "yrel")
    if yrel:
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[yrel]
    else:
        rel = _g(match, "rel")
        rel = rel if rel in ("last", "this", "next", "this past", "this coming") else None
        if _g(match, "rel") == "that" and ctx.last_date is not None:
            year = ctx.last_date.year
        else:
            year = month_year(number_, anchor, ctx.tense(match.start(), match.end()), rel)
    _remember(ctx, dt.date(year, number_, 1), "month")
    return Norm(f"{year:04d}-{number_:02d}", "DATE", "month", True, 0.85)


def season(match: re.Match[str], ctx: Context) -> Norm | None:
    code = ctx.lexicon.seasons[_g(match, "season") or ""]
    anchor = ctx.anchor(match.start())
    if match.group("year"):
        return Norm(f"{int(match.group('year')):04d}-{code}", "DATE", "season", False, 0.9)
    if anchor is None:
        return Norm(f"XXXX-{code}", "DATE", "season", False, 0.5)
    now_year, now_code = cal.season_of(anchor)
    order = ["WI", "SP", "SU", "FA"]

    def season_index(year: int, season_code: str) -> int:
        # winter of year Y (Dec Y - Feb Y+1) comes after fall of Y
        return year * 4 + (order.index(season_code) if season_code != "WI" else 4)

    now = season_index(now_year, now_code)
    rel = _g(match, "rel") or ""
    tense = ctx.tense(match.start(), match.end())
    candidates = [(y, season_index(y, code)) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if rel == "this":
        # "this winter" said in January is the winter under way (it began last December); said from March
        # on, the one ahead
        year = anchor.year if code != "WI" or anchor.month >= 3 else anchor.year - 1
    elif rel in ("last", "this past") or (rel not in ("next", "this coming") and tense == "past"):
        strict = rel in ("last",)
        past = [c for c in candidates if (c[1] < now if strict else c[1] <= now)]
        year = max(past, key=lambda c: c[1])[0] if past else anchor.year - 1
    elif rel in ("next", "this coming") or tense == "future":
        strict = rel == "next"
        ahead = [c for c in candidates if (c[1] > now if strict else c[1] >= now)]
        year = min(ahead, key=lambda c: c[1])[0] if ahead else anchor.year + 1
    else:
        # "this winter" said in January is the winter under way (it began last December); said from March
        # on, the one ahead
        year = anchor.year if code != "WI" or anchor.month >= 3 else anchor.year - 1
    return Norm(f"{year:04d}-{code}", "DATE", "season", True, 0.8)


def year(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    value = _year_digits(match.group("year"), anchor)
    confidence = 0.9 if len(match.group("year")) == 4 else 0.6
    if anchor is not None and value > anchor.year + 30:
        confidence = 0.4
    _remember(ctx, dt.date(value, 1, 1), "year")
    return Norm(f"{value:04d}", "DATE", "year", False, confidence)


def spoken_year(match: re.Match[str], ctx: Context) -> Norm | None:
    tens = _g(match, "tens")
    if tens is not None:
        if tens == "hundred":
            value = 1900
        else:
            amount = number(tens, ctx.lexicon)
            if amount is None:
                return None
            value = 1900 + int(amount)
    else:
        ones = _g(match, "ones")
        value = 2000 + (int(number(ones, ctx.lexicon) or 0) if ones else 0)
    _remember(ctx, dt.date(value, 1, 1), "year")
    return Norm(f"{value:04d}", "DATE", "year", False, 0.8)


def decade(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    if match.group("dec"):
        return Norm(match.group("dec")[:3], "DATE", "decade", False, 0.9)
    digit = int(match.group("dec2")[0]) if match.group("dec2") else DECADE_WORDS[_g(match, "decw") or ""]
    base = anchor.year if anchor else 2000
    century = base // 100
    if century * 100 + digit * 10 > base:
        century -= 1
    return Norm(f"{century:02d}{digit}", "DATE", "decade", True, 0.8)


def century(match: re.Match[str], ctx: Context) -> Norm | None:
    word = _g(match, "ord") or ""
    ordinal = int(re.sub(r"\D", "", word)) if word[:1].isdigit() else CENTURY_WORDS.get(word)
    if not ordinal:
        return None
    return Norm(f"{ordinal - 1:02d}", "DATE", "century", False, 0.9)


def _last_quarter(anchor: dt.date) -> tuple[int, int]:
    return cal.shift_quarter(*cal.quarter_of(anchor), -1)


def quarter(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    det = _g(match, "det") or ""
    ordinal = ORDINALS[_g(match, "ord") or ""]
    unit = _g(match, "unit")
    if unit == "half":
        if ordinal > 2:
            return None
        code = f"H{ordinal}"
    else:
        code = f"Q{ordinal}"
    explicit = re.search(r"\d{4}", (match.group("year") or "") + " " + det)
    if explicit:
        year_ = int(explicit.group())
        anchored = False
    elif anchor is None:
        return Norm(f"XXXX-{code}", "DATE", "quarter", False, 0.5)
    else:
        anchored = True
        year_ = anchor.year
        if det.startswith("last year's"):
            year_ -= 1
        elif det.startswith("next year's"):
            year_ += 1
        elif unit != "half":
            current = cal.quarter_of(anchor)[1]
            if ordinal > current and ctx.tense(match.start(), match.end()) == "past" and "this" not in det:
                year_ -= 1
        if "year-ago" in det or "year-earlier" in det:
            year_ -= 1
    if match.group(0).lower().endswith("quarters") and "s" == match.group(0)[-1]:
        return Norm(f"XXXX-{code}", "SET", "quarter", anchored, 0.6)
    return Norm(f"{year_:04d}-{code}", "DATE", "quarter", anchored, 0.85)


def quarter_rel(match: re.Match[str], ctx: Context) -> Norm | None:
    det = words(match.group(0)).rsplit(" ", 1)[0]
    unit = _g(match, "unit")
    if unit == "period" and not re.search(r"latest|year-ago|year-earlier|comparable|\d{4}|same|recent", det):
        return None
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(None, "DATE", "quarter", False, 0.3)
    year_, number_ = _last_quarter(anchor)
    if re.search(r"\b(this|current)\b", det):
        year_, number_ = cal.quarter_of(anchor)
    elif re.search(r"\bnext\b", det):
        year_, number_ = cal.shift_quarter(*cal.quarter_of(anchor), 1)
    explicit = re.search(r"\d{4}", det)
    if explicit:
        year_ = int(explicit.group())
    if "year-ago" in det or "year-earlier" in det or ("comparable" in det and not explicit):
        year_ -= 1
    return Norm(f"{year_:04d}-Q{number_}", "DATE", "quarter", True, 0.7)


def rel_unit(match: re.Match[str], ctx: Context) -> Norm | None:
    rel = _g(match, "rel") or ""
    unit = (_g(match, "unit") or "").removeprefix("fiscal ")
    if unit == "fiscal":
        unit = "year"
    mod = _g(match, "mod")
    anchor = ctx.anchor(match.start())
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        return _rel_day(match, ctx, rel, unit, anchor)
    if rel in ("the", "the fiscal", "the full", "the entire", "the whole") and not mod:
        if unit in ("weekend",):
            pass
        elif unit == "year" and rel in ("the full",):
            pass
        elif unit == "year" and rel in ("the", "the fiscal") and match.group("ended") is None and anchor is not None:
            # "for the year", "the first nine months of the year": the current year; "the year ended
            # March 31" is a twelve-month span
            return date_norm(f"{anchor.year:04d}", confidence=0.6)
        else:
            return Norm(f"P1{'Y' if unit in ('year',) else unit[0].upper()}", "DURATION", "duration", False, 0.6) \
                if unit in ("year", "week", "month") else None
    if rel in ("the past", "the last", "past", "the next", "the coming", "coming") and unit in ("week", "month", "decade", "century"):
        value = duration_value(1.0, unit, ctx.lexicon)
        return Norm(value, "DURATION", "duration", False, 0.7)
    if anchor is None:
        return Norm(None, "DATE", "unknown", False, 0.3)
    base = anchor
    step = 0
    if rel in ANAPHORIC and rel not in ("the next",):
        if ctx.last_date is not None:
            base = ctx.last_date
        step = {"the following": 1, "the previous": -1, "the preceding": -1, "the prior": -1}.get(rel, 0)
    elif rel in ("last", "the past", "the last", "past", "the previous", "the preceding", "the prior", "this past"):
        step = -1
    elif rel in ("next", "the next", "the coming", "coming", "this coming"):
        step = 1
    if unit == "week":
        return date_norm(cal.iso_week(base + dt.timedelta(weeks=step)), confidence=0.85)
    if unit == "weekend":
        return _weekend(base, rel, ctx.tense(match.start(), match.end()))
    if unit == "month":
        return date_norm(at_granularity(cal.shift_months(base, step), "M"), confidence=0.85)
    if unit == "year":
        return date_norm(f"{base.year + step:04d}", confidence=0.85)
    if unit == "decade":
        return date_norm(f"{(base.year // 10 + step):03d}", confidence=0.7)
    if unit == "century":
        return date_norm(f"{(base.year // 100 + step):02d}", confidence=0.7)
    return None


def _weekend(base: dt.date, rel: str, tense: str) -> Norm:
    saturday = cal.weekday_near(base, 6, "past" if base.isoweekday() >= 6 else "last")
    if rel in ("next", "this coming", "the coming") or (rel in ("this", "the") and tense == "future"):
        saturday = cal.weekday_near(base, 6, "future") if base.isoweekday() < 6 else saturday + dt.timedelta(weeks=1)
    elif rel in ("last",) and base.isoweekday() >= 6:
        saturday -= dt.timedelta(weeks=1)
    return date_norm(cal.iso_week(saturday) + "-WE", confidence=0.75)


def _rel_day(match: re.Match[str], ctx: Context, rel: str, unit: str, anchor: dt.date | None) -> Norm | None:
    if rel not in ANAPHORIC and rel not in ("this", "last"):
        return None
    if anchor is None:
        return Norm(None, "DATE", "day", False, 0.3)
    base = ctx.last_date if rel in ANAPHORIC and ctx.last_date and ctx.last_granularity == "day" else anchor
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1}.get(rel, 0)
    if rel == "last":
        step = -1
    date = base + dt.timedelta(days=step)
    if unit == "day":
        if rel == "last":
            return None
        return date_norm(date.isoformat(), confidence=0.6)
    part = ctx.lexicon.day_parts[unit]
    return Norm(f"{date.isoformat()}T{part}", "TIME", "time", True, 0.7)


def year_end(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(None, "DATE", "year", False, 0.3)
    step = {"last": -1, "next": 1}.get(_g(match, "rel") or "", 0)
    return date_norm(f"{anchor.year + step:04d}", confidence=0.8)


def ago(match: re.Match[str], ctx: Context) -> Norm | None:
    amount = number(match.group("num"), ctx.lexicon)
    found = unit_of(match.group("unit"), ctx.lexicon)
    if found is None:
        return None
    name, (letter, is_time, multiplier) = found
    direction = _g(match, "dir") or "ago"
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if amount is None:
        return date_norm("FUTURE_REF" if sign > 0 else "PAST_REF", confidence=0.6)
    if direction in ("earlier", "later") and letter in "DSMH" and (is_time or letter == "D"):
        # TimeBank: "three days later" is the three days, a duration
        return Norm(duration_value(amount, match.group("unit"), ctx.lexicon), "DURATION", "duration", False, 0.7)
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(None, "DATE", "unknown", False, 0.3)
    if is_time:
        return date_norm(anchor.isoformat(), confidence=0.6)
    target = shift(anchor, sign * amount, letter, multiplier)
    if target is None:
        return None
    if name == "decade":
        return date_norm(f"{target.year // 10:03d}", confidence=0.7)
    if name == "century":
        return date_norm(f"{target.year // 100:02d}", confidence=0.7)
    return date_norm(at_granularity(target, letter), confidence=0.8)


def year_ago(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(None, "DATE", "unknown", False, 0.3)
    found = unit_of(match.group("unit"), ctx.lexicon)
    assert found is not None
    letter = found[1][0]
    target = shift(anchor, -1, letter, 1)
    return date_norm(at_granularity(target, letter) if target else None, confidence=0.6)


def duration(match: re.Match[str], ctx: Context) -> Norm | None:
    num = match.group("num")
    if words(num) in ("a", "an") and match.group("sep") == "-":
        return None
    amount = number(num, ctx.lexicon)
    if amount is not None and match.group("half") and float(amount).is_integer():
        amount += 0.5  # "a minute and a half"
    value = duration_value(amount, match.group("unit"), ctx.lexicon)
    if value is None:
        return None
    return Norm(value, "DURATION", "duration", False, 0.85)


def plural(match: re.Match[str], ctx: Context) -> Norm | None:
    value = duration_value(None, match.group("unit"), ctx.lexicon)
    return Norm(value, "DURATION", "duration", False, 0.6)


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}


def day_rel(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    word = _g(match, "word") or ""
    if anchor is None:
        return Norm(None, "DATE", "day", False, 0.3)
    date = anchor + dt.timedelta(days=_DAY_WORDS[word])
    _remember(ctx, date, "day")
    clock = _clock(match.group("clock") or match.group("clock2"))
    if clock:
        return Norm(date.isoformat() + clock, "TIME", "time", True, 0.9)
    part = _g(match, "part")
    if part:
        return Norm(f"{date.isoformat()}T{ctx.lexicon.day_parts[part]}", "TIME", "time", True, 0.9)
    return Norm(date.isoformat(), "DATE", "day", True, 0.95)


def part_rel(match: re.Match[str], ctx: Context) -> Norm | None:
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(None, "TIME", "time", False, 0.3)
    rel = _g(match, "rel")
    step = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel or "", 0)
    date = anchor + dt.timedelta(days=step)
    part = ctx.lexicon.day_parts[_g(match, "part") or "night"]
    return Norm(f"{date.isoformat()}T{part}", "TIME", "time", True, 0.9)


def part_mid(match: re.Match[str], ctx: Context) -> Norm | None:
    """"by mid-afternoon": the middle of a part of the day last talked about (else the report's day)."""
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(None, "TIME", "time", False, 0.3)
    rel = _g(match, "rel")
    if rel:
        date = anchor + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(rel, 0))
    elif ctx.last_date is not None and ctx.last_granularity == "day" and abs((anchor - ctx.last_date).days) <= 7:
        date = ctx.last_date
    else:
        date = anchor
    part = ctx.lexicon.day_parts[_g(match, "part") or "afternoon"]
    return Norm(f"{date.isoformat()}T{part}", "TIME", "time", True, 0.7)


def weekday(match: re.Match[str], ctx: Context) -> Norm | None:
    number_ = ctx.lexicon.weekdays.get((_g(match, "wd") or "").rstrip("s"))
    if number_ is None:
        return None
    rel = _g(match, "rel")
    part = _g(match, "part")
    if rel in ("each", "every") or match.group("plural") or match.group("partplural"):
        suffix = f"T{ctx.lexicon.day_parts[part]}" if part else ""
        return Norm(f"XXXX-WXX-{number_}{suffix}", "SET", "unknown", False, 0.8)
    anchor = ctx.anchor(match.start())
    if anchor is None:
        return Norm(f"XXXX-WXX-{number_}", "DATE", "day", False, 0.3)
    tense = ctx.tense(match.start(), match.end())
    if rel in ("last", "this past"):
        date = cal.weekday_near(anchor, number_, "last")
    elif rel in ("next", "this coming"):
        date = cal.weekday_near(anchor, number_, "next")
    elif rel == "this":
        date = cal.weekday_near(anchor, number_, "future" if tense == "future" else "this")
    elif rel in ANAPHORIC and ctx.last_date is not None and ctx.last_granularity == "day":
        direction = "last" if rel in ("the previous", "the preceding") else "next"
        date = cal.weekday_near(ctx.last_date, number_, direction)
    elif number_ == anchor.isoweekday():
        date = anchor  # a report names its own day by its weekday, whatever the tense
    else:
        forward = tense in ("future", "present-action")
        date = cal.weekday_near(anchor, number_, "future" if forward else "past")
    confidence = 0.85 if tense != "none" or rel else 0.7
    _remember(ctx, date, "day")
    clock = _clock(match.group("clock") or match.group("clock2"))
    if clock:
        return Norm(date.isoformat() + clock, "TIME", "time", True, confidence)
    if part:
        return Norm(f"{date.isoformat()}T{ctx.lexicon.day_parts[part]}", "TIME", "time", True, confidence)
    return Norm(date.isoformat(), "DATE", "day", True, confidence)


def clock(match: re.Match[str], ctx: Context) -> Norm | None:
    value = _clock(match.group(0))
    if value is None:
        return None
    anchor = ctx.anchor(match.start())
    if ctx.last_date is not None and ctx.last_granularity == "day" and anchor is not None:
        if abs((anchor - ctx.last_date).days) <= 7:
            anchor = ctx.last_date  # "Friday ... at 10:35 a.m.": the day last talked about
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Norm(day + value, "TIME", "time", anchor is not None, 0.7)


def ref(match: re.Match[str], ctx: Context) -> Norm | None:
    value = ctx.lexicon.refs.get(words(match.group(0)))
    return Norm(value, "DATE", "unknown", False, 0.7) if value else None


def set_(match: re.Match[str], ctx: Context) -> Norm | None:
    month_ = _month(match, ctx)
    if month_ is not None:
        return Norm(f"XXXX-{month_:02d}", "SET", "unknown", False, 0.8)
    value = ctx.lexicon.sets.get(words(match.group(0)))
    return Norm(value, "SET", "unknown", False, 0.8) if value else None


def holiday(match: re.Match[str], ctx: Context) -> Norm | None:
    code = ctx.lexicon.holidays.get(_g(match, "name") or "")
    if code is None:
        return None
    anchor = ctx.anchor(match.start())
    if match.group("year"):
        year_ = int(match.group("year"))
    elif anchor is None:
        return Norm(None, "DATE", "day", False, 0.3)
    else:
        year_ = anchor.year
        this_year = cal.holiday(code, year_)
        rel = _g(match, "rel")
        tense = ctx.tense(match.start(), match.end())
        if this_year and rel is None:
            year_ = day_year(this_year.month, this_year.day, anchor, tense)  # the nearest one the tense allows
        if this_year and rel == "last" and this_year >= anchor:
            year_ -= 1
        if this_year and rel == "next" and this_year <= anchor:
            year_ += 1
    date = cal.holiday(code, year_)
    return date_norm(date.isoformat() if date else None, confidence=0.8)


RULES: dict[str, Rule] = {
    "date_mdy": full_date,
    "date_dmy": full_date,
    "date_iso": full_date,
    "date_slash": full_date,
    "month": month,
    "season": season,
    "year": year,
    "year_short": year,
    "spoken_year": spoken_year,
    "decade": decade,
    "century": century,
    "quarter": quarter,
    "quarter_rel": quarter_rel,
    "rel_unit": rel_unit,
    "year_end": year_end,
    "ago": ago,
    "year_ago": year_ago,
    "duration": duration,
    "plural": plural,
    "day_rel": day_rel,
    "part_mid": part_mid,
    "part_rel": part_rel,
    "weekday": weekday,
    "clock": clock,
    "ref": ref,
    "set": set_,
    "holiday": holiday,
}
