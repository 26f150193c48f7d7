"""Read and validate flashpoint's own YAML gold format (docs/gold-format.md).

``read(path)`` takes one gold file or a folder of them (``*.yaml`` / ``*.yml``, sorted) and returns
``GoldArticle`` records. Every problem found is reported at once in a single ``EvalError`` whose
lines say the file, the line, what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import yaml

from flashpoint.errors import EvalError

FORMAT = "flashpoint-gold/1"

PLOVER_EVENTS = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
MODALITIES = frozenset(
    "asserted denied threatened planned conditional hypothetical claimed historical".split()
)
STANCES = frozenset("accuse deny threaten demand appeal promise praise reject neutral".split())
# PLOVER sectors plus the CAMEO role and international codes (CAMEO manual, chapter 3).
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE "
    "REL SOC INS SEP DEV ENV HLH HRI MOD RAD IGO IMG INT MNC NGM NGO UIS".split()
)

_LINES = "__lines__"
_LINE = "__line__"
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,14}$")
_CAMEO = re.compile(r"^\d{2,4}$")
_EVENT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_TIMEX = re.compile(
    r"^(\d{2,4}X*|\d{4}-(\d{2}(-\d{2}(T(\d{2}(:\d{2})?|MO|AF|EV|NI))?)?|W\d{2}(-WE)?|SP|SU|FA|WI|Q[1-4]|H[12]))$"
    r"|^P(T?[\d.X]+[YMWDHS])+$|^PT?[\d.X]+[YMWDHS]$|^(PRESENT|PAST|FUTURE)_REF$"
)
_EXTRA_COUNTRIES = {"XK": "XKX", "XKX": "XKX"}  # Kosovo: user-assigned code, absent from ISO 3166


@dataclass(frozen=True)
class GoldCount:
    low: int
    high: int


@dataclass(frozen=True)
class GoldTime:
    text: str
    value: str | None
    line: int


@dataclass(frozen=True)
class GoldPlace:
    texts: tuple[str, ...]  # the text first, then aliases
    country: str | None  # ISO 3166-1 alpha-3
    admin1: tuple[str, ...]  # acceptable names; empty = not scored
    lat: float | None
    lon: float | None
    line: int


@dataclass(frozen=True)
class GoldActor:
    texts: tuple[str, ...]
    codes: tuple[str, ...]  # acceptable codes; empty = not scored
    country: str | None
    sector: str | None
    line: int


@dataclass(frozen=True)
class GoldStatement:
    content: str
    speaker: tuple[str, ...] | None  # acceptable speaker codes; None = not scored
    speaker_name: str | None
    stance: str | None
    line: int


@dataclass(frozen=True)
class GoldEvent:
    event: str
    line: int
    cameo: str | None = None
    # one slot per expected actor, each holding the acceptable codes; None = not scored, () = none expected
    actor: tuple[frozenset[str], ...] | None = None
    recipient: tuple[frozenset[str], ...] | None = None
    date: str | None = None
    modality: str | None = None
    country: str | None = None
    admin1: tuple[str, ...] = ()
    dead: GoldCount | None = None
    injured: GoldCount | None = None
    hostages: GoldCount | None = None
    arrested: GoldCount | None = None
    aggregate: bool | None = None


@dataclass(frozen=True)
class GoldArticle:
    gold_file: Path
    line: int
    file: Path  # the article file, resolved against the gold file's folder
    url: str | None
    index: int | None
    label: str
    document_date: dt.date | None
    times: tuple[GoldTime, ...] = ()
    places: tuple[GoldPlace, ...] = ()
    actors: tuple[GoldActor, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    events: tuple[GoldEvent, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.gold_file}:{self.line}"


class _Loader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping key and refuses duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in lines:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r} (first on line {lines[key]}); keep one of them",
                problem_mark=key_node.start_mark,
            )
        lines[key] = key_node.start_mark.line + 1
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping[_LINES] = lines
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.MarkedYAMLError(problem=f"{node.value!r} is not a real date ({exc}); write YYYY-MM-DD",
                                   problem_mark=node.start_mark) from exc


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _Problems:
    def __init__(self, source: Path) -> None:
        self.source = source
        self.items: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self.items.append((line, f"{self.source}, line {line}: {message}"))


class _Reader:
    """Validates one parsed gold file; each ``_x`` method returns a record or None after a problem."""

    def __init__(self, source: Path) -> None:
        self.problems = _Problems(source)
        self.source = source

    def line(self, mapping: dict[str, Any], key: str | None = None) -> int:
        if key is not None and key in mapping.get(_LINES, {}):
            return int(mapping[_LINES][key])
        return int(mapping.get(_LINE, 0))

    def mapping(self, value: Any, line: int, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problems.add(line, f"{what} must be a mapping of key: value, got {value!r}")
            return None
        return value

    def keys(self, mapping: dict[str, Any], allowed: set[str], required: set[str], what: str) -> bool:
        """Report unknown keys (and go on); False when a required key is missing."""
        ok = True
        for key in mapping:
            if key in (_LINES, _LINE) or key in allowed:
                continue
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(sorted(allowed))}"
            self.problems.add(self.line(mapping, key), f"unknown key {key!r} in {what}; {hint}")
        for key in sorted(required - set(mapping)):
            self.problems.add(self.line(mapping), f"{what} needs the key {key!r}")
            ok = False
        return ok

    def text(self, mapping: dict[str, Any], key: str, what: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            self.problems.add(self.line(mapping, key), f"{what} {key} must be non-empty text, got {value!r}")
            return None
        return value.strip()

    def names(self, mapping: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
        value = mapping.get(key)
        values = [] if value is None else value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.problems.add(self.line(mapping, key), f"{what} {key} must be a name or a list of names")
            return ()
        return tuple(v.strip() for v in values)

    def texts(self, mapping: dict[str, Any], what: str) -> tuple[str, ...]:
        text = self.text(mapping, "text", what)
        aliases = mapping.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            self.problems.add(self.line(mapping, "aliases"), f"{what} aliases must be a list of texts")
            aliases = []
        return tuple([text] if text else []) + tuple(a.strip() for a in aliases)

    def country(self, mapping: dict[str, Any], key: str = "country") -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        code = str(value).strip().upper()
        if code in _EXTRA_COUNTRIES:
            return _EXTRA_COUNTRIES[code]
        found = None
        if len(code) == 2:
            found = pycountry.countries.get(alpha_2=code)
        elif len(code) == 3:
            found = pycountry.countries.get(alpha_3=code)
        if found is None:
            self.problems.add(
                self.line(mapping, key),
                f"unknown country code {value!r}; use an ISO 3166-1 alpha-2 or alpha-3 code such as PK or PAK",
            )
            return None
        return str(found.alpha_3)

    def codes(self, mapping: dict[str, Any], key: str, what: str) -> tuple[str, ...] | None:
        value = mapping.get(key, ...)
        if value is ...:
            return None
        items = [] if value is None else value if isinstance(value, list) else [value]
        out = []
        for item in items:
            if not isinstance(item, str) or not _CODE.match(item):
                self.problems.add(
                    self.line(mapping, key),
                    f"{what} {key} {item!r} is not an actor code; write upper-case letters such as PAKGOV",
                )
                continue
            out.append(item)
        return tuple(out)

    def slots(self, mapping: dict[str, Any], key: str) -> tuple[frozenset[str], ...] | None:
        """Event actor lists: [PAKMIL, [SDNCVL, SDNREF]] = two actors, the second either code."""
        value = mapping.get(key, ...)
        if value is ...:
            return None
        items = [] if value is None else value if isinstance(value, list) else [value]
        out = []
        for item in items:
            codes = self.codes({key: item, _LINES: mapping.get(_LINES, {})}, key, "event")
            if codes:
                out.append(frozenset(codes))
        return tuple(out)

    def choice(self, mapping: dict[str, Any], key: str, allowed: frozenset[str], what: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        text = str(value).strip()
        normal = text.upper() if key in ("event", "sector") else text.lower()
        if normal not in allowed:
            close = difflib.get_close_matches(normal, sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(sorted(allowed))}"
            self.problems.add(self.line(mapping, key), f"{key} {value!r} is unknown; {hint}")
            return None
        return normal

    def count(self, mapping: dict[str, Any], key: str) -> GoldCount | None:
        value = mapping.get(key)
        if value is None:
            return None
        line = self.line(mapping, key)
        fix = f"write {key}: 12 or {key}: {{low: 24, high: 99}}"
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return GoldCount(value, value)
        if isinstance(value, dict):
            best = value.get("best")
            low = value.get("low", best)
            high = value.get("high", best)
            numbers = [n for n in (low, high, best) if n is not None]
            if (
                numbers
                and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers)
                and set(value) <= {"low", "high", "best", _LINES, _LINE}
            ):
                low = 0 if low is None else low
                high = 10**9 if high is None else high
                if low <= high:
                    return GoldCount(low, high)
        self.problems.add(line, f"{key} {value!r} is not a count; {fix}")
        return None

    def date_text(self, mapping: dict[str, Any], key: str, pattern: re.Pattern[str], fix: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        if not pattern.match(text):
            self.problems.add(self.line(mapping, key), f"{key} {value!r} is not valid; {fix}")
            return None
        return text

    def time(self, value: Any, line: int) -> GoldTime | None:
        item = self.mapping(value, line, "a time")
        if item is None or not self.keys(item, {"text", "value"}, {"text"}, "a time"):
            return None
        text = self.text(item, "text", "time")
        fix = "give a TIMEX3 value such as 2023-01-02, 2022-12, 2022-W52, P40H or PRESENT_REF (quote it)"
        value_text = self.date_text(item, "value", _TIMEX, fix)
        return GoldTime(text, value_text, self.line(item)) if text else None

    def place(self, value: Any, line: int) -> GoldPlace | None:
        item = self.mapping(value, line, "a place")
        allowed = {"text", "aliases", "country", "admin1", "lat", "lon"}
        if item is None or not self.keys(item, allowed, {"text"}, "a place"):
            return None
        lat, lon = item.get("lat"), item.get("lon")
        if (lat is None) != (lon is None) or any(
            v is not None and (not isinstance(v, (int, float)) or isinstance(v, bool)) for v in (lat, lon)
        ):
            self.problems.add(self.line(item), "a place needs both lat and lon as numbers, or neither")
            lat = lon = None
        elif lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problems.add(self.line(item, "lat"), f"lat/lon {lat}, {lon} out of range; lat first, then lon")
            lat = lon = None
        return GoldPlace(
            self.texts(item, "place"),
            self.country(item),
            self.names(item, "admin1", "place"),
            None if lat is None else float(lat),
            None if lon is None else float(lon),
            self.line(item),
        )

    def actor(self, value: Any, line: int) -> GoldActor | None:
        item = self.mapping(value, line, "an actor")
        allowed = {"text", "aliases", "code", "country", "sector"}
        if item is None or not self.keys(item, allowed, {"text"}, "an actor"):
            return None
        return GoldActor(
            self.texts(item, "actor"),
            self.codes(item, "code", "actor") or (),
            self.country(item),
            self.choice(item, "sector", SECTORS, "actor"),
            self.line(item),
        )

    def statement(self, value: Any, line: int) -> GoldStatement | None:
        item = self.mapping(value, line, "a statement")
        allowed = {"content", "speaker", "speaker_name", "stance"}
        if item is None or not self.keys(item, allowed, {"content"}, "a statement"):
            return None
        content = self.text(item, "content", "statement")
        if content is None:
            return None
        return GoldStatement(
            content,
            self.codes(item, "speaker", "statement"),
            self.text(item, "speaker_name", "statement"),
            self.choice(item, "stance", STANCES, "statement"),
            self.line(item),
        )

    def event(self, value: Any, line: int) -> GoldEvent | None:
        item = self.mapping(value, line, "an event")
        allowed = {"event", "cameo", "actor", "recipient", "date", "modality", "place", "dead", "injured",
                   "hostages", "arrested", "aggregate"}
        if item is None or not self.keys(item, allowed, {"event"}, "an event"):
            return None
        event = self.choice(item, "event", PLOVER_EVENTS, "event")
        cameo = item.get("cameo")
        if cameo is not None and not (isinstance(cameo, str) and _CAMEO.match(cameo)):
            self.problems.add(self.line(item, "cameo"), f"cameo {cameo!r} must be 2-4 digits in quotes, e.g. '190'")
            cameo = None
        country, admin1 = None, ()
        if "place" in item:
            place = self.mapping(item["place"], self.line(item, "place"), "an event place")
            if place is not None and self.keys(place, {"country", "admin1"}, set(), "an event place"):
                country, admin1 = self.country(place), self.names(place, "admin1", "event place")
        aggregate = item.get("aggregate")
        if aggregate is not None and not isinstance(aggregate, bool):
            self.problems.add(self.line(item, "aggregate"), "aggregate must be true or false")
            aggregate = None
        actor, recipient = self.slots(item, "actor"), self.slots(item, "recipient")
        record = GoldEvent(
            event=event or "",
            line=self.line(item),
            cameo=cameo,
            actor=actor,
            recipient=recipient,
            date=self.date_text(item, "date", _EVENT_DATE, "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"),
            modality=self.choice(item, "modality", MODALITIES, "event"),
            country=country,
            admin1=admin1,
            dead=self.count(item, "dead"),
            injured=self.count(item, "injured"),
            hostages=self.count(item, "hostages"),
            arrested=self.count(item, "arrested"),
            aggregate=aggregate,
        )
        return record if event else None

    def items(self, article: dict[str, Any], key: str, parse: Any) -> tuple[Any, ...]:
        values = article.get(key) or []
        if not isinstance(values, list):
            self.problems.add(self.line(article, key), f"{key} must be a list (each item starting with '- ')")
            return ()
        parsed = [parse(value, self.line(article, key)) for value in values]
        return tuple(p for p in parsed if p is not None)

    def article(self, value: Any, line: int) -> GoldArticle | None:
        item = self.mapping(value, line, "an article")
        allowed = {"file", "url", "index", "id", "document_date", "times", "places", "actors", "statements",
                   "events"}
        if item is None or not self.keys(item, allowed, {"file"}, "an article"):
            return None
        file = self.text(item, "file", "article")
        index = item.get("index")
        if index is not None and (not isinstance(index, int) or isinstance(index, bool) or index < 0):
            self.problems.add(self.line(item, "index"), f"index {index!r} must be a record number from 0")
            index = None
        raw_date = item.get("document_date")
        date = None
        if isinstance(raw_date, dt.date):
            date = raw_date
        elif raw_date is not None:
            self.problems.add(self.line(item, "document_date"), f"document_date {raw_date!r}: write YYYY-MM-DD")
        if file is None:
            return None
        path = (self.source.parent / file).resolve()
        if not path.is_file():
            self.problems.add(self.line(item, "file"), f"article file {file!r} not found (paths are relative "
                              f"to the gold file's folder {self.source.parent})")
        return GoldArticle(
            gold_file=self.source,
            line=self.line(item),
            file=path,
            url=self.text(item, "url", "article"),
            index=index,
            label=self.text(item, "id", "article") or f"{Path(file).name}" + (f"#{index}" if index else ""),
            document_date=date,
            times=self.items(item, "times", self.time),
            places=self.items(item, "places", self.place),
            actors=self.items(item, "actors", self.actor),
            statements=self.items(item, "statements", self.statement),
            events=self.items(item, "events", self.event),
        )


def parse(text: str, source: Path) -> list[GoldArticle]:
    """Validate the text of one gold file; ``source`` names it in messages and anchors relative paths."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else "?"
        raise EvalError(f"{source}, line {line}: not valid YAML ({exc.problem}); fix the syntax there") from exc
    except yaml.YAMLError as exc:
        raise EvalError(f"{source}: not valid YAML ({exc}); fix the syntax") from exc
    reader = _Reader(source)
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise EvalError(f"{source}, line 1: a gold file is a mapping with a list under 'articles:' "
                        "(see docs/gold-format.md)")
    if data.get("format", FORMAT) != FORMAT:
        reader.problems.add(reader.line(data, "format"), f"format {data['format']!r} is unknown; write {FORMAT}")
    reader.keys(data, {"format", "articles"}, {"articles"}, "the gold file")
    articles = reader.items(data, "articles", reader.article)
    if reader.problems.items:
        shown = [message for _, message in sorted(reader.problems.items, key=lambda item: item[0])][:20]
        more = len(reader.problems.items) - len(shown)
        raise EvalError("bad gold data:\n  " + "\n  ".join(shown) + (f"\n  ... and {more} more" if more else ""))
    return list(articles)


def read(path: str | Path) -> list[GoldArticle]:
    """Every gold article in a YAML file, or in the YAML files of a folder (recursively, sorted)."""
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise EvalError(f"{root}: no gold files (*.yaml) in this folder; point at a gold file or folder")
    elif root.is_file():
        files = [root]
    else:
        raise EvalError(f"{root}: no such gold file or folder; check the path")
    out: list[GoldArticle] = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvalError(f"{file}: cannot read the gold file ({exc}); save it as UTF-8 text") from exc
        out.extend(parse(text, file))
    return out
