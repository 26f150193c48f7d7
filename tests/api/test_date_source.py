"""The API returns each event's date_source and can leave out events dated only by the document date."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .conftest import TOKEN, torkham


def _store_with_a_document_dated_threat(url: str) -> tuple[Any, str, str]:
    from flashpoint.store import open_store

    item = torkham()
    clash, threat = item.events[0], item.events[1]
    item = dataclasses.replace(item, events=(dataclasses.replace(clash, date_source="text"),
                                             dataclasses.replace(threat, date_source="document"),
                                             *item.events[2:]))
    store = open_store(url)
    store.write([item])
    return store, clash.id, threat.id


def test_api_records_carry_date_source_and_filter_document_dates(store_url: str) -> None:
    from fastapi.testclient import TestClient

    from flashpoint.api import create_app

    store, clash, threat = _store_with_a_document_dated_threat(store_url)
    store.close()
    with TestClient(create_app(store_url, token=TOKEN), raise_server_exceptions=False) as client:
        every = {r["id"]: r["date_source"] for r in client.get("/api/events").json()["items"]}
        assert every[clash] == "text" and every[threat] == "document"
        kept = {r["id"] for r in client.get("/api/events", params={"document_dated": "false"}).json()["items"]}
        assert clash in kept and threat not in kept
        only = {r["id"] for r in client.get("/api/events", params={"document_dated": "true"}).json()["items"]}
        assert only == {threat}
        assert client.get(f"/api/events/{threat}").json()["date_source"] == "document"
        # an analyst's date correction is no longer the document's guess, and the filter follows it
        review = client.post(f"/api/events/{threat}/review", headers={"Authorization": f"Bearer {TOKEN}"},
                             json={"action": "correct", "reviewer": "ana", "corrected": {"date": "2023-01-02"}})
        assert review.status_code == 201, review.text
        assert review.json()["event"]["date_source"] == "analyst"
        kept = {r["id"] for r in client.get("/api/events", params={"document_dated": "false"}).json()["items"]}
        assert threat in kept


def test_cli_events_can_leave_out_document_dates_and_show_prints_the_source(tmp_path) -> None:
    from click.testing import CliRunner

    from flashpoint.cli import main

    db = str(tmp_path / "cli.db")
    store, clash, threat = _store_with_a_document_dated_threat(db)
    article = store.events()[0]["article_id"]
    store.close()
    runner = CliRunner()
    every = runner.invoke(main, ["events", "--db", db, "--format", "json"])
    assert every.exit_code == 0, every.output
    assert {r["id"] for r in json.loads(every.output)} >= {clash, threat}
    kept = runner.invoke(main, ["events", "--db", db, "--format", "json", "--no-document-dates"])
    assert kept.exit_code == 0, kept.output
    ids = {r["id"] for r in json.loads(kept.output)}
    assert clash in ids and threat not in ids
    shown = runner.invoke(main, ["show", article[:8], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "2023-01-02 (text) ASSAULT" in shown.output and "(document)" in shown.output
