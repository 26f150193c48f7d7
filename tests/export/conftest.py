from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.ingest import make_article
from flashpoint.store import open_store
from flashpoint.types import Actor, Count, DocDate, Event, Evidence, Extraction, Place

TEXT = ("Security forces killed three TTP militants in Bannu on Monday. "
        "Gunmen shot dead two villagers in Kabul last month. "
        "Pakistani officials met Afghan envoys in Islamabad. "
        "The army would strike the hideouts if talks failed.")


def _sentence(needle: str) -> tuple[str, int, int]:
    start = TEXT.index(needle)
    end = TEXT.index(".", start) + 1
    return TEXT[start:end], start, end


def _event(article_id: str, n: int, needle: str, **fields) -> Event:
    sentence, start, end = _sentence(needle)
    return Event(id=f"{article_id[:12]}e{n}", evidence=Evidence(sentence, start, end, {"trigger": ((start, start + 5),)}),
                 **fields)


ARMY = Actor("Security forces", 0, 15, name="Pakistan Army", code="PAKMIL", country="PAK", sector="MIL")
TTP = Actor("TTP militants", 29, 42, name="Tehrik-i-Taliban Pakistan", code="PAKREB", country="PAK", sector="REB")
GUNMEN = Actor("Gunmen", 64, 70, name="gunmen", code="AFGUAF", country="AFG", sector="UAF")
VILLAGERS = Actor("villagers", 86, 95, name="villagers", code="AFGCVL", country="AFG", sector="CVL")
PAKGOV = Actor("Pakistani officials", 0, 1, name="Government of Pakistan", code="PAKGOV", country="PAK", sector="GOV")
AFGGOV = Actor("Afghan envoys", 0, 1, name="Taliban government", code="AFGGOV", country="AFG", sector="GOV")
BANNU = Place("Bannu", 46, 51, name="Bannu", geonameid=1183880, lat=32.98, lon=70.60, country_iso2="PK",
              country_iso3="PAK", admin1="Khyber Pakhtunkhwa", feature="city", precision=1, resolved=True)
KABUL = Place("Kabul", 99, 104, name="Kabul", geonameid=1138958, lat=34.528, lon=69.172, country_iso2="AF",
              country_iso3="AFG", admin1="Kabul", feature="city", precision=1, resolved=True)


def extraction() -> Extraction:
    article = make_article(TEXT, url="https://news.example/bannu", title="Clashes in Bannu",
                           published="2023-01-04", source="Example News")
    aid = article.id
    events = (
        _event(aid, 1, "Security forces", event="ASSAULT", mode="firearms", cameo_code="190", quad_class=4,
               goldstein=-10.0, actor=(ARMY,), recipient=(TTP,), date="2023-01-02", date_precision="day",
               event_loc=BANNU, dead=Count(best=3, low=3, high=3, of="recipient"), confidence=0.9,
               trigger="killed"),
        _event(aid, 2, "Gunmen", event="ASSAULT", mode="firearms", cameo_code="186", quad_class=4,
               goldstein=-10.0, actor=(GUNMEN,), recipient=(VILLAGERS,), date="2022-12", date_precision="month",
               event_loc=KABUL, dead=Count(best=2, of="civilians"), confidence=0.8),
        _event(aid, 3, "Pakistani officials", event="CONSULT", mode=None, cameo_code="040", quad_class=1,
               goldstein=1.0, actor=(PAKGOV,), recipient=(AFGGOV,), date=None, confidence=0.7),
        _event(aid, 4, "The army would", event="ASSAULT", mode=None, cameo_code="190", quad_class=4,
               goldstein=-10.0, actor=(ARMY,), modality="hypothetical", confidence=0.6),
    )
    return Extraction(article, DocDate(dt.date(2023, 1, 4), "metadata", 1.0), events=events)


@pytest.fixture()
def sample_extraction() -> Extraction:
    return extraction()


@pytest.fixture()
def store(tmp_path: Path):
    store = open_store(str(tmp_path / "export.db"))
    store.write([extraction()])
    yield store
    store.close()
