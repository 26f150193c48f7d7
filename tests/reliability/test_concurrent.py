"""Two `flashpoint ingest` processes on one store at once: nothing lost, nothing doubled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from flashpoint.store.db import engine_url

from .test_crash import corpus

pytestmark = [pytest.mark.model, pytest.mark.e2e]


def test_two_writers(store_url: str, tmp_path: Path) -> None:
    first = corpus(tmp_path / "a.jsonl", 24)
    # The second corpus overlaps the first by half: both processes write those articles.
    lines = first.read_text().splitlines()
    second = tmp_path / "b.jsonl"
    second.write_text("\n".join(lines[12:] + [line.replace("crash.test/", "crash.test/b") for line in lines[:12]]))
    runs = [
        subprocess.Popen([sys.executable, "-m", "flashpoint.cli", "ingest", str(path), "--db", store_url,
                          "--batch-size", "3", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for path in (first, second)
    ]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err.decode()
    engine = create_engine(engine_url(store_url))
    with engine.connect() as conn:
        total, distinct = conn.execute(text("SELECT count(*), count(DISTINCT url) FROM articles")).one()
        missing = conn.execute(text(
            "SELECT count(*) FROM articles a LEFT JOIN extractions x ON x.article_id = a.id WHERE x.article_id IS NULL"
        )).scalar()
    engine.dispose()
    assert (total, distinct, missing) == (36, 36, 0)
