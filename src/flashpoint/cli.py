"""The command line: thin wrappers over the library. Errors become one message and an exit code.

Exit codes: 0 success, 1 some inputs failed (the rest was processed), 2 usage or fatal error.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from flashpoint.cli_common import event_filter_options, run_reported, stored_summary
from flashpoint.errors import FlashpointError
from flashpoint.types import CODER_VERSION


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", envvar="FLASHPOINT_DB", default="flashpoint.db", show_default=True,
        help="Store: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB.",
    )(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
        help="Output format.",
    )(func)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FlashpointError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
    return wrapper


def _store(db: str) -> Any:
    from flashpoint.store import open_store
    return open_store(db)


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Print rows as a table, JSON (the full records) or CSV (the given columns)."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), indent=2, ensure_ascii=False, default=str))
        return
    flat = [{c: _cell(_pick(row, c)) for c in columns} for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        click.echo(out.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for index, c in enumerate(columns):
        last = index == len(columns) - 1
        header = {"event_loc": "place", "evidence": "sentence"}.get(c.split(".")[0], c.split(".")[0])
        table.add_column(header, no_wrap=not last, overflow="ellipsis" if not last else "fold",
                         min_width=40 if last else None)
    for row in flat:
        table.add_row(*[_short_cell(row[c], c) for c in columns])
    Console(width=max(160, Console().width)).print(table)
    click.echo(f"{len(rows)} rows")


TABLE_TEXT = 90  # a table cell shows this much of a long text; --format json/csv give it whole


def _short_cell(value: str, column: str) -> str:
    """Tables stay one line per row: ids by their prefix (enough for `show`), long texts cut."""
    if column == "id" or column.endswith("_id") or column.endswith(".id"):
        return value[:12]
    return value if len(value) <= TABLE_TEXT else value[: TABLE_TEXT - 1] + "\u2026"


def _pick(row: dict[str, Any], column: str) -> Any:
    value: Any = row
    for part in column.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list):
            value = [v.get(part) if isinstance(v, dict) else v for v in value]
        else:
            return None
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value if v is not None)
    if isinstance(value, dict):
        if {"best", "low", "high"} <= set(value):  # a count: "33", "24-99", "401+"
            if value["best"] is not None:
                return str(value["best"])
            low, high = value["low"], value["high"]
            return f"{low}-{high}" if low is not None and high is not None else f"{low}+" if low is not None \
                else f"<={high}"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(CODER_VERSION, prog_name="flashpoint")
def main() -> None:
    """flashpoint: who did or said what to whom, where and when, read from news text."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help="Map a JSONL/CSV field, e.g. --field text=body --field published=date.")
@click.option("--batch-size", default=16, show_default=True, help="Articles per parse batch and transaction.")
@click.option("--force", is_flag=True, help="Re-process articles already stored by this coder version.")
@click.option("--date", "doc_date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Override the document date of every article (YYYY-MM-DD).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@handle_errors
def ingest(paths: tuple[str, ...], db: str, fields: tuple[str, ...], batch_size: int, force: bool,
           doc_date: dt.datetime | None, quiet: bool) -> None:
    """Read articles from files and folders (.txt .html .jsonl .json .csv), extract, and store them."""
    from flashpoint.ingest.readers import FieldMap
    from flashpoint.jobs import ingest as run_ingest

    store = _store(db)
    field_map = FieldMap.parse(fields)
    run_reported(
        "ingest",
        lambda on_progress: run_ingest(paths, store, fields=field_map, batch_size=batch_size, force=force,
                                       doc_date=doc_date.date() if doc_date else None, on_progress=on_progress),
        lambda result: stored_summary(result, store.url), quiet=quiet)


@main.command()
@db_option
@format_option
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@handle_errors
def articles(db: str, fmt: str, limit: int, offset: int) -> None:
    """List stored articles."""
    rows = _store(db).articles(limit=limit, offset=offset)
    emit(rows, fmt, ["id", "published", "doc_date", "title", "source", "chars", "events"])


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def show(article_id: str, db: str, fmt: str) -> None:
    """Show one article (an id or a unique id prefix) with everything extracted from it."""
    from flashpoint.show import render_article

    record = _store(db).article(article_id)
    if fmt == "json":
        click.echo(json.dumps(record, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(render_article(record))


EVENT_COLUMNS = ["date", "date_source", "event", "cameo_code", "modality", "actor.code", "recipient.code",
                 "event_loc.resolved_place", "dead", "confidence", "article_id", "evidence.sentence"]


@main.command()
@db_option
@format_option
@event_filter_options
@click.option("--modality", type=click.Choice(["asserted", "denied", "threatened", "planned", "hypothetical",
                                               "claimed", "historical"]))
@click.option("--min-confidence", type=click.FloatRange(0, 1))
@click.option("--no-document-dates", "text_dated", is_flag=True,
              help="Leave out events dated only by the document date (date_source 'document').")
@click.option("--limit", default=1000, show_default=True)
@handle_errors
def events(db: str, fmt: str, article: str | None, since: str | None, until: str | None, country: str | None,
           actor: str | None, recipient: str | None, event_type: str | None, quad_class: int | None,
           modality: str | None, min_confidence: float | None, text_dated: bool, limit: int) -> None:
    """List coded events, filtered; JSON gives the canonical records."""
    store = _store(db)
    rows = store.events(article=article, since=since, until=until, country=country, actor=actor,
                        recipient=recipient, event_type=event_type, quad_class=quad_class, modality=modality,
                        min_confidence=min_confidence, document_dated=False if text_dated else None, limit=limit)
    emit(rows, fmt, EVENT_COLUMNS)


@main.command()
@db_option
@format_option
@click.option("--article", help="Only statements of this article (id or prefix).")
@click.option("--speaker", help="Speaker actor code or part of the name.")
@click.option("--stance", type=click.Choice(["accuse", "deny", "threaten", "demand", "appeal", "promise",
                                             "praise", "reject", "neutral"]))
@click.option("--limit", default=1000, show_default=True)
@handle_errors
def statements(db: str, fmt: str, article: str | None, speaker: str | None, stance: str | None,
               limit: int) -> None:
    """List who said what: speaker, stance, target and content, with evidence."""
    rows = _store(db).statements(article=article, speaker=speaker, stance=stance, limit=limit)
    emit(rows, fmt, ["date", "speaker.name", "speaker.code", "cue", "stance", "kind", "target.code", "content"])


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(file_okay=False), help="Folder for Parquet output (resumable).")
@click.option("--db", default=None, help="Also write to this store (path or URL).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--workers", default=2, show_default=True, help="Worker processes (each loads the model once).")
@click.option("--chunk-size", default=100, show_default=True, help="Articles per chunk (the unit of resume).")
@click.option("--ray-address", default=None, help="Address of a running Ray cluster (default: start one locally).")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS", help="Map a JSONL/CSV/Parquet field.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@handle_errors
def batch(inputs: tuple[str, ...], output: str | None, db: str | None, engine: str, workers: int,
          chunk_size: int, ray_address: str | None, fields: tuple[str, ...], quiet: bool) -> None:
    """Run the pipeline over a corpus (folders, JSONL, Parquet) into Parquet and/or a store."""
    from flashpoint.batch import run_batch
    from flashpoint.ingest.readers import FieldMap

    if output is None and db is None:
        raise click.UsageError("give --output FOLDER and/or --db STORE")
    store = _store(db) if db else None
    run_reported(
        "batch",
        lambda on_chunk: run_batch(inputs, output, engine=engine, workers=workers, chunk_size=chunk_size,
                                   fields=FieldMap.parse(fields), store=store, ray_address=ray_address,
                                   on_chunk=on_chunk),
        lambda result: (f"{result.articles} articles, {result.events} events in {result.chunks} chunks "
                        f"({result.skipped_chunks} chunks already done), {len(result.failures)} failed"),
        quiet=quiet)


@main.command(name="eval")
@click.argument("task", type=click.Choice(sorted(__import__("flashpoint.eval.common", fromlist=["TASKS"]).TASKS)))
@click.argument("dataset", type=click.Path(exists=True))
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write the scores as JSON here.")
@handle_errors
def evaluate(task: str, dataset: str, limit: int | None, report_path: str | None) -> None:
    """Score a stage against gold data (time, places, quotes, events-sentences, events-docs, seed)."""
    from flashpoint.eval.common import TASKS

    module = importlib.import_module(TASKS[task])
    report = module.evaluate(dataset, limit=limit)
    click.echo(report.table())
    if report_path:
        Path(report_path).write_text(report.to_json() + "\n", encoding="utf-8")


from flashpoint import cli_serve  # noqa: E402,F401

from flashpoint import cli_analysis  # noqa: E402,F401
from flashpoint import cli_interop  # noqa: E402,F401


if __name__ == "__main__":
    main()
