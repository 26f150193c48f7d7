"""Stance of statements: content words and cue refinements from kb/statements/stance.yaml."""

from __future__ import annotations

import pytest

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract.statements import lexicon
from flashpoint.types import Article, DocDate


def _copy_kb(tmp_path, stance_text: str) -> None:
    (tmp_path / "cues.yaml").write_text((lexicon.KB_DIR / "cues.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "stance.yaml").write_text(stance_text, encoding="utf-8")


def test_particles_are_read_as_words_not_booleans() -> None:
    assert lexicon.default().verbs["call"].particle == ("for", "on")


def test_refinements_load() -> None:
    refinements = lexicon.default().refinements
    assert refinements["call on"] == (("appeal", ()),)
    assert any(stance == "demand" and "not to" in openings for stance, openings in refinements["urge"])


@pytest.mark.parametrize(
    "block, message",
    [
        ("cue_refinements:\n  scold: demand\n", "not a verb in cues.yaml"),
        ("cue_refinements:\n  urge: insist\n", "is not listed under 'stances'"),
        ("cue_refinements:\n  urge:\n    demand: not to\n", "give a list of content openings"),
    ],
)
def test_bad_refinement_names_file_and_line(tmp_path, block: str, message: str) -> None:
    text = (lexicon.KB_DIR / "stance.yaml").read_text(encoding="utf-8")
    start = text.index("cue_refinements:")
    end = text.index("\nnegators:")
    _copy_kb(tmp_path, text[:start] + block + text[end:])
    with pytest.raises(KnowledgeBaseError, match=message) as error:
        lexicon.load(tmp_path)
    assert "stance.yaml" in str(error.value) and error.value.line is not None


# -- with the real model -------------------------------------------------------------------------
def _stances(text: str) -> dict[str, str]:
    from flashpoint import nlp
    from flashpoint.extract.statements import statements
    from flashpoint.ingest.structure import blocks

    article = Article(id="t", text=text, published=None, source="test", blocks=blocks(text))
    doc = nlp.parse_one(article)
    return {s.cue or "": s.stance for s in statements(doc, article, DocDate(None, "none", 0.0), (), ())}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, stance",
    [
        ("A Kremlin spokesman said Moscow would respond to every strike on its territory.", "said", "threaten"),
        ("Netanyahu said Israel would not allow Hamas to open a front from Lebanon.", "said", "threaten"),
        ("The minister said the crossing would stay closed until the matter was resolved.", "said", "threaten"),
        ("Organisers said they would return to the streets unless the bill was dropped.", "said", "threaten"),
        ("The group called the Israeli strikes \"a dangerous escalation\".", "called", "accuse"),
        ("Officials said more than 400 people had been killed in the camp.", "said", "accuse"),
        ("The spokeswoman said officers had acted with restraint.", "said", "deny"),
        ("The spokesman urged Islamabad not to punish traders for the actions of soldiers.", "urged", "demand"),
        ("The peacekeepers urged both sides to exercise restraint.", "urged", "appeal"),
        ("The AU chairman called on both parties to keep their word.", "called on", "appeal"),
        ("Guterres called for those responsible to be held accountable.", "called for", "demand"),
        ("The spokesman condemned the new sanctions as \"unlawful and unjustified\".", "condemned", "reject"),
        ("The spokesman condemned the rebels for the attack.", "condemned", "accuse"),
    ],
)
def test_stance(text: str, cue: str, stance: str) -> None:
    assert _stances(text).get(cue) == stance
