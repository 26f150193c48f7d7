"""Plain-text rendering of one stored article and what was extracted from it."""

from __future__ import annotations

import textwrap
from typing import Any


def _spans(label: str, items: list[dict[str, Any]], describe: Any) -> list[str]:
    lines = [f"{label} ({len(items)})"]
    for item in items:
        lines.append("  " + describe(item))
    return lines


def _entity(e: dict[str, Any]) -> str:
    return f"{e.get('name') or e.get('entity_text') or '?'} [{e.get('code') or '-'}]"


def render_article(record: dict[str, Any]) -> str:
    ex = record.get("extraction") or {}
    out = [
        f"{record['id']}  {record.get('title') or '(no title)'}",
        f"url: {record.get('url') or '-'}   source: {record.get('source') or '-'}   "
        f"published: {record.get('published') or '-'}   document date: {record.get('doc_date') or '-'} "
        f"({record.get('doc_date_method')}, {record.get('doc_date_confidence')})",
        "",
    ]
    text = record["text"]
    sentences = ex.get("sentences") or []
    out.append(f"sentences ({len(sentences)})")
    for number, sent in enumerate(sentences, start=1):
        kind = "" if sent["block_kind"] == "paragraph" else f" [{sent['block_kind']}]"
        body = textwrap.shorten(" ".join(sent["text"].split()), 160)
        out.append(f"  {number:>3}{kind} {body}")
    out.append("")
    out += _spans("entities", ex.get("entities") or [],
                  lambda e: f"{e['label']:<8} {e['text']!r} @{e['start']}-{e['end']}")
    out += _spans("times", ex.get("times") or [],
                  lambda t: f"{t['text']!r} -> {t['value']} ({t['granularity']}) @{t['start']}-{t['end']}")
    out += _spans("places", ex.get("places") or [],
                  lambda p: f"{p['text']!r} -> {p.get('name') or 'unresolved'} "
                            f"{p.get('admin1') or ''} {p.get('country_iso3') or ''} "
                            f"({p.get('lat')}, {p.get('lon')}) prec {p.get('precision')}")
    out += _spans("actors", ex.get("actors") or [],
                  lambda a: f"{a['text']!r} -> {a.get('name') or '?'} [{a.get('code') or '-'}] "
                            f"{a.get('office') or ''} via {a.get('via')}")
    out += _spans("statements", record.get("statements") or [],
                  lambda s: f"{_entity(s['speaker'])} {s.get('cue') or ''} ({s['stance']}, {s['kind']}, "
                            f"{s.get('date') or '-'}): {textwrap.shorten(s['content'], 120)}")
    out += _spans("events", record.get("events") or [],
                  lambda e: f"{_date(e)} {e['event']}/{e['cameo_code']} {e['modality']} "
                            f"{', '.join(_entity(a) for a in e['actor']) or '?'} -> "
                            f"{', '.join(_entity(a) for a in e['recipient']) or '?'}"
                            f"{_counts(e)}{' aggregate' if e.get('aggregate') else ''}"
                            f"{' @' + e['event_loc']['resolved_place'] if (e.get('event_loc') or {}).get('resolved_place') else ''}"
                            f" | {textwrap.shorten(e['evidence']['sentence'], 110)}")
    del text
    return "\n".join(out)


def _date(event: dict) -> str:
    """"2023-01-02 (text)": the date and where it came from ("document": only the publication day)."""
    if not event.get("date"):
        return "-"
    source = event.get("date_source")
    if not source:
        return str(event["date"])
    return f"{event['date']} ({source})"


def _count(count: dict | None) -> str | None:
    if not count:
        return None
    if count.get("best") is not None:
        return str(count["best"])
    low, high = count.get("low"), count.get("high")
    span = f"{low}-{high}" if high is not None else f"{low}+"
    return f"{span} ({count['text']})" if count.get("text") else span


def _counts(event: dict) -> str:
    """" dead=33 hostages=12", vague figures as their range ("dead=24-99 (dozens)")."""
    parts = [f" {name}={_count(event.get(name))}" for name in ("dead", "injured", "hostages", "arrested")
             if _count(event.get(name))]
    return "".join(parts)
