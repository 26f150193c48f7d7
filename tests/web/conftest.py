"""A real server (``flashpoint serve`` in a subprocess on loopback) and Debian's headless chromium."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "flashpoint" / "samples"
CHROMIUM = Path(os.environ.get("FLASHPOINT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "e2e-token-0123456789"


def builders() -> Any:
    spec = importlib.util.spec_from_file_location("api_builders", ROOT / "tests" / "api" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus through the real pipeline, plus the hand-built articles the assertions rely on."""
    from flashpoint.jobs import ingest
    from flashpoint.store import open_store

    path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    store = builders().build_store(path)
    if SAMPLES.is_dir():
        files = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
        ingest(files, store, batch_size=8)
    store.close()
    open_store(str(path)).close()
    return path


@pytest.fixture(scope="session")
def server(e2e_store: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "FLASHPOINT_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-c", "from flashpoint.cli import main; main()", "serve", "--db", str(e2e_store), "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"flashpoint serve did not come up on {url}:\n{output}")
        time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (scripts/ci_browser.sh) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh tab that may talk to the test server only, and records script errors and dialogs."""
    context = browser.new_context(base_url=server)
    tab = context.new_page()
    tab.errors = []
    tab.foreign = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("dialog", lambda dialog: (tab.errors.append("dialog: " + dialog.message), dialog.dismiss()))

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            tab.foreign.append(route.request.url)
            route.abort()

    tab.route("**/*", guard)
    tab.set_default_timeout(15000)
    yield tab
    context.close()
