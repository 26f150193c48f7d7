"""Conflicting casualty figures: every report's figure kept with who claimed it, and one reconciled value.

Rule (ACLED's conservative practice): the reconciled value is the LOWEST credible figure; the range
runs from the lowest low to the highest high of the credible figures. A figure is credible when it
comes from an article that is not a copy of another, from a report no analyst rejected, and from a report whose modality says the event
happened (not denied, threatened, planned or hypothetical). A vague count ("dozens") with no best
value counts by its low bound. Non-credible figures stay listed, marked, and never move the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

KINDS = ("dead", "injured", "hostages", "arrested")
NOT_CREDIBLE_MODALITIES = frozenset({"denied", "threatened", "planned", "hypothetical"})


def _claimants(record: Mapping[str, Any]) -> list[str]:
    names = []
    for entity in record.get("claimed_by") or []:
        name = entity.get("name") or entity.get("entity_text") or entity.get("code")
        if name:
            names.append(str(name))
    return names


def figures(members: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per (report, kind) that gives a number.

    Each member is ``{"record": canonical event record, "article_id", "source", "duplicate": bool}``.
    """
    out = []
    for member in members:
        record = member["record"]
        for kind in KINDS:
            count = record.get(kind)
            if not count:
                continue
            best, low, high = count.get("best"), count.get("low"), count.get("high")
            if best is None and low is None and high is None:
                continue
            claimed_by = _claimants(record)
            credible = (not member.get("duplicate") and not member.get("rejected")
                        and record.get("modality") not in NOT_CREDIBLE_MODALITIES)
            out.append({
                "kind": kind,
                "best": best,
                "low": low,
                "high": high,
                "text": count.get("text"),
                "claimed_by": claimed_by,
                "reported_by": member.get("source"),
                "event_id": record.get("id"),
                "article_id": member.get("article_id"),
                "credible": credible,
                "duplicate": bool(member.get("duplicate")),
            })
    out.sort(key=lambda f: (f["kind"], -(f["best"] if f["best"] is not None else f["low"] or 0), f["event_id"] or ""))
    return out


def reconcile(items: Iterable[Mapping[str, Any]], kind: str = "dead") -> dict[str, Any]:
    """The reconciled value, range and claims of one kind of figure (see the module docstring)."""
    of_kind = [f for f in items if f["kind"] == kind]
    credible = [f for f in of_kind if f["credible"]]
    values = [f["best"] if f["best"] is not None else f["low"] for f in credible]
    values = [v for v in values if v is not None]
    lows = [v for f in credible for v in (f["low"], f["best"]) if v is not None]
    highs = [v for f in credible for v in (f["high"], f["best"], f["low"]) if v is not None]
    claimants = sorted({name for f in of_kind for name in (f["claimed_by"] or [f["reported_by"] or "unknown"])})
    return {
        "kind": kind,
        "value": min(values) if values else None,
        "low": min(lows) if lows else None,
        "high": max(highs) if highs else None,
        "claims": len(of_kind),
        "credible_claims": len(credible),
        "claimants": claimants,
        "rule": "lowest credible figure",
    }


def reconcile_all(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    kinds = sorted({f["kind"] for f in items}, key=KINDS.index)
    return {kind: reconcile(items, kind) for kind in kinds}
