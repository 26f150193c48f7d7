"""The actor knowledge base: data files under ``flashpoint/kb/actors`` loaded, checked and indexed.

``load_kb()`` reads the packaged files, then any user directories (``extra_paths`` or the
``FLASHPOINT_KB_PATH`` environment variable, ``:``-separated); later rows override earlier rows
with the same key. A malformed row raises ``KnowledgeBaseError`` with the file, the line and a fix.
The schema is documented in ``flashpoint/kb/actors/README.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import KnowledgeBaseError

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "kb" / "actors"
ENV_VAR = "FLASHPOINT_KB_PATH"
SECTORS = frozenset(
    "GOV MIL COP SPY REB INS SEP UAF OPP PTY LEG JUD CVL REF MED JRN BUS EDU ELI HLH HRI LAB REL AGR "
    "CRM DEV ENV NGO NGM IGO MOD RAD SOC PRM PRE MNC UIS INT SET IMG".split()
)
ORG_PREFIXES = frozenset({"IGO", "NGO", "IMG", "---"})
KINDS = frozenset({"group", "party", "institution", "organisation"})
AGENT_KINDS = frozenset({"", "person", "group", "institution"})


@dataclass(frozen=True)
class Role:
    """A code an entry holds between two dates (inclusive; None = open)."""

    code: str
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    office: str | None = None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """A named actor: a country, an international organisation, a group or a person."""

    id: str
    name: str
    kind: str  # country | igo | group | party | institution | organisation | person
    roles: tuple[Role, ...]
    wikidata: str | None = None
    gender: str | None = None
    plural: bool = False

    def role_at(self, day: dt.date) -> tuple[Role | None, bool]:
        """The role in force on ``day``; else the latest earlier one, flagged as former (True)."""
        for role in self.roles:
            if role.holds(day):
                return role, False
        earlier = [r for r in self.roles if r.end is not None and r.end < day]
        if earlier:
            return max(earlier, key=lambda r: r.end or dt.date.min), True
        return (self.roles[0], True) if self.roles else (None, False)


@dataclass(frozen=True)
class Agent:
    phrase: str
    sectors: tuple[str, ...]  # ("ORG", ...) = takes the code of the organisation it belongs to

    def country_sector(self) -> str | None:
        """The sector under a bare country qualifier ("US commander", "a Syrian group"): an ORG
        agent's fallback sector when it has one, GOV for a person title, none for a group noun."""
        if self.sectors[0] != "ORG":
            return self.sectors[0]
        if len(self.sectors) > 1:
            return self.sectors[1]
        return "GOV" if self.kind == "person" else None
    kind: str
    office: str | None


@dataclass(frozen=True)
class Name:
    """One way of writing an entry: its key in the matcher and what kind of name it is."""

    entry_id: str
    how: str  # name | short | demonym | capital
    text: str
    case_sensitive: bool


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, list[Name]] = field(default_factory=dict)  # lower-case text -> names
    agents: dict[str, Agent] = field(default_factory=dict)  # lower-case phrase -> agent
    countries: dict[str, Entry] = field(default_factory=dict)  # iso3 -> entry
    office_holders: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (iso3, office) -> ids
    sources: tuple[str, ...] = ()

    def add_name(self, entry_id: str, how: str, text: str) -> None:
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        if not text:
            return
        letters = text.replace(".", "").replace("-", "")
        sensitive = (letters.isupper() and len(letters) <= 6) or how == "short" or len(text) <= 3
        key = text.lower()
        bucket = self.names.setdefault(key, [])
        if not any(n.entry_id == entry_id and n.how == how for n in bucket):
            bucket.append(Name(entry_id, how, text, sensitive))

    def holders(self, iso3: str, office: str, day: dt.date) -> list[Entry]:
        out = []
        for entry_id in self.office_holders.get((iso3, office), []):
            entry = self.entries[entry_id]
            role, former = entry.role_at(day)
            if role is not None and not former and role.office == office:
                out.append(entry)
        return out


def _fail(path: Path, line: int | None, message: str) -> KnowledgeBaseError:
    return KnowledgeBaseError(message, path=str(path), line=line)


def _date(value: Any, path: Path, line: int) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _fail(path, line, f"bad date {value!r}; write it as YYYY-MM-DD") from None


def check_code(code: str, countries: Iterable[str], path: Path, line: int) -> str | None:
    """Validate a CAMEO-style code; return its primary sector (None for a bare country code)."""
    known = set(countries)
    if not isinstance(code, str) or len(code) < 3 or not code.replace("-", "A").isalpha() or not code.isupper():
        raise _fail(path, line, f"bad actor code {code!r}; write a 3-letter prefix plus 3-letter sectors, e.g. PAKGOV")
    prefix, rest = code[:3], code[3:]
    if prefix not in ORG_PREFIXES and len(code) % 3:
        raise _fail(path, line, f"bad actor code {code!r}; after the country come 3-letter sectors, e.g. PAKGOV")
    if prefix in ORG_PREFIXES:
        return rest[:3] if rest[:3] in SECTORS else ("IGO" if prefix == "IGO" else prefix if prefix != "---" else None)
    if prefix not in known:
        raise _fail(path, line, f"unknown country {prefix!r} in code {code!r}; use an ISO3 code from countries.tsv or IGO/NGO/IMG/---")
    units = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    for unit in units:
        if unit not in SECTORS:
            raise _fail(path, line, f"unknown sector {unit!r} in code {code!r}; known sectors: {' '.join(sorted(SECTORS))}")
    return units[0] if units else None


def _rows(path: Path, columns: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, f"cannot read the file ({exc}); check that it is UTF-8 text") from exc
    header: list[str] | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in columns if c not in header]
            if missing:
                raise _fail(path, number, f"header lacks columns {missing}; the header must be: {chr(9).join(columns)}")
            continue
        if len(cells) > len(header):
            raise _fail(path, number, f"{len(cells)} tab-separated cells, header has {len(header)}; remove the extra tabs")
        cells += [""] * (len(header) - len(cells))
        yield number, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _load_countries(kb: KnowledgeBase, path: Path) -> None:
    for number, row in _rows(path, ("iso3", "name", "aliases", "demonyms", "capitals", "wikidata")):
        iso3 = row["iso3"]
        if len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
            raise _fail(path, number, f"bad ISO3 code {iso3!r}; write three capital letters, e.g. PAK")
        if not row["name"]:
            raise _fail(path, number, "empty name; give the country's English name")
        entry = Entry(f"country:{iso3}", row["name"], "country", (Role(iso3, None),), row["wikidata"] or None)
        kb.entries[entry.id] = entry
        kb.countries[iso3] = entry
        for text in [row["name"], *_split(row["aliases"])]:
            kb.add_name(entry.id, "name", text)
        for text in _split(row["demonyms"]):
            kb.add_name(entry.id, "demonym", text)
        for text in _split(row["capitals"]):
            kb.add_name(entry.id, "capital", text)


def _load_igos(kb: KnowledgeBase, path: Path) -> None:
    for number, row in _rows(path, ("code", "name", "aliases", "sector", "wikidata")):
        code, sector = row["code"], row["sector"] or "IGO"
        if code[:3] not in ORG_PREFIXES - {"---"}:
            raise _fail(path, number, f"organisation code {code!r} must start with IGO, NGO or IMG")
        check_code(code, kb.countries, path, number)
        if sector not in SECTORS:
            raise _fail(path, number, f"unknown sector {sector!r}; use IGO, NGO or another sector code")
        entry = Entry(f"org:{code}", row["name"], "igo", (Role(code, sector),), row["wikidata"] or None)
        kb.entries[entry.id] = entry
        for text in [row["name"], *_split(row["aliases"])]:
            kb.add_name(entry.id, "name", text)


def _yaml_items(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return []
            if not isinstance(root, yaml.SequenceNode):
                raise _fail(path, root.start_mark.line + 1, "the file must be a YAML list of entries (lines starting with '- ')")
            items = []
            for node in root.value:
                try:
                    value = loader.construct_object(node, deep=True)
                except ValueError as exc:
                    raise _fail(path, node.start_mark.line + 1, f"bad value ({exc}); write dates as YYYY-MM-DD") from exc
                if not isinstance(value, dict):
                    raise _fail(path, node.start_mark.line + 1, "each entry must be a mapping with id, name, ...")
                items.append((node.start_mark.line + 1, value))
            return items
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise _fail(path, line, f"YAML syntax error: {exc.problem}; fix the indentation, brackets or quotes") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, f"cannot read the file ({exc}); check that it is UTF-8 text") from exc


def _require(item: dict[str, Any], key: str, path: Path, line: int) -> Any:
    if not item.get(key):
        raise _fail(path, line, f"entry lacks {key!r}; every entry needs id, name and its codes/roles")
    return item[key]


def _aliases(item: dict[str, Any], key: str, path: Path, line: int) -> list[str]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, line, f"{key!r} must be a list of strings, e.g. [TTP, Pakistani Taliban]")
    return value


def _load_groups(kb: KnowledgeBase, path: Path) -> None:
    for line, item in _yaml_items(path):
        entry_id = str(_require(item, "id", path, line))
        kind = item.get("kind", "group")
        if kind not in KINDS:
            raise _fail(path, line, f"unknown kind {kind!r}; use one of {sorted(KINDS)}")
        roles = []
        for code_item in _require(item, "codes", path, line):
            if not isinstance(code_item, dict) or "code" not in code_item:
                raise _fail(path, line, "each item of 'codes' needs a code, e.g. {code: PAKREB, sector: REB}")
            code = str(code_item["code"])
            sector = code_item.get("sector") or check_code(code, kb.countries, path, line)
            check_code(code, kb.countries, path, line)
            if sector not in SECTORS:
                raise _fail(path, line, f"unknown sector {sector!r} for {entry_id}; use a sector from README.md")
            roles.append(Role(code, sector, _date(code_item.get("from"), path, line), _date(code_item.get("until"), path, line)))
        entry = Entry(entry_id, str(_require(item, "name", path, line)), kind, tuple(roles),
                      item.get("wikidata"), None, bool(item.get("plural", False)))
        kb.entries[entry_id] = entry
        for text in [entry.name, *_aliases(item, "aliases", path, line)]:
            kb.add_name(entry_id, "name", text)


def _load_persons(kb: KnowledgeBase, path: Path) -> None:
    for line, item in _yaml_items(path):
        entry_id = str(_require(item, "id", path, line))
        gender = item.get("gender")
        if gender not in (None, "m", "f"):
            raise _fail(path, line, f"gender {gender!r} must be m or f (or left out)")
        roles = []
        for role in item.get("roles") or []:
            if not isinstance(role, dict) or "code" not in role:
                raise _fail(path, line, "each role needs a code and an office, e.g. {office: prime minister, code: PAKGOV}")
            code = str(role["code"])
            sector = check_code(code, kb.countries, path, line)
            roles.append(Role(code, sector, _date(role.get("from"), path, line), _date(role.get("until"), path, line),
                              role.get("office")))
        entry = Entry(entry_id, str(_require(item, "name", path, line)), "person", tuple(roles), item.get("wikidata"), gender)
        kb.entries[entry_id] = entry
        for text in [entry.name, *_aliases(item, "aliases", path, line)]:
            kb.add_name(entry_id, "name", text)
        for text in _aliases(item, "short", path, line):
            kb.add_name(entry_id, "short", text)
        for role in roles:
            if role.office and len(role.code) >= 3:
                bucket = kb.office_holders.setdefault((role.code[:3], role.office), [])
                if entry_id not in bucket:
                    bucket.append(entry_id)


def _load_agents(kb: KnowledgeBase, path: Path) -> None:
    for number, row in _rows(path, ("phrase", "sectors", "kind", "office")):
        phrase = " ".join(row["phrase"].lower().split())
        if not phrase:
            raise _fail(path, number, "empty phrase; give the agent noun, e.g. militant")
        code = row["sectors"]
        if code == "NONE":
            kb.agents.pop(phrase, None)
            continue
        if not code or len(code) % 3:
            raise _fail(path, number, f"bad sectors {code!r}; write 3-letter sector codes like REB or GOVMIL, or ORG")
        sectors: tuple[str, ...] = tuple(code[i : i + 3] for i in range(0, len(code), 3))
        bad = [s for i, s in enumerate(sectors) if s not in SECTORS and not (s == "ORG" and i == 0)]
        if bad:
            raise _fail(path, number, f"unknown sector {bad[0]!r} (ORG may only come first); "
                                      f"known sectors: {' '.join(sorted(SECTORS))}")
        if row["kind"] not in AGENT_KINDS:
            raise _fail(path, number, f"unknown kind {row['kind']!r}; use person, group or institution")
        kb.agents[phrase] = Agent(phrase, sectors, row["kind"] or "group", row["office"] or None)


LOADERS = (
    ("countries.tsv", _load_countries),
    ("igos.tsv", _load_igos),
    ("groups.yaml", _load_groups),
    ("persons.yaml", _load_persons),
    ("agents_general.tsv", _load_agents),
    ("agents.tsv", _load_agents),
)


def load_kb(extra_paths: Sequence[str | os.PathLike[str]] = (), *, packaged: bool = True) -> KnowledgeBase:
    """Read and check the packaged files and then each extra directory (or single file) in order."""
    dirs: list[Path] = [PACKAGE_DIR] if packaged else []
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    dirs += [Path(p) for p in extra_paths]
    kb = KnowledgeBase()
    used = []
    for name, loader in LOADERS:
        for directory in dirs:
            path = directory if directory.is_file() and directory.name == name else directory / name
            if path.is_file():
                loader(kb, path)
                used.append(str(path))
    kb.sources = tuple(used)
    return kb


_lock = threading.Lock()
_default: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """The knowledge base every stage shares, loaded on first use."""
    global _default
    with _lock:
        if _default is None:
            _default = load_kb()
        return _default
