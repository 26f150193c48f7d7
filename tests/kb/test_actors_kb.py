"""The actor knowledge base: packaged files load, bad files are rejected with file, line and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract.actorkb.kb import default_kb, load_kb


@pytest.fixture(scope="module")
def kb():
    return default_kb()


def test_countries_demonyms_and_capitals(kb):
    assert kb.countries["PAK"].name == "Pakistan"
    hows = {(n.entry_id, n.how) for n in kb.names["afghan"]}
    assert ("country:AFG", "demonym") in hows
    assert ("country:AFG", "capital") in {(n.entry_id, n.how) for n in kb.names["kabul"]}
    assert kb.countries["USA"].wikidata == "Q30"


@pytest.mark.parametrize(
    "day, code",
    [(dt.date(2021, 8, 14), "AFGREB"), (dt.date(2021, 8, 15), "AFGGOV"), (dt.date(2023, 1, 3), "AFGGOV"),
     (dt.date(1999, 1, 1), "AFGGOV"), (dt.date(2010, 6, 1), "AFGREB")],
)
def test_taliban_code_depends_on_the_date(kb, day, code):
    role, former = kb.entries["afghan-taliban"].role_at(day)
    assert role.code == code and not former


def test_ttp_aliases_are_pakistani_rebels(kb):
    for alias in ("ttp", "tehreek-e-taliban pakistan", "pakistani taliban"):
        assert kb.names[alias][0].entry_id == "ttp"
    assert kb.entries["ttp"].roles[0].code == "PAKREB"


def test_office_holders_by_date(kb):
    assert [e.id for e in kb.holders("PAK", "defence minister", dt.date(2023, 1, 2))] == ["khawaja-asif"]
    assert [e.id for e in kb.holders("PAK", "prime minister", dt.date(2023, 1, 2))] == ["shehbaz-sharif"]
    assert [e.id for e in kb.holders("PAK", "prime minister", dt.date(2020, 1, 2))] == ["imran-khan"]
    assert [e.id for e in kb.holders("USA", "president", dt.date(2023, 1, 2))] == ["joe-biden"]


@pytest.mark.parametrize(
    "person, day, code",
    [("assimi-goita", dt.date(2023, 5, 1), "MLIGOV"), ("ibrahim-traore", dt.date(2024, 1, 1), "BFAGOV"),
     ("abdel-fattah-al-burhan", dt.date(2019, 6, 1), "SDNMIL"), ("abdel-fattah-al-burhan", dt.date(2024, 1, 1), "SDNGOV"),
     ("min-aung-hlaing", dt.date(2020, 6, 1), "MMRMIL"), ("min-aung-hlaing", dt.date(2022, 6, 1), "MMRGOV")],
)
def test_a_military_ruler_in_the_head_of_states_office_is_government(kb, person, day, code):
    role, former = kb.entries[person].role_at(day)
    assert role.code == code and not former


def test_south_sudan_is_a_country(kb):
    assert kb.countries["SSD"].name == "South Sudan"
    assert ("country:SSD", "demonym") in {(n.entry_id, n.how) for n in kb.names["south sudanese"]}


def test_former_office_holder_is_flagged(kb):
    role, former = kb.entries["ashraf-ghani"].role_at(dt.date(2023, 1, 1))
    assert former and role.office == "president"


def test_acronyms_match_case_sensitively(kb):
    assert all(n.case_sensitive for n in kb.names["is"])
    assert not kb.names["taliban"][0].case_sensitive


def test_agents_override_general_table(kb):
    assert kb.agents["militant"].sectors == ("REB",)  # the general table says UAF
    assert kb.agents["spokesman"].sectors == ("ORG",)
    assert kb.agents["interior minister"].office == "interior minister"
    assert "capital" not in kb.agents  # removed with NONE


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    _write(tmp_path, "groups.yaml", "- id: x\n  name: X\n  codes: [{code: PAKREB\n- id: y\n")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([tmp_path])
    assert "groups.yaml" in str(info.value) and info.value.line is not None and "fix" in str(info.value)


def test_unknown_country_code_is_rejected(tmp_path):
    _write(tmp_path, "groups.yaml", "- id: x\n  name: X\n  aliases: [X Front]\n  codes:\n    - {code: XYZREB}\n")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([tmp_path])
    assert info.value.line == 1 and "XYZ" in str(info.value)


def test_unknown_sector_is_rejected(tmp_path):
    _write(tmp_path, "agents.tsv", "phrase\tsectors\tkind\toffice\nwarlord\tWAR\tperson\t\n")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([tmp_path])
    assert info.value.line == 2 and "WAR" in str(info.value)


def test_bad_date_is_rejected(tmp_path):
    _write(tmp_path, "persons.yaml", "- {id: p, name: P Q, roles: [{office: president, code: PAKGOV, from: 2023-13-45}]}\n")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([tmp_path])
    assert "YYYY-MM-DD" in str(info.value)


def test_user_files_extend_the_kb(tmp_path, monkeypatch):
    _write(tmp_path, "groups.yaml", "- id: new-front\n  name: New Front\n  aliases: [NFX]\n  codes:\n    - {code: NGAREB}\n")
    kb = load_kb([tmp_path])
    assert kb.names["nfx"][0].entry_id == "new-front"
    assert kb.entries["new-front"].roles[0].sector == "REB"
    monkeypatch.setenv("FLASHPOINT_KB_PATH", str(tmp_path))
    assert "new-front" in load_kb().entries
