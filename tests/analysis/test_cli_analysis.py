from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.store.db import Store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["clusters", "dyads", "tension", "alerts", "network", "hotspots"])
def test_every_analysis_command_has_help(command: str) -> None:
    code, out = run(command, "--help")
    assert code == 0 and "--format" in out


def test_commands_over_a_small_store(store: Store, write: Callable[..., str], tmp_path: Path) -> None:
    clash = {"actor_code": "PAKMIL", "recipient_code": "AFGMIL"}
    write([{**clash, "date": "2023-01-02", "dead": 3}])
    write([{**clash, "date": "2023-01-02", "dead": 5}])
    write([{**clash, "date": "2023-01-16"}])
    db = store.url.removeprefix("sqlite:///")
    code, out = run("clusters", "--db", db, "--format", "json")  # clusters are built on demand
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2 and rows[0]["articles"] == 2 and len(rows[0]["members"]) == 2
    code, out = run("dyads", "PAK", "AFG", "--db", db, "--format", "csv")
    assert code == 0 and out.splitlines()[1].startswith("2023-01-02,PAK,AFG,1,")
    assert len(out.splitlines()) == 4  # header and three weeks, the empty one included
    chart = tmp_path / "t.svg"
    code, out = run("tension", "pak", "afg", "--db", db, "--plot", str(chart))
    assert code == 0 and chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    code, out = run("alerts", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out = run("network", "--db", db, "--format", "csv", "--plot", str(tmp_path / "n.png"))
    assert code == 0 and "PAKMIL,AFGMIL,2,2,0" in out and (tmp_path / "n.png").stat().st_size > 1000
    code, out = run("hotspots", "--db", db, "--format", "csv")
    assert code == 0 and "PAK,Khyber Pakhtunkhwa,2,2,3" in out
    code, out = run("dyads", "PAK", "AFG", "--db", db, "--plot", str(tmp_path / "x.pdf"))
    assert code == 2 and ".png or .svg" in out
