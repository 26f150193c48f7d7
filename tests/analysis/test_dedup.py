from __future__ import annotations

from collections.abc import Callable

from flashpoint.analysis import clusters, dedup
from flashpoint.store.db import Store

WIRE = (
    "NAIROBI, Kenya - Police fired tear gas at hundreds of protesters who marched on parliament on Tuesday "
    "against a finance bill that raises taxes on bread, fuel and mobile money transfers. Witnesses said "
    "officers chased demonstrators through the central business district while shops pulled down their "
    "shutters. The Kenya Human Rights Commission said at least twelve people were arrested and several were "
    "taken to hospital with injuries. The government says the new taxes are needed to cut borrowing and "
    "pay down debt, while opposition leaders have called for more protests later this week."
)
EDITED = WIRE.replace("on Tuesday", "on Tuesday afternoon").replace("several", "a number") + (
    " Additional reporting by our correspondent.")
OTHER = (
    "ISLAMABAD - Pakistan's central bank held its key interest rate steady on Monday, saying inflation "
    "remained high but was expected to ease in the second half of the year as food prices stabilise. The "
    "governor told reporters that the balance of payments had improved after new financing from friendly "
    "countries, and that reserves would rise further once the next loan tranche is released by lenders."
)
RELATED = (
    "NAIROBI, Kenya - Kenyan lawmakers debated the finance bill again on Wednesday after a day of protests in "
    "the capital. Several members of parliament said the proposed taxes on bread and fuel would hurt poor "
    "households, and the treasury secretary promised amendments before the final vote next week."
)


def test_a_lightly_edited_copy_is_linked_and_a_different_article_is_not(
        store: Store, write: Callable[..., str]) -> None:
    original = write([{"date": "2023-06-20"}], text=WIRE, published="2023-06-20", source="AP")
    other = write([], text=OTHER, published="2023-06-20")
    related = write([], text=RELATED, published="2023-06-21")
    dedup.link_duplicates(store, [original, other, related])
    copy = write([{"date": "2023-06-20"}], text=EDITED, published="2023-06-21", source="Nation")
    links = dedup.link_duplicates(store, [copy])
    assert [(link.article_id, link.duplicate_of) for link in links] == [(copy, original)]
    assert links[0].similarity >= dedup.JACCARD
    assert dedup.duplicate_articles(store) == {copy}
    clusters.build(store)
    (row,) = clusters.list_clusters(store)
    assert row["articles"] == 1  # the copy's event is evidence, not a second source


def test_the_earliest_copy_becomes_the_original(store: Store, write: Callable[..., str]) -> None:
    late = write([], text=WIRE, published="2023-06-22")
    dedup.link_duplicates(store, [late])
    early = write([], text=EDITED, published="2023-06-20")
    dedup.link_duplicates(store, [early])
    assert dedup.duplicate_articles(store) == {late}
    assert store.article(late)["duplicate_of"] == early


def test_similarity_measures() -> None:
    a, b = dedup.shingles(WIRE), dedup.shingles(EDITED)
    assert dedup.is_duplicate(a, b)[0]
    assert not dedup.is_duplicate(a, dedup.shingles(RELATED))[0]
    short = dedup.shingles(" ".join(WIRE.split()[:40]))
    ok, value, method = dedup.is_duplicate(short, a)  # a truncated copy is contained in the full one
    assert ok and method == "containment" and value == 1.0
    assert len(dedup.signature(a)) == dedup.PERMUTATIONS and len(dedup.bands(dedup.signature(a))) == dedup.BANDS


def test_ingest_links_syndicated_copies(store: Store, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from flashpoint import jobs
    from flashpoint.types import DocDate, Extraction

    def process(articles, doc_date=None):  # type: ignore[no-untyped-def]
        return [Extraction(a, DocDate(dt.date(2023, 6, 20), "metadata", 1.0)) for a in articles]

    monkeypatch.setattr(jobs.pipeline, "process", process)
    for name, text in (("a.txt", WIRE), ("b.txt", EDITED), ("c.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = jobs.ingest([str(tmp_path)], store, batch_size=2)
    assert result.stored == 3 and not result.failures
    assert len(dedup.duplicate_articles(store)) == 1
