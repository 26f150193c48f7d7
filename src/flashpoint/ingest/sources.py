"""Store articles that come from somewhere other than files: feeds, URL lists, WARC crawls.

``ingest_items`` is ``jobs.ingest`` for an iterable of ``Article | Failure`` instead of paths:
the same batches, transactions, skipping of stored articles, failure records and clustering.
"""

from __future__ import annotations

from flashpoint.jobs import ingest_items

__all__ = ["ingest_items"]
