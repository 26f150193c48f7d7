"""Streets, roads and numbered highways ("Hertford Road", "Main St.", "Highway 403", "I-95"): names
no packaged gazetteer holds, recognized by their head word and placed at the town they lie in."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from flashpoint.extract.geo.cues import Cues

MAX_NAME_WORDS = 3
INTERSTATE = re.compile(r"^I-\d{1,3}$")
DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


def _head_word(token: Token) -> str:
    return token.lower_.rstrip(".")


def _name_word(token: Token) -> bool:
    return token.is_title and (token.is_alpha or token.text.rstrip("'’s").isalpha()) \
        and token.lower_ not in DETERMINERS


def street_spans(doc: Doc, rules: Cues, demonyms: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, int]]:
    """Token spans of street and road names. A name is one to three capitalised words before a
    street word ("Rest Acres Road", "North Jackson Highway") or a route word and a number
    ("Highway 403", "Interstate 64"); a street word followed by another capitalised word is part
    of a longer name ("Wall Street Journal") and is left alone, as are names with a demonym or a
    word of ``not_street_words`` ("Iranian Red Crescent")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if INTERSTATE.match(token.text):
            out.append((i, i + 1))
            i += 1
            continue
        if token.lower_ in rules.route_words and token.is_title and i + 1 < len(doc) \
                and doc[i + 1].like_num and doc[i + 1].text.isdigit():
            out.append((i, i + 2))
            i += 2
            continue
        if i > 0 and _head_word(token) in rules.street_heads and (token.is_title or token.text in ("St.", "Rd.")):
            start = i
            while start > 0 and i - start < MAX_NAME_WORDS and _name_word(doc[start - 1]) \
                    and _head_word(doc[start - 1]) not in rules.street_heads:
                start -= 1
            after = doc[i + 1] if i + 1 < len(doc) else None
            longer = after is not None and after.is_title and not after.is_sent_start and after.is_alpha
            named = {w.lower_ for w in doc[start:i]}
            if start < i and not longer and not named & demonyms and not named & rules.not_street_words:
                end = i + 1
                if after is not None and after.text == "." and token.text in ("St", "Rd", "Ave", "Blvd"):
                    end += 1
                out.append((start, end))
                i = end
                continue
        i += 1
    return out


NEAR_TOKENS = 25


def street_town(parent: int | None, towns: list[tuple[int, str, int]], at: int) -> int | None:
    """Where a street at token ``at`` lies: its stated town ("Hertford Road, Edmonton"), else a town
    named within a few words of it ("on Highway 403 near Brantford"), else the town the article
    names most (the first of those named equally often). towns: (mention index, name key, token
    index) of the mentions resolved to a town; returns a mention index."""
    if parent is not None and any(index == parent for index, _, _ in towns):
        return parent
    if not towns:
        return None
    near = [(abs(start - at), index) for index, _, start in towns if abs(start - at) <= NEAR_TOKENS]
    if near:
        return min(near)[1]
    counts = Counter(name for _, name, _ in towns)
    top = max(counts.values())
    return next(index for index, name, _ in towns if counts[name] == top)
