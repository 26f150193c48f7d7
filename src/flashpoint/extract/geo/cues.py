"""Word lists that tell how a place name is used (kb/gazetteer/cues.yaml), loaded once."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml

from flashpoint.errors import KnowledgeBaseError
from flashpoint.extract.geo.gazetteer import KB

FIELDS = (
    "place_nouns",
    "anaphor_nouns",
    "anaphor_pronouns",
    "locative_prepositions",
    "strong_locatives",
    "admin_words",
    "directions",
    "metonym_verbs",
    "relation_nouns",
    "border_nouns",
    "not_place_before",
    "generic_names",
    "feature_heads",
    "name_prefixes",
    "disease_names",
    "seat_nouns",
    "street_heads",
    "route_words",
    "not_street_words",
    "seat_names",
    "person_titles",
)


@dataclass(frozen=True)
class Cues:
    place_nouns: frozenset[str]
    anaphor_nouns: frozenset[str]
    anaphor_pronouns: frozenset[str]
    locative_prepositions: frozenset[str]
    strong_locatives: frozenset[str]
    admin_words: frozenset[str]
    directions: frozenset[str]
    metonym_verbs: frozenset[str]
    relation_nouns: frozenset[str]
    border_nouns: frozenset[str]
    not_place_before: frozenset[str]
    generic_names: frozenset[str]
    feature_heads: frozenset[str]
    name_prefixes: frozenset[str]
    disease_names: frozenset[str]
    seat_nouns: frozenset[str]
    street_heads: frozenset[str]
    route_words: frozenset[str]
    not_street_words: frozenset[str]
    seat_names: frozenset[str]
    person_titles: frozenset[str]


def parse_cues(text: str, path: str = "cues.yaml") -> Cues:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise KnowledgeBaseError(
            f"not valid YAML ({exc}); fix the syntax", path=path, line=None if line is None else line + 1
        ) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError("expected a mapping of list names to word lists", path=path)
    values = {}
    for name in FIELDS:
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise KnowledgeBaseError(
                f"{name!r} must be a list of lower-case words (add it, or fix its items)", path=path
            )
        values[name] = frozenset(w.lower() for w in words)
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise KnowledgeBaseError(
            f"unknown list(s) {sorted(unknown)}: the known lists are {list(FIELDS)}", path=path
        )
    return Cues(**values)


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    path = KB / "cues.yaml"
    return parse_cues(path.read_text(encoding="utf-8"), str(path))
