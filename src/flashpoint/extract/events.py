"""Events: who did what to whom, coded, dated, placed, counted, with evidence. (issue 8)

``events(doc, article, doc_date, times, places, actors, statements)`` codes every prose sentence
(see ``flashpoint.extract.eventcoding``), turns accusing/threatening/denying statements whose
sentence yields no coded act into events with the statement as evidence, gives replies ("dismisses
the allegations", "the Taliban responded") the author of the claim they answer as recipient, dates
and places each event, and merges mentions of one event. CAMEO codes map to PLOVER type and mode,
GDELT QuadClass and Goldstein through ``kb/events/cameo_codes.tsv``.

Dates: the time expression of the event's clause or sentence; else the statement's date; else the
latest time of the earlier sentences of the same paragraph (the narrative goes on); else the
document date at day precision, with a lower confidence. ``Event.date_source`` records which
(text, statement, paragraph, document; anchored and narrative when another event lends the date).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from flashpoint import nlp
from flashpoint.extract.eventcoding import anchoring, kb, merge
from flashpoint.extract import time as time_stage
from flashpoint.extract.timex import calendar
from flashpoint.extract.eventcoding.coder import STATE, Draft, code_sentence, skip_reason
from flashpoint.extract.eventcoding.kb import Patterns
from flashpoint.extract.eventcoding.placetime import event_date, event_place, paragraph_date
from flashpoint.types import Actor, Article, DocDate, Event, Evidence, Place, Statement, TimeExpr

STANCE_CODES = {"accuse": "112", "deny": "120", "reject": "120", "threaten": "130", "demand": "100",
                "appeal": "020", "promise": "030", "praise": "051"}
REPLY_STANCES = frozenset({"deny", "reject", "threaten", "accuse"})
CLAIM_ROOTS = ("10", "11", "12", "13", "16", "17")  # what a reply can answer: claims, demands, threats, sanctions
INTERNAL_ADVERSARIES = frozenset({"REB", "INS", "OPP", "CRM", "TER", "SEP", "UAF"})


def event_id(article_id: str, span: tuple[int, int], code: str) -> str:
    return hashlib.sha1(f"{article_id}|{span[0]}:{span[1]}|{code}".encode()).hexdigest()[:16]


def _confidence(draft: Draft) -> float:
    """Arguments found, a verb rather than a noun, and the main clause rather than a modifier raise it."""
    score = 0.45 + (0.2 if draft.source else 0) + (0.15 if draft.target else 0) + (0.0 if draft.nominal else 0.1)
    if draft.statement_id:
        score += 0.05
    clause = draft.trigger if not draft.nominal else draft.trigger.head
    if clause.dep_ == "ROOT" or (clause.dep_ == "conj" and clause.head.dep_ == "ROOT"):
        score += 0.05
    elif clause.dep_ in ("acl", "relcl", "amod", "advcl"):
        score -= 0.1
    return round(max(min(score, 0.95), 0.1), 2)


def _to_event(draft: Draft, sent: Span, article: Article, doc_date: DocDate, times: Sequence[TimeExpr],
              places: Sequence[Place], doc: Doc, statement_dates: dict[str, tuple[str, str]],
              scene: dict[int, Place] | None = None) -> Event:
    info = kb.codes()[draft.code]
    spans: dict[str, tuple[tuple[int, int], ...]] = {"trigger": (draft.trigger_span,)}
    if draft.source:
        spans["actor"] = tuple(span for _, span in draft.source)
    if draft.target:
        spans["recipient"] = tuple(span for _, span in draft.target)
    date, precision, date_span = event_date(times, sent, draft.trigger_span, doc)
    if date_span is not None and _reference_point(doc, date_span, draft.trigger):
        times = [t for t in times if (t.start, t.end) != date_span]
        date, precision, date_span = event_date(times, sent, draft.trigger_span, doc)
    confidence = _confidence(draft)
    source = "text" if date is not None else None
    if date is None and draft.statement_id and statement_dates.get(draft.statement_id):
        date, source = statement_dates[draft.statement_id]
        precision = "day" if len(date) == 10 else "month" if len(date) == 7 else "year"
    if date is None and not _present(draft.trigger):
        date, precision, date_span = paragraph_date(times, sent, doc)
        source = "paragraph" if date is not None else None
    if date is None and doc_date.value is not None:
        date, precision, source = doc_date.value.isoformat(), "day", "document"
    if source == "document":
        # The day stays (the date column and day-bucketed series keep working, and date_precision keeps
        # describing the value's granularity); date_source says it is the publication day, not the text's.
        confidence = round(max(confidence - 0.1, 0.1), 2)
    place = _scene_place(event_place(places, sent, draft.trigger_span, doc), places, sent, scene,
                         verbal=info.quad_class in (1, 3))
    recipient = tuple(a for a, _ in draft.target)
    host = _host_place(places, sent, draft) if not recipient and \
        draft.code[:2] in kb.patterns().location_recipient_roots else None
    if host is not None and host.country_iso3:
        # "staged a protest in Beijing", "exercises in Alaska": the host country is the recipient
        recipient = (Actor(text=host.text, start=host.start, end=host.end, code=host.country_iso3,
                           country=host.country_iso3, kind="country", via="event-location", confidence=0.3),)
        spans["recipient"] = ((host.start, host.end),)
    if date_span is not None:
        spans["date"] = (date_span,)
    if place is not None and 0 <= place.start < place.end:  # a focus-country fallback has no words in the text
        spans["location"] = ((place.start, place.end),)
    modality = draft.modality
    if modality == "asserted" and date and doc_date.value and date[:4].isdigit() and \
            doc_date.value.year - int(date[:4]) >= 2:
        modality = "historical"
    evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, spans=spans,
                        statement_id=draft.statement_id)
    return Event(
        id=event_id(article.id, draft.trigger_span, draft.code),
        event=info.event, mode=draft.mode or info.mode, cameo_code=info.code, quad_class=info.quad_class,
        goldstein=info.goldstein, evidence=evidence,
        actor=tuple(a for a, _ in draft.source), recipient=recipient,
        context=info.context, modality=modality, aggregate=draft.aggregate, date=date, date_precision=precision,
        event_loc=place, dead=draft.counts.get("dead"), injured=draft.counts.get("injured"),
        hostages=draft.counts.get("hostages"), arrested=draft.counts.get("arrested"), number=draft.number,
        claimed_by=tuple(draft.claimed_by), confidence=confidence, trigger=draft.trigger.text, date_source=source,
    )


def _present(trigger: Token) -> bool:
    """"have accused", "deny": a present or present-perfect clause speaks of now, not of the paragraph's past."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl", "xcomp"):  # "have accused X of executing"
        verb = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), verb)
    if verb.tag_ in ("VBP", "VBZ"):
        return True
    return any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") and c.lemma_ == "have" for c in verb.children)


NATIONWIDE = re.compile(r"\b(?:across|throughout|around|all over) the country\b|\bnationwide\b|\bcountrywide\b", re.I)


def _scene_place(place: Place | None, places: Sequence[Place], sent: Span,
                 scene: dict[int, Place] | None, *, verbal: bool = False) -> Place | None:
    """With no place of its own (a dateline or focus-country fallback), an event happens where its paragraph's
    story is ("The siege ended after the army stormed the facility": the centre in Bannu named just before);
    "across the country" is the whole focus country. A place of its own sets the paragraph's scene. Verbal acts
    (statements, accusations, appeals) do not inherit the scene of the deeds they speak about."""
    from flashpoint.extract.places import focus_place

    if scene is None:
        return place
    block = sent[0]._.block if len(sent) and sent[0].has_extension("block") else -1
    own = place is not None and not (place.reason or "").startswith("fallback")
    if own and place is not None:
        if block >= 0 and place.start >= 0 and (place.feature or "") != "country":
            scene[block] = place
        return place
    if verbal:
        return place  # "India blamed the group" after the attack near Reasi: words are not said at the scene
    if NATIONWIDE.search(sent.text):
        country = focus_place(places)
        if country is not None:
            return dataclasses.replace(country, reason=f"event location: the whole country ('{NATIONWIDE.search(sent.text).group(0)}')")
    carried = scene.get(block)
    if carried is not None:
        return dataclasses.replace(carried, confidence=round(min(carried.confidence, 0.5), 2),
                                   reason=f"event location: the paragraph's scene, {carried.text} ({carried.reason})")
    return place


def _host_place(places: Sequence[Place], sent: Span, draft: Draft) -> Place | None:
    """The resolved place of the sentence nearest the trigger that is not one of the actors' own words."""
    taken = [span for _, span in draft.source]
    inside = [p for p in places if sent.start_char <= p.start < sent.end_char and p.resolved and not p.metonym
              and p.country_iso3 and not any(s <= p.start < e for s, e in taken)]
    return min(inside, key=lambda p: abs(p.start - draft.trigger_span[0])) if inside else None


def _own_side(target: Actor, speaker: Actor | None) -> bool:
    """The speaker, or the speaker's own state and people (not its rebels), is not the recipient of its stance."""
    if speaker is None:
        return False
    if target.entity_id and target.entity_id == speaker.entity_id:
        return True
    return bool(target.country) and target.country == speaker.country and target.sector not in INTERNAL_ADVERSARIES


def _by_speaker(draft: Draft, speaker: Actor) -> bool:
    sides = [a for a, _ in draft.source] + list(draft.claimed_by)
    return any((a.entity_id and a.entity_id == speaker.entity_id) or (a.country and _side(a) == _side(speaker))
               for a in sides)


def _replying(sent: Span, patterns: Patterns) -> bool:
    """The sentence, or the one before it ("The Taliban responded, saying ..."), says it answers something."""
    start = sent.start
    if start > 0:
        start = nlp.sentence_of(sent.doc[start - 1]).start
    words = {t.lemma_.lower() for t in sent.doc[start:sent.end]} | {t.lower_ for t in sent.doc[start:sent.end]}
    return bool(words & patterns.response_words)


def _statement_drafts(statements: Sequence[Statement], doc: Doc, drafts: list[tuple[Draft, Span]],
                      patterns: Patterns) -> list[tuple[Draft, Span]]:
    """Events read from statements' stances, when the sentence's own coding found no act of the speaker's.
    A content of several sentences is read sentence by sentence (``Statement.acts``): a quote can deny in
    one sentence and demand in the next."""
    out: list[tuple[Draft, Span]] = []
    for statement in statements:
        if statement.speaker is None:
            continue
        if statement.acts:
            units = [(stance, span, span, True) for stance, span in statement.acts]
        else:
            anchor = next((s for s in (statement.cue_span, statement.content_span)
                           if s is not None and 0 <= s[0] < s[1] <= len(nlp.doc_text(doc))), None)
            units = [(statement.stance, anchor, statement.content_span, False)] if anchor is not None else []
        for stance, anchor, content, sentence_act in units:
            draft = _stance_draft(statement, stance, anchor, content, doc, drafts, patterns, sentence_act)
            if draft is not None:
                out.append(draft)
    return out


def _stance_draft(statement: Statement, stance: str, anchor: tuple[int, int], content: tuple[int, int],
                  doc: Doc, drafts: list[tuple[Draft, Span]], patterns: Patterns,
                  sentence_act: bool = False) -> tuple[Draft, Span] | None:
    """One stance event; with ``sentence_act`` (one sentence of a longer quote) only the speaker's own coded
    acts or acts of the stance's kind stand in for it ("X must stop making accusations" stays a demand)."""
    token_span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand") \
        if 0 <= anchor[0] < anchor[1] <= len(nlp.doc_text(doc)) else None
    if sentence_act and stance == "promise" and token_span is not None and _negated_pledge(token_span) and \
            _replying(nlp.sentence_of(token_span[0]), patterns):
        stance = "deny"  # "is doing its best not to use its territory against them", said in reply: a denial
    code = STANCE_CODES.get(stance)
    speaker = statement.speaker
    if speaker is not None and not speaker.code and _event_noun(doc, statement.speaker_span, patterns):
        return None  # "the offensive threatened its peace treaty": an event noun is no speaker
    if code is None or speaker is None or not 0 <= anchor[0] < anchor[1] <= len(nlp.doc_text(doc)):
        return None  # a statement whose spans do not fit the text cannot anchor an event
    if token_span is None or len(token_span) == 0:
        return None
    sent = nlp.sentence_of(token_span[0])
    coded = [d for d, s in drafts if d.modality != "claimed" and (
        content[0] <= d.trigger_span[0] < content[1] or (s.start == sent.start and _by_speaker(d, speaker)))]
    if sentence_act:
        coded = [d for d in coded if _by_speaker(d, speaker) or d.code[:2] == code[:2]]
    if coded:
        for draft in coded:
            if draft.statement_id is None and (draft.code[:2] == code[:2] or draft.code[:2] in CLAIM_ROOTS):
                draft.statement_id = statement.id
        return None  # the content was coded: the stance adds nothing the coded acts do not say
    source = [(speaker, statement.speaker_span or (speaker.start, speaker.end))]
    candidates = [a for a in statement.target if a.code and not _own_side(a, speaker)]
    inside = [a for a in candidates if content[0] <= a.start < content[1]]
    target = [(actor, (actor.start, actor.end)) for actor in (inside or candidates)]
    draft = Draft(code=code, modality="asserted", trigger=token_span[0], trigger_span=(anchor[0], anchor[1]),
                  source=source, target=target, statement_id=statement.id,
                  respond=not target and stance in REPLY_STANCES and _replying(sent, patterns))
    return (draft, sent) if target or draft.respond else None


FORCE_ROOTS = ("17", "18", "19", "20")
SECURITY_SECTORS = frozenset({"COP", "MIL", "SPY"})


def _reference_point(doc: Doc, span: tuple[int, int], trigger: Token) -> bool:
    """"the deadliest since September 2022": a time to compare with, not the date of the sentence's events -
    except for a clause that hangs on it ("since September 2022, when 200 soldiers were killed")."""
    if not time_stage.is_bound(nlp.doc_text(doc), span[0]):
        return False
    return not any(span[0] <= node.idx < span[1] for node in trigger.ancestors)


def _fill_agents(drafts: list[tuple[Draft, Span]], statements: Sequence[Statement]) -> None:
    """Acts of force told without their author get one the text gives nearby:
    - "400 people were killed when the RSF attacked the camp": the attacker of the same sentence;
    - "police said 105 people had been arrested": the security force that reports its own act."""
    for draft, sent in drafts:
        if draft.source or draft.code[:2] not in FORCE_ROOTS or draft.modality != "asserted":
            continue
        doers = [d for d, s in drafts if s.start == sent.start and d is not draft and d.source
                 and d.code[:2] in FORCE_ROOTS[1:] and d.modality == "asserted" and _same_act(draft.trigger, d.trigger)]
        if doers and draft.code[:2] in FORCE_ROOTS[1:]:
            draft.source = list(doers[0].source)
            continue
        for statement in statements:
            speaker = statement.speaker
            low, high = statement.content_span
            if speaker is not None and speaker.sector in SECURITY_SECTORS and low <= draft.trigger_span[0] < high \
                    and all(a.country in (None, speaker.country) for a, _ in draft.target):
                draft.source = [(speaker, statement.speaker_span or (speaker.start, speaker.end))]
                break


def _same_act(first: Token, second: Token) -> bool:
    """"were killed when X attacked", "as X shelled": the clauses tell one act (not "hours after X fired")."""
    for a, b in ((first, second), (second, first)):
        if b.dep_ == "advcl" and b.head == a and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as") for c in b.children):
            return True
        if b.dep_ == "relcl" and b.head == a:
            return True  # "its attack, in which about 1,200 people were killed"
    return first.dep_ == "conj" and first.head == second or second.dep_ == "conj" and second.head == first


def _event_noun(doc: Doc, span: tuple[int, int] | None, patterns: Patterns) -> bool:
    words = doc.char_span(span[0], span[1], alignment_mode="expand") if span else None
    return words is not None and len(words) > 0 and bool(patterns.candidates("noun", words.root.lemma_.lower()) or patterns.candidates("noun", words.root.lower_))


def _negated_pledge(span: Span) -> bool:
    """"not to use", "never to allow": a pledge to refrain."""
    return any(t.lower_ in ("not", "never") and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to" for t in span)


def _side(actor: Actor) -> tuple[str | None, bool]:
    """Country and whether the state speaks: a government answering its own rights groups answers another side."""
    return actor.country, actor.sector in STATE or actor.sector is None


def _answer_replies(drafts: list[tuple[Draft, Span]]) -> list[tuple[Draft, Span]]:
    """A rejection or counter-threat with no recipient answers the latest earlier claim, accusation,
    demand or threat made by another side (another country, or the other of state and society in one
    country); with none to answer it is dropped."""
    out: list[tuple[Draft, Span]] = []
    for draft, sent in drafts:
        if draft.respond and not draft.target:
            own = {_side(a) for a, _ in draft.source}
            answered = None
            for earlier, _ in reversed(out):
                sides = {_side(a) for a, _ in earlier.source if a.country or a.sector}
                if earlier.code[:2] in CLAIM_ROOTS and sides and not sides & own:
                    answered = earlier
                    break
            if answered is None:
                continue
            draft.target = list(answered.source)
        out.append((draft, sent))
    return out


def events(
    doc: Doc,
    article: Article,
    doc_date: DocDate,
    times: tuple[TimeExpr, ...],
    places: tuple[Place, ...],
    actors: tuple[Actor, ...],
    statements: tuple[Statement, ...],
    *,
    notes: list[str] | None = None,
) -> tuple[Event, ...]:
    """Every event of one article (mentions of the same event merged). Skipped sentences are
    recorded in ``notes`` when a list is given."""
    patterns = kb.patterns()
    drafts: list[tuple[Draft, Span]] = []
    for sent in nlp.prose_sentences(doc):
        reason = skip_reason(sent)
        if reason is not None:
            if notes is not None and len(sent.text.strip()) > 20:
                notes.append(f"events: {reason} at {sent.start_char}-{sent.end_char}")
            continue
        drafts.extend((draft, sent) for draft in code_sentence(sent, actors, patterns, doc_date.value, places))
    _fill_agents(drafts, statements)
    drafts.extend(_statement_drafts(statements, doc, drafts, patterns))
    drafts.sort(key=lambda pair: pair[0].trigger_span)
    drafts = _answer_replies(drafts)
    statement_dates = _statement_dates(statements, doc_date, times, doc)
    scene: dict[int, Place] = {}  # paragraph -> the place its narrative is at
    built: list[Event] = []
    anaphoric: set[str] = set()
    seen: set[str] = set()
    for draft, sent in drafts:
        event = _to_event(draft, sent, article, doc_date, times, places, doc, statement_dates, scene)
        if event.id in seen:
            continue
        seen.add(event.id)
        if draft.anaphoric:
            anaphoric.add(event.id)
        built.append(event)
    anchored = _roles_on_event_day(_date_by_narrative(anchoring.anchor_dates(built, doc, actors)), doc_date)
    anchored = [_speaker_at_home(_no_dateline_for_the_past(e, doc_date)) for e in anchored]
    return tuple(merge.merge(anchored, anaphoric))


def _statement_dates(statements: Sequence[Statement], doc_date: DocDate, times: Sequence[TimeExpr],
                     doc: Doc) -> dict[str, tuple[str, str]]:
    """Statement id -> (date, source). A statement with no time of its own is dated by the document
    (statements stage); that stays "document" unless a time of that value is written in the statement's
    sentence or the text just before it (its paragraph and the one before, where a speaker's turn
    carries its date from)."""
    default = doc_date.value.isoformat() if doc_date.value else None
    blocks = doc._.blocks if doc.has_extension("blocks") else ()
    out: dict[str, tuple[str, str]] = {}
    for statement in statements:
        if not statement.date:
            continue
        source = "statement"
        if statement.date == default:
            low, high = statement.sentence_span or statement.content_span
            inside = [i for i, block in enumerate(blocks) if block.start <= low < block.end]
            post_dated = bool(inside) and blocks[inside[0]].meta.get("date") == statement.date  # the post's own date
            if inside:
                low = blocks[max(inside[0] - 1, 0)].start
            if not post_dated and not any((t.value or "")[:10] == statement.date and low <= t.start and t.end <= high
                                          for t in times):
                source = "document"
        out[statement.id] = (statement.date, source)
    return out


def _roles_on_event_day(built: list[Event], doc_date: DocDate) -> list[Event]:
    """Actors are coded by the role they held when the event happened, not when the article appeared: the
    Taliban who signed the Doha agreement in February 2020 were insurgents (AFGREB), the Taliban of 2023 govern
    (AFGGOV); a former president acting in office is GOV for that event."""
    from flashpoint.extract.actorkb.kb import default_kb

    entries = default_kb().entries
    out = []
    for event in built:
        day = calendar.first_day(event.date)
        if day is None or (doc_date.value is not None and abs((doc_date.value - day).days) < 31):
            out.append(event)
            continue

        def recode(actor: Actor) -> Actor:
            entry = entries.get(actor.entity_id or "")
            if entry is None or len(entry.roles) < 2:
                return actor
            role, _ = entry.role_at(day)
            if role is None or role.code == actor.code or not actor.code or role.code[:3] != actor.code[:3]:
                return actor
            return dataclasses.replace(actor, code=role.code, sector=role.sector, office=role.office or actor.office)

        actor_side, recipients = tuple(map(recode, event.actor)), tuple(map(recode, event.recipient))
        if actor_side != event.actor or recipients != event.recipient:
            event = dataclasses.replace(event, actor=actor_side, recipient=recipients)
        out.append(event)
    return out


def _no_dateline_for_the_past(event: Event, doc_date: DocDate) -> Event:
    """Where the reporter files from says nothing about an act of another year: no place beats a wrong one."""
    if not _at_dateline(event) or doc_date.value is None:
        return event
    day = calendar.first_day(event.date)
    if day is None or doc_date.value.year - day.year < 1:
        return event
    return _relocated(event, None)


def _at_dateline(event: Event) -> bool:
    return event.event_loc is not None and (event.event_loc.reason or "").startswith("fallback: dateline")


def _relocated(event: Event, place: Place | None) -> Event:
    """The event at another place with no words in the text (or none): its location span goes too."""
    spans = {k: v for k, v in event.evidence.spans.items() if k != "location"}
    return dataclasses.replace(event, event_loc=place, evidence=dataclasses.replace(event.evidence, spans=spans))


def _speaker_at_home(event: Event) -> Event:
    """A statement by another country's side is not made where the reporter files from: the Taliban
    spokesman answering Islamabad speaks in Afghanistan, not at the Islamabad dateline. With no place of
    its own, a verbal act by a state's side (not an IGO) is placed in the speaker's country instead."""
    from flashpoint.extract.geo.gazetteer import gazetteer
    from flashpoint.extract.places import country_place

    place = event.event_loc
    if place is None or not _at_dateline(event) or event.quad_class not in (1, 3):
        return event
    homes = {a.country for a in event.actor if a.country and not (a.code or "").startswith("IGO")}
    there = place.country_iso3 or gazetteer().iso3.get(place.country_iso2 or "")
    if len(homes) != 1 or there is None or there in homes:
        return event
    home = homes.pop()
    iso2 = next((two for two, three in gazetteer().iso3.items() if three == home), None)
    moved = country_place(iso2, f"fallback: the speaker's country ({home}); the dateline "
                                f"{place.text} is in {there}") if iso2 else None
    return event if moved is None else _relocated(event, moved)


def _date_by_narrative(built: list[Event]) -> list[Event]:
    """An event dated only by the document takes the stated date of another mention of the same actor's
    same kind of act ("The minister claimed ..." summarises the interview "Monday night")."""
    out = []
    for event in built:
        if not event.evidence.spans.get("date") and not event.aggregate and event.actor:
            keys = {a.entity_id for a in event.actor if a.entity_id and a.kind == "person"}
            twin = next((o for o in built if o is not event and o.evidence.spans.get("date") and o.date
                         and o.cameo_code[:2] == event.cameo_code[:2]
                         and keys & {a.entity_id for a in o.actor}), None)
            if twin is not None:
                event = dataclasses.replace(event, date=twin.date, date_precision=twin.date_precision,
                                            date_source="narrative",
                                            confidence=round(max(event.confidence - 0.05, 0.1), 2))
        out.append(event)
    return out


def align_statement_dates(statements: tuple[Statement, ...], events: tuple[Event, ...],
                          doc_date: DocDate) -> tuple[Statement, ...]:
    """A statement dated only by the document takes the day its event was placed on by the text's own links
    ("a statement issued after the meeting", the lede summing up Monday night's interview)."""
    default = doc_date.value.isoformat() if doc_date.value else None
    days: dict[str, str] = {}
    for event in events:
        if event.date and len(event.date) == 10:
            for evidence in (event.evidence, *event.mentions):
                if evidence.statement_id:
                    days.setdefault(evidence.statement_id, event.date)
    return tuple(dataclasses.replace(s, date=days[s.id]) if s.id in days and s.date in (None, default)
                 and days[s.id] != s.date else s for s in statements)
