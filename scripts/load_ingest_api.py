"""Load check under write contention: the API is driven from this process on loopback WHILE a
`flashpoint ingest` of a synthetic corpus writes into the same SQLite store.

    python scripts/load_ingest_api.py                         # 60 articles, <= 5000 requests, 120 s cap
    python scripts/load_ingest_api.py --articles 200 --requests 2000 --seconds 300 --json

Three processes: the server (`flashpoint serve` on 127.0.0.1), the ingest (`flashpoint ingest`), and
this client. A first small ingest seeds events to review; the server then starts and the main ingest
runs while client threads (until it ends) send GETs (lists, filters, article views, timeline) and POST reviews. It
reports requests/s, p50/p95 latency and errors, and then checks that no write was lost: every
article of the corpus is in the store exactly once, and every acknowledged review is stored.
Bounded: at most --requests requests (<= 20000) and --seconds overall (<= 900).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadcheck

PLACES = {"PAK": "Peshawar", "AFG": "Kabul", "IND": "Srinagar", "KEN": "Nairobi", "SDN": "El Fasher",
          "UKR": "Kharkiv", "RUS": "Belgorod", "ISR": "Haifa", "IRN": "Tehran", "CHN": "Kashgar"}
NAMES = {"PAK": "Pakistani", "AFG": "Afghan", "IND": "Indian", "KEN": "Kenyan", "SDN": "Sudanese",
         "UKR": "Ukrainian", "RUS": "Russian", "ISR": "Israeli", "IRN": "Iranian", "CHN": "Chinese"}
VERBS = ["attacked", "shelled", "accused", "met", "condemned", "arrested", "threatened", "praised"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def corpus(folder: Path, articles: int, seed: int = 11) -> list[Path]:
    """Distinct made-up news reports as .txt files with a title line and a publication date."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(articles):
        a, b = rng.sample(loadcheck.COUNTRIES, 2)
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences = [
            (f"{NAMES[a]} troops {rng.choice(VERBS)} {NAMES[b]} forces near {PLACES[a]} on {rng.choice(WEEKDAYS)}, "
            f"officials said, in report number {n}."),
            f"\"We will respond to any aggression,\" a {NAMES[b]} spokesman told reporters in {PLACES[b]}.",
            f"At least {rng.randint(2, 40)} people were killed and {rng.randint(1, 90)} wounded, police said.",
            f"The {NAMES[a]} foreign minister {rng.choice(VERBS)} the {NAMES[b]} government last week.",
        ]
        text = f"---\ntitle: Synthetic report {n}\npublished: {day}\n---\n" + "\n\n".join(sentences) + "\n"
        path = folder / f"{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest(db: Path, paths: list[Path], folder: Path) -> subprocess.Popen[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, folder / path.name)
    return subprocess.Popen([sys.executable, "-c", "from flashpoint.cli import main; main()", "ingest", str(folder),
                             "--db", str(db), "--quiet", "--batch-size", "8"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def expected_ids(paths: list[Path]) -> set[str]:
    from flashpoint.ingest.readers import Failure, read_paths

    return {item.id for item in read_paths([str(p) for p in paths]) if not isinstance(item, Failure)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=60, help="synthetic articles to ingest during the load")
    parser.add_argument("--write-share", type=float, default=0.2, help="share of requests that POST a review")
    args, count, concurrency, deadline = loadcheck.parse_bounded(
        parser, requests=5000, max_requests=20000, max_seconds=900,
        requests_help="at most this many requests (<= 20000); the client stops when the ingest ends")

    workdir = Path(tempfile.mkdtemp(prefix="flashpoint-load-ingest-"))
    db = workdir / "load.db"
    paths = corpus(workdir / "corpus", args.articles + 4)
    seed_paths, main_paths = paths[:4], paths[4:]
    server = None
    try:
        seeded = ingest(db, seed_paths, workdir / "seed")
        if seeded.wait(timeout=600) != 0:
            raise SystemExit(f"the seed ingest failed: {seeded.stderr.read() if seeded.stderr else ''}")
        port = loadcheck.free_port()
        server = loadcheck.start_server(db, port)
        _, body = loadcheck.request("127.0.0.1", port, "GET", "/api/events?limit=200")
        event_ids = [e["id"] for e in json.loads(body)["items"]]
        if not event_ids:
            raise SystemExit("the seed ingest stored no events to review")
        reads = ["/api/events?limit=50", "/api/events?sort=-confidence&limit=100", "/api/articles?limit=50",
                 "/api/timeline?interval=week", "/api/actors", "/api/statements?limit=50", "/api"]
        reads += [f"/api/events?country={c}" for c in loadcheck.COUNTRIES[:4]]

        began_ingest = time.perf_counter()
        running = ingest(db, main_paths, workdir / "main")
        ingest_done = threading.Event()
        ingest_seconds: list[float] = []

        def watch() -> None:
            running.wait()
            ingest_seconds.append(time.perf_counter() - began_ingest)
            ingest_done.set()

        threading.Thread(target=watch, daemon=True).start()
        rng = random.Random(5)
        plan = [("POST", f"/api/events/{rng.choice(event_ids)}/review") if rng.random() < args.write_share
                else ("GET", rng.choice(reads)) for _ in range(count)]
        lock = threading.Lock()
        stats: dict[str, Any] = {"GET": [], "POST": [], "errors": [], "during_ingest": 0, "acked_reviews": 0}

        def one(i: int) -> None:
            if time.monotonic() > deadline or ingest_done.is_set():
                return
            method, path = plan[i]
            body = {"action": "confirm", "reviewer": f"load-{i}", "note": f"request {i}"} if method == "POST" else None
            timed = loadcheck.timed_request(port, method, path, body)
            with lock:
                stats[method].append(timed.seconds)
                stats["during_ingest"] += not ingest_done.is_set()
                if timed.status < 200 or timed.status >= 300:
                    stats["errors"].append(f"{method} {path} -> {timed.status} {timed.detail}".strip())
                elif method == "POST":
                    stats["acked_reviews"] += 1

        _, elapsed = loadcheck.run_requests(one, count, concurrency)
        remaining = max(1.0, deadline - time.monotonic())
        try:
            ingest_rc = running.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            running.kill()
            ingest_rc = -9
        ingest_err = running.stderr.read() if running.stderr else ""
        _, body = loadcheck.request("127.0.0.1", port, "GET", "/api/reviews?limit=1")
        stored_reviews = json.loads(body)["total"]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)

    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT id, COUNT(*) FROM articles GROUP BY id").fetchall())
    want = expected_ids(paths)
    missing, duplicated = sorted(want - rows.keys()), sorted(k for k, v in rows.items() if v != 1)
    shutil.rmtree(workdir, ignore_errors=True)

    def summary(latencies: list[float]) -> dict[str, Any]:
        ordered = sorted(latencies)
        if not ordered:
            return {"requests": 0}
        return {"requests": len(ordered), "p50_ms": round(ordered[len(ordered) // 2] * 1000, 1),
                "p95_ms": round(loadcheck.p95(ordered) * 1000, 1),
                "max_ms": round(ordered[-1] * 1000, 1)}

    total = len(stats["GET"]) + len(stats["POST"])
    result = {
        "articles": len(want), "ingest_rc": ingest_rc,
        "ingest_seconds": round(ingest_seconds[0], 1) if ingest_seconds else None,
        "requests": total, "during_ingest": stats["during_ingest"], "seconds": round(elapsed, 1),
        "rps": round(total / elapsed, 1) if elapsed else 0.0, "concurrency": concurrency,
        "reads": summary(stats["GET"]), "writes": summary(stats["POST"]),
        "errors": len(stats["errors"]), "error_samples": stats["errors"][:5],
        "acked_reviews": stats["acked_reviews"], "stored_reviews": stored_reviews,
        "lost_reviews": stats["acked_reviews"] - stored_reviews,
        "missing_articles": len(missing), "duplicated_articles": len(duplicated),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"ingest of {result['articles']} articles (4 seeded first): exit {ingest_rc}, "
              f"{result['ingest_seconds']} s; {concurrency} client threads on 127.0.0.1")
        print(f"requests {total} ({result['during_ingest']} while the ingest ran) in {result['seconds']} s: "
              f"{result['rps']} req/s; errors {result['errors']}")
        for name in ("reads", "writes"):
            print(f"  {name:<6} {result[name]}")
        print(f"reviews acknowledged {result['acked_reviews']}, stored {stored_reviews}, lost {result['lost_reviews']}")
        print(f"articles missing {len(missing)}, duplicated {len(duplicated)}")
        for sample in result["error_samples"]:
            print("  error:", sample)
        if ingest_rc != 0:
            print("  ingest stderr:", ingest_err[-1000:])
    ok = ingest_rc == 0 and not stats["errors"] and result["lost_reviews"] == 0 and not missing and not duplicated
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
