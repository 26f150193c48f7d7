"""Property tests: readers and structure finders never crash or hang on arbitrary input."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import InputError
from flashpoint.ingest.article import make_article
from flashpoint.ingest.readers import Failure, read_file
from flashpoint.ingest.structure import blocks
from flashpoint.types import Article

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".md"]

text_like = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=2000
) | st.lists(st.sampled_from(["\n", "\n\n", "\u201c", "\u201d", "\"", "---", " \u2013 ", "(@x)", "January 3, 2023",
                              "By A B", "<p>", "</div>", "{", "}", ",", "KABUL, Afghanistan", "word", "."]),
             max_size=200).map("".join)


@SETTINGS
@given(data=st.binary(max_size=4000) | text_like.map(lambda t: t.encode("utf-8")), suffix=st.sampled_from(SUFFIXES))
def test_every_reader_returns_articles_or_failures(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = Path(tmp_path_factory.mktemp("r")) / f"input{suffix}"
    path.write_bytes(data)
    for item in read_file(path):
        assert isinstance(item, (Article, Failure))
        if isinstance(item, Failure):
            assert str(path) in str(item) and item.message


@SETTINGS
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "title", "url", "published", "body"]),
                                        st.text(max_size=80) | st.integers() | st.none(), max_size=5), max_size=5))
def test_jsonl_records_of_any_shape(tmp_path_factory, records: list[dict]) -> None:
    path = Path(tmp_path_factory.mktemp("j")) / "x.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    items = list(read_file(path))
    assert len(items) == len([r for r in records])  # one article or one failure per line


@SETTINGS
@given(text=text_like)
def test_blocks_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    found = blocks(text)
    previous_end = 0
    for block in found:
        assert previous_end <= block.start < block.end <= len(text)
        previous_end = block.end


@SETTINGS
@given(text=text_like, published=st.text(max_size=20) | st.none())
def test_make_article_accepts_or_explains(text: str, published: str | None) -> None:
    try:
        article = make_article(text, published=published)
    except InputError as exc:
        assert str(exc)
    else:
        assert article.text and article.id == make_article(text, published=None).id
