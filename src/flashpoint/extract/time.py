"""Time: the document date and every temporal expression normalised against it (issue 4).

``document_date`` says which day the article speaks from (metadata, else an embedded post, a
dateline or an explicit date, checked against the weekdays the text names); ``times`` finds every
temporal expression with its TIMEX3 value; ``anchor`` gives the expression that dates a clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from flashpoint.extract.timex import docdate, finder
from flashpoint.types import Article, DocDate, TimeExpr

_GRANULARITY_RANK = {"time": 0, "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5,
                     "century": 6}


def document_date(article: Article, doc: Doc | None = None) -> DocDate:
    return docdate.document_date(article, doc)


def times(doc: Doc, article: Article, doc_date: DocDate) -> tuple[TimeExpr, ...]:
    blocks = tuple(article.blocks)
    if doc is not None and Doc.has_extension("blocks") and doc._.blocks:
        blocks = tuple(doc._.blocks)
    return finder.find(article.text, doc, doc_date.value, blocks=blocks)


def anchor(times: Sequence[TimeExpr], start: int, end: int, *, near: int | None = None) -> TimeExpr | None:
    """The DATE/TIME expression inside [start, end) that dates it: the finest granularity, then the
    one nearest ``near`` (a trigger offset) or the earliest. References ("now") do not anchor."""
    inside = [
        t for t in times
        if t.type in ("DATE", "TIME") and start <= t.start and t.end <= end and t.value and t.value[:1].isdigit()
    ]
    if not inside:
        return None

    def key(t: TimeExpr) -> tuple[int, int]:
        distance = abs(t.start - near) if near is not None else t.start
        return _GRANULARITY_RANK.get(t.granularity, 9), distance

    return min(inside, key=key)


BOUND_WORDS = frozenset({"since", "until", "till", "before", "by"})


def is_bound(text: str, start: int) -> bool:
    """The time expression at ``start`` bounds a period ("since July", "before winter", "by 2030") rather
    than dating an act."""
    before = text[max(0, start - 12):start].lower().split()
    return bool(before) and before[-1] in BOUND_WORDS
