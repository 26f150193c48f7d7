"""Fast checks of the event coder's pieces on hand-built parses (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from flashpoint.extract.eventcoding import coder, kb, modality
from flashpoint.extract.eventcoding.triggers import pattern_for

VOCAB = spacy.blank("en").vocab


def make_doc(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """rows: (word, lemma, pos, tag, head index, dep)."""
    return Doc(VOCAB, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               tags=[r[3] for r in rows], heads=[r[4] for r in rows], deps=[r[5] for r in rows])


RETURNED_FOSSILS = [("Police", "police", "NOUN", "NN", 1, "nsubj"), ("returned", "return", "VERB", "VBD", 1, "ROOT"),
                      ("fossils", "fossil", "NOUN", "NNS", 1, "dobj"), ("to", "to", "ADP", "IN", 1, "prep"),
                      ("Peru", "Peru", "PROPN", "NNP", 3, "pobj"), (".", ".", "PUNCT", ".", 1, "punct")]
RETURNED_HOME = [("Envoys", "envoy", "NOUN", "NNS", 1, "nsubj"), ("returned", "return", "VERB", "VBD", 1, "ROOT"),
                 ("to", "to", "ADP", "IN", 1, "prep"), ("Peru", "Peru", "PROPN", "NNP", 2, "pobj"),
                 (".", ".", "PUNCT", ".", 1, "punct")]
WILLING = [("Pakistan", "Pakistan", "PROPN", "NNP", 1, "nsubj"), ("is", "be", "AUX", "VBZ", 1, "ROOT"),
           ("willing", "willing", "ADJ", "JJ", 1, "acomp"), ("to", "to", "PART", "TO", 4, "aux"),
           ("withdraw", "withdraw", "VERB", "VB", 2, "xcomp"), ("troops", "troop", "NOUN", "NNS", 4, "dobj"),
           (".", ".", "PUNCT", ".", 1, "punct")]
FAILED = [("They", "they", "PRON", "PRP", 1, "nsubj"), ("failed", "fail", "VERB", "VBD", 1, "ROOT"),
          ("to", "to", "PART", "TO", 3, "aux"), ("reach", "reach", "VERB", "VB", 1, "xcomp"),
          ("agreement", "agreement", "NOUN", "NN", 3, "dobj"), (".", ".", "PUNCT", ".", 1, "punct")]
UNLESS = [("Iran", "Iran", "PROPN", "NNP", 3, "nsubj"), ("will", "will", "AUX", "MD", 3, "aux"),
          ("not", "not", "PART", "RB", 3, "neg"), ("release", "release", "VERB", "VB", 3, "ROOT"),
          ("them", "they", "PRON", "PRP", 3, "dobj"), ("unless", "unless", "SCONJ", "IN", 7, "mark"),
          ("Britain", "Britain", "PROPN", "NNP", 7, "nsubj"), ("pays", "pay", "VERB", "VBZ", 3, "advcl"),
          (".", ".", "PUNCT", ".", 3, "punct")]
MUST = [("Assad", "Assad", "PROPN", "NNP", 1, "nsubj"), ("said", "say", "VERB", "VBD", 1, "ROOT"),
        ("Turkey", "Turkey", "PROPN", "NNP", 4, "nsubj"), ("must", "must", "AUX", "MD", 4, "aux"),
        ("mediate", "mediate", "VERB", "VB", 1, "ccomp"), (".", ".", "PUNCT", ".", 1, "punct")]


def test_any_object_pattern_needs_a_direct_object() -> None:
    patterns = kb.patterns()
    found = pattern_for(make_doc(RETURNED_FOSSILS)[1], patterns)
    assert found is not None and found.code == "0842"
    home = pattern_for(make_doc(RETURNED_HOME)[1], patterns)
    assert home is None or home.code != "0842"


def test_willing_is_an_intent_and_recodes_to_expressed_intent() -> None:
    doc = make_doc(WILLING)
    mod = modality.modality(doc[4], kb.patterns())
    assert mod.value == "planned" and mod.intent_by is not None and mod.intent_by.text == "willing"
    assert modality.recode("0874", mod)[0] == "0356"


def test_failed_to_is_marked() -> None:
    mod = modality.modality(make_doc(FAILED)[3], kb.patterns())
    assert mod.negated and mod.failed


def test_refusal_with_unless_is_still_a_refusal() -> None:
    mod = modality.modality(make_doc(UNLESS)[3], kb.patterns())
    assert mod.refused and not mod.conditional


def test_reported_must_is_an_obligation() -> None:
    mod = modality.modality(make_doc(MUST)[4], kb.patterns())
    assert mod.obliged and mod.reported_by is not None and mod.reported_by.text == "said"
    assert modality.demand_code("045") == "108"


def test_recoded_draft_drops_a_mode_of_another_type() -> None:
    token = make_doc(WILLING)[4]
    promised = coder.Draft(code="0356", modality="planned", trigger=token, trigger_span=(0, 1), mode="withdraw")
    assert coder._checked_mode(promised).mode is None  # AGREE has no mode "withdraw"
    done = coder.Draft(code="0874", modality="asserted", trigger=token, trigger_span=(0, 1), mode="withdraw")
    assert coder._checked_mode(done).mode == "withdraw"


def test_every_code_the_coder_can_emit_has_a_plover_type() -> None:
    codes = kb.codes()
    emitted = {c for table in (modality.INTENT, modality.APPEAL, modality.DEMAND, modality.REFUSE) for c in table.values()}
    emitted |= {p.code for group in kb.patterns().by_lemma.values() for p in group}
    emitted |= {p.negated for group in kb.patterns().by_lemma.values() for p in group if p.negated}
    emitted |= {"112", "015", "130", "138", "020", "030", "100", "120"}
    modes = kb.plover_modes()
    for code in emitted:
        assert code in codes, code
        info = codes[code]
        assert info.event in kb.plover_types(), code
        assert info.mode is None or info.mode == "" or info.mode in modes.get(info.event, ()), code


SUSPENSION = [("a", "a", "DET", "DT", 1, "det"), ("suspension", "suspension", "NOUN", "NN", 1, "ROOT"),
              ("of", "of", "ADP", "IN", 1, "prep"), ("aid", "aid", "NOUN", "NN", 2, "pobj")]


def test_a_noun_pattern_with_prep_of_reads_the_of_object() -> None:
    found = pattern_for(make_doc(SUSPENSION)[1], kb.patterns())
    assert found is not None and found.code == "162"
