"""Frozen data types that pass through the one code path.

Article -> (nlp) -> Doc -> (extract) -> Extraction. Every span is a pair of character offsets
into ``Article.text`` (``text[start:end]``). Records are plain frozen dataclasses so they hash,
compare and serialise (``to_dict``) without surprises.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CODER_VERSION = "0.2.0"

Span = tuple[int, int]


def to_dict(obj: Any) -> Any:
    """Turn a record (or nested records, tuples, dates) into JSON-ready Python values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(item) for item in obj]
    if isinstance(obj, Mapping):
        return {str(key): to_dict(value) for key, value in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


@dataclass(frozen=True)
class Block:
    """A structural piece of the article text: what it is decides whether it is parsed as prose.

    kind: paragraph | heading | dateline | byline | post (embedded tweet or similar) | caption
    meta: e.g. for a post {"author": "Shahbaz Sharif", "handle": "@CMShehbaz", "date": "2023-01-03"}
    """

    kind: str
    start: int
    end: int
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    lang: str = "en"
    meta: Mapping[str, Any] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the block the sentence lies in
    block_kind: str = "paragraph"


@dataclass(frozen=True)
class Entity:
    """A named-entity mention as the NER model (or a rule) saw it."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class DocDate:
    """The date the article speaks from, and how we know it."""

    value: dt.date | None
    method: str  # metadata | post | dateline | explicit-date | weekday | override | none
    confidence: float
    evidence: Span | None = None


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression normalised TIMEX3-style.

    value: TIMEX3 value ("2023-01-02", "2022-12", "2022-W52", "P40H", "PRESENT_REF", "2022-SU")
    type: DATE | TIME | DURATION | SET
    granularity: day | week | month | season | quarter | year | decade | time | duration | unknown
    """

    text: str
    start: int
    end: int
    value: str | None
    type: str = "DATE"
    granularity: str = "day"
    anchored: bool = True  # False when the value did not need the document date
    confidence: float = 1.0


@dataclass(frozen=True)
class Place:
    """A toponym and, when resolved, the gazetteer place it denotes."""

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_iso2: str | None = None
    country_iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None  # country | admin1 | admin2 | city | region | landmark
    precision: int | None = None  # ACLED geo_precision: 1 town, 2 part of region, 3 larger region
    resolved: bool = False
    metonym: bool = False  # "Islamabad said": a capital standing for a government
    confidence: float = 0.0
    reason: str | None = None


@dataclass(frozen=True)
class Actor:
    """An actor mention resolved (as far as the text allows) to a canonical actor."""

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None  # CAMEO-style, e.g. PAKGOV, AFGGOV, PAKREB, IGONAT
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV MIL COP REB JUD LEG OPP PTY CVL MED JRN IGO ...
    office: str | None = None
    wikidata: str | None = None
    kind: str = "unknown"  # person | organisation | country | group | unknown
    entity_id: str | None = None  # canonical id in the knowledge base, shared by coreferent mentions
    via: str | None = None  # how it was resolved: kb | structure | metonym | coref | ...
    confidence: float = 0.0


@dataclass(frozen=True)
class Count:
    best: int | None = None
    low: int | None = None
    high: int | None = None
    of: str | None = None  # actor | recipient | civilians | total
    text: str | None = None


@dataclass(frozen=True)
class Statement:
    id: str
    speaker: Actor | None
    cue: str | None
    cue_span: Span | None
    content: str
    content_span: Span
    kind: str  # direct | partial | indirect
    medium: str | None = None  # interview | statement | post | speech | press conference
    stance: str = "neutral"  # accuse deny threaten demand appeal promise praise reject neutral
    target: tuple[Actor, ...] = ()
    date: str | None = None
    sentence_span: Span | None = None
    speaker_span: Span | None = None
    confidence: float = 0.0
    content_parts: tuple[Span, ...] = ()  # the fragments of a content split by the cue ("A," he said, "B")
    # the stance of each sentence of a content of several sentences, (stance, span), neutral ones left out:
    # a quote can deny in one sentence and demand in the next
    acts: tuple[tuple[str, Span], ...] = ()


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int
    end: int
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    statement_id: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    event: str  # PLOVER type: AGREE ... ASSAULT
    mode: str | None
    cameo_code: str
    quad_class: int
    goldstein: float
    evidence: Evidence
    actor: tuple[Actor, ...] = ()
    recipient: tuple[Actor, ...] = ()
    context: tuple[str, ...] = ()
    modality: str = "asserted"
    aggregate: bool = False
    date: str | None = None
    date_precision: str = "unknown"
    event_loc: Place | None = None
    dead: Count | None = None
    injured: Count | None = None
    hostages: Count | None = None
    arrested: Count | None = None
    number: Count | None = None  # how many events an aggregate report sums ("more than 150 attacks")
    claimed_by: tuple[Actor, ...] = ()
    confidence: float = 0.5
    trigger: str | None = None
    mentions: tuple[Evidence, ...] = ()  # further mentions of the same event in this article
    # where the date came from: text (a time expression of the event's own sentence), statement (the date of the
    # statement it was coded from), paragraph (a time earlier in its paragraph), anchored (another event it is tied
    # to: "shortly after the meeting"), narrative (another mention of the same actor's act), document (the
    # document date only: the day is a guess, see docs/api.md); None without a date
    date_source: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    doc_date: DocDate
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    coder_version: str = CODER_VERSION
    notes: tuple[str, ...] = ()  # recorded reasons for skipped sentences and the like
