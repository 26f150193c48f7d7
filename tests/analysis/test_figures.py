from __future__ import annotations

from collections.abc import Callable

from flashpoint.analysis import clusters, figures
from flashpoint.store.db import Store


def test_conflicting_figures_are_all_kept_and_reconciled(store: Store, write: Callable[..., str]) -> None:
    # One siege, four claimants, four death tolls (the Bannu pattern: 33, 25, 10 and 6).
    for dead, claimant, source in [(33, "PAKMIL", "ISPR wire"), (25, "PAKGOV", "Dawn"),
                                   (10, "PAKCOP", "Reuters"), (6, "PAKREB", "Khorasan Diary")]:
        write([{"date": "2022-12-20", "dead": dead, "claimed_by": claimant}], source=source)
    clusters.build(store)
    (row,) = clusters.list_clusters(store)
    claims = row["figures"]["claims"]
    assert sorted(c["best"] for c in claims) == [6, 10, 25, 33]
    assert {tuple(c["claimed_by"]) for c in claims} == {
        ("Pakistan Army",), ("Government of Pakistan",), ("Pakistani police",), ("Tehreek-e-Taliban Pakistan",)}
    dead = row["figures"]["reconciled"]["dead"]
    assert dead["value"] == 6 and (dead["low"], dead["high"]) == (6, 33) and dead["claims"] == 4
    assert dead["rule"] == "lowest credible figure"
    assert (row["dead"], row["dead_low"], row["dead_high"]) == (6, 6, 33)


def test_copies_and_denials_are_listed_but_do_not_move_the_value() -> None:
    def member(best: int | None, *, duplicate: bool = False, modality: str = "asserted",
               low: int | None = None) -> dict:
        record = {"id": f"e{best}{low}", "modality": modality,
                  "dead": {"best": best, "low": low, "high": None, "text": None}}
        return {"record": record, "article_id": "a", "source": "x", "duplicate": duplicate}

    items = figures.figures([member(12), member(3, duplicate=True), member(2, modality="denied"),
                             member(None, low=24)])
    assert len(items) == 4 and sum(f["credible"] for f in items) == 2
    result = figures.reconcile(items, "dead")
    # "dozens" counts by its low bound 24; the lowest credible is 12; the claimant is the outlet
    assert (result["value"], result["low"], result["high"]) == (12, 12, 24)
    assert result["claimants"] == ["x"]


def test_no_figures_no_value() -> None:
    assert figures.reconcile([], "dead")["value"] is None
