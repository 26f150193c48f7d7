from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import flashpoint.nlp  # noqa: F401  (registers the Doc extensions)
from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract.geo.cues import parse_cues
from flashpoint.extract.geo.gazetteer import gazetteer, key
from flashpoint.extract.places import event_location, focus_place, places
from flashpoint.types import Article, Block, Place

VOCAB = spacy.blank("en").vocab


def hand_doc(words: list[str], ents: list[str], blocks: tuple[Block, ...] = ()) -> tuple[Doc, Article]:
    doc = Doc(VOCAB, words=words, ents=ents)
    doc._.blocks = blocks
    return doc, Article(id="t", text=doc.text, blocks=blocks)


def test_key_ignores_case_accents_and_dots() -> None:
    assert key("Kābul") == key("KABUL") == "kabul"
    assert key("U.S.") == key("u s")


@pytest.mark.parametrize(
    "name, feature, country",
    [("Khyber Pakhtunkhwa", "admin1", "PK"), ("Bannu District", "admin2", "PK"), ("Ky.", "admin1", "US"),
     ("U.S.", "country", "US"), ("Darfur", "region", "SD")],
)
def test_gazetteer_knows(name: str, feature: str, country: str) -> None:
    assert any(e.feature == feature and e.country == country for e in gazetteer().lookup(name))


def test_demonyms_map_to_countries() -> None:
    assert gazetteer().demonyms[key("Afghan")] == "AF"
    assert gazetteer().demonyms[key("Qatari")] == "QA"


def test_bad_cues_file_names_the_list() -> None:
    with pytest.raises(KnowledgeBaseError, match="place_nouns"):
        parse_cues("place_nouns: 3\n", "cues.yaml")
    with pytest.raises(KnowledgeBaseError, match="YAML"):
        parse_cues("place_nouns: [a\n", "cues.yaml")


def test_district_of_province_resolves_inside_the_stated_parent() -> None:
    doc, article = hand_doc(
        ["A", "siege", "in", "Bannu", "district", "of", "Khyber", "Pakhtunkhwa", "province", "."],
        ["O", "O", "O", "B-GPE", "O", "O", "B-GPE", "I-GPE", "O", "O"],
    )
    found = places(doc, article)
    bannu, kp = found
    assert (bannu.text, bannu.feature, bannu.country_iso2, bannu.admin1) == (
        "Bannu", "admin2", "PK", "Khyber Pakhtunkhwa")
    assert bannu.precision == 2 and bannu.resolved
    assert "within stated Khyber Pakhtunkhwa" in (bannu.reason or "")
    assert (kp.feature, kp.country_iso3) == ("admin1", "PAK")


def test_article_context_picks_the_right_doha() -> None:
    doc, article = hand_doc(
        ["Talks", "in", "Doha", "and", "Qatar", "."], ["O", "O", "B-GPE", "O", "B-GPE", "O"]
    )
    doha = places(doc, article)[0]
    assert doha.country_iso2 == "QA" and doha.feature == "city"


def test_unknown_name_stays_unresolved_and_others_survive() -> None:
    doc, article = hand_doc(
        ["Fighting", "in", "Zqxvbrt", "and", "Kabul", "."], ["O", "O", "B-GPE", "O", "B-GPE", "O"]
    )
    unknown, kabul = places(doc, article)
    assert unknown.text == "Zqxvbrt" and not unknown.resolved and unknown.reason
    assert kabul.resolved and kabul.country_iso2 == "AF"


def test_gazetteer_matcher_finds_strong_names_the_model_missed() -> None:
    doc, article = hand_doc(["Troops", "left", "Afghanistan", "."], ["O", "O", "O", "O"])
    assert [p.name for p in places(doc, article)] == ["Afghanistan"]


def test_demonym_modes() -> None:
    doc, article = hand_doc(["Afghan", "officials", "met", "."], ["B-NORP", "O", "O", "O"])
    assert places(doc, article) == ()
    assert [p.country_iso2 for p in places(doc, article, demonyms="all")] == ["AF"]


def test_an_unresolved_dateline_must_name_a_town_of_some_size() -> None:
    from flashpoint.extract.places import dateline_place

    words = ["WALLACE", ":", "Officials", "met", "."]
    doc, article = hand_doc(words, ["O", "O", "O", "O", "O"],
                            (Block("dateline", 0, 9, {"place": "WALLACE"}), Block("paragraph", 10, 25)))
    assert dateline_place(doc, ()) is None  # a transcript speaker, not Wallace, Idaho (1,785 people)
    words = ["KARACHI", ":", "Officials", "met", "."]
    doc, article = hand_doc(words, ["O", "O", "O", "O", "O"],
                            (Block("dateline", 0, 9, {"place": "KARACHI"}), Block("paragraph", 10, 25)))
    found = dateline_place(doc, ())
    assert found is not None and found.country_iso2 == "PK"


def test_event_location_falls_back_to_the_dateline() -> None:
    words = ["Islamabad", "-", "Officials", "met", "."]
    doc, article = hand_doc(words, ["B-GPE", "O", "O", "O", "O"],
                            (Block("dateline", 0, 11, {"place": "Islamabad"}), Block("paragraph", 12, 27)))
    found = places(doc, article)
    where = event_location(found, 12, 27, doc=doc)
    assert where is not None and where.name == "Islamabad" and "dateline" in (where.reason or "")
    assert event_location(found, 12, 27, doc=doc, fallback=None) is None


def test_event_location_skips_metonyms_and_prefers_precise_places() -> None:
    kabul = Place("Kabul", 0, 5, name="Kabul", feature="city", precision=1, resolved=True, metonym=True)
    pakistan = Place("Pakistan", 20, 28, name="Pakistan", feature="country", precision=3, resolved=True,
                     country_iso2="PK")
    quetta = Place("Quetta", 40, 46, name="Quetta", feature="city", precision=1, resolved=True,
                   country_iso2="PK")
    assert event_location([kabul, pakistan, quetta], 0, 50, fallback=None).name == "Quetta"
    assert event_location([kabul], 0, 50, fallback=None) is None
    assert focus_place([pakistan, quetta, kabul]).country_iso2 == "PK"


@pytest.mark.model
def test_seed_article(seed_text: str) -> None:
    from flashpoint import nlp
    from flashpoint.ingest.article import make_article

    article = make_article(seed_text)
    doc = nlp.parse_one(article)
    found = places(doc, article)
    by_text: dict[str, list[Place]] = {}
    for place in found:
        by_text.setdefault(place.text, []).append(place)
    assert by_text["Bannu"][0].admin1 == "Khyber Pakhtunkhwa" and by_text["Bannu"][0].country_iso2 == "PK"
    assert all(p.country_iso2 == "PK" for p in by_text["Islamabad"])
    assert all(p.country_iso2 == "AF" for p in by_text["Kabul"])
    assert by_text["Doha"][0].country_iso2 == "QA"
    assert [p.country_iso2 for p in by_text["Afghan"]] == ["AF", "AF"]  # the two "Afghan soil"
    assert by_text["their lands"][0].country_iso2 == "AF"
    tension = seed_text.index("tensions between Islamabad")
    assert [p.metonym for p in found if tension < p.start < tension + 50] == [True, True]
    siege = seed_text.index("Last month, Pakistani Taliban")
    where = event_location(found, siege, seed_text.index("The 40-hour"), doc=doc)
    assert where is not None and where.text == "Bannu"


def test_countries_sit_at_their_geonames_point_or_at_the_centroid_on_request() -> None:
    doc, article = hand_doc(["Snow", "fell", "in", "Canada", "."], ["O", "O", "O", "B-GPE", "O"])
    (geonames,) = places(doc, article)
    (centroid,) = places(doc, article, points="centroid")
    assert geonames.geonameid == centroid.geonameid == 6251999
    assert geonames.lon is not None and geonames.lon < -110  # GeoNames: 60.1N 113.6W
    assert centroid.lon == -95.0


def test_place_names_inside_organisation_names_follow_the_convention() -> None:
    words = ["The", "Kentucky", "State", "Police", "and", "the", "U.S.", "Army", "said", "."]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "I-ORG", "O", "O"]
    doc, article = hand_doc(words, ents)
    assert [p.text for p in places(doc, article, inside_orgs="all")] == ["Kentucky", "U.S."]
    assert [p.text for p in places(doc, article, inside_orgs="countries")] == ["U.S."]
    assert [p.text for p in places(doc, article, inside_orgs="none")] == []


def test_a_city_tagged_as_an_organisation_is_still_the_city() -> None:
    doc, article = hand_doc(["She", "trains", "in", "Edmonton", "."], ["O", "O", "O", "B-ORG", "O"])
    (place,) = places(doc, article)
    assert (place.name, place.country_iso2, place.feature) == ("Edmonton", "CA", "city")


def test_dotted_abbreviation_after_a_comma_is_its_province() -> None:
    doc, article = hand_doc(["Born", "in", "Brandon", ",", "Man.", "last", "year"],
                            ["O", "O", "B-GPE", "O", "O", "O", "O"])
    found = places(doc, article)
    assert [p.text for p in found] == ["Brandon", "Man."]
    assert found[1].name == "Manitoba" and found[0].admin1 == "Manitoba"
    doc, article = hand_doc(["The", "Man.", "said"], ["O", "O", "O"])
    assert places(doc, article) == ()


def test_generic_unit_names_need_the_model() -> None:
    doc, article = hand_doc(["The", "West", "Midlands", "NHS", "said"], ["O", "O", "O", "O", "O"])
    assert places(doc, article) == ()


def test_a_name_placed_by_its_stated_parent_keeps_that_sense() -> None:
    words = ["Police", "in", "London", ",", "Ont.", "said", ".", "London", "is", "calm", "."]
    ents = ["O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O"]
    doc, article = hand_doc(words, ents)
    found = [p for p in places(doc, article) if p.text == "London"]
    assert [(p.country_iso2, p.admin1) for p in found] == [("CA", "Ontario"), ("CA", "Ontario")]


@pytest.mark.parametrize(
    "name, feature, country",
    [("Sumatra", "island", "ID"), ("Lake Chad", "lake", ""), ("Nyanza Province", "admin1", "KE"),
     ("West Kasai", "admin1", "CD"), ("Hindu Kush", "mountains", "")],
)
def test_gazetteer_knows_physical_features_and_former_provinces(name: str, feature: str, country: str) -> None:
    assert any(e.feature == feature and e.country == country for e in gazetteer().lookup(name))


@pytest.mark.parametrize(
    "text, name, country",
    [("Hebei province", "Hebei", "CN"), ("North-Western Sydney", "Sydney", "AU"),
     ("City of Montreal", "Montreal", "CA"), ("West Virginia State", "West Virginia", "US")],
)
def test_names_with_a_generic_head_or_a_direction_are_placed_at_the_rest(text: str, name: str, country: str) -> None:
    from flashpoint.extract.geo.cues import cues
    from flashpoint.extract.geo.resolve import _reduced

    found = _reduced(text, gazetteer(), cues())
    assert any(key(e.name).startswith(key(name)) and e.country == country for e, _, _ in found)
    assert all("placed at" in how for _, _, how in found)


def test_a_generic_word_left_alone_is_not_a_place() -> None:
    from flashpoint.extract.geo.cues import cues
    from flashpoint.extract.geo.resolve import _reduced

    assert _reduced("Eastern Creek", gazetteer(), cues()) == []
    assert _reduced("North Smallville Town", gazetteer(), cues()) == []


def test_unknown_island_name_resolves_through_the_feature_table() -> None:
    doc, article = hand_doc(["Floods", "hit", "Sumatra", "and", "Lake", "Chad", "."],
                            ["O", "O", "B-LOC", "O", "B-LOC", "I-LOC", "O"])
    sumatra, chad = places(doc, article)
    assert (sumatra.feature, sumatra.country_iso2, sumatra.precision) == ("island", "ID", 3)
    assert chad.feature == "lake" and chad.resolved


def test_a_known_name_inside_a_longer_tagged_name_is_used() -> None:
    from flashpoint.extract.geo.cues import cues
    from flashpoint.extract.geo.resolve import _reduced

    found = _reduced("South Asia Earthquake Relief", gazetteer(), cues())
    assert found and all(e.name == "South Asia" and "inside" in how for e, _, how in found)
    assert any(e.country == "SD" for e, _, _ in _reduced("Villages Sudan", gazetteer(), cues()))


def test_a_place_name_tagged_as_an_organisation_or_after_of_as_a_person_is_a_place() -> None:
    doc, article = hand_doc(
        ["Cases", "in", "Mozambique", "and", "the", "island", "of", "Java", ",", "said", "Guerrero", "."],
        ["O", "O", "B-ORG", "O", "O", "O", "O", "B-PERSON", "O", "O", "B-PERSON", "O"],
    )
    found = places(doc, article, demonyms="none")
    assert [p.text for p in found] == ["Mozambique", "Java"]  # the speaker Guerrero stays a person
    assert found[0].country_iso2 == "MZ" and found[1].feature == "island"


def test_country_names_allow_a_small_namesake_town() -> None:
    from flashpoint.extract.geo.recognize import country_names

    assert {"us", "canada"} <= country_names()
    assert "california" not in country_names()


def test_hyphen_glued_and_adjectival_country_names_are_not_toponyms() -> None:
    doc = Doc(VOCAB, words=["Agence", "France", "-", "Presse", "quoted", "Saudi", "officials", "in", "France", "."],
              spaces=[True, False, False, True, True, True, True, True, False, False])
    doc._.blocks = ()
    found = places(doc, Article(id="t", text=doc.text), demonyms="none")
    assert [(p.text, p.start) for p in found] == [("France", doc[8].idx)]


def test_a_long_country_name_is_one_toponym() -> None:
    words = ["Cases", "in", "the", "Democratic", "Republic", "of", "the", "Congo", "rose", "."]
    doc, article = hand_doc(words, ["O"] * len(words))
    (congo,) = places(doc, article)
    assert congo.text == "Democratic Republic of the Congo" and congo.country_iso2 == "CD"


def test_town_tagged_org_before_a_noun_and_county_names() -> None:
    doc = Doc(VOCAB, words=["Danbury", "police", "searched", "Laurel", "County", "."],
              heads=[1, 2, 2, 4, 2, 2], deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct"],
              pos=["PROPN", "NOUN", "VERB", "PROPN", "PROPN", "PUNCT"], ents=["B-ORG", "O", "O", "O", "O", "O"])
    doc._.blocks = ()
    danbury, laurel = places(doc, Article(id="t", text=doc.text))
    assert danbury.text == "Danbury" and danbury.country_iso2 == "US" and danbury.feature == "city"
    assert laurel.text == "Laurel County" and laurel.feature == "admin2"
    liberal = Doc(VOCAB, words=["Liberal", "members", "voted", "."], heads=[1, 2, 2, 2],
                  deps=["compound", "nsubj", "ROOT", "punct"], pos=["PROPN", "NOUN", "VERB", "PUNCT"],
                  ents=["B-ORG", "O", "O", "O"])
    liberal._.blocks = ()
    assert places(liberal, Article(id="t", text=liberal.text)) == ()


def test_a_bare_first_or_last_name_of_a_named_person_is_not_a_place() -> None:
    words = ["Georgia", "Stevens", "won", ".", "Georgia", "trained", "in", "Georgia", "and", "Malakal", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "O", "B-GPE", "O", "B-GPE", "O"]
    doc, article = hand_doc(words, ents)
    found = places(doc, article)
    assert [p.start for p in found] == [doc[7].idx, doc[9].idx]  # 'in Georgia' stays on the map


def test_disease_names_and_demonyms_tagged_as_places() -> None:
    words = ["Ebola", "spread", "from", "Marburg", "labs", "to", "Angolan", "towns", "in", "Marburg", "."]
    ents = ["B-GPE", "O", "O", "B-GPE", "O", "O", "B-GPE", "O", "O", "B-GPE", "O"]
    doc, article = hand_doc(words, ents)
    assert [p.start for p in places(doc, article, demonyms="none")] == [doc[9].idx]
    with_demonyms = places(doc, article, demonyms="all")
    assert [(p.text, p.start) for p in with_demonyms] == [("Angolan", doc[6].idx), ("Marburg", doc[9].idx)]
    assert with_demonyms[0].country_iso2 == "AO"


def test_washington_dc_is_the_capital() -> None:
    assert any(e.capital and e.country == "US" for e in gazetteer().lookup("Washington"))



@pytest.mark.model
def test_bare_congo_is_the_dr_congo_as_in_news_usage() -> None:
    from flashpoint import nlp
    from flashpoint.extract import places as stage
    from flashpoint.ingest.article import make_article

    article = make_article("Fighting spread across eastern Congo on Monday, officials in Congo said.")
    found = stage.places(nlp.parse_one(article), article)
    assert {p.country_iso2 for p in found if p.text == "Congo"} == {"CD"}, found
