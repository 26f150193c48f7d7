"""A small hand-built store for the API and web tests: three articles, one of them hostile HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from flashpoint.ingest import make_article
from flashpoint.store import open_store, schema
from flashpoint.store.db import Store
from flashpoint.types import Actor, Count, DocDate, Event, Evidence, Extraction, Place, Statement, TimeExpr

HOSTILE_TITLE = '<script>window.__pwned = 1</script><b>Bold</b> title'
HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=3">Evil Front'
HOSTILE_TEXT = (
    'Gunmen of the <img src=x onerror="window.__pwned=3">Evil Front attacked a market in Peshawar on Sunday. '
    '"<script>window.__pwned = 2</script> We did it," a spokesman said. <b>not bold</b>'
)
TORKHAM_TEXT = (
    "Pakistani troops clashed with Afghan Taliban forces at the Torkham border crossing on Monday, "
    "killing two soldiers. \"We will respond to any aggression,\" Defence Minister Khawaja Asif said."
)
NAIROBI_TEXT = "Thousands of protesters marched in Nairobi on Tuesday against the finance bill. Police fired tear gas."


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def torkham() -> Extraction:
    text = TORKHAM_TEXT
    article = make_article(text, title="Border clash at Torkham", url="https://example.org/torkham",
                           source="Example News", published="2023-01-03")
    troops = Actor("Pakistani troops", *_span(text, "Pakistani troops"), name="Pakistan Army", code="PAKMIL",
                   country="PAK", sector="MIL", kind="organisation")
    taliban = Actor("Afghan Taliban forces", *_span(text, "Afghan Taliban forces"), name="Afghan Taliban government",
                    code="AFGGOV", country="AFG", sector="GOV", kind="organisation")
    asif = Actor("Khawaja Asif", *_span(text, "Khawaja Asif"), name="Khawaja Asif", code="PAKGOV", country="PAK",
                 sector="GOV", kind="person", office="Defence Minister")
    torkham_place = Place("Torkham", *_span(text, "Torkham"), name="Torkham", lat=34.1, lon=71.09, country_iso3="PAK",
                          admin1="Khyber Pakhtunkhwa", feature="city", precision=1, resolved=True)
    monday = TimeExpr("Monday", *_span(text, "Monday"), value="2023-01-02")
    sentence_end = text.index("soldiers.") + len("soldiers.")
    clash = Event(
        id=f"{article.id}-e1", event="ASSAULT", mode="firearms", cameo_code="190", quad_class=4, goldstein=-10.0,
        evidence=Evidence(text[:sentence_end], 0, sentence_end, {"trigger": (_span(text, "clashed"),)}),
        actor=(troops,), recipient=(taliban,), date="2023-01-02", date_precision="day", event_loc=torkham_place,
        dead=Count(best=2, low=2, high=2, of="actor", text="two"), confidence=0.9, trigger="clashed",
    )
    quote_start = text.index('"')
    threat = Event(
        id=f"{article.id}-e2", event="THREATEN", mode=None, cameo_code="138", quad_class=3, goldstein=-7.0,
        evidence=Evidence(text[quote_start:], quote_start, len(text), {"trigger": (_span(text, "respond"),)}),
        actor=(asif,), recipient=(taliban,), date="2023-01-02", date_precision="day", confidence=0.4,
        modality="threatened",
    )
    statement = Statement(
        id=f"{article.id}-s1", speaker=asif, cue="said", cue_span=_span(text, "said"),
        content="We will respond to any aggression,", content_span=_span(text, "We will respond to any aggression,"),
        kind="direct", stance="threaten", target=(taliban,), date="2023-01-02",
        sentence_span=(quote_start, len(text)), speaker_span=_span(text, "Khawaja Asif"),
    )
    return Extraction(article, DocDate(dt.date(2023, 1, 3), "metadata", 1.0), times=(monday,),
                      places=(torkham_place,), actors=(troops, taliban, asif), statements=(statement,),
                      events=(clash, threat))


def hostile() -> Extraction:
    text = HOSTILE_TEXT
    article = make_article(text, title=HOSTILE_TITLE, url="https://example.org/hostile", source="<i>Feed</i>",
                           published="2023-01-09")
    evil = Actor(HOSTILE_ACTOR, *_span(text, HOSTILE_ACTOR), name=HOSTILE_ACTOR, code="PAKREB", country="PAK",
                 sector="REB", kind="group")
    peshawar = Place("Peshawar", *_span(text, "Peshawar"), name="Peshawar", lat=34.01, lon=71.58,
                     country_iso3="PAK", admin1="Khyber Pakhtunkhwa", feature="city", precision=1, resolved=True)
    end = text.index("Sunday.") + len("Sunday.")
    attack = Event(
        id=f"{article.id}-e1", event="ASSAULT", mode="firearms", cameo_code="190", quad_class=4, goldstein=-10.0,
        evidence=Evidence(text[:end], 0, end, {"trigger": (_span(text, "attacked"),)}), actor=(evil,),
        date="2023-01-08", date_precision="day", event_loc=peshawar, confidence=0.7,
    )
    content = "<script>window.__pwned = 2</script> We did it,"
    statement = Statement(id=f"{article.id}-s1", speaker=None, cue="said", cue_span=_span(text, "said"),
                          content=content, content_span=_span(text, content), kind="direct", stance="neutral")
    return Extraction(article, DocDate(dt.date(2023, 1, 9), "metadata", 1.0), places=(peshawar,), actors=(evil,),
                      statements=(statement,), events=(attack,))


def nairobi() -> Extraction:
    text = NAIROBI_TEXT
    article = make_article(text, title="Nairobi protest", source="Example Wire", published="2024-06-25")
    protesters = Actor("protesters", *_span(text, "protesters"), name="Protesters", code="KENCVL", country="KEN",
                       sector="CVL")
    police = Actor("Police", *_span(text, "Police"), name="Kenya Police", code="KENCOP", country="KEN", sector="COP")
    nairobi_place = Place("Nairobi", *_span(text, "Nairobi"), name="Nairobi", lat=-1.28, lon=36.82, country_iso3="KEN",
                          admin1="Nairobi", feature="city", precision=1, resolved=True)
    first_end = text.index("bill.") + len("bill.")
    march = Event(id=f"{article.id}-e1", event="PROTEST", mode="demo", cameo_code="141", quad_class=4, goldstein=-6.5,
                  evidence=Evidence(text[:first_end], 0, first_end, {"trigger": (_span(text, "marched"),)}),
                  actor=(protesters,), date="2024-06-25", date_precision="day", event_loc=nairobi_place,
                  confidence=0.8)
    gas = Event(id=f"{article.id}-e2", event="COERCE", mode=None, cameo_code="175", quad_class=4, goldstein=-9.0,
                evidence=Evidence(text[first_end + 1:], first_end + 1, len(text), {"trigger": (_span(text, "fired"),)}),
                actor=(police,), recipient=(protesters,), date="2024-06-25", date_precision="day",
                event_loc=nairobi_place, confidence=0.6)
    return Extraction(article, DocDate(dt.date(2024, 6, 25), "metadata", 1.0), places=(nairobi_place,),
                      actors=(protesters, police), events=(march, gas))


def build_store(path: Path) -> Store:
    store = open_store(str(path))
    items = [torkham(), hostile(), nairobi()]
    store.write(items)
    # one cluster across two articles, as the analysis stage would mark it
    with store.engine.begin() as conn:
        conn.execute(update(schema.events).where(schema.events.c.id.in_(
            [items[0].events[0].id, items[1].events[0].id])).values(cluster_id="c-test-1"))
    return store


def ids() -> dict[str, Any]:
    t, h, n = torkham(), hostile(), nairobi()
    return {"torkham": t.article.id, "hostile": h.article.id, "nairobi": n.article.id,
            "clash": t.events[0].id, "threat": t.events[1].id, "attack": h.events[0].id,
            "march": n.events[0].id, "gas": n.events[1].id}


TOKEN = "test-token-0123456789"


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "api.db"
    build_store(path).close()
    return path


@pytest.fixture()
def client(store_path: Path) -> Any:
    from fastapi.testclient import TestClient

    from flashpoint.api import create_app

    with TestClient(create_app(str(store_path), token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture()
def known() -> dict[str, Any]:
    return ids()
