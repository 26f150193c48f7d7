"""What the load checks share: a `flashpoint serve` on loopback, one timed request, a bounded pool of
client threads driving them, and the command-line bounds (requests, threads, seconds).

Imported by scripts/load_api.py and scripts/load_ingest_api.py; not a command of its own.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple, TypeVar

TOKEN = "load-check-token-0123456789"
COUNTRIES = ["PAK", "AFG", "IND", "CHN", "KEN", "SDN", "UKR", "RUS", "ISR", "IRN"]
HOST = "127.0.0.1"
MAX_THREADS = 32

T = TypeVar("T")


class Timed(NamedTuple):
    """One request: how long it took, the HTTP status (-1 when the connection failed) and why it failed."""

    seconds: float
    status: int
    detail: str = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Any, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "FLASHPOINT_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-c", "from flashpoint.cli import main; main()", "serve", "--db", str(db),
         "--host", HOST, "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = request(HOST, port, "GET", "/api/health")
            if status == 200:
                return process
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise SystemExit(f"the server did not start: {process.stderr.read() if process.stderr else ''}")


def request(host: str, port: int, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        headers = {"Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def timed_request(port: int, method: str, path: str, body: dict[str, Any] | None = None) -> Timed:
    began = time.perf_counter()
    try:
        status, _ = request(HOST, port, method, path, body)
    except OSError as exc:
        return Timed(time.perf_counter() - began, -1, str(exc))
    return Timed(time.perf_counter() - began, status)


def run_requests(one: Callable[[int], T], count: int, concurrency: int) -> tuple[list[T], float]:
    """``one(0) ... one(count - 1)`` on ``concurrency`` threads: their results in order, and the seconds taken."""
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, range(count)))
    return results, time.perf_counter() - began


def p95(ordered: Sequence[float]) -> float:
    """The 95th percentile of latencies sorted ascending (not empty)."""
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def parse_bounded(parser: argparse.ArgumentParser, *, requests: int, requests_help: str, max_requests: int,
                  max_seconds: int) -> tuple[argparse.Namespace, int, int, float]:
    """Add the shared options, parse, and return the arguments with the request count, the client
    threads and the monotonic deadline, each held within its cap."""
    parser.add_argument("--requests", type=int, default=requests, help=requests_help)
    parser.add_argument("--concurrency", type=int, default=4, help=f"client threads (at most {MAX_THREADS})")
    parser.add_argument("--seconds", type=float, default=120,
                        help=f"stop after this long overall (at most {max_seconds})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    count, concurrency = min(args.requests, max_requests), max(1, min(args.concurrency, MAX_THREADS))
    return args, count, concurrency, time.monotonic() + min(args.seconds, max_seconds)
