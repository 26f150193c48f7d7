from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from flashpoint import nlp as nlp_module
from flashpoint.ingest import make_article
from flashpoint.types import Block


def test_block_boundaries_on_a_hand_built_doc() -> None:
    words = ["January", "3", ",", "2023", "\n\n", "Last", "month", "it", "ended", "."]
    spaces = [True, False, True, False, False, True, True, True, False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces)
    doc._.blocks = (Block("post", 0, 15), Block("paragraph", 17, 39))
    nlp_module.block_boundaries(doc)
    assert doc[5].is_sent_start is True
    assert [t._.block for t in doc][:4] == [0, 0, 0, 0] and doc[5]._.block == 1


@pytest.mark.model
def test_paragraphs_are_hard_sentence_boundaries() -> None:
    article = make_article("He tweeted on January 3, 2023\n\nLast month the siege ended in Bannu.")
    doc = nlp_module.parse_one(article)
    sents = [s.text for s in nlp_module.sentences(doc)]
    assert sents == ["He tweeted on January 3, 2023", "Last month the siege ended in Bannu."]


@pytest.mark.model
def test_seed_structure_and_entities(seed_text: str) -> None:
    article = make_article(seed_text)
    doc = nlp_module.parse_one(article)
    kinds = {b.kind for b in article.blocks}
    assert {"dateline", "heading", "post", "paragraph"} <= kinds
    prose = " ".join(s.text for s in nlp_module.prose_sentences(doc))
    assert "@CMShehbaz" not in prose and "provocative assertions\n" not in prose
    labels = {(e.text, e.label) for e in nlp_module.entities(doc)}
    assert ("Khawaja Asif", "PERSON") in labels


@pytest.mark.model
def test_cached_sentence_and_text_lookups_agree_with_spacy() -> None:
    from flashpoint import nlp

    doc = nlp.load()("Rebels attacked the base on Monday. Troops answered. The siege ended.")
    assert nlp.doc_text(doc) == doc.text
    for token in doc:
        assert nlp.sentence_of(token) == token.sent
