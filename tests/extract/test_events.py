from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc
import spacy

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract import events as events_stage
from flashpoint.extract.eventcoding import counts, kb
from flashpoint.types import Actor, Article, DocDate

VOCAB = spacy.blank("en").vocab
SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schema" / "event.schema.json"


def make_doc(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """rows: (word, lemma, pos, tag, head index, dep)."""
    words = [r[0] for r in rows]
    doc = Doc(VOCAB, words=words, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
              tags=[r[3] for r in rows], heads=[r[4] for r in rows], deps=[r[5] for r in rows])
    return doc


def actor_at(doc: Doc, i: int, code: str, country: str, sector: str) -> Actor:
    token = doc[i]
    return Actor(token.text, token.idx, token.idx + len(token.text), code=code, country=country, sector=sector)


def run(doc: Doc, actors: tuple[Actor, ...] = ()) -> tuple:
    article = Article(id="a1", text=doc.text)
    return events_stage.events(doc, article, DocDate(None, "none", 0.0), (), (), actors, ())


ATTACK = [("Rebels", "rebel", "NOUN", "NNS", 1, "nsubj"), ("attacked", "attack", "VERB", "VBD", 1, "ROOT"),
          ("the", "the", "DET", "DT", 3, "det"), ("army", "army", "NOUN", "NN", 1, "dobj"),
          (".", ".", "PUNCT", ".", 1, "punct")]


def test_codes_follow_gdelt_quad_class_and_crosswalk() -> None:
    codes = kb.codes()
    assert codes["190"].quad_class == 4 and codes["190"].event == "ASSAULT"
    assert codes["051"].quad_class == 1 and codes["051"].event == "SUPPORT"
    assert codes["0841"].event == "RETREAT" and codes["0841"].mode == "release"
    assert codes["112"].quad_class == 3 and codes["112"].goldstein < 0
    assert codes["073"].quad_class == 2 and codes["073"].goldstein > 0
    assert all(kb.quad_class_of(c) == info.quad_class for c, info in codes.items())


def test_verb_trigger_with_subject_and_object() -> None:
    doc = make_doc(ATTACK)
    actors = (actor_at(doc, 0, "---REB", None, "REB"), actor_at(doc, 3, "---MIL", None, "MIL"))
    (event,) = run(doc, actors)
    assert event.cameo_code == "190" and event.event == "ASSAULT" and event.quad_class == 4
    assert [a.code for a in event.actor] == ["---REB"] and [a.code for a in event.recipient] == ["---MIL"]
    assert event.evidence.spans["trigger"] == ((7, 15),)
    assert event.modality == "asserted"
    assert event.id == run(doc, actors)[0].id  # deterministic


def test_future_attack_is_a_threat_not_an_attack() -> None:
    rows = [("Rebels", "rebel", "NOUN", "NNS", 2, "nsubj"), ("will", "will", "AUX", "MD", 2, "aux"),
            ("attack", "attack", "VERB", "VB", 2, "ROOT"), ("the", "the", "DET", "DT", 4, "det"),
            ("army", "army", "NOUN", "NN", 2, "dobj"), (".", ".", "PUNCT", ".", 2, "punct")]
    doc = make_doc(rows)
    (event,) = run(doc, (actor_at(doc, 0, "---REB", None, "REB"),))
    assert event.cameo_code == "138" and event.event == "THREATEN" and event.modality == "threatened"


def test_negated_attack_is_denied() -> None:
    rows = [("Rebels", "rebel", "NOUN", "NNS", 3, "nsubj"), ("did", "do", "AUX", "VBD", 3, "aux"),
            ("not", "not", "PART", "RB", 3, "neg"), ("attack", "attack", "VERB", "VB", 3, "ROOT"),
            ("the", "the", "DET", "DT", 5, "det"), ("army", "army", "NOUN", "NN", 3, "dobj"),
            (".", ".", "PUNCT", ".", 3, "punct")]
    doc = make_doc(rows)
    (event,) = run(doc, (actor_at(doc, 0, "---REB", None, "REB"),))
    assert event.modality == "denied"


def test_reporting_verb_alone_is_no_event() -> None:
    rows = [("Officials", "official", "NOUN", "NNS", 1, "nsubj"), ("said", "say", "VERB", "VBD", 1, "ROOT"),
            ("so", "so", "ADV", "RB", 1, "advmod"), ("on", "on", "ADP", "IN", 1, "prep"),
            ("Monday", "Monday", "PROPN", "NNP", 3, "pobj"), (".", ".", "PUNCT", ".", 1, "punct")]
    doc = make_doc(rows)
    assert run(doc, (actor_at(doc, 0, "USAGOV", "USA", "GOV"),)) == ()


def test_passive_kill_counts_the_victims_with_unknown_source() -> None:
    rows = [("Eight", "eight", "NUM", "CD", 1, "nummod"), ("people", "people", "NOUN", "NNS", 3, "nsubjpass"),
            ("were", "be", "AUX", "VBD", 3, "auxpass"), ("killed", "kill", "VERB", "VBN", 3, "ROOT"),
            (".", ".", "PUNCT", ".", 3, "punct")]
    doc = make_doc(rows)
    (event,) = run(doc, (actor_at(doc, 1, "---CVL", None, "CVL"),))
    assert event.actor == () and event.recipient[0].code == "---CVL"
    assert event.dead is not None and event.dead.best == 8 and event.dead.of == "recipient"


def test_vague_count_has_a_range() -> None:
    rows = [("killing", "kill", "VERB", "VBG", 0, "ROOT"), ("dozens", "dozen", "NOUN", "NNS", 0, "dobj"),
            ("of", "of", "ADP", "IN", 1, "prep"), ("people", "people", "NOUN", "NNS", 2, "pobj")]
    doc = make_doc(rows)
    count = counts.count_of(doc[1], "recipient")
    assert count is not None and count.best is None and count.low == 24 and count.high == 99


def test_event_record_fields_match_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("the event schema is not beside this checkout")
    from flashpoint.types import to_dict

    doc = make_doc(ATTACK)
    (event,) = run(doc, (actor_at(doc, 0, "---REB", None, "REB"),))
    row = to_dict(event)
    row.update(article_id="a1", coder_version="test")
    row["actor"] = [{"entity_text": a["text"], "code": a["code"], "country": a["country"], "sector": a["sector"]}
                    for a in row["actor"]]
    row["recipient"] = []
    for name in ("dead", "injured", "hostages", "arrested", "event_loc"):
        row.pop(name)
    row["claimed_by"] = []
    jsonschema.validate(row, json.loads(SCHEMA.read_text()))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_pattern_file_with_unknown_code_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\nentries:\n  - {verb: smite, code: \"190\"}\n  - {verb: zap, code: \"999\"}\n")
    with pytest.raises(KnowledgeBaseError) as info:
        kb.build_patterns([path], kb.codes())
    assert info.value.line == 4 and "999" in str(info.value) and "mine.yaml" in str(info.value)


def test_pattern_file_with_yaml_error_and_boolean_word(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        kb.build_patterns([write(tmp_path, "version: 1\nentries: [\n")], kb.codes())
    assert "syntax" in str(info.value)
    bad = write(tmp_path, "version: 1\nentries:\n  - {verb: call, prep: [on], code: \"020\"}\n")
    with pytest.raises(KnowledgeBaseError, match="quote"):
        kb.build_patterns([bad], kb.codes())


def test_user_patterns_extend_and_win(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\nentries:\n  - {verb: smite, code: \"193\"}\n  - {verb: attack, code: \"195\"}\n")
    patterns = kb.build_patterns([kb.TRIGGERS_FILE, path], kb.codes())
    assert patterns.candidates("verb", "smite")[0].code == "193"
    assert patterns.candidates("verb", "attack")[0].code == "195"


@pytest.mark.model
def test_seed_article_key_events(seed_text: str) -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    article = make_article(seed_text, published=dt.date(2023, 1, 3))
    events = next(pipeline.process([article])).events
    codes = {(e.cameo_code, e.modality, e.aggregate) for e in events}
    roots = {e.cameo_code[:2] for e in events}
    assert {"13", "19"} <= roots  # threats and force
    storm = [e for e in events if e.trigger in ("stormed", "killed") and e.cameo_code[:2] in ("18", "19")]
    assert storm and any(e.dead is not None and e.dead.best == 33 for e in storm)
    assert any(e.cameo_code == "181" for e in events)  # hostage-taking at the centre
    assert any(e.aggregate and e.cameo_code[:2] in ("18", "19") for e in events)  # more than 150 attacks
    considered = [e for e in events if "consider" in e.evidence.sentence[: e.evidence.end] and e.trigger == "attacks"]
    assert considered and all(e.event == "THREATEN" and e.modality != "asserted" for e in considered)
    assert not any(e.trigger in ("said", "told") and e.cameo_code.startswith("01") for e in events)
    assert ("0874", "historical", False) in codes or any(e.event == "RETREAT" for e in events)
