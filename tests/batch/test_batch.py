from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint import pipeline
from flashpoint.batch.rows import rows_of
from flashpoint.batch.runner import plan, run_batch
from flashpoint.ingest.readers import read_paths

TEXTS = [
    "Pakistani troops killed five militants in North Waziristan on Monday, the army said.",
    "The foreign ministers of India and China met in Beijing on Tuesday to discuss the border.",
    "Police in Nairobi fired tear gas at protesters on Wednesday, witnesses said.",
    "Russia launched drones at Kyiv overnight, Ukrainian officials said on Thursday.",
    "The UN Security Council condemned the attack on peacekeepers in Mali.",
    "Armed men abducted 20 students from a school in Kaduna state, police said.",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"text": t, "url": f"https://example.test/{i}", "published": f"2024-03-0{i + 1}"})
             for i, t in enumerate(TEXTS)]
    lines.append("{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_table(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for file in sorted(folder.rglob("*.parquet")):
        rows.extend(pq.read_table(file).to_pylist())
    return sorted(rows, key=lambda r: r["id"])


def in_process_rows(corpus: Path) -> dict[str, list[dict]]:
    articles = [a for a in read_paths([str(corpus)]) if hasattr(a, "text")]
    tables = rows_of(list(pipeline.process(articles)))
    return {name: sorted(rows, key=lambda r: r["id"]) for name, rows in tables.items()}


def test_plan_chunks_are_stable(corpus: Path) -> None:
    first, failures = plan([str(corpus)], chunk_size=4)
    second, _ = plan([str(corpus)], chunk_size=4)
    assert [c.id for c in first] == [c.id for c in second]
    assert [len(c.articles) for c in first] == [4, 2]
    assert len(failures) == 1 and failures[0].line == 7


@pytest.mark.model
def test_local_batch_matches_in_process_and_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch([str(corpus)], out, engine="local", workers=2, chunk_size=2)
    assert result.articles == 6 and result.chunks == 3 and len(result.failures) == 1
    expected = in_process_rows(corpus)
    assert read_table(out / "articles") == expected["articles"]
    assert read_table(out / "events") == expected["events"]
    import pyarrow.parquet as pq

    (error,) = pq.read_table(out / "errors" / "part-input.parquet").to_pylist()
    assert error["line"] == 7 and "not JSON" in error["message"]
    # A crash after two chunks: lose the third chunk's marker and files, rerun, get the same output.
    markers = sorted((out / "_done").iterdir())
    markers[-1].unlink()
    for part in out.rglob(f"part-{markers[-1].name}.parquet"):
        part.unlink()
    again = run_batch([str(corpus)], out, engine="local", workers=2, chunk_size=2)
    assert again.skipped_chunks == 2 and again.chunks == 1
    assert read_table(out / "articles") == expected["articles"]


@pytest.mark.model
def test_ray_local_matches_in_process(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    out = tmp_path / "ray"
    result = run_batch([str(corpus)], out, engine="ray", workers=2, chunk_size=3)
    assert result.articles == 6
    expected = in_process_rows(corpus)
    assert read_table(out / "articles") == expected["articles"]
    assert read_table(out / "events") == expected["events"]
