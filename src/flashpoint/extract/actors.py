"""Actors: mentions resolved to canonical, coded actors. (stub, issue 6)"""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.types import Actor, Article, DocDate, Place


def actors(doc: Doc, article: Article, doc_date: DocDate, places: tuple[Place, ...]) -> tuple[Actor, ...]:
    return ()
