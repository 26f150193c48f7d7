from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from flashpoint.analysis import clusters
from flashpoint.store import schema
from flashpoint.store.db import Store


def memberships(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.event_id: r.cluster_id for r in conn.execute(select(schema.cluster_members))}


def test_two_reports_of_one_event_form_one_cluster(store: Store, write: Callable[..., str]) -> None:
    a = write([{"date": "2022-12-20", "dead": 33}], source="Al Jazeera")
    b = write([{"date": "2022-12-21", "dead": 25, "actor_code": "PAKCOP"}], source="Dawn")
    stats = clusters.build(store)
    assert stats["clusters"] == 1 and stats["merged"] == 1
    ids = memberships(store)
    assert ids[f"{a}-e1"] == ids[f"{b}-e1"]
    (row,) = clusters.list_clusters(store)
    assert (row["articles"], row["sources"], row["mentions"]) == (2, 2, 2)
    assert row["dead"] == 25 and (row["dead_low"], row["dead_high"]) == (25, 33)
    # events carry their cluster id too
    assert {r["cluster_id"] for r in store.events()} == {row["id"]}


def test_similar_attacks_on_different_days_stay_apart(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022-12-10"}])
    write([{"date": "2022-12-20"}])
    assert clusters.build(store)["clusters"] == 2


def test_incompatible_reports_stay_apart(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022-12-20", "admin1": "Balochistan"}])
    write([{"date": "2022-12-20", "admin1": "Khyber Pakhtunkhwa"}])  # another province
    write([{"date": "2022-12-20", "actor_code": "AFGMIL"}])  # another country's forces
    write([{"date": "2022-12-20", "kind": "AGREE"}])  # another type family
    assert clusters.build(store)["clusters"] == 4


def test_month_precision_report_joins_the_day_report(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022-12-20"}])
    write([{"date": "2022-12", "precision": "month", "admin1": None}])
    write([{"date": "2022-11", "precision": "month"}])  # the month before: another event
    assert clusters.build(store)["clusters"] == 2


def test_a_report_dated_only_by_its_publication_reaches_back_a_few_days(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022-12-20"}])
    write([{"date": "2022-12-23", "date_source": "document"}], published="2022-12-23")  # no date in its text
    assert clusters.build(store)["clusters"] == 1
    write([{"date": "2022-12-27"}])
    write([{"date": "2022-12-23"}], published="2022-12-23")  # the 23rd stated: three days from the 20th
    assert clusters.build(store)["clusters"] == 3


def test_two_events_of_one_article_are_not_merged(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022-12-20"}, {"date": "2022-12-20", "admin1": None}])
    assert clusters.build(store)["clusters"] == 2


def test_cluster_id_is_stable_when_a_later_report_arrives(store: Store, write: Callable[..., str]) -> None:
    first = write([{"date": "2022-12-20"}], published="2022-12-21")
    clusters.build(store)
    (before,) = clusters.list_clusters(store)
    later = write([{"date": "2022-12-20"}], published="2022-12-24")
    clusters.build(store, [later])  # the incremental path used at ingest
    rows = clusters.list_clusters(store)
    assert [r["id"] for r in rows] == [before["id"]] and rows[0]["articles"] == 2
    assert memberships(store)[f"{first}-e1"] == before["id"]
    clusters.build(store)  # a full rebuild agrees
    assert [r["id"] for r in clusters.list_clusters(store)] == [before["id"]]


def test_duplicate_articles_do_not_inflate_corroboration(store: Store, write: Callable[..., str]) -> None:
    original = write([{"date": "2022-12-20", "dead": 10}], source="AP")
    copy = write([{"date": "2022-12-20", "dead": 10}], source="AP syndicated")
    with store.engine.begin() as conn:
        conn.execute(schema.articles.update().where(schema.articles.c.id == copy).values(duplicate_of=original))
    clusters.build(store)
    (row,) = clusters.list_clusters(store, with_members=True)
    assert (row["articles"], row["sources"], row["mentions"]) == (1, 1, 1)
    assert len(row["members"]) == 2
    primary = [m for m in row["members"] if m["is_primary"]]
    assert primary[0]["article_id"] == original


def test_aggregate_and_denied_reports_are_not_counted(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022", "precision": "year", "aggregate": True}])
    write([{"date": "2022-12-05", "modality": "denied", "admin1": "Punjab"}])
    clusters.build(store)
    assert [r["counted"] for r in clusters.list_clusters(store)] == [False, False]


def test_refresh_clusters_new_events_only_when_needed(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2022-12-20"}])
    clusters.refresh(store)
    assert clusters.unclustered(store) == []
    write([{"date": "2022-12-20"}])
    assert len(clusters.unclustered(store)) == 1
    clusters.refresh(store)
    assert clusters.unclustered(store) == [] and store.count("clusters") == 1
