from __future__ import annotations

from collections.abc import Callable

from flashpoint.analysis import clusters, series
from flashpoint.store.db import Store


def test_dyad_series_counts_real_events_once(store: Store, write: Callable[..., str]) -> None:
    pak_afg = {"actor_code": "PAKMIL", "recipient_code": "AFGMIL", "admin1": None}
    write([{**pak_afg, "date": "2023-01-02"}, {**pak_afg, "kind": "ACCUSE", "date": "2023-01-04"}])
    write([{**pak_afg, "date": "2023-01-02"}])  # a second outlet's report of the Monday clash
    write([{**pak_afg, "kind": "AGREE", "date": "2023-01-12"}])
    write([{"actor_code": "AFGGOV", "recipient_code": "PAKGOV", "kind": "ACCUSE", "date": "2023-01-03",
            "admin1": None}])
    clusters.build(store)
    rows = series.dyad_series(store, "PAK", "AFG", freq="week")
    assert [(r["period"], r["events"], r["q1"], r["q3"], r["q4"]) for r in rows] == [
        ("2023-01-02", 2, 0, 1, 1), ("2023-01-09", 1, 1, 0, 0)]
    first = rows[0]
    assert first["goldstein_sum"] == -12.0 and first["goldstein_mean"] == -6.0
    assert first["tension"] == 12.0 and rows[1]["tension"] == -4.0
    both = series.dyad_series(store, "PAK", "AFG", freq="month", undirected=True, normalised=True)
    assert [(r["period"], r["events"]) for r in both] == [("2023-01-01", 4)]
    assert both[0]["events_per_1k"] == 1000.0 and both[0]["all_events"] == 4
    sectors = series.dyad_series(store, "MIL", "MIL", by="sector", freq="day")
    assert sum(r["events"] for r in sectors) == 3
    days = series.dyad_series(store, "PAK", "AFG", freq="day", since="2023-01-01", until="2023-01-05")
    assert len(days) == 5 and sum(r["events"] for r in days) == 2  # gaps filled with zero rows
    top = series.dyads(store)
    assert (top[0]["actor"], top[0]["recipient"], top[0]["events"]) == ("PAK", "AFG", 3)
