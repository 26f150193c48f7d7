"""Find temporal expressions in a text and normalise each: longest match wins, then anchoring."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from flashpoint.extract.timex import calendar as cal
from flashpoint.extract.timex.lexicon import Lexicon, default
from flashpoint.extract.timex.normalise import Context, Norm, words
from flashpoint.extract.timex.patterns import Grammar, grammar
from flashpoint.extract.timex.rules import RULES
from flashpoint.extract.timex.tense import tense_at
from flashpoint.types import Block, TimeExpr

# Words after which a bare month or season name is a time, not a verb or a noun ("in May").
_TIME_PREPS = {
    "in", "during", "this", "last", "next", "over", "by", "until", "till", "since", "through", "of", "early",
    "late", "mid", "from", "to", "and", "or", "between", "before", "after", "throughout", "past", "each", "every",
}
_TIME_NOUNS = {"period", "quarter", "season", "year", "years", "budget", "term", "election", "elections"}
# Rule order breaks ties between matches of equal length (earlier wins).
_PRIORITY = {name: rank for rank, name in enumerate(RULES)}
_PRIORITY["ref"] = -1


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    rule: str
    match: re.Match[str]


def _previous_word(text: str, start: int) -> str:
    head = text[max(0, start - 20) : start].split()
    return head[-1].lower().strip(",;:(") if head else ""


def plausible(found: Found, text: str, doc: Doc | None) -> bool:
    """Cheap filters that need the surrounding text: capitalised names, bare seasons, counted years."""
    match, rule = found.match, found.rule
    groups = match.groupdict()
    if groups.get("month"):
        start = match.start("month")
        if rule != "date_iso" and rule != "date_slash" and not text[start].isupper():
            return False
        if rule == "month" and not (groups.get("rel") or groups.get("year") or groups.get("mod") or groups.get("yrel")):
            word = words(groups["month"]).rstrip(".")
            if word in ("may", "march") and _previous_word(text, found.start) not in _TIME_PREPS:
                return False
    if groups.get("wd") and not text[match.start("wd")].isupper():
        return False
    if rule == "season" and not (groups.get("rel") or groups.get("mod") or groups.get("year")):
        if _previous_word(text, found.start) not in _TIME_PREPS:
            return False
    if rule == "season" and words(groups.get("season") or "") in ("fall", "spring") and not groups.get("year") \
            and not groups.get("rel") and _previous_word(text, found.start) == "to" \
            and not re.search(r"\bfrom\b", text[max(0, found.start - 40) : found.start], re.I):
        return False  # "began to fall apart": the verb (but "from spring to fall")
    if rule == "season" and words(groups.get("season") or "") in ("fall", "spring") and not groups.get("year"):
        if re.match(r"\s+of\b", text[found.end : found.end + 4]) or (groups.get("rel") or "").lower() == "the" \
                and _previous_word(text, found.start) not in _TIME_PREPS:
            return False
    if rule == "plural" and re.match(r"\s+old\b", text[found.end : found.end + 5]):
        return False
    if rule == "day_rel" and match.group(0).lower().startswith("today's"):
        return False  # "today's world": the present in general, not a day
    if rule == "decade" and groups.get("decw") and not match.group(0).lower().startswith("the"):
        return False
    if rule == "duration":
        number = words(groups.get("num") or "")
        unit = words(groups.get("unit") or "")
        if number in ("a", "an", "one", "some", "many") and unit.startswith(("second", "quarter")):
            return False
        if found.match.group(0).lower().endswith("-old") or re.match(r"\s+old\b", text[found.end : found.end + 5]):
            return False  # ages are not times (TimeBank leaves "a 6-year-old" unmarked)
        if unit.startswith("second") and not number[:1].isdigit() and number not in ("ten", "twenty", "thirty"):
            return False
        if unit.startswith("quarter") and groups.get("sep") == "-" and re.match(r"\s+of\b", text[found.end : found.end + 4]):
            return False  # "three-quarters of its food": a fraction
    if rule == "year" and doc is not None and len(doc) and doc.has_annotation("DEP"):
        span = doc.char_span(match.start("year"), match.end("year"), alignment_mode="expand")
        if span is not None and len(span) == 1:
            token = span[0]
            head = token.head
            if token.dep_ == "nummod" and head.tag_ == "NNS" and head.lower_ not in _TIME_NOUNS:
                return False
    return True


def candidates(text: str, doc: Doc | None = None, rules: Grammar | None = None) -> list[Found]:
    rules = rules or grammar()
    out = []
    for name, pattern in rules.rules:
        for match in pattern.finditer(text):
            start, end = match.span()
            if name == "duration" and match.group("sep") == "-":
                start = match.start("num")  # "a 40-hour siege": the compound alone
            while end > start and text[end - 1] in " \t\n,;":
                end -= 1
            if end - start > 2 and text[end - 2 : end] in ("'s", "\u2019s"):
                end -= 2  # TimeBank extents leave out the possessive: "[Tuesday]'s vote"
            if name in ("quarter", "quarter_rel"):
                # "a third-quarter charge", "its fourth quarter": the determiner belongs to the noun phrase
                lead = re.match(r"(?:an?|its|their|his|her|our)\s+", text[start:end], re.IGNORECASE)
                if lead:
                    start += lead.end()
            if end > start:
                out.append(Found(start, end, name, match))
    return [found for found in out if plausible(found, text, doc)]


def select(found: list[Found], keep) -> list[Found]:
    """Longest non-overlapping matches that ``keep`` accepts, in text order."""
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), _PRIORITY.get(f.rule, 99), f.start)):
        if any(item.start < end and start < item.end for start, end in taken):
            continue
        if not keep(item):
            continue
        chosen.append(item)
        taken.append((item.start, item.end))
    return sorted(chosen, key=lambda f: f.start)


def post_anchor(blocks: tuple[Block, ...]):
    posts = []
    for block in blocks:
        if block.kind == "post" and block.meta.get("date"):
            try:
                posts.append((block.start, block.end, dt.date.fromisoformat(str(block.meta["date"])[:10])))
            except ValueError:
                continue

    def anchor_at(position: int) -> dt.date | None:
        for start, end, date in posts:
            if start <= position < end:
                return date
        return None

    return anchor_at if posts else None


def _apply(found: Found, ctx: Context) -> Norm | None:
    """The rule's value, or None when date arithmetic leaves years 1-9999 (an anchor near either end)."""
    try:
        return RULES[found.rule](found.match, ctx)
    except (OverflowError, ValueError):
        return None


def find(
    text: str,
    doc: Doc | None,
    dct: dt.date | None,
    *,
    blocks: tuple[Block, ...] = (),
    lexicon: Lexicon | None = None,
) -> tuple[TimeExpr, ...]:
    lexicon = lexicon or default()

    @functools.cache
    def tense(start: int, end: int) -> str:
        if doc is None:
            return "none"
        return tense_at(
            doc, start, end, forward_verbs=lexicon.forward_verbs, schedule_verbs=lexicon.schedule_verbs,
            forward_cues=lexicon.forward_cues,
        )

    anchor_at = post_anchor(blocks)

    def context() -> Context:
        return Context(dct=dct, lexicon=lexicon, tense=tense, anchor_at=anchor_at)

    scratch = context()
    chosen = select(candidates(text, doc), lambda f: _apply(f, scratch) is not None)
    final = context()
    results: list[tuple[Found, Norm]] = []
    for item in chosen:
        norm = _apply(item, final)
        if norm is not None:
            results.append((item, norm))
    results = _year_ago_quarters(results, doc)
    spans = _with_year(_week_of([(item.start, item.end, norm) for item, norm in results], text), text)
    return tuple(
        TimeExpr(
            text=text[start:end],
            start=start,
            end=end,
            value=norm.value,
            type=norm.type,
            granularity=norm.granularity,
            anchored=norm.anchored,
            confidence=norm.confidence,
        )
        for start, end, norm in spans
    )


_WEEK_OF = re.compile(r"(?:the\s+)?week(?:end)?$", re.IGNORECASE)


def _week_of(spans: list[tuple[int, int, Norm]], text: str) -> list[tuple[int, int, Norm]]:
    """"the week of March 6": one expression, the week that holds the day (the weekend: that week's)."""
    out: list[tuple[int, int, Norm]] = []
    index = 0
    while index < len(spans):
        start, end, norm = spans[index]
        if index + 1 < len(spans) and _WEEK_OF.search(text[start:end]):
            next_start, next_end, next_norm = spans[index + 1]
            day = next_norm.value or ""
            if re.fullmatch(r"\s+of\s+", text[end:next_start]) and re.fullmatch(r"\d{4}-\d\d-\d\d", day):
                week = cal.iso_week(dt.date.fromisoformat(day))
                weekend = text[start:end].lower().endswith("weekend")
                value = week + "-WE" if weekend else week
                out.append((start, next_end, Norm(value, "DATE", "week", next_norm.anchored, next_norm.confidence)))
                index += 2
                continue
        out.append((start, end, norm))
        index += 1
    return out


def _year_ago_quarters(results: list[tuple[Found, Norm]], doc: Doc | None) -> list[tuple[Found, Norm]]:
    """In a business report "a year ago" next to "the third quarter" means that quarter a year before."""
    if doc is None or not doc.has_annotation("SENT_START"):
        return results
    quarters = [(item, norm) for item, norm in results if norm.value and re.fullmatch(r"\d{4}-Q\d", norm.value)]
    if not quarters:
        return results
    out = []
    for item, norm in results:
        is_year_ago = (
            item.rule in ("ago", "year_ago")
            and norm.value is not None
            and re.fullmatch(r"\d{4}", norm.value)
            and "year" in item.match.group(0).lower()
            and not re.search(r"\b(?:two|three|four|five|\d+)\b", item.match.group(0).lower())
        )
        if is_year_ago:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is not None:
                sentence = span.sent
                near = [
                    (abs(q.start - item.start), qn.value)
                    for q, qn in quarters
                    if (sentence.start_char <= q.start < sentence.end_char or 0 < item.start - q.start < 400)
                    and not q.rule.startswith("year")
                    and "year-" not in q.match.group(0).lower() and "year's" not in q.match.group(0).lower()
                ]
                if near:
                    value = min(near)[1] or ""
                    shifted = f"{int(value[:4]) - 1:04d}{value[4:]}"
                    norm = Norm(shifted, norm.type, "quarter", True, 0.7)
        out.append((item, norm))
    return out


def _with_year(spans: list[tuple[int, int, Norm]], text: str) -> list[tuple[int, int, Norm]]:
    """A month or season whose year is spelt out after it ("January nineteen ninety-seven", "the winter of
    nineteen ninety-four"): one expression in that year."""
    out: list[tuple[int, int, Norm]] = []
    index = 0
    while index < len(spans):
        start, end, norm = spans[index]
        if index + 1 < len(spans) and norm.granularity in ("month", "season") and norm.anchored and norm.value:
            next_start, next_end, next_norm = spans[index + 1]
            if next_norm.granularity == "year" and not next_norm.anchored and next_norm.value \
                    and re.fullmatch(r",?\s+(?:of\s+)?", text[end:next_start]) and norm.value[4:5] == "-":
                value = next_norm.value + norm.value[4:]
                out.append((start, next_end, Norm(value, "DATE", norm.granularity, False, next_norm.confidence)))
                index += 2
                continue
        out.append((start, end, norm))
        index += 1
    return out
