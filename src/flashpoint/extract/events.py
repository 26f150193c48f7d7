"""Events: who did what to whom, coded, dated, placed, counted, with evidence. (stub, issue 8)"""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.types import Actor, Article, DocDate, Event, Place, Statement, TimeExpr


def events(
    doc: Doc,
    article: Article,
    doc_date: DocDate,
    times: tuple[TimeExpr, ...],
    places: tuple[Place, ...],
    actors: tuple[Actor, ...],
    statements: tuple[Statement, ...],
) -> tuple[Event, ...]:
    return ()
