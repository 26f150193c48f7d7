"""Actors stage: classes of miscodes that made events wrong (issue 8), each on a hand-built parse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract import actors as stage
from flashpoint.extract.actorkb.kb import load_kb
from flashpoint.types import Actor, Article, DocDate

DAY = DocDate(dt.date(2015, 6, 9), "override", 1.0)
VOCAB = spacy.blank("en").vocab

Row = tuple[str, str, str, int, str]


def parsed(rows: list[Row], ents: list[str] | None = None) -> Doc:
    """rows: (word, pos, dep, head index, lemma); plural nouns end in -s."""
    tags = [("NNS" if r[0].endswith("s") else "NN") if r[1] == "NOUN" else r[1] for r in rows]
    return Doc(VOCAB, words=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows],
               heads=[r[3] for r in rows], lemmas=[r[4] for r in rows], tags=tags, ents=ents)


def run(doc: Doc) -> tuple[Actor, ...]:
    return stage.actors(doc, Article("t", doc.text), DAY, ())


def codes_of(found: tuple[Actor, ...], text: str) -> set[str | None]:
    return {a.code for a in found if a.text == text}


# ----- the organisation named by a modifier, not the government ----------------------------

@pytest.mark.parametrize(
    "modifier, head, code",
    [
        ("gang", "leader", "HTICRM"),  # a gang's leader is the gang's, not the state's
        ("militia", "commander", "HTIREB"),
        ("army", "commander", "HTIMIL"),
        ("police", "chief", "HTICOP"),
        ("party", "member", "HTIPTY"),
    ],
)
def test_role_noun_takes_the_sector_of_its_modifier(modifier, head, code):
    doc = parsed([("Haiti", "PROPN", "compound", 2, "Haiti"), (modifier, "NOUN", "compound", 2, modifier),
                  (head, "NOUN", "nsubj", 3, head), ("fled", "VERB", "ROOT", 3, "flee")])
    assert codes_of(run(doc), f"Haiti {modifier} {head}") == {code}


def test_role_noun_without_modifier_keeps_the_government():
    doc = parsed([("Haitian", "ADJ", "amod", 1, "haitian"), ("leader", "NOUN", "nsubj", 2, "leader"),
                  ("fled", "VERB", "ROOT", 2, "flee")])
    assert codes_of(run(doc), "Haitian leader") == {"HTIGOV"}


def test_modifier_without_country_still_gives_the_sector():
    doc = parsed([("A", "DET", "det", 2, "a"), ("gang", "NOUN", "compound", 2, "gang"),
                  ("leader", "NOUN", "nsubj", 3, "leader"), ("fled", "VERB", "ROOT", 3, "flee")])
    assert codes_of(run(doc), "A gang leader") == {"CRM"}


def test_commander_under_a_bare_country_is_military():
    doc = parsed([("The", "DET", "det", 2, "the"), ("US", "PROPN", "compound", 2, "US"),
                  ("commander", "NOUN", "nsubj", 3, "commander"), ("spoke", "VERB", "ROOT", 3, "speak")])
    assert codes_of(run(doc), "The US commander") == {"USAMIL"}


def test_group_noun_under_a_country_is_not_the_government():
    doc = parsed([("A", "DET", "det", 2, "a"), ("Syrian", "ADJ", "amod", 2, "syrian"),
                  ("group", "NOUN", "nsubj", 3, "group"), ("said", "VERB", "ROOT", 3, "say")])
    assert codes_of(run(doc), "A Syrian group") == {"SYR"}


# ----- "in X" and appositions: whose, not where -------------------------------------------

def test_nationality_beats_the_place_and_crosses_the_apposition():
    rows = [("The", "DET", "det", 2, "the"), ("US", "PROPN", "compound", 2, "US"),
            ("commander", "NOUN", "nsubj", 10, "commander"), ("in", "ADP", "prep", 2, "in"),
            ("Iraq", "PROPN", "pobj", 3, "Iraq"), (",", "PUNCT", "punct", 2, ","),
            ("General", "PROPN", "compound", 8, "General"), ("David", "PROPN", "compound", 8, "David"),
            ("Petraeus", "PROPN", "appos", 2, "Petraeus"), (",", "PUNCT", "punct", 2, ","),
            ("visited", "VERB", "ROOT", 10, "visit"), ("Beirut", "PROPN", "dobj", 10, "Beirut")]
    ents = ["O", "B-GPE", "O", "O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-GPE"]
    doc = parsed(rows, ents)
    found = stage.actors(doc, Article("t", doc.text), DAY, _places(doc, {"Iraq": "IRQ", "Beirut": "LBN"}))
    assert codes_of(found, "The US commander") == {"USAMIL"}
    assert codes_of(found, "General David Petraeus") == {"USAMIL"}
    assert not any(a.country == "IRQ" for a in found)


def _places(doc: Doc, countries: dict[str, str]):
    from flashpoint.types import Place

    return tuple(Place(t.text, t.idx, t.idx + len(t.text), name=t.text, country_iso3=countries[t.text])
                 for t in doc if t.text in countries)


# ----- "-based", "-linked": where or with whom, not whose ---------------------------------

def test_based_place_is_not_the_owner():
    doc = parsed([("A", "DET", "det", 4, "a"), ("UK", "PROPN", "npadvmod", 3, "UK"), ("-", "PUNCT", "punct", 3, "-"),
                  ("based", "VERB", "amod", 4, "base"), ("group", "NOUN", "nsubj", 5, "group"),
                  ("said", "VERB", "ROOT", 5, "say")])
    found = run(doc)
    assert not any(a.country == "GBR" for a in found), found
    assert not any((a.code or "").endswith("GOV") for a in found)


def test_linked_group_keeps_one_code():
    rows = [("The", "DET", "det", 7, "the"), ("Al", "PROPN", "compound", 2, "Al"),
            ("Qaeda", "PROPN", "npadvmod", 4, "Qaeda"), ("-", "PUNCT", "punct", 4, "-"),
            ("linked", "VERB", "amod", 7, "link"), ("Somali", "ADJ", "amod", 7, "somali"),
            ("militant", "ADJ", "amod", 7, "militant"), ("group", "NOUN", "nsubj", 9, "group"),
            ("al-Shabab", "PROPN", "appos", 7, "al-Shabab"), ("claimed", "VERB", "ROOT", 9, "claim")]
    found = run(parsed(rows))
    phrase = [a for a in found if a.text.startswith("The Al Qaeda")]
    assert phrase and {a.code for a in phrase} == {"SOMREB"}, found
    assert codes_of(found, "Al Qaeda") == {"IMGREB"}  # the ally is still its own mention


def test_coordinated_qualifiers_still_name_two_actors():
    doc = parsed([("US", "PROPN", "compound", 3, "US"), ("and", "CCONJ", "cc", 0, "and"),
                  ("NATO", "PROPN", "conj", 0, "NATO"), ("forces", "NOUN", "nsubj", 4, "force"),
                  ("left", "VERB", "ROOT", 4, "leave")])
    assert codes_of(run(doc), "US and NATO forces") == {"USAMIL", "IGONAT"}


def test_unknown_organisation_takes_the_country_in_its_name():
    rows = [("The", "DET", "det", 2, "the"), ("Syrian", "PROPN", "compound", 2, "Syrian"),
            ("Observatory", "PROPN", "nsubj", 3, "Observatory"), ("said", "VERB", "ROOT", 3, "say")]
    found = run(parsed(rows, ["O", "B-ORG", "I-ORG", "O"]))
    assert codes_of(found, "Syrian Observatory") == {"SYR"}


# ----- knowledge base: ORG with a fallback sector -----------------------------------------

def test_org_fallback_sector_loads_and_bad_ones_fail(tmp_path: Path):
    (tmp_path / "agents.tsv").write_text("phrase\tsectors\tkind\toffice\nwarden\tORGCOP\tperson\t\n", encoding="utf-8")
    kb = load_kb([tmp_path], packaged=False)
    assert kb.agents["warden"].sectors == ("ORG", "COP") and kb.agents["warden"].country_sector() == "COP"
    (tmp_path / "agents.tsv").write_text("phrase\tsectors\tkind\toffice\nwarden\tCOPORG\tperson\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"agents\.tsv.*line 2.*ORG may only come first"):
        load_kb([tmp_path], packaged=False)


# ----- namesakes, nested duplicates, false datelines --------------------------------------

def test_country_word_before_a_known_name_makes_a_namesake():
    rows = [("The", "DET", "det", 3, "the"), ("Nigeria", "PROPN", "compound", 3, "Nigeria"),
            ("Labour", "PROPN", "compound", 3, "Labour"), ("Congress", "PROPN", "nsubj", 4, "Congress"),
            ("protested", "VERB", "ROOT", 4, "protest")]
    found = run(parsed(rows, ["O", "B-ORG", "I-ORG", "I-ORG", "O"]))
    assert codes_of(found, "The Nigeria Labour Congress") == {"NGALAB"}  # a union, not the US Congress (USALEG)
    assert not any(a.text == "Nigeria" for a in found)  # the country word is part of the name


def test_country_word_renames_a_group_before_an_agent_noun():
    rows = [("The", "DET", "det", 4, "the"), ("Iraqi", "ADJ", "compound", 2, "iraqi"),
            ("Hezbollah", "PROPN", "nmod", 4, "Hezbollah"), ("militant", "NOUN", "compound", 4, "militant"),
            ("group", "NOUN", "nsubj", 5, "group"), ("fired", "VERB", "ROOT", 5, "fire")]
    found = run(parsed(rows))
    assert codes_of(found, "The Iraqi Hezbollah militant group") == {"IRQREB"}  # one code, not + LBNREB
    assert not any(a.text == "Iraqi Hezbollah" for a in found)  # the same actor, nested


def test_dateline_with_a_verb_is_read_as_a_sentence():
    from flashpoint.types import Block

    rows = [("Russia", "PROPN", "nsubj", 1, "Russia"), ("vetoed", "VERB", "ROOT", 1, "veto"),
            ("a", "DET", "det", 4, "a"), ("-", "PUNCT", "punct", 4, "-"), ("draft", "NOUN", "dobj", 1, "draft")]
    doc = parsed(rows)
    doc._.blocks = (Block("dateline", 0, 16), Block("paragraph", 16, len(doc.text)))
    for token in doc:
        token._.block = 0 if token.idx < 16 else 1
    assert codes_of(run(doc), "Russia") == {"RUS"}
    doc._.blocks = (Block("dateline", 0, 6), Block("paragraph", 6, len(doc.text)))
    for token in doc:
        token._.block = 0 if token.i == 0 else 1
    assert codes_of(run(doc), "Russia") == set()  # a real dateline ("Russia -") stays skipped


def test_pro_and_anti_name_a_side_not_the_owner():
    doc = parsed([("pro", "ADJ", "amod", 2, "pro"), ("-", "PUNCT", "punct", 2, "-"),
                  ("Russia", "PROPN", "compound", 3, "Russia"), ("rebels", "NOUN", "nsubj", 4, "rebel"),
                  ("fired", "VERB", "ROOT", 4, "fire")])
    found = run(doc)
    assert codes_of(found, "pro - Russia rebels") == {"REB"}
    assert not any(a.country == "RUS" for a in found)


def test_abbreviated_names_and_titles_match_and_of_titles_span_their_head():
    rows = [("The", "DET", "det", 2, "the"), ("U.S.", "PROPN", "compound", 2, "U.S."),
            ("secretary", "NOUN", "nsubj", 5, "secretary"), ("of", "ADP", "prep", 2, "of"),
            ("defense", "NOUN", "pobj", 3, "defense"), ("spoke", "VERB", "ROOT", 5, "speak")]
    found = run(parsed(rows))
    hits = [a for a in found if a.text == "The U.S. secretary of defense"]
    assert [a.code for a in hits] == ["USAGOV"] and hits[0].office == "defence minister", found


def test_dateline_naming_a_person_is_read_as_a_sentence():
    from flashpoint.types import Block

    rows = [("Libyan", "ADJ", "amod", 2, "libyan"), ("Prime", "PROPN", "compound", 2, "Prime"),
            ("Minister", "PROPN", "nsubj", 5, "Minister"), ("Fayez", "PROPN", "compound", 4, "Fayez"),
            ("Sarraj", "PROPN", "appos", 2, "Sarraj"), ("spoke", "VERB", "ROOT", 5, "speak")]
    doc = parsed(rows, ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"])
    cut = doc[4].idx  # the ingest cut "Fayez al - Sarraj" at its spaced hyphen
    doc._.blocks = (Block("dateline", 0, cut), Block("paragraph", cut, len(doc.text)))
    for token in doc:
        token._.block = 0 if token.idx < cut else 1
    assert any(a.code == "LBYGOV" and a.start == 0 for a in run(doc))


def test_led_coalition_is_the_leader_s_military():
    rows = [("The", "DET", "det", 4, "the"), ("US", "PROPN", "npadvmod", 3, "US"), ("-", "PUNCT", "punct", 3, "-"),
            ("led", "VERB", "amod", 4, "lead"), ("coalition", "NOUN", "nsubj", 5, "coalition"),
            ("struck", "VERB", "ROOT", 5, "strike")]
    assert codes_of(run(parsed(rows)), "The US - led coalition") == {"USAMIL"}


def test_agent_word_inside_a_name_is_no_mention():
    rows = [("They", "PRON", "nsubj", 1, "they"), ("bombed", "VERB", "ROOT", 1, "bomb"),
            ("Islamic", "PROPN", "compound", 3, "Islamic"), ("State", "PROPN", "compound", 4, "State"),
            ("positions", "NOUN", "dobj", 1, "position")]
    found = run(parsed(rows))
    assert not any(a.text == "State" for a in found), found  # not a government
    assert codes_of(found, "Islamic State") == {"IMGREB"}


def test_title_run_into_a_person_name_still_codes_it():
    rows = [("Boko", "PROPN", "compound", 1, "Boko"), ("Haram", "PROPN", "compound", 2, "Haram"),
            ("commander", "NOUN", "compound", 4, "commander"), ("Abu", "PROPN", "compound", 4, "Abu"),
            ("Musab", "PROPN", "nsubjpass", 6, "Musab"), ("was", "AUX", "auxpass", 6, "be"),
            ("arrested", "VERB", "ROOT", 6, "arrest")]
    found = run(parsed(rows, ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"]))
    person = [a for a in found if a.end == len("Boko Haram commander Abu Musab")]
    assert [(a.code, a.name) for a in person] == [("NGAREB", "Abu Musab")], found


def test_surname_after_another_given_name_is_not_the_known_holder():
    rows = [("Ahmed", "PROPN", "compound", 1, "Ahmed"), ("Sharif", "PROPN", "nsubj", 2, "Sharif"),
            ("said", "VERB", "ROOT", 2, "say")]
    found = run(parsed(rows, ["B-PERSON", "I-PERSON", "O"]))
    assert found and all(a.entity_id not in ("nawaz-sharif", "shahbaz-sharif") for a in found), found
    rows = [("Prime", "PROPN", "compound", 1, "Prime"), ("Minister", "PROPN", "compound", 2, "Minister"),
            ("Sharif", "PROPN", "nsubj", 3, "Sharif"), ("said", "VERB", "ROOT", 3, "say")]
    found = run(parsed(rows, ["O", "O", "B-PERSON", "O"]))
    assert {a.code for a in found} == {"PAKGOV"}, found


def test_surname_used_as_the_first_of_another_name_is_not_the_known_holder():
    rows = [("Sharif", "PROPN", "compound", 1, "Sharif"), ("Ahmed", "PROPN", "nsubj", 2, "Ahmed"),
            ("said", "VERB", "ROOT", 2, "say")]
    found = run(parsed(rows, ["B-PERSON", "I-PERSON", "O"]))
    assert all(a.entity_id not in ("nawaz-sharif", "shahbaz-sharif") for a in found), found
    assert [a.name for a in found] == ["Sharif Ahmed"], found
    rows = [("Sharif", "PROPN", "nsubj", 1, "Sharif"), ("said", "VERB", "ROOT", 1, "say")]
    assert any(a.entity_id == "nawaz-sharif" for a in run(parsed(rows, ["B-PERSON", "O"])))


def test_coordinated_person_does_not_borrow_the_other_s_country():
    rows = [("Trump", "PROPN", "nsubj", 4, "Trump"), ("and", "CCONJ", "cc", 0, "and"),
            ("King", "PROPN", "compound", 3, "King"), ("Salman", "PROPN", "conj", 0, "Salman"),
            ("met", "VERB", "ROOT", 4, "meet")]
    found = run(parsed(rows, ["B-PERSON", "O", "O", "B-PERSON", "O"]))
    assert all(a.country != "USA" for a in found if a.text.endswith("Salman")), found


@pytest.mark.parametrize("prep, noun, actor", [("in", "prison", False), ("from", "court", False), ("to", "police", True)])
def test_bare_institution_after_a_place_preposition_is_a_place(prep, noun, actor):
    rows = [("He", "PRON", "nsubj", 1, "he"), ("spoke", "VERB", "ROOT", 1, "speak"), (prep, "ADP", "prep", 1, prep),
            (noun, "NOUN", "pobj", 2, noun)]
    assert any(a.text == noun for a in run(parsed(rows))) is actor


def test_pronoun_in_a_subject_continues_the_previous_subject():
    rows = [("The", "DET", "det", 2, "the"), ("Israeli", "ADJ", "amod", 2, "israeli"), ("army", "NOUN", "nsubj", 3, "army"),
            ("hit", "VERB", "ROOT", 3, "hit"), ("Hamas", "PROPN", "dobj", 3, "Hamas"), (".", "PUNCT", "punct", 3, "."),
            ("Its", "PRON", "poss", 7, "its"), ("spokesman", "NOUN", "nsubj", 8, "spokesman"),
            ("spoke", "VERB", "ROOT", 8, "speak"), (".", "PUNCT", "punct", 8, ".")]
    found = run(parsed(rows))
    assert codes_of(found, "Its spokesman") == {"ISRMIL"}, found  # not Hamas, the last name before "Its"


@pytest.mark.model
def test_the_ministry_is_the_last_ministry_named_not_the_last_country() -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    text = ("Armenia's Defence Ministry said Azerbaijani troops had opened fire on its positions, an accusation "
            "Baku rejected.\n\n\"The Azerbaijani side used mortars against our positions,\" the ministry said.")
    extraction = next(pipeline.process([make_article(text, published=dt.date(2024, 5, 8))]))
    (ministry,) = [a for a in extraction.actors if a.text == "the ministry"]
    assert ministry.code == "ARMGOV"


@pytest.mark.model
def test_an_acronym_spells_the_name_written_out_before() -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    text = ("The home minister blamed the opposition Bangladesh Nationalist Party for the violence.\n\n"
            "The BNP denied any role in the unrest on Monday.")
    extraction = next(pipeline.process([make_article(text, published=dt.date(2024, 8, 5))]))
    (bnp,) = [a for a in extraction.actors if a.text.endswith("BNP")]
    assert bnp.code == "BGDOPP" and bnp.via == "acronym"  # the opposition on that day


@pytest.mark.model
def test_the_town_of_x_is_no_person() -> None:
    import datetime as dt

    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    text = "Pro-Russian rebels shelled the Ukrainian town of Avdiivka on Monday."
    extraction = next(pipeline.process([make_article(text, published=dt.date(2024, 3, 21))]))
    assert not [a for a in extraction.actors if a.text == "Avdiivka"]


def test_a_deputy_belongs_to_whoever_he_deputises_for():
    rows = [("The", "DET", "det", 2, "the"), ("president", "NOUN", "nsubj", 3, "president"), (",", "PUNCT", "punct", 1, ","),
            ("met", "VERB", "ROOT", 3, "meet"), ("his", "PRON", "poss", 5, "his"), ("deputy", "NOUN", "dobj", 3, "deputy")]
    found = run(parsed(rows))
    assert {a.sector for a in found if a.text == "his deputy"} == {"GOV"}, found



def test_a_group_name_inside_a_person_name_is_not_the_group():
    rows = [("Therese", "PROPN", "compound", 2, "Therese"), ("Kayikwamba", "PROPN", "compound", 2, "Kayikwamba"),
            ("Wagner", "PROPN", "nsubj", 3, "Wagner"), ("said", "VERB", "ROOT", 3, "say")]
    found = run(parsed(rows, ["B-PERSON", "I-PERSON", "I-PERSON", "O"]))
    assert all(a.code != "RUSMIL" for a in found), found
    rows = [("Wagner", "PROPN", "nsubj", 1, "Wagner"), ("said", "VERB", "ROOT", 1, "say")]
    assert any(a.code == "RUSMIL" for a in run(parsed(rows, ["B-ORG", "O"])))


def test_unidentified_gunmen_are_uaf_as_in_the_cameo_and_plover_dictionaries():
    rows = [("Gunmen", "NOUN", "nsubj", 1, "gunman"), ("stormed", "VERB", "ROOT", 1, "storm"),
            ("a", "DET", "det", 3, "a"), ("school", "NOUN", "dobj", 1, "school")]
    assert {a.sector for a in run(parsed(rows)) if a.text == "Gunmen"} == {"UAF"}



def test_a_body_in_a_town_belongs_to_the_town_s_country():
    from flashpoint.types import Place

    rows = [("the", "DET", "det", 2, "the"), ("foreign", "ADJ", "amod", 2, "foreign"), ("ministry", "NOUN", "nsubj", 5, "ministry"),
            ("in", "ADP", "prep", 2, "in"), ("Juba", "PROPN", "pobj", 3, "Juba"), ("accused", "VERB", "ROOT", 5, "accuse")]
    doc = parsed(rows)
    start = doc.text.index("Juba")
    juba = Place("Juba", start, start + 4, name="Juba", country_iso2="SS", country_iso3="SSD", feature="city",
                 precision=1, resolved=True, confidence=0.9)
    found = stage.actors(doc, Article("t", doc.text), DAY, (juba,))
    assert {a.code for a in found if a.text == "the foreign ministry"} == {"SSDGOV"}, found
    rows[2] = ("embassy", "NOUN", "nsubj", 5, "embassy")
    rows[1] = ("foreign", "ADJ", "amod", 2, "foreign")
    doc = parsed(rows)
    found = stage.actors(doc, Article("t", doc.text), DAY, (juba,))
    assert all(a.code != "SSDGOV" for a in found if a.text == "the foreign embassy"), found


def test_an_adjective_parsed_as_a_second_subject_before_a_name_is_no_actor():
    rows = [("paramilitary", "ADJ", "nsubj", 4, "paramilitary"), ("Rapid", "PROPN", "compound", 3, "Rapid"),
            ("Support", "PROPN", "compound", 3, "Support"), ("Forces", "PROPN", "nsubj", 4, "Forces"),
            ("attacked", "VERB", "ROOT", 4, "attack")]
    found = run(parsed(rows, ["O", "B-ORG", "I-ORG", "I-ORG", "O"]))
    assert [a.text for a in found] == ["Rapid Support Forces"], found


def test_a_title_without_a_country_keeps_a_former_holder_s_country():
    rows = [("President", "PROPN", "compound", 2, "President"), ("Joe", "PROPN", "compound", 2, "Joe"),
            ("Biden", "PROPN", "nsubj", 3, "Biden"), ("said", "VERB", "ROOT", 3, "say")]
    doc = parsed(rows, ["O", "B-PERSON", "I-PERSON", "O"])
    later = DocDate(dt.date(2026, 6, 1), "override", 1.0)
    found = stage.actors(doc, Article("t", doc.text), later, ())
    assert {a.code for a in found if a.entity_id == "joe-biden"} == {"USAGOV"}, found
