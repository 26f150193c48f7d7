from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from flashpoint.store import migrate, open_store
from flashpoint.store.db import engine_url
from flashpoint.store.schema import SCHEMA_VERSION, metadata


def test_migrations_build_exactly_the_schema(store_url: str) -> None:
    engine = create_engine(engine_url(store_url))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == [], "schema.py changed without a migration: run python -m flashpoint.store.migrate revision"
    head = ScriptDirectory.from_config(migrate.config()).get_current_head()
    assert head == f"{SCHEMA_VERSION:04d}"


def test_an_old_store_upgrades_in_place(store_url: str) -> None:
    engine = create_engine(engine_url(store_url))
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (id, text, ingested_at, coder_version) "
                          "VALUES ('a1', 'Old text.', '2024-01-01', '0.0.1')"))
        assert "number" not in {c["name"] for c in inspect(conn).get_columns("events")}
    engine.dispose()
    store = open_store(store_url)  # opening upgrades
    assert migrate.current(store.engine) == f"{SCHEMA_VERSION:04d}"
    with store.engine.connect() as conn:
        assert "number" in {c["name"] for c in inspect(conn).get_columns("events")}
        assert conn.execute(text("SELECT text FROM articles WHERE id = 'a1'")).scalar() == "Old text."
    store.close()


def test_a_store_from_before_migrations_is_stamped_and_upgraded(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/legacy.db"
    engine = create_engine(url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()
    store = open_store(url)
    assert migrate.current(store.engine) == f"{SCHEMA_VERSION:04d}"
    store.close()


def test_a_store_at_0003_gains_date_source_and_keeps_its_events(store_url: str) -> None:
    engine = create_engine(engine_url(store_url))
    migrate.upgrade(engine, "0003")
    with engine.begin() as conn:
        assert "date_source" not in {c["name"] for c in inspect(conn).get_columns("events")}
        conn.execute(text("INSERT INTO articles (id, text, ingested_at, coder_version) "
                          "VALUES ('a1', 'Old text.', '2024-01-01', '0.0.1')"))
        conn.execute(text("INSERT INTO events (id, article_id, event, cameo_code, quad_class, goldstein, modality, "
                          "aggregate, date, day, date_precision, confidence, coder_version, record, number) VALUES "
                          "('e1', 'a1', 'ASSAULT', '190', 4, -10.0, 'asserted', false, '2024-01-01', '2024-01-01', "
                          "'day', 0.5, '0.0.1', '{\"id\": \"e1\"}', 3)"))
    engine.dispose()
    store = open_store(store_url)  # opening upgrades
    assert migrate.current(store.engine) == f"{SCHEMA_VERSION:04d}"
    with store.engine.connect() as conn:
        assert "date_source" in {c["name"] for c in inspect(conn).get_columns("events")}
        row = conn.execute(text("SELECT date, date_precision, number, date_source FROM events WHERE id = 'e1'")).one()
        assert tuple(row) == ("2024-01-01", "day", 3, None)  # old rows keep their data; the source is unknown
    store.close()
