from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract.statements import lexicon, quotes, statements
from flashpoint.ingest.structure import paragraphs
from flashpoint.types import Actor, Article, DocDate, TimeExpr

KB = lexicon.KB_DIR


def _found(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quotes.find(text, paragraphs(text))]


# -- quotation marks -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “no more” today.", ["“no more”"]),
        ('He said "no more" today.', ['"no more"']),
        ("He said ”mistyped opener.” Done.", ["”mistyped opener.”"]),
        ("Asif’s boys’ club called it ‘untrue’ and left.", ["‘untrue’"]),
        ("They said «assez» twice.", ["«assez»"]),
        ("The “first” and “second” quotes.", ["“first”", "“second”"]),
    ],
)
def test_quote_styles(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_quote_continues_over_paragraphs_only_when_the_next_opens_with_a_mark() -> None:
    text = "“First part of it.\n\n“Second part of it,” he said.\n\nNarration goes on here."
    found = quotes.find(text, paragraphs(text))
    assert len(found) == 1
    assert len(found[0].parts) == 2
    assert text[found[0].end - 1] == "”"


def test_unbalanced_quote_stops_at_paragraph_end() -> None:
    text = "He said “this never closes.\n\nThe rest of the article is narration and must stay out."
    (quote,) = quotes.find(text, paragraphs(text))
    assert not quote.closed
    assert quote.end == text.index("\n")


def test_quote_chain_is_capped() -> None:
    text = "\n\n".join(["“paragraph " + "word " * 50] * 40)
    found = quotes.find(text, paragraphs(text))
    assert found and max(q.end - q.start for q in found) <= quotes.MAX_CHARS + 600
    assert max(len(q.parts) for q in found) <= quotes.MAX_PARAGRAPHS


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n'\"“”‘’«»")), max_size=300))
def test_quote_finder_never_crashes_and_stays_in_its_paragraphs(text: str) -> None:
    spans = paragraphs(text)
    for quote in quotes.find(text, spans):
        assert 0 <= quote.start < quote.end <= len(text)
        assert len(quote.parts) <= quotes.MAX_PARAGRAPHS


# -- knowledge files -----------------------------------------------------------------------------
def test_lexicon_loads_and_knows_the_stances() -> None:
    kb = lexicon.default()
    assert kb.verbs["accuse"].stance == "accuse"
    assert kb.verbs["tell"].object == "addressee"
    assert kb.media["tweet"] == "post"
    assert set(kb.stances) == set(lexicon.STANCES)


@pytest.mark.parametrize(
    "replace, message",
    [
        ("  accuse: {stance: accuse, object: target}", "  accuse: {stance: scold}"),
        ("  say: {}", "  say: {colour: red}"),
        ("  tweet: {medium: post}", "  tweet: {medium: pigeon}"),
    ],
)
def test_bad_cue_entry_names_file_and_line(tmp_path: Path, replace: str, message: str) -> None:
    text = (KB / "cues.yaml").read_text(encoding="utf-8")
    assert replace in text
    (tmp_path / "cues.yaml").write_text(text.replace(replace, message), encoding="utf-8")
    (tmp_path / "stance.yaml").write_text((KB / "stance.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    line = text.splitlines().index(replace) + 1
    with pytest.raises(KnowledgeBaseError, match=rf"cues.yaml, line {line}"):
        lexicon.load(tmp_path)


def test_bad_yaml_is_a_knowledge_base_error(tmp_path: Path) -> None:
    (tmp_path / "cues.yaml").write_text("verbs: [unclosed\n", encoding="utf-8")
    (tmp_path / "stance.yaml").write_text("stances: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="cues.yaml"):
        lexicon.load(tmp_path)


# -- extraction from a hand-built parse ----------------------------------------------------------
def _doc(words, heads, deps, pos, lemmas, ents=None) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               ents=ents, sent_starts=[True] + [False] * (len(words) - 1))


def _article(doc: Doc) -> Article:
    return Article(id="a1", text=doc.text)


def test_indirect_speech_from_a_hand_built_parse() -> None:
    words = ["Khan", "said", "on", "Monday", "that", "Kabul", "harbours", "militants", "."]
    doc = _doc(
        words,
        heads=[1, 1, 1, 2, 6, 6, 1, 6, 1],
        deps=["nsubj", "ROOT", "prep", "pobj", "mark", "nsubj", "ccomp", "dobj", "punct"],
        pos=["PROPN", "VERB", "ADP", "PROPN", "SCONJ", "PROPN", "VERB", "NOUN", "PUNCT"],
        lemmas=["Khan", "say", "on", "Monday", "that", "Kabul", "harbour", "militant", "."],
        ents=["B-PERSON", "O", "O", "B-DATE", "O", "B-GPE", "O", "O", "O"],
    )
    text = doc.text
    monday = text.index("Monday")
    times = (TimeExpr("Monday", monday, monday + 6, "2023-01-02"),)
    khan = Actor(text="Khan", start=0, end=4, name="Imran Khan", code="PAKOPP", entity_id="khan", kind="person")
    (found,) = statements(doc, _article(doc), DocDate(dt.date(2023, 1, 3), "metadata", 1.0), times, (khan,))
    assert found.speaker == khan
    assert found.cue == "said"
    assert found.content == "that Kabul harbours militants"
    assert found.kind == "indirect"
    assert found.date == "2023-01-02"
    assert found.stance == "accuse"
    assert [t.name for t in found.target] == ["Kabul"]
    assert found.id == statements(doc, _article(doc), DocDate(None, "none", 0.0), times, (khan,))[0].id


def test_cue_stance_and_negation() -> None:
    words = ["Ali", "did", "not", "deny", "the", "report", "."]
    doc = _doc(
        words,
        heads=[3, 3, 3, 3, 5, 3, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"],
        pos=["PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["Ali", "do", "not", "deny", "the", "report", "."],
    )
    (found,) = statements(doc, _article(doc), DocDate(None, "none", 0.0), (), ())
    assert found.content == "the report"
    assert found.stance == "neutral"
    assert found.speaker is not None and found.speaker.code is None and found.speaker.name == "Ali"


# -- with the real model -------------------------------------------------------------------------
def _run(text: str, published: str = "2023-01-03"):
    from flashpoint import nlp
    from flashpoint.ingest.article import make_article

    article = make_article(text, published=published)
    doc = nlp.parse_one(article)
    date = DocDate(article.published, "metadata", 1.0)
    return statements(doc, article, date, (), ())


def _speaker(statement) -> str | None:
    return statement.speaker.name if statement.speaker else None


@pytest.mark.model
def test_seed_statements_and_speakers(seed_text: str) -> None:
    found = _run(seed_text)
    def who(prefix: str) -> str | None:
        matches = [s for s in found if prefix in s.content[:60]]
        assert matches, f"no statement starting with {prefix!r}"
        return _speaker(matches[0])

    assert who("We have spoken") == "Khawaja Asif"
    asif = next(s for s in found if "We have spoken" in s.content)
    assert asif.kind == "direct" and asif.medium == "interview"
    assert who("no country will") in ("government", "National Security Council")
    assert "Afghan" in (who("provocative and baseless") or "") or "Afghanistan" in (who("provocative") or "")
    assert who("the Islamic Emirate of Afg") == "Zabihullah Mujahid"
    assert who("The Islamic Emirate is doing") == "Zabihullah Mujahid"
    assert who("adopt a policy") == "Sharif"
    assert who("Peace is not negotiable,”") == "Sharif"
    assert who("is not devoid") == "Taliban"
    assert who("As always, we are ready") == "Taliban"
    tweet = next(s for s in found if s.content.startswith("“Peace"))
    assert tweet.medium == "post" and tweet.speaker_span and seed_text[slice(*tweet.speaker_span)] == "he"
    partial = next(s for s in found if "untrue" in s.content)
    assert partial.kind == "partial"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker, content, medium",
    [
        ("According to the ministry, the border will stay closed.", "ministry", "the border will stay closed",
         None),
        ("In a tweet on Tuesday, Omar Khan said the talks had failed.", "Omar Khan", "the talks had failed",
         "post"),
        ("“We will not give up,” the spokesman for Hamas told reporters.", "Hamas", "“We will not give up,”",
         None),
        ("A statement issued by the army said that two soldiers died.", "army", "that two soldiers died",
         "statement"),
    ],
)
def test_patterns(text: str, speaker: str, content: str, medium: str | None) -> None:
    (found,) = _run(text)
    assert speaker in (_speaker(found) or "")
    assert found.content == content
    assert found.medium == medium


@pytest.mark.model
def test_speakerless_paragraph_continues_and_pronoun_without_antecedent_keeps_the_party() -> None:
    text = (
        "The Taliban responded on Monday, saying that Kabul “wants peace.”\n\n"
        "“We are committed to this goal and we will keep our promises to the people.”\n\n"
        "In a statement, she said, “We are ready to defend our homeland.”"
    )
    found = _run(text)
    assert [_speaker(s) for s in found] == ["Taliban", "Taliban", "Taliban"]
    assert found[1].cue is None and found[1].kind == "direct"


@pytest.mark.model
def test_bad_quotes_never_swallow_the_article() -> None:
    text = (
        "The minister said “this quote never closes and goes on.\n\n"
        + "\n\n".join("Plain narration paragraph number %d follows here." % i for i in range(30))
        + "\n\n“An orphan quote with enough words to be speech in it.”"
    )
    found = _run(text)
    assert found
    assert all(s.content_span[1] - s.content_span[0] < 200 for s in found)
    orphan = [s for s in found if s.content.startswith("“An orphan")]
    assert orphan and orphan[0].speaker is None


@pytest.mark.model
def test_a_direct_quote_continued_without_a_cue_is_one_statement() -> None:
    text = "“We will win this war,” Khan said. “Nobody can stop the people of this country now.”"
    (found,) = _run(text)
    assert _speaker(found) == "Khan"
    assert len(found.content_parts) == 2
    assert found.content.endswith("now.”")


@pytest.mark.model
def test_parenthetical_cue_and_cue_closing_a_paragraph() -> None:
    found = _run("But to prevent problems, he said, local officials should be vigilant.")
    assert found and found[0].content_parts and len(found[0].content_parts) == 2
    text = "The governor added:\n\nIt is typical of them and the whole country knows it by now."
    (after,) = _run(text)
    assert after.content.startswith("It is typical") and _speaker(after) == "governor"
