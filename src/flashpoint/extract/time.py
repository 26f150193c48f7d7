"""Time: the document date and every temporal expression normalised against it. (stub, issue 4)"""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.types import Article, DocDate, TimeExpr


def document_date(article: Article, doc: Doc | None = None) -> DocDate:
    if article.published is not None:
        return DocDate(article.published, "metadata", 1.0)
    return DocDate(None, "none", 0.0)


def times(doc: Doc, article: Article, doc_date: DocDate) -> tuple[TimeExpr, ...]:
    return ()
