"""The helpers the load-check scripts share (scripts/loadcheck.py), without a server."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "loadcheck.py"


@pytest.fixture(scope="module")
def loadcheck():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("loadcheck", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_p95_takes_the_rank_below(loadcheck) -> None:  # type: ignore[no-untyped-def]
    assert loadcheck.p95([0.5]) == 0.5
    assert loadcheck.p95([float(n) for n in range(1, 21)]) == 19.0
    assert loadcheck.p95([float(n) for n in range(1, 101)]) == 95.0


def test_run_requests_keeps_the_order(loadcheck) -> None:  # type: ignore[no-untyped-def]
    results, elapsed = loadcheck.run_requests(lambda i: i * i, 7, 3)
    assert results == [0, 1, 4, 9, 16, 25, 36] and elapsed >= 0


def test_a_refused_connection_is_status_minus_one(loadcheck) -> None:  # type: ignore[no-untyped-def]
    timed = loadcheck.timed_request(loadcheck.free_port(), "GET", "/api/health")
    assert timed.status == -1 and timed.detail and timed.seconds >= 0


def test_bounds_are_capped(loadcheck, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "argv", ["x", "--requests", "99999", "--concurrency", "0", "--seconds", "5", "--json"])
    args, count, concurrency, deadline = loadcheck.parse_bounded(
        argparse.ArgumentParser(), requests=10, requests_help="n", max_requests=500, max_seconds=60)
    assert (count, concurrency, args.json) == (500, 1, True) and deadline <= time.monotonic() + 5
    monkeypatch.setattr(sys, "argv", ["x", "--concurrency", "99"])
    _, count, concurrency, _ = loadcheck.parse_bounded(
        argparse.ArgumentParser(), requests=10, requests_help="n", max_requests=500, max_seconds=60)
    assert (count, concurrency) == (10, 32)
