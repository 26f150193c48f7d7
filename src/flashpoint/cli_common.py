"""What commands share: the event filters, and for the long-running ones a progress bar over the
job, then its failures, a summary line and the exit code (1 when any input failed, the rest having
been processed).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

import click


class Outcome(Protocol):
    @property
    def failures(self) -> Sequence[Any]: ...


R = TypeVar("R", bound=Outcome)
F = TypeVar("F", bound=Callable[..., Any])

# The filters of Store.events, as options, in the order --help lists them.
EVENT_FILTERS = [
    click.option("--article", help="Only events of this article (id or prefix)."),
    click.option("--since", help="Events on or after this date (YYYY-MM-DD)."),
    click.option("--until", help="Events on or before this date (YYYY-MM-DD)."),
    click.option("--country", help="ISO3 country as actor, recipient or location."),
    click.option("--actor", help="Actor code or ISO3 country of the source."),
    click.option("--recipient", help="Actor code or ISO3 country of the target."),
    click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT."),
    click.option("--quad-class", type=click.IntRange(1, 4)),
]


def event_filter_options(func: F) -> F:
    for option in reversed(EVENT_FILTERS):
        func = option(func)
    return func


def run_reported(label: str, job: Callable[[Callable[[int], None]], R], summary: Callable[[R], str], *,
                 quiet: bool, spinner: bool = False) -> R:
    """Run ``job(on_progress)`` under a progress bar named ``label``, then report on its result.

    Each failure goes to standard error as ``failed: ...``, ``summary(result)`` to standard output;
    the command exits with 1 when there was any failure. ``spinner`` shows a spinner and a running
    count instead of a bar (for sources of unknown length read item by item).
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns: list[ProgressColumn] = (
        [SpinnerColumn(), TextColumn(label + " {task.completed} items")] if spinner
        else [TextColumn(label), BarColumn(), MofNCompleteColumn()]
    )
    with Progress(*columns, TimeElapsedColumn(), disable=quiet, transient=True) as progress:
        task = progress.add_task(label, total=None)
        result = job(lambda n: progress.advance(task, n))
    for failure in result.failures:
        click.echo(f"failed: {failure}", err=True)
    click.echo(summary(result))
    if result.failures:
        sys.exit(1)
    return result


def stored_summary(result: Any, url: str) -> str:
    """The closing line of the commands that store articles."""
    return (f"stored {result.stored} articles, skipped {result.skipped} already stored, "
            f"{len(result.failures)} failed ({url})")
