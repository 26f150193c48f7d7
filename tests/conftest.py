from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SAMPLES = ROOT / "src" / "flashpoint" / "samples"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed/article.txt) is not beside this checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from flashpoint import nlp as nlp_module

    return nlp_module.load()


def _postgres_base() -> str | None:
    import os

    url = os.environ.get("FLASHPOINT_TEST_PG")
    if not url and os.environ.get("FLASHPOINT_REQUIRE_PG"):
        pytest.fail("FLASHPOINT_REQUIRE_PG is set but FLASHPOINT_TEST_PG is not; start scripts/pg_test_server.sh")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, empty store URL on each backend: a SQLite file, and a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    base = _postgres_base()
    if not base:
        pytest.skip("no PostgreSQL server: run `eval \"$(scripts/pg_test_server.sh)\"` first (CI does)")
    import uuid

    import psycopg

    name = "fp_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + "/" + name
    yield url
    from sqlalchemy import create_engine  # noqa: F401 - engines of the test are disposed by GC

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
