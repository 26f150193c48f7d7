"""Counts: how many dead, injured, hostages or arrested, whose, and how sure ("dozens" -> 24..99).

A number counts for an event when it quantifies the trigger's victim phrase ("killed all 33 TTP
attackers", "eight people were killed", "killing dozens of people"). Vague quantities get a
low/high range; "at least"/"more than" set the low bound only.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from flashpoint.types import Count

VAGUE = {
    "dozens": (24, 99), "dozen": (12, 12), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "several": (3, 9), "few": (2, 5), "many": (10, None), "numerous": (10, None), "tens": (20, 90),
}
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
SCALES = {"hundreds": 100, "thousands": 1000, "millions": 1_000_000}
LOWER = frozenset({"least", "more", "over", "than", "nearly"})
UPPER = frozenset({"most", "fewer", "less", "under", "up"})


def number(text: str) -> int | None:
    cleaned = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", cleaned):
        return int(cleaned)
    return WORDS.get(cleaned) if cleaned not in ("a", "an") else None


def count_of(head: Token, of: str | None = None) -> Count | None:
    """The count carried by a noun phrase (its numeral, or a vague quantity), if any."""
    quantity: Token | None = None
    if head.lower_ in VAGUE and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        quantity = head
    for child in head.children:
        if (child.dep_ in ("nummod", "quantmod") and (child.like_num or child.lower_ in VAGUE or child.lower_ in WORDS)) \
                or (child.dep_ == "amod" and child.lower_ in VAGUE):
            quantity = child
    if quantity is not None and quantity.lower_ in VAGUE and head.lower_ in SCALES and quantity.i < head.i:
        # "tens of thousands" hung as quantmods of "thousands"
        low, high = VAGUE[quantity.lower_]
        scale = SCALES[head.lower_]
        return Count(best=None, low=low * scale, high=high * scale if high is not None else None, of=of,
                     text=head.doc[quantity.i:head.i + 1].text)
    if quantity is None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grand in child.children:
                    if grand.dep_ == "pobj" and grand.lower_ in VAGUE:
                        quantity = grand
    if quantity is None and head.lower_ in VAGUE:
        quantity = head
    if quantity is None:
        return None
    text = quantity.text
    bound_words = {c.lower_ for c in quantity.subtree if c.i < quantity.i}
    bound_words |= {t.lower_ for t in quantity.doc[max(quantity.i - 2, 0):quantity.i]}
    if quantity.lower_ in VAGUE:
        low, high = VAGUE[quantity.lower_]
        scale = next((SCALES[g.lower_] for c in quantity.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.lower_ in SCALES), 1)
        if scale > 1:  # "tens of thousands", "hundreds of thousands"
            text = quantity.doc[quantity.i:quantity.i + 3].text
            low, high = low * scale, (high * scale if high is not None else None)
        return Count(best=None, low=low, high=high, of=of, text=text)
    value = number(text)
    if value is None:
        return None
    for child in quantity.children:
        if child.lower_ in MULTIPLIERS:
            value *= MULTIPLIERS[child.lower_]
    nxt = quantity.nbor(1) if quantity.i + 1 < len(quantity.doc) else None
    if nxt is not None and nxt.lower_ in MULTIPLIERS:
        value *= MULTIPLIERS[nxt.lower_]
    if bound_words & LOWER:
        low = value + 1 if {"more", "over"} & bound_words else value
        return Count(best=None, low=low, high=None, of=of, text=text)
    if bound_words & UPPER:
        return Count(best=None, low=None, high=value, of=of, text=text)
    return Count(best=value, low=value, high=value, of=of, text=text)
