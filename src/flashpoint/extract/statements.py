"""Statements: who said what, about whom, when. (stub, issue 7)"""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.types import Actor, Article, DocDate, Statement, TimeExpr


def statements(
    doc: Doc, article: Article, doc_date: DocDate, times: tuple[TimeExpr, ...], actors: tuple[Actor, ...]
) -> tuple[Statement, ...]:
    return ()
