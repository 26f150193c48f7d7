from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF
from flashpoint.eval.places import conventions, read_gold, score_doc
from flashpoint.types import Place

TEXT = "Shots in Paris and Lyon; a French team flew to Kenya."


def write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def gold_rows() -> list[dict]:
    return [{
        "corpus": "TR-News", "doc_id": "d1", "text": TEXT,
        "toponyms": [
            {"start": 9, "end": 14, "name": "Paris", "lat": 48.85, "lon": 2.35},
            {"start": 19, "end": 23, "name": "Lyon", "lat": 45.75, "lon": 4.85},
            {"start": 27, "end": 33, "name": "French", "lat": 46.0, "lon": 2.0},
            # a shifted span, as the corpus has a few: the reader moves it onto the name
            {"start": 44, "end": 49, "name": "Kenya", "lat": 1.0, "lon": 38.0, "offset_mismatch": True},
        ],
    }]


def test_reader_fixes_shifted_spans(tmp_path: Path) -> None:
    (doc,) = read_gold(write(tmp_path, gold_rows()))
    assert [TEXT[t.start : t.end] for t in doc.toponyms] == ["Paris", "Lyon", "French", "Kenya"]
    assert doc.corpus == "TR-News"


def test_reader_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="line 1"):
        read_gold(path)


def test_scores_spans_and_distances(tmp_path: Path) -> None:
    (doc,) = read_gold(write(tmp_path, gold_rows()))
    predicted = [
        Place("Paris", 9, 14, name="Paris", lat=48.86, lon=2.35, resolved=True),  # exact, right
        Place("Lyon;", 19, 24, name="Lyon", lat=-33.0, lon=151.0, resolved=True),  # overlap, far away
        Place("Kenya", 47, 52, resolved=False),  # exact, unresolved
        Place("flew", 39, 43, resolved=False),  # spurious
    ]
    exact, overlap, errors, distances = PRF(), PRF(), [], []
    score_doc(doc, predicted, exact, overlap, errors, distances)
    assert (exact.tp, exact.fp, exact.fn) == (2, 2, 2)
    assert (overlap.tp, overlap.fp, overlap.fn) == (3, 1, 1)
    assert sum(1 for d in distances if d <= 161) == 1 and len(distances) == 3
    kinds = sorted(e["error"] for e in errors)
    assert kinds == ["far", "far", "missed", "spurious"]


def test_corpus_conventions() -> None:
    assert conventions("TR-News")["demonyms"] == "all"
    assert conventions("GeoVirus")["demonyms"] == "none"


def test_same_entity_reads_the_wikipedia_title_and_its_qualifier() -> None:
    from flashpoint.eval.places import same_entity

    china = Place("China", 0, 5, name="China", geonameid=1814991, feature="country", country_iso2="CN",
                  lat=35.0, lon=105.0, resolved=True)
    assert same_entity(china, "https://en.wikipedia.org/wiki/China", 182.0)
    assert not same_entity(china, "https://en.wikipedia.org/wiki/China", 2500.0)  # beyond a country's extent
    assert not same_entity(china, "https://en.wikipedia.org/wiki/Taiwan", 182.0)
    state = Place("Georgia", 0, 7, name="Georgia", feature="admin1", country_iso2="US", admin1="Georgia",
                  resolved=True)
    country = Place("Georgia", 0, 7, name="Georgia", geonameid=614540, feature="country", country_iso2="GE",
                    resolved=True)
    assert same_entity(state, "https://en.wikipedia.org/wiki/Georgia_(U.S._state)", 100.0)
    assert not same_entity(country, "https://en.wikipedia.org/wiki/Georgia_(U.S._state)", 100.0)
    town = Place("Santa Ana", 0, 9, name="Santa Ana", feature="city", country_iso2="US", admin1="California",
                 resolved=True)
    assert same_entity(town, "https://en.wikipedia.org/wiki/Santa_Ana,_California", 20.0)
    assert not same_entity(town, "https://en.wikipedia.org/wiki/Santa_Ana,_El_Salvador", 20.0)


def test_reader_reports_non_json_and_non_utf8_lines(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_bytes(json.dumps(gold_rows()[0]).encode() + b"\n[1, 2]\n")
    with pytest.raises(EvalError, match="line 2.*not an object"):
        read_gold(path)
    path.write_bytes(b"\xff\xfe\n")
    with pytest.raises(EvalError, match="UTF-8"):
        read_gold(path)


def test_geonames_based_corpora_take_geonames_points() -> None:
    assert conventions("LGL") == {"demonyms": "none", "anaphora": False, "points": "geonames",
                                  "inside_orgs": "countries"}
    assert conventions("GeoWebNews")["demonyms"] == "all" and conventions("GeoWebNews")["points"] == "geonames"
    assert conventions("local-news", geonames_gold=True)["points"] == "geonames"
    assert conventions("local-news")["points"] == "centroid"
    assert conventions("GeoVirus", geonames_gold=True)["points"] == "centroid"
