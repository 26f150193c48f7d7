"""The shared JSON Lines gold reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, read_jsonl


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "gold.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_read_jsonl_numbers_lines_and_skips_blanks(tmp_path: Path) -> None:
    path = write(tmp_path, '{"a": 1}\n\n  \n{"a": 2}\n{"a": 3}')
    assert list(read_jsonl(path, expect="x")) == [(1, {"a": 1}), (4, {"a": 2}), (5, {"a": 3})]
    assert [n for n, _ in read_jsonl(path, expect="x", limit=2)] == [1, 4]
    assert list(read_jsonl(path, expect="x", limit=0)) == []


@pytest.mark.parametrize("content, message", [
    ('{"a": 1}\n{"a": \n', "line 2: not JSON"),
    ('{"a": 1}\n[1, 2]\n', "line 2: a JSON list, not an object; each line must be a thing"),
    (b'{"a": 1}\n{"a": "\xff"}\n', "line 2: not UTF-8"),
])
def test_read_jsonl_names_file_line_and_expectation(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(EvalError, match=message) as caught:
        list(read_jsonl(path, expect="a thing"))
    assert str(path) in str(caught.value)


def test_read_jsonl_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="cannot open.*JSON Lines file of a thing"):
        list(read_jsonl(tmp_path / "none.jsonl", expect="a thing"))


def test_prf_arithmetic() -> None:
    prf = PRF()
    prf.add(tp=2, fp=2, fn=0)
    assert (prf.precision, prf.recall, round(prf.f1, 4)) == (0.5, 1.0, 0.6667)
    assert PRF().scores()["F1"] == 0.0
