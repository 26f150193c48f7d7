from __future__ import annotations

import pytest

from flashpoint.schema import validator
from flashpoint.store.records import event_record, statement_record
from flashpoint.types import Actor, Count, Event, Evidence, Place, Statement

TTP = Actor("the TTP", 10, 17, name="Tehreek-e-Taliban Pakistan", code="PAKREB", country="PAK", sector="REB")
ARMY = Actor("the army", 30, 38, name="Pakistan Army", code="PAKMIL", country="PAK", sector="MIL")


def test_event_record_validates_against_the_schema() -> None:
    event = Event(
        id="a1-e1", event="ASSAULT", mode="firearms", cameo_code="190", quad_class=4, goldstein=-10.0,
        evidence=Evidence("The army killed all 33 TTP attackers.", 0, 38, {"trigger": ((9, 15),)}),
        actor=(ARMY,), recipient=(TTP,), date="2022-12", date_precision="month",
        event_loc=Place("Bannu", 50, 55, name="Bannu", lat=32.98, lon=70.6, country_iso3="PAK", precision=2),
        dead=Count(best=33, low=33, high=33, of="recipient"), confidence=0.8,
    )
    record = event_record(event, "a1")
    errors = sorted(str(e.message) for e in validator("event").iter_errors(record))
    assert errors == []
    assert record["actor"][0]["code"] == "PAKMIL" and record["dead"]["best"] == 33


def test_a_broken_record_is_caught() -> None:
    event = Event(id="x", event="FIGHT", mode=None, cameo_code="19a", quad_class=5, goldstein=-10,
                  evidence=Evidence("s", 0, 1))
    errors = list(validator("event").iter_errors(event_record(event, "a1")))
    assert len(errors) >= 3


@pytest.mark.parametrize("speaker", [TTP, None])
def test_statement_record_validates(speaker: Actor | None) -> None:
    statement = Statement(id="s1", speaker=speaker, cue="said", cue_span=(5, 9), content="we deny it",
                          content_span=(10, 20), kind="indirect", stance="deny", target=(ARMY,), date="2023-01-03")
    errors = [e.message for e in validator("statement").iter_errors(statement_record(statement, "a1"))]
    assert errors == []
