"""Benchmark the analysis queries on a large SQLite store.

    python scripts/bench_analysis.py [--events 1000000] [--db /tmp/bench.db] [--cluster-sample 50000]

Generates N synthetic events (10 years, ~60 countries with skewed activity, PAK->AFG a busy dyad)
straight into the events table with one real event (cluster) each, then times the queries the CLI
runs: a dyad's weekly and monthly series, the tension line with its alerts, the all-dyad alert scan
and the busiest-dyads list (after building the dyad_parts rollup). With --cluster-sample it also times clustering (clusters.build) on a
separate store of that many reports, each real event reported one to three times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from flashpoint.analysis import alerts, clusters, rollup, series, tension
from flashpoint.store import open_store

TYPES = [("ASSAULT", 4, -10.0, "190"), ("COERCE", 4, -7.0, "170"), ("PROTEST", 3, -6.5, "140"),
         ("ACCUSE", 3, -2.0, "112"), ("THREATEN", 3, -4.4, "130"), ("REJECT", 3, -4.0, "120"),
         ("CONSULT", 1, 1.0, "040"), ("AGREE", 1, 3.0, "030"), ("AID", 2, 7.0, "070"), ("COOPERATE", 2, 6.0, "060")]
TYPE_WEIGHTS = [0.25, 0.1, 0.08, 0.15, 0.05, 0.05, 0.12, 0.08, 0.06, 0.06]
SECTORS = ["GOV", "MIL", "COP", "REB", "CVL", "OPP"]
COUNTRIES = ["PAK", "AFG", "IND", "IRN", "USA", "CHN", "RUS", "UKR", "ISR", "PSE", "SYR", "IRQ", "YEM", "SAU", "TUR",
             "EGY", "LBY", "SDN", "SSD", "ETH", "SOM", "KEN", "NGA", "MLI", "BFA", "NER", "COD", "CAF", "MOZ", "ZAF",
             "MMR", "BGD", "LKA", "NPL", "THA", "PHL", "IDN", "MYS", "KOR", "PRK", "JPN", "TWN", "VNM", "GBR", "FRA",
             "DEU", "POL", "BLR", "GEO", "ARM", "AZE", "KAZ", "UZB", "TJK", "KGZ", "TKM", "COL", "VEN", "MEX", "BRA"]
START = dt.date(2015, 1, 1)
DAYS = 3652


def synthetic(n: int, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, len(COUNTRIES) + 1) ** 1.1
    weights /= weights.sum()
    actor = rng.choice(len(COUNTRIES), size=n, p=weights)
    same = rng.random(n) < 0.45  # much conflict is domestic
    recipient = np.where(same, actor, rng.choice(len(COUNTRIES), size=n, p=weights))
    busy = rng.random(n) < 0.03  # PAK -> AFG
    actor[busy], recipient[busy] = 0, 1
    kind = rng.choice(len(TYPES), size=n, p=TYPE_WEIGHTS)
    day = rng.integers(0, DAYS, size=n)
    dead = np.where(kind == 0, rng.poisson(1.5, size=n), -1)
    return {"actor": actor, "recipient": recipient, "kind": kind, "day": day, "dead": dead,
            "asector": rng.integers(0, len(SECTORS), size=n), "rsector": rng.integers(0, len(SECTORS), size=n)}


def generate(path: str, n: int) -> None:
    open_store(path).close()  # the schema and its indexes
    data = synthetic(n)
    dates = [START + dt.timedelta(days=d) for d in range(DAYS)]
    days = [d.isoformat() for d in dates]
    weeks = [(d - dt.timedelta(days=d.weekday())).isoformat() for d in dates]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    # Bulk load without indexes, then build them once: far faster than maintaining them row by row.
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           "AND tbl_name IN ('events', 'clusters', 'cluster_members')").fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    per_article = 4
    conn.executemany(
        "INSERT INTO articles (id, text, source, published, ingested_at, coder_version) VALUES (?, ?, ?, ?, ?, ?)",
        ((f"a{i:09d}", "synthetic", f"outlet{i % 97}", days[int(data["day"][i * per_article])], now, "bench")
         for i in range((n + per_article - 1) // per_article)))
    event_rows, cluster_rows = [], []
    for i in range(n):
        event, quad, goldstein, cameo = TYPES[int(data["kind"][i])]
        a, r = COUNTRIES[int(data["actor"][i])], COUNTRIES[int(data["recipient"][i])]
        asec, rsec = SECTORS[int(data["asector"][i])], SECTORS[int(data["rsector"][i])]
        day = days[int(data["day"][i])]
        dead = int(data["dead"][i]) if data["dead"][i] >= 0 else None
        eid, cid = f"a{i // per_article:09d}-e{i % per_article}", f"c{i:016x}"
        event_rows.append((eid, f"a{i // per_article:09d}", event, cameo, quad, goldstein, "asserted", 0, day, day,
                           "day", a + asec, a, asec, r + rsec, r, rsec, a, f"{a}-{i % 12:02d}", dead, 0.8, cid,
                           "bench", "{}"))
        cluster_rows.append((cid, eid, event, event, quad, goldstein, day, weeks[int(data["day"][i])], "day", a + asec, a, asec, r + rsec, r, rsec,
                             a, f"{a}-{i % 12:02d}", 1, 1, 1, dead, dead, dead, 1, now))
        if len(event_rows) >= 100_000 or i == n - 1:
            conn.executemany(
                "INSERT INTO events (id, article_id, event, cameo_code, quad_class, goldstein, modality, aggregate, "
                "date, day, date_precision, actor_code, actor_country, actor_sector, recipient_code, "
                "recipient_country, recipient_sector, loc_country, loc_admin1, dead, confidence, cluster_id, "
                "coder_version, record) VALUES (" + ",".join("?" * 24) + ")", event_rows)
            conn.executemany(
                "INSERT INTO clusters (id, primary_event_id, event, family, quad_class, goldstein, day, week, date_precision, "
                "actor_code, actor_country, actor_sector, recipient_code, recipient_country, recipient_sector, "
                "loc_country, loc_admin1, mentions, articles, sources, dead, dead_low, dead_high, counted, built_at) "
                "VALUES (" + ",".join("?" * 25) + ")", cluster_rows)
            conn.executemany("INSERT INTO cluster_members VALUES (?, ?, ?, 1, 0)",
                             [(row[1], row[0], row[1].split("-")[0]) for row in cluster_rows])
            event_rows, cluster_rows = [], []
    conn.commit()
    for _, sql in indexes:
        conn.execute(sql)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def timed(label: str, func, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    runs = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        runs.append(time.perf_counter() - start)
    size = len(result) if hasattr(result, "__len__") else result
    print(f"{label:<52} first {runs[0]:6.3f} s   median {statistics.median(runs):6.3f} s   ({size} rows)")
    return statistics.median(runs)


def cluster_sample(path: str, n: int) -> None:
    """Clustering throughput: n reports of n/2 real events through clusters.build."""
    if os.path.exists(path):
        os.remove(path)
    store = open_store(path)
    rng = np.random.default_rng(11)
    conn = sqlite3.connect(path)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows, articles = [], []
    real = synthetic(n // 2, seed=3)
    i = 0
    while len(rows) < n:
        k = i % len(real["day"])
        event, quad, goldstein, cameo = TYPES[int(real["kind"][k])]
        a, r = COUNTRIES[int(real["actor"][k])], COUNTRIES[int(real["recipient"][k])]
        day = (START + dt.timedelta(days=int(real["day"][k]) + int(rng.integers(0, 2)))).isoformat()
        article = f"s{i:09d}"
        articles.append((article, "synthetic", f"outlet{i % 31}", day, now, "bench"))
        record = json.dumps({"id": f"{article}-e1", "modality": "asserted", "mentions": []})
        rows.append((f"{article}-e1", article, event, cameo, quad, goldstein, "asserted", 0, day, day, "day",
                     a + SECTORS[k % 6], a, SECTORS[k % 6], r + "GOV", r, "GOV", a, f"{a}-{k % 12:02d}", None, 0.8,
                     "bench", record))
        i += 1
    conn.executemany("INSERT INTO articles (id, text, source, published, ingested_at, coder_version) "
                     "VALUES (?, ?, ?, ?, ?, ?)", articles)
    conn.executemany(
        "INSERT INTO events (id, article_id, event, cameo_code, quad_class, goldstein, modality, aggregate, date, day, "
        "date_precision, actor_code, actor_country, actor_sector, recipient_code, recipient_country, "
        "recipient_sector, loc_country, loc_admin1, dead, confidence, coder_version, record) VALUES ("
        + ",".join("?" * 23) + ")", rows)
    conn.commit()
    conn.close()
    start = time.perf_counter()
    stats = clusters.build(store)
    took = time.perf_counter() - start
    print(f"clusters.build on {n} reports: {took:.1f} s ({n / took:,.0f} reports/s), "
          f"{stats['clusters']} clusters, {stats['merged']} with more than one report")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/flashpoint-bench.db")
    parser.add_argument("--reuse", action="store_true", help="Keep an existing bench store of the same size.")
    parser.add_argument("--cluster-sample", type=int, default=0, help="Also time clustering of this many reports.")
    args = parser.parse_args()
    path = args.db
    if not (args.reuse and Path(path).exists()):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        start = time.perf_counter()
        generate(path, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - start:.1f} s -> {path} "
              f"({os.path.getsize(path) / 1e6:.0f} MB)")
    store = open_store(path)
    print(f"events {store.count('events'):,}   clusters {store.count('clusters'):,}")
    if not rollup.ready(store):  # generate() writes clusters directly; a real build keeps the rollup current
        start = time.perf_counter()
        rollup.rebuild(store)
        print(f"rollup dyad_parts rebuilt in {time.perf_counter() - start:.1f} s ({store.count('dyad_parts'):,} rows)")
    start = time.perf_counter()
    with store.engine.begin() as conn:
        parts = rollup.refresh_days(conn, [(START + dt.timedelta(days=d)).isoformat() for d in range(3000, 3010)])
    print(f"rollup refresh after an ingest touching 10 days: {time.perf_counter() - start:.3f} s ({parts} parts)")
    results = {
        "dyad series PAK->AFG weekly, 10 years": timed(
            "dyad series PAK->AFG weekly, 10 years", lambda: series.dyad_series(store, "PAK", "AFG", freq="week")),
        "dyad series PAK<->AFG monthly, normalised": timed(
            "dyad series PAK<->AFG monthly, normalised", lambda: series.dyad_series(
                store, "PAK", "AFG", freq="month", undirected=True, normalised=True)),
        "dyad series MIL->REB by sector, 2024, daily": timed(
            "dyad series MIL->REB by sector, 2024, daily", lambda: series.dyad_series(
                store, "MIL", "REB", by="sector", freq="day", since="2024-01-01")),
        "tension PAK->AFG with every week's alerts": timed(
            "tension PAK->AFG with every week's alerts", lambda: tension.tension(store, "PAK", "AFG")["series"]),
        "alerts, all dyads, latest week": timed(
            "alerts, all dyads, latest week", lambda: alerts.alerts(store)),
        "busiest dyads, 10 years": timed("busiest dyads, 10 years", lambda: series.dyads(store)),
    }
    slow = [name for name, took in results.items() if took >= 1.0]
    print("all under 1 s" if not slow else f"over 1 s: {', '.join(slow)}")
    if args.cluster_sample:
        cluster_sample(path + ".clusters", args.cluster_sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
