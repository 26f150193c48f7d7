"""Schema migrations (Alembic) for SQLite and PostgreSQL alike.

``upgrade(engine)`` brings any store to the current schema in place: a new store is created by the
migrations; a store made before migrations existed (tables but no ``alembic_version``) is stamped at
the first revision and then upgraded. Every change to ``schema.py`` needs a migration under
``migrations/versions`` (``python -m flashpoint.store.migrate revision "what changed"`` writes one);
``tests/store/test_migrations.py`` fails when the two disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

FIRST_REVISION = "0001"
HERE = Path(__file__).resolve().parent / "migrations"


def config(connection: object | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        cfg = config(conn)
        if "articles" in tables and "alembic_version" not in tables:
            command.stamp(cfg, FIRST_REVISION)
        command.upgrade(cfg, revision)


def main(argv: list[str]) -> None:
    """Write a new migration by comparing schema.py with a scratch store at head."""
    import tempfile

    from sqlalchemy import create_engine

    if len(argv) != 2 or argv[0] != "revision":
        sys.exit('usage: python -m flashpoint.store.migrate revision "message"')
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/scratch.db")
        upgrade(engine)
        with engine.begin() as conn:
            command.revision(config(conn), message=argv[1], autogenerate=True)


if __name__ == "__main__":
    main(sys.argv[1:])
