"""WikiEvents / RAMS scorer (eval/kairos.py): gold readers, the KAIROS mapping, matching and counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import EvalError
from flashpoint.eval import events_docs, kairos
from flashpoint.types import Event, Evidence

SENTENCES = [
    ("Bomb kills two soldiers in Kabul", "Bomb kills two soldiers in Kabul"),
    ("Taliban fighters attacked a police post on Monday, officials said.",
     "Taliban fighters attacked a police post on Monday , officials said ."),
    ("Police arrested the bomber.", "Police arrested the bomber ."),
]
# (id, first token, end token) over the document's tokens
ENTITIES = [("T1", 3, 4), ("T2", 5, 6), ("T3", 6, 8), ("T4", 10, 12), ("T5", 18, 19), ("T6", 21, 22)]
EVENTS = [
    ("Life.Die.Unspecified", 1, [("T1", "Victim"), ("T2", "Place")]),
    ("Conflict.Attack.Unspecified", 8, [("T3", "Attacker"), ("T4", "Target")]),
    ("Justice.ArrestJailDetain.Unspecified", 19, [("T5", "Jailer"), ("T6", "Detainee")]),
    ("Cognitive.IdentifyCategorize.Unspecified", 16, []),
]


def wikievents_row() -> dict:
    """A WikiEvents record built the way the data set builds them: sentences run together in ``text``."""
    text, tokens, sentences = "", [], []
    for sentence, words in SENTENCES:
        cursor, rows = 0, []
        for word in words.split():
            at = sentence.index(word, cursor)
            cursor = at + len(word)
            rows.append([word, len(text) + at, len(text) + cursor])
        tokens += rows
        sentences.append([rows, sentence])
        text += sentence

    def said(first: int, end: int) -> str:
        return text[tokens[first][1]:tokens[end - 1][2]]

    entities = [{"id": f"d-{i}", "sent_idx": 0, "start": a, "end": b, "entity_type": "PER", "text": said(a, b)}
                for i, a, b in ENTITIES]
    events = [{"id": f"d-E{n}", "event_type": kind,
               "trigger": {"start": t, "end": t + 1, "text": said(t, t + 1), "sent_idx": 0},
               "arguments": [{"entity_id": f"d-{e}", "role": role, "text": ""} for e, role in args]}
              for n, (kind, t, args) in enumerate(EVENTS)]
    return {"doc_id": "d", "tokens": [t[0] for t in tokens], "text": text, "sentences": sentences,
            "entity_mentions": entities, "relation_mentions": [], "event_mentions": events}


def write(tmp_path: Path, rows: list[dict], name: str = "dev.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def test_read_wikievents_joins_sentences_and_maps_tokens(tmp_path: Path) -> None:
    [doc] = kairos.read_wikievents(write(tmp_path, [wikievents_row()]))
    assert doc.text == ("Bomb kills two soldiers in Kabul\n\nTaliban fighters attacked a police post on Monday, "
                        "officials said. Police arrested the bomber.")
    die, attack, arrest, other = doc.events
    assert doc.text[die.trigger[0]:die.trigger[1]] == "kills" and die.type == "Life.Die.Unspecified"
    assert [(a.role, a.text) for a in attack.arguments] == [("attacker", "Taliban fighters"), ("target", "police post")]
    assert doc.text[slice(*attack.arguments[1].head)] == "post"
    assert doc.text[slice(*arrest.trigger)] == "arrested" and other.arguments == ()
    article = kairos.article_of(doc)
    assert article.text == doc.text and article.blocks[0].kind == "heading"


def test_read_wikievents_rejects_offsets_that_do_not_match(tmp_path: Path) -> None:
    row = wikievents_row()
    row["entity_mentions"][0]["text"] = "sailors"
    with pytest.raises(EvalError, match=r"line 2: not a WikiEvents record .*'sailors' does not match"):
        kairos.read_wikievents(write(tmp_path, [wikievents_row(), row]))
    del row["event_mentions"]
    with pytest.raises(EvalError, match="line 1.*event_mentions"):
        kairos.read_wikievents(write(tmp_path, [row]))


def test_mapping_is_shared_by_both_spellings() -> None:
    assert kairos.roots_of("Conflict.Attack.DetonateExplode") == kairos.roots_of("conflict.attack.selfdirectedbattle")
    assert kairos.roots_of("Contact.ThreatenCoerce.Broadcast") == ("13",)
    assert kairos.roots_of("contact.discussion.meet") == ("04", "03", "05")
    assert kairos.roots_of("Movement.Transportation.Evacuation") is None
    assert kairos.sides_of("Participant") == ("actor", "recipient") and kairos.sides_of("Instrument") == ()
    assert events_docs.RAMS_MAP is kairos.TYPE_ROOTS


def mention(code: str, text: str, trigger: str, **args: str) -> kairos.Mention:
    found = tuple((side, span(text, words)) for side, words in args.items())
    return kairos.Mention(code, span(text, trigger), found)


def test_score_doc_counts_triggers_arguments_and_errors(tmp_path: Path) -> None:
    [doc] = kairos.read_wikievents(write(tmp_path, [wikievents_row()]))
    text = doc.text
    system = [
        mention("190", text, "kills", recipient="two soldiers", actor="Bomb", location="Kabul"),
        mention("043", text, "attacked", actor="Taliban fighters"),  # wrong type
        mention("173", text, "arrested", actor="Police", recipient="the bomber"),
        mention("190", text, "said"),  # on an unmapped gold type: a false event
    ]
    tally, errors = kairos.Tally(), []
    kairos.score_doc(doc, system, tally, errors)
    rows = tally.rows()

    def counts(name: str) -> tuple[float, float, float]:
        return rows[name]["tp"], rows[name]["fp"], rows[name]["fn"]

    assert counts("trigger-id") == (3, 1, 0)
    assert counts("trigger-class") == (2, 2, 1)
    assert counts("argument-head") == (3, 2, 2)  # soldiers, Police, bomber; Bomb and the wrong type's actor
    assert counts("argument-exact") == (1, 4, 4)  # only "Police" has the gold span
    assert counts("place-head") == (1, 0, 0)
    assert rows["trigger-class R conflict.attack"] == {"R": 0.0, "n": 1}
    assert rows["argument-head R victim"]["R"] == 1.0 and rows["argument-head R attacker"]["R"] == 0.0
    kinds = [e["kind"] for e in kairos.ordered(errors, ["d"])]
    assert kinds == ["wrong-type", "spurious-argument", "spurious-event"]
    assert errors[-1]["gold_type"] == "Cognitive.IdentifyCategorize.Unspecified"
    assert [e["kind"] for e in kairos.ordered(errors * 3, ["d"], per_kind=2)] == [
        "wrong-type", "wrong-type", "spurious-argument", "spurious-argument", "spurious-event", "spurious-event"]


def test_participants_match_either_side_one_to_one() -> None:
    text = "Khan met Ali in Doha."
    head = kairos.GoldArgument("participant", 0, 4, (0, 4), "Khan")
    other = kairos.GoldArgument("participant", 9, 12, (9, 12), "Ali")
    doc = kairos.KairosDoc("m", text, (kairos.GoldEvent("1", "Contact.Contact.Meet", (5, 8), "met", (head, other)),))
    tally, errors = kairos.Tally(), []
    kairos.score_doc(doc, [mention("040", text, "met", actor="Khan", recipient="Ali")], tally, errors)
    assert tally.arguments["argument-head"].tp == 2 and errors == []
    tally = kairos.Tally()
    kairos.score_doc(doc, [mention("040", text, "met", actor="Khan met Ali")], tally, [])
    assert (tally.arguments["argument-head"].tp, tally.arguments["argument-head"].fn) == (1, 1)


def test_mentions_expand_merged_events_and_skip_unmapped_codes() -> None:
    first = Evidence("s", 0, 20, {"trigger": ((5, 10),), "actor": ((0, 4), (0, 4)), "location": ((12, 18), (0, 0))})
    again = Evidence("s", 30, 50, {"trigger": ((35, 40),), "recipient": ((41, 45),)})
    event = Event("e", "ASSAULT", None, "190", 4, -10.0, first, mentions=(again,))
    said = Event("f", "CONSULT", None, "010", 1, 0.0, Evidence("s", 0, 9, {"trigger": ((1, 3),)}))
    found = kairos.mentions([said, event])
    assert [(m.code, m.trigger, m.args) for m in found] == [
        ("190", (5, 10), (("actor", (0, 4)), ("location", (12, 18)))),
        ("190", (35, 40), (("recipient", (41, 45)),)),
    ]


def test_read_rams_keeps_mapped_windows(tmp_path: Path) -> None:
    attack = {"doc_key": "r1", "sentences": [["Rebels", "shelled", "the", "town", "."]],
              "evt_triggers": [[1, 1, [["conflict.attack.n/a", 1.0]]]],
              "gold_evt_links": [[[1, 1], [0, 0], "evt001arg01attacker"], [[1, 1], [2, 3], "evt001arg02target"]]}
    vote = dict(attack, doc_key="r2", evt_triggers=[[1, 1, [["personnel.elect.winelection", 1.0]]]])
    path = write(tmp_path, [vote, attack], "dev.jsonlines")
    [doc] = kairos.read_rams(path)
    assert doc.doc_id == "r1" and doc.text == "Rebels shelled the town ."
    [event] = doc.events
    assert doc.text[slice(*event.trigger)] == "shelled"
    assert [(a.role, a.text, doc.text[slice(*a.head)]) for a in event.arguments] == [
        ("attacker", "Rebels", "Rebels"), ("target", "the town", "town")]
    assert kairos.read_rams(path, limit=0) == []


def test_dispatch_by_name_and_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("evaluate_rams", "evaluate_wikievents", "evaluate_hrdsattack"):
        monkeypatch.setattr(events_docs, name, lambda path, limit, name=name: (name, path.name, limit))
    folder = tmp_path / "wikievents"
    folder.mkdir()
    write(folder, [wikievents_row()])
    assert events_docs.evaluate(str(folder), limit=3) == ("evaluate_wikievents", "dev.jsonl", 3)
    assert events_docs.evaluate(str(write(tmp_path, [{}], "dev.jsonlines"))) == ("evaluate_rams", "dev.jsonlines", None)
    (tmp_path / "dev.json").write_text('[{"sample": {}}]', encoding="utf-8")
    assert events_docs.evaluate(str(tmp_path / "dev.json"))[0] == "evaluate_hrdsattack"
    with pytest.raises(EvalError, match="no such file"):
        events_docs.evaluate(str(tmp_path / "missing.jsonl"))


@pytest.mark.model
def test_evaluate_wikievents_end_to_end_is_deterministic(tmp_path: Path) -> None:
    path = write(tmp_path, [wikievents_row()])
    first = kairos.evaluate_wikievents(path)
    assert first.documents == 1 and first.scores["trigger-id"]["tp"] >= 1
    assert first.to_json() == kairos.evaluate_wikievents(path).to_json()
    assert "argument-head" in first.table()
