"""What every scorer returns, and the arithmetic they share.

Each task lives in its own module ``flashpoint.eval.<task>`` exposing
``evaluate(path: str, *, limit: int | None = None) -> Report``. The CLI (`flashpoint eval TASK
PATH`) looks the module up in ``TASKS`` below, prints ``Report.table()`` and writes
``Report.to_dict()`` as JSON with ``--report``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import EvalError

# task name on the command line -> module under flashpoint.eval
TASKS = {
    "time": "flashpoint.eval.time",
    "places": "flashpoint.eval.places",
    "quotes": "flashpoint.eval.quotes",
    "events-sentences": "flashpoint.eval.events_sentences",
    "events-docs": "flashpoint.eval.events_docs",
    "seed": "flashpoint.eval.seed",
}


@dataclass
class PRF:
    """Counts for precision / recall / F1."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, tp: float = 0, fp: float = 0, fn: float = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def scores(self) -> dict[str, float]:
        return {
            "P": round(self.precision, 4),
            "R": round(self.recall, 4),
            "F1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def read_jsonl(path: str | Path, *, expect: str, limit: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-blank line of a JSON Lines gold file, at most ``limit`` records.

    Every gold reader reads its file through this. ``expect`` says what one line should hold; an
    EvalError names the file, the line and that expectation when the file cannot be opened, is not
    UTF-8, or a line is not one JSON object. Checking the record's fields is the caller's work.
    """
    path = Path(path)
    try:
        handle = path.open("rb")  # decoded line by line, so a bad byte is reported on its own line
    except OSError as exc:
        raise EvalError(f"{path}: cannot open the gold file ({exc}); give a JSON Lines file of {expect}") from exc
    count = number = 0
    with handle:
        while limit is None or count < limit:
            raw = handle.readline()
            if not raw:
                return
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise EvalError(f"{path}, line {number + 1}: not UTF-8 ({exc.reason}); save the file as UTF-8") from exc
            number += 1
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise EvalError(f"{path}, line {number}: not JSON ({exc}); each line must be {expect}") from exc
            if not isinstance(row, dict):
                raise EvalError(f"{path}, line {number}: a JSON {type(row).__name__}, not an object; "
                                f"each line must be {expect}")
            count += 1
            yield number, row


@dataclass
class Report:
    task: str
    dataset: str
    documents: int
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # row name -> metric -> value
    errors: list[dict[str, Any]] = field(default_factory=list)  # the worst errors, most useful first
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "dataset": self.dataset,
            "documents": self.documents,
            "scores": self.scores,
            "errors": self.errors,
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)

    def table(self, max_errors: int = 15) -> str:
        metrics: list[str] = []
        for row in self.scores.values():
            for key in row:
                if key not in metrics:
                    metrics.append(key)
        width = max([len(name) for name in self.scores] + [8])
        lines = [f"{self.task} on {self.dataset} ({self.documents} documents)"]
        lines.append(" ".join([" " * width] + [f"{m:>9}" for m in metrics]))
        for name, row in self.scores.items():
            cells = []
            for m in metrics:
                value = row.get(m)
                if value is None:
                    cells.append(f"{'':>9}")
                elif isinstance(value, float) and not value.is_integer():
                    cells.append(f"{value:>9.3f}")
                else:
                    cells.append(f"{int(value):>9d}" if float(value).is_integer() else f"{value:>9}")
            lines.append(" ".join([name.ljust(width)] + cells))
        for note in self.notes:
            lines.append(f"note: {note}")
        if self.errors:
            lines.append(f"worst errors ({min(max_errors, len(self.errors))} of {len(self.errors)}):")
            for error in self.errors[:max_errors]:
                lines.append("  - " + json.dumps(error, ensure_ascii=False)[:300])
        return "\n".join(lines)
