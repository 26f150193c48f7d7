"""Quotation spans in raw text: every quotation-mark style, quotes that run over paragraphs, bad input.

Whether a mark opens or closes is decided by what stands around it (space before and a letter after
opens, a letter before and space or punctuation after closes), so a mistyped ``”`` at the start of a
quote still opens it. Rules that keep bad input in check:

- an unclosed quote ends at the end of its paragraph, unless the next paragraph starts with an
  opening mark (the news convention for a quote that continues over paragraphs);
- a quote chain stops after ``MAX_PARAGRAPHS`` paragraphs or ``MAX_CHARS`` characters;
- single quotes count only outside double quotes, inside one paragraph, up to ``MAX_SINGLE`` chars,
  so apostrophes (``Asif’s``, ``boys’``) never open a quote that swallows the text;
- two apostrophes (``''``, the typewriter convention of some archives) and two backticks (an opener)
  are one double mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DOUBLE_OPEN_ONLY = "“„«‟"
DOUBLE_CLOSE_ONLY = "»"
DOUBLE = '"“”„«»‟″'
SINGLE = "'‘’‚‹›"
OPEN_BEFORE = "([{—–-/:;,"  # characters after which a mark opens a quote
CLOSE_AFTER = ".,;:!?)]}—–-…"  # characters before which a mark closes a quote
MAX_PARAGRAPHS = 6
MAX_CHARS = 4000
MAX_SINGLE = 400


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end when unclosed)
    parts: tuple[tuple[int, int], ...]  # one (start, end) per paragraph the quote covers
    closed: bool = True
    single: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        return (self.start + 1, self.end - 1 if self.closed else self.end)


def mark_width(text: str, i: int) -> int:
    """Length of the double quotation mark at ``i`` (0 when there is none): one mark, or two apostrophes
    or two backticks."""
    ch = text[i]
    if ch in DOUBLE:
        return 1
    if ch in "'`" and text.startswith(ch * 2, i) and not text.startswith(ch * 3, i):
        return 2
    return 0


def _role(text: str, i: int, start: int, end: int, width: int = 1) -> str:
    """'open', 'close', 'both' (mark between two letters) or 'none' (surrounded by spaces)."""
    mark = text[i]
    if (mark in DOUBLE_OPEN_ONLY and mark != "“") or (width == 2 and mark == "`"):
        return "open"
    if mark in DOUBLE_CLOSE_ONLY:
        return "close"
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < end else " "
    opens = (before.isspace() or before in OPEN_BEFORE or before in DOUBLE) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in CLOSE_AFTER or after in DOUBLE + SINGLE)
    if opens and closes:
        return "both"
    if opens:
        return "open"
    if closes:
        return "close"
    return "none"


def _starts_with_open(text: str, start: int, end: int) -> bool:
    width = mark_width(text, start) if start < end else 0
    return width > 0 and _role(text, start, start, end, width) in ("open", "both")


def double_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quote]:
    """Top-level double-quoted spans over paragraphs given as sorted (start, end) spans."""
    quotes: list[Quote] = []
    index = 0
    while index < len(paragraphs):
        p_start, p_end = paragraphs[index]
        opened: int | None = None
        parts: list[tuple[int, int]] = []
        i = p_start
        while True:
            if i >= p_end:
                if opened is None:
                    break
                parts.append((opened if not parts else paragraphs[index][0], p_end))
                nxt = index + 1
                chars = p_end - (parts[0][0])
                if (
                    nxt < len(paragraphs)
                    and len(parts) < MAX_PARAGRAPHS
                    and chars < MAX_CHARS
                    and _starts_with_open(text, *paragraphs[nxt])
                ):
                    index = nxt
                    p_start, p_end = paragraphs[index]
                    i = p_start + mark_width(text, p_start)
                    continue
                quotes.append(Quote(parts[0][0], p_end, tuple(parts), closed=False))
                opened = None
                parts = []
                break
            width = mark_width(text, i)
            if width:
                role = _role(text, i, p_start, p_end, width)
                if opened is None and role in ("open", "both"):
                    opened = i
                elif opened is not None and role in ("close", "both"):
                    first = opened if not parts else p_start
                    parts.append((first, i + width))
                    start = parts[0][0]
                    quotes.append(Quote(start, i + width, tuple(parts)))
                    opened = None
                    parts = []
                elif opened is not None and role == "open" and not parts:
                    opened = i  # a stray opener: the earlier mark never closed, start again here
                i += width
                continue
            i += 1
        index += 1
    return quotes


def single_quotes(text: str, paragraphs: Sequence[tuple[int, int]], skip: Sequence[Quote]) -> list[Quote]:
    """Single-quoted spans outside the double quotes in ``skip``, one paragraph at most."""
    blocked = [(q.start, q.end) for q in skip]
    out: list[Quote] = []
    for p_start, p_end in paragraphs:
        opened: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in SINGLE:
                continue
            if any(a <= i < b for a, b in blocked):
                continue
            if mark_width(text, i) == 2 or (i > p_start and mark_width(text, i - 1) == 2):
                continue  # half of a '' double mark
            before = text[i - 1] if i > p_start else " "
            after = text[i + 1] if i + 1 < p_end else " "
            if opened is not None and i - opened > MAX_SINGLE:
                opened = None
            if opened is None:
                if ch != "’" and (before.isspace() or before in OPEN_BEFORE) and after.isalnum():
                    opened = i
            elif not before.isspace() and not after.isalnum() and i > opened + 1:
                if any(a < i and b > opened for a, b in blocked):
                    opened = None
                    continue
                out.append(Quote(opened, i + 1, ((opened, i + 1),), single=True))
                opened = None
    return out


def find(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quote]:
    """Every top-level quote (double first, then single quotes outside them), sorted by start."""
    doubles = double_quotes(text, paragraphs)
    return sorted(doubles + single_quotes(text, paragraphs, doubles), key=lambda q: q.start)


def word_count(text: str, quote: Quote) -> int:
    return sum(len(text[a:b].split()) for a, b in quote.parts)
