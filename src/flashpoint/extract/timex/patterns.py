"""Compiled regular expressions of the time finder, built once from the lexicon.

Each rule is a (name, pattern) pair; the finder runs every rule over the whole text, keeps the
longest non-overlapping matches, and hands each to the normaliser of the same name. Extents
follow TimeBank: determiners, "early/late", "ago" and approximators ("nearly", "more than") are
part of the expression; prepositions ("in", "on", "for") are not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from flashpoint.extract.timex.lexicon import Lexicon, default

_FLAGS = re.IGNORECASE

TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ONES = "one|two|three|four|five|six|seven|eight|nine"
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|"
    r"over|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|just|only|barely|"
    r"close\s+to|well\s+over|well\s+under|little\s+more\s+than|just\s+over|just\s+under|"
    r"the\s+better\s+part\s+of|a\s+full|fully)"
)
# Positional words before a period that make it one stretch of time: "the past two months".
SPAN_PRE = (
    r"(?:the\s+(?:past|last|next|first|final|coming|previous|preceding|latest|following|remaining|"
    r"initial|same|entire|whole|full)|past|last|next|first|another|an?\s+additional|additional|an?\s+extra|"
    r"the|each\s+of\s+the\s+(?:past|last|next))"
)
CLOCK = (
    r"(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:[01]?\d(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|o'clock)(?:\s+(?:[ECMP][SD]T|GMT|UTC))?"
    r"|noon|midnight|midday)"
)
REL_DAY = (
    r"(?:last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|that|"
    r"each|every)"
)
DAYPART = r"(?:morning|afternoon|evening|night)"


def _alternation(words) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@dataclass(frozen=True)
class Grammar:
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    clock: re.Pattern[str]
    number: re.Pattern[str]


@functools.cache
def grammar() -> Grammar:
    """The grammar of the shipped lexicon (built once per process)."""
    return build(default())


def build(lexicon: Lexicon) -> Grammar:
    full_months = [m for m in lexicon.months if len(m) > 4 or m in ("may", "june", "july")]
    abbreviations = [m for m in lexicon.months if m not in full_months]
    month = (
        rf"(?:{_alternation(full_months)}|(?:{_alternation(abbreviations)})\."
        rf"|(?:{_alternation(abbreviations)})(?=\s+\d))"
    )
    weekday = _alternation(w for w in lexicon.weekdays if len(w) > 4)
    season = _alternation(lexicon.seasons)
    numbers = _alternation(list(lexicon.numbers) + list(lexicon.vague_numbers))
    num = (
        rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:{TENS})(?:[-\s](?:{ONES}))?|{numbers})"
        rf"(?:\s+and\s+a\s+half)?"
    )
    units = []
    for unit in lexicon.units:
        plural = unit[:-1] + "ies" if unit.endswith("y") and unit != "day" else unit + "s"
        units += [unit, plural]
    unit = _alternation(units)
    mod = _alternation(lexicon.modifiers)
    year4 = r"(?:1[6-9]\d\d|20\d\d)"
    quarter_det = (
        r"(?:(?:the|its|this|that|last|next|a)(?:\s+(?:same|latest|current|comparable|previous|prior|"
        r"year-ago|year-earlier|fiscal|most\s+recent|recent|\d{4}))*|(?:this|last|next)\s+year's)"
    )
    ordinal = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
    century_ord = (
        r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
        r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
        r"twentieth|twenty-first)"
    )
    rel_unit = r"(?:week|weekend|month|year|decade|century|fiscal\s+year|fiscal|day|morning|afternoon|evening|night)"
    rel_word = (
        r"(?:last|this|next|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|"
        r"the\s+current|the\s+same|the\s+latest|the\s+prior|past|coming|that|the|the\s+full|the\s+entire|"
        r"the\s+whole|the\s+fiscal|the\s+current\s+fiscal|the\s+latest\s+fiscal|the\s+new|a\s+new|"
        r"the\s+preceding|this\s+past|this\s+coming)"
    )
    rules = [
        (
            "date_mdy",
            rf"(?:(?P<clock>{CLOCK}),?\s+)?(?:(?P<wd>{weekday}),?\s+)?(?:(?P<rel>last|next|this\s+past|this\s+coming)\s+)?"
            rf"(?P<month>{month})\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
            rf"(?!\s*(?:%|percent|-\d|\.\d|,\d\d\d))(?:,?\s+(?P<year>\d{{4}}|'\d\d)\b)?",
        ),
        (
            "date_dmy",
            rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<month>{month})(?:,?\s+(?P<year>\d{{4}})\b)?",
        ),
        ("date_iso", r"(?<![\d-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
        ("date_slash", r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)(?![\d/])"),
        (
            "month",
            rf"(?:(?P<mod>{mod})[\s-]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming|that|early|late)\s+)?"
            rf"(?P<month>{month})(?:,?\s+(?:of\s+)?(?P<year>{year4}|'\d\d)\b|\s+(?P<yrel>last|this|next)\s+year)?",
        ),
        (
            "season",
            rf"(?:(?P<mod>{mod})[\s-]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming|that|the|early|late)\s+)?"
            rf"(?P<season>{season})(?:\s+(?:of\s+)?(?P<year>{year4}))?\b",
        ),
        (
            "year",
            rf"(?:(?P<mod>{mod})[\s-]+)?(?:(?P<fiscal>fiscal(?:\s+year)?|calendar|the\s+year)\s+)?"
            rf"(?<![\w$£€.,/])(?P<year>{year4})(?![\w%/]|[.,]\d|-\d)",
        ),
        ("year_short", r"(?<![\w$])(?:(?P<fiscal>fiscal)\s+)?'(?P<year>\d\d)(?![\w%])(?!s)"),
        (
            "decade",
            rf"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)'?s|'(?P<dec2>\d0)'?s|"
            rf"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
        ),
        ("century", rf"(?:the\s+)?(?P<ord>{century_ord})[\s-]+century\b"),
        (
            "quarter",
            rf"(?:(?P<det>{quarter_det})\s+)?(?:fiscal[\s-]+)?(?P<ord>{ordinal})[\s-]+(?:fiscal[\s-]+)?"
            rf"(?P<unit>quarter|half)s?(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{year4}))?\b",
        ),
        (
            "quarter_rel",
            r"(?P<det>the|this|last|next|that|its|the\s+(?:same|latest|current|comparable|previous|prior|"
            r"year-ago|year-earlier|recent|most\s+recent|\d{4}|first|second|third|fourth|fiscal))"
            r"(?:\s+(?:year-ago|year-earlier|fiscal|comparable|\d{4}))*\s+(?P<unit>quarter|period)\b(?!-)",
        ),
        (
            "rel_unit",
            rf"(?:(?P<mod>{mod}|sometime|the\s+rest\s+of)\s+(?:in\s+)?)?(?P<rel>{rel_word})\s+"
            rf"(?P<unit>{rel_unit})(?P<poss>'s)?\b(?!-)(?P<ended>(?=\s+(?:ended|ending|to\s+(?:the\s+end\s+of\s+)?{month})))?",
        ),
        ("year_end", r"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?(?:year[-\s]end|year's\s+end)\b"),
        (
            "ago",
            rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{num})(?:\s+or\s+(?:so|\w+))?[\s-]+(?P<unit>{unit})"
            rf"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
        ),
        ("year_ago", r"\b(?P<unit>year|month|quarter|week)-(?:ago|earlier)\b"),
        (
            "duration",
            rf"(?:(?P<pre>{SPAN_PRE})\s+)?(?:(?P<approx>{APPROX})\s+)?(?P<num>{num})(?:\s*(?:to|or|-)\s*(?P<num2>{num}))?"
            rf"(?P<sep>\s+|-)(?:(?:more|additional|straight|consecutive|trading|business|working|full)\s+)?"
            rf"(?P<unit>{unit})\b(?:-(?:old|long))?(?P<half>\s+and\s+a\s+half\b)?",
        ),
        (
            "plural",
            r"(?:(?P<pre>recent|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+coming|coming|"
            r"the\s+past|the\s+last|the\s+next|past|the|the\s+early|the\s+following|the\s+previous)\s+)?"
            r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?:-(?:long|old))?\b",
        ),
        (
            "day_rel",
            rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<clock>{CLOCK})\s+)?(?P<word>today|yesterday|tomorrow|"
            rf"tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:'s)?"
            rf"(?:\s+(?P<part>{DAYPART}))?(?:\s+at\s+(?P<clock2>{CLOCK}))?",
        ),
        (
            "part_mid",
            r"mid[-\s]?(?P<part>morning|afternoon|evening)(?:\s+(?P<rel>yesterday|today|tomorrow))?\b",
        ),
        (
            "part_rel",
            rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{DAYPART})",
        ),
        (
            "weekday",
            rf"(?:(?P<clock>{CLOCK})\s+)?(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>{REL_DAY})\s+)?"
            rf"(?P<wd>{weekday})(?P<plural>s)?(?:'s)?(?:\s+(?P<part>{DAYPART})(?P<partplural>s)?)?(?:\s+at\s+(?P<clock2>{CLOCK}))?",
        ),
        ("clock", CLOCK),
        ("ref", rf"\b(?:{_alternation(lexicon.refs)})\b"),
        (
            "set",
            rf"\b(?:{_alternation(lexicon.sets)}|(?:every|each)\s+(?:other\s+)?(?P<month>{month}))\b",
        ),
        (
            "holiday",
            rf"(?:(?P<rel>last|this|next)\s+)?(?P<name>{_alternation(lexicon.holidays)})\b(?:\s+(?P<year>{year4}))?",
        ),
        (
            "spoken_year",
            rf"(?:the\s+year\s+)?(?:nineteen\s+(?P<tens>(?:{TENS})(?:[-\s](?:{ONES}))?|ten|eleven|twelve|thirteen|"
            rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+and)?"
            rf"(?:\s+(?P<ones>{ONES}|ten))?)\b",
        ),
    ]
    # Every rule starts at a word boundary: the engine then skips most positions cheaply.
    compiled = tuple((name, re.compile(r"(?<![\w'])" + pattern, _FLAGS)) for name, pattern in rules)
    return Grammar(
        rules=compiled,
        clock=re.compile(
            r"(?P<hour>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?|o'clock)?|(?P<word>noon|midnight|midday)",
            _FLAGS,
        ),
        number=re.compile(rf"^(?:{num})$", _FLAGS),
    )
