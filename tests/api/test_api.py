"""The REST API in-process: resources, paging, sorting, filters, the one error shape, write access."""

from __future__ import annotations

from typing import Any

import pytest

from flashpoint.api.errors import error_body

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "detail"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_error_shape_is_pinned() -> None:
    assert error_body(404, "no event with id 'x'") == {
        "error": {"status": 404, "code": "not_found", "message": "no event with id 'x'", "detail": None}}


def test_404_422_and_500_share_the_error_shape(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_error(client.get("/api/no-such-resource"), 404, "not_found")
    assert_error(client.get("/api/events/nope"), 404, "not_found")
    assert_error(client.get("/api/articles/zzzzzzzz"), 404, "not_found")
    error = assert_error(client.get("/api/events?limit=0"), 422, "invalid_input")
    assert error["detail"][0]["loc"] == ["query", "limit"]
    assert_error(client.get("/api/events?since=yesterday"), 422, "invalid_input")
    assert_error(client.get("/api/events?sort=-nonsense"), 422, "invalid_input")
    assert_error(client.get("/events?format=json&limit=100000"), 422, "invalid_input")

    from flashpoint.api import query

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(query, "events", boom)
    error = assert_error(client.get("/api/events"), 500, "internal_error")
    assert "secret internals" not in error["message"]


def test_index_and_openapi(client: Any) -> None:
    index = client.get("/api").json()
    assert index["counts"]["articles"] == 3 and index["counts"]["events"] == 5 and index["writable"] is True
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/events", "/api/articles/{article_id}", "/api/events/{event_id}/review", "/api/reviews/export",
                 "/api/timeline", "/api/network", "/api/clusters/{cluster_id}"):
        assert path in spec["paths"], path
    assert "/" not in spec["paths"]  # pages are not API
    assert client.get("/docs").status_code == 404  # the stock docs would load scripts from a CDN


def test_events_paging_and_sorting(client: Any) -> None:
    first = client.get("/api/events?limit=2&sort=-date").json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next"]
    dates = [e["date"] for e in first["items"]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-06-25"
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    seen = [e["id"] for page in (first, second, third) for e in page["items"]]
    assert len(seen) == len(set(seen)) == 5 and third["next"] is None
    by_conf = client.get("/api/events?sort=confidence").json()["items"]
    assert [e["confidence"] for e in by_conf] == sorted(e["confidence"] for e in by_conf)
    assert client.get("/api/events?limit=501").status_code == 422


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ASSAULT", {"clash", "attack"}),
        ("country=KEN", {"march", "gas"}),
        ("actor=PAKMIL", {"clash"}),
        ("recipient=AFG", {"clash", "threat"}),
        ("dyad=PAK-AFG", {"clash", "threat"}),
        ("since=2024-01-01", {"march", "gas"}),
        ("until=2023-01-05", {"clash", "threat"}),
        ("quad_class=3", {"threat"}),
        ("modality=threatened", {"threat"}),
        ("place=peshawar", {"attack"}),
        ("min_confidence=0.75", {"clash", "march"}),
        ("cluster=c-test-1", {"clash", "attack"}),
        ("located=false", {"threat"}),
    ],
)
def test_event_filters(client: Any, known: dict[str, Any], query: str, expected: set[str]) -> None:
    body = client.get(f"/api/events?{query}").json()
    names = {name for name, value in known.items() if value in {e["id"] for e in body["items"]}}
    assert names == expected and body["total"] == len(expected)


def test_articles_and_article_view(client: Any, known: dict[str, Any]) -> None:
    listing = client.get("/api/articles?sort=-published").json()
    assert [a["id"] for a in listing["items"]] == [known["nairobi"], known["hostile"], known["torkham"]]
    assert client.get("/api/articles?q=torkham").json()["total"] == 1
    article = client.get(f"/api/articles/{known['torkham'][:10]}").json()
    assert article["id"] == known["torkham"] and "Torkham" in article["text"]
    kinds = {a["kind"] for a in article["annotations"]}
    assert kinds == {"event", "quote", "actor", "place", "date"}
    for item in article["annotations"]:
        assert 0 <= item["start"] < item["end"] <= len(article["text"])
    clash = next(a for a in article["annotations"] if a["target"] == known["clash"])
    assert article["text"][clash["start"]:clash["end"]] == "clashed"


def test_other_resources(client: Any, known: dict[str, Any]) -> None:
    statements = client.get("/api/statements?stance=threaten").json()
    assert [s["id"] for s in statements["items"]] == [f"{known['torkham']}-s1"]
    actors = {a["code"]: a for a in client.get("/api/actors").json()["items"]}
    assert actors["AFGGOV"]["as_target"] == 2 and actors["PAKGOV"]["statements"] == 1
    assert client.get("/api/actors/PAKMIL").json()["latest_as_source"][0]["id"] == known["clash"]
    points = client.get("/api/places/map").json()["items"]
    assert {p["precision"] for p in points} == {1} and len(points) == 4
    cluster = client.get("/api/clusters/c-test-1").json()
    assert {s["id"] for s in cluster["sources"]} == {known["torkham"], known["hostile"]}
    timeline = client.get("/api/timeline?interval=month").json()["items"]
    assert [b["period"] for b in timeline] == ["2023-01", "2024-06"] and timeline[0]["by_quad"]["4"] == 2
    network = client.get("/api/network").json()
    assert {(e["source"], e["target"]) for e in network["edges"]} >= {("PAKMIL", "AFGGOV"), ("KENCOP", "KENCVL")}
    dyad = client.get("/api/dyads/PAK/AFG?interval=day").json()
    assert dyad["forward"][0]["events"] == 2 and dyad["backward"] == []


def test_exports(client: Any, known: dict[str, Any]) -> None:
    csv_text = client.get("/api/events/export?format=csv&country=KEN").text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("id,article_id") and len(lines) == 3
    jsonl = client.get("/api/events/export?format=jsonl").text.strip().splitlines()
    assert len(jsonl) == 5


def test_writes_need_the_token(client: Any, known: dict[str, Any]) -> None:
    body = {"action": "confirm", "reviewer": "ana"}
    url = f"/api/events/{known['clash']}/review"
    assert_error(client.post(url, json=body), 401, "unauthorized")
    assert_error(client.post(url, json=body, headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    assert_error(client.post("/api/articles", json={"text": "x"}), 401, "unauthorized")
    assert client.post(url, json=body, headers=AUTH).status_code == 201


def test_read_only_without_operator_token(store_path: Any, known: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from flashpoint.api import create_app

    with TestClient(create_app(str(store_path))) as read_only:
        response = read_only.post(f"/api/events/{known['clash']}/review", json={"action": "confirm", "reviewer": "a"},
                                  headers={"Authorization": "Bearer anything"})
        assert_error(response, 403, "read_only")
        assert read_only.get("/api/events").status_code == 200


def test_ingest_endpoint(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashpoint import jobs
    from flashpoint.types import DocDate, Extraction

    monkeypatch.setattr(jobs, "extract_safely",
                        lambda articles, **_: ([Extraction(a, DocDate(None, "none", 0.0)) for a in articles], []))
    text = {"text": "Officials met in Geneva on Friday.", "title": "Talks", "published": "2024-02-02"}
    created = client.post("/api/articles", json=text, headers=AUTH)
    assert created.status_code == 201 and created.json()["stored"] is True
    again = client.post("/api/articles", json=text, headers=AUTH).json()
    assert again["stored"] is False
    assert client.get(f"/api/articles/{created.json()['id']}").json()["title"] == "Talks"
    assert_error(client.post("/api/articles", json={"text": ""}, headers=AUTH), 422, "invalid_input")


def test_security_headers(client: Any) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
