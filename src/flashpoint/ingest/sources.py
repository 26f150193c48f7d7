"""Store articles that come from somewhere other than files: feeds, URL lists, WARC crawls.

``ingest_items`` is ``jobs.ingest`` for an iterable of ``Article | Failure`` instead of paths:
the same batches, transactions, skipping of stored articles, failure records and clustering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from flashpoint.errors import FlashpointError
from flashpoint.ingest.readers import Failure
from flashpoint.jobs import IngestResult, _batches, extract_safely
from flashpoint.store.db import Store
from flashpoint.types import Article


def ingest_items(items: Iterable[Article | Failure], store: Store, *, batch_size: int = 16, force: bool = False,
                 doc_date: dt.date | None = None, on_progress: Callable[[int], None] | None = None,
                 command: str = "ingest") -> IngestResult:
    result = IngestResult()
    seen: set[str] = set()
    with store.run(command) as run_id:
        result.run_id = run_id
        for batch in _batches(items, batch_size):
            articles: list[Article] = []
            for item in batch:
                if isinstance(item, Failure):
                    result.failures.append(item)
                    store.record_failure(item.source, item.message, line=item.line, run_id=run_id)
                elif item.id in seen:
                    result.skipped += 1
                else:
                    seen.add(item.id)
                    articles.append(item)
            if not force and articles:
                known = store.known(a.id for a in articles)
                result.skipped += len(known)
                articles = [a for a in articles if a.id not in known]
            if articles:
                _store_batch(articles, store, run_id, result, doc_date)
            if on_progress:
                on_progress(len(batch))
    return result


def _store_batch(articles: list[Article], store: Store, run_id: str, result: IngestResult,
                 doc_date: dt.date | None) -> None:
    extractions, failed = extract_safely(articles, doc_date=doc_date)
    for failure in failed:
        result.failures.append(failure)
        store.record_failure(failure.source, failure.message, run_id=run_id)
    try:
        result.stored += store.write(extractions, run_id=run_id)
    except FlashpointError as exc:
        for extraction in extractions:
            result.failures.append(Failure(str(extraction.article.meta.get("origin") or extraction.article.id), str(exc)))
        return
    from flashpoint.analysis import clusters, dedup

    written = [extraction.article.id for extraction in extractions]
    dedup.link_duplicates(store, written)
    clusters.build(store, written)
