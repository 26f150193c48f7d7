"""The date an article speaks from: metadata when given, else read off the text.

Evidence, strongest first: the signature date of an embedded post (a tweet is published before
the article that quotes it, usually the same day); a full date in the dateline; the latest full
date in the text. Past-tense weekday mentions ("said on Tuesday") must agree with the chosen
date; when they do not, confidence drops.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from flashpoint.extract.timex.lexicon import default
from flashpoint.extract.timex.patterns import grammar
from flashpoint.extract.timex.tense import tense_at
from flashpoint.types import Article, Block, DocDate

_DATELINE_CHARS = 300
_FULL_DATE_RULES = ("date_mdy", "date_dmy", "date_iso")


def _full_dates(text: str) -> list[tuple[dt.date, int, int]]:
    lexicon = default()
    out = []
    for name, pattern in grammar().rules:
        if name not in _FULL_DATE_RULES:
            continue
        for match in pattern.finditer(text):
            year = match.group("year")
            if not year or len(year) != 4:
                continue
            month_text = match.group("month").lower().rstrip(".")
            month = int(month_text) if month_text.isdigit() else lexicon.months.get(month_text)
            if month is None:
                continue
            try:
                out.append((dt.date(int(year), month, int(match.group("day"))), match.start(), match.end()))
            except ValueError:
                continue
    return out


def _weekday_mentions(doc: Doc | None, text: str, blocks: tuple[Block, ...]) -> list[int]:
    """ISO weekdays named in past-tense prose (posts excluded: they speak from their own date)."""
    lexicon = default()
    posts = [(b.start, b.end) for b in blocks if b.kind == "post"]
    out = []
    for name, pattern in grammar().rules:
        if name != "weekday":
            continue
        for match in pattern.finditer(text):
            if match.group("rel") or match.group("plural") or not text[match.start("wd")].isupper():
                continue
            if any(start <= match.start() < end for start, end in posts):
                continue
            if doc is not None and tense_at(doc, match.start(), match.end()) not in ("past", "none"):
                continue
            number = lexicon.weekdays.get(match.group("wd").lower())
            if number:
                out.append(number)
    return out


def infer(article: Article, doc: Doc | None = None) -> DocDate:
    text = article.text
    blocks = tuple(article.blocks)
    if doc is not None and Doc.has_extension("blocks") and doc._.blocks:
        blocks = tuple(doc._.blocks)
    today = dt.date.today()
    base: DocDate | None = None
    posts = []
    for block in blocks:
        if block.kind == "post" and block.meta.get("date"):
            try:
                posts.append((dt.date.fromisoformat(str(block.meta["date"])[:10]), block))
            except ValueError:
                continue
    if posts:
        date, block = max(posts, key=lambda item: item[0])
        start = int(block.meta.get("signature_start", block.start))
        base = DocDate(date, "post", 0.7, (start, block.end))
    else:
        dates = _full_dates(text)
        early = [item for item in dates if item[1] < _DATELINE_CHARS]
        if early:
            date, start, end = early[0]
            base = DocDate(date, "dateline", 0.8, (start, end))
        elif dates:
            date, start, end = max(dates)
            base = DocDate(date, "explicit-date", 0.4, (start, end))
    if base is None or base.value is None:
        return DocDate(None, "none", 0.0)
    confidence = base.confidence
    mentions = _weekday_mentions(doc, text, blocks)
    if mentions:
        if base.value.isoweekday() in mentions:
            confidence = min(1.0, confidence + 0.15)
        else:
            confidence = max(0.1, confidence - 0.2)
    if base.value > today + dt.timedelta(days=1):
        confidence = min(confidence, 0.3)
    return DocDate(base.value, base.method, round(confidence, 2), base.evidence)


def document_date(article: Article, doc: Doc | None = None) -> DocDate:
    if article.published is not None:
        confidence = 1.0
        for block in article.blocks:
            posted = str(block.meta.get("date") or "")[:10] if block.kind == "post" else ""
            if posted and posted > article.published.isoformat():
                confidence = 0.6  # the article quotes a post from after its own publication date
        if article.published > dt.date.today() + dt.timedelta(days=1):
            confidence = min(confidence, 0.5)
        return DocDate(article.published, "metadata", confidence)
    meta_date = article.meta.get("date") or article.meta.get("published") if article.meta else None
    if meta_date:
        try:
            return DocDate(dt.date.fromisoformat(str(meta_date)[:10]), "metadata", 0.9)
        except ValueError:
            pass
    return infer(article, doc)
