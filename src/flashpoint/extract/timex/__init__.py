"""The time finder and normaliser behind ``flashpoint.extract.time``.

lexicon (kb/time/lexicon.yaml) -> patterns (compiled rules) -> finder (longest match, selection)
-> rules (one normaliser per rule, using calendar and tense) ; docdate infers the document date.
"""
