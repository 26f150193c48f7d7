"""Reviews: corrections override machine values in queries and exports, survive re-ingest, export as gold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from flashpoint.api.review import (
    apply_reviews,
    export_gold,
    gold_records,
    normalise_correction,
    record_review,
)
from flashpoint.errors import InputError
from flashpoint.store import open_store

AUTH = {"Authorization": "Bearer test-token-0123456789"}


def review(client: Any, event_id: str, **body: Any) -> Any:
    return client.post(f"/api/events/{event_id}/review", json=body, headers=AUTH)


def test_correction_overrides_machine_values_everywhere(client: Any, known: dict[str, Any]) -> None:
    response = review(client, known["gas"], action="correct", reviewer="ana",
                      corrected={"event": "ASSAULT", "actor": ["KENMIL"], "dead": 3, "date": "2024-06-24",
                                 "event_loc": {"resolved_place": "Kisumu", "country_code": "KEN"}})
    assert response.status_code == 201, response.text
    event = client.get(f"/api/events/{known['gas']}").json()
    assert event["event"] == "ASSAULT" and event["actor"][0]["code"] == "KENMIL" and event["dead"]["best"] == 3
    assert event["quad_class"] == 4 and event["review"]["machine"]["event"] == "COERCE"
    assert event["review_history"][0]["reviewer"] == "ana"
    # filters see the corrected values, not the machine ones
    assert known["gas"] in {e["id"] for e in client.get("/api/events?type=ASSAULT").json()["items"]}
    assert known["gas"] not in {e["id"] for e in client.get("/api/events?type=COERCE").json()["items"]}
    assert known["gas"] in {e["id"] for e in client.get("/api/events?actor=KENMIL").json()["items"]}
    assert known["gas"] in {e["id"] for e in client.get("/api/events?until=2024-06-24&country=KEN").json()["items"]}
    assert client.get("/api/events?type=ASSAULT").json()["total"] == 3
    assert client.get("/api/events?review=corrected").json()["total"] == 1
    # exports too
    csv_text = client.get("/api/events/export?format=csv&actor=KENMIL").text
    assert "KENMIL" in csv_text and "Kisumu" in csv_text and ",correct," in csv_text


def test_reject_hides_and_confirm_marks(client: Any, known: dict[str, Any]) -> None:
    assert review(client, known["threat"], action="reject", reviewer="bo", note="not an event").status_code == 201
    assert known["threat"] not in {e["id"] for e in client.get("/api/events").json()["items"]}
    assert client.get("/api/events?include_rejected=true").json()["total"] == 5
    assert client.get("/api/events?review=rejected").json()["total"] == 1
    assert review(client, known["clash"], action="confirm", reviewer="bo").status_code == 201
    queue = client.get("/api/reviews/queue").json()
    assert {known["threat"], known["clash"]}.isdisjoint({e["id"] for e in queue["items"]})
    assert queue["total"] == 3
    assert client.get("/api/reviews").json()["total"] == 2


def test_bad_reviews_are_422(client: Any, known: dict[str, Any]) -> None:
    for body in ({"action": "approve", "reviewer": "a"}, {"action": "correct", "reviewer": "a"},
                 {"action": "correct", "reviewer": "a", "corrected": {"event": "PARTY"}},
                 {"action": "correct", "reviewer": "a", "corrected": {"colour": "red"}},
                 {"action": "correct", "reviewer": "a", "corrected": {"dead": -1}},
                 {"action": "correct", "reviewer": "a", "corrected": {"date": "last week"}},
                 {"action": "confirm", "reviewer": ""}):
        response = review(client, known["clash"], **body)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "invalid_input"
    assert review(client, "no-such-event", action="confirm", reviewer="a").status_code == 404


def test_reviews_survive_reprocessing(store_path: Path, known: dict[str, Any]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("api_conftest", Path(__file__).with_name("conftest.py"))
    assert spec and spec.loader
    builders = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builders)
    store = open_store(str(store_path))
    record_review(store, known["march"], "correct", reviewer="ana", corrected={"dead": 1})
    store.write([builders.nairobi()])  # re-ingest: event rows are replaced
    (event,) = [e for e in store.events(article=known["nairobi"]) if e["id"] == known["march"]]
    assert event["dead"] is None  # the machine row is fresh...
    (effective,) = apply_reviews(store, [event])
    assert effective["dead"]["best"] == 1 and effective["review"]["reviewer"] == "ana"  # ...and the review re-applies


def test_gold_export_reads_back_with_the_eval_reader(store_path: Path, known: dict[str, Any], tmp_path: Path) -> None:
    from flashpoint.eval import gold

    store = open_store(str(store_path))
    record_review(store, known["clash"], "correct", reviewer="ana",
                  corrected={"recipient": ["AFGMIL"], "dead": {"low": 2, "high": 4}})
    record_review(store, known["threat"], "reject", reviewer="ana")
    record_review(store, known["march"], "confirm", reviewer="ana")
    records = gold_records(store)
    assert {r["article_id"] for r in records} == {known["torkham"], known["nairobi"]}
    path = export_gold(store, tmp_path / "gold")
    articles = {a.label: a for a in gold.read(path)}
    torkham = articles[known["torkham"]]
    (clash,) = torkham.events
    assert clash.event == "ASSAULT" and clash.dead == gold.GoldCount(2, 4)
    assert {code for slot in clash.recipient or () for code in slot} == {"AFGMIL"}
    assert torkham.file.read_text(encoding="utf-8").startswith("Pakistani troops")
    assert articles[known["nairobi"]].events[0].event == "PROTEST"


def test_gold_export_over_http(client: Any, known: dict[str, Any]) -> None:
    review(client, known["attack"], action="confirm", reviewer="ana")
    body = client.get("/api/reviews/export").json()
    assert body["format"] == "flashpoint-gold/1" and body["items"][0]["events"][0]["event"] == "ASSAULT"
    text = client.get("/api/reviews/export?format=yaml").text
    assert "flashpoint-gold/1" in text and "PAKREB" in text


@pytest.mark.parametrize("corrected", [{"cameo_code": "0x1"}, {"quad_class": 7}, {"actor": [{"code": "no code!"}]},
                                       {"event_loc": {"country_code": "Pakistan"}}, {"aggregate": "yes"}])
def test_normalise_correction_rejects(corrected: dict[str, Any]) -> None:
    with pytest.raises(InputError):
        normalise_correction(corrected)


def test_normalise_correction_derives_codes() -> None:
    fixed = normalise_correction({"cameo_code": "190"})
    assert fixed["quad_class"] == 4
    assert normalise_correction({"actor": "PAKMIL"})["actor"][0]["country"] == "PAK"
