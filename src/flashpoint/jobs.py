"""Long-running jobs that the CLI, the API and the batch runner share: ingesting into a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from flashpoint import pipeline
from flashpoint.errors import FlashpointError
from flashpoint.ingest.readers import FieldMap, Failure, read_paths
from flashpoint.store.db import Store
from flashpoint.types import Article, Extraction


@dataclass
class IngestResult:
    stored: int = 0
    skipped: int = 0  # already in the store with this coder version, or repeated in the input
    failures: list[Failure] = field(default_factory=list)
    run_id: str | None = None


def _batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    batch: list[Article | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_safely(articles: list[Article], *, doc_date: dt.date | None = None) -> tuple[list[Extraction], list[Failure]]:
    """Extract a batch; if the batch fails, retry article by article so one bad article fails alone."""
    try:
        return list(pipeline.process(articles, doc_date=doc_date)), []
    except Exception:  # noqa: BLE001 - isolate the article that breaks, below
        pass
    done: list[Extraction] = []
    failed: list[Failure] = []
    for article in articles:
        try:
            done.extend(pipeline.process([article], doc_date=doc_date))
        except Exception as exc:  # noqa: BLE001 - recorded, the batch goes on
            origin = str(article.meta.get("origin") or article.url or article.id)
            failed.append(Failure(origin, f"extraction failed ({exc.__class__.__name__}: {exc}); please report it"))
    return done, failed


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    fields: FieldMap | None = None,
    batch_size: int = 16,
    force: bool = False,
    doc_date: dt.date | None = None,
    on_progress: Callable[[int], None] | None = None,
    command: str = "ingest",
) -> IngestResult:
    """Read, extract and store; each batch is one transaction, failures are recorded and skipped."""
    return ingest_items(read_paths(paths, fields), store, batch_size=batch_size, force=force,
                        doc_date=doc_date, on_progress=on_progress, command=command)


def ingest_items(
    items: Iterable[Article | Failure],
    store: Store,
    *,
    batch_size: int = 16,
    force: bool = False,
    doc_date: dt.date | None = None,
    on_progress: Callable[[int], None] | None = None,
    command: str = "ingest",
) -> IngestResult:
    """``ingest`` for articles from anywhere (files, feeds, URL lists, crawls, the API)."""
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
            origin = str(extraction.article.meta.get("origin") or extraction.article.id)
            result.failures.append(Failure(origin, str(exc)))
        return
    # Link syndicated copies, then group the new reports into real events (#9).
    from flashpoint.analysis import clusters, dedup

    written = [extraction.article.id for extraction in extractions]
    dedup.link_duplicates(store, written)
    clusters.build(store, written)
