from __future__ import annotations

import pytest

from flashpoint.ingest.structure import blocks, paragraphs


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start:b.end]) for b in blocks(text)]


def test_paragraphs_split_on_blank_lines_and_trim() -> None:
    text = "  First one.\n\n\nSecond one.\n  \nThird."
    assert [text[s:e] for s, e in paragraphs(text)] == ["First one.", "Second one.", "Third."]


def test_single_newlines_split_when_there_are_no_blank_lines() -> None:
    text = "Line one is here.\nLine two is here."
    assert [text[s:e] for s, e in paragraphs(text)] == ["Line one is here.", "Line two is here."]


def test_dateline_is_cut_from_the_first_paragraph() -> None:
    text = "KABUL, Afghanistan \u2013 The foreign ministry summoned the envoy on Sunday after the border clash.\n\nMore."
    found = kinds(text)
    assert found[0] == ("dateline", "KABUL, Afghanistan \u2013 ")
    assert found[1][0] == "paragraph" and found[1][1].startswith("The foreign ministry")


@pytest.mark.parametrize("opening, dateline", [
    ("DHAKA, Bangladesh (Aug 4) \u2014 ", True),
    ("KYIV, Ukraine, March 3 (Reuters) - ", True),
    ("RIO DE JANEIRO (AP) \u2014 ", True),
    ("Port-au-Prince, Haiti - ", True),
    ("The minister said: ", False),
    ("Officials in Kabul - ", False),
])
def test_dateline_forms(opening: str, dateline: bool) -> None:
    text = opening + "Police raided a district on Tuesday and arrested twelve men, officials said.\n\nMore."
    found = kinds(text)
    assert (found[0] == ("dateline", opening)) is dateline


@pytest.mark.parametrize("opening, dateline", [
    ("Kinshasa, DR Congo \u2013", True),
    ("GAZA CITY (AP) \u2014 ", True),
    ("Update:", False),
    ("Breaking News", False),
])
def test_a_dateline_standing_as_its_own_paragraph(opening: str, dateline: bool) -> None:
    text = opening + "\n\nPolice raided a district on Tuesday and arrested twelve men, officials said.\n\nMore."
    found = kinds(text)
    assert (found[0][0] == "dateline") is dateline, found
    assert found[1] == ("paragraph", "Police raided a district on Tuesday and arrested twelve men, officials said.")


def test_post_signature_gives_author_handle_and_date() -> None:
    text = (
        "Officials met today.\n\nWe will not bow to threats. Peace is our aim \u2013 Jane Doe (@janedoe) "
        "March 5, 2024\n\nThe meeting ended."
    )
    post = [b for b in blocks(text) if b.kind == "post"]
    assert len(post) == 1
    assert post[0].meta["author"] == "Jane Doe"
    assert post[0].meta["handle"] == "@janedoe"
    assert post[0].meta["date"] == "2024-03-05"


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("provocative assertions", "heading"),
        ("By Maria Lopez and John Smith", "byline"),
        ("The army said it had killed three militants.", "paragraph"),
    ],
)
def test_heading_byline_paragraph(paragraph: str, kind: str) -> None:
    text = f"The talks began on Monday in the capital.\n\n{paragraph}\n\nThe talks ended on Tuesday."
    assert kinds(text)[1] == (kind, paragraph)


def test_last_paragraph_is_never_a_heading() -> None:
    text = "The talks began on Monday.\n\nNo comment"
    assert kinds(text)[-1] == ("paragraph", "No comment")
