from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import click
import pytest
from click.testing import CliRunner

from flashpoint.cli_common import run_reported, stored_summary


@dataclass
class Result:
    stored: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)
    progress: list[int] = field(default_factory=list)


def command(failures: list[str], *, quiet: bool, spinner: bool) -> click.Command:
    seen: dict[str, Any] = {}

    @click.command()
    def run() -> None:
        def job(on_progress: Any) -> Result:
            result = Result(stored=3, skipped=1, failures=failures)
            for n in (2, 1):
                on_progress(n)
                result.progress.append(n)
            return result

        seen["result"] = run_reported("items", job, lambda r: stored_summary(r, "sqlite:///x.db"),
                                      quiet=quiet, spinner=spinner)

    run.seen = seen  # type: ignore[attr-defined]
    return run


@pytest.mark.parametrize("quiet", [True, False])
@pytest.mark.parametrize("spinner", [True, False])
def test_clean_run_prints_the_summary_and_exits_0(quiet: bool, spinner: bool) -> None:
    cmd = command([], quiet=quiet, spinner=spinner)
    result = CliRunner().invoke(cmd, [])
    assert result.exit_code == 0, result.output
    summary = "stored 3 articles, skipped 1 already stored, 0 failed (sqlite:///x.db)\n"
    # a visible bar leaves a blank line behind when the output is not a terminal
    assert result.stdout == summary if quiet else result.stdout.lstrip("\n") == summary
    assert result.stderr == ""
    assert cmd.seen["result"].progress == [2, 1]  # type: ignore[attr-defined]


def test_failures_go_to_stderr_and_exit_1() -> None:
    result = CliRunner().invoke(command(["a.txt: empty", "b.jsonl, line 2: not JSON"], quiet=True,
                                        spinner=False), [])
    assert result.exit_code == 1
    assert result.stderr == "failed: a.txt: empty\nfailed: b.jsonl, line 2: not JSON\n"
    assert result.stdout == "stored 3 articles, skipped 1 already stored, 2 failed (sqlite:///x.db)\n"


def test_an_error_in_the_job_propagates() -> None:
    @click.command()
    def run() -> None:
        def job(on_progress: Any) -> Result:
            raise ValueError("boom")

        run_reported("items", job, str, quiet=True)

    result = CliRunner().invoke(run, [])
    assert isinstance(result.exception, ValueError)
