"""Load check of the REST API: a server in a second process on loopback, driven by a bounded client.

    python scripts/load_api.py --synthetic 2000            # build a synthetic store of 2000 articles
    python scripts/load_api.py --db flashpoint.db          # or use an existing store (opened read-only-ish)
    python scripts/load_api.py --synthetic 500 --writes 200  # also POST reviews and check none is lost

It starts `flashpoint serve` on 127.0.0.1 with a free port, sends at most --requests requests per query
(and stops at --seconds overall), with --concurrency client threads, and prints requests/s, p50/p95
latency and errors for each of the main queries. It refuses any address but loopback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import loadcheck

TYPES = [("ASSAULT", "190", 4, -10.0), ("PROTEST", "141", 3, -6.5), ("ACCUSE", "112", 1, -2.0),
         ("CONSULT", "040", 1, 1.0), ("COERCE", "175", 4, -9.0), ("AGREE", "057", 1, 8.0)]


def synthetic_store(path: Path, articles: int, seed: int = 7) -> None:
    """A store of made-up articles, each with a few events, written through the real Store."""
    from flashpoint.ingest import make_article
    from flashpoint.store import open_store
    from flashpoint.types import Actor, Count, DocDate, Event, Evidence, Extraction, Place

    rng = random.Random(seed)
    store = open_store(str(path))
    batch: list[Extraction] = []
    start = dt.date(2023, 1, 1)
    for n in range(articles):
        day = start + dt.timedelta(days=rng.randrange(540))
        a, b = rng.sample(loadcheck.COUNTRIES, 2)
        text = (f"Report {n}. Forces of {a} and {b} were involved in an incident near the border on {day:%A}. "
                f"Officials of {a} said the situation was tense. Observers from {b} disagreed.")
        article = make_article(text, title=f"Synthetic report {n}: {a} and {b}", published=day.isoformat(),
                               source="synthetic")
        events = []
        for k in range(rng.randint(2, 6)):
            kind, cameo, quad, goldstein = rng.choice(TYPES)
            actor = Actor(a, 0, 3, name=f"{a} government", code=f"{a}GOV", country=a, sector="GOV")
            target = Actor(b, 0, 3, name=f"{b} military", code=f"{b}MIL", country=b, sector="MIL")
            place = Place("border", 0, 6, name=f"Border town {rng.randrange(30)}", lat=rng.uniform(-30, 50),
                          lon=rng.uniform(-10, 120), country_iso3=a, admin1="Region", precision=rng.choice([1, 2, 3]))
            events.append(Event(
                id=f"{article.id}-e{k}", event=kind, mode=None, cameo_code=cameo, quad_class=quad, goldstein=goldstein,
                evidence=Evidence(text[:60], 0, 60, {"trigger": ((10, 16),)}), actor=(actor,), recipient=(target,),
                date=(day - dt.timedelta(days=rng.randrange(3))).isoformat(), date_precision="day", event_loc=place,
                dead=Count(best=rng.randrange(10)) if kind == "ASSAULT" else None, confidence=round(rng.random(), 2),
            ))
        batch.append(Extraction(article, DocDate(day, "metadata", 1.0), events=tuple(events)))
        if len(batch) >= 200:
            store.write(batch)
            batch = []
    store.write(batch)
    store.close()


def drive(port: int, name: str, paths: list[str], count: int, concurrency: int, deadline: float,
          method: str = "GET", bodies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    def one(i: int) -> tuple[float, bool] | None:
        if time.monotonic() > deadline:
            return None
        body = bodies[i % len(bodies)] if bodies else None
        timed = loadcheck.timed_request(port, method, paths[i % len(paths)], body)
        return timed.seconds, 0 <= timed.status < 400

    outcomes, elapsed = loadcheck.run_requests(one, count, concurrency)
    done = [outcome for outcome in outcomes if outcome is not None]
    latencies = sorted(latency for latency, _ok in done)
    errors = sum(not ok for _latency, ok in done)
    return {"query": name, "requests": len(latencies), "errors": errors,
            "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
            "p95_ms": round((loadcheck.p95(latencies) if latencies else float("nan")) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="an existing store (it is copied first, so the check never changes it)")
    parser.add_argument("--synthetic", type=int, default=0, help="build a synthetic store of N articles")
    parser.add_argument("--writes", type=int, default=0, help="also POST this many reviews and check none is lost")
    args, count, concurrency, deadline = loadcheck.parse_bounded(
        parser, requests=200, requests_help="requests per query (at most 5000)", max_requests=5000, max_seconds=600)

    workdir = Path(tempfile.mkdtemp(prefix="flashpoint-load-"))
    db = workdir / "load.db"
    if args.db:
        shutil.copy(args.db, db)
    else:
        began = time.perf_counter()
        synthetic_store(db, args.synthetic or 1000)
        print(f"built a synthetic store of {args.synthetic or 1000} articles in {time.perf_counter() - began:.1f}s",
              file=sys.stderr)
    port = loadcheck.free_port()
    server = loadcheck.start_server(db, port)
    try:
        _status, body = loadcheck.request("127.0.0.1", port, "GET", "/api")
        counts = json.loads(body)["counts"]
        _, body = loadcheck.request("127.0.0.1", port, "GET", "/api/articles?limit=50")
        article_ids = [a["id"] for a in json.loads(body)["items"]] or ["none"]
        _, body = loadcheck.request("127.0.0.1", port, "GET", "/api/events?limit=200")
        event_ids = [e["id"] for e in json.loads(body)["items"]]
        queries: list[tuple[str, list[str]]] = [
            ("events page", [f"/api/events?limit=50&offset={i * 50}" for i in range(10)]),
            ("events filtered",
             [f"/api/events?country={c}&type=ASSAULT&since=2023-06-01" for c in loadcheck.COUNTRIES]),
            ("events by confidence", ["/api/events?sort=-confidence&limit=100"]),
            ("article view", [f"/api/articles/{i}" for i in article_ids]),
            ("articles list", ["/api/articles?limit=50"]),
            ("timeline", ["/api/timeline?interval=week"]),
            ("map points", ["/api/places/map?since=2024-01-01"]),
            ("actors", ["/api/actors"]),
            ("dashboard page", ["/events?type=ASSAULT"]),
        ]
        results = [drive(port, name, paths, count, concurrency, deadline) for name, paths in queries]
        if args.writes and event_ids:
            bodies = [{"action": "confirm", "reviewer": f"load-{i}"} for i in range(args.writes)]
            paths = [f"/api/events/{event_ids[i % len(event_ids)]}/review" for i in range(args.writes)]
            results.append(drive(port, "review writes", paths, args.writes, concurrency, deadline, "POST", bodies))
            _, body = loadcheck.request("127.0.0.1", port, "GET", "/api/reviews?limit=1")
            stored = json.loads(body)["total"]
            results[-1]["stored"] = stored
            results[-1]["lost"] = results[-1]["requests"] - results[-1]["errors"] - stored
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps({"counts": counts, "concurrency": concurrency, "results": results}, indent=2))
        return
    print(f"store: {counts}; {concurrency} client threads; server: one uvicorn process on 127.0.0.1")
    print(f"{'query':<22} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for r in results:
        extra = f"  stored {r['stored']}, lost {r['lost']}" if "stored" in r else ""
        cells = [str(r[k]) if r[k] is not None else "-" for k in ("requests", "errors", "rps", "p50_ms", "p95_ms")]
        print(f"{r['query']:<22} {cells[0]:>8} {cells[1]:>6} {cells[2]:>8} {cells[3]:>8} {cells[4]:>8}{extra}")


if __name__ == "__main__":
    main()
