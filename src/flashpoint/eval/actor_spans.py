"""How well actor mentions cover the source/target spans of a CoNLL file (conflibert_train style).

Each sentence is one block of ``token TAG`` lines (BIO tags ``B-S``/``I-S`` for the source,
``B-T``/``I-T`` for the target; other roles such as ``R`` are ignored), blank lines between sentences. The tokens are joined with single
spaces, parsed, and run through the actors stage. Scores (overlap match, the usual choice for
spans whose exact extent is disputable; precision counts predicted spans that overlap some gold
span, recall counts gold spans overlapped by some predicted span):

- ``mentions``: every actor mention against every gold span (precision suffers from actors that
  are neither source nor target; that is expected of a mention finder);
- ``heads``: only mentions whose syntactic head is the subject or object of a verb or the object
  of ``by``/``against``/``on`` (what the events stage will pick as source/target);
- ``recall_S`` / ``recall_T``: share of gold source / target spans overlapped by some mention.

Usage: ``python -c "from flashpoint.eval import actor_spans as e; print(e.evaluate(PATH, limit=200).table())"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from flashpoint.errors import EvalError
from flashpoint.eval.common import PRF, Report, overlaps

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "agent"})
ARGUMENT_PREPS = frozenset({"by", "against", "on", "with", "to", "at"})


def read_conll(path: str | Path) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    """Yield (text, gold spans as (role, start, end) character offsets) per sentence."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc}; give the path of a CoNLL file with token and BIO tag") from exc
    words: list[tuple[str, str]] = []
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            parts = line.rsplit(" ", 1)
            if len(parts) != 2:
                raise EvalError(f"{path}, line {number}: expected 'token TAG', got {line!r}")
            words.append((parts[0], parts[1]))
            continue
        if words:
            yield _sentence(words)
            words = []


def _sentence(words: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
    text, spans, offset = [], [], 0
    current: list = []
    for word, tag in words:
        start = offset
        end = start + len(word)
        text.append(word)
        offset = end + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (not current or current[0] != tag[2:])):
            if current:
                spans.append(tuple(current))
            current = [tag[2:], start, end]
        elif tag.startswith("I-") and current:
            current[2] = end
        else:
            if current:
                spans.append(tuple(current))
            current = []
    if current:
        spans.append(tuple(current))
    return " ".join(text), spans


def _is_argument(doc, actor) -> bool:  # type: ignore[no-untyped-def]
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.dep_ in ARGUMENT_DEPS:
        return True
    if head.dep_ == "conj":
        return _is_argument(doc, actor.__class__(actor.text, head.head.idx, head.head.idx + len(head.head)))
    return head.dep_ == "pobj" and head.head.lower_ in ARGUMENT_PREPS


def evaluate(path: str, *, limit: int | None = None) -> Report:
    from flashpoint import nlp
    from flashpoint.extract.actors import actors
    from flashpoint.ingest.article import make_article
    from flashpoint.types import DocDate

    items = []
    for number, item in enumerate(read_conll(path)):
        if limit is not None and number >= limit:
            break
        items.append(item)
    articles = [make_article(text) for text, _ in items]
    counts = {"mentions": [0, 0, 0, 0], "heads": [0, 0, 0, 0]}  # tp_pred, n_pred, tp_gold, n_gold
    recall: dict[str, PRF] = {}
    errors = []
    day = DocDate(dt.date(2010, 1, 1), "override", 1.0)
    for (article, doc), (_, all_gold) in zip(nlp.parse(articles), items, strict=True):
        gold = [g for g in all_gold if g[0] in ("S", "T")]
        found = actors(doc, article, day, ())
        spans = [(a.start, a.end) for a in found]
        arg_spans = [(a.start, a.end) for a in found if _is_argument(doc, a)]
        gold_spans = [(s, e) for _, s, e in gold]
        for name, predicted in (("mentions", spans), ("heads", arg_spans)):
            unique = sorted(set(predicted))
            row = counts[name]
            row[0] += sum(1 for p in unique if any(overlaps(p, g) for g in gold_spans))
            row[1] += len(unique)
            row[2] += sum(1 for g in gold_spans if any(overlaps(p, g) for p in unique))
            row[3] += len(gold_spans)
        for role, start, end in gold:
            hit = any(overlaps(p, (start, end)) for p in spans)
            recall.setdefault(role, PRF()).add(tp=int(hit), fn=int(not hit))
            if not hit and len(errors) < 40:
                errors.append({"missed": role, "span": article.text[start:end], "text": article.text[:160]})
    report = Report("actor-spans", str(path), len(items))
    for name, (tp_pred, n_pred, tp_gold, n_gold) in counts.items():
        precision = tp_pred / n_pred if n_pred else 0.0
        recall_ = tp_gold / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall_ / (precision + recall_) if precision + recall_ else 0.0
        report.scores[name] = {"P": round(precision, 4), "R": round(recall_, 4), "F1": round(f1, 4),
                               "pred": n_pred, "gold": n_gold}
    for role, prf in recall.items():
        report.scores[f"recall_{role}"] = {"R": round(prf.recall, 4), "tp": prf.tp, "fn": prf.fn}
    report.errors = errors
    report.notes.append("overlap match; gold spans are CAMEO source (S) and target (T) phrases")
    return report
