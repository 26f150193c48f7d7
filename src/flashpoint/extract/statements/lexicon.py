"""Load and validate the statement knowledge files in ``flashpoint/kb/statements`` (schema: its README)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import KnowledgeBaseError

KB_DIR = Path(__file__).resolve().parent.parent.parent / "kb" / "statements"
STANCES = ("accuse", "deny", "threaten", "demand", "appeal", "promise", "praise", "reject", "neutral")
MEDIA = ("interview", "statement", "post", "speech", "press conference")
OBJECT_ROLES = ("content", "target", "addressee")
_VERB_KEYS = {"stance", "medium", "object", "clause", "particle", "complement", "quote", "finite"}


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: str = "neutral"
    medium: str | None = None
    object: str | None = None
    clause: bool = False
    particle: tuple[str, ...] = ()  # the verb counts only with one of these particles (call for, call on)
    complement: bool = False  # without its particle, counts with an object complement (called X a liar)
    quote: bool = False  # counts only as the cue of a quotation beside it ('"...," she continued')
    finite: bool = False  # with clause: only a finite clause ('plans that ...'), not 'plans to ...'


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    media: dict[str, str]  # noun (lower case, one or two words) -> medium
    proxies: frozenset[str]
    phrases: tuple[str, ...]
    stances: tuple[str, ...]
    stance_words: dict[str, tuple[str, ...]]
    negators: frozenset[str]
    stance_patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    not_speakers: frozenset[str] = frozenset()  # 'Update:', 'Photo:' - labels before a colon that name no speaker
    # cue ('urge', 'call on') -> [(stance, content openings)]: the cue's stance when its content opens so;
    # an empty tuple of openings matches any content
    refinements: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)


def _fail(path: Path, node: yaml.Node | None, message: str) -> KnowledgeBaseError:
    line = node.start_mark.line + 1 if node is not None else None
    return KnowledgeBaseError(message, path=str(path), line=line)


def _compose(path: Path) -> yaml.MappingNode:
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeBaseError(
            f"not valid YAML ({getattr(exc, 'problem', exc)}); fix the syntax", path=str(path),
            line=mark.line + 1 if mark else None,
        ) from exc
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the file: {exc}", path=str(path)) from exc
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, "the file must be a YAML mapping of sections")
    return node


def _section(path: Path, root: yaml.MappingNode, name: str, kind: type, *, required: bool = True) -> Any:
    for key, value in root.value:
        if key.value == name:
            if kind is dict and not isinstance(value, yaml.MappingNode):
                raise _fail(path, value, f"section {name!r} must be a mapping")
            if kind is list and not isinstance(value, yaml.SequenceNode):
                raise _fail(path, value, f"section {name!r} must be a list")
            return value
    if required:
        raise _fail(path, root, f"missing section {name!r}; add it (see README.md)")
    return None


def _strings(path: Path, node: yaml.SequenceNode, what: str) -> list[str]:
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise _fail(path, item, f"every {what} must be a non-empty string")
        out.append(str(item.value).strip().lower())
    return out


def _verb(path: Path, key: yaml.ScalarNode, value: yaml.Node) -> Cue:
    lemma = str(key.value).strip().lower()
    if not re.fullmatch(r"[a-z][a-z\-]*", lemma):
        raise _fail(path, key, f"verb {lemma!r} must be a lower-case lemma (e.g. say)")
    if not isinstance(value, yaml.MappingNode):
        raise _fail(path, value, f"verb {lemma!r}: options must be a mapping, e.g. {{stance: deny}} or {{}}")
    options: dict[str, Any] = {}
    for option, setting in value.value:
        name = option.value
        if name not in _VERB_KEYS:
            raise _fail(path, option, f"verb {lemma!r}: unknown option {name!r}; use one of {sorted(_VERB_KEYS)}")
        if name == "particle":  # words as written: YAML would read 'on', 'off', 'yes' as true/false
            items = setting.value if isinstance(setting, yaml.SequenceNode) else [setting]
            options[name] = [str(item.value) for item in items if isinstance(item, yaml.ScalarNode)]
            continue
        options[name] = yaml.safe_load(yaml.serialize(setting))
    if options.get("stance", "neutral") not in STANCES:
        raise _fail(path, value, f"verb {lemma!r}: stance {options['stance']!r} is not one of {STANCES}")
    if options.get("medium") is not None and options["medium"] not in MEDIA:
        raise _fail(path, value, f"verb {lemma!r}: medium {options['medium']!r} is not one of {MEDIA}")
    if options.get("object") is not None and options["object"] not in OBJECT_ROLES:
        raise _fail(path, value, f"verb {lemma!r}: object {options['object']!r} is not one of {OBJECT_ROLES}")
    for flag in ("clause", "complement", "quote", "finite"):
        if not isinstance(options.get(flag, False), bool):
            raise _fail(path, value, f"verb {lemma!r}: {flag} must be true or false")
    raw = options.get("particle") or ()
    particles = tuple(str(p).strip().lower() for p in ([raw] if isinstance(raw, str) else raw))
    if not all(particles):
        raise _fail(path, value, f"verb {lemma!r}: particle must be a word or a list of words")
    return Cue(
        lemma=lemma,
        stance=options.get("stance", "neutral"),
        medium=options.get("medium"),
        object=options.get("object"),
        clause=options.get("clause", False),
        particle=particles,
        complement=options.get("complement", False),
        quote=options.get("quote", False),
        finite=options.get("finite", False),
    )


def _refinements(
    path: Path, node: yaml.MappingNode | None, stances: tuple[str, ...], verbs: dict[str, Cue]
) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """``cue_refinements``: cue -> stance (always) or cue -> {stance: [content openings]}."""
    out: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    if node is None:
        return out
    for key, value in node.value:
        cue = str(key.value).strip().lower()
        if cue.split(" ")[0] not in verbs:
            raise _fail(path, key, f"cue {cue!r} is not a verb in cues.yaml; use its lemma (e.g. 'call on')")
        rules: list[tuple[str, tuple[str, ...]]] = []
        if isinstance(value, yaml.ScalarNode):
            rules.append((str(value.value).strip(), ()))
        elif isinstance(value, yaml.MappingNode):
            for stance_node, openings in value.value:
                if not isinstance(openings, yaml.SequenceNode):
                    raise _fail(path, openings, f"cue {cue!r}: give a list of content openings for {stance_node.value!r}")
                rules.append((str(stance_node.value).strip(), tuple(_strings(path, openings, "opening"))))
        else:
            raise _fail(path, value, f"cue {cue!r}: give a stance or a mapping stance -> list of content openings")
        for stance, _ in rules:
            if stance not in stances:
                raise _fail(path, value, f"cue {cue!r}: stance {stance!r} is not listed under 'stances'")
        out[cue] = tuple(rules)
    return out


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(word) for word in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


def load(directory: Path | str = KB_DIR) -> Lexicon:
    """Read cues.yaml and stance.yaml from ``directory``; raises KnowledgeBaseError on a bad entry."""
    directory = Path(directory)
    cues_path, stance_path = directory / "cues.yaml", directory / "stance.yaml"
    root = _compose(cues_path)
    verbs: dict[str, Cue] = {}
    for key, value in _section(cues_path, root, "verbs", dict).value:
        cue = _verb(cues_path, key, value)
        if cue.lemma in verbs:
            raise _fail(cues_path, key, f"verb {cue.lemma!r} is listed twice; keep one entry")
        verbs[cue.lemma] = cue
    media: dict[str, str] = {}
    for key, value in _section(cues_path, root, "media", dict).value:
        if key.value not in MEDIA:
            raise _fail(cues_path, key, f"medium {key.value!r} is not one of {MEDIA}")
        if not isinstance(value, yaml.SequenceNode):
            raise _fail(cues_path, value, f"medium {key.value!r}: give a list of nouns")
        for noun in _strings(cues_path, value, "media noun"):
            media[noun] = key.value
    proxies = frozenset(_strings(cues_path, _section(cues_path, root, "proxies", list), "proxy noun"))
    phrases = tuple(_strings(cues_path, _section(cues_path, root, "phrases", list), "phrase"))
    labels = _section(cues_path, root, "not_speakers", list, required=False)
    not_speakers = frozenset(_strings(cues_path, labels, "label")) if labels is not None else frozenset()

    root = _compose(stance_path)
    stances = tuple(_strings(stance_path, _section(stance_path, root, "stances", list), "stance"))
    for stance_node, stance in zip(_section(stance_path, root, "stances", list).value, stances):
        if stance not in STANCES:
            raise _fail(stance_path, stance_node, f"stance {stance!r} is not one of {STANCES}")
    stance_words: dict[str, tuple[str, ...]] = {}
    for key, value in _section(stance_path, root, "content", dict).value:
        if key.value not in stances:
            raise _fail(stance_path, key, f"stance {key.value!r} is not listed under 'stances'")
        if not isinstance(value, yaml.SequenceNode):
            raise _fail(stance_path, value, f"stance {key.value!r}: give a list of words or phrases")
        stance_words[key.value] = tuple(_strings(stance_path, value, "stance word"))
    negators = frozenset(_strings(stance_path, _section(stance_path, root, "negators", list), "negator"))
    refinements = _refinements(stance_path, _section(stance_path, root, "cue_refinements", dict, required=False),
                               stances, verbs)
    return Lexicon(
        verbs=verbs,
        media=media,
        proxies=proxies,
        phrases=phrases,
        not_speakers=not_speakers,
        refinements=refinements,
        stances=stances,
        stance_words=stance_words,
        negators=negators,
        stance_patterns={stance: _words_pattern(words) for stance, words in stance_words.items() if words},
    )


@functools.lru_cache(maxsize=1)
def default() -> Lexicon:
    return load(KB_DIR)
