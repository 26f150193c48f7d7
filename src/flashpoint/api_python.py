"""The Python API for notebooks: extract from a text, load a store as a data frame.

    import flashpoint
    result = flashpoint.extract(text, published="2023-01-03", url="https://...", title="...")
    result["events"][0]["event"], result["statements"][0]["speaker"]["name"]
    df = flashpoint.load("flashpoint.db")                  # pandas DataFrame of events
    pl = flashpoint.to_polars("flashpoint.db", "statements")

Records are plain dicts in the shape of the JSON schemas (schema/event.schema.json,
statement.schema.json), the same that ``flashpoint events --format json`` prints.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import types
import warnings
from typing import Any

from flashpoint.errors import InputError

TABLES = ("events", "statements", "articles")


def extract(text: str, *, published: str | dt.date | None = None, url: str | None = None,
            title: str | None = None, source: str | None = None) -> dict[str, Any]:
    """Run the whole pipeline on one text; returns the article, document date and every record."""
    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article
    from flashpoint.store.records import entity, event_record, place, statement_record
    from flashpoint.types import to_dict

    article = make_article(text, title=title, url=url, published=published, source=source)
    (extraction,) = list(pipeline.process([article]))
    version = extraction.coder_version
    doc_date = extraction.doc_date
    return {
        "article": {"id": article.id, "title": article.title, "url": article.url, "source": article.source,
                    "published": article.published.isoformat() if article.published else None},
        "document_date": {"value": doc_date.value.isoformat() if doc_date.value else None,
                          "method": doc_date.method, "confidence": doc_date.confidence},
        "events": [event_record(e, article.id, version) for e in extraction.events],
        "statements": [statement_record(s, article.id) for s in extraction.statements],
        "places": [place(p) for p in extraction.places],
        "actors": [entity(a) for a in extraction.actors],
        "times": to_dict(list(extraction.times)),
        "coder_version": version,
    }


class _CallableStages(types.ModuleType):
    """The ``flashpoint.extract`` stage package, which notebooks also call as ``flashpoint.extract(text)``."""

    def __call__(self, text: str, **options: Any) -> dict[str, Any]:
        return extract(text, **options)


def callable_extract() -> Any:
    """``flashpoint.extract`` names both the stage package and this API; make the package callable.

    Importing a submodule binds it on its parent package, so a plain function named ``extract`` on
    ``flashpoint`` would be replaced by the package as soon as the pipeline is imported.
    """
    package = importlib.import_module("flashpoint.extract")
    if not isinstance(package, _CallableStages):
        package.__class__ = _CallableStages
    return package


def rows(db: Any, table: str = "events", **filters: Any) -> list[dict[str, Any]]:
    """Flat rows of a store table (events, statements, articles), ready for a data frame."""
    from flashpoint.export.parquet import event_row
    from flashpoint.store.db import Store, open_store

    if table not in TABLES:
        raise InputError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    store = db if isinstance(db, Store) else open_store(str(db))
    try:
        if table == "events":
            filters.setdefault("limit", 10_000_000)
            return [event_row(r) for r in store.events(**filters)]
        if table == "statements":
            filters.setdefault("limit", 10_000_000)
            return [_statement_row(r) for r in store.statements(**filters)]
        filters.setdefault("limit", 10_000_000)
        return store.articles(**filters)
    finally:
        if store is not db:
            store.close()


def _statement_row(record: dict[str, Any]) -> dict[str, Any]:
    speaker = record.get("speaker") or {}
    return {
        "id": record["id"], "article_id": record.get("article_id"), "date": record.get("date"),
        "speaker_name": speaker.get("name") or speaker.get("entity_text"), "speaker_code": speaker.get("code"),
        "cue": record.get("cue"), "stance": record.get("stance"), "kind": record.get("kind"),
        "target_codes": [t.get("code") or "" for t in record.get("target") or []],
        "content": record.get("content"), "confidence": record.get("confidence"),
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True, default=str),
    }


def load(db: Any = "flashpoint.db", table: str = "events", **filters: Any) -> Any:
    """A pandas DataFrame of a store table; a list of dicts (with a warning) when pandas is missing."""
    data = rows(db, table, **filters)
    try:
        import pandas as pd
    except ImportError:
        warnings.warn("pandas is not installed, so flashpoint.load returns a list of dicts; "
                      "pip install 'flashpoint[dataframes]' for a DataFrame", stacklevel=2)
        return data
    return pd.DataFrame.from_records(data)


def to_polars(db: Any = "flashpoint.db", table: str = "events", **filters: Any) -> Any:
    """A Polars DataFrame of a store table (needs polars)."""
    try:
        import polars as pl
    except ImportError as exc:
        raise InputError("to_polars needs polars: pip install polars (or use flashpoint.load for pandas)") from exc
    return pl.DataFrame(rows(db, table, **filters))
