"""Round trips: every export is read back with an ordinary reader and checked column by column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from flashpoint.export import FORMATS, export, export_text
from flashpoint.export import acled, gdelt, ucdp
from flashpoint.export.common import fips, fips_codes
from flashpoint.errors import InputError


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_gdelt_has_the_61_columns_in_order_and_fips_geography(store, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    written = export(store, "gdelt", path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(header) == 61 and header == gdelt.COLUMNS
    assert header[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert header[35:43] == ["Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
                             "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID"]
    assert header[-2:] == ["DATEADDED", "SOURCEURL"]
    rows = _rows(path.read_text(encoding="utf-8"), "\t")
    assert written == len(rows) == 3  # the hypothetical strike is not a GDELT event
    bannu = next(r for r in rows if r["ActionGeo_FullName"].startswith("Bannu"))
    assert bannu["SQLDATE"] == "20230102" and bannu["MonthYear"] == "202301" and bannu["Year"] == "2023"
    assert bannu["Actor1Code"] == "PAKMIL" and bannu["Actor2Code"] == "PAKREB" and bannu["Actor1Type1Code"] == "MIL"
    assert bannu["EventCode"] == "190" and bannu["EventRootCode"] == "19" and bannu["QuadClass"] == "4"
    assert bannu["ActionGeo_CountryCode"] == "PK" and bannu["ActionGeo_Type"] == "4"
    assert bannu["ActionGeo_ADM1Code"].startswith("PK") and bannu["Actor1Geo_CountryCode"] == "PK"
    assert bannu["SOURCEURL"] == "https://news.example/bannu" and len(bannu["DATEADDED"]) == 14
    kabul = next(r for r in rows if r["ActionGeo_FullName"].startswith("Kabul"))
    assert kabul["ActionGeo_CountryCode"] == "AF" and kabul["ActionGeo_ADM1Code"] == "AF13"
    assert kabul["SQLDATE"] == "20221201"
    talks = next(r for r in rows if r["EventCode"] == "040")
    assert talks["SQLDATE"] == "20230104" and talks["ActionGeo_Type"] == "0"  # dated by the article


@pytest.mark.parametrize(("iso3", "code"), [("PAK", "PK"), ("AFG", "AF"), ("DEU", "GM"), ("GBR", "UK"),
                                            ("IRQ", "IZ"), ("ESP", "SP"), ("USA", "US"), ("CHN", "CH")])
def test_fips_differs_from_iso2_where_it_should(iso3: str, code: str) -> None:
    assert fips(iso3) == code
    assert len(fips_codes()) > 240


def test_acled_columns_types_inter_and_precision(store) -> None:
    text = export_text(store, "acled")
    assert text.splitlines()[0].split(",") == acled.COLUMNS
    rows = {r["tags"].split(";")[0]: r for r in _rows(text)}
    assert len(rows) == 2  # talks are outside ACLED's scope, the hypothetical strike did not happen
    clash = next(r for r in rows.values() if r["location"] == "Bannu")
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("1", "2", "12")
    assert clash["time_precision"] == "1" and clash["geo_precision"] == "1" and clash["fatalities"] == "3"
    assert clash["iso"] == "586" and clash["country"] == "Pakistan" and clash["region"] == "South Asia"
    assert clash["event_id_cnty"].startswith("PAK") and clash["disorder_type"] == "Political violence"
    killing = next(r for r in rows.values() if r["location"] == "Kabul")
    assert killing["event_type"] == "Violence against civilians" and killing["civilian_targeting"] == "Civilian targeting"
    assert (killing["inter1"], killing["inter2"], killing["interaction"]) == ("3", "7", "37")
    assert killing["time_precision"] == "3" and killing["event_date"] == "2022-12-01"


def test_acled_protest_actors_are_protesters() -> None:
    record = {"id": "ab12", "cameo_code": "141", "actor": [{"name": "students", "sector": "EDU", "country": "PAK"}],
              "recipient": [], "event_loc": None}
    row = acled.acled_row(record, {})
    assert row is not None and row["event_type"] == "Protests" and row["inter1"] == 6 and row["interaction"] == 60
    assert acled.acled_row({**record, "cameo_code": "042"}, {}) is None


def test_ucdp_only_lethal_events_with_sides(store) -> None:
    rows = _rows(export_text(store, "ucdp"))
    assert list(rows[0]) == ucdp.COLUMNS and len(rows) == 2
    clash = next(r for r in rows if r["adm_1"] == "Khyber Pakhtunkhwa")
    assert clash["type_of_violence"] == "1" and clash["side_a"] == "Pakistan Army"
    assert clash["side_b"] == "Tehrik-i-Taliban Pakistan" and clash["deaths_b"] == "3"
    assert (clash["best"], clash["low"], clash["high"]) == ("3", "3", "3")
    assert clash["where_prec"] == "1" and clash["date_prec"] == "1" and clash["date_start"] == "2023-01-02"
    killing = next(r for r in rows if r["side_b"] == "Civilians")
    assert killing["type_of_violence"] == "3" and killing["deaths_civilians"] == "2"
    assert (killing["date_start"], killing["date_end"], killing["date_prec"]) == ("2022-12-01", "2022-12-31", "4")
    assert killing["geom_wkt"] == "POINT (69.172 34.528)"


def test_plover_jsonl_is_the_canonical_record_with_citation(store, tmp_path: Path) -> None:
    import jsonschema

    from flashpoint.export import plover
    from flashpoint.schema import __file__ as schema_init

    schema = json.loads((Path(schema_init).parent / "event.schema.json").read_text(encoding="utf-8"))
    path = tmp_path / "events.jsonl"
    assert export(store, "plover", path) == 4  # every record, whatever its modality
    records = list(plover.read(path))
    assert {r["id"] for r in records} == {r["id"] for r in store.events()}
    for record in records:
        jsonschema.validate(record, schema)
        assert record["cite_info"]["url"] == "https://news.example/bannu"
        assert record["cite_info"]["coder"].startswith("flashpoint ") and record["cite_info"]["version"]
        assert record["source"] == record["actor"] and record["text"] == record["evidence"]["sentence"]


def test_geojson_is_a_valid_feature_collection(store) -> None:
    data = json.loads(export_text(store, "geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    for item in data["features"]:
        assert item["type"] == "Feature" and item["geometry"]["type"] == "Point"
        lon, lat = item["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(item["properties"], dict) and item["id"]
    bannu = next(f for f in data["features"] if f["properties"]["place"] == "Bannu")
    assert bannu["geometry"]["coordinates"] == [70.6, 32.98] and bannu["properties"]["dead"] == 3


def test_parquet_is_partitioned_by_month_and_reads_back(store, sample_extraction, tmp_path: Path) -> None:
    import pyarrow.dataset as ds

    from flashpoint.batch.rows import event_rows

    folder = tmp_path / "pq"
    assert export(store, "parquet", folder) == 4
    months = sorted(p.name for p in folder.iterdir())
    assert months == ["month=2022-12", "month=2023-01", "month=unknown"]
    table = ds.dataset(folder, partitioning="hive").to_table()
    assert table.num_rows == 4
    expected = set(event_rows(sample_extraction)[0])
    assert expected <= set(table.column_names)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert sum(1 for r in rows.values() if r["month"] == "2023-01") == 1
    assert export(store, "parquet", folder) == 4  # re-export replaces, never doubles
    assert ds.dataset(folder, partitioning="hive").to_table().num_rows == 4


def test_filters_and_plain_records(store) -> None:
    assert export_text(store, "plover", country="AFG").count("\n") == 2
    records = store.events()
    assert json.loads(export_text(records, "geojson"))["features"]
    assert export_text(records, "gdelt", include_all=True).count("\n") == 5


def test_bad_format_and_parquet_without_folder(store) -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export(store, "xml")
    with pytest.raises(InputError, match="folder"):
        export(store, "parquet", None)
    assert set(FORMATS) == {"plover", "gdelt", "acled", "ucdp", "parquet", "geojson"}


def test_reviews_apply_to_exports(store) -> None:
    from flashpoint.api.review import record_review

    records = {r["event"] + (r.get("modality") or ""): r for r in store.events()}
    record_review(store, records["CONSULTasserted"]["id"], "reject", reviewer="ana")
    clash = next(r for r in store.events() if (r.get("dead") or {}).get("best") == 3)
    record_review(store, clash["id"], "correct", reviewer="ana", corrected={"dead": 4})
    lines = [json.loads(line) for line in export_text(store, "plover").splitlines()]
    assert len(lines) == 3 and all(r["event"] != "CONSULT" for r in lines)
    assert next(r for r in lines if r["id"] == clash["id"])["dead"]["best"] == 4
    assert len(export_text(store, "plover", reviews=False).splitlines()) == 4


def test_write_rows_keeps_the_header_and_skips_none_rows() -> None:
    from flashpoint.export.common import Batch, write_rows

    batch = Batch([{"id": "a", "article_id": "x"}, {"id": "b", "article_id": "y"}, {"id": "c"}],
                  {"x": {"title": "X"}, "y": {"title": "Y"}})

    def row(record, article):  # type: ignore[no-untyped-def]
        return None if record["id"] == "b" else {"id": record["id"], "title": article.get("title", "")}

    out = io.StringIO()
    assert write_rows(batch, out, ["id", "title"], row) == 2
    assert out.getvalue() == "id,title\na,X\nc,\n"
    empty = io.StringIO()
    assert write_rows(Batch([]), empty, ["id", "title"], row) == 0 and empty.getvalue() == "id,title\n"
