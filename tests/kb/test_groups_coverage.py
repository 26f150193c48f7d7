"""Named organisations in groups.yaml: a sample of names and the code they take on a date, and aliases
that must not collide with place names or ordinary English words."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.extract.actorkb.kb import KnowledgeBase, default_kb

GROUP_KINDS = frozenset({"group", "party", "institution", "organisation"})

# Frequent English words (function words, news vocabulary, words that double as names). No alias of a
# named organisation may be one of these, in any casing.
COMMON_WORDS = frozenset("""
a about above across act action after again against age ago agree agreement aid air alliance all
allies ally also although always among an and another answer any area arm armed arms army around
as ask at attack attacks away back bank base battle be because become been before behind being
below best better between big bill black blue board body border both brigade build business but
by call camp can capital car care case cause center central centre change chief child church city
civil clash clear close coalition coast come command common community congress control corps council
country court cover crisis cross dark day dead deal death defence defense democracy democratic
development did die direct do does dog done down draw drive during each early east economic
election else end enemy even ever every fact faith family far father federal field fight fighters
figure find fire first five follow for force forces foreign form forward four free freedom friend
from front future game general get give go god gold good government great green ground group guard
gulf had half hand hard has have he head health help her here high him his history hold home hope
horse house how human idea if in independent independence interior into is island it its job join
journey just justice keep key kill kind king land last late law lead leader league left legion less
liberation life light like line live local long look love made main major make man many march mark
may me mean men middle might military militia mind minister ministry moon more morning most mother
move movement much must my name nation national nature near need never new news next night no north
not now number of off office old on once one only open or order other our out over own pact page
paper part parties party pass past patriot patriotic peace people per person place plan platform
play point police policy political popular port power president press public rally rebel rebels
red reform region republic resistance rest return revolution right river road rock room round rule
run said same school sea second security see self service set shall she should show side sign since
small so social some son south special spring square staff star start state states still stop
strong such sun support system take talk team than that the their them then there these they thing
think this those three through time to today together too total town trade tree true truth two under
union unit united unity up us use very victory voice volunteer volunteers wall war was water way we
week well west what when where which while white who why will wind with without woman women word
work workers world would year yes yet you young your youth
""".split())

# Acronyms that are ordinary words or name other frequent things (armoured personnel carrier, public
# limited company, file format, bank, Communist Party of China ...): no group may use them.
AMBIGUOUS_ACRONYMS = ("APC", "PDP", "CPC", "CPP", "PPP", "DPP", "PDF", "BNP", "ANC", "JEM", "SLA", "STC",
                      "PLC", "NPA", "GNA", "EFF", "SNS", "PRI", "KIA", "AAP", "RPF", "CHP", "MILF", "FACT")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def _group_aliases(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(key, n.entry_id) for key, names in kb.names.items() for n in names
            if kb.entries[n.entry_id].kind in GROUP_KINDS]


@pytest.mark.parametrize(
    "name, day, code",
    [
        ("JNIM", dt.date(2024, 6, 1), "MLIREB"),
        ("Islamic State Sahel Province", dt.date(2023, 3, 1), "MLIREB"),
        ("Volunteers for the Defence of the Homeland", dt.date(2023, 3, 1), "BFAUAF"),
        ("CODECO", dt.date(2022, 2, 1), "CODREB"),
        ("FDLR", dt.date(2025, 2, 1), "RWAREB"),
        ("Wazalendo", dt.date(2025, 2, 1), "CODUAF"),
        ("RED-Tabara", dt.date(2024, 1, 1), "BDIREB"),
        ("Seleka", dt.date(2013, 6, 1), "CAFGOV"),
        ("ex-Seleka", dt.date(2015, 6, 1), "CAFREB"),
        ("Ambazonian separatists", dt.date(2019, 5, 1), "CMRREB"),
        ("Islamic State Mozambique Province", dt.date(2022, 5, 1), "MOZREB"),
        ("Oromo Liberation Army", dt.date(2023, 5, 1), "ETHREB"),
        ("Oromo Liberation Front", dt.date(2017, 5, 1), "ETHREB"),
        ("Oromo Liberation Front", dt.date(2020, 5, 1), "ETHOPP"),
        ("Prosperity Party", dt.date(2021, 6, 21), "ETHGOV"),
        ("SPLM-N", dt.date(2023, 6, 1), "SDNREB"),
        ("Justice and Equality Movement", dt.date(2015, 6, 1), "SDNREB"),
        ("Forces of Freedom and Change", dt.date(2020, 6, 1), "SDNGOV"),
        ("Forces of Freedom and Change", dt.date(2022, 6, 1), "SDNOPP"),
        ("Libyan National Army", dt.date(2019, 4, 5), "LBYREB"),
        ("Southern Transitional Council", dt.date(2019, 8, 10), "YEMREB"),
        ("Asa'ib Ahl al-Haq", dt.date(2024, 1, 28), "IRQUAF"),
        ("Al-Aqsa Martyrs' Brigades", dt.date(2023, 10, 8), "PSEREB"),
        ("Likud", dt.date(2021, 9, 1), "ISROPP"),
        ("Likud", dt.date(2024, 9, 1), "ISRGOV"),
        ("AKP", dt.date(2023, 5, 28), "TURGOV"),
        ("TNLA", dt.date(2023, 11, 1), "MMRREB"),
        ("National League for Democracy", dt.date(2018, 1, 1), "MMRGOV"),
        ("National League for Democracy", dt.date(2022, 1, 1), "MMROPP"),
        ("Awami League", dt.date(2023, 1, 1), "BGDGOV"),
        ("Awami League", dt.date(2025, 1, 1), "BGDOPP"),
        ("BLF", dt.date(2024, 8, 26), "PAKREB"),
        ("The Resistance Front", dt.date(2025, 4, 22), "INDREB"),
        ("Pheu Thai", dt.date(2024, 1, 1), "THAGOV"),
        ("Pheu Thai", dt.date(2025, 10, 1), "THAOPP"),
        ("Law and Justice party", dt.date(2020, 1, 1), "POLGOV"),
        ("PiS", dt.date(2024, 6, 1), "POLOPP"),
        ("All Progressives Congress", dt.date(2023, 2, 25), "NGAGOV"),
        ("Peoples Democratic Party", dt.date(2014, 2, 25), "NGAGOV"),
        ("ELN", dt.date(2025, 1, 20), "COLREB"),
        ("FARC", dt.date(2010, 1, 1), "COLREB"),
        ("FARC", dt.date(2019, 1, 1), "COLPTY"),
        ("Estado Mayor Central", dt.date(2024, 1, 1), "COLREB"),
        ("Clan del Golfo", dt.date(2023, 1, 1), "COLCRM"),
        ("CJNG", dt.date(2023, 1, 1), "MEXCRM"),
        ("Sinaloa Cartel", dt.date(2024, 9, 9), "MEXCRM"),
        ("Viv Ansanm", dt.date(2024, 3, 1), "HTICRM"),
        ("Tren de Aragua", dt.date(2025, 3, 15), "VENCRM"),
        ("Azov Brigade", dt.date(2023, 1, 1), "UKRMIL"),
        ("Georgian Dream", dt.date(2024, 10, 26), "GEOGOV"),
        ("Democratic Alliance", dt.date(2025, 1, 1), "ZAFGOV"),
        ("ZANU-PF", dt.date(2023, 8, 23), "ZWEGOV"),
        ("Democratic Party of Korea", dt.date(2023, 1, 1), "KOROPP"),
        ("Democratic Party of Korea", dt.date(2025, 7, 1), "KORGOV"),
    ],
)
def test_a_group_takes_the_code_in_force_on_the_day(kb, name, day, code):
    key = name.lower().removeprefix("the ")
    names = kb.names[key]
    entries = {n.entry_id for n in names}
    assert len(entries) == 1, f"{name!r} names several entries: {entries}"
    role, former = kb.entries[entries.pop()].role_at(day)
    assert role is not None and role.code == code and not former


def test_every_group_alias_names_one_entry(kb):
    clashes = {key: sorted({n.entry_id for n in kb.names[key]}) for key, _ in _group_aliases(kb)
               if len({n.entry_id for n in kb.names[key]}) > 1}
    assert not clashes


def test_no_group_alias_is_a_country_demonym_or_capital(kb):
    places = {key for key, names in kb.names.items() for n in names if n.entry_id.startswith("country:")}
    assert not sorted({key for key, _ in _group_aliases(kb)} & places)


# Metonyms written as a common noun but read as the institution by convention.
ACCEPTED_WORDS = frozenset({"congress"})


def test_no_group_alias_is_a_common_english_word(kb):
    loose = {key for key, _ in _group_aliases(kb) if any(not n.case_sensitive for n in kb.names[key])}
    assert not sorted((loose & COMMON_WORDS) - ACCEPTED_WORDS)


def test_ambiguous_acronyms_are_no_group_aliases(kb):
    used = {a: sorted(n.entry_id for n in kb.names.get(a.lower(), []) if n.text == a) for a in AMBIGUOUS_ACRONYMS}
    assert not {a: ids for a, ids in used.items() if ids}


def test_short_capitalised_aliases_match_only_in_capitals(kb):
    loose = [n.text for key, _ in _group_aliases(kb) for n in kb.names[key]
             if n.text.replace("-", "").isupper() and len(n.text.replace("-", "")) <= 6 and not n.case_sensitive]
    assert not loose
