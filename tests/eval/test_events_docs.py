from __future__ import annotations

from flashpoint.eval import events_docs as scorer
from flashpoint.extract.eventcoding.kb import quad_class_of
from flashpoint.types import Actor, Count, Event, Evidence


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
