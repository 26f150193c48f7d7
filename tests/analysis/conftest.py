from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flashpoint.ingest import make_article
from flashpoint.store import open_store
from flashpoint.store.db import Store
from flashpoint.types import Actor, Count, DocDate, Event, Evidence, Extraction, Place

ACTORS = {
    "PAKMIL": ("Pakistan Army", "PAK", "MIL"), "PAKCOP": ("Pakistani police", "PAK", "COP"),
    "PAKGOV": ("Government of Pakistan", "PAK", "GOV"), "PAKREB": ("Tehreek-e-Taliban Pakistan", "PAK", "REB"),
    "AFGGOV": ("Taliban government", "AFG", "GOV"), "AFGMIL": ("Afghan forces", "AFG", "MIL"),
    "INDGOV": ("Government of India", "IND", "GOV"),
}
QUAD = {"ASSAULT": (4, -10.0, "190"), "COERCE": (4, -7.0, "170"), "ACCUSE": (3, -2.0, "112"),
        "AGREE": (1, 4.0, "030"), "AID": (2, 7.0, "070")}
_counter = itertools.count()


def actor(code: str | None) -> tuple[Actor, ...]:
    if not code:
        return ()
    name, country, sector = ACTORS[code]
    return (Actor(name, 0, len(name), name=name, code=code, country=country, sector=sector),)


def place(admin1: str | None, country: str = "PAK", name: str | None = None) -> Place | None:
    if admin1 is None:
        return None
    return Place(name or admin1, 0, 4, name=name or admin1, country_iso3=country, admin1=admin1, resolved=True)


def event(article_id: str, n: int, kind: str = "ASSAULT", actor_code: str | None = "PAKMIL",
          recipient_code: str | None = "PAKREB", date: str | None = "2022-12-20", precision: str = "day",
          admin1: str | None = "Khyber Pakhtunkhwa", dead: int | None = None, claimed_by: str | None = None,
          modality: str = "asserted", aggregate: bool = False, loc_country: str = "PAK",
          date_source: str | None = "text") -> Event:
    quad, goldstein, cameo = QUAD[kind]
    sentence = f"Report {n} of a {kind.lower()}."
    return Event(
        id=f"{article_id}-e{n}", event=kind, mode=None, cameo_code=cameo, quad_class=quad, goldstein=goldstein,
        evidence=Evidence(sentence, 0, len(sentence)), actor=actor(actor_code), recipient=actor(recipient_code),
        date=date, date_precision=precision, event_loc=place(admin1, loc_country), modality=modality,
        aggregate=aggregate, dead=Count(best=dead) if dead is not None else None,
        claimed_by=actor(claimed_by), confidence=0.8, date_source=date_source,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(str(tmp_path / "x.db"))


@pytest.fixture
def write(store: Store) -> Callable[..., str]:
    """Store one article with the given event specs (dicts of `event` keyword args); returns its id."""

    def _write(specs: list[dict[str, Any]], *, text: str | None = None, source: str | None = None,
               published: str = "2023-01-03", url: str | None = None) -> str:
        serial = next(_counter)
        article = make_article(text or f"Article number {serial} about the events it reports.", url=url,
                               published=published, source=source or f"outlet{serial}")
        events = tuple(event(article.id, n, **spec) for n, spec in enumerate(specs, 1))
        doc_date = DocDate(dt.date.fromisoformat(published), "metadata", 1.0)
        store.write([Extraction(article, doc_date, events=events)])
        return article.id

    return _write
