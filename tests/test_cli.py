from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "samples"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["ingest", "articles", "show", "events", "statements", "eval"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Usage:" in out


@pytest.mark.model
def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Envoys of the two countries met in Doha on Monday.", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "Troops withdrew from the town."}\nnot json\n', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x00\x00")
    db = str(tmp_path / "f.db")
    code, out, err = run("ingest", str(tmp_path), "--db", db, "--quiet")
    assert code == 1
    assert "stored 2 articles" in out
    assert "bad.jsonl, line 2" in err and "binary.txt" in err
    code, out, _ = run("articles", "--db", db, "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2


def test_missing_file_exits_nonzero(tmp_path: Path) -> None:
    code, _, err = run("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "f.db"), "--quiet")
    assert code == 1 and "no such file" in err


def test_show_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("show", "ffff", "--db", str(tmp_path / "f.db"))
    assert code == 2 and "no article with id 'ffff'" in err


@pytest.mark.model
@pytest.mark.e2e
def test_seed_ingests_and_shows(tmp_path: Path, seed_text: str) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    db = str(tmp_path / "f.db")
    assert run("ingest", str(seed), "--db", db, "--quiet")[0] == 0
    code, out, _ = run("articles", "--db", db, "--format", "json")
    article_id = json.loads(out)[0]["id"]
    code, out, _ = run("show", article_id[:8], "--db", db)
    assert code == 0
    assert "[dateline]" in out and "[post]" in out
    assert "'Khawaja Asif'" in out


@pytest.mark.model
@pytest.mark.e2e
def test_sample_corpus_twice_stores_nothing_twice(tmp_path: Path) -> None:
    if not any(SAMPLES.glob("*.txt")):
        pytest.skip("sample corpus not present")
    db = str(tmp_path / "f.db")
    code, first, err = run("ingest", str(SAMPLES), "--db", db, "--quiet")
    assert code == 0, err
    code, second, _ = run("ingest", str(SAMPLES), "--db", db, "--quiet")
    assert code == 0 and "stored 0 articles" in second
    from flashpoint.store import open_store

    store = open_store(db)
    stored = store.count("articles")
    assert stored >= 8 and f"stored {stored} articles" in first
    events = store.count("events")
    code, _, _ = run("ingest", str(SAMPLES), "--db", db, "--quiet", "--force")
    assert store.count("articles") == stored and store.count("events") == events
    for fmt in ("json", "csv", "table"):
        assert run("events", "--db", db, "--format", fmt)[0] == 0


def test_table_cells_stay_on_one_line() -> None:
    from flashpoint.cli import TABLE_TEXT, _short_cell

    assert _short_cell("45b2a9543ce5f926", "article_id") == "45b2a9543ce5"
    long = "word " * 60
    cut = _short_cell(long, "evidence.sentence")
    assert len(cut) == TABLE_TEXT and cut.endswith("\u2026")
    assert _short_cell("ASSAULT", "event") == "ASSAULT"


def test_counts_read_as_figures_in_tables_and_csv() -> None:
    from flashpoint.cli import _cell

    assert _cell({"best": 33, "low": 33, "high": 33, "of": "recipient", "text": "33"}) == "33"
    assert _cell({"best": None, "low": 24, "high": 99, "of": "recipient", "text": "dozens"}) == "24-99"
    assert _cell({"best": None, "low": 401, "high": None, "of": "recipient", "text": "400"}) == "401+"
