from __future__ import annotations

import datetime as dt

from flashpoint.eval import events_docs as scorer
from flashpoint.extract.eventcoding.kb import quad_class_of
from flashpoint.types import (
    Actor,
    Article,
    Count,
    DocDate,
    Event,
    Evidence,
    Extraction,
    Place,
    Sentence,
    TimeExpr,
)


def event(code: str, *, sector: str | None = None, country: str | None = None, dead: int | None = None,
          modality: str = "asserted", recipient_sector: str | None = None) -> Event:
    actor = (Actor("x", 0, 1, code=f"{country or '---'}{sector or ''}", country=country, sector=sector),) if sector else ()
    recipient = (Actor("y", 2, 3, sector=recipient_sector),) if recipient_sector else ()
    return Event(id=code, event="ASSAULT", mode=None, cameo_code=code, quad_class=quad_class_of(code), goldstein=-10.0,
                 evidence=Evidence("x y", 0, 3), actor=actor, recipient=recipient, modality=modality,
                 dead=Count(best=dead) if dead else None, confidence=0.7)


def test_perpetrator_mapping() -> None:
    assert scorer.perpetrator((event("173", sector="COP", country="EGY"),)) == "state actor"
    assert scorer.perpetrator((event("181", sector="REB"), event("190", sector="CRM"))) == \
        "other actors without permissions"
    assert scorer.perpetrator((event("181", sector="REB"), event("190", sector="MIL"))) == "state actor"
    assert scorer.perpetrator((event("181", sector="REB", modality="hypothetical"),)) == "state actor"
    assert scorer.perpetrator(()) == "state actor"


def test_violation_mapping_ignores_unrealised_events() -> None:
    events = (event("173"), event("181"), event("190", dead=3), event("1822"), event("190", modality="hypothetical"))
    assert scorer.violations(events) == {"arbitrary detention", "kidnapping", "killing", "torture"}
    assert scorer.violations((event("051"),)) == set()


def test_victim_type_and_normalisation() -> None:
    assert scorer.victim_type(event("173", recipient_sector="JRN")) == "journalist"
    assert scorer.victim_type(event("173")) == "insufficient information"
    assert scorer._norm("2021.0") == "2021" and scorer._norm("None") is None
    assert scorer._country_key("People's Republic of China") == "CHN"


def test_main_event_prefers_material_conflict() -> None:
    chosen = scorer.main_event((event("051"), event("173"), event("190", modality="denied")))
    assert chosen is not None and chosen.cameo_code == "173"


def extraction(text: str, *, times: tuple[TimeExpr, ...] = (), events: tuple[Event, ...] = (),
               actors: tuple[Actor, ...] = ()) -> Extraction:
    article = Article(id="a", text=text, published=dt.date(2021, 3, 9))
    return Extraction(article=article, doc_date=DocDate(article.published, "metadata", 1.0),
                      sentences=(Sentence(0, len(text), text, 0),), times=times, events=events, actors=actors)


def test_gold_month_day_year_normalised_as_in_the_paper() -> None:
    assert [scorer._month(v) for v in ("October", "Ocober", "Decenmber", "10", "10.0", "N//A", None, "unknown")] == \
        ["10", "10", "12", "10", "10", None, None, None]
    assert scorer._number("2019.0") == "2019" and scorer._number("02") == "2" and scorer._number("unknown") is None


def test_victim_and_violation_sets_as_in_the_paper() -> None:
    assert scorer._victim_types(["journalist", "insufficient information"]) == {"journalist"}
    assert scorer._victim_types([]) == {"insufficient information"}
    assert scorer._violation_set(set()) == {"unknown"}
    assert scorer._violation_set({"unknown", "killing"}) == {"killing"}


def test_attack_date_takes_stated_dates_only() -> None:
    text = "Police arrested the reporter on Friday. The court met on March 2 about the 2019 case."
    stated = Event(id="e", event="ARREST", mode=None, cameo_code="173", quad_class=4, goldstein=-5.0,
                   evidence=Evidence(text, 0, 39, {"date": ((32, 38),)}), date="2021-03-05")
    assert scorer.attack_date(extraction(text, events=(stated,)), stated) == ("2021", None, None)  # a weekday
    unstated = Event(id="e", event="ARREST", mode=None, cameo_code="173", quad_class=4, goldstein=-5.0,
                     evidence=Evidence(text, 0, 39), date="2021-03-09")
    march = TimeExpr("March 2", 57, 64, "2021-03-02")
    assert scorer.attack_date(extraction(text, times=(march,)), unstated) == ("2021", "03", "02")
    later = TimeExpr("March 20", 57, 65, "2021-03-20")  # after publication: not the attack
    assert scorer.attack_date(extraction(text, times=(later,)), unstated) == ("2021", None, None)


def test_victim_type_from_the_role_word_nearest_the_name() -> None:
    text = "Activists said journalist Ana Diaz was detained with union leader Luis Mora in Lima."
    found = extraction(text)
    assert scorer.victim_types_of(found, "Ana Diaz") == {"journalist"}
    assert scorer.victim_types_of(found, "Luis Mora") == {"trade unionist"}
    assert scorer.victim_types_of(extraction("Pedro Ruiz was detained."), "Pedro Ruiz") == {"insufficient information"}
    by_sector = extraction("Pedro Ruiz was detained.", actors=(Actor("Pedro Ruiz", 0, 10, sector="JRN"),))
    assert scorer.victim_types_of(by_sector, "Pedro Ruiz") == {"journalist"}


def test_region_only_when_the_article_names_it() -> None:
    town = Place("Ota", 0, 3, name="Ota", admin1="Ogun", feature="city", resolved=True)
    state = Place("Ogun State", 10, 20, name="Ogun", admin1="Ogun", feature="admin1", resolved=True)
    assert scorer.region_of(extraction("Ota, Nigeria"), town) is None
    named = Extraction(article=Article(id="a", text="Ota in Ogun State"), doc_date=DocDate(None, "none", 0.0),
                       places=(town, state))
    assert scorer.region_of(named, town) == "Ogun"
    assert scorer.region_of(extraction("Ogun State"), state) == "Ogun"
    assert scorer._ascii("Mahārāshtra") == "Maharashtra"


def test_gold_country_names_as_people_write_them() -> None:
    keys = [scorer._country_key(n) for n in ("Turkey", "Yemeni", "Columbia", "the Netherlands", "Burma", "US", "None")]
    assert keys == ["TUR", "YEM", "COL", "NLD", "MMR", "USA", None]
    assert scorer._country_key("Africa") == "africa"  # a continent is no country


def test_hong_kong_is_reported_as_china() -> None:
    place = Place("Hong Kong", 0, 9, name="Hong Kong", country_iso3="HKG", feature="country", resolved=True)
    event = Event(id="e", event="ARREST", mode=None, cameo_code="173", quad_class=4, goldstein=-5.0,
                  evidence=Evidence("Hong Kong police arrested him.", 0, 30), event_loc=place)
    assert scorer.predict(extraction("Hong Kong police arrested him.", events=(event,)))["country"] == "CHN"


def test_article_country_outvotes_a_lone_foreign_event_place() -> None:
    def place(name: str, iso3: str, start: int) -> Place:
        return Place(name, start, start + len(name), name=name, country_iso3=iso3, feature="city", resolved=True)
    abroad = place("Geneva", "CHE", 0)
    home = (place("Minsk", "BLR", 10), place("Grodno", "BLR", 20), place("Brest", "BLR", 30))
    found = Extraction(article=Article(id="a", text="x" * 40), doc_date=DocDate(None, "none", 0.0),
                       places=(abroad, *home))
    assert scorer.article_country(found, abroad) == "BLR"
    assert scorer.article_country(found, home[0]) == "BLR"
    found_once = Extraction(article=found.article, doc_date=found.doc_date, places=(abroad, home[0]))
    assert scorer.article_country(found_once, abroad) == "CHE"


def test_attack_date_prefers_the_first_dated_act_of_force() -> None:
    text = "The court heard the case on March 8. Police arrested her on 4 May 2019 in Lima."
    hearing = Event(id="h", event="ACCUSE", mode=None, cameo_code="115", quad_class=2, goldstein=-2.0,
                    evidence=Evidence(text, 0, 36, {"date": ((28, 35),)}), date="2021-03-08")
    arrest = Event(id="a", event="ARREST", mode=None, cameo_code="173", quad_class=4, goldstein=-5.0,
                   evidence=Evidence(text, 37, 80, {"date": ((60, 70),)}), date="2019-05-04")
    found = extraction(text, events=(hearing, arrest))
    assert scorer.attack_date(found, hearing) == ("2019", "05", "04")
    denied = Event(id="a", event="ARREST", mode=None, cameo_code="173", quad_class=4, goldstein=-5.0,
                   evidence=Evidence(text, 37, 80, {"date": ((60, 70),)}), date="2019-05-04", modality="denied")
    assert scorer.attack_date(extraction(text, events=(hearing, denied)), hearing) == ("2021", "03", "08")
