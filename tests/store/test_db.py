from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.ingest import make_article
from flashpoint.store import open_store
from flashpoint.store.db import engine_url, first_day
from flashpoint.types import Actor, DocDate, Event, Evidence, Extraction, Statement


def extraction(text: str = "The army killed three militants in Bannu.", url: str | None = None) -> Extraction:
    article = make_article(text, url=url, published="2023-01-03")
    army = Actor("The army", 0, 8, name="Pakistan Army", code="PAKMIL", country="PAK", sector="MIL")
    event = Event(
        id=f"{article.id}-e1", event="ASSAULT", mode="firearms", cameo_code="190", quad_class=4,
        goldstein=-10.0, evidence=Evidence(text, 0, len(text), {"trigger": ((9, 15),)}),
        actor=(army,), date="2022-12", date_precision="month",
    )
    statement = Statement(id=f"{article.id}-s1", speaker=army, cue="said", cue_span=None, content="x",
                          content_span=(0, 1), kind="indirect")
    return Extraction(article, DocDate(dt.date(2023, 1, 3), "metadata", 1.0), events=(event,),
                      statements=(statement,))


def test_write_is_idempotent_and_reads_back(store_url: str) -> None:
    store = open_store(store_url)
    item = extraction()
    store.write([item])
    store.write([item])
    assert store.count("articles") == 1 and store.count("events") == 1 and store.count("statements") == 1
    (row,) = store.events()
    assert row["event"] == "ASSAULT" and row["actor"][0]["code"] == "PAKMIL"
    assert store.events(since="2022-12-01", until="2022-12-31") and not store.events(since="2023-01-01")
    assert store.events(actor="PAK") and not store.events(actor="AFG")
    full = store.article(item.article.id[:6])
    assert full["events"][0]["id"] == row["id"] and full["statements"][0]["speaker"]["code"] == "PAKMIL"
    store.close()


def test_a_failed_batch_writes_nothing(store_url: str) -> None:
    store = open_store(store_url)
    good = extraction("First article about talks.")
    bad = extraction("Second article.")
    # Same event id in two articles violates the primary key: the whole batch must roll back.
    bad_event = bad.events[0].__class__(**{**bad.events[0].__dict__, "id": good.events[0].id})
    bad = bad.__class__(**{**bad.__dict__, "events": (bad_event,)})
    with pytest.raises(Exception):
        store.write([good, bad])
    assert store.count("articles") == 0 and store.count("events") == 0
    store.close()


def test_engine_urls() -> None:
    assert engine_url("x.db") == "sqlite:///x.db"
    assert engine_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///y.db") == "sqlite:///y.db"


@pytest.mark.parametrize(
    ("value", "day"),
    [("2022-12-20", "2022-12-20"), ("2022-12", "2022-12-01"), ("2022", "2022-01-01"),
     ("2022-W52", "2022-12-26"), ("PRESENT_REF", None), (None, None), ("2022-13", None)],
)
def test_first_day(value: str | None, day: str | None) -> None:
    assert first_day(value) == day
