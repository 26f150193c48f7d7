"""Analyst reviews in the analysis, the dyad_parts rollup, and reading a read-only store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import DBAPIError

from flashpoint.analysis import alerts, clusters, rollup, series
from flashpoint.api.review import record_review
from flashpoint.cli import main
from flashpoint.ingest import make_article
from flashpoint.store import open_store
from flashpoint.store.db import Store
from flashpoint.types import DocDate, Extraction

from .conftest import event

CLASH = {"actor_code": "PAKMIL", "recipient_code": "AFGMIL", "admin1": None}


def test_rejected_report_leaves_its_cluster_and_never_counts(store: Store, write: Callable[..., str]) -> None:
    a = write([{**CLASH, "date": "2023-01-02", "dead": 3}])
    b = write([{**CLASH, "date": "2023-01-02", "dead": 9}])
    clusters.build(store)
    assert store.count("clusters") == 1
    record_review(store, f"{b}-e1", "reject", reviewer="ana")
    clusters.refresh(store)  # the new review re-clusters the neighbourhood
    assert [r["primary_event_id"] for r in clusters.list_clusters(store)] == [f"{a}-e1"]  # rejected: 0 articles
    rows = {r["primary_event_id"]: r for r in clusters.list_clusters(store, min_articles=0)}
    assert rows[f"{a}-e1"]["counted"] and rows[f"{a}-e1"]["articles"] == 1 and rows[f"{a}-e1"]["dead"] == 3
    assert not rows[f"{b}-e1"]["counted"]
    week = series.dyad_series(store, "PAK", "AFG", freq="week")
    assert [(r["events"], r["dead"]) for r in week] == [(1, 3)]
    record_review(store, f"{a}-e1", "reject", reviewer="ana")
    clusters.build(store, [write([{**CLASH, "date": "2024-05-01"}])])  # an ingest before any read
    assert series.dyad_series(store, "PAK", "AFG", until="2023-12-31") == []
    assert [r["events"] for r in series.dyads(store)] == [1]


def test_corrected_fields_drive_series_and_figures(store: Store, write: Callable[..., str]) -> None:
    a = write([{**CLASH, "date": "2023-01-02", "dead": 30}])
    clusters.build(store)
    record_review(store, f"{a}-e1", "correct", reviewer="ana",
                  corrected={"event": "ACCUSE", "quad_class": 3, "recipient": "INDGOV", "date": "2023-01-20",
                             "dead": 4})
    assert series.dyad_series(store, "PAK", "AFG") == []
    (row,) = series.dyad_series(store, "PAK", "IND", freq="week")
    assert row["period"] == "2023-01-16" and row["q3"] == 1 and row["q4"] == 0 and row["dead"] == 4
    (cluster,) = clusters.list_clusters(store)
    assert cluster["event"] == "ACCUSE" and cluster["dead"] == 4 and cluster["recipient_code"] == "INDGOV"


def test_corrected_report_joins_the_event_it_belongs_to(store: Store, write: Callable[..., str]) -> None:
    write([{**CLASH, "date": "2023-01-02"}])
    b = write([{**CLASH, "date": "2023-01-20"}])  # the machine misread the date
    clusters.build(store)
    assert store.count("clusters") == 2
    record_review(store, f"{b}-e1", "correct", reviewer="ana", corrected={"date": "2023-01-02"})
    clusters.refresh(store)
    (row,) = clusters.list_clusters(store)
    assert row["articles"] == 2


def test_rollup_matches_the_clusters(store: Store, write: Callable[..., str]) -> None:
    days = ["2023-01-30", "2023-01-31", "2023-02-01", "2023-02-05", "2023-02-06", "2023-03-01"]
    for n, day in enumerate(days):  # distinct provinces: six real events
        write([{**CLASH, "date": day, "dead": 1, "admin1": f"Area {n}"}])
    write([{"actor_code": "AFGGOV", "recipient_code": "PAKGOV", "kind": "ACCUSE", "date": "2023-02-02",
            "admin1": None}])
    clusters.build(store)
    assert rollup.ready(store)
    parts = {dt.date.fromisoformat(d) for d in days}
    assert {rollup.part_of(d) for d in parts} == {dt.date(2023, 1, 30), dt.date(2023, 2, 1), dt.date(2023, 2, 6),
                                                   dt.date(2023, 3, 1)}
    for since, until in [(None, None), ("2023-01-31", "2023-02-05"), ("2023-02-01", "2023-02-28"),
                         ("2023-01-31", "2023-01-31"), ("2023-02-02", None)]:
        fast = series.dyads(store, since=since, until=until)
        with store.engine.begin() as conn:  # the same answer straight from the clusters table
            conn.execute(rollup.schema.meta.delete().where(rollup.schema.meta.c.key == rollup.READY))
        slow = series.dyads(store, since=since, until=until)
        rollup.rebuild(store)
        assert fast == slow, (since, until)
    monthly = series.dyad_series(store, "PAK", "AFG", freq="month", normalised=True)
    assert [(r["period"], r["events"], r["all_events"]) for r in monthly] == [
        ("2023-01-01", 2, 2), ("2023-02-01", 3, 4), ("2023-03-01", 1, 1)]
    weekly = series.dyad_series(store, "PAK", "AFG", freq="week", normalised=True)
    assert [(r["period"], r["all_events"]) for r in weekly][:2] == [("2023-01-30", 5), ("2023-02-06", 1)]
    # an incremental build refreshes the parts it touched
    write([{**CLASH, "date": "2023-03-02", "admin1": "Area 9"}])
    clusters.refresh(store)
    (march,) = [r for r in series.dyad_series(store, "PAK", "AFG", freq="month", normalised=True)
                if r["period"] == "2023-03-01"]
    assert march["all_events"] == 2 and series.dyads(store)[0]["events"] == 7


def test_alert_scan_reads_all_candidates_at_once(store: Store, write: Callable[..., str]) -> None:
    start = dt.date(2022, 1, 3)
    for week in range(40):
        write([{**CLASH, "kind": "ACCUSE", "date": (start + dt.timedelta(weeks=week)).isoformat()}])
    surge = start + dt.timedelta(weeks=40)
    for n in range(5):
        write([{**CLASH, "date": (surge + dt.timedelta(days=n)).isoformat(), "admin1": f"Area {n}"}])
    clusters.build(store)
    found = alerts.alerts(store, as_of=(surge + dt.timedelta(days=5)).isoformat())
    assert [(a["kind"], a["actor"], a["recipient"]) for a in found] == [("escalation", "PAK", "AFG")]
    assert len(found[0]["event_ids"]) == 5


def test_read_commands_work_on_a_read_only_store(store: Store, write: Callable[..., str]) -> None:
    write([{**CLASH, "date": "2023-01-02", "dead": 2}])
    clusters.build(store)
    write([{**CLASH, "date": "2023-01-09"}])  # written after the last build
    path = store.url.removeprefix("sqlite:///")
    store.engine.dispose()
    read_only = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    note = clusters.refresh(read_only)
    assert note and "read-only" in note
    assert [r["events"] for r in series.dyad_series(read_only, "PAK", "AFG")] == [1]
    assert series.dyads(read_only)[0]["events"] == 1
    result = CliRunner().invoke(main, ["dyads", "PAK", "AFG", "--db", f"sqlite:///file:{path}?mode=ro&uri=true",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "read-only" in result.output and "2023-01-02,PAK,AFG,1," in result.output
    assert clusters.unclustered(read_only)  # nothing was written
    with pytest.raises(DBAPIError):
        clusters.build(read_only)


def test_rollup_alerts_and_reviews_on_both_backends(store_url: str) -> None:
    store = open_store(store_url)
    start = dt.date(2022, 1, 3)
    ids = []
    for n in range(45):
        day = start + dt.timedelta(weeks=n) if n < 40 else start + dt.timedelta(weeks=40, days=n - 40)
        article = make_article(f"Backend article {n} about a clash.", published=day.isoformat(), source=f"o{n}")
        spec = {**CLASH, "date": day.isoformat(), "admin1": f"Area {n}", "dead": 1}
        if n < 40:
            spec["kind"] = "ACCUSE"
        store.write([Extraction(article, DocDate(day, "metadata", 1.0), events=(event(article.id, 1, **spec),))])
        ids.append(f"{article.id}-e1")
    clusters.build(store)
    found = alerts.alerts(store, as_of=(start + dt.timedelta(weeks=40, days=5)).isoformat())
    assert ("escalation", "PAK", "AFG") in [(a["kind"], a["actor"], a["recipient"]) for a in found]
    top = series.dyads(store, since="2022-01-05", until="2022-11-20")
    assert top[0]["events"] == sum(1 for n in range(45) if "2022-01-05" <= (
        start + dt.timedelta(weeks=n) if n < 40 else start + dt.timedelta(weeks=40, days=n - 40)).isoformat()
        <= "2022-11-20")
    monthly = series.dyad_series(store, "PAK", "AFG", freq="month", normalised=True)
    assert sum(r["events"] for r in monthly) == 45 and monthly[0]["all_events"] == 5
    record_review(store, ids[-1], "reject", reviewer="ana")
    assert sum(r["events"] for r in series.dyad_series(store, "PAK", "AFG", freq="month")) == 44
    assert series.dyads(store)[0]["events"] == 44
    store.engine.dispose()
