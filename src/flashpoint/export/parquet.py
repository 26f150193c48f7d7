"""Parquet partitioned by date: ``<folder>/month=YYYY-MM/part-<digest>.parquet`` (Hive style).

Rows have the columns of ``flashpoint batch`` event rows (batch/rows.py) plus ``date_source`` and ``month``; events
with no date go to ``month=unknown``. Read the folder back with ``pyarrow.dataset.dataset(folder,
partitioning="hive")``, ``pandas.read_parquet(folder)`` or ``polars.scan_parquet(folder + "/**/*.parquet")``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flashpoint.export.common import Batch
from flashpoint.store.db import first_day


def event_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The flat row of a canonical record, with the columns of ``batch.rows.event_rows``."""
    loc = record.get("event_loc") or {}
    actors = record.get("actor") or []
    recipients = record.get("recipient") or []
    dead = record.get("dead") or {}
    injured = record.get("injured") or {}
    return {
        "id": record["id"],
        "article_id": record.get("article_id"),
        "event": record.get("event"),
        "mode": record.get("mode"),
        "cameo_code": record.get("cameo_code"),
        "quad_class": record.get("quad_class"),
        "goldstein": float(record.get("goldstein") or 0.0),
        "modality": record.get("modality"),
        "aggregate": bool(record.get("aggregate")),
        "date": record.get("date"),
        "day": first_day(record.get("date")),
        "date_precision": record.get("date_precision"),
        "date_source": record.get("date_source"),
        "actor_codes": [a.get("code") or "" for a in actors],
        "recipient_codes": [a.get("code") or "" for a in recipients],
        "actor_country": actors[0].get("country") if actors else None,
        "recipient_country": recipients[0].get("country") if recipients else None,
        "loc_name": loc.get("resolved_place"),
        "loc_country": loc.get("country_code"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "dead": dead.get("best"),
        "injured": injured.get("best"),
        "confidence": float(record.get("confidence") or 0.0),
        "sentence": (record.get("evidence") or {}).get("sentence"),
        "coder_version": record.get("coder_version"),
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True, default=str),
    }


def _schema() -> Any:
    import pyarrow as pa

    text, number, integer = pa.string(), pa.float64(), pa.int64()
    return pa.schema([
        ("id", text), ("article_id", text), ("event", text), ("mode", text), ("cameo_code", text),
        ("quad_class", integer), ("goldstein", number), ("modality", text), ("aggregate", pa.bool_()),
        ("date", text), ("day", text), ("date_precision", text), ("date_source", text),
        ("actor_codes", pa.list_(text)),
        ("recipient_codes", pa.list_(text)), ("actor_country", text), ("recipient_country", text),
        ("loc_name", text), ("loc_country", text), ("lat", number), ("lon", number), ("dead", integer),
        ("injured", integer), ("confidence", number), ("sentence", text), ("coder_version", text),
        ("record", text),
    ])


def write(batch: Batch, folder: str | Path) -> int:
    """Write one file per month; a re-export of the same records replaces the same files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(folder)
    by_month: dict[str, list[dict[str, Any]]] = {}
    for record in batch.records:
        row = event_row(record)
        month = row["day"][:7] if row["day"] else "unknown"
        by_month.setdefault(month, []).append(row)
    for month, rows in sorted(by_month.items()):
        rows.sort(key=lambda r: r["id"])
        digest = hashlib.sha1("".join(r["id"] for r in rows).encode()).hexdigest()[:12]
        target = root / f"month={month}"
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob("part-*.parquet"):
            old.unlink()
        table = pa.Table.from_pylist(rows, schema=_schema())
        tmp = target / f".part-{digest}.parquet.tmp"
        pq.write_table(table, tmp)
        tmp.replace(target / f"part-{digest}.parquet")
    return len(batch.records)
