"""The one code path: ``process(articles) -> Iterator[Extraction]``.

The CLI, the API, the tests, the evaluators and the batch runner all call this. Extraction of
one article never depends on another article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from flashpoint import nlp
from flashpoint.extract import actors as actors_stage
from flashpoint.extract import events as events_stage
from flashpoint.extract import places as places_stage
from flashpoint.extract import statements as statements_stage
from flashpoint.extract import time as time_stage
from flashpoint.types import CODER_VERSION, Article, DocDate, Extraction


def extract_doc(doc: Doc, article: Article, *, doc_date: dt.date | None = None) -> Extraction:
    """Run every extraction stage over one parsed article."""
    if doc_date is not None:
        date = DocDate(doc_date, "override", 1.0)
    else:
        date = time_stage.document_date(article, doc)
    times = time_stage.times(doc, article, date)
    places = places_stage.places(doc, article)
    actors = actors_stage.actors(doc, article, date, places)
    statements = statements_stage.statements(doc, article, date, times, actors)
    notes: list[str] = []
    events = events_stage.events(doc, article, date, times, places, actors, statements, notes=notes)
    statements = events_stage.align_statement_dates(statements, events, date)
    return Extraction(
        article=article,
        doc_date=date,
        sentences=nlp.sentences(doc),
        entities=nlp.entities(doc),
        times=times,
        places=places,
        actors=actors,
        statements=statements,
        events=events,
        coder_version=CODER_VERSION,
        notes=tuple(notes),
    )


def process(
    articles: Iterable[Article], *, batch_size: int = 32, doc_date: dt.date | None = None
) -> Iterator[Extraction]:
    """Extract everything from each article, in input order, parsing in batches with nlp.pipe."""
    for article, doc in nlp.parse(articles, batch_size=batch_size):
        yield extract_doc(doc, article, doc_date=doc_date)


def with_published(article: Article, published: dt.date | None) -> Article:
    return dataclasses.replace(article, published=published)
