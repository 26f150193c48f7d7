"""Exports of coded events to the formats users already work with.

    from flashpoint.export import export
    export(store, "acled", "events.csv", country="PAK", since="2023-01-01")
    export(records, "geojson", sys.stdout)          # any iterable of canonical event records

Formats: plover (JSON Lines, the canonical record with citation), gdelt (GDELT 2.0 event table,
TSV), acled (CSV), ucdp (UCDP GED-style CSV, lethal events), parquet (a folder partitioned by
month), geojson (FeatureCollection). The GDELT, ACLED and UCDP tables hold only events the text
reports as having happened (no denied, hypothetical, planned or threatened acts, no aggregate
reports) unless ``include_all``; the other formats hold every record.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import IO, Any

from flashpoint.errors import InputError
from flashpoint.export.common import Batch, counted, gather

FORMATS = ("plover", "gdelt", "acled", "ucdp", "parquet", "geojson")
COUNTED_ONLY = frozenset({"gdelt", "acled", "ucdp"})
SUFFIX = {"plover": ".jsonl", "gdelt": ".tsv", "acled": ".csv", "ucdp": ".csv", "parquet": "",
          "geojson": ".geojson"}
MEDIA_TYPE = {"plover": "application/x-ndjson", "gdelt": "text/tab-separated-values", "acled": "text/csv",
              "ucdp": "text/csv", "geojson": "application/geo+json"}


def export(source: Any, fmt: str, out: str | Path | IO[str] | None = None, *, reviews: bool = True,
           include_all: bool = False, **filters: Any) -> int:
    """Write events from a Store (filters as for ``Store.events``) or an iterable of records.

    ``out`` is a file path, an open text stream, or (not for parquet) None for standard output.
    Returns the number of events written.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    batch = gather(source, reviews=reviews, **filters)
    if fmt in COUNTED_ONLY and not include_all:
        batch = Batch([r for r in batch.records if counted(r)], batch.articles)
    if fmt == "parquet":
        from flashpoint.export import parquet

        if out is None or not isinstance(out, (str, Path)):
            raise InputError("parquet export needs a folder path: --output FOLDER")
        return parquet.write(batch, out)
    writer = _writer(fmt)
    if out is None:
        return writer(batch, sys.stdout)
    if isinstance(out, (str, Path)):
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            return writer(batch, handle)
    return writer(batch, out)


def export_text(source: Any, fmt: str, **options: Any) -> str:
    """The export as a string (for the API); not for parquet."""
    buffer = io.StringIO()
    export(source, fmt, buffer, **options)
    return buffer.getvalue()


def _writer(fmt: str) -> Any:
    from flashpoint.export import acled, gdelt, geojson, plover, ucdp

    return {"plover": plover.write, "gdelt": gdelt.write, "acled": acled.write, "ucdp": ucdp.write,
            "geojson": geojson.write}[fmt]


__all__ = ["FORMATS", "MEDIA_TYPE", "SUFFIX", "export", "export_text"]
