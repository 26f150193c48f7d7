"""``flashpoint eval events-docs``: article-level event attributes and event arguments.

HRDsAttack JSON (a list of ``{"sample": {"Input.article_interface", "Input.publish_date", ...},
"merged_sample": {...}}``): per-attribute accuracy. RAMS JSON Lines (``.jsonlines``) and
WikiEvents JSON Lines (``event_mentions``): trigger and argument-head F1 over the events our coder
maps onto their KAIROS types (``flashpoint.eval.kairos``). ``evaluate`` picks the reader by the
file's name and shape.

LABEL MAPPINGS (the one place they are written):

* perpetrator_type: "other actors without permissions" when armed non-state authors (REB INS CRM UAF
  TER SEP) outnumber state authors (GOV MIL COP JUD LEG SPY) among the violent acts (CAMEO 18-20)
  of the lede (800 characters from the first event), else "state actor" (the corpus's prior).
* main event (for places, dates, victims): the earliest material conflict event of the lede (1,200
  characters), else the most confident event; hypothetical, denied and (when others exist)
  historical events are not main events.
* violation_types (set, exact match and micro-F1): CAMEO 173/174 -> arbitrary detention,
  181 -> kidnapping, 1822 -> torture, 1823/186/200-202 or any event with dead -> killing,
  everything else coded 15-20 -> other; "unknown" when no label is found, on both sides, and never
  beside another label (the paper's rule).
* victim_type, scored per named gold victim as the paper does (victims without a name are not scored;
  "insufficient information" only when no other type is given; sets compared): the role word nearest a
  mention of the victim's full name, else surname, within 60 characters in its sentence (ROLE_WORDS:
  journalist/reporter/editor/writer... -> journalist, activist/rights lawyer/campaigner... -> human rights
  defender, union/unionist/labour leader or activist -> trade unionist), else the sector of an actor mention naming them
  (JRN/MED -> journalist, HRI/NGO/OPP -> human rights defender, LAB -> trade unionist), else "insufficient
  information".
* country/region/city: the main event's place; its country unless another country is named at least
  twice as often plus once among the article's literal places (then no city or region comes from a
  place abroad). Region: its admin-1 unit only when the article names that
  unit (the place is an admin-1/admin-2 unit, or another mention is the admin-1 unit): the gold leaves the
  region empty for most events placed in a city ("Ankara") and names it when the text does. City: the
  place when its feature is a city, else none (a guessed lede city was measured: right for 1 in 3, and the
  gold has no city for half the articles). Hong Kong and Macau are reported as China, as the gold does, and
  a city-state placed as a country (Hong Kong, Singapore) is also the city.
  Names are folded to ASCII and compared case-insensitively; gold countries are read to ISO codes
  through ISO names, COUNTRY_ALIASES ("Turkey", "Burma", "England") and closeness for demonyms and
  misspellings ("Yemeni", "Nigeia"); gold "None"/"N/A"/"unknown" match only no prediction. ``city|named``
  scores the city only where gold names one.
* year/month/day: the attack's date as the text states it: the date stated in the sentence of the first
  act of force (CAMEO 17-20, not hypothetical or denied: the arrest or killing the gold records, often
  an earlier act than the trial or statement the article leads with), else the main event's stated date,
  else the first calendar date of the lede (800 characters) not after publication, else the
  publication year alone. Month and day only from words that name a calendar date ("July 4", "4/7"),
  never from a weekday or "yesterday" resolved against publication: the gold leaves month and day empty
  for 2 in 5 and 2 in 3 articles. Gold months are names, numbers or misspelt names ("Ocober"); all are
  read as numbers. Years and days compared as integers ("2019.0" = "2019").
* RAMS and WikiEvents (KAIROS / AIDA event types with role-labelled arguments): mapping, matching
  rule and scorer in ``flashpoint.eval.kairos``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import html
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pycountry

from flashpoint.errors import EvalError
from flashpoint.eval import kairos
from flashpoint.eval.common import PRF, Report
from flashpoint.eval.kairos import ACTOR_ROLES, RECIPIENT_ROLES, evaluate_rams, evaluate_wikievents  # noqa: F401
from flashpoint.types import Event, Extraction, Place

RAMS_MAP = kairos.TYPE_ROOTS  # the KAIROS / AIDA mapping, shared by RAMS and WikiEvents

STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
ARMED = frozenset({"REB", "INS", "CRM", "UAF", "TER", "SEP"})


COUNTRY_ALIASES = {  # names the gold uses that ISO 3166 does not hold (pycountry has "Türkiye", "Russian Federation")
    "turkey": "TUR", "burma": "MMR", "russia": "RUS", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "northern ireland": "GBR", "bosnia": "BIH", "macedonia": "MKD", "palestine": "PSE",
    "democratic republic of the congo": "COD", "drc": "COD", "ivory coast": "CIV",
}
SOVEREIGN = {"HKG": "CHN", "MAC": "CHN"}  # special administrative regions are reported as their country
CITY_STATES = {"HKG": "Hong Kong", "MAC": "Macau", "SGP": "Singapore"}  # a country that is also its city


@functools.cache
def _country_names() -> dict[str, str]:
    names = dict(COUNTRY_ALIASES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[(_ascii(value) or value).lower()] = country.alpha_3
    return names


def _country_key(name: str | None) -> str | None:
    """ISO alpha-3 of a gold country name, read as a person wrote it: ISO names and codes, common aliases,
    demonyms and misspellings by closeness ("Yemeni", "Nigeia", "Columbia"); anything else stays as text
    ("Africa", "Greece and India") and matches no prediction."""
    if not name or name.strip().lower() in ("none", "n/a", "unknown"):
        return None
    text = (_ascii(name.strip()) or name).lower().removeprefix("the ")
    names = _country_names()
    if text in names:
        return names[text]
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.8)
        return names[close[0]] if close else text
LEDE_CHARS = 1200  # a news report tells its main event in the first paragraphs
LEDE_PERPETRATOR_CHARS = 800


def main_event(events: tuple[Event, ...]) -> Event | None:
    """The report's main act: a material conflict event of the lede, else the most confident one."""
    usable = [e for e in events if e.modality not in ("hypothetical", "denied", "historical")] or \
        [e for e in events if e.modality not in ("hypothetical", "denied")]
    if not usable:
        return None
    first = min(e.evidence.start for e in usable)
    lede = [e for e in usable if e.quad_class == 4 and e.evidence.start - first < LEDE_CHARS]
    if lede:
        return min(lede, key=lambda e: (e.evidence.start, -e.confidence))
    return max(usable, key=lambda e: (e.quad_class == 4, e.confidence, -e.evidence.start))


def perpetrator(events: tuple[Event, ...]) -> str:
    """"other actors without permissions" when armed non-state authors (REB, INS, CRM ...) outnumber state
    authors among the violent acts (CAMEO 18-20) of the lede, else "state actor": the corpus's prior (HRD
    attacks are mostly by states). Finer readings of the main act's author (foreign state, company,
    regional body) were measured and lost accuracy on both dev and the first 150 train articles."""
    usable = [e for e in events if e.modality not in ("hypothetical", "denied")]
    if not usable:
        return "state actor"
    first = min(e.evidence.start for e in usable)
    authors = [e.actor[0] for e in usable if e.actor and e.cameo_code[:2] in ("18", "19", "20")
               and e.evidence.start - first < LEDE_PERPETRATOR_CHARS]
    armed = sum(a.sector in ARMED for a in authors)
    state = sum(a.sector in STATE for a in authors)
    return "other actors without permissions" if armed > state else "state actor"


def violations(events: tuple[Event, ...]) -> set[str]:
    found: set[str] = set()
    for event in events:
        code = event.cameo_code
        if event.modality in ("hypothetical", "denied") or int(code[:2]) < 15:
            continue
        if code[:3] in ("173", "174"):
            found.add("arbitrary detention")
        elif code[:3] == "181":
            found.add("kidnapping")
        elif code == "1822":
            found.add("torture")
        elif code in ("1823", "186", "200", "202") or event.dead is not None:
            found.add("killing")
        else:
            found.add("other")
    return found


VICTIM_TYPES: dict[str, set[str]] = {"JRN": {"journalist"}, "MED": {"journalist"}, "HRI": {"human rights defender"},
                                      "NGO": {"human rights defender"}, "OPP": {"human rights defender"},
                                      "LAB": {"trade unionist"}}
ERROR_FIELDS = ("perpetrator_type", "city", "region", "year", "month", "day", "victim_type")


def victim_type(event: Event | None) -> str:
    if event is None:
        return "insufficient information"
    for actor in event.recipient:
        if actor.sector in ("JRN", "MED"):
            return "journalist"
        if actor.sector in ("HRI", "NGO", "OPP"):
            return "human rights defender"
        if actor.sector == "LAB":
            return "trade unionist"
    return "insufficient information"


ROLE_WORDS = {  # HRDsAttack victim type <- words that name the victim's role next to their name
    "trade unionist": r"unions?|unionists?|labou?r (?:leaders?|activists?)|syndicates?",
    "journalist": r"journalists?|reporters?|editors?|correspondents?|photo-?journalists?|photographers?|cameram[ae]n|"
                  r"broadcasters?|columnists?|bloggers?|publishers?|anchors?|presenters?|newspapers?|media|"
                  r"writers?|poets?",
    "human rights defender": r"activists?|(?:human )?rights (?:defenders?|lawyers?|advocates?|groups?)|campaigners?|"
                             r"environmentalists?|dissidents?|lawyers?|advocates?",
}
ROLE_PATTERNS = {label: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for label, words in ROLE_WORDS.items()}
ROLE_WINDOW = 60  # characters either side of the name, inside its sentence


def victim_types_of(extraction: Extraction, name: str) -> frozenset[str]:
    """The type of a named victim: the role word nearest to a mention of the full name (else of the surname)
    within its sentence ("journalist Maria Ressa", "Ressa, a union leader,"), else the sector of an actor
    mention that names them, else "insufficient information"."""
    text = extraction.article.text
    parts = [w for w in re.findall(r"[A-Z][\w'-]+", name) if len(w) > 2]
    for pattern in ([re.escape(name.strip()), re.escape(parts[-1])] if parts else []):
        nearest: tuple[int, str] | None = None
        for match in re.finditer(rf"\b{pattern}\b", text):
            start, end = max(0, match.start() - ROLE_WINDOW), match.end() + ROLE_WINDOW
            sentence = next((s for s in extraction.sentences if s.start <= match.start() < s.end), None)
            if sentence is not None:
                start, end = max(start, sentence.start), min(end, sentence.end)
            for label, role in ROLE_PATTERNS.items():
                for found in role.finditer(text, start, end):
                    gap = match.start() - found.end() if found.end() <= match.start() else found.start() - match.end()
                    if nearest is None or gap < nearest[0]:
                        nearest = (gap, label)
            if nearest is not None:
                return frozenset({nearest[1]})
    words = {w.lower() for w in parts}
    types: set[str] = set()
    for actor in extraction.actors:
        if words & {w.lower() for w in re.findall(r"[A-Za-z][\w'-]+", actor.text)}:
            types |= VICTIM_TYPES.get(actor.sector or "", set())
    return _victim_types(sorted(types))


def _text_of(sample: dict[str, Any]) -> str:
    raw = sample.get("Input.article_interface") or ""
    raw = re.sub(r"</p>\s*<p>", "\n\n", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", raw)).strip()


def _published(sample: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(sample.get("Input.publish_date", ""))[:10])
    except ValueError:
        return None


CALENDAR = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d", re.IGNORECASE)
LEDE_DATE_CHARS = 800
FORCE = frozenset({"17", "18", "19", "20"})  # CAMEO roots of coercion and violence: the acts HRDsAttack records


def _calendar_parts(value: str, text: str) -> tuple[str | None, str | None, str | None]:
    """Year, month and day of a TIMEX value; month and day only when the words name a calendar date
    ("July 4", "4/7/2020"), not a weekday or "yesterday" resolved against the publication date."""
    year = value[:4] if value[:4].isdigit() else None
    if not CALENDAR.search(text):
        return year, None, None
    month = value[5:7] if len(value) >= 7 and value[5:7].isdigit() else None
    day = value[8:10] if len(value) >= 10 and value[8:10].isdigit() else None
    return year, month, day


def attack_date(extraction: Extraction, event: Event | None) -> tuple[str | None, str | None, str | None]:
    """Year, month, day of the reported attack: the date the text states for the first act of force
    (CAMEO 17-20: arrest, abduction, assault, killing) that is not hypothetical or denied, else for the
    main event, else the first calendar date of the lede that is not after publication, else the
    publication year alone."""
    text = extraction.article.text
    stated = [e for e in extraction.events if e.date and e.evidence.spans.get("date") and e.cameo_code[:2] in FORCE
              and e.modality not in ("hypothetical", "denied")]
    if event is not None and event.date and event.evidence.spans.get("date"):
        stated.append(event)
    if stated:
        first = min(stated, key=lambda e: (e.cameo_code[:2] not in FORCE, e.evidence.start))
        spans = first.evidence.spans["date"]
        return _calendar_parts(first.date or "", " ".join(text[start:end] for start, end in spans))
    published = extraction.article.published
    for time in extraction.times:
        value = time.value or ""
        if time.type == "DATE" and value[:4].isdigit() and time.start < LEDE_DATE_CHARS and CALENDAR.search(time.text) \
                and (published is None or value[:10] <= published.isoformat()):
            return _calendar_parts(value, time.text)
    return (str(published.year) if published else None), None, None


def region_of(extraction: Extraction, place: Place | None) -> str | None:
    """The admin-1 unit of the event's place when the article names it: the place is itself an admin-1 or
    admin-2 unit, or some mention in the article is that admin-1 unit ("in Lagos ... Lagos State")."""
    if place is None or not place.admin1:
        return None
    if place.feature in ("admin1", "admin2"):
        return place.admin1
    named = any(p.feature == "admin1" and p.admin1 == place.admin1 for p in extraction.places)
    return place.admin1 if named else None


def _ascii(name: str | None) -> str | None:
    """A place name as an English text writes it: "Mahārāshtra" -> "Maharashtra"."""
    if name is None:
        return None
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name


def article_country(extraction: Extraction, place: Place | None) -> str | None:
    """The main event's country, unless another country is named clearly more often (at least twice as
    often, plus one) among the article's literal places: a report about an arrest in Minsk whose main
    event our coder placed at a foreign ministry's comment abroad."""
    counts = Counter(p.country_iso3 for p in extraction.places if p.resolved and not p.metonym and p.country_iso3)
    country = place.country_iso3 if place is not None else None
    if counts:
        top, times = counts.most_common(1)[0]
        if country is None or times >= 2 * counts.get(country, 0) + 1:
            country = top
    return SOVEREIGN.get(country or "", country)


def predict(extraction: Extraction) -> dict[str, Any]:
    events = extraction.events
    event = main_event(events)
    place = event.event_loc if event is not None else None
    year, month, day = attack_date(extraction, event)
    country = article_country(extraction, place)
    if place is not None and SOVEREIGN.get(place.country_iso3 or "", place.country_iso3) != country:
        place = None  # the main event is placed abroad of the article's country: no city or region from it
    city = place.name or place.text if place is not None and place.feature == "city" else None
    if place is not None and place.feature == "country" and place.country_iso3 in CITY_STATES:
        city = CITY_STATES[place.country_iso3]
    return {
        "perpetrator_type": perpetrator(events),
        "violation_types": violations(events),
        "victim_type": victim_type(event),
        "country": country,
        "region": _ascii(region_of(extraction, place)),
        "city": _ascii(city),
        "year": year, "month": month, "day": day,
    }


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def _norm(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if text.lower() in ("", "none", "nan", "unknown", "n/a", "n//a"):
        return None
    if re.fullmatch(r"\d+\.0", text):
        text = text[:-2]
    return text.lower()


def _number(value: Any) -> str | None:
    """A year or day as the paper's scorer keeps it: ``str(int(float(x)))`` ("2019.0" -> "2019", "02" -> "2")."""
    text = _norm(value)
    if text is None:
        return None
    try:
        return str(int(float(text)))
    except ValueError:
        return text


def _month(value: Any) -> str | None:
    """A month as its number: gold holds "October", "10", "10.0" and misspellings ("Ocober", "Decenmber")."""
    text = _norm(value)
    if text is None:
        return None
    if re.fullmatch(r"\d+(\.0)?", text):
        number = int(float(text))
        return str(number) if 1 <= number <= 12 else text
    close = difflib.get_close_matches(text, MONTHS, n=1, cutoff=0.6)
    return str(MONTHS.index(close[0]) + 1) if close else text


def _victim_types(labels: list[str] | None) -> frozenset[str]:
    """The paper's set of a victim's types: "insufficient information" only when nothing else is given."""
    found = {label for label in labels or () if label}
    if len(found) > 1:
        found.discard("insufficient information")
    return frozenset(found or {"insufficient information"})


def _violation_set(labels: set[str]) -> set[str]:
    """The paper's violation set: "unknown" alone when nothing else is found, never beside another label."""
    return {label for label in labels if label != "unknown"} or {"unknown"}


def load_hrdsattack(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: cannot read HRDsAttack JSON ({exc}); give dev.json or train.json") from exc
    records = records[:limit] if limit is not None else records
    return [r for r in records if _text_of(r.get("sample", {}))]


def score_hrdsattack(pairs: list[tuple[dict[str, Any], Extraction]], path: str = "") -> Report:
    """Per-attribute accuracy over (HRDsAttack record, extraction) pairs, as the paper's scorer counts it."""
    hits: dict[str, int] = {}
    totals: dict[str, int] = {}
    violation_prf = PRF()
    errors: list[dict[str, Any]] = []

    def count(name: str, want: Any, got: Any, title: str | None) -> None:
        totals[name] = totals.get(name, 0) + 1
        hits[name] = hits.get(name, 0) + (want == got)
        if want != got and name in ERROR_FIELDS:
            errors.append({"title": title, "field": name, "gold": want, "system": got})

    for record, extraction in pairs:
        gold = record.get("merged_sample") or {}
        title = record["sample"].get("Input.title")
        guess = predict(extraction)
        count("perpetrator_type", _norm(gold.get("perpetrator_type")), _norm(guess["perpetrator_type"]), title)
        count("country", _country_key(gold.get("country")), guess["country"], title)
        count("region", _norm(gold.get("region")), _norm(guess["region"]), title)
        count("city", _norm(gold.get("city")), _norm(guess["city"]), title)
        if _norm(gold.get("city")) is not None:
            count("city|named", _norm(gold.get("city")), _norm(guess["city"]), title)
        count("year", _number(gold.get("year")), _number(guess["year"]), title)
        count("month", _month(gold.get("month")), _month(guess["month"]), title)
        count("day", _number(gold.get("date")), _number(guess["day"]), title)
        for victim in gold.get("victims") or ():
            if victim.get("victim_name"):  # the paper scores named victims only
                count("victim_type", _victim_types(victim.get("victim_type")),
                      victim_types_of(extraction, victim["victim_name"]), title)
        want, got = _violation_set(set(gold.get("violation_types") or ())), _violation_set(guess["violation_types"])
        count("violation_types", want, got, title)
        tp = len(want & got)
        violation_prf.add(tp=tp, fp=len(got) - tp, fn=len(want) - tp)
    scores: dict[str, dict[str, float]] = {
        name: {"accuracy": round(hits[name] / totals[name], 4), "n": totals[name]} for name in totals
    }
    if "violation_types" in scores:
        scores["violation_types"].update({"F1": round(violation_prf.f1, 4)})
    errors.sort(key=lambda e: ERROR_FIELDS.index(e["field"]))
    return Report("events-docs", path, len(pairs), scores, errors[:60],
                  ["violation_types accuracy is exact set match ('unknown' when none); F1 is micro over labels",
                   "victim_type is scored per named gold victim (n = victims), as in the paper"])


def evaluate_hrdsattack(path: Path, limit: int | None = None) -> Report:
    from flashpoint import pipeline
    from flashpoint.ingest.article import make_article

    records = load_hrdsattack(path, limit)
    articles = [make_article(_text_of(r["sample"]), title=r["sample"].get("Input.title"),
                             published=_published(r["sample"])) for r in records]
    return score_hrdsattack(list(zip(records, pipeline.process(articles))), str(path))


def evaluate(path: str, *, limit: int | None = None) -> Report:
    """Dispatch on the file: ``*.jsonlines`` is RAMS, JSON Lines with ``event_mentions`` is WikiEvents,
    anything else HRDsAttack JSON. A folder stands for its ``dev.json*`` file."""
    file = Path(path)
    if file.is_dir():
        file = next(iter(sorted(file.glob("dev.json*"))), file)
    if not file.exists() or file.is_dir():
        raise EvalError(f"{path}: no such file; give hrdsattack/dev.json, wikievents/dev.jsonl or rams/dev.jsonlines")
    if file.name.endswith(".jsonlines"):
        return evaluate_rams(file, limit)
    if kairos.looks_like_wikievents(file):
        return evaluate_wikievents(file, limit)
    return evaluate_hrdsattack(file, limit)
