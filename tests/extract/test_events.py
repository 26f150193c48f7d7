from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

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


def test_condemnation_aimed_at_no_actor_is_no_event() -> None:
    rows = [("France", "France", "PROPN", "NNP", 1, "nsubj"), ("condemned", "condemn", "VERB", "VBD", 1, "ROOT"),
            ("the", "the", "DET", "DT", 3, "det"), ("allegations", "allegation", "NOUN", "NNS", 1, "dobj"),
            (".", ".", "PUNCT", ".", 1, "punct")]
    doc = make_doc(rows)
    assert run(doc, (actor_at(doc, 0, "FRA", "FRA", None),)) == ()
    aimed = make_doc([*rows[:2], ("Rwanda", "Rwanda", "PROPN", "NNP", 1, "dobj"), (".", ".", "PUNCT", ".", 1, "punct")])
    (event,) = run(aimed, (actor_at(aimed, 0, "FRA", "FRA", None), actor_at(aimed, 2, "RWA", "RWA", None)))
    assert event.cameo_code == "111" and event.recipient[0].code == "RWA"


def test_conjoined_subjects_meet_each_other_in_one_event() -> None:
    from flashpoint.eval.events_sentences import triples

    rows = [("Russia", "Russia", "PROPN", "NNP", 3, "nsubj"), ("and", "and", "CCONJ", "CC", 0, "cc"),
            ("Iran", "Iran", "PROPN", "NNP", 0, "conj"), ("met", "meet", "VERB", "VBD", 3, "ROOT"),
            (".", ".", "PUNCT", ".", 3, "punct")]
    doc = make_doc(rows)
    (event,) = run(doc, (actor_at(doc, 0, "RUS", "RUS", None), actor_at(doc, 2, "IRN", "IRN", None)))
    assert event.cameo_code == "040" and len(event.actor) == 2 and event.recipient == event.actor
    assert sorted(triples(event)) == [("IRN", "RUS", "040"), ("RUS", "IRN", "040")]


def test_nominal_event_without_an_author_is_a_topic_not_an_event() -> None:
    rows = [("Talks", "talk", "NOUN", "NNS", 3, "nsubj"), ("with", "with", "ADP", "IN", 0, "prep"),
            ("Iran", "Iran", "PROPN", "NNP", 1, "pobj"), ("continue", "continue", "VERB", "VBP", 3, "ROOT"),
            (".", ".", "PUNCT", ".", 3, "punct")]
    doc = make_doc(rows)
    assert run(doc, (actor_at(doc, 2, "IRN", "IRN", None),)) == ()


SUPPLY = [("The", "the", "DET", "DT", 1, "det"), ("US", "US", "PROPN", "NNP", 3, "nsubj"),
          ("will", "will", "AUX", "MD", 3, "aux"), ("supply", "supply", "VERB", "VB", 3, "ROOT"),
          ("arms", "arm", "NOUN", "NNS", 3, "dobj"), ("to", "to", "ADP", "IN", 3, "prep"),
          ("Israel", "Israel", "PROPN", "NNP", 5, "pobj"), (".", ".", "PUNCT", ".", 3, "punct")]


def test_plain_future_keeps_the_act_but_a_stated_future_is_an_intent() -> None:
    doc = make_doc(SUPPLY)
    (event,) = run(doc, (actor_at(doc, 1, "USA", "USA", None), actor_at(doc, 6, "ISR", "ISR", None)))
    assert event.cameo_code == "072" and event.modality == "planned" and event.recipient[0].code == "ISR"
    rows = [("Washington", "Washington", "PROPN", "NNP", 1, "nsubj"), ("said", "say", "VERB", "VBD", 1, "ROOT"),
            ("it", "it", "PRON", "PRP", 4, "nsubj"), ("will", "will", "AUX", "MD", 4, "aux"),
            ("supply", "supply", "VERB", "VB", 1, "ccomp"), ("arms", "arm", "NOUN", "NNS", 4, "dobj"),
            ("to", "to", "ADP", "IN", 4, "prep"), ("Israel", "Israel", "PROPN", "NNP", 6, "pobj"),
            (".", ".", "PUNCT", ".", 1, "punct")]
    doc = make_doc(rows)
    actors = (actor_at(doc, 0, "USA", "USA", None), actor_at(doc, 2, "USA", "USA", None),
              actor_at(doc, 7, "ISR", "ISR", None))
    (event,) = run(doc, actors)
    assert event.cameo_code.startswith("03") and event.quad_class == 1


def test_event_without_a_time_takes_the_document_date_less_surely() -> None:
    import datetime as dt

    doc = make_doc(ATTACK)
    actors = (actor_at(doc, 0, "---REB", None, "REB"), actor_at(doc, 3, "---MIL", None, "MIL"))
    article = Article(id="a1", text=doc.text)
    (dated,) = events_stage.events(doc, article, DocDate(dt.date(2023, 1, 3), "metadata", 1.0), (), (), actors, ())
    (undated,) = run(doc, actors)
    assert dated.date == "2023-01-03" and dated.date_precision == "day" and "date" not in dated.evidence.spans
    assert undated.date is None and dated.confidence < undated.confidence


def test_kb_lists_are_loaded() -> None:
    patterns = kb.patterns()
    assert "soil" in patterns.place_nouns and "allow" in patterns.permission_verbs
    assert "11" in patterns.needs_recipient and "18" not in patterns.needs_recipient
    assert kb.codes()["106"].event == "REQUEST" and kb.codes()["1056"].label.startswith("Demand de-escalation")


@pytest.mark.model
def test_seed_article_reads_as_an_analyst_would(seed_text: str) -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    events = next(pipeline.process([make_article(seed_text, published=dt.date(2023, 1, 3))])).events

    def sentence_has(event, words: str) -> bool:
        return words in event.evidence.sentence

    assert not any(a.text == "Afghan soil" for e in events for a in e.actor)  # ground does not act
    demands = [e for e in events if sentence_has(e, "calling for the imposition")]
    assert not any(e.quad_class in (2, 4) for e in demands)  # the demands are not acts
    ordered = [e for e in events if e.trigger == "attacks" and sentence_has(e, "ordered its fighters")]
    assert ordered and all(e.modality != "asserted" and e.event != "ASSAULT" for e in ordered)
    leaving = [e for e in events if e.event == "RETREAT" and sentence_has(e, "began leaving")]
    assert len(leaving) == 1 and {"USAMIL", "IGONAT"} <= {a.code for a in leaving[0].actor}
    assert leaving[0].date == "2021-08"
    kabul = [e for e in events if e.cameo_code == "192" and sentence_has(e, "taken over Kabul")]
    # coded by the role held when it happened: the insurgents took Kabul and signed in Doha (AFGREB), the
    # government of 2023 (AFGGOV) is the one that denies and threatens
    assert kabul and kabul[0].date == "2021-08" and kabul[0].actor[0].code == "AFGREB"
    doha = [e for e in events if e.cameo_code == "057"]
    assert doha and doha[0].date == "2020-02" and doha[0].recipient[0].code == "USA"
    assert doha[0].actor[0].code == "AFGREB" and doha[0].actor[0].entity_id == "afghan-taliban"
    assert all(a.code == "AFGGOV" for e in events if e.date and e.date >= "2023" for a in e.actor
               if a.entity_id == "afghan-taliban")
    sanaullah = [e for e in events if sentence_has(e, "Sanullah said")]
    assert not any(e.event == "ACCUSE" for e in sanaullah)
    assert any(e.event == "REQUEST" and e.recipient and e.recipient[0].code == "AFGGOV" for e in sanaullah)
    attended = [e for e in events if sentence_has(e, "attended a meeting")]
    assert len(attended) <= 1
    aggregate = [e for e in events if e.aggregate and e.number is not None]
    assert aggregate and aggregate[0].number.low == 151 and aggregate[0].date == "2022"
    assert all(e.date for e in events)  # every event is dated, by its text or by the document
    replies = [e for e in events if e.event == "REJECT" and e.actor and e.actor[0].country == "AFG"]
    assert replies and all(e.recipient and e.recipient[0].country == "PAK" for e in replies)


def test_a_cooperative_act_someone_will_not_do_is_a_refusal() -> None:
    rows = [("Iran", "Iran", "PROPN", "NNP", 3, "nsubj"), ("will", "will", "AUX", "MD", 3, "aux"),
            ("not", "not", "PART", "RB", 3, "neg"), ("lift", "lift", "VERB", "VB", 3, "ROOT"),
            ("the", "the", "DET", "DT", 5, "det"), ("sanctions", "sanction", "NOUN", "NNS", 3, "dobj"),
            ("on", "on", "ADP", "IN", 5, "prep"), ("Iraq", "Iraq", "PROPN", "NNP", 6, "pobj"),
            (".", ".", "PUNCT", ".", 3, "punct")]
    doc = make_doc(rows)
    (event,) = run(doc, (actor_at(doc, 0, "IRN", "IRN", None), actor_at(doc, 7, "IRQ", "IRQ", None)))
    assert event.cameo_code == "1244" and event.event == "REJECT" and event.modality == "asserted"


def test_a_statement_with_a_broken_span_is_skipped_not_fatal() -> None:
    from flashpoint.types import Statement

    doc = make_doc(ATTACK)
    speaker = actor_at(doc, 0, "---REB", None, "REB")
    broken = Statement(id="s1", speaker=speaker, cue="said", cue_span=(23, 1), content="x", content_span=(30, 2),
                       kind="indirect", stance="accuse")
    article = Article(id="a1", text=doc.text)
    assert events_stage.events(doc, article, DocDate(None, "none", 0.0), (), (), (speaker,), (broken,)) != ()


def _speech(event, *, start: int, trigger: str, speaker: Actor, recipient: Actor):
    import dataclasses

    evidence = dataclasses.replace(event.evidence, start=start, statement_id=f"s{start}")
    return dataclasses.replace(event, id=f"e{start}", evidence=evidence, trigger=trigger, cameo_code="112",
                               actor=(speaker,), recipient=(recipient,), date="2023-01-02")


def test_a_lede_summary_and_its_quote_are_one_accusation() -> None:
    from flashpoint.extract.eventcoding import merge

    (base,) = run(make_doc(ATTACK), (actor_at(make_doc(ATTACK), 0, "---REB", None, "REB"),
                                     actor_at(make_doc(ATTACK), 3, "---MIL", None, "MIL")))
    minister = Actor("Asif", 0, 4, code="PAKGOV", country="PAK", sector="GOV", kind="person", entity_id="p:asif")
    guessed = Actor("armed groups", 5, 17, code="AFGREB", country="AFG", sector="REB", confidence=0.4)
    named = Actor("the Afghan government", 30, 51, code="AFGGOV", country="AFG", sector="GOV", confidence=0.8)
    lede = _speech(base, start=0, trigger="claimed", speaker=minister, recipient=guessed)
    quote = _speech(base, start=100, trigger="told", speaker=minister, recipient=named)
    (one,) = merge.merge([lede, quote], set())
    assert [a.code for a in one.recipient] == ["AFGGOV"] and len(one.mentions) == 1
    other_country = _speech(base, start=100, trigger="told", speaker=minister,
                            recipient=dataclasses_replace(named, country="IND", code="INDGOV"))
    assert len(merge.merge([lede, other_country], set())) == 2  # a second country: a second accusation


def dataclasses_replace(actor: Actor, **changes: object) -> Actor:
    import dataclasses

    return dataclasses.replace(actor, **changes)  # type: ignore[arg-type]


@pytest.mark.model
def test_each_sentence_of_a_long_quote_keeps_its_own_act() -> None:
    text = ("Iran's foreign ministry spokesman Nasser Kanaani said on Monday: \u201cIran is doing its best to "
            "keep the talks alive. The American side must stop making baseless accusations against Tehran.\u201d")
    events = _events_of(text, "2023-03-07")
    demands = [e for e in events if e.cameo_code.startswith("10")]
    assert demands, [(e.cameo_code, e.trigger) for e in events]
    assert demands[0].actor[0].country == "IRN" and demands[0].recipient[0].country == "USA"
    assert "American side must stop" in demands[0].evidence.sentence


@pytest.mark.model
def test_a_practice_described_in_the_present_is_not_an_attack_but_a_past_one_is() -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    def assaults(text: str) -> list:
        found = next(pipeline.process([make_article(text, published=dt.date(2023, 3, 7))])).events
        return [e for e in found if e.cameo_code[:2] in ("18", "19")]

    assert not assaults("The Indian army said militants are using the forests to launch attacks on its posts.")
    assert assaults("Maoist rebels used a truck bomb to launch an attack on an Indian army post on Monday.")


@pytest.mark.model
def test_dates_carried_through_after_links() -> None:
    text = ("Indian Defence Minister Rajnath Singh accused Pakistan of sheltering militants on Monday.\n\n"
            "Singh's remarks came shortly after senior Indian generals attended a meeting of the security "
            "cabinet in New Delhi.\n\n"
            "A statement issued by the government after the cabinet meeting said that terrorists who "
            "attack India will be dealt with with full force.")
    events = _events_of(text, "2023-03-08")
    by_trigger = {e.trigger: e for e in events}
    assert by_trigger["accused"].date == "2023-03-06"
    assert by_trigger["attended"].date == "2023-03-06", [(e.trigger, e.date) for e in events]
    threats = [e for e in events if e.cameo_code.startswith("13")]
    assert threats and threats[0].date == "2023-03-06", [(e.trigger, e.cameo_code, e.date) for e in events]


@pytest.mark.model
def test_a_reply_pledging_not_to_do_the_accused_act_is_a_denial() -> None:
    text = ("Iraq's prime minister accused Iran of letting militias use its territory on Sunday.\n\n"
            "In response to the accusations, Iran's foreign ministry spokesman Nasser Kanaani said on Monday "
            "that Iran wants good relations with all its neighbours, including Iraq.\n\n"
            "\u201cIran is doing its best not to let its territory be used against Iraq. The Iraqi side must "
            "stop making baseless statements.\u201d")
    events = _events_of(text, "2023-03-07")
    iranian = {e.cameo_code[:2] for e in events if e.actor and e.actor[0].country == "IRN"}
    assert {"03", "12", "10"} <= iranian, [(e.cameo_code, e.trigger, [a.code for a in e.actor]) for e in events]


def test_two_verbs_of_force_on_the_same_victims_are_one_assault() -> None:
    import dataclasses

    from flashpoint.extract.eventcoding import merge

    doc = make_doc(ATTACK)
    actors = (actor_at(doc, 0, "---REB", None, "REB"), actor_at(doc, 3, "---MIL", None, "MIL"))
    (base,) = run(doc, actors)
    hostage = dataclasses.replace(base, id="h", cameo_code="181", trigger="took",
                                  evidence=dataclasses.replace(base.evidence, spans={"trigger": ((20, 24),)}))
    (one,) = merge.merge([base, hostage], set())
    assert one.cameo_code == "181" and one.trigger == "took" and len(one.mentions) == 1
    other_victims = dataclasses.replace(hostage, recipient=(dataclasses.replace(actors[1], code="---CVL"),))
    assert len(merge.merge([base, other_victims], set())) == 2


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, sector", [
    ("More than 40 villagers were killed when Islamist rebels attacked the village in Borno State on Sunday.",
     "killed", "REB"),
    ("Nigerian police said 30 protesters had been arrested in Lagos on Monday.", "arrested", "COP"),
    ("Hamas militants answered the Israeli air strikes by firing rockets at Israeli towns on Friday.",
     "firing", "REB"),
])
def test_acts_of_force_get_the_author_the_text_gives(text: str, trigger: str, sector: str) -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    events = next(pipeline.process([make_article(text, published=dt.date(2024, 5, 7))])).events
    found = [e for e in events if trigger in (e.trigger or "") or
             any(trigger in e.evidence.sentence[s - e.evidence.start:t - e.evidence.start]
                 for s, t in e.evidence.spans.get("trigger", ()))]
    assert found, [(e.trigger, e.cameo_code) for e in events]
    assert found[0].actor and found[0].actor[0].sector == sector, [(a.code, a.sector) for a in found[0].actor]


def _events_of(text: str, day: str = "2024-05-08") -> tuple:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    return next(pipeline.process([make_article(text, published=dt.date.fromisoformat(day))])).events


@pytest.mark.model
def test_opening_fire_is_an_assault_that_keeps_all_its_casualties() -> None:
    events = _events_of("Georgian troops opened fire on Russian positions near the village of Ergneti on Tuesday, "
                        "killing two soldiers and wounding four others.")
    (fire,) = [e for e in events if e.cameo_code[:2] == "19"]
    assert fire.dead is not None and fire.dead.best == 2 and fire.injured is not None and fire.injured.best == 4
    assert fire.actor[0].country == "GEO" and fire.recipient and fire.recipient[0].country == "RUS"


@pytest.mark.model
def test_a_time_after_since_does_not_date_the_sentence_but_dates_its_when_clause() -> None:
    events = _events_of("Rebels attacked an army base in Kidal on Tuesday.\n\n"
                        "The clash was the deadliest in the region since March 2019, when more than 150 villagers "
                        "were killed by gunmen.")
    assert all(e.date != "2019-03" for e in events if e.trigger == "attacked")
    killed = [e for e in events if e.trigger == "killed"]
    assert killed and killed[0].date == "2019-03"


@pytest.mark.model
def test_calling_on_someone_to_act_is_a_request_to_them() -> None:
    events = _events_of("Armenian Prime Minister Nikol Pashinyan called on Russia to condemn the shelling.")
    requests = [e for e in events if e.cameo_code[:2] == "02" and e.trigger == "called"]
    assert requests and requests[0].recipient[0].country == "RUS"
    assert all(e.modality != "asserted" for e in events if e.trigger == "condemn")


@pytest.mark.model
def test_denying_the_claim_answers_its_author() -> None:
    events = _events_of("Armenia's Defence Ministry accused Azerbaijani troops of shelling its positions on Tuesday.\n\n"
                        "Azerbaijan's Defence Ministry denied the claim on Wednesday.")
    (denial,) = [e for e in events if e.trigger == "denied"]
    assert denial.recipient and denial.recipient[0].country == "ARM"


def test_an_anaphor_of_force_does_not_join_an_arrest() -> None:
    import dataclasses

    from flashpoint.extract.eventcoding import merge

    doc = make_doc(ATTACK)
    (base,) = run(doc, (actor_at(doc, 0, "---REB", None, "REB"), actor_at(doc, 3, "---MIL", None, "MIL")))
    arrest = dataclasses.replace(base, id="arrest", cameo_code="173")
    later = dataclasses.replace(base.evidence, start=base.evidence.start + 50)
    bombing = dataclasses.replace(base, id="bombing", cameo_code="183", actor=(), recipient=(), evidence=later)
    (kept,) = merge.merge([arrest, bombing], {"bombing"})
    assert kept.id == "arrest" and kept.mentions == ()
    attack = dataclasses.replace(base, id="attack", cameo_code="190")
    (joined,) = merge.merge([attack, bombing], {"bombing"})
    assert len(joined.mentions) == 1


@pytest.mark.model
def test_a_report_to_an_agency_is_not_an_order_and_nobody_claiming_is_no_event() -> None:
    events = _events_of("On Tuesday, gunmen kidnapped three Chinese workers at a gold mine in Mali, a security source "
                        "told AFP. No group has claimed responsibility.")
    (kidnap,) = [e for e in events if e.trigger == "kidnapped"]
    assert kidnap.cameo_code == "181" and kidnap.modality == "asserted"
    assert not [e for e in events if e.trigger == "claimed"]


@pytest.mark.model
def test_accused_of_doing_names_the_doer_and_a_government_denial_answers_its_own_rights_groups() -> None:
    events = _events_of("Human rights groups have accused Malian soldiers of executing dozens of civilians during "
                        "operations in central Mali, allegations the authorities deny.", "2024-03-21")
    (executed,) = [e for e in events if e.trigger == "executing"]
    assert executed.modality == "claimed" and executed.actor[0].code == "MLIMIL"
    denials = [e for e in events if e.cameo_code[:2] == "12"]
    assert denials and denials[0].recipient and denials[0].recipient[0].sector != "GOV"


@pytest.mark.model
def test_attacks_that_killed_hundreds_this_year_are_an_aggregate_and_an_air_strike_keeps_its_code() -> None:
    events = _events_of("Jihadist attacks have killed hundreds of civilians in Mali this year.", "2024-03-21")
    (total,) = [e for e in events if e.cameo_code[:2] == "19"]
    assert total.aggregate and total.dead is not None and total.dead.low >= 100
    events = _events_of("Mali's army said it had killed a senior rebel commander in an air strike near Menaka.")
    assert [e.cameo_code for e in events if e.trigger == "killed"] == ["195"]


@pytest.mark.model
def test_the_two_leaders_are_the_articles_main_pair() -> None:
    events = _events_of("Chinese President Xi Jinping hosted Brazilian President Luiz Inacio Lula da Silva in Beijing "
                        "on Friday. Xi praised Brazil and its president.\n\nThe two leaders signed 15 agreements on "
                        "trade, Chinese state media said.", "2023-04-15")
    (signed,) = [e for e in events if e.trigger == "signed"]
    assert {a.country for a in signed.actor} == {"CHN", "BRA"}


@pytest.mark.model
def test_condemning_the_move_answers_whoever_made_it_and_pledging_aid_is_an_intent_to_give() -> None:
    events = _events_of("The European Union imposed new sanctions on Iran on Monday. Tehran condemned the move and "
                        "summoned the Dutch ambassador.\n\nJapan pledged $500 million in humanitarian aid to Ukraine.")
    (condemned,) = [e for e in events if e.trigger == "condemned"]
    assert condemned.recipient and condemned.recipient[0].code.startswith("IGOEU")
    (pledge,) = [e for e in events if e.trigger == "pledged"]
    assert pledge.cameo_code == "033" and pledge.recipient[0].country == "UKR"


@pytest.mark.model
def test_a_civil_wars_both_parties_are_the_army_and_its_armed_opponent() -> None:
    events = _events_of("Sudan's army accused the paramilitary Rapid Support Forces of shelling a camp in El Fasher. "
                        "The Rapid Support Forces denied involvement.\n\nThe UN envoy urged both parties to return to "
                        "negotiations.", "2024-05-13")
    (urged,) = [e for e in events if e.trigger == "urged"]
    assert {a.sector for a in urged.recipient} == {"MIL", "REB"}, [a.code for a in urged.recipient]
    (denied,) = [e for e in events if e.trigger == "denied"]
    assert denied.recipient and denied.recipient[0].sector == "MIL"


@pytest.mark.model
def test_tolls_of_a_war_are_aggregates_with_scaled_vague_counts() -> None:
    events = _events_of("The war, which erupted in April 2023, has killed tens of thousands of people.", "2024-05-13")
    (toll,) = [e for e in events if e.cameo_code[:2] == "19"]
    assert toll.aggregate and toll.dead is not None and toll.dead.low == 20000


@pytest.mark.model
def test_the_incident_is_a_mention_of_the_act_of_force_before_it() -> None:
    events = _events_of("Troops stormed the compound in Kidal on Monday and killed five gunmen.\n\n"
                        "The incident angered local leaders.", "2024-05-13")
    (storm,) = [e for e in events if e.cameo_code[:2] == "19"]
    assert any("incident" in m.sentence for m in storm.mentions)
    assert len([e for e in events if e.cameo_code[:2] in ("18", "19", "20")]) == 1


@pytest.mark.model
def test_a_statement_dated_only_by_the_document_takes_its_events_day() -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    text = ("Indian Defence Minister Rajnath Singh accused Pakistan of sheltering militants on Monday.\n\n"
            "Singh's remarks came shortly after senior Indian generals attended a meeting of the security "
            "cabinet in New Delhi.\n\n"
            "A statement issued by the government after the cabinet meeting said that terrorists who "
            "attack India will be dealt with with full force.")
    extraction = next(pipeline.process([make_article(text, published=dt.date(2023, 3, 8))]))
    (statement,) = [s for s in extraction.statements if "dealt with" in s.content]
    assert statement.date == "2023-03-06"


@pytest.mark.model
def test_a_meeting_in_a_named_place_is_kept_and_a_misread_first_name_still_counts() -> None:
    events = _events_of("Vladimir Putin will meet in Zurich on Friday.", "2024-03-20")
    (meet,) = [e for e in events if e.trigger == "meet"]
    assert meet.recipient and meet.recipient[0].country == "CHE"
    events = _events_of("Barack Obama and Vladimir Putin will meet in Zurich on Friday.", "2015-03-20")
    (meet,) = [e for e in events if e.trigger == "meet"]
    assert {a.country for a in meet.actor} == {"USA", "RUS"}


@pytest.mark.model
def test_an_event_with_no_place_of_its_own_happens_where_its_paragraph_is() -> None:
    events = _events_of("KABUL, Afghanistan - Gunmen stormed a police post in Kunduz province on Monday. Troops later "
                        "killed all four attackers.\n\nIn 2023 alone, militants carried out more than 200 attacks "
                        "across the country.", "2024-05-13")
    (killed,) = [e for e in events if e.trigger == "killed"]
    assert killed.event_loc is not None and "Kunduz" in (killed.event_loc.name or killed.event_loc.text)
    (many,) = [e for e in events if e.aggregate]
    assert many.event_loc is not None and many.event_loc.feature == "country"


@pytest.mark.model
def test_topics_publications_and_descriptions_are_not_acts() -> None:
    events = _events_of(
        "Talks on a Gaza ceasefire stalled on Tuesday after Israel sent tanks deeper into Rafah. Israeli air "
        "strikes killed at least 35 Palestinians overnight. Hamas released a video of three hostages on Monday.\n\n"
        "Netanyahu vowed to continue the operation. Egypt warned that the offensive threatened its peace treaty and "
        "said it would join the genocide case against Israel.", "2024-05-14")
    codes = [(e.trigger, e.cameo_code) for e in events]
    assert not any(e.cameo_code.startswith("087") for e in events), codes  # talks on a ceasefire: a topic
    assert not any(e.cameo_code.startswith("084") for e in events), codes  # a video is no released hostage
    assert not any(e.trigger == "genocide" for e in events), codes
    assert not any(e.cameo_code.startswith("03") and e.trigger == "vowed" for e in events), codes
    (strikes,) = [e for e in events if e.cameo_code == "195"]
    assert strikes.dead is not None and strikes.dead.low == 35 and strikes.recipient
    assert [e.cameo_code for e in events if e.trigger == "sent"] == ["190"]
    assert all(e.actor and e.actor[0].code for e in events if e.cameo_code.startswith("13"))


@pytest.mark.model
def test_a_year_that_qualifies_a_noun_does_not_date_the_clause() -> None:
    events = _events_of("On Wednesday, police arrested more than 100 students during protests against the 2018 "
                        "university council decision.", "2024-03-21")
    (arrest,) = [e for e in events if e.trigger == "arrested"]
    assert arrest.date == "2024-03-20"
    events = _events_of("Algeria, which brokered a 2015 peace deal between Mali and northern rebels, offered "
                        "to host talks.", "2024-03-21")
    assert [e.date for e in events if e.trigger == "brokered"] == ["2015"]


@pytest.mark.model
def test_the_town_that_names_the_author_is_where_the_act_happened() -> None:
    events = _events_of("A Minsk court sentenced two journalists to eight years in prison on Tuesday.", "2024-03-21")
    (sentence,) = [e for e in events if e.trigger == "sentenced"]
    assert sentence.event_loc is not None and sentence.event_loc.name == "Minsk"


@pytest.mark.model
def test_a_past_act_is_not_placed_at_the_dateline_but_at_the_town_that_names_it() -> None:
    events = _events_of("ISLAMABAD, Pakistan - The minister recalled the Doha agreement that the Taliban signed with "
                        "the United States in February 2020. In 2021 the Taliban committed not to attack anyone.",
                        "2023-01-03")
    (signed,) = [e for e in events if e.trigger == "signed"]
    assert signed.event_loc is not None and signed.event_loc.name == "Doha"
    assert all(e.event_loc is None or e.event_loc.name != "Islamabad" for e in events)


@pytest.mark.model
def test_what_an_attack_left_behind_is_no_withdrawal_and_armed_drones_have_an_author() -> None:
    events = _events_of("Russia launched a massive missile attack on Ukraine's energy grid overnight, killing seven "
                        "people and leaving hundreds of thousands without power.\n\nUkrainian drones struck an oil "
                        "refinery in Russia's Krasnodar region on Friday.", "2024-05-17")
    assert not any(e.cameo_code.startswith("087") for e in events), [(e.trigger, e.cameo_code) for e in events]
    (struck,) = [e for e in events if e.trigger == "struck"]
    assert struck.actor and struck.actor[0].code == "UKRMIL"


@pytest.mark.model
def test_force_aimed_at_places_is_aimed_at_their_country() -> None:
    events = _events_of("Israeli warplanes struck targets in southern Lebanon early on Friday.", "2023-04-07")
    (struck,) = [e for e in events if e.trigger == "struck"]
    assert [a.country for a in struck.recipient] == ["LBN"]


@pytest.mark.model
def test_naming_something_is_no_appeal_and_nobody_acts_on_himself() -> None:
    events = _events_of("UN spokesman Stephane Dujarric told reporters that the toll, compiled from what he called "
                        "credible sources, included nine staff members of a medical charity.", "2025-04-15")
    assert not [e for e in events if e.cameo_code.startswith("02")], [(e.trigger, e.cameo_code) for e in events]


@pytest.mark.model
def test_a_foreign_speaker_is_placed_at_home_not_at_the_dateline() -> None:
    events = _events_of("ISLAMABAD, Pakistan - Pakistan's defence minister Khawaja Asif accused Afghanistan of "
                        "sheltering militants on Monday. Zabihullah Mujahid, a spokesman for the Taliban government, "
                        "rejected the accusation on Tuesday.", "2023-01-03")
    (accused,) = [e for e in events if e.trigger == "accused"]
    assert accused.event_loc is not None and accused.event_loc.name == "Islamabad"
    (rejected,) = [e for e in events if e.trigger == "rejected"]
    where = rejected.event_loc
    assert where is not None and where.country_iso3 == "AFG" and where.feature == "country"
    assert "speaker's country" in (where.reason or "")


@pytest.mark.model
def test_the_seat_of_a_body_is_not_where_another_clause_happened() -> None:
    events = _events_of("ISLAMABAD, Pakistan - The defence minister accused Afghanistan of sheltering militants, "
                        "which drew a sharp response from the Taliban government in Kabul.", "2023-01-03")
    (accused,) = [e for e in events if e.trigger == "accused"]
    assert accused.event_loc is not None and accused.event_loc.name != "Kabul", accused.event_loc


# -- date provenance: Event.date_source --------------------------------------------------------

from flashpoint.types import Event, Evidence, TimeExpr

ATTACK_MONDAY = [("Rebels", "rebel", "NOUN", "NNS", 1, "nsubj"), ("attacked", "attack", "VERB", "VBD", 1, "ROOT"),
                 ("the", "the", "DET", "DT", 3, "det"), ("army", "army", "NOUN", "NN", 1, "dobj"),
                 ("on", "on", "ADP", "IN", 1, "prep"), ("Monday", "Monday", "PROPN", "NNP", 4, "pobj"),
                 (".", ".", "PUNCT", ".", 1, "punct")]


def test_a_time_of_the_events_own_sentence_is_its_text_date() -> None:
    import datetime as dt

    doc = make_doc(ATTACK_MONDAY)
    actors = (actor_at(doc, 0, "---REB", None, "REB"), actor_at(doc, 3, "---MIL", None, "MIL"))
    monday = doc[5]
    times = (TimeExpr("Monday", monday.idx, monday.idx + 6, "2023-01-02"),)
    article = Article(id="a1", text=doc.text)
    (event,) = events_stage.events(doc, article, DocDate(dt.date(2023, 1, 3), "metadata", 1.0), times, (), actors, ())
    assert (event.date, event.date_precision, event.date_source) == ("2023-01-02", "day", "text")


def test_a_date_from_the_document_alone_says_so() -> None:
    import datetime as dt

    doc = make_doc(ATTACK)
    actors = (actor_at(doc, 0, "---REB", None, "REB"), actor_at(doc, 3, "---MIL", None, "MIL"))
    article = Article(id="a1", text=doc.text)
    (dated,) = events_stage.events(doc, article, DocDate(dt.date(2023, 1, 3), "metadata", 1.0), (), (), actors, ())
    (undated,) = run(doc, actors)
    # the day is kept at day precision (the date column and day series rely on it); the source tells the truth
    assert (dated.date, dated.date_precision, dated.date_source) == ("2023-01-03", "day", "document")
    assert undated.date is None and undated.date_source is None


def _dated(event_id: str, start: int, *, date: str | None, source: str | None, span: bool, code: str = "112",
           actor: Actor | None = None) -> Event:
    spans = {"trigger": ((start, start + 3),), **({"date": ((start + 5, start + 9),)} if span else {})}
    return Event(id=event_id, event="ACCUSE", mode=None, cameo_code=code, quad_class=3, goldstein=-2.0,
                 evidence=Evidence("s", start, start + 20, spans), actor=(actor,) if actor else (),
                 date=date, date_precision="day" if date else "unknown", date_source=source, confidence=0.8)


def test_a_mention_of_the_same_act_lends_its_date_as_narrative() -> None:
    asif = Actor("Asif", 0, 4, code="PAKGOV", country="PAK", kind="person", entity_id="Q1")
    lede = _dated("e1", 0, date="2023-01-03", source="document", span=False, actor=asif)
    quote = _dated("e2", 50, date="2023-01-02", source="text", span=True, actor=asif)
    dated, _ = events_stage._date_by_narrative([lede, quote])
    assert (dated.date, dated.date_source) == ("2023-01-02", "narrative")


def test_merging_mentions_carries_the_date_source_with_the_date() -> None:
    from flashpoint.extract.eventcoding import merge

    asif = Actor("Asif", 0, 4, code="PAKGOV", country="PAK", kind="person", entity_id="Q1")
    undated = _dated("e1", 0, date="2023-01-03", source="document", span=False, actor=asif)
    stated = _dated("e2", 50, date="2023-01-02", source="text", span=True, actor=asif)
    (merged,) = merge.merge([undated, stated], set())
    assert (merged.date, merged.date_source) == ("2023-01-02", "text")


@pytest.mark.model
def test_date_sources_of_statements_paragraphs_and_anchors() -> None:
    events = _events_of("Zabihullah Mujahid, a spokesman for the Taliban government, said on Monday that Kabul wants "
                        "good relations with its neighbours.\n\n“We reject the baseless accusations of Pakistan,” he "
                        "said.", "2023-01-04")
    (reject,) = [e for e in events if e.cameo_code == "120"]
    assert (reject.date, reject.date_source) == ("2023-01-02", "statement")
    # a statement dated only by the document passes on the document, not a "statement" date
    events = _events_of("A Taliban spokesman said that Kabul rejects the baseless accusations of Pakistan.", "2023-01-04")
    (reject,) = [e for e in events if e.cameo_code == "120"]
    assert (reject.date, reject.date_source) == ("2023-01-04", "document")
    events = _events_of("Last month, militants stormed a police station in Bannu. The siege ended after the army "
                        "stormed the building and killed all 33 attackers.", "2023-01-04")
    assert {(e.trigger, e.date, e.date_source) for e in events} >= {("killed", "2022-12", "paragraph")}
    events = _events_of("Indian Defence Minister Rajnath Singh accused Pakistan of sheltering militants on Monday.\n\n"
                        "Singh's remarks came shortly after senior Indian generals attended a meeting of the "
                        "security cabinet in New Delhi.", "2023-03-08")
    (attended,) = [e for e in events if e.trigger == "attended"]
    assert (attended.date, attended.date_source) == ("2023-03-06", "anchored")


@pytest.mark.model
def test_words_about_an_attack_are_not_said_at_its_scene() -> None:
    events = _events_of("NEW DELHI, India - Gunmen attacked a bus carrying pilgrims in Jammu on Sunday, killing nine "
                        "people. India blamed the Lashkar-e-Taiba group for the attack.", "2024-06-11")
    (attacked,) = [e for e in events if e.trigger == "attacked"]
    assert attacked.event_loc is not None and attacked.event_loc.name == "Jammu"
    (blamed,) = [e for e in events if e.trigger == "blamed"]
    assert blamed.event_loc is None or blamed.event_loc.name != "Jammu", blamed.event_loc


@pytest.mark.model
def test_both_countries_are_two_countries_not_two_sides_of_one() -> None:
    events = _events_of("NEW DELHI, India - India's army said Pakistani troops fired at Indian posts. Pakistan's military "
                        "denied it and accused Indian forces of firing first. Indian officials blamed the Lashkar-e-Taiba "
                        "group for an attack on pilgrims. The United Nations urged both countries to exercise restraint.",
                        "2024-06-23")
    (urged,) = [e for e in events if e.trigger == "urged"]
    assert {a.country for a in urged.recipient} == {"IND", "PAK"}, urged.recipient
