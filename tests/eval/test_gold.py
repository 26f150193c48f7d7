"""The YAML gold reader: valid files become records; bad ones fail with file, line and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval import gold

SAMPLES = Path(__file__).parents[2] / "src" / "flashpoint" / "samples"

VALID = """\
format: flashpoint-gold/1
articles:
  - file: article.txt
    id: bannu
    document_date: 2023-01-03
    times:
      - {text: Monday night, value: 2023-01-02}
      - {text: last month, value: "2022-12"}
      - {text: "2022", value: 2022}
    places:
      - {text: Bannu, aliases: [Bannu district], country: PK, admin1: [Khyber Pakhtunkhwa, KP], lat: 32.98, lon: 70.6}
    actors:
      - {text: Khawaja Asif, code: PAKGOV, country: PK, sector: gov}
      - {text: the group, code: [PAKREB, PAKINS]}
    statements:
      - {content: their lands are being used, speaker: PAKGOV, speaker_name: Asif, stance: accuse}
    events:
      - event: assault
        cameo: "19"
        actor: [PAKMIL]
        recipient: [[PAKREB, PAKINS]]
        dead: 33
        injured: {low: 24, high: 99}
        place: {country: PAK, admin1: Khyber Pakhtunkhwa}
        date: 2022-12
        aggregate: false
      - {event: THREATEN, actor: [], modality: conditional}
"""


def parse(text: str, tmp_path: Path) -> list[gold.GoldArticle]:
    (tmp_path / "article.txt").write_text("Some text.", encoding="utf-8")
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    return gold.read(path)


def test_valid_gold_becomes_records(tmp_path: Path) -> None:
    [article] = parse(VALID, tmp_path)
    assert article.label == "bannu" and article.document_date == dt.date(2023, 1, 3)
    assert article.file == (tmp_path / "article.txt").resolve()
    assert [t.value for t in article.times] == ["2023-01-02", "2022-12", "2022"]
    place = article.places[0]
    assert place.texts == ("Bannu", "Bannu district") and place.country == "PAK"
    assert place.admin1 == ("Khyber Pakhtunkhwa", "KP") and (place.lat, place.lon) == (32.98, 70.6)
    assert article.actors[0].country == "PAK" and article.actors[0].sector == "GOV"
    assert article.actors[1].codes == ("PAKREB", "PAKINS")
    assert article.statements[0].speaker == ("PAKGOV",) and article.statements[0].stance == "accuse"
    assault, threat = article.events
    assert assault.event == "ASSAULT" and assault.actor == (frozenset({"PAKMIL"}),)
    assert assault.recipient == (frozenset({"PAKREB", "PAKINS"}),)
    assert assault.dead == gold.GoldCount(33, 33) and assault.injured == gold.GoldCount(24, 99)
    assert assault.date == "2022-12" and assault.country == "PAK" and assault.aggregate is False
    assert threat.actor == () and threat.recipient is None and threat.modality == "conditional"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("    tims: []\n", ["line 11", "unknown key 'tims'", "did you mean 'times'"]),
        ("    events:\n      - {event: ASAULT}\n", ["line 12", "'ASAULT' is unknown", "did you mean 'ASSAULT'"]),
        ("    events:\n      - {event: ASSAULT, cameo: 190}\n", ["line 12", "in quotes"]),
        ("    events:\n      - {event: ASSAULT, dead: -3}\n", ["line 12", "dead -3 is not a count", "dead: 12"]),
        ("    events:\n      - {event: ASSAULT, date: 23/01/02}\n", ["line 12", "YYYY-MM-DD"]),
        ("    actors:\n      - {text: X, code: pakgov}\n", ["line 12", "PAKGOV"]),
        ("    actors:\n      - {text: X, sector: GUV}\n", ["did you mean 'GOV'"]),
        ("    places:\n      - {text: X, country: ZZ}\n", ["unknown country code 'ZZ'", "ISO 3166"]),
        ("    places:\n      - {text: X, lat: 12}\n", ["both lat and lon"]),
        ("    times:\n      - {text: Monday, value: next week}\n", ["TIMEX3"]),
        ("    statements:\n      - {speaker: PAKGOV}\n", ["needs the key 'content'"]),
        ("    statements:\n      - {content: x, stance: angry}\n", ["'angry' is unknown"]),
    ],
)
def test_bad_gold_names_file_line_and_fix(tmp_path: Path, broken: str, expected: list[str]) -> None:
    text = "format: flashpoint-gold/1\narticles:\n  - file: article.txt\n" + "\n" * 7 + broken
    with pytest.raises(EvalError) as info:
        parse(text, tmp_path)
    message = str(info.value)
    assert "gold.yaml" in message
    for part in expected:
        assert part in message


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = "articles:\n  - file: missing.txt\n    events:\n      - {event: ASAULT, cameo: 190, dead: -1}\n"
    with pytest.raises(EvalError) as info:
        parse(text, tmp_path)
    message = str(info.value)
    assert "line 2" in message and "'missing.txt' not found" in message
    assert "ASAULT" in message and "cameo 190" in message and "dead -1" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("articles: [\n", "not valid YAML"),
        ("articles:\n  - file: article.txt\n    file: other.txt\n", "duplicate key 'file'"),
        ("- file: article.txt\n", "a list under 'articles:'"),
        ("format: other/2\narticles: []\n", "format 'other/2' is unknown"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(EvalError, match=expected):
        parse(text, tmp_path)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no such gold file"):
        gold.read(tmp_path / "nope.yaml")
    with pytest.raises(EvalError, match="no gold files"):
        gold.read(tmp_path)


def test_shipped_sample_gold_is_valid() -> None:
    articles = gold.read(SAMPLES / "gold")
    assert len(articles) >= 10
    assert all(a.document_date and a.events and a.actors and a.times for a in articles)
    assert len({a.file for a in articles}) >= 10
