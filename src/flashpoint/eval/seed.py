"""The ``seed`` task: score the pipeline against gold in flashpoint's own YAML format.

``evaluate(path)`` reads a gold file or folder (docs/gold-format.md), runs ``pipeline.process`` on
the articles it points at, and reports P/R/F1 per stage. Each stage has two rows: ``<stage>``
counts an item right only when every field the gold gives agrees; ``<stage> (found)`` only asks
that it was found (text for times, places, actors and statements; the PLOVER type for events).
``score(golds, extractions)`` is the pure arithmetic, usable with hand-built extractions.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry

from flashpoint.errors import EvalError, FlashpointError
from flashpoint.eval import gold as gold_format
from flashpoint.eval.common import PRF, Report
from flashpoint.eval.gold import GoldArticle, GoldCount
from flashpoint.types import Actor, Article, Count, Event, Extraction, Place, Statement, TimeExpr

STAGES = ("times", "places", "actors", "statements", "events")
MAX_ERRORS = 60
KM = 161.0  # the usual "correct within 100 miles" radius of geoparsing evaluations
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-", "\u2013": "-"})
_ADMIN_WORDS = re.compile(r"\b(province|region|state|district|governorate|oblast|county|city|territory)\b")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").translate(_QUOTES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()))
    return text.strip(" .,;:'\"")


def text_match(gold: str, predicted: str | None) -> bool:
    """Lenient: one contains the other (a predicted fragment must hold half the gold text)."""
    g, p = norm(gold), norm(predicted)
    return bool(g and p) and (g in p or (p in g and 2 * len(p) >= len(g)))


def _admin_match(names: Sequence[str], predicted: str | None) -> bool:
    p = _ADMIN_WORDS.sub("", norm(predicted)).strip()
    return any(text_match(_ADMIN_WORDS.sub("", norm(name)).strip() or name, p) for name in names)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def count_match(expected: GoldCount, count: Count | None) -> bool:
    if count is None:
        return False
    if count.best is not None:
        return expected.low <= count.best <= expected.high
    low = count.low if count.low is not None else count.high
    high = count.high if count.high is not None else count.low
    return low is not None and high is not None and low <= expected.high and expected.low <= high


def slots_match(slots: tuple[frozenset[str], ...], actors: Sequence[Actor]) -> bool:
    codes = [actor.code or "?" for actor in actors]
    if len(set(codes)) != len(codes):
        codes = list(dict.fromkeys(codes))
    if len(codes) != len(slots):
        return False
    if len(codes) > 6:
        return all(any(code in slot for slot in slots) for code in codes)
    return any(all(code in slot for code, slot in zip(order, slots)) for order in itertools.permutations(codes))


# Each checker returns the names of the fields that disagree (empty = right), or None if not found.
def _time_fields(g: gold_format.GoldTime, t: TimeExpr) -> list[str] | None:
    if not text_match(g.text, t.text):
        return None
    return [] if g.value is None or g.value == t.value else ["value"]


def _country_of(iso2: str | None) -> str | None:
    found = pycountry.countries.get(alpha_2=iso2.upper()) if iso2 and len(iso2) == 2 else None
    return str(found.alpha_3) if found else None


def _place_fields(g: gold_format.GoldPlace, places: Sequence[Place]) -> list[str] | None:
    if not any(text_match(text, p.text) or text_match(text, p.name) for p in places for text in g.texts):
        return None
    p = places[0]
    wrong = []
    if g.country and g.country != (p.country_iso3 or _country_of(p.country_iso2)):
        wrong.append("country")
    if g.admin1 and not _admin_match(g.admin1, p.admin1):
        wrong.append("admin1")
    if g.lat is not None and g.lon is not None:
        if p.lat is None or p.lon is None or _km(g.lat, g.lon, p.lat, p.lon) > KM:
            wrong.append("coordinates")
    return wrong


def _actor_fields(g: gold_format.GoldActor, actors: Sequence[Actor]) -> list[str] | None:
    if not any(text_match(text, a.text) or text_match(text, a.name) for a in actors for text in g.texts):
        return None
    a = actors[0]
    wrong = []
    if g.codes and a.code not in g.codes:
        wrong.append("code")
    if g.country and g.country != a.country:
        wrong.append("country")
    if g.sector and g.sector != a.sector:
        wrong.append("sector")
    return wrong


def _statement_fields(g: gold_format.GoldStatement, s: Statement) -> list[str] | None:
    if not text_match(g.content, s.content):
        return None
    wrong = []
    speaker = s.speaker
    if g.speaker is not None and (speaker.code if speaker else None) not in (g.speaker or (None,)):
        wrong.append("speaker")
    if g.speaker_name and not (speaker and (text_match(g.speaker_name, speaker.name)
                                            or text_match(g.speaker_name, speaker.text))):
        wrong.append("speaker_name")
    if g.stance and g.stance != s.stance:
        wrong.append("stance")
    return wrong


def _event_fields(g: gold_format.GoldEvent, e: Event) -> list[str] | None:
    if g.event != e.event:
        return None
    loc = e.event_loc
    checks = [
        ("cameo", g.cameo is None or (e.cameo_code or "").startswith(g.cameo)),
        ("actor", g.actor is None or slots_match(g.actor, e.actor)),
        ("recipient", g.recipient is None or slots_match(g.recipient, e.recipient)),
        ("date", g.date is None or (e.date or "").startswith(g.date)),
        ("modality", g.modality is None or g.modality == e.modality),
        ("place", g.country is None or (loc is not None and g.country == (loc.country_iso3 or _country_of(loc.country_iso2)))),
        ("admin1", not g.admin1 or (loc is not None and _admin_match(g.admin1, loc.admin1))),
        ("aggregate", g.aggregate is None or g.aggregate == e.aggregate),
    ]
    for name in ("dead", "injured", "hostages", "arrested"):
        expected = getattr(g, name)
        checks.append((name, expected is None or count_match(expected, getattr(e, name))))
    return [name for name, ok in checks if not ok]


def _group(items: Iterable[Any], key: Callable[[Any], Any]) -> list[list[Any]]:
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def _align(gold_items: Sequence[Any], predicted: Sequence[Any], fields: Callable[[Any, Any], list[str] | None]
           ) -> tuple[list[tuple[Any, Any, list[str]]], list[Any], list[Any]]:
    """Pair gold and predicted items one to one, fully right pairs first. Returns (pairs, missed, spurious)."""
    table = [[fields(g, p) for p in predicted] for g in gold_items]
    used: set[int] = set()
    pairs: dict[int, tuple[int, list[str]]] = {}
    for round_ in range(2):
        for gi in range(len(gold_items)):
            if gi in pairs:
                continue
            for pi, wrong in enumerate(table[gi]):
                if pi not in used and wrong is not None and (round_ == 1 or not wrong):
                    pairs[gi] = (pi, wrong)
                    used.add(pi)
                    break
    matched = [(gold_items[gi], predicted[pi], wrong) for gi, (pi, wrong) in sorted(pairs.items())]
    missed = [g for gi, g in enumerate(gold_items) if gi not in pairs]
    spurious = [p for pi, p in enumerate(predicted) if pi not in used]
    return matched, missed, spurious


def _describe(item: Any) -> Any:
    if isinstance(item, list):  # a group of mentions
        return _describe(item[0]) | {"mentions": len(item)}
    if isinstance(item, Event):
        return {"event": item.event, "cameo": item.cameo_code, "actor": [a.code for a in item.actor],
                "recipient": [a.code for a in item.recipient], "date": item.date, "modality": item.modality,
                "sentence": item.evidence.sentence[:160]}
    if isinstance(item, Statement):
        return {"content": item.content[:120], "speaker": item.speaker.code if item.speaker else None,
                "stance": item.stance}
    keep = ("text", "texts", "value", "code", "codes", "country", "country_iso3", "sector", "admin1", "content",
            "speaker", "stance", "event", "cameo", "actor", "recipient", "date", "modality")
    fields = getattr(item, "__dataclass_fields__", {})
    return {k: _plain(getattr(item, k)) for k in keep if k in fields and getattr(item, k) not in (None, (), "")}


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list, frozenset, set)):
        return sorted(_plain(v) for v in value) if isinstance(value, (frozenset, set)) else [_plain(v) for v in value]
    return value


def score(golds: Sequence[GoldArticle], extractions: Sequence[Extraction], *, dataset: str = "seed") -> Report:
    """P/R/F1 per stage over paired gold articles and extractions (same order)."""
    full = {stage: PRF() for stage in STAGES}
    found = {stage: PRF() for stage in STAGES}
    dates_right = 0
    errors: list[dict[str, Any]] = []
    for g, x in zip(golds, extractions, strict=True):
        if g.document_date is not None and x.doc_date.value == g.document_date:
            dates_right += 1
        elif g.document_date is not None:
            errors.append({"kind": "wrong", "stage": "document_date", "article": g.label, "gold": str(g.document_date),
                           "predicted": str(x.doc_date.value), "method": x.doc_date.method})
        predicted: dict[str, Sequence[Any]] = {
            "times": x.times,
            "places": _group(x.places, lambda p: (norm(p.name or p.text), p.country_iso3 or p.country_iso2)),
            "actors": _group(x.actors, lambda a: a.entity_id or (a.code, norm(a.name or a.text))),
            "statements": x.statements,
            "events": x.events,
        }
        checkers: dict[str, Callable[[Any, Any], list[str] | None]] = {
            "times": _time_fields, "places": _place_fields, "actors": _actor_fields,
            "statements": _statement_fields, "events": _event_fields,
        }
        for stage in STAGES:
            items = getattr(g, stage)
            pairs, missed, spurious = _align(items, predicted[stage], checkers[stage])
            right = sum(1 for _, _, wrong in pairs if not wrong)
            full[stage].add(tp=right, fp=len(predicted[stage]) - right, fn=len(items) - right)
            found[stage].add(tp=len(pairs), fp=len(spurious), fn=len(missed))
            for gi, pi, wrong in pairs:
                if wrong:
                    errors.append({"kind": "wrong", "stage": stage, "article": g.label, "fields": wrong,
                                   "gold_line": f"{g.gold_file}:{gi.line}", "gold": _describe(gi),
                                   "predicted": _describe(pi)})
            errors += [{"kind": "missed", "stage": stage, "article": g.label, "gold_line": f"{g.gold_file}:{m.line}",
                        "gold": _describe(m)} for m in missed]
            errors += [{"kind": "spurious", "stage": stage, "article": g.label, "predicted": _describe(s)}
                       for s in spurious]
    report = Report(task="seed", dataset=dataset, documents=len(golds))
    dated = sum(1 for g in golds if g.document_date is not None)
    report.scores["document_date"] = {"accuracy": round(dates_right / dated, 4) if dated else 0.0, "n": dated}
    for stage in STAGES:
        report.scores[stage] = full[stage].scores()
        report.scores[f"{stage} (found)"] = found[stage].scores()
    rank = {"wrong": 0, "missed": 1, "spurious": 2}
    stage_rank = {s: i for i, s in enumerate(("events", "statements", "actors", "places", "times", "document_date"))}
    errors.sort(key=lambda e: (rank[e["kind"]], stage_rank[e["stage"]]))
    report.errors = errors[:MAX_ERRORS]
    if len(errors) > MAX_ERRORS:
        report.notes.append(f"{len(errors) - MAX_ERRORS} further errors not listed")
    return report


def _read_file(path: Path) -> list[Article]:
    """Every article of one file, read by the ingest readers; a reader failure is a gold error."""
    from flashpoint.ingest.readers import read_file

    articles: list[Article] = []
    for item in read_file(path):
        if not isinstance(item, Article):
            raise EvalError(f"{path}: {getattr(item, 'message', item)}")
        articles.append(item)
    return articles


def article_for(g: GoldArticle, cache: dict[Path, list[Article]]) -> Article:
    if g.file not in cache:
        try:
            cache[g.file] = _read_file(g.file)
        except (OSError, ValueError, FlashpointError) as exc:
            raise EvalError(f"{g.where}: cannot read the article file {g.file} ({exc})") from exc
    articles = cache[g.file]
    if g.url is not None:
        for article in articles:
            if article.url and norm(article.url).rstrip("/") == norm(g.url).rstrip("/"):
                return article
        raise EvalError(f"{g.where}: no article with url {g.url} in {g.file}; check the url")
    if g.index is not None:
        if g.index < len(articles):
            return articles[g.index]
        raise EvalError(f"{g.where}: index {g.index} but {g.file} holds {len(articles)} articles (counted from 0)")
    if len(articles) != 1:
        raise EvalError(f"{g.where}: {g.file} holds {len(articles)} articles; add url: or index: to pick one")
    return articles[0]


def evaluate(path: str, *, limit: int | None = None) -> Report:
    from flashpoint import pipeline

    golds = gold_format.read(path)
    if limit is not None:
        golds = golds[:limit]
    cache: dict[Path, list[Article]] = {}
    articles = [article_for(g, cache) for g in golds]
    extractions = list(pipeline.process(articles))
    return score(golds, extractions, dataset=str(path))
