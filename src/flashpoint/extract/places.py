"""Places: toponyms resolved against an offline gazetteer. (stub, issue 5)"""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.types import Article, Place


def places(doc: Doc, article: Article) -> tuple[Place, ...]:
    return ()
