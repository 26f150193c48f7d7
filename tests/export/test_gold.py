"""Gold out (reviewed events as PLOVER gold records) and in (PLOVER records -> a gold folder)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from flashpoint.errors import InputError
from flashpoint.eval import gold as gold_reader
from flashpoint.export.gold import actor_codes, export_gold, import_gold


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_without_reviews_machine_events_are_marked_unreviewed(store) -> None:
    out = io.StringIO()
    assert export_gold(store, out) == 4
    records = _lines(out.getvalue())
    assert all(r["reviewed"] is False for r in records)
    assert all(isinstance(r["event"], list) and r["cite_info"]["url"] for r in records)


def test_reviewed_events_only_once_an_analyst_has_reviewed(store) -> None:
    from flashpoint.api.review import record_review

    events = store.events()
    clash = next(r for r in events if r["cameo_code"] == "190" and r["modality"] == "asserted")
    talks = next(r for r in events if r["event"] == "CONSULT")
    record_review(store, clash["id"], "correct", reviewer="ana", corrected={"dead": 4}, note="hospital figure")
    record_review(store, talks["id"], "reject", reviewer="ana")
    out = io.StringIO()
    assert export_gold(store, out) == 1
    (record,) = _lines(out.getvalue())
    assert record["id"] == clash["id"] and record["reviewed"] is True and record["dead"]["best"] == 4
    assert record["coder"] == "analyst ana" and record["comment"] == "hospital figure"
    assert record["source"][0]["code"] == "PAKMIL"
    everything = io.StringIO()
    assert export_gold(store, everything, include_unreviewed=True) == 3  # the rejected one stays out


RECORDS = [
    {"id": "T-1", "date": "2000-01-01", "event": "ACCUSE", "text": "Ruritania accused Freedonia of shelling a border post.",
     "source": [{"code": "RUR", "sector": "GOV"}], "recipient": [{"code": "FRE", "sector": "MIL"}]},
    {"id": "T-2", "date": "2000-01-01", "event": ["DEMAND"], "text": "Ruritania accused Freedonia of shelling a border post.",
     "source": [{"code": "RUR"}], "target": [{"code": "FRE"}]},
    {"id": "T-3", "date": "2000-01-02", "event": "ASSAULT", "textInfo": {"text": "Gunmen killed five villagers near Kabul."},
     "source": [{"code": "AFG", "sector": "UAF"}], "recipient": "AFGCVL", "eventLoc": {"cc3": "AFG"},
     "sizeInfo": {"dead": 5}},
    {"id": "T-4", "event": "ASSAULT"},
]


def test_plover_records_become_a_gold_folder_the_scorer_reads(tmp_path: Path) -> None:
    source = tmp_path / "gsr.json"
    source.write_text(json.dumps(RECORDS), encoding="utf-8")
    path, articles, events = import_gold([source], tmp_path / "gold")
    assert (articles, events) == (2, 3)
    loaded = gold_reader.read(path)
    assert len(loaded) == 2
    texts = {p.read_text(encoding="utf-8").strip() for p in (tmp_path / "gold" / "articles").iterdir()}
    assert "Gunmen killed five villagers near Kabul." in texts
    raw = path.read_text(encoding="utf-8")
    assert "REQUEST" in raw and "AFGUAF" in raw and "RURGOV" in raw and "dead: 5" in raw


def test_jsonl_input_and_no_text(tmp_path: Path) -> None:
    source = tmp_path / "gsr.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in RECORDS[2:]) + "\n", encoding="utf-8")
    _, articles, events = import_gold([source], tmp_path / "g")
    assert (articles, events) == (1, 1)
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps(RECORDS[3]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no records with a text"):
        import_gold([empty], tmp_path / "h")


@pytest.mark.parametrize(("value", "codes"), [
    ([{"code": "PAK", "sector": "GOV"}], ["PAKGOV"]), ("PAKMIL", ["PAKMIL"]),
    ([{"code": "PAKGOV", "sector": "GOV"}], ["PAKGOV"]), ([{"code": "USA"}, {"code": "FRA"}], ["USA", "FRA"]),
    (None, []),
])
def test_actor_codes(value, codes) -> None:
    assert actor_codes(value) == codes
