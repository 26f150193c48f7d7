from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import pytest

from flashpoint.analysis import alerts, clusters, tension
from flashpoint.store.db import Store

START = dt.date(2022, 1, 3)  # a Monday
WEEKS = 60
CLASH = {"actor_code": "PAKMIL", "recipient_code": "AFGMIL", "admin1": None}


def noise(write: Callable[..., str], weeks: int = WEEKS) -> None:
    rng = random.Random(5)
    for week in range(weeks):
        monday = START + dt.timedelta(weeks=week)
        specs = [{**CLASH, "date": (monday + dt.timedelta(days=n % 5)).isoformat()} for n in range(rng.randint(2, 4))]
        specs.append({**CLASH, "kind": "AGREE", "date": monday.isoformat()})
        write(specs, published=(monday + dt.timedelta(days=6)).isoformat())


def surge(write: Callable[..., str]) -> dt.date:
    monday = START + dt.timedelta(weeks=WEEKS)
    specs = [{**CLASH, "date": (monday + dt.timedelta(days=n % 5)).isoformat(), "dead": 4} for n in range(12)]
    specs.append({**CLASH, "actor_code": "PAKCOP", "date": monday.isoformat()})  # an actor never seen before
    write(specs, published=(monday + dt.timedelta(days=6)).isoformat())
    return monday


def test_alerts_fire_on_a_built_surge(store: Store, write: Callable[..., str]) -> None:
    noise(write)
    monday = surge(write)
    clusters.build(store)
    found = alerts.alerts(store)
    kinds = {a["kind"]: a for a in found}
    assert set(kinds) == {"escalation", "fatality_surge", "new_actor"}
    escalation = kinds["escalation"]
    assert (escalation["actor"], escalation["recipient"], escalation["week"]) == ("PAK", "AFG", monday.isoformat())
    assert escalation["band"] == "major increase" and escalation["z52"] >= 2
    assert escalation["highest_in_weeks"] == 52 and escalation["change_4w"] > 1
    assert len(escalation["event_ids"]) == 13 and all(e.endswith(tuple(f"-e{n}" for n in range(1, 14)))
                                                      for e in escalation["event_ids"])
    surge_alert = kinds["fatality_surge"]
    assert surge_alert["value"] == 48 and surge_alert["baseline_year_max"] == 0
    assert len(surge_alert["event_ids"]) == 12
    assert kinds["new_actor"]["actor_code"] == "PAKCOP" and len(kinds["new_actor"]["event_ids"]) == 1


def test_no_alert_on_noise(store: Store, write: Callable[..., str]) -> None:
    noise(write)
    clusters.build(store)
    assert alerts.alerts(store) == []
    rows = tension.tension_series(store, "PAK", "AFG")
    assert len(rows) == WEEKS
    assert alerts.dyad_alerts(store, "PAK", "AFG", rows) == []


def test_the_dyad_series_marks_the_surge_week(store: Store, write: Callable[..., str]) -> None:
    noise(write)
    monday = surge(write)
    clusters.build(store)
    rows = tension.tension_series(store, "PAK", "AFG")
    assert rows[-1]["period"] == monday.isoformat() and rows[-1]["band"] == "major increase"
    found = alerts.dyad_alerts(store, "PAK", "AFG", rows)
    assert {(a["kind"], a["week"]) for a in found} == {("escalation", monday.isoformat()),
                                                      ("fatality_surge", monday.isoformat())}


@pytest.mark.parametrize(("z", "name"), [(2.5, "major increase"), (2.0, "major increase"), (1.2, "increase"),
                                         (0.0, "stable"), (-1.5, "decrease"), (-3, "major decrease"), (None, None)])
def test_bands(z: float | None, name: str | None) -> None:
    assert tension.band(z) == name


def test_rolling_sums() -> None:
    day = dt.date(2023, 1, 31)
    sums = tension.rolling_sums({day: 5, day - dt.timedelta(days=30): 7}, day - dt.timedelta(days=1), day)
    assert list(sums) == [7, 5]
