"""Score statements against PolNeAR brat standoff: Source, Cue and Content spans.

Data layout (PolNeAR release):

    <path>/text/<name>.txt                    article text
    <path>/attributions/<name>_<annot>.ann    brat standoff, one file per annotator
    <path>/../polnear_metadata.tsv            (or <path>/polnear_metadata.tsv) publication dates

Label mapping (the one place it is written down):

    PolNeAR Source   <-> Statement.speaker_span  (the words naming the speaker in the text)
    PolNeAR Cue      <-> Statement.cue_span
    PolNeAR Content  <-> Statement.content_parts (or content_span when there are no parts)

Spans may be discontinuous (``T9 Content 315 448;463 553``); a span is a tuple of fragments.
*exact*: the same fragments after trimming white space; *overlap*: some character in common.
Matching is one-to-one (greedy, largest overlap first), so one long prediction cannot claim
several gold spans. Identical spans are counted once per document. The ``attribution`` row counts
a gold attribution as found when one statement overlaps both its Content and its Source.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, Report
from flashpoint.ingest.article import article_id
from flashpoint.ingest.structure import blocks
from flashpoint.types import Article, Statement

Spans = tuple[tuple[int, int], ...]
LABELS = ("Source", "Cue", "Content")
_ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}$")


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: each role is a tuple of fragments (empty when the role is absent)."""

    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()


@dataclass
class GoldDoc:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)
    published: dt.date | None = None


def _fragments(value: str, *, origin: str, line: int) -> Spans:
    out = []
    for part in value.split(";"):
        pieces = part.split()
        if len(pieces) != 2 or not all(p.isdigit() for p in pieces):
            raise EvalError(f"{origin}, line {line}: bad brat offsets {value!r}; expected 'START END[;START END]'")
        start, end = int(pieces[0]), int(pieces[1])
        if end < start:
            raise EvalError(f"{origin}, line {line}: span end {end} is before its start {start}")
        out.append((start, end))
    return tuple(sorted(out))


def read_brat(ann: str, *, origin: str = "<ann>") -> list[Attribution]:
    """Attributions from brat standoff text (T lines for spans, E lines linking them)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    for number, raw in enumerate(ann.splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if line.startswith("T"):
            if len(columns) < 2 or " " not in columns[1]:
                raise EvalError(f"{origin}, line {number}: a T line needs 'ID<TAB>LABEL START END<TAB>TEXT'")
            label, offsets = columns[1].split(" ", 1)
            spans[columns[0]] = (label, _fragments(offsets, origin=origin, line=number))
        elif line.startswith("E"):
            if len(columns) < 2:
                raise EvalError(f"{origin}, line {number}: an E line needs 'ID<TAB>TYPE:TID ROLE:TID ...'")
            roles = [tuple(item.split(":", 1)) for item in columns[1].split() if ":" in item]
            events.append((number, [(role, tid) for role, tid in roles]))
    out = []
    for number, roles in events:
        found: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, tid in roles:
            base = role.rstrip("0123456789")
            if base not in found:
                continue
            if tid not in spans:
                raise EvalError(f"{origin}, line {number}: role {role} points to unknown span {tid}")
            found[base].extend(spans[tid][1])
        out.append(
            Attribution(
                source=tuple(sorted(found["Source"])),
                cue=tuple(sorted(found["Cue"])),
                content=tuple(sorted(found["Content"])),
            )
        )
    return out


def read_metadata(path: Path) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    if not path.exists():
        return dates
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"][:10])
            except (KeyError, ValueError, TypeError):
                continue
    return dates


def read_corpus(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDoc]:
    """Gold documents under a PolNeAR folder (with text/ and attributions/), in name order."""
    root = Path(path)
    ann_dir, text_dir = root / "attributions", root / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EvalError(f"{root}: expected the folders text/ and attributions/ (PolNeAR brat layout)")
    dates = read_metadata(root / "polnear_metadata.tsv") or read_metadata(root.parent / "polnear_metadata.tsv")
    for count, ann_path in enumerate(sorted(ann_dir.glob("*.ann"))):
        if limit is not None and count >= limit:
            return
        name = _ANNOTATOR_SUFFIX.sub("", ann_path.stem)
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            text_path = text_dir / f"{ann_path.stem}.txt"
        if not text_path.exists():
            raise EvalError(f"{ann_path}: no text file {text_dir / (name + '.txt')}")
        text = text_path.read_text(encoding="utf-8")
        attributions = read_brat(ann_path.read_text(encoding="utf-8"), origin=str(ann_path))
        yield GoldDoc(ann_path.stem, text, attributions, dates.get(name))


def eval_article(doc: GoldDoc) -> Article:
    """An Article whose text keeps every gold offset (clean-up that would shift offsets is not applied)."""
    text = "".join(
        " " if ch in "\u00a0\ufeff" or (unicodedata.category(ch) == "Cc" and ch not in "\n\t") else ch
        for ch in doc.text.replace("\r", " ")
    )
    return Article(
        id=article_id(text), text=text, published=doc.published, source="polnear", blocks=blocks(text)
    )


def _trim(text: str, spans: Iterable[tuple[int, int]]) -> Spans:
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(x1, y1) - max(x0, y0)) for x0, x1 in a for y0, y1 in b)


def match(gold: list[Spans], pred: list[Spans], *, exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): exact equality or greedy largest overlap."""
    if exact:
        where = {spans: i for i, spans in enumerate(gold)}
        return [(where[spans], j) for j, spans in enumerate(pred) if spans in where]
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            amount = _overlap(g, p)
            if amount > 0:
                candidates.append((-amount, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return pairs


def predicted_spans(statement: Statement) -> dict[str, Spans]:
    content = tuple(getattr(statement, "content_parts", ()) or ()) or (statement.content_span,)
    return {
        "Source": (statement.speaker_span,) if statement.speaker_span else (),
        "Cue": (statement.cue_span,) if statement.cue_span else (),
        "Content": tuple(content),
    }


def _unique(items: Iterable[Spans]) -> list[Spans]:
    return sorted({item for item in items if item})


def score_document(
    text: str, gold: list[Attribution], statements: Iterable[Statement], counts: dict[str, PRF], errors: list
) -> None:
    """Add one document's counts to ``counts`` (rows '<Label> exact', '<Label> overlap', 'attribution')."""
    statements = list(statements)
    predicted = [{k: _trim(text, v) for k, v in predicted_spans(s).items()} for s in statements]
    for label in LABELS:
        key = label.lower()
        gold_spans = _unique(_trim(text, getattr(a, key)) for a in gold)
        pred_spans = _unique(p[label] for p in predicted)
        for mode in ("exact", "overlap"):
            pairs = match(gold_spans, pred_spans, exact=mode == "exact")
            counts.setdefault(f"{label} {mode}", PRF()).add(
                tp=len(pairs), fp=len(pred_spans) - len(pairs), fn=len(gold_spans) - len(pairs)
            )
            if mode == "overlap" and label in ("Content", "Source"):
                matched_gold = {i for i, _ in pairs}
                matched_pred = {j for _, j in pairs}
                for i, spans in enumerate(gold_spans):
                    if i not in matched_gold:
                        errors.append({"error": f"missed {label}", "text": _show(text, spans)})
                for j, spans in enumerate(pred_spans):
                    if j not in matched_pred:
                        errors.append({"error": f"spurious {label}", "text": _show(text, spans)})
    # Attribution: content and source found by the same statement.
    with_source = [a for a in gold if a.source and a.content]
    found = 0
    used: set[int] = set()
    for attribution in with_source:
        g_content, g_source = _trim(text, attribution.content), _trim(text, attribution.source)
        for j, p in enumerate(predicted):
            if j in used or not p["Source"]:
                continue
            if _overlap(g_content, p["Content"]) and _overlap(g_source, p["Source"]):
                used.add(j)
                found += 1
                break
    with_speaker = sum(1 for p in predicted if p["Source"])
    counts.setdefault("attribution", PRF()).add(tp=found, fp=with_speaker - found, fn=len(with_source) - found)


def _show(text: str, spans: Spans) -> str:
    return " | ".join(text[a:b] for a, b in spans)[:160]


def run_statements(parsed: Doc, article: Article, failures: list[str] | None = None) -> tuple[Statement, ...]:
    """Only the stages statements need: time, actors (without places), statements.

    A failing time or actors stage is recorded in ``failures`` and replaced by its empty
    result, so the statements stage is still measured.
    """
    from flashpoint.extract import actors as actors_stage
    from flashpoint.extract import statements as statements_stage
    from flashpoint.extract import time as time_stage
    from flashpoint.types import DocDate

    failures = failures if failures is not None else []
    try:
        date = time_stage.document_date(article, parsed)
        times = time_stage.times(parsed, article, date)
    except Exception as exc:  # noqa: BLE001 - another stage's bug must not hide this one's score
        failures.append(f"time: {type(exc).__name__}: {exc}")
        date, times = DocDate(article.published, "metadata", 1.0), ()
    try:
        actors = actors_stage.actors(parsed, article, date, ())
    except Exception as exc:  # noqa: BLE001
        failures.append(f"actors: {type(exc).__name__}: {exc}")
        actors = ()
    return statements_stage.statements(parsed, article, date, times, actors)


def evaluate(path: str, *, limit: int | None = None) -> Report:
    """Run parse + time + actors + statements over PolNeAR documents and score the spans."""
    from flashpoint import nlp

    docs = list(read_corpus(path, limit=limit))
    articles = [eval_article(doc) for doc in docs]
    counts: dict[str, PRF] = {}
    errors: list[dict] = []
    failures: list[str] = []
    by_id: dict[str, list[GoldDoc]] = {}
    for doc, article in zip(docs, articles):
        by_id.setdefault(article.id, []).append(doc)
    unique = list({article.id: article for article in articles}.values())
    for article, parsed in nlp.parse(unique):
        found = run_statements(parsed, article, failures)
        for doc in by_id[article.id]:
            doc_errors: list[dict] = []
            score_document(article.text, doc.attributions, found, counts, doc_errors)
            errors.extend({"doc": doc.name, **e} for e in doc_errors)
    order = [f"{label} {mode}" for label in LABELS for mode in ("exact", "overlap")] + ["attribution"]
    report = Report("quotes", str(path), len(docs))
    report.scores = {name: counts[name].scores() for name in order if name in counts}
    errors.sort(key=lambda e: (not e["error"].startswith("missed Content"), e["doc"], e["text"]))
    report.errors = errors[:200]
    if failures:
        report.notes.append(f"{len(failures)} stage failures replaced by empty results; first: {failures[0]}")
    report.notes.append("Source = speaker_span, Cue = cue_span, Content = content_parts/content_span")
    return report
