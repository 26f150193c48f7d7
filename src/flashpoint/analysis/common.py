"""Shared pieces of the cross-article analysis: the clustering rules file, periods, date spans, indexes."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import inspect

from flashpoint.errors import InputError, KnowledgeBaseError
from flashpoint.store import schema
from flashpoint.store.db import Store

RULES_FILE = "kb/analysis/clustering.yaml"
FREQS = ("day", "week", "month")


@dataclass(frozen=True)
class Rules:
    family_of: dict[str, str]
    sector_group: dict[str, str]
    date_slack_days: dict[str, int]
    counted_modalities: frozenset[str]

    def family(self, event_type: str) -> str:
        return self.family_of.get(event_type, event_type)


def _fail(message: str, text: str, key: str) -> KnowledgeBaseError:
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith(key)), None)
    return KnowledgeBaseError(message, path=RULES_FILE, line=line)


def parse_rules(text: str) -> Rules:
    """Parse and validate the clustering rules; a bad file names the line and the fix."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeBaseError(f"not valid YAML ({exc}); fix the syntax", path=RULES_FILE,
                                 line=mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError("expected a mapping with families, sector_groups, date_slack_days",
                                 path=RULES_FILE)
    for key in ("families", "sector_groups", "date_slack_days", "counted_modalities"):
        if key not in data:
            raise KnowledgeBaseError(f"missing the key {key!r}; add it (see the header comment)", path=RULES_FILE)
    family_of: dict[str, str] = {}
    for name, types in data["families"].items():
        if not isinstance(types, list) or not all(isinstance(t, str) and t.isupper() for t in types):
            raise _fail(f"family {name!r} must list upper-case PLOVER types, e.g. [ASSAULT, COERCE]", text, name)
        for event_type in types:
            if event_type in family_of:
                raise _fail(f"{event_type} is in two families ({family_of[event_type]}, {name}); keep one",
                            text, name)
            family_of[event_type] = name
    sector_group = {s: g for g, sectors in data["sector_groups"].items() for s in (sectors or [])}
    slack = data["date_slack_days"]
    for precision, days in slack.items():
        if not isinstance(days, int) or days < 0:
            raise _fail(f"date_slack_days.{precision} must be a whole number of days >= 0, not {days!r}",
                        text, str(precision))
    modalities = data["counted_modalities"]
    if not isinstance(modalities, list) or not modalities:
        raise _fail("counted_modalities must be a non-empty list, e.g. [asserted, claimed]", text,
                    "counted_modalities")
    return Rules(family_of, sector_group, dict(slack), frozenset(modalities))


@functools.cache
def rules() -> Rules:
    text = resources.files("flashpoint").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return parse_rules(text)


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def span(day: dt.date, precision: str | None, slack: dict[str, int]) -> tuple[dt.date, dt.date]:
    """The days a date at its precision may denote, widened by the slack for that precision."""
    precision = precision or "day"
    if precision == "week":
        end = day + dt.timedelta(days=6)
    elif precision == "month":
        end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    elif precision in ("quarter", "season"):
        end = day + dt.timedelta(days=91)
    elif precision == "year":
        end = day.replace(month=12, day=31)
    else:
        end = day
    pad = dt.timedelta(days=slack.get(precision, 0))
    return day - pad, end + pad


def period_start(day: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    raise InputError(f"unknown period {freq!r}; use one of {', '.join(FREQS)}")


def next_period(start: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return start + dt.timedelta(days=1)
    if freq == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def periods(first: dt.date, last: dt.date, freq: str) -> list[dt.date]:
    """Every period start from the one holding ``first`` to the one holding ``last`` (no gaps)."""
    out = []
    current = period_start(first, freq)
    while current <= last:
        out.append(current)
        current = next_period(current, freq)
    return out


def ensure_indexes(store: Store) -> None:
    """Create analysis indexes that a store made before they existed lacks (tables get theirs at open)."""
    names = {"articles_duplicate_of"}
    inspector = inspect(store.engine)
    existing = {ix["name"] for ix in inspector.get_indexes("articles")}
    for table in (schema.articles,):
        for index in table.indexes:
            if index.name in names and index.name not in existing:
                index.create(store.engine, checkfirst=True)


def rows(result: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in result]
