"""The dashboard end to end in real headless chromium: load, filter, read an article, review, stay safe."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.model]

TOKEN = "e2e-token-0123456789"


def ids() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("api_builders", Path(__file__).parents[1] / "api" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ids()


KNOWN = ids()


def test_every_page_loads_offline_without_script_errors(page: Any) -> None:
    for path in ("/", "/timeline", "/map", "/dyads", "/network", "/events", "/articles", "/clusters", "/reviews"):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert page.errors == [] and page.foreign == []


def test_overview_charts_and_map_render(page: Any) -> None:
    page.goto("/")
    assert int(page.locator(".card .n").first.inner_text()) >= 3  # articles: the samples and the hand-built ones
    page.goto("/timeline")
    assert page.locator("#timeline-chart svg rect.bar").count() >= 2
    page.goto("/map")
    page.wait_for_selector("#map-svg path.country")
    assert page.locator("#map-svg path.country").count() > 100  # Natural Earth admin-0 countries
    assert page.locator("#map-svg circle.event-dot").count() >= 3
    page.goto("/dyads?source=PAK&target=AFG&interval=day")
    assert page.locator("#dyad-chart svg path").count() >= 1
    page.goto("/network")
    assert page.locator("#network svg g.node").count() >= 2
    assert page.errors == [] and page.foreign == []


def test_event_table_filter(page: Any) -> None:
    page.goto("/events")
    page.select_option("#filters select[name=type]", "PROTEST")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/events?*type=PROTEST*")
    types = page.locator("table.events tbody tr td:nth-child(2) a").all_inner_texts()
    assert types and set(types) == {"PROTEST"}
    assert KNOWN["march"] in [row.get_attribute("data-event-id") for row in page.locator("table.events tbody tr").all()]
    assert "type=PROTEST" in page.get_attribute("#export-csv", "href")


def test_article_view_highlights_evidence(page: Any) -> None:
    page.goto("/articles?q=Torkham")
    page.locator("a.article-link", has_text="Border clash at Torkham").click()
    page.wait_for_selector("#article-text")
    event_mark = page.locator("#article-text a.hl-event", has_text="clashed")
    assert event_mark.count() == 1
    for kind, text in (("actor", "Pakistani troops"), ("place", "Torkham"), ("date", "Monday"),
                       ("quote", "to any aggression")):
        assert page.locator(f"#article-text a.hl-{kind}", has_text=text).count() >= 1, kind
    event_mark.click()
    record = page.locator(f".rec.active#ev-{KNOWN['clash']}")
    assert record.count() == 1 and "ASSAULT" in record.inner_text()
    assert page.errors == []


def test_hostile_article_is_shown_as_text(page: Any) -> None:
    page.goto(f"/articles/{KNOWN['hostile']}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 1</script><b>Bold</b> title" in page.inner_text("h1")
    assert page.locator("h1 b, #article-text b, #article-text script, #article-text img, .records img").count() == 0
    text = page.inner_text("#article-text")
    assert '<img src=x onerror="window.__pwned=3">Evil Front' in text and "<b>not bold</b>" in text
    assert '<img src=x onerror="window.__pwned=3">Evil Front' in page.inner_text(".records")
    page.goto("/events?country=PAK")
    page.goto("/network")
    page.goto("/reviews")
    assert page.evaluate("window.__pwned") is None and page.errors == []


def test_submit_a_review_and_see_it_applied(page: Any) -> None:
    gas = KNOWN["gas"]
    page.goto("/reviews?country=KEN")
    page.fill("#token", TOKEN)
    form = page.locator(f'form.review-form[data-event-id="{gas}"]')
    form.locator("input[name=reviewer]").fill("e2e analyst")
    form.locator("select[name=action]").select_option("correct")
    form.locator("select[name=event]").select_option("ASSAULT")
    form.locator("input[name=dead]").fill("3")
    form.locator("button[type=submit]").click()
    status = form.locator(".status.ok")
    status.wait_for()
    assert "ASSAULT" in status.inner_text()
    page.goto(f"/events/{gas}")
    assert "ASSAULT" in page.inner_text("#field-event")
    assert "correct" in page.inner_text("#event-record")
    page.goto("/events?type=ASSAULT&country=KEN")
    rows = page.locator("table.events tbody tr")
    assert any(row.get_attribute("data-event-id") == gas for row in rows.all())
    page.goto("/events?type=COERCE&country=KEN")
    assert not any(row.get_attribute("data-event-id") == gas for row in page.locator("table.events tbody tr").all())


def test_review_without_token_is_refused(page: Any) -> None:
    page.goto("/reviews?country=KEN&review=any")
    form = page.locator("form.review-form").first
    form.locator("input[name=reviewer]").fill("intruder")
    form.locator("button[type=submit]").click()
    failed = form.locator(".status.fail")
    failed.wait_for()
    assert "token" in failed.inner_text().lower()
