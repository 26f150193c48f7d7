from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval import quotes
from flashpoint.eval.common import PRF
from flashpoint.types import Actor, Statement

TEXT = 'Officials said that the bridge was closed. "It will reopen soon," Lee said.\n\nNo attribution here.'
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345
ANN = """T1\tSource 0 9\tOfficials
T2\tCue 10 14\tsaid
T3\tContent 15 41\tthat the bridge was closed
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tContent 43 64;64 65\t"It will reopen soon,"
T6\tSource 66 69\tLee
T7\tCue 70 74\tsaid
T8\tAttribution 70 74\tsaid
E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7
T9\tDiscard 77 97\tNo attribution here.
"""


def _statement(content: tuple[int, int], speaker: tuple[int, int] | None, cue: tuple[int, int] | None) -> Statement:
    return Statement(
        id="x",
        speaker=Actor(text="?", start=0, end=1) if speaker else None,
        cue="said" if cue else None,
        cue_span=cue,
        content=TEXT[content[0] : content[1]],
        content_span=content,
        kind="indirect",
        speaker_span=speaker,
    )


def test_read_brat_links_roles_and_merges_fragments() -> None:
    found = quotes.read_brat(ANN)
    assert len(found) == 2
    assert found[0] == quotes.Attribution(source=((0, 9),), cue=((10, 14),), content=((15, 41),))
    assert found[1].content == ((43, 64), (64, 65))
    assert TEXT[43:65] == '"It will reopen soon,"'


@pytest.mark.parametrize(
    "bad",
    ["T1\tSource 5 x\tword\nE1\tAttribution:T1", "T1\tSource 9 3\tword", "E1\tAttribution:T1 Source:T9"],
)
def test_read_brat_rejects_bad_lines_with_their_number(bad: str) -> None:
    with pytest.raises(EvalError, match="line"):
        quotes.read_brat(bad, origin="x.ann")


def test_matching_is_one_to_one_and_exact_needs_equal_fragments() -> None:
    gold = [((0, 10),), ((20, 30),)]
    one_long = [((0, 30),)]
    assert len(quotes.match(gold, one_long, exact=False)) == 1
    assert quotes.match(gold, [((0, 10),)], exact=True) == [(0, 0)]
    assert quotes.match(gold, [((0, 11),)], exact=True) == []


def test_score_document_counts_exact_overlap_and_attribution() -> None:
    gold = quotes.read_brat(ANN)
    predicted = [
        _statement((15, 41), (0, 9), (10, 14)),  # perfect
        _statement((43, 60), (66, 69), (70, 74)),  # content only overlaps
        _statement((77, 97), None, None),  # spurious
    ]
    counts: dict[str, PRF] = {}
    errors: list = []
    quotes.score_document(TEXT, gold, predicted, counts, errors)
    assert (counts["Content exact"].tp, counts["Content exact"].fp, counts["Content exact"].fn) == (1, 2, 1)
    assert (counts["Content overlap"].tp, counts["Content overlap"].fp) == (2, 1)
    assert counts["Source exact"].f1 == 1.0
    assert counts["attribution"].tp == 2
    assert any(e["error"] == "spurious Content" for e in errors)


def test_content_parts_are_scored_as_fragments() -> None:
    statement = Statement(
        id="x", speaker=None, cue=None, cue_span=None, content="", content_span=(43, 65), kind="direct",
        content_parts=((43, 64), (64, 65)),
    )
    assert quotes.predicted_spans(statement)["Content"] == ((43, 64), (64, 65))


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "polnear_dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc-one.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "doc-one_ab12.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "polnear_metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\ndev\tdoc-one\t2016-09-12\n", encoding="utf-8"
    )
    return root


def test_read_corpus_finds_text_and_publication_date(tmp_path: Path) -> None:
    docs = list(quotes.read_corpus(_corpus(tmp_path)))
    assert [d.name for d in docs] == ["doc-one_ab12"]
    assert docs[0].published == dt.date(2016, 9, 12)
    assert len(docs[0].attributions) == 2


def test_read_corpus_rejects_a_folder_without_the_layout(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="attributions"):
        list(quotes.read_corpus(tmp_path))


def test_eval_article_keeps_offsets() -> None:
    doc = quotes.GoldDoc("d", "A\u00a0b\r\nc", [])
    article = quotes.eval_article(doc)
    assert len(article.text) == len(doc.text)


@pytest.mark.model
def test_evaluate_end_to_end_on_a_tiny_corpus(tmp_path: Path) -> None:
    report = quotes.evaluate(str(_corpus(tmp_path)))
    assert report.documents == 1
    assert report.scores["Content overlap"]["R"] == 1.0
    assert report.scores["Source exact"]["F1"] == 1.0
