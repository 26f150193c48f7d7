from __future__ import annotations

from collections.abc import Callable

from flashpoint.analysis import clusters, hotspots, network
from flashpoint.store.db import Store


def test_network_and_hotspots(store: Store, write: Callable[..., str]) -> None:
    write([{"date": "2023-01-02", "dead": 5}, {"date": "2023-01-20", "admin1": "Balochistan", "dead": 2},
           {"kind": "AGREE", "actor_code": "PAKGOV", "recipient_code": "AFGGOV", "date": "2023-01-05",
            "admin1": None}])
    write([{"date": "2023-01-02", "dead": 7}])  # the same clash, another outlet
    write([{"date": "2022-12-20", "admin1": "Balochistan"}])
    clusters.build(store)
    graph = network.network(store)
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("PAKMIL", "PAKREB")]["events"] == 3 and edges[("PAKMIL", "PAKREB")]["conflict"] == 3
    assert edges[("PAKGOV", "AFGGOV")]["cooperation"] == 1
    assert graph["nodes"][0]["id"] in {"PAKMIL", "PAKREB"} and graph["nodes"][0]["degree"] == 1
    assert {(e["source"], e["target"]) for e in network.network(store, by="country")["edges"]} == {
        ("PAK", "PAK"), ("PAK", "AFG")}
    rows = hotspots.hotspots(store, since="2023-01-01", until="2023-01-31")
    assert [(r["admin1"], r["conflict"], r["dead"], r["conflict_before"]) for r in rows] == [
        ("Khyber Pakhtunkhwa", 1, 5, 0), ("Balochistan", 1, 2, 1)]
