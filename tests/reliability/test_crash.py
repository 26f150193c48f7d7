"""kill -9 a long ingest and a long batch midway; the rerun completes and nothing is lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.e2e]

SENTENCES = [
    "Soldiers clashed with militants near the border town of {town} on {day}, officials said.",
    "The foreign minister met her counterpart in {town} to discuss the ceasefire on {day}.",
    "Police arrested {n} protesters in {town} after a rally against fuel prices on {day}.",
]
TOWNS = ["Quetta", "Peshawar", "Herat", "Kandahar", "Lahore", "Jalalabad"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus(path: Path, size: int) -> Path:
    lines = []
    for number in range(size):
        text = " ".join(
            s.format(town=TOWNS[(number + i) % len(TOWNS)], day=DAYS[(number * 3 + i) % len(DAYS)], n=number + i)
            for i, s in enumerate(SENTENCES)
        )
        lines.append(json.dumps({"text": f"Report {number}. {text}", "url": f"https://crash.test/{number}",
                                 "published": "2024-05-10"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def flashpoint(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "flashpoint.cli", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for(condition, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the run to make progress")


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_kill_ingest_midway_then_rerun(tmp_path: Path) -> None:
    source = corpus(tmp_path / "c.jsonl", 48)
    db = tmp_path / "f.db"
    process = flashpoint("ingest", str(source), "--db", str(db), "--batch-size", "4", "--quiet")
    wait_for(lambda: stored(db) >= 8)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        complete = conn.execute(
            "SELECT count(*) FROM articles a JOIN extractions x ON x.article_id = a.id").fetchone()[0]
        assert 8 <= articles < 48 and complete == articles  # whole batches only, no half-written article
        assert articles % 4 == 0
    rerun = flashpoint("ingest", str(source), "--db", str(db), "--batch-size", "4", "--quiet")
    assert rerun.wait(timeout=300) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (48, 48)
        orphans = conn.execute(
            "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE a.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0


def test_kill_batch_midway_then_rerun(tmp_path: Path) -> None:
    source = corpus(tmp_path / "c.jsonl", 40)
    out = tmp_path / "out"
    process = flashpoint("batch", str(source), "--output", str(out), "--workers", "1", "--chunk-size", "5",
                         "--quiet")
    wait_for(lambda: (out / "_done").exists() and len(list((out / "_done").iterdir())) >= 2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list((out / "_done").iterdir()))
    assert done_before < 8
    rerun = flashpoint("batch", str(source), "--output", str(out), "--workers", "1", "--chunk-size", "5", "--quiet")
    assert rerun.wait(timeout=300) == 0
    import pyarrow.parquet as pq

    ids = [row["id"] for f in sorted((out / "articles").glob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    assert len(ids) == 40 and len(set(ids)) == 40
