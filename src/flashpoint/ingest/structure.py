"""Find the structure of an article's text: paragraphs, headings, datelines, bylines, posts.

Only prose is parsed as sentences downstream; the rest is kept as blocks with their meaning
(a post's author, handle and date; a dateline's place).
"""

from __future__ import annotations

import re

import dateparser

from flashpoint.types import Block

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+|\r\n[ \t]*\r\n")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# "— Shahbaz Sharif (@CMShehbaz) January 3, 2023" at the end of an embedded post (Twitter/X embed).
_POST_SIGNATURE = re.compile(
    r"[\u2014\u2013\-]{1,2}\s*(?P<author>[^()\n\u2014\u2013]{2,80}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    rf"(?P<date>(?:{_MONTHS})\.?\s+\d{{1,2}},\s*\d{{4}})\s*$"
)
# "ISLAMABAD, Pakistan – " / "KABUL (Reuters) - " / "Islamabad: " at the start of the first paragraph.
_WORD = r"[A-Z][A-Za-z.'\-]*"
_DATELINE = re.compile(
    rf"^(?P<place>{_WORD}(?:[ \-](?:{_WORD}|de|del|al|el|la|of|upon|am|an|au|on|sur)){{0,4}}"
    rf"(?:,\s*{_WORD}(?:\s+(?:{_WORD}|of|and)){{0,3}})?)"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\((?P<agency>[A-Za-z0-9 .,/]{2,30})\))?\s*(?:[\u2014\u2013]|--?|:)\s+(?=\S)"
)
_BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,4}(?:\s*(?:and|,)\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,4})*\s*$")
_TERMINAL = tuple('.!?"\u201d\u2019\')…:')


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs (blank-line separated; single lines if there are no blank lines)."""
    spans: list[tuple[int, int]] = []
    pattern = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else re.compile(r"\n+")
    position = 0
    for match in pattern.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
    return out


def _is_heading(chunk: str, index: int, count: int) -> bool:
    words = chunk.split()
    if not words or len(words) > 12 or index == count - 1:
        return False
    if chunk.rstrip().endswith(_TERMINAL):
        return False
    if "\n" in chunk:
        return False
    return True


def blocks(text: str) -> tuple[Block, ...]:
    spans = paragraphs(text)
    out: list[Block] = []
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        signature = _POST_SIGNATURE.search(chunk)
        if signature:
            parsed = dateparser.parse(
                signature.group("date"), languages=["en"], settings={"STRICT_PARSING": True}
            )
            meta = {
                "author": signature.group("author").strip(),
                "handle": signature.group("handle"),
                "date": parsed.date().isoformat() if parsed else None,
                "signature_start": start + signature.start(),
            }
            out.append(Block("post", start, end, meta))
            continue
        if _BYLINE.match(chunk):
            out.append(Block("byline", start, end))
            continue
        if index == 0 or (index == 1 and out and out[0].kind in ("heading", "byline")):
            dateline = _DATELINE.match(chunk)
            if dateline and len(chunk) > dateline.end() + 40:
                cut = start + dateline.end()
                out.append(Block("dateline", start, cut, {"place": dateline.group("place").strip()}))
                out.append(Block("paragraph", cut, end))
                continue
            alone = _DATELINE.match(chunk.rstrip() + " .")  # "Kinshasa, DR Congo –" as a paragraph of its own
            if alone and alone.end() == len(chunk.rstrip()) + 1 and len(chunk.strip()) <= 80 \
                    and not chunk.rstrip().endswith(":"):  # "Update:" alone is a heading
                out.append(Block("dateline", start, end, {"place": alone.group("place").strip()}))
                continue
        if _is_heading(chunk, index, len(spans)):
            out.append(Block("heading", start, end))
            continue
        out.append(Block("paragraph", start, end))
    return tuple(out)
