"""Within one article, mentions of the same event become one event with several mentions.

Two events are the same when their CAMEO roots agree, their actors do not conflict (same codes,
or one side unknown) and their dates do not conflict; two statement events of one speaker on one day
aimed at one country are one speech act; two verbs of force in one sentence with the same attackers
and victims are one assault; a definite anaphoric noun with no arguments
("the incident", "the siege") joins the latest earlier material event.
"""

from __future__ import annotations

import dataclasses

from flashpoint.types import Actor, Event


def _codes(actors: tuple[Actor, ...]) -> frozenset[str]:
    return frozenset(a.entity_id or a.code or a.text for a in actors)


def _compatible(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    return not a or not b or bool(_codes(a) & _codes(b))


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _stated_date(event: Event) -> str | None:
    """The date the text gives the event; a date only inferred from the document does not tell events apart."""
    return event.date if event.evidence.spans.get("date") else None


def same_event(first: Event, second: Event) -> bool:
    if first.aggregate != second.aggregate or first.modality != second.modality:
        return False
    if first.evidence.start == second.evidence.start:
        return _one_assault(first, second)
    if first.cameo_code[:2] != second.cameo_code[:2]:
        return False
    if _one_speech_act(first, second):
        return True
    if not (_compatible(first.actor, second.actor) and _compatible(first.recipient, second.recipient)):
        return False
    if not (first.actor or first.recipient) or not (second.actor or second.recipient):
        return False
    return _dates_agree(_stated_date(first), _stated_date(second)) and first.trigger == second.trigger


VIOLENT = ("18", "19", "20")


def _one_assault(first: Event, second: Event) -> bool:
    """"overpowered the guards and took them hostage": one sentence, the same attackers and the same
    victims, two verbs of force - one assault."""
    if first.cameo_code[:2] not in VIOLENT or second.cameo_code[:2] not in VIOLENT:
        return False
    if not (first.actor and first.recipient and second.actor and second.recipient):
        return False
    return _codes(first.actor) == _codes(second.actor) and _codes(first.recipient) == _codes(second.recipient)


def _one_speech_act(first: Event, second: Event) -> bool:
    """A lede that sums up a quote ("the minister claimed ...") and the quote itself ("... he told a news
    channel") are one statement: same speaker, same kind of act, same day, recipients of one country."""
    if not (first.evidence.statement_id and second.evidence.statement_id) or first.date != second.date:
        return False
    people = {a.entity_id for a in first.actor if a.entity_id and a.kind == "person"}
    if not people & {a.entity_id for a in second.actor if a.kind == "person"}:
        return False
    countries = {a.country for a in first.recipient if a.country}
    return bool(countries) and countries == {a.country for a in second.recipient if a.country}


def _absorb(main: Event, other: Event) -> Event:
    changes: dict[str, object] = {"mentions": main.mentions + (other.evidence,) + other.mentions}
    if main.evidence.start == other.evidence.start and main.cameo_code.endswith("0") and \
            not other.cameo_code.endswith("0"):
        # one assault told with two verbs keeps the specific code ("took hostage" 181 over "overpowered" 190)
        for name in ("event", "mode", "cameo_code", "quad_class", "goldstein", "context", "trigger", "evidence"):
            changes[name] = getattr(other, name)
        changes["mentions"] = main.mentions + (main.evidence,) + other.mentions
    for name in ("dead", "injured", "hostages", "arrested", "number", "event_loc"):
        if getattr(main, name) is None and getattr(other, name) is not None:
            changes[name] = getattr(other, name)
    if main.event_loc is not None and other.event_loc is not None and _fallback(main.event_loc.reason) and \
            not _fallback(other.event_loc.reason):
        changes["event_loc"] = other.event_loc  # a mention that says where beats a dateline guess
    if _stated_date(main) is None and _stated_date(other) is not None:
        changes["date"], changes["date_precision"] = other.date, other.date_precision
        changes["date_source"] = other.date_source
    if not main.actor and other.actor:
        changes["actor"] = other.actor
    if not main.recipient and other.recipient:
        changes["recipient"] = other.recipient
    elif other.recipient and _surer(other.recipient, main.recipient):
        changes["recipient"] = other.recipient  # "armed groups" (a guess from context) < "the Afghan government"
    changes["confidence"] = min(1.0, max(main.confidence, other.confidence) + 0.05)
    return dataclasses.replace(main, **changes)  # type: ignore[arg-type]


def _fallback(reason: str | None) -> bool:
    return (reason or "").startswith("fallback")


def _surer(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    return min(x.confidence for x in a) > max(x.confidence for x in b) + 0.1


def _same_kind(kept: str, anaphor: str) -> bool:
    """"the bombings" refers back to force (18-20), never to the arrests (17) told just before."""
    if anaphor[:2] in VIOLENT:
        return kept[:2] in VIOLENT
    return kept[:2] == anaphor[:2]


def merge(events: list[Event], anaphoric: set[str]) -> list[Event]:
    """Merge same-event mentions; ``anaphoric`` holds ids of argument-less definite nominal events."""
    out: list[Event] = []
    for event in events:
        target_index = None
        if event.id in anaphoric:
            for index in range(len(out) - 1, -1, -1):
                if out[index].quad_class == event.quad_class == 4 and not out[index].aggregate and \
                        _same_kind(out[index].cameo_code, event.cameo_code):
                    target_index = index
                    break
            if target_index is None:
                continue  # a bare "the attack" with nothing to refer to is not an event of its own
        else:
            for index, kept in enumerate(out):
                if same_event(kept, event):
                    target_index = index
                    break
        if target_index is None:
            out.append(event)
        else:
            out[target_index] = _absorb(out[target_index], event)
    return out
