"""Event location from the trigger's clause (extract/eventcoding/placetime.py), on hand-parsed Docs."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

import flashpoint.nlp  # noqa: F401  (registers the Doc extensions)
from flashpoint.extract.eventcoding.placetime import clause_place, event_place, sentence_place
from flashpoint.types import Place

VOCAB = spacy.blank("en").vocab


def parsed(rows: list[tuple[str, int, str, str]]) -> Doc:
    """rows: (word, head index, dependency, universal POS)."""
    words, heads, deps, pos = zip(*rows)
    doc = Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos))
    doc._.blocks = ()
    return doc


def place(doc: Doc, text: str, feature: str = "city", precision: int = 1, country: str = "PK", **extra: object) -> Place:
    start = doc.text.index(text)
    return Place(text, start, start + len(text), name=text, feature=feature, precision=precision,
                 country_iso2=country, resolved=True, confidence=0.8, reason=feature, **extra)  # type: ignore[arg-type]


def trigger_span(doc: Doc, word: str) -> tuple[int, int]:
    token = next(t for t in doc if t.text == word)
    return token.idx, token.idx + len(token.text)


def test_in_place_of_the_trigger_clause_beats_a_place_of_the_reporting_clause() -> None:
    doc = parsed([("Police", 1, "nsubj", "NOUN"), ("arrested", 10, "ccomp", "VERB"), ("two", 3, "nummod", "NUM"),
                  ("men", 1, "dobj", "NOUN"), ("in", 1, "prep", "ADP"), ("Beijing", 4, "pobj", "PROPN"),
                  (",", 10, "punct", "PUNCT"), ("officials", 10, "nsubj", "NOUN"), ("in", 7, "prep", "ADP"),
                  ("Shanghai", 8, "pobj", "PROPN"), ("said", 10, "ROOT", "VERB"), (".", 10, "punct", "PUNCT")])
    found = [place(doc, "Beijing", country="CN"), place(doc, "Shanghai", country="CN")]
    sent = doc[:]
    chosen = event_place(found, sent, trigger_span(doc, "arrested"), doc)
    assert chosen is not None and chosen.text == "Beijing"
    assert "'in Beijing' in the trigger's clause" in (chosen.reason or "")
    said = event_place(found, sent, trigger_span(doc, "said"), doc)
    assert said is not None and said.text == "Shanghai"


def test_near_the_city_of_x() -> None:
    doc = parsed([("Clashes", 1, "nsubj", "NOUN"), ("erupted", 1, "ROOT", "VERB"), ("near", 1, "prep", "ADP"),
                  ("the", 4, "det", "DET"), ("city", 2, "pobj", "NOUN"), ("of", 4, "prep", "ADP"),
                  ("Kunduz", 5, "pobj", "PROPN"), (".", 1, "punct", "PUNCT")])
    chosen = event_place([place(doc, "Kunduz", country="AF")], doc[:], trigger_span(doc, "erupted"), doc)
    assert chosen is not None and chosen.text == "Kunduz"
    assert "'near ... Kunduz'" in (chosen.reason or "")


def test_at_the_x_centre_in_y() -> None:
    doc = parsed([("A", 1, "det", "DET"), ("bomb", 2, "nsubj", "NOUN"), ("exploded", 2, "ROOT", "VERB"),
                  ("at", 2, "prep", "ADP"), ("the", 6, "det", "DET"), ("Nadra", 6, "compound", "PROPN"),
                  ("centre", 3, "pobj", "NOUN"), ("in", 6, "prep", "ADP"), ("Mardan", 7, "pobj", "PROPN"),
                  (".", 2, "punct", "PUNCT")])
    chosen = clause_place([place(doc, "Mardan")], doc[2], doc)
    assert chosen is not None and chosen.text == "Mardan"
    assert chosen.reason and chosen.reason.startswith("event location: 'in Mardan'")


def test_stated_parent_region_loses_to_the_place_it_contains() -> None:
    doc = parsed([("Gunmen", 1, "nsubj", "NOUN"), ("attacked", 1, "ROOT", "VERB"), ("a", 3, "det", "DET"),
                  ("post", 1, "dobj", "NOUN"), ("in", 1, "prep", "ADP"), ("Bannu", 6, "compound", "PROPN"),
                  ("district", 4, "pobj", "NOUN"), ("of", 6, "prep", "ADP"), ("Khyber", 9, "compound", "PROPN"),
                  ("Pakhtunkhwa", 10, "compound", "PROPN"), ("province", 7, "pobj", "NOUN"),
                  (".", 1, "punct", "PUNCT")])
    # listed parent first: the choice must come from the parse, not the order
    found = [place(doc, "Khyber Pakhtunkhwa", "admin1", 3), place(doc, "Bannu", "admin2", 2)]
    chosen = clause_place(found, doc[1], doc)
    assert chosen is not None and chosen.text == "Bannu"


def test_nominal_trigger_takes_its_own_locative() -> None:
    doc = parsed([("The", 1, "det", "DET"), ("attack", 4, "nsubj", "NOUN"), ("in", 1, "prep", "ADP"),
                  ("Kabul", 2, "pobj", "PROPN"), ("killed", 4, "ROOT", "VERB"), ("five", 4, "dobj", "NUM"),
                  (".", 4, "punct", "PUNCT")])
    chosen = event_place([place(doc, "Kabul", country="AF")], doc[:], trigger_span(doc, "attack"), doc)
    assert chosen is not None and chosen.text == "Kabul" and "trigger's clause" in (chosen.reason or "")


def test_countries_as_subject_and_object_are_actors_not_locations() -> None:
    doc = parsed([("Pakistan", 1, "nsubj", "PROPN"), ("accused", 1, "ROOT", "VERB"),
                  ("Afghanistan", 1, "dobj", "PROPN"), (".", 1, "punct", "PUNCT")])
    found = [place(doc, "Pakistan", "country", 3), place(doc, "Afghanistan", "country", 3, "AF")]
    assert clause_place(found, doc[1], doc) is None
    assert sentence_place(found, doc[1].idx, doc) is None


def test_city_object_of_the_trigger_is_its_location() -> None:
    doc = parsed([("Rockets", 1, "nsubj", "NOUN"), ("hit", 1, "ROOT", "VERB"), ("Kharkiv", 1, "dobj", "PROPN"),
                  (".", 1, "punct", "PUNCT")])
    chosen = clause_place([place(doc, "Kharkiv", country="UA")], doc[1], doc)
    assert chosen is not None and "named in the trigger's clause" in (chosen.reason or "")


def test_locative_elsewhere_in_the_sentence_is_the_next_choice() -> None:
    doc = parsed([("In", 3, "prep", "ADP"), ("Kabul", 0, "pobj", "PROPN"), ("officials", 3, "nsubj", "NOUN"),
                  ("said", 3, "ROOT", "VERB"), ("gunmen", 5, "nsubj", "NOUN"), ("attacked", 3, "ccomp", "VERB"),
                  ("a", 7, "det", "DET"), ("school", 5, "dobj", "NOUN"), (".", 3, "punct", "PUNCT")])
    found = [place(doc, "Kabul", country="AF")]
    assert clause_place(found, doc[5], doc) is None
    chosen = event_place(found, doc[:], trigger_span(doc, "attacked"), doc)
    assert chosen is not None and chosen.text == "Kabul"
    assert "elsewhere in the sentence" in (chosen.reason or "") and chosen.confidence <= 0.6


def test_neighbour_across_a_border_and_metonyms_are_skipped() -> None:
    doc = parsed([("Troops", 1, "nsubj", "NOUN"), ("clashed", 1, "ROOT", "VERB"), ("in", 1, "prep", "ADP"),
                  ("Kurram", 2, "pobj", "PROPN"), ("on", 1, "prep", "ADP"), ("the", 6, "det", "DET"),
                  ("border", 4, "pobj", "NOUN"), ("with", 6, "prep", "ADP"), ("Afghanistan", 7, "pobj", "PROPN"),
                  (".", 1, "punct", "PUNCT")])
    neighbour = place(doc, "Afghanistan", "country", 3, "AF")
    found = [place(doc, "Kurram", "admin2", 2),
             Place(**{**neighbour.__dict__, "reason": "country; named as a neighbour across a border"})]
    chosen = event_place(found, doc[:], trigger_span(doc, "clashed"), doc)
    assert chosen is not None and chosen.text == "Kurram"
    only_border = event_place(found[1:], doc[:], trigger_span(doc, "clashed"), doc)
    assert only_border is None or only_border.text != "Afghanistan" or "fallback" in (only_border.reason or "")


def test_no_place_in_the_sentence_and_no_context_gives_none() -> None:
    doc = parsed([("Gunmen", 1, "nsubj", "NOUN"), ("struck", 1, "ROOT", "VERB"), (".", 1, "punct", "PUNCT")])
    assert event_place([], doc[:], trigger_span(doc, "struck"), doc) is None


def test_by_names_the_doer_not_the_place() -> None:
    doc = parsed([("Attacks", 3, "nsubj", "NOUN"), ("by", 0, "prep", "ADP"), ("Pakistan", 1, "pobj", "PROPN"),
                  ("rose", 3, "ROOT", "VERB"), ("in", 3, "prep", "ADP"), ("Kunar", 4, "pobj", "PROPN"),
                  (".", 3, "punct", "PUNCT")])
    pakistan = place(doc, "Pakistan", "country", 3)
    assert clause_place([pakistan], doc[0], doc) is None
    chosen = clause_place([pakistan, place(doc, "Kunar", "admin1", 3, "AF")], doc[0], doc)
    assert chosen is not None and chosen.text == "Kunar"
