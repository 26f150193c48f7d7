"""Article context in toponym resolution: a name's own mentions never vote for its reading, readings
of different names near each other, local-news datelines and dotted units tagged as people."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

import flashpoint.nlp  # noqa: F401  (registers the Doc extensions)
from flashpoint.extract.geo.cues import cues
from flashpoint.extract.geo.gazetteer import gazetteer
from flashpoint.extract.geo.recognize import datelines
from flashpoint.extract.geo.resolve import Readings
from flashpoint.extract.geo.streets import street_spans, street_town
from flashpoint.extract.places import places
from flashpoint.types import Article

VOCAB = spacy.blank("en").vocab


def hand_doc(words: list[str], ents: list[str] | None = None) -> tuple[Doc, Article]:
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".", ")") and w != "(" for i, w in enumerate(words)]
    doc = Doc(VOCAB, words=words, spaces=spaces, ents=ents or ["O"] * len(words))
    doc._.blocks = ()
    return doc, Article(id="t", text=doc.text, blocks=())


def test_a_repeated_name_does_not_outvote_the_country_the_article_names() -> None:
    words = ["A", "rally", "in", "London", ".", "London", "police", "came", "to", "London", "park",
             "and", "thanked", "Canada", "."]
    ents = ["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"]
    doc, article = hand_doc(words, ents)
    londons = [p for p in places(doc, article) if p.text == "London"]
    assert [(p.country_iso2, p.admin1) for p in londons] == [("CA", "Ontario")] * 3


def test_readings_of_two_names_near_each_other_are_found() -> None:
    gaz = gazetteer()
    options = [(n, [(e, 0.0, "name") for e in gaz.lookup(n)]) for n in ("edmonton", "tottenham")]
    readings = Readings(options)
    edmonton = {e.country: e for e in gaz.lookup("Edmonton") if e.feature == "city"}
    # Edmonton and Tottenham in north London are neighbours; Edmonton, Alberta has no Tottenham near
    assert readings.near(edmonton["GB"], "edmonton")
    assert not readings.near(edmonton["CA"], "edmonton")
    # a name's own readings do not count
    assert not Readings(options[:1]).near(edmonton["GB"], "edmonton")


def test_dateline_town_and_unit_are_toponyms() -> None:
    doc, _ = hand_doc(["RUSSELLVILLE", ",", "Ark.", "(", "AP", ")", "-", "One", "person", "died", "."])
    assert [doc[a:b].text for a, b in datelines(doc, gazetteer())] == ["RUSSELLVILLE", "Ark."]
    doc, _ = hand_doc(["Man", "charged", ".", "TORRINGTON", "—", "The", "mayor", "spoke", "."])
    assert [doc[a:b].text for a, b in datelines(doc, gazetteer())] == ["TORRINGTON"]
    doc, _ = hand_doc(["UPDATE", ":", "The", "mayor", "spoke", "."])
    assert datelines(doc, gazetteer()) == []


def test_dateline_resolves_inside_its_state() -> None:
    doc, article = hand_doc(["RUSSELLVILLE", ",", "Ark.", "(", "AP", ")", "-", "One", "person", "died", "."])
    town, state = places(doc, article)[:2]
    assert (town.name, town.admin1, state.name) == ("Russellville", "Arkansas", "Arkansas")


def test_a_small_town_unknown_in_its_stated_state_is_placed_at_the_state() -> None:
    # the gazetteer knows a Holliday in Texas only; "HOLLIDAY, Mo." is somewhere in Missouri
    doc, article = hand_doc(["HOLLIDAY", ",", "Mo.", "—", "A", "man", "was", "arrested", "."])
    town = places(doc, article)[0]
    assert (town.name, town.feature, town.precision) == ("Missouri", "admin1", 2)
    assert "within the stated Missouri" in (town.reason or "")


def test_a_dotted_unit_tagged_as_a_person_is_the_unit() -> None:
    words = ["Police", "in", "London", ",", "Ont", ".", "said", "."]
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "O", "O", "O"]
    doc, article = hand_doc(words, ents)
    london, ontario = places(doc, article)
    assert ontario.text == "Ont." and ontario.name == "Ontario"
    assert london.admin1 == "Ontario"


def test_street_names_are_found_and_longer_names_left_alone() -> None:
    words = ["A", "crash", "on", "Rest", "Acres", "Road", "and", "Highway", "403", ",", "said", "The",
             "Wall", "Street", "Journal", "and", "the", "Iranian", "Red", "Crescent", "."]
    doc, _ = hand_doc(words)
    found = [doc[a:b].text for a, b in street_spans(doc, cues(), set(gazetteer().demonyms))]
    assert found == ["Rest Acres Road", "Highway 403"]


def test_a_street_is_placed_at_its_town() -> None:
    words = ["Pupils", "in", "Hertford", "Road", ",", "Wimbledon", ",", "met", "on", "Silver", "Street",
             "near", "Wimbledon", "."]
    ents = ["O", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "B-GPE", "O"]
    doc, article = hand_doc(words, ents)
    assert [p.text for p in places(doc, article)] == ["Wimbledon", "Wimbledon"]  # off by default
    found = places(doc, article, streets=True)
    road, town, street = found[:3]
    assert (road.text, road.feature, road.precision, road.geonameid) == ("Hertford Road", "street", 1, None)
    assert (road.lat, road.lon) == (town.lat, town.lon) and town.country_iso2 == "GB"
    assert street.text == "Silver Street" and street.country_iso2 == "GB"


def test_street_town_prefers_the_stated_then_the_nearest_then_the_commonest_town() -> None:
    towns = [(0, "brantford", 2), (1, "paris", 40), (2, "paris", 60), (3, "hamilton", 90)]
    assert street_town(3, towns, 10) == 3
    assert street_town(None, towns, 10) == 0
    assert street_town(None, towns, 200) == 1
    assert street_town(None, [], 200) is None


def test_a_name_used_as_a_place_is_a_place_at_its_other_mentions() -> None:
    words = ["INNISFAIL", "-", "The", "skater", "from", "Innisfail", "met", "the", "Innisfail", "Curling",
             "Club", "and", "Innisfail", "cheered", "."]
    ents = ["O", "O", "O", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-PERSON", "O", "O"]
    doc, article = hand_doc(words, ents)
    found = [(p.start, p.name) for p in places(doc, article)]
    innisfail = [start for start, name in found if name == "Innisfail"]
    # the dateline, the untagged mention and the one tagged as a person; not the club's name
    assert innisfail == [0, doc[5].idx, doc[12].idx]


def test_seats_of_government_are_places_only_after_a_locative() -> None:
    words = ["The", "White", "House", "said", "a", "ceremony", "at", "the", "White", "House", "went", "well", "."]
    ents = ["O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "B-FAC", "I-FAC", "O", "O", "O"]
    doc, article = hand_doc(words, ents)
    (house,) = places(doc, article)
    assert house.start == doc[8].idx and house.feature == "landmark" and house.country_iso2 == "US"
    assert abs(house.lat - 38.9) < 0.1 and house.precision == 1


def test_airports_are_landmarks() -> None:
    words = ["Flights", "left", "Heathrow", "and", "Pearson", "International", "Airport", "."]
    ents = ["O", "O", "B-FAC", "O", "B-FAC", "I-FAC", "I-FAC", "O"]
    doc, article = hand_doc(words, ents)
    assert [(p.country_iso2, p.feature) for p in places(doc, article)] == [("GB", "landmark"), ("CA", "landmark")]


def test_places_of_one_level_in_a_list_do_not_nest() -> None:
    words = ["Cases", "in", "Mexico", ",", "China", ",", "Japan", "and", "Niger", ",", "Nigeria", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]
    doc, article = hand_doc(words, ents)
    found = {p.text: p for p in places(doc, article)}
    assert (found["China"].feature, found["China"].country_iso2) == ("country", "CN")
    assert (found["Niger"].feature, found["Niger"].country_iso2) == ("country", "NE")


def test_a_long_name_the_model_split_is_one_toponym() -> None:
    words = ["Cases", "in", "Chad", "and", "Democratic", "Republic", "of", "the", "Congo", "rose", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O", "O", "B-GPE", "O", "O"]
    doc, article = hand_doc(words, ents)
    _chad, congo = places(doc, article)
    assert (congo.text, congo.country_iso2) == ("Democratic Republic of the Congo", "CD")


def test_the_gazetteer_holds_villages_of_five_hundred() -> None:
    # Bantam, Connecticut (about 750 people) and Hinton, Iowa (about 900): local news names such places
    gaz = gazetteer()
    bantam = [e for e in gaz.lookup("Bantam") if e.country == "US"]
    hinton = [e for e in gaz.lookup("Hinton") if e.country == "US" and gaz.get(e.admin1).name == "Iowa"]
    assert bantam and gaz.get(bantam[0].admin1).name == "Connecticut" and hinton


def test_a_postal_code_after_a_town_in_that_unit_is_the_unit() -> None:
    words = ["Sales", "in", "Louisville", ",", "KY", "rose", ",", "AB", "said", "."]
    ents = ["O", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O"]
    doc, article = hand_doc(words, ents)
    found = places(doc, article)
    assert [(p.text, p.name) for p in found] == [("Louisville", "Louisville"), ("KY", "Kentucky")]
    assert found[0].admin1 == "Kentucky"


def test_a_titled_name_tagged_as_a_place_is_a_person_unless_known() -> None:
    words = ["Ms", "Raggi", "visited", "King", "County", "and", "Prince", "George", "."]
    ents = ["B-GPE", "I-GPE", "O", "B-GPE", "I-GPE", "O", "B-GPE", "I-GPE", "O"]
    doc, article = hand_doc(words, ents)
    assert [p.text for p in places(doc, article)] == ["King County", "Prince George"]
