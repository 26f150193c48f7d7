"""Sentence-level event coding through the whole pipeline (loads the spaCy model)."""

from __future__ import annotations

import pytest

from flashpoint import pipeline
from flashpoint.ingest.article import make_article
from flashpoint.types import Event

pytestmark = pytest.mark.model


def code(text: str) -> list[Event]:
    return [e for e in next(pipeline.process([make_article(text)])).events
            if e.modality not in ("denied", "hypothetical", "claimed")]


def codes(text: str) -> set[str]:
    return {e.cameo_code for e in code(text)}


def test_willing_and_ready_are_expressed_intents() -> None:
    (event,) = code("Pakistan is willing to withdraw its troops from the disputed territory of Kashmir.")
    assert event.cameo_code == "0356" and event.event == "AGREE" and event.mode is None
    assert [a.country for a in event.actor] == ["PAK"]
    assert codes("Colombia is ready to contribute troops to the NATO-led force in Afghanistan.") <= {"033", "0332", "0334"}


def test_reported_must_is_a_demand_of_the_speaker() -> None:
    demands = [e for e in code("Syrian President Bashar Assad said Turkey must mediate peace talks with Israel.")
               if e.cameo_code.startswith("10")]
    assert demands and demands[0].event == "REQUEST"
    assert [a.country for a in demands[0].actor] == ["SYR"] and [a.country for a in demands[0].recipient] == ["TUR"]


def test_failing_to_reach_agreement_is_a_rejection() -> None:
    assert "127" in codes("The United States and South Korea failed to reach agreement on a free-trade deal.")


def test_refusal_with_a_price_named() -> None:
    assert "121" in codes("Hungary says it will not accept refugees unless the EU pays for them.")


def test_aid_cuts_and_lifted_sanctions() -> None:
    assert "162" in codes("The British government has reduced humanitarian aid to Yemen.")
    assert "085" in codes("The U.S. Treasury removed the sanctions on Rusal.")


def test_rejecting_an_offer_needs_no_named_recipient() -> None:
    events = code("The Taliban on Sunday rejected an offer to extend a three-day ceasefire.")
    rejections = [e for e in events if e.cameo_code == "120"]
    assert rejections and not rejections[0].recipient  # "on Sunday" is a date, not a recipient


def test_joint_exercises_are_military_cooperation() -> None:
    (event,) = [e for e in code("Jordan and the United States began a new round of joint military exercises.")
                if e.cameo_code.startswith("06")]
    assert event.cameo_code == "062" and {a.country for a in event.actor} == {"JOR", "USA"}


def test_returned_property_and_returning_travellers() -> None:
    assert "0842" in codes("US officials returned 12 ancient fossils to the Chinese government.")
    assert "0842" not in codes("The Chinese envoy returned to Beijing after the talks.")


def test_a_name_run_into_a_date_is_still_a_recipient() -> None:
    (event,) = [e for e in code("Iraq's national security advisor met with Syrian President Bashar Assad Tuesday.")
                if e.cameo_code.startswith("04")]
    assert [a.country for a in event.recipient] == ["SYR"]


def test_an_option_considered_is_not_yet_an_act_or_intent() -> None:
    assert not codes("Japan is considering sending aid to North Korea following devastating floods.")


def test_denying_charges_is_a_denial_of_responsibility() -> None:
    events = code("The government of Cambodia has denied charges by the U.S. State Department that it suspended an official.")
    assert [e.cameo_code for e in events] == ["016"] and events[0].event == "REJECT"


def test_attending_a_ceremony_is_no_visit_and_overran_is_a_capture() -> None:
    assert not codes("Prime Minister Babis attended a ceremony to celebrate the foundation of Czechoslovakia.")
    assert "192" in codes("Boko Haram jihadists overran a military base in northeast Nigeria.")


def test_fighting_an_epidemic_is_no_force_and_extradition_is_judicial_cooperation() -> None:
    assert not {c for c in codes("Germany sent doctors to fight the Ebola epidemic in West Africa.") if c[:2] >= "18"}
    assert "063" in codes("Turkey extradited a US citizen to the United States.")
    assert "166" in codes("Omar al-Bashir of Sudan expelled humanitarian aid workers.")


def test_inspectors_of_a_named_body_act_for_it() -> None:
    events = code("The United Nations inspectors want to re-examine the refineries in Iran.")
    assert [(e.cameo_code, [a.code for a in e.actor]) for e in events] == [("090", ["IGOUNO"])]


def test_going_on_strike_and_staying_on_alert() -> None:
    assert "143" in codes("Teachers from Denver Public Schools went on strike for better pay.")
    assert "152" in codes("Israeli troops remained on alert amid heightened tensions in the north.")


def test_occupational_groups_act() -> None:
    assert "080" in codes("Brazil's truck drivers called off a four-day strike.")


def test_people_released_by_someone_unnamed() -> None:
    (event,) = [e for e in code("Two Russian citizens were released from captivity on Thursday.") if e.cameo_code == "0841"]
    assert not event.actor and [a.country for a in event.recipient] == ["RUS"]
