"""Persistence: SQLite by default, PostgreSQL by URL."""

from flashpoint.store.db import Store, open_store

__all__ = ["Store", "open_store"]
