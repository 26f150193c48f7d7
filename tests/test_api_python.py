"""The notebook API: the docs example runs, and extract() returns schema-valid records."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs" / "interop.md"


def _first_python_block() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "docs/interop.md has no python example"
    return blocks[0]


@pytest.mark.model
def test_docs_example_runs_and_extract_returns_valid_records() -> None:
    from flashpoint.schema import validator

    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_first_python_block(), str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    result = namespace["result"]
    assert printed.getvalue().startswith("2023-01-03")
    assert set(result) >= {"article", "document_date", "events", "statements", "places", "actors", "times"}
    assert result["events"] and result["statements"]
    for event in result["events"]:
        validator("event").validate(event)
    for statement in result["statements"]:
        validator("statement").validate(statement)
    assert any(p["resolved_place"] == "Bannu" for p in result["places"])


def test_docs_example_is_present_and_uses_the_public_names() -> None:
    import flashpoint

    code = _first_python_block()
    assert "flashpoint.extract(" in code
    from flashpoint.extract import time as time_stage  # the stage package still imports as before

    assert callable(flashpoint.extract) and hasattr(time_stage, "times")
    assert {"extract", "load", "to_polars"} <= set(flashpoint.__all__)
