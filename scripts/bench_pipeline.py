"""Throughput and memory of the pipeline, all measured in one run on one synthetic corpus.

(a) bare spaCy nlp.pipe on the texts, (b) the full pipeline in-process, (c) `batch --engine local`
with N workers, (d) `batch --engine ray` with N workers (skipped when Ray is not installed).
The corpus (default 2,000 articles) is built from the sample articles: paragraphs are recombined
and numbers changed so every article is distinct. Prints articles/s, peak memory and the ratios.

    python scripts/bench_pipeline.py [--articles 2000] [--workers 2] [--skip-ray]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from flashpoint import nlp, pipeline
from flashpoint.batch import run_batch
from flashpoint.ingest.readers import read_paths
from flashpoint.types import Article

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "samples"


def corpus(size: int, seed: int = 7) -> list[dict[str, str]]:
    base = [a for a in read_paths([str(SAMPLES)]) if isinstance(a, Article)]
    if not base:
        sys.exit(f"no sample articles in {SAMPLES}")
    paragraphs = [p for a in base for p in a.text.split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    out = []
    for number in range(size):
        picked = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 8)))
        text = "\n\n".join(picked).replace(" 1", f" {rng.randint(1, 9)}")
        month = rng.randint(1, 12)
        out.append({"text": text, "url": f"https://bench.test/{number}",
                    "published": f"2023-{month:02d}-{rng.randint(1, 28):02d}"})
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-ray", action="store_true")
    args = parser.parse_args()

    records = corpus(args.articles)
    work = Path(tempfile.mkdtemp(prefix="fp-bench-"))
    path = work / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    chars = sum(len(a.text) for a in articles)
    print(f"corpus: {len(articles)} articles, {chars / len(articles):.0f} characters on average")

    results: dict[str, float] = {}
    model = nlp.load()
    start = time.perf_counter()
    for _ in model.pipe((a.text for a in articles), batch_size=32):
        pass
    results["a"] = len(articles) / (time.perf_counter() - start)
    print(f"(a) bare spaCy nlp.pipe:        {results['a']:7.1f} articles/s   peak {peak_mb():.0f} MB")

    start = time.perf_counter()
    events = sum(len(x.events) for x in pipeline.process(articles))
    results["b"] = len(articles) / (time.perf_counter() - start)
    print(f"(b) full pipeline in-process:   {results['b']:7.1f} articles/s   peak {peak_mb():.0f} MB   {events} events")

    start = time.perf_counter()
    local = run_batch([str(path)], work / "local", engine="local", workers=args.workers, chunk_size=100)
    results["c"] = local.articles / (time.perf_counter() - start)
    worst = max(local.worker_peak_mb.values(), default=0)
    print(f"(c) batch local, {args.workers} workers:   {results['c']:7.1f} articles/s   "
          f"peak per worker {worst:.0f} MB")

    if not args.skip_ray:
        try:
            import ray  # noqa: F401

            start = time.perf_counter()
            distributed = run_batch([str(path)], work / "ray", engine="ray", workers=args.workers, chunk_size=100)
            results["d"] = distributed.articles / (time.perf_counter() - start)
            worst = max(distributed.worker_peak_mb.values(), default=0)
            print(f"(d) batch ray, {args.workers} workers:     {results['d']:7.1f} articles/s   "
                  f"peak per worker {worst:.0f} MB (includes Ray start-up)")
        except ImportError:
            print("(d) skipped: Ray is not installed (pip install 'flashpoint[ray]')")

    print(f"ratio (b)/(a) = {results['b'] / results['a']:.2f}   target >= 0.6")
    print(f"ratio (c)/(b) = {results['c'] / results['b']:.2f}   target >= 1.7 on 2 cores")
    if "d" in results:
        print(f"ratio (d)/(b) = {results['d'] / results['b']:.2f}")


if __name__ == "__main__":
    main()
