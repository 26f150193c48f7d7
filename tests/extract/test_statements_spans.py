"""Span conventions of the statements stage (PolNeAR-style Source / Cue / Content)."""

from __future__ import annotations

import pytest

from flashpoint.extract.statements import quotes
from flashpoint.ingest.structure import paragraphs
from flashpoint.types import Article, DocDate


def _found(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotes.find(text, paragraphs(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("''It is wrong,'' said Mr. Burman. ''The issue is governance.''",
         ["''It is wrong,''", "''The issue is governance.''"]),
        ("People would ''learn nothing,'' he said.", ["''learn nothing,''"]),
        ("He said ``no way'' and left.", ["``no way''"]),
        ("The boys' club said 'untrue' twice.", ["'untrue'"]),
    ],
)
def test_two_apostrophes_are_one_double_mark(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_two_apostrophe_quote_continues_over_paragraphs() -> None:
    text = "''First part of it.\n\n''Second part of it,'' he said.\n\nNarration."
    (quote,) = quotes.find(text, paragraphs(text))
    assert len(quote.parts) == 2 and text[quote.end - 2 : quote.end] == "''"


# -- with the real model -------------------------------------------------------------------------
def _run(text: str):
    from flashpoint import nlp
    from flashpoint.extract.statements import statements
    from flashpoint.ingest.structure import blocks

    article = Article(id="t", text=text, published=None, source="test", blocks=blocks(text))
    doc = nlp.parse_one(article)
    return statements(doc, article, DocDate(None, "none", 0.0), (), ())


def _parts(text: str, statement) -> list[str]:
    return [text[a:b] for a, b in (statement.content_parts or (statement.content_span,))]


def _source(text: str, statement) -> str | None:
    return text[slice(*statement.speaker_span)] if statement.speaker_span else None


@pytest.mark.model
@pytest.mark.parametrize(
    "text, source, parts",
    [
        ("Climate change, Mr. Obama often says, is the greatest long-term threat facing the world.",
         "Mr. Obama", ["Climate change", "is the greatest long-term threat facing the world"]),
        ("The museum, Mr. Bush said, celebrated several of his heroes.",
         "Mr. Bush", ["The museum", "celebrated several of his heroes"]),
    ],
)
def test_a_cue_set_off_by_commas_splits_its_content(text: str, source: str, parts: list[str]) -> None:
    found = [s for s in _run(text) if s.speaker_span]
    assert found and _source(text, found[0]) == source
    assert _parts(text, found[0]) == parts


@pytest.mark.model
def test_quote_after_a_participial_aside_continues_the_direct_quote() -> None:
    text = ("“This is in their heads. This is in their minds,” said Caddell, speaking of the poll. "
            "“It is one of the things worrying them.”")
    found = _run(text)
    said = next(s for s in found if s.cue == "said")
    assert _source(text, said) == "Caddell"  # no closing comma without an apposition
    assert _parts(text, said) == ["“This is in their heads. This is in their minds,”",
                                  "“It is one of the things worrying them.”"]
    assert all(s.speaker is not None for s in found)


@pytest.mark.model
def test_apposition_keeps_its_closing_comma() -> None:
    text = "Brian Fallon, the campaign’s press secretary, said that the plan would pass."
    (found,) = _run(text)
    assert _source(text, found) == "Brian Fallon, the campaign’s press secretary,"


@pytest.mark.model
def test_name_and_colon_opening_a_paragraph_is_a_speaker() -> None:
    text = ("Pence: Gennifer Flowers Won’t Be at Debate, Trump Was Mocking Clinton Camp.\n\n"
            "Partial transcript as follows:\n\n"
            "\"WALLACE: Let’s start with breaking news on the debate story tonight.\n\n"
            "\"PENCE: Well, look, you know, Mark Cuban has been out there saying tough stuff.\n\n"
            "WASHINGTON: The Senate voted on Friday to pass the bill.\n\n"
            "Update: The story was changed later in the day to add details.\n")
    found = {_source(text, s): s for s in _run(text)}
    assert set(found) == {"Pence", "WALLACE", "PENCE"}
    assert found["Pence"].cue == ":"
    assert _parts(text, found["Pence"]) == ["Gennifer Flowers Won’t Be at Debate, Trump Was Mocking Clinton Camp"]
    assert _parts(text, found["WALLACE"]) == ["Let’s start with breaking news on the debate story tonight"]


@pytest.mark.model
def test_cue_takes_a_following_colon() -> None:
    text = "The governor added: “We will rebuild every home that was lost.”"
    (found,) = _run(text)
    assert found.cue == "added:"


@pytest.mark.model
def test_cue_in_the_sentence_the_parser_split_off_takes_the_quote_before_it() -> None:
    text = ("“How many times do we have to see this in our country?” Clinton said. “In Tulsa, a man died.”\n"
            "“Maybe I can say this is not who we are,” she continued. “We have got to improve policing.”\n"
            "Prices continued to rise after the storm.")
    found = _run(text)
    assert len(found) == 2
    first, second = found
    assert _source(text, first) == "Clinton" and len(_parts(text, first)) == 2
    assert second.cue == "continued" and _parts(text, second)[-1] == "“We have got to improve policing.”"


@pytest.mark.model
def test_content_never_cuts_a_quote() -> None:
    text = "Hope Hicks said she expects the campaign “to continue defending ourselves as we deem necessary.”"
    found = next(s for s in _run(text) if s.cue == "said")
    assert found.content.endswith("necessary.”")


def test_quote_only_cue_option_is_validated(tmp_path) -> None:
    from flashpoint.errors import KnowledgeBaseError
    from flashpoint.extract.statements import lexicon

    (tmp_path / "cues.yaml").write_text(
        (lexicon.KB_DIR / "cues.yaml").read_text(encoding="utf-8").replace("continue: {quote: true}",
                                                                            "continue: {quote: maybe}"),
        encoding="utf-8")
    (tmp_path / "stance.yaml").write_text((lexicon.KB_DIR / "stance.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="quote must be true or false"):
        lexicon.load(tmp_path)
    assert lexicon.default().verbs["continue"].quote


@pytest.mark.model
def test_finite_cue_takes_a_that_clause_but_not_an_infinitive() -> None:
    text = "Investigators found that the fire was set. They found a way through the law. He hopes to win."
    found = _run(text)
    assert [s.content for s in found] == ["that the fire was set"]


@pytest.mark.model
def test_accusing_verb_takes_its_target_and_charge_as_content() -> None:
    text = "Strada accused the Saudi government of attempting to intimidate the families."
    (found,) = _run(text)
    assert found.content == "the Saudi government of attempting to intimidate the families"
    assert found.stance == "accuse"


@pytest.mark.model
def test_short_quote_right_after_a_cued_quote_continues_it() -> None:
    text = "“Does anybody know what the platform of the party is?” Graham asked. “Neither do I.”"
    (found,) = _run(text)
    assert _parts(text, found)[-1] == "“Neither do I.”"


@pytest.mark.model
def test_opening_adverbial_before_a_parenthetical_cue_is_no_content() -> None:
    text = ("As a phone rang, the announcer said, “It’s 3 a.m., and your children are safe.”\n\n"
            "It was, the president said, “a stone where men and women were sold.”")
    first, second = _run(text)
    assert _parts(text, first) == ["“It’s 3 a.m., and your children are safe.”"]
    assert _parts(text, second) == ["It was", "“a stone where men and women were sold.”"]


@pytest.mark.model
def test_content_stops_before_a_coordinated_report_and_a_closing_concession() -> None:
    text = ("Senators said they're increasingly sure the Interior Department mishandled the case and Democrats "
            "accused the GOP of playing politics. He claimed that paying no taxes was smart, although he refused "
            "to release his returns.")
    found = {s.cue: s for s in _run(text)}
    assert found["said"].content == "they're increasingly sure the Interior Department mishandled the case"
    assert _source(text, found["accused"]) == "Democrats"
    assert found["claimed"].content == "that paying no taxes was smart"


@pytest.mark.model
def test_a_quote_signed_with_a_dash_and_a_name_is_that_persons() -> None:
    text = ("“The candidate must stop portraying us as criminals when most of us work hard.” ― Ana Ruiz\n\n"
            "“He showed who he really is tonight.” ― Luis de la Cruz \n\n"
            "The talks — officials said — were over. “We won the match today, it was great” — and they left.\n")
    found = {_source(text, s): s for s in _run(text)}
    assert found["Ana Ruiz"].cue == "―" and found["Luis de la Cruz"].kind == "direct"
    assert "and" not in found and "and they left" not in found
