"""The event knowledge base: CAMEO codes with their derived scores and the trigger patterns.

Both live as data under ``flashpoint/kb/events/`` (see README.md there). They are loaded once,
checked line by line, and any problem raises ``KnowledgeBaseError`` naming the file, the line and
the fix. Users add patterns with files of the same schema listed in ``FLASHPOINT_EVENT_PATTERNS``.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import KnowledgeBaseError

KB_DIR = Path(__file__).resolve().parents[2] / "kb" / "events"
CODES_FILE = KB_DIR / "cameo_codes.tsv"
TRIGGERS_FILE = KB_DIR / "triggers.yaml"
MODES_FILE = KB_DIR / "plover_modes.tsv"
TYPES_FILE = KB_DIR / "plover_types.tsv"
PATTERNS_ENV = "FLASHPOINT_EVENT_PATTERNS"
COUNT_KINDS = frozenset({"dead", "injured", "hostages", "arrested"})
ENTRY_KEYS = frozenset(
    {"verb", "noun", "code", "object", "prep", "particle", "target_prep", "source_prep", "swap", "count",
     "negated", "mode", "priority"}
)
LIST_KEYS = ("reporting", "light_verbs", "appeal_verbs", "intent_verbs", "anaphors", "permission_verbs",
             "object_control", "undergo_verbs", "place_nouns", "response_words", "needs_recipient", "command_verbs",
             "location_recipient_roots", "media_objects", "figurative_objects")


@dataclass(frozen=True)
class CodeInfo:
    code: str
    label: str
    goldstein: float
    quad_class: int
    event: str
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    pos: str  # verb | noun
    lemma: str
    code: str
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    particle: str | None = None
    target_preps: frozenset[str] = frozenset()
    source_preps: frozenset[str] = frozenset()
    swap: bool = False
    count: str | None = None
    negated: str | None = None
    mode: str | None = None
    priority: int = 0
    origin: str = ""  # file:line, for error messages and debugging

    @property
    def specificity(self) -> int:
        return self.priority * 10 + bool(self.objects) * 3 + bool(self.preps) * 2 + bool(self.particle) * 2


@dataclass(frozen=True)
class Patterns:
    by_lemma: dict[tuple[str, str], tuple[Pattern, ...]]
    reporting: frozenset[str]
    light_verbs: frozenset[str]
    appeal_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    anaphors: frozenset[str]
    permission_verbs: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    undergo_verbs: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    response_words: frozenset[str] = frozenset()
    needs_recipient: frozenset[str] = frozenset()
    command_verbs: frozenset[str] = frozenset()
    location_recipient_roots: frozenset[str] = frozenset()
    media_objects: frozenset[str] = frozenset()
    figurative_objects: frozenset[str] = frozenset()
    agents: dict[str, str] = field(default_factory=dict)  # noun -> sector (fallback only)

    def candidates(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get((pos, lemma.lower()), ())


def _read_tsv(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            return [(index + 2, row) for index, row in enumerate(reader)]
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the file ({exc}); reinstall flashpoint", path=str(path)) from exc


@functools.cache
def plover_modes() -> dict[str, frozenset[str]]:
    modes: dict[str, set[str]] = {}
    for _, row in _read_tsv(MODES_FILE):
        modes.setdefault(row["event"], set()).add(row["mode"])
    return {event: frozenset(values) for event, values in modes.items()}


@functools.cache
def plover_types() -> frozenset[str]:
    return frozenset(row["event"] for _, row in _read_tsv(TYPES_FILE))


def load_codes(path: Path = CODES_FILE) -> dict[str, CodeInfo]:
    """Read the CAMEO table; every row is checked against the PLOVER ontology and GDELT's QuadClass."""
    codes: dict[str, CodeInfo] = {}
    types, modes = plover_types(), plover_modes()
    for line, row in _read_tsv(path):
        code = (row.get("code") or "").strip()
        where = {"path": str(path), "line": line}
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise KnowledgeBaseError(f"bad CAMEO code {code!r}; write 2 to 4 digits", **where)
        try:
            goldstein = float(row["goldstein"])
            quad = int(row["quad_class"])
        except (TypeError, ValueError) as exc:
            raise KnowledgeBaseError(f"goldstein/quad_class not numeric for {code}: fix the number", **where) from exc
        expected_quad = quad_class_of(code)
        if quad != expected_quad:
            raise KnowledgeBaseError(
                f"quad_class {quad} for {code}; GDELT's definition gives {expected_quad} (roots 01-05=1, "
                "06-09=2, 10-14=3, 15-20=4)", **where)
        if not -10 <= goldstein <= 10:
            raise KnowledgeBaseError(f"goldstein {goldstein} outside -10..10 for {code}", **where)
        event = row["plover_event"].strip()
        if event not in types:
            raise KnowledgeBaseError(f"unknown PLOVER type {event!r} for {code}; use one of {sorted(types)}", **where)
        mode = (row.get("plover_mode") or "").strip() or None
        if mode is not None and mode not in modes.get(event, ()):
            raise KnowledgeBaseError(f"mode {mode!r} is not a mode of {event}; leave it empty or use "
                                     f"{sorted(modes.get(event, ()))}", **where)
        context = tuple(c for c in (row.get("plover_context") or "").split(";") if c)
        codes[code] = CodeInfo(code, row["label"], goldstein, quad, event, mode, context)
    return codes


def quad_class_of(code: str) -> int:
    """GDELT QuadClass: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-09),
    3 verbal conflict (10-14), 4 material conflict (15-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _lines_of_entries(text: str) -> list[int]:
    """1-based line of each item of the top-level ``entries`` list (for error messages)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _as_set(value: Any, key: str, where: dict[str, Any]) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value.lower()})
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(item.lower() for item in value)
    hint = " (YAML reads on/off/yes/no as booleans: quote them)" if "True" in repr(value) or "False" in repr(value) else ""
    raise KnowledgeBaseError(f"{key!r} must be a word or a list of words, got {value!r}{hint}", **where)


def parse_patterns(text: str, path: str, codes: dict[str, CodeInfo]) -> tuple[list[Pattern], dict[str, Any]]:
    """Parse one pattern file; returns its patterns and its top-level word lists."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeBaseError(f"YAML syntax error: {getattr(exc, 'problem', exc)}; fix the syntax",
                                 path=path, line=mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise KnowledgeBaseError("expected a mapping with 'version: 1' and 'entries:'", path=path, line=1)
    lines = _lines_of_entries(text)
    patterns: list[Pattern] = []
    modes = plover_modes()
    for index, entry in enumerate(data.get("entries") or []):
        where: dict[str, Any] = {"path": path, "line": lines[index] if index < len(lines) else None}
        if not isinstance(entry, dict):
            raise KnowledgeBaseError(f"an entry must be a mapping, got {entry!r}", **where)
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            raise KnowledgeBaseError(f"unknown key(s) {sorted(unknown)}; allowed: {sorted(ENTRY_KEYS)}", **where)
        if ("verb" in entry) == ("noun" in entry):
            raise KnowledgeBaseError("give exactly one of 'verb:' or 'noun:'", **where)
        pos = "verb" if "verb" in entry else "noun"
        code = str(entry.get("code", ""))
        if code not in codes:
            raise KnowledgeBaseError(f"unknown CAMEO code {code!r}; quote it and use a code of cameo_codes.tsv",
                                     **where)
        negated = entry.get("negated")
        if negated is not None and str(negated) not in codes:
            raise KnowledgeBaseError(f"unknown CAMEO code {negated!r} in 'negated'", **where)
        count = entry.get("count")
        if count is not None and count not in COUNT_KINDS:
            raise KnowledgeBaseError(f"count {count!r}: use one of {sorted(COUNT_KINDS)}", **where)
        mode = entry.get("mode")
        if mode is not None and mode not in modes.get(codes[code].event, ()):
            raise KnowledgeBaseError(f"mode {mode!r} is not a PLOVER mode of {codes[code].event}", **where)
        priority = entry.get("priority", 0)
        if not isinstance(priority, int):
            raise KnowledgeBaseError(f"priority must be an integer, got {priority!r}", **where)
        for lemma in sorted(_as_set(entry[pos], pos, where)):
            patterns.append(Pattern(
                pos=pos, lemma=lemma, code=code,
                objects=_as_set(entry.get("object"), "object", where),
                preps=_as_set(entry.get("prep"), "prep", where),
                particle=entry.get("particle"),
                target_preps=_as_set(entry.get("target_prep"), "target_prep", where),
                source_preps=_as_set(entry.get("source_prep"), "source_prep", where),
                swap=bool(entry.get("swap", False)),
                count=count, negated=str(negated) if negated is not None else None, mode=mode,
                priority=priority, origin=f"{path}:{where['line']}",
            ))
    lists = {key: _as_set(data.get(key), key, {"path": path, "line": None}) for key in LIST_KEYS}
    agents = data.get("fallback_agents") or {}
    if not isinstance(agents, dict):
        raise KnowledgeBaseError("'fallback_agents' must map a sector code to a list of nouns", path=path)
    lists["agents"] = {noun: sector for sector, nouns in agents.items()
                       for noun in _as_set(nouns, f"fallback_agents.{sector}", {"path": path, "line": None})}
    return patterns, lists


def build_patterns(files: Iterable[Path], codes: dict[str, CodeInfo]) -> Patterns:
    by_lemma: dict[tuple[str, str], list[Pattern]] = {}
    lists: dict[str, set[str]] = {key: set() for key in LIST_KEYS}
    agents: dict[str, str] = {}
    for rank, path in enumerate(files):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read the pattern file ({exc}); check the path", path=str(path)) from exc
        patterns, file_lists = parse_patterns(text, str(path), codes)
        for pattern in patterns:
            if rank:  # user files win ties against the shipped ones
                pattern = Pattern(**{**pattern.__dict__, "priority": pattern.priority + 1})
            by_lemma.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
        for key in LIST_KEYS:
            lists[key] |= file_lists[key]
        agents.update(file_lists["agents"])
    ranked = {key: tuple(sorted(value, key=lambda p: -p.specificity)) for key, value in by_lemma.items()}
    return Patterns(ranked, *(frozenset(lists[key]) for key in LIST_KEYS), agents=agents)


@functools.cache
def codes() -> dict[str, CodeInfo]:
    return load_codes()


@functools.cache
def _patterns_for(extra: tuple[str, ...]) -> Patterns:
    return build_patterns([TRIGGERS_FILE, *map(Path, extra)], codes())


def patterns() -> Patterns:
    """The shipped patterns plus the user's files named in FLASHPOINT_EVENT_PATTERNS."""
    extra = tuple(p for p in os.environ.get(PATTERNS_ENV, "").split(os.pathsep) if p)
    return _patterns_for(extra)
