"""The time finder's words, loaded from ``kb/time/lexicon.yaml`` and checked at load time."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import KnowledgeBaseError

_SEASONS = {"SP", "SU", "FA", "WI"}
_PARTS = {"MO", "AF", "EV", "NI", "MI", "DT"}
_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_MODS = {"START", "MID", "END"}
_SET_VALUE = re.compile(r"^P(T?\d+[SMHDWQY]|\d+[DWMQY])$")
_HOLIDAY = re.compile(r"^(\d\d-\d\d|easter|thanksgiving)$")


@dataclass(frozen=True)
class Lexicon:
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, str]
    day_parts: Mapping[str, str]
    numbers: Mapping[str, float]
    vague_numbers: frozenset[str]
    units: Mapping[str, tuple[str, bool, int]]
    refs: Mapping[str, str]
    sets: Mapping[str, str]
    modifiers: Mapping[str, str]
    holidays: Mapping[str, str]
    # Verbs of intent or scheduling: what they govern lies ahead of the report ("planned to leave Thursday").
    forward_verbs: frozenset[str] = frozenset()
    # Verbs whose own time lies ahead of the report ("has scheduled a news conference Thursday").
    schedule_verbs: frozenset[str] = frozenset()
    # Words just before an expression that point it forward ("as early as Tuesday").
    forward_cues: frozenset[str] = frozenset()


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*-?\s*['\"]?{re.escape(str(key))}['\"]?\s*:?", re.M)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _mapping(data: dict, name: str, check, expected: str, path: str, text: str) -> dict:
    section = data.get(name)
    if not isinstance(section, dict) or not section:
        raise KnowledgeBaseError(f"section {name!r} is missing or empty; add a mapping of {expected}", path=path)
    out = {}
    for key, value in section.items():
        if not isinstance(key, str) or key != key.lower() or not check(value):
            raise KnowledgeBaseError(
                f"{name}: bad entry {key!r}: {value!r}; keys are lower-case words, values are {expected}",
                path=path,
                line=_line_of(text, key),
            )
        out[key] = value
    return out


def parse(text: str, path: str = "<lexicon>") -> Lexicon:
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeBaseError(
            f"not valid YAML ({exc}); fix the syntax", path=path, line=mark.line + 1 if mark else None
        ) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError("the lexicon must be a mapping of sections", path=path)

    def number(value: Any) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    months = _mapping(data, "months", lambda v: isinstance(v, int) and 1 <= v <= 12, "1..12", path, text)
    weekdays = _mapping(data, "weekdays", lambda v: isinstance(v, int) and 1 <= v <= 7, "1..7", path, text)
    seasons = _mapping(data, "seasons", lambda v: v in _SEASONS, "SP SU FA WI", path, text)
    parts = _mapping(data, "day_parts", lambda v: v in _PARTS, "MO AF EV NI", path, text)
    numbers = _mapping(data, "numbers", number, "numbers", path, text)
    units = _mapping(
        data,
        "units",
        lambda v: isinstance(v, list) and len(v) == 3 and v[0] in "SMHDWQY" and isinstance(v[1], bool)
        and isinstance(v[2], int),
        "[unit letter, is_time_unit, multiplier]",
        path,
        text,
    )
    refs = _mapping(data, "refs", lambda v: v in _REFS, "PRESENT_REF PAST_REF FUTURE_REF", path, text)
    sets = _mapping(data, "sets", lambda v: isinstance(v, str) and bool(_SET_VALUE.match(v)), "P1D-style", path, text)
    mods = _mapping(data, "modifiers", lambda v: v in _MODS, "START MID END", path, text)
    holidays = _mapping(
        data, "holidays", lambda v: isinstance(v, str) and bool(_HOLIDAY.match(v)), "MM-DD|easter|thanksgiving",
        path, text,
    )
    vague = data.get("vague_numbers")
    if not isinstance(vague, list) or not all(isinstance(w, str) and w == w.lower() for w in vague):
        raise KnowledgeBaseError(
            "vague_numbers must be a list of lower-case phrases", path=path, line=_line_of(text, "vague_numbers")
        )
    word_lists = {}
    for name in ("forward_verbs", "schedule_verbs", "forward_cues"):
        found = data.get(name, [])
        if not isinstance(found, list) or not all(isinstance(w, str) and w == w.lower() and w.strip() for w in found):
            raise KnowledgeBaseError(
                f"{name} must be a list of lower-case words or phrases", path=path, line=_line_of(text, name)
            )
        word_lists[name] = frozenset(" ".join(w.split()) for w in found)
    return Lexicon(
        months=months,
        weekdays=weekdays,
        seasons=seasons,
        day_parts=parts,
        numbers={k: float(v) for k, v in numbers.items()},
        vague_numbers=frozenset(vague),
        units={k: (v[0], v[1], v[2]) for k, v in units.items()},
        refs=refs,
        sets=sets,
        modifiers=mods,
        holidays=holidays,
        forward_verbs=word_lists["forward_verbs"],
        schedule_verbs=word_lists["schedule_verbs"],
        forward_cues=word_lists["forward_cues"],
    )


def load(path: str | Path | None = None) -> Lexicon:
    if path is None:
        return default()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the time lexicon ({exc})", path=str(file)) from exc
    return parse(text, str(file))


@functools.cache
def default() -> Lexicon:
    resource = resources.files("flashpoint.kb").joinpath("time/lexicon.yaml")
    return parse(resource.read_text(encoding="utf-8"), str(resource))
