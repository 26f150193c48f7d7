"""The interop commands over the CLI, and the notebook API (load / extract)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main


@pytest.fixture()
def db(store) -> str:
    return store.url.removeprefix("sqlite:///")


def test_export_command_writes_each_format(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt, name in (("gdelt", "e.tsv"), ("acled", "e.csv"), ("geojson", "e.geojson"), ("ucdp", "u.csv")):
        result = runner.invoke(main, ["export", "--format", fmt, "--db", db, "--output", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    header = (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(header) == 61
    assert next(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))["event_id_cnty"]
    result = runner.invoke(main, ["export", "--format", "plover", "--db", db, "--country", "AFG"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines and all("AFG" in json.dumps(r) for r in lines)
    result = runner.invoke(main, ["export", "--format", "parquet", "--db", db])
    assert result.exit_code == 2 and "FOLDER" in result.output


def test_gold_commands(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "gold.jsonl"
    assert runner.invoke(main, ["gold-export", "--db", db, "--output", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["reviewed"] is False for r in records)
    gsr = tmp_path / "gsr.jsonl"
    gsr.write_text(json.dumps({"id": "x1", "event": "ACCUSE", "text": "Ruritania accused Freedonia.",
                               "source": [{"code": "RUR", "sector": "GOV"}]}) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["gold-import", str(gsr), "--output", str(tmp_path / "g")])
    assert result.exit_code == 0 and "eval seed" in result.output
    assert (tmp_path / "g" / "gold.yaml").exists()


def test_feeds_and_urls_without_fetch_fail_clearly(tmp_path: Path) -> None:
    runner = CliRunner()
    urls = tmp_path / "urls.txt"
    urls.write_text("https://news.example/a\n", encoding="utf-8")
    db = str(tmp_path / "x.db")
    result = runner.invoke(main, ["import-urls", str(urls), "--db", db, "--quiet"])
    assert result.exit_code == 1 and "--fetch" in result.output
    result = runner.invoke(main, ["feeds", "https://news.example/feed.xml", "--db", db, "--quiet"])
    assert result.exit_code == 1 and "pass --fetch" in result.output


def test_load_gives_a_data_frame_or_rows(store) -> None:
    import flashpoint

    rows = flashpoint.api_python.rows(store, "events")
    assert len(rows) == 4 and {"id", "event", "cameo_code", "lat", "lon", "day"} <= set(rows[0])
    pandas = pytest.importorskip("pandas")
    frame = flashpoint.load(store, "events", country="AFG", event_type="ASSAULT")
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 1 and frame.iloc[0]["loc_name"] == "Kabul"
    assert isinstance(flashpoint.load(store, "articles"), pandas.DataFrame)


def test_load_without_pandas_warns_and_returns_dicts(store, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    import flashpoint

    real_import = builtins.__import__

    def no_pandas(name: str, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.warns(UserWarning, match="pandas is not installed"):
        data = flashpoint.load(store, "statements")
    assert data == []
    with pytest.raises(Exception, match="unknown table"):
        flashpoint.api_python.rows(store, "nope")
