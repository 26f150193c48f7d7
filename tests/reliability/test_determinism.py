"""Determinism: the same articles processed in two fresh processes with different hash seeds give
identical records and ids (no dependence on set or dict iteration order of strings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "flashpoint" / "samples"

SCRIPT = r"""
import dataclasses, json, sys
from pathlib import Path
from flashpoint.ingest.readers import read_paths, Failure
from flashpoint.pipeline import process

articles = [a for a in read_paths(sys.argv[1:]) if not isinstance(a, Failure)]
out = []
for ex in process(articles):
    out.append({
        "article": ex.article.id,
        "times": [dataclasses.asdict(t) for t in ex.times],
        "places": [dataclasses.asdict(p) for p in ex.places],
        "actors": [dataclasses.asdict(a) for a in ex.actors],
        "statements": [dataclasses.asdict(s) for s in ex.statements],
        "events": [dataclasses.asdict(e) for e in ex.events],
    })
print(json.dumps(out, default=str, sort_keys=True))
"""


def _run(seed: str, paths: list[str]) -> list[dict]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *paths], env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.model
@pytest.mark.e2e
def test_two_processes_with_different_hash_seeds_agree() -> None:
    paths = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))[:4]
    first, second = _run("1", paths), _run("4242", paths)
    assert [r["article"] for r in first] == [r["article"] for r in second]
    assert sum(len(r["events"]) + len(r["statements"]) for r in first) > 0
    for a, b in zip(first, second, strict=True):
        for key in ("times", "places", "actors", "statements", "events"):
            assert a[key] == b[key], f"{a['article']}: {key} differ between hash seeds"
