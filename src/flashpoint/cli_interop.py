"""Commands for the formats and sources users already live in (issue 13): export, feeds, URL
lists, WARC crawls, and gold records in and out. Thin wrappers over flashpoint.export and
flashpoint.ingest; registered on the main group by importing this module from cli.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from flashpoint.cli import db_option, handle_errors, main
from flashpoint.cli_common import event_filter_options, run_reported, stored_summary


def _store(db: str) -> Any:
    from flashpoint.store import open_store

    return open_store(db)


def ingest_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        db_option,
        click.option("--limit", type=int, default=None, help="Stop after this many articles."),
        click.option("--batch-size", default=16, show_default=True, help="Articles per parse batch and transaction."),
        click.option("--force", is_flag=True, help="Re-process articles already stored by this coder version."),
        click.option("--quiet", is_flag=True, help="No progress bar."),
    ]):
        func = option(func)
    return func


def _run_ingest(items: Iterable[Any], db: str, batch_size: int, force: bool, quiet: bool, command: str) -> None:
    from flashpoint.ingest.sources import ingest_items

    store = _store(db)
    run_reported(
        command,
        lambda on_progress: ingest_items(items, store, batch_size=batch_size, force=force, command=command,
                                         on_progress=on_progress),
        lambda result: stored_summary(result, store.url), quiet=quiet, spinner=True)


@main.command(name="export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["plover", "gdelt", "acled", "ucdp", "parquet", "geojson"]),
              help="plover (JSONL), gdelt (GDELT 2.0 TSV), acled (CSV), ucdp (GED-style CSV), parquet "
                   "(folder by month), geojson.")
@db_option
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write ('-' for standard output); a folder for parquet.")
@event_filter_options
@click.option("--min-confidence", type=click.FloatRange(0, 1))
@click.option("--include-all", is_flag=True,
              help="GDELT/ACLED/UCDP: keep denied, hypothetical, planned and aggregate events too.")
@click.option("--no-reviews", is_flag=True, help="Export the machine coding, ignoring analyst reviews.")
@handle_errors
def export_command(fmt: str, db: str, output: str, article: str | None, since: str | None, until: str | None,
                   country: str | None, actor: str | None, recipient: str | None, event_type: str | None,
                   quad_class: int | None, min_confidence: float | None, include_all: bool,
                   no_reviews: bool) -> None:
    """Export coded events to PLOVER, GDELT, ACLED, UCDP, Parquet or GeoJSON."""
    from flashpoint.export import export

    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet needs --output FOLDER")
    filters = {k: v for k, v in dict(article=article, since=since, until=until, country=country, actor=actor,
                                      recipient=recipient, event_type=event_type, quad_class=quad_class,
                                      min_confidence=min_confidence).items() if v is not None}
    target = None if output == "-" else output
    written = export(_store(db), fmt, target, reviews=not no_reviews, include_all=include_all, **filters)
    click.echo(f"exported {written} events as {fmt}" + (f" to {output}" if target else ""), err=True)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@ingest_options
@click.option("--fetch", is_flag=True, help="Download feed URLs, sitemap pages and articles the feed only summarises.")
@click.option("--summaries", is_flag=True, help="Use an item's summary as its text when the full text is missing.")
@handle_errors
def feeds(sources: tuple[str, ...], db: str, limit: int | None, batch_size: int, force: bool, quiet: bool,
          fetch: bool, summaries: bool) -> None:
    """Ingest RSS/Atom feeds and sitemaps (files, or URLs with --fetch)."""
    from flashpoint.ingest.feeds import feed_articles

    items = feed_articles(sources, fetch=fetch, use_summary=summaries, limit=limit)
    _run_ingest(items, db, batch_size, force, quiet, "feeds")


@main.command(name="import-urls")
@click.argument("url_list", type=click.Path(exists=True, dir_okay=False))
@ingest_options
@click.option("--fetch", is_flag=True, help="Download the listed pages (required: nothing is fetched unless asked).")
@handle_errors
def import_urls(url_list: str, db: str, limit: int | None, batch_size: int, force: bool, quiet: bool,
                fetch: bool) -> None:
    """Ingest the pages of a URL list: one URL a line, or a GDELT-style TSV/CSV with a URL column."""
    from flashpoint.ingest.urls import url_articles

    _run_ingest(url_articles(url_list, fetch=fetch, limit=limit), db, batch_size, force, quiet, "import-urls")


@main.command(name="import-warc")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@ingest_options
@handle_errors
def import_warc(paths: tuple[str, ...], db: str, limit: int | None, batch_size: int, force: bool,
                quiet: bool) -> None:
    """Ingest the HTML pages of WARC crawl files (.warc, .warc.gz)."""
    from flashpoint.ingest.warc import warc_articles

    _run_ingest(warc_articles(paths, limit=limit), db, batch_size, force, quiet, "import-warc")


@main.command(name="gold-export")
@db_option
@click.option("--output", "-o", default="-", show_default=True, help="JSONL file ('-' for standard output).")
@click.option("--include-unreviewed", is_flag=True, help="Also write events no analyst has reviewed.")
@handle_errors
def gold_export(db: str, output: str, include_unreviewed: bool) -> None:
    """Write analyst-reviewed events as PLOVER gold-standard records (JSON Lines)."""
    from flashpoint.export.gold import export_gold

    store = _store(db)
    if output == "-":
        written = export_gold(store, sys.stdout, include_unreviewed=include_unreviewed)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w", encoding="utf-8") as handle:
            written = export_gold(store, handle, include_unreviewed=include_unreviewed)
    click.echo(f"wrote {written} gold records", err=True)


@main.command(name="gold-import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="Folder for gold.yaml and the article texts.")
@handle_errors
def gold_import(paths: tuple[str, ...], output: str) -> None:
    """Turn PLOVER gold-standard records (JSON or JSONL) into a gold folder for `flashpoint eval seed`."""
    from flashpoint.export.gold import import_gold

    gold, articles, events = import_gold(paths, output)
    click.echo(f"wrote {articles} articles with {events} events to {gold}; score with: flashpoint eval seed {gold}")
