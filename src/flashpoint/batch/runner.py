"""``flashpoint batch``: the same ``pipeline.process`` over a corpus, on local processes or Ray.

The corpus is cut into chunks with ids derived from their article ids. Each finished chunk is
written as Parquet files (events partitioned by month: ``events/month=2022-12/part-<chunk>.parquet``)
by atomic rename, then marked done (``_done/<chunk>``). A rerun skips chunks marked done, so a crash
loses at most the chunks in flight and never leaves a partial file behind. Failed articles go to
``errors/``. The spaCy model is loaded once per worker process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.batch.rows import rows_of
from flashpoint.errors import InputError
from flashpoint.ingest.readers import FieldMap, Failure, read_paths, record_article
from flashpoint.types import Article, Extraction


@dataclass(frozen=True)
class Chunk:
    id: str
    articles: tuple[Article, ...]


@dataclass
class ChunkResult:
    chunk_id: str
    extractions: list[Extraction]
    failures: list[Failure]
    worker_pid: int = 0
    worker_peak_mb: float = 0.0  # peak resident memory of the process that ran the chunk


@dataclass
class BatchResult:
    chunks: int = 0
    skipped_chunks: int = 0
    articles: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    worker_peak_mb: dict[int, float] = field(default_factory=dict)  # pid -> peak resident MB


def read_inputs(paths: Iterable[str], fields: FieldMap | None = None) -> Iterator[Article | Failure]:
    """Articles from files and folders, and from Parquet files with article columns."""
    fields = fields or FieldMap()
    plain: list[str] = []
    for raw in paths:
        if str(raw).endswith(".parquet") and Path(raw).is_file():
            import pyarrow.parquet as pq

            for number, record in enumerate(pq.read_table(raw).to_pylist(), start=1):
                try:
                    yield record_article(record, f"{raw}, row {number}", fields)
                except InputError as exc:
                    yield Failure(str(raw), str(exc), number)
        else:
            plain.append(str(raw))
    if plain:
        yield from read_paths(plain, fields)


def plan(paths: Iterable[str], *, chunk_size: int = 100, fields: FieldMap | None = None) -> tuple[list[Chunk], list[Failure]]:
    articles: list[Article] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    for item in read_inputs(paths, fields):
        if isinstance(item, Failure):
            failures.append(item)
        elif item.id not in seen:
            seen.add(item.id)
            articles.append(item)
    chunks = []
    for start in range(0, len(articles), chunk_size):
        group = tuple(articles[start:start + chunk_size])
        digest = hashlib.sha256("\n".join(a.id for a in group).encode()).hexdigest()[:16]
        chunks.append(Chunk(f"{start // chunk_size:05d}-{digest}", group))
    return chunks, failures


def process_chunk(chunk: Chunk) -> ChunkResult:
    from flashpoint.jobs import extract_safely

    import resource

    extractions, failures = extract_safely(list(chunk.articles))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ChunkResult(chunk.id, extractions, failures, os.getpid(), peak_mb)


def _warm() -> None:
    from flashpoint import nlp

    nlp.load()


def run_local(chunks: list[Chunk], workers: int) -> Iterator[ChunkResult]:
    if workers <= 1:
        for chunk in chunks:
            yield process_chunk(chunk)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        yield from pool.map(process_chunk, chunks)


class _RayWorker:
    """Ray Data callable class: the model is loaded once when the actor starts."""

    def __init__(self) -> None:
        _warm()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        results = [pickle.dumps(process_chunk(pickle.loads(item))) for item in batch["chunk"]]
        return {"result": results}


def run_ray(chunks: list[Chunk], workers: int, address: str | None = None) -> Iterator[ChunkResult]:
    try:
        import ray
    except ImportError as exc:
        raise InputError("the Ray engine needs Ray: pip install 'flashpoint[ray]'") from exc
    if not chunks:
        return
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                  "logging_level": "ERROR"}
        if address:
            kwargs["address"] = address
        else:
            kwargs["num_cpus"] = max(workers, 1)
        ray.init(**kwargs)
        started = True
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        dataset = ray.data.from_items([{"chunk": pickle.dumps(chunk)} for chunk in chunks])
        pool = ray.data.ActorPoolStrategy(size=max(workers, 1))
        results = dataset.map_batches(_RayWorker, batch_size=1, compute=pool, num_cpus=1)
        for row in results.iter_rows():
            yield pickle.loads(row["result"])
    finally:
        if started:
            ray.shutdown()


def _write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(pa.Table.from_pylist(rows), tmp)
    os.replace(tmp, path)


def write_chunk(result: ChunkResult, output: Path) -> None:
    tables = rows_of(result.extractions)
    if tables["articles"]:
        _write_parquet(tables["articles"], output / "articles" / f"part-{result.chunk_id}.parquet")
    if tables["statements"]:
        _write_parquet(tables["statements"], output / "statements" / f"part-{result.chunk_id}.parquet")
    by_month: dict[str, list[dict[str, Any]]] = {}
    for row in tables["events"]:
        by_month.setdefault((row["day"] or "unknown")[:7], []).append(row)
    for month, rows in sorted(by_month.items()):
        _write_parquet(rows, output / "events" / f"month={month}" / f"part-{result.chunk_id}.parquet")
    if result.failures:
        errors = [{"source": f.source, "line": f.line, "message": f.message} for f in result.failures]
        _write_parquet(errors, output / "errors" / f"part-{result.chunk_id}.parquet")
    marker = output / "_done" / result.chunk_id
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{len(result.extractions)} articles\n", encoding="utf-8")


def run_batch(
    inputs: Iterable[str],
    output: str | os.PathLike[str] | None,
    *,
    engine: str = "local",
    workers: int = 2,
    chunk_size: int = 100,
    fields: FieldMap | None = None,
    store: Any = None,
    ray_address: str | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> BatchResult:
    chunks, failures = plan(inputs, chunk_size=chunk_size, fields=fields)
    result = BatchResult(failures=list(failures))
    out = Path(output) if output is not None else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        if failures:
            rows = [{"source": f.source, "line": f.line, "message": f.message} for f in failures]
            _write_parquet(rows, out / "errors" / "part-input.parquet")
        done = {p.name for p in (out / "_done").glob("*")} if (out / "_done").exists() else set()
        todo = [chunk for chunk in chunks if chunk.id not in done]
        result.skipped_chunks = len(chunks) - len(todo)
    else:
        todo = chunks
    if engine == "local":
        results = run_local(todo, workers)
    elif engine == "ray":
        results = run_ray(todo, workers, ray_address)
    else:
        raise InputError(f"unknown engine {engine!r}; use local or ray")
    for chunk_result in results:
        if store is not None and chunk_result.extractions:
            store.write(chunk_result.extractions)
        if out is not None:
            write_chunk(chunk_result, out)
        result.chunks += 1
        result.articles += len(chunk_result.extractions)
        result.events += sum(len(e.events) for e in chunk_result.extractions)
        result.failures.extend(chunk_result.failures)
        pid = chunk_result.worker_pid
        result.worker_peak_mb[pid] = max(result.worker_peak_mb.get(pid, 0.0), chunk_result.worker_peak_mb)
        if on_chunk:
            on_chunk(len(chunk_result.extractions) + len(chunk_result.failures))
    return result
