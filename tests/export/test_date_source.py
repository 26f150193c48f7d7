"""Date provenance (``date_source``) survives the store, every export and the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

from flashpoint.export import export, export_text
from flashpoint.store import open_store

from .conftest import extraction


def _with_sources():
    """The sample extraction with a text-dated clash and a talks event dated only by the document."""
    item = extraction()
    clash, killing, talks, strike = item.events
    return dataclasses.replace(item, events=(
        dataclasses.replace(clash, date_source="text"),
        dataclasses.replace(killing, date_source="paragraph"),
        dataclasses.replace(talks, date="2023-01-04", date_precision="day", date_source="document", confidence=0.6),
        strike,
    ))


def test_date_source_round_trips_through_the_store_and_exports(store_url: str, tmp_path: Path) -> None:
    import jsonschema
    import pyarrow.dataset as ds

    from flashpoint.export import plover
    from flashpoint.schema import __file__ as schema_init

    item = _with_sources()
    clash, killing, talks, strike = item.events
    store = open_store(store_url)
    try:
        store.write([item])
        by_id = {r["id"]: r for r in store.events()}
        assert {k: by_id[e.id]["date_source"] for k, e in
                [("clash", clash), ("killing", killing), ("talks", talks), ("strike", strike)]} == \
            {"clash": "text", "killing": "paragraph", "talks": "document", "strike": None}
        assert by_id[talks.id]["date"] == "2023-01-04" and by_id[talks.id]["date_precision"] == "day"
        from flashpoint.store import schema

        with store.engine.connect() as conn:
            column = dict(conn.execute(schema.events.select().with_only_columns(
                schema.events.c.id, schema.events.c.date_source)).all())
        assert column[talks.id] == "document" and column[clash.id] == "text" and column[strike.id] is None

        schema_json = json.loads((Path(schema_init).parent / "event.schema.json").read_text(encoding="utf-8"))
        assert "date_source" in schema_json["properties"]
        path = tmp_path / "events.jsonl"
        export(store, "plover", path)
        records = {r["id"]: r for r in plover.read(path)}
        for record in records.values():
            jsonschema.validate(record, schema_json)
        assert records[talks.id]["date_source"] == "document" and records[clash.id]["date_source"] == "text"
        with_bad = {**records[talks.id], "date_source": "guess"}
        try:
            jsonschema.validate(with_bad, schema_json)
            raise AssertionError("the schema must reject an unknown date_source")
        except jsonschema.ValidationError:
            pass

        features = json.loads(export_text(store, "geojson"))["features"]
        assert {f["id"]: f["properties"]["date_source"] for f in features} == \
            {clash.id: "text", killing.id: "paragraph"}

        folder = tmp_path / "pq"
        export(store, "parquet", folder)
        rows = {r["id"]: r for r in ds.dataset(folder, partitioning="hive").to_table().to_pylist()}
        assert rows[talks.id]["date_source"] == "document" and rows[clash.id]["date_source"] == "text"
    finally:
        store.close()


def test_a_document_date_is_no_day_precision_for_acled_and_ucdp() -> None:
    from flashpoint.export import acled, ucdp

    record = {"id": "ab12", "cameo_code": "190", "date": "2023-01-04", "date_precision": "day",
              "actor": [{"name": "army", "sector": "MIL", "country": "PAK", "code": "PAKMIL"}],
              "recipient": [{"name": "TTP", "sector": "REB", "country": "PAK", "code": "PAKREB"}],
              "event_loc": None, "dead": {"best": 3, "low": 3, "high": 3, "of": "recipient"}}
    text_dated = acled.acled_row({**record, "date_source": "text"}, {})
    document_dated = acled.acled_row({**record, "date_source": "document"}, {})
    assert text_dated is not None and document_dated is not None
    assert text_dated["time_precision"] == 1 and document_dated["time_precision"] == 3
    assert document_dated["event_date"] == text_dated["event_date"]  # the day itself is kept
    text_row = ucdp.ucdp_row({**record, "date_source": "text"}, {})
    document_row = ucdp.ucdp_row({**record, "date_source": "document"}, {})
    assert text_row is not None and document_row is not None
    assert text_row["date_prec"] == 1 and document_row["date_prec"] == 5


def test_api_csv_lists_the_date_source() -> None:
    from flashpoint.api.events import CSV_COLUMNS, export_lines

    record = {"id": "e1", "date": "2023-01-04", "date_precision": "day", "date_source": "document"}
    lines = "".join(export_lines([record], "csv"))
    header, row = io.StringIO(lines).read().splitlines()[:2]
    assert "date_source" in CSV_COLUMNS and header.split(",")[CSV_COLUMNS.index("date_source")] == "date_source"
    assert row.split(",")[CSV_COLUMNS.index("date_source")] == "document"
