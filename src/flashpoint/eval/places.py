"""Score the places stage on TR-News / GeoVirus toponym gold (JSON Lines).

Gold format, one document per line::

    {"corpus": "TR-News", "doc_id": "...", "text": "...", "pub_time": "2016-12-19",
     "toponyms": [{"start": 2, "end": 9, "name": "Turkish", "lat": 39.0, "lon": 35.0, ...}, ...]}

GeoVirus has the same shape (``lat``/``lon`` from Wikipedia, no GeoNames id). A few gold spans
are marked ``offset_mismatch``; the reader moves such a span to the nearest occurrence of its
``name`` and drops it if there is none.

Label mapping (what counts as a toponym in each corpus):
- TR-News annotates demonym adjectives that stand for a country ("a Turkish policeman" ->
  Turkey), so the stage runs with ``demonyms="all"`` there;
- GeoVirus annotates names only, so the stage runs with ``demonyms="none"``;
- neither annotates pronoun anaphora ("its lands"), so ``anaphora=False`` for both;
- TR-News takes its points from GeoNames (Canada at 60.1N 113.6W), GeoVirus from Wikipedia, which
  puts a country near its encyclopedic centre (Canada at 60N 95W): ``points="geonames"`` and
  ``points="centroid"`` (countries only; every other place is at its GeoNames point in both);
- TR-News annotates place names inside organisation names ("Kentucky State Police", "Winnipeg
  Free Press"), GeoVirus only countries there ("US Army", not "New York Times"):
  ``inside_orgs="all"`` and ``inside_orgs="countries"``;
- TR-News annotates street and road names ("Hertford Road", "Highway 403"), GeoVirus does not:
  ``streets=True`` / ``False``. See ``conventions`` for LGL, GeoWebNews and other GeoNames-based sets.
Our metonymic capitals ("Kabul said") stay toponyms, as both corpora annotate them.

Scores: recognition P/R/F1 with exact spans and with overlapping spans (one-to-one); for the gold
toponyms matched by overlap, the share resolved within 161 km (100 miles, the customary
geoparsing threshold; an unresolved prediction counts as wrong) and the median error in km.
Where the gold gives a GeoNames id (TR-News), ``acc@161km|id`` also counts a prediction of the
same GeoNames entity as right: GeoNames puts a country or province at a conventional point that
other sources put elsewhere (Canada: 60.1N 113.6W in GeoNames, 60N 95W on Wikipedia), so the
plain distance punishes a correct identification for the choice of point. Where the gold links
each toponym to a Wikipedia article (GeoVirus), ``acc@161km|entity`` does the same by article
(see ``same_entity``); far errors then carry ``same_entity`` and the ``gold`` article title.
Only ``nlp.parse`` and the places stage run.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, Report, overlaps, read_jsonl
from flashpoint.types import Article, Block, Place

ACCURACY_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    wikipedia: str | None = None  # GeoVirus: the article the toponym links to


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    corpus: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _fix_span(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    if text[start:end] == name:
        return start, end
    hits = [i for i in range(max(0, start - 40), min(len(text), end + 40)) if text.startswith(name, i)]
    if not hits:
        return None
    best = min(hits, key=lambda i: abs(i - start))
    return best, best + len(name)


TOPONYM_SHAPE = "a toponym gold record {doc_id, text, toponyms: [{start, end, name, lat, lon}]}"


def read_gold(path: str | Path, *, limit: int | None = None) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    for number, row in read_jsonl(path, expect=TOPONYM_SHAPE, limit=limit):
        try:
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError("'text' is not a string")
            toponyms = []
            for item in row.get("toponyms", []):
                span = _fix_span(text, int(item["start"]), int(item["end"]), item["name"])
                if span is None:
                    continue
                lat, lon = item.get("lat"), item.get("lon")
                gid = item.get("geonameid")
                toponyms.append(GoldToponym(
                    span[0], span[1], item["name"],
                    float(lat) if lat is not None else None,
                    float(lon) if lon is not None else None,
                    int(gid) if gid not in (None, "") else None,
                    str(item["wikipedia"]) if item.get("wikipedia") else None,
                ))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EvalError(f"{path}, line {number}: not {TOPONYM_SHAPE} ({exc})") from exc
        docs.append(GoldDoc(str(row.get("doc_id", number)), str(row.get("corpus", "")), text,
                            tuple(sorted(toponyms, key=lambda t: t.start))))
    return docs


def conventions(corpus: str, *, geonames_gold: bool = False) -> dict[str, object]:
    """How the places stage is run to match a corpus's idea of a toponym (see the docstring).

    GeoWebNews annotates demonyms, streets and names inside organisation names as TR-News does; LGL names
    only, without demonyms. Both take their points from GeoNames, as does any other corpus whose
    gold carries GeoNames ids (``geonames_gold``); the rest are scored as GeoVirus (Wikipedia points).
    """
    name = corpus.lower().replace("-", "").replace("_", "").replace(" ", "")
    if name in ("trnews", "geowebnews", "gwn"):
        return {"demonyms": "all", "anaphora": False, "points": "geonames", "inside_orgs": "all", "streets": True}
    if name == "lgl" or (geonames_gold and name != "geovirus"):
        return {"demonyms": "none", "anaphora": False, "points": "geonames", "inside_orgs": "countries"}
    return {"demonyms": "none", "anaphora": False, "points": "centroid", "inside_orgs": "countries"}


def _article(gold: GoldDoc) -> Article:
    from flashpoint.ingest.structure import blocks

    try:
        parts = tuple(blocks(gold.text))
    except Exception:  # noqa: BLE001  (the structure finder is not under test here)
        parts = (Block("paragraph", 0, len(gold.text)),)
    return Article(id=gold.doc_id, text=gold.text, blocks=parts)


def _distance(place: Place, gold: GoldToponym) -> float | None:
    from flashpoint.extract.geo.recognize import distance_km

    if gold.lat is None or gold.lon is None:
        return None
    if not place.resolved or place.lat is None or place.lon is None:
        return float("inf")
    return distance_km(place.lat, place.lon, gold.lat, gold.lon)


FEATURE_WORDS = {
    "country": ("country",), "state": ("admin1",), "u s state": ("admin1",), "province": ("admin1", "admin2"),
    "region": ("admin1", "region", "continent"), "county": ("admin2",), "district": ("admin2", "admin1"),
    "city": ("city",), "town": ("city",), "village": ("city",), "continent": ("continent",),
}


# How far apart two points for one entity may lie: its extent (a country's point differs by source)
EXTENT_KM = {"country": 2000.0, "continent": 3000.0, "region": 1000.0, "sea": 1000.0, "admin1": 500.0,
             "admin2": 200.0}


def same_entity(place: Place, wikipedia: str, km: float) -> bool:
    """Whether the prediction is the entity a gold Wikipedia link names: the article title (less its
    qualifier, "Georgia (U.S. state)", "Santa Ana, California") is a name of the predicted gazetteer
    entry, the qualifier, if any, agrees with the entry's admin-1 unit, country or feature type, and
    the two points lie within the entity's extent (``EXTENT_KM``; a town's is 161 km). The measure
    that a GeoNames id gives TR-News, for a corpus whose points are Wikipedia's."""
    from urllib.parse import unquote

    from flashpoint.extract.geo.gazetteer import gazetteer, key

    if not place.resolved or not place.name or km > EXTENT_KM.get(place.feature or "", ACCURACY_KM):
        return False
    title = unquote(wikipedia.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ").strip()
    qualifier = ""
    if title.endswith(")") and " (" in title:
        title, qualifier = title[:-1].split(" (", 1)
    elif ", " in title:
        title, qualifier = title.split(", ", 1)
    gaz = gazetteer()
    named = key(title) == key(place.name) or any(
        entry.geonameid is not None and entry.geonameid == place.geonameid for entry in gaz.lookup(title))
    if not named:
        return False
    if not qualifier:
        return True
    wanted = key(qualifier)
    country = gaz.country(place.country_iso2 or "")
    names = {key(n) for n in (place.admin1, place.admin2, country.name if country else None) if n}
    names |= {key(e.name) for e in gaz.lookup(qualifier) if e.feature == "country" and e.country == place.country_iso2}
    if wanted in names:
        return True
    for word, features in FEATURE_WORDS.items():
        if wanted == word or wanted.endswith(" " + word):
            return place.feature in features
    return False


def score_doc(
    gold: GoldDoc, predicted: list[Place], exact: PRF, overlap: PRF, errors: list[dict],
    distances: list[float], same_id: list[bool] | None = None,
) -> None:
    spans = {(p.start, p.end) for p in predicted}
    gold_spans = {(g.start, g.end) for g in gold.toponyms}
    hits = len(spans & gold_spans)
    exact.add(tp=hits, fp=len(spans) - hits, fn=len(gold_spans) - hits)
    used: set[int] = set()
    for g in gold.toponyms:
        match = next((i for i, p in enumerate(predicted)
                      if i not in used and overlaps((p.start, p.end), (g.start, g.end))), None)
        if match is None:
            overlap.add(fn=1)
            errors.append({"doc": gold.doc_id, "error": "missed", "text": g.name, "start": g.start})
            continue
        used.add(match)
        overlap.add(tp=1)
        distance = _distance(predicted[match], g)
        if distance is None:
            continue
        distances.append(distance)
        hit_id = g.geonameid is not None and predicted[match].geonameid == g.geonameid
        entity = g.wikipedia is not None and same_entity(predicted[match], g.wikipedia, distance)
        if same_id is not None:
            same_id.append(hit_id or entity)
        if distance > ACCURACY_KM and not hit_id:
            p = predicted[match]
            error = {"doc": gold.doc_id, "error": "far", "text": g.name,
                     "km": None if distance == float("inf") else round(distance),
                     "got": p.name, "country": p.country_iso2, "feature": p.feature, "reason": p.reason}
            if g.wikipedia is not None:
                error["same_entity"] = entity
                error["gold"] = g.wikipedia.rsplit("/", 1)[-1]
            errors.append(error)
    for i, p in enumerate(predicted):
        if i not in used:
            overlap.add(fp=1)
            errors.append({"doc": gold.doc_id, "error": "spurious", "text": p.text, "start": p.start,
                           "got": p.name})


def evaluate(path: str, *, limit: int | None = None) -> Report:
    from flashpoint import nlp
    from flashpoint.extract.places import places

    golds = read_gold(path, limit=limit)
    by_id = {gold.doc_id: gold for gold in golds}
    exact, overlap = PRF(), PRF()
    errors: list[dict] = []
    distances: list[float] = []
    same_id: list[bool] = []
    corpus = golds[0].corpus if golds else ""
    options = conventions(corpus, geonames_gold=any(t.geonameid for g in golds for t in g.toponyms))
    for article, doc in nlp.parse(_article(gold) for gold in golds):
        found = places(doc, article, **options)  # type: ignore[arg-type]
        score_doc(by_id[article.id], list(found), exact, overlap, errors, distances, same_id)
    within = sum(1 for d in distances if d <= ACCURACY_KM)
    median = statistics.median(distances) if distances else 0.0
    resolution = {
        "matched": float(len(distances)),
        "acc@161km": round(within / len(distances), 4) if distances else 0.0,
        "median_km": round(median, 1) if median != float("inf") else -1.0,
        "unresolved": float(sum(1 for d in distances if d == float("inf"))),
    }
    # The same entity is right whatever point stands for it: GeoNames places a country or province
    # at a conventional point that other sources (and our tables) put elsewhere, sometimes more
    # than 161 km away. TR-News says which entity by GeoNames id, GeoVirus by Wikipedia article.
    correct = sum(1 for d, hit in zip(distances, same_id) if hit or d <= ACCURACY_KM)
    if any(g.geonameid is not None for gold in golds for g in gold.toponyms):
        resolution["acc@161km|id"] = round(correct / len(distances), 4) if distances else 0.0
    elif any(g.wikipedia is not None for gold in golds for g in gold.toponyms):
        resolution["acc@161km|entity"] = round(correct / len(distances), 4) if distances else 0.0
    order = {"far": 0, "missed": 1, "spurious": 2}
    errors.sort(key=lambda e: (order[e["error"]], -(e.get("km") or 0)))
    report = Report(
        task="places",
        dataset=Path(path).name,
        documents=len(golds),
        scores={"recognition exact": exact.scores(), "recognition overlap": overlap.scores(),
                "resolution": resolution},
        errors=errors[:1000],
        notes=[(f"corpus {corpus or '?'}: stage run with {options}; accuracy within {ACCURACY_KM:g} km "
                 "over gold toponyms matched by overlap (unresolved = wrong)")],
    )
    return report
