"""Statements: who said what, about whom, when (issue 7).

``statements(doc, article, doc_date, times, actors)`` finds direct, partial and indirect quotes,
official statements and posts; gives each a speaker (resolved through the actors stage, pronouns
through the paragraph chain), cue, content, kind, medium, date, target and stance.
Knowledge (cue verbs, media nouns, stance words) lives in ``flashpoint/kb/statements``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from flashpoint.extract import time as time_stage
from flashpoint.extract.statements import finder, lexicon as kb
from flashpoint.extract.statements.finder import Candidate
from flashpoint.extract.statements.speakers import PRONOUNS, Resolver, key
from flashpoint.ingest.structure import paragraphs as text_paragraphs
from flashpoint.types import Actor, Article, Block, DocDate, Statement, TimeExpr

TEXT_KINDS = frozenset({"paragraph", "quote", "heading"})
TARGET_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
MAX_TARGETS = 5

__all__ = ["statements"]


def statements(
    doc: Doc,
    article: Article,
    doc_date: DocDate,
    times: tuple[TimeExpr, ...],
    actors: tuple[Actor, ...],
    *,
    lexicon: kb.Lexicon | None = None,
) -> tuple[Statement, ...]:
    lexicon = lexicon or kb.default()
    text = doc.text
    blocks: tuple[Block, ...] = (tuple(doc._.blocks) if Doc.has_extension("blocks") else ()) or tuple(
        article.blocks
    )
    if blocks:
        spans = [(b.start, b.end) for b in blocks if b.kind in TEXT_KINDS]
    else:
        spans = text_paragraphs(text)
    sents = [s for s in doc.sents if s.text.strip() and _in_text_block(s, blocks)]
    datelines = [(b.start, b.end) for b in blocks if b.kind == "dateline"]
    candidates = _drop_swallowing(finder.find(doc, lexicon, spans, sents, datelines), text)
    resolver = Resolver(doc, sorted(actors, key=lambda a: (a.start, a.end)), lexicon)
    default_date = doc_date.value.isoformat() if doc_date.value else None
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    previous: Statement | None = None
    previous_paragraph = -10
    for candidate in candidates:
        host = _host(out)
        if host is not None and candidate.inherits and _continues(out[host], previous_paragraph, candidate):
            merged = _merge(out[host], candidate, text, article)
            if merged is not None:
                out[host] = merged
                previous = out[-1]
                previous_paragraph = candidate.paragraph
                continue
        statement = _build(candidate, text, article, resolver, lexicon, times, default_date, previous)
        if statement is None or statement.content_span in seen:
            continue
        seen.add(statement.content_span)
        resolver.remember(candidate.paragraph, statement.speaker)
        out.append(statement)
        previous, previous_paragraph = statement, candidate.paragraph
    out += _posts(text, article, blocks, resolver, lexicon, default_date)
    return tuple(sorted(out, key=lambda s: s.content_span))


MAX_MERGED_PARTS = 8


def _drop_swallowing(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A content read backwards from its cue that swallows another report's cue, but not that report's
    content, is a misparse ("In response ..., the spokesman said that Iran wants ...": "wants" is no cue
    of its own there)."""
    spans = [(c, _content(c, text)) for c in candidates]
    out = []
    for candidate, found in spans:
        if found is not None and candidate.cue_span is not None:
            low, high = found[0][0][0], found[0][-1][1]
            if high <= candidate.cue_span[0] and any(other is not candidate and other.cue_span is not None and other_found is not None
                   and low <= other.cue_span[0] < high
                   and not (low <= other_found[0][0][0] and other_found[0][-1][1] <= high)
                   for other, other_found in spans):
                continue
        out.append(candidate)
    return out


def _host(out: Sequence[Statement]) -> int | None:
    """The statement a following speaker-less quote may continue: the last one, or the last direct quote
    when only other reports cued in its own sentence came after it ('"A," said X, speaking of Y. "B."')."""
    if not out:
        return None
    for index in range(len(out) - 1, -1, -1):
        if out[index].kind == "direct":
            sentence = out[index].sentence_span
            if all(later.sentence_span == sentence for later in out[index + 1 :]):
                return index
            break
    return len(out) - 1


def _continues(previous: Statement, previous_paragraph: int, candidate: Candidate) -> bool:
    """A speaker-less quote right after a direct quote continues it ("A," he said. "B.")."""
    return (
        previous.kind == "direct"
        and previous.speaker is not None
        and 0 <= candidate.paragraph - previous_paragraph <= 1
        and candidate.anchor >= previous.content_span[1]
        and len(previous.content_parts) < MAX_MERGED_PARTS
    )


def _merge(previous: Statement, candidate: Candidate, text: str, article: Article) -> Statement | None:
    parts = previous.content_parts + tuple(part for q in candidate.quotes for part in q.parts)
    span = (parts[0][0], parts[-1][1])
    if span[1] - span[0] > finder.quote_marks.MAX_CHARS:
        return None
    return dataclasses.replace(
        previous,
        id=statement_id(article.id, span),
        content=" ".join(text[a:b] for a, b in parts),
        content_span=span,
        content_parts=parts,
    )


def _in_text_block(sent: Span, blocks: Sequence[Block]) -> bool:
    if not blocks or not sent[0].has_extension("block"):
        return True
    index = sent[0]._.block
    if 0 <= index < len(blocks):
        return blocks[index].kind in TEXT_KINDS
    return True


def statement_id(article_id: str, span: tuple[int, int]) -> str:
    return hashlib.sha1(f"{article_id}:{span[0]}:{span[1]}".encode()).hexdigest()[:16]


def _content(candidate: Candidate, text: str) -> tuple[tuple[tuple[int, int], ...], str] | None:
    """Content fragments and kind (direct / partial / indirect)."""
    quote_parts = tuple(part for q in candidate.quotes for part in q.parts)
    parsed = candidate.content
    if candidate.label and parsed is not None:
        return (parsed,), "direct"
    if quote_parts:
        q_start, q_end = quote_parts[0][0], quote_parts[-1][1]
        if parsed is None or (q_start - 2 <= parsed[0] and parsed[1] <= q_end + 2):
            return quote_parts, "direct"
        if parsed[0] <= q_start and q_end <= parsed[1] + 2:
            end = max(parsed[1], q_end)
            split = candidate.content_parts
            if split and split[-1][0] <= q_start + 1:  # 'So when ..., he said, "we were floored."'
                return split[:-1] + ((min(split[-1][0], q_start), end),), "partial"
            return ((parsed[0], end),), "partial"
        if parsed[0] < q_end and q_start < parsed[1]:
            return ((min(parsed[0], q_start), max(parsed[1], q_end)),), "partial"
        return tuple(sorted(quote_parts + (parsed,))), "partial"
    if parsed is None:
        return None
    return (candidate.content_parts or (parsed,)), "indirect"


def _build(
    candidate: Candidate,
    text: str,
    article: Article,
    resolver: Resolver,
    lexicon: kb.Lexicon,
    times: Sequence[TimeExpr],
    default_date: str | None,
    previous: Statement | None,
) -> Statement | None:
    found = _content(candidate, text)
    if found is None:
        return None
    parts, kind = found
    parts = _join_close_parts(parts, text, candidate.cue_span)
    span = (parts[0][0], parts[-1][1])
    speaker: Actor | None = None
    speaker_span = candidate.speaker_span
    confidence = 0.85
    if candidate.inherits:
        speaker = resolver.latest(candidate.paragraph)
        if speaker is not None and previous is not None:
            speaker_span = previous.speaker_span
        confidence = 0.6 if speaker else 0.3
    elif candidate.speaker_head is not None and speaker_span is not None:
        head = candidate.speaker_head
        if head.pos_ == "PRON" and head.lower_ in PRONOUNS:
            speaker = resolver.pronoun(head, candidate.paragraph)
            confidence = 0.75
        else:
            speaker = resolver.noun(head, speaker_span, antecedent=candidate.antecedent)
    else:
        confidence = 0.4
    if kind == "indirect":
        confidence -= 0.1
    content = " ".join(text[a:b] for a, b in parts)
    medium = _medium(candidate, text, parts, lexicon)
    date = _date(candidate, parts, times, text)
    same_turn = previous is not None and (
        candidate.inherits
        or (
            speaker is not None
            and previous.speaker is not None
            and key(speaker) == key(previous.speaker)
            and previous.sentence_span is not None
            and candidate.sentence[0] - previous.sentence_span[1] < 400
        )
    )
    if date is None:
        date = previous.date if same_turn and previous is not None else default_date
    cue = candidate.cue
    return Statement(
        id=statement_id(article.id, span),
        speaker=speaker,
        cue=text[candidate.cue_span[0] : candidate.cue_span[1]] if candidate.cue_span else None,
        cue_span=candidate.cue_span,
        content=content,
        content_span=span,
        kind=kind,
        medium=medium or (previous.medium if same_turn and previous else None),
        stance=_stance(candidate, content, lexicon),
        target=_targets(candidate, parts, speaker, resolver),
        date=date,
        sentence_span=candidate.sentence,
        speaker_span=speaker_span,
        confidence=round(max(0.1, confidence), 2),
        content_parts=parts,
        acts=_acts(resolver.doc, parts, lexicon),
    )


def _join_close_parts(
    parts: tuple[tuple[int, int], ...], text: str, cue: tuple[int, int] | None
) -> tuple[tuple[int, int], ...]:
    """“rigged,” and “wounded” -> one fragment: quotes joined by a short connective are one content."""
    out = [parts[0]]
    for start, end in parts[1:]:
        gap = text[out[-1][1] : start]
        if len(gap) <= 6 and "\n" not in gap and not (cue and out[-1][1] <= cue[0] < start) and (
            gap.strip(" ,;") in ("", "and", "or")
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def _outside(offset: int, parts: Sequence[tuple[int, int]]) -> bool:
    return not any(a <= offset < b for a, b in parts)


def _medium(candidate: Candidate, text: str, parts: Sequence[tuple[int, int]], lexicon: kb.Lexicon) -> str | None:
    if candidate.cue is not None and candidate.cue.medium:
        return candidate.cue.medium
    if candidate.cue_token is None:
        return None
    best: tuple[int, str] | None = None
    cue = candidate.cue_token
    near = [t for child in cue.children for t in (child, *child.children)]
    for token in near:
        if not _outside(token.idx, parts) or token.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [token.lemma_.lower()]
        if token.i > 0:
            words.append(f"{token.nbor(-1).lower_} {token.lemma_.lower()}")
        for word in words:
            medium = lexicon.media.get(word)
            if medium:
                distance = abs(token.idx - cue.idx) - (20 if " " in word else 0)
                if best is None or distance < best[0]:
                    best = (distance, medium)
    return best[1] if best else None


def _date(candidate: Candidate, parts: Sequence[tuple[int, int]], times: Sequence[TimeExpr],
          candidate_text: str = "") -> str | None:
    low, high = candidate.sentence
    anchor = candidate.cue_span[0] if candidate.cue_span else candidate.anchor
    best: tuple[int, str] | None = None
    for expr in times:
        if expr.start < low or expr.end > high or expr.value is None or not _outside(expr.start, parts):
            continue
        if expr.type not in ("DATE", "TIME"):
            continue
        if candidate_text and time_stage.is_bound(candidate_text, expr.start):
            continue  # "arrested since July": a bound, not when it was said
        distance = abs(expr.start - anchor)
        if best is None or distance < best[0]:
            best = (distance, expr.value)
    return best[1] if best else None


def _stance(candidate: Candidate, content: str, lexicon: kb.Lexicon) -> str:
    cue = candidate.cue
    token = candidate.cue_token
    negated = candidate.negated or (
        token is not None and token.i > 0 and token.nbor(-1).lower_ in lexicon.negators
    )
    if cue is not None and not negated and candidate.cue_stance:
        refined = _refined(candidate, content, lexicon)
        if refined is not None:
            return refined
        if cue.stance != "neutral":
            return cue.stance
    return _content_stance(content, lexicon)


REFINE_WORDS = 8  # a refinement's opening must come within the content's first words (after the addressee)


def _refined(candidate: Candidate, content: str, lexicon: kb.Lexicon) -> str | None:
    """The cue's stance as cue_refinements give it ('urged X not to ...' demands, 'called on X' appeals)."""
    if candidate.cue is None or not lexicon.refinements:
        return None
    keys = [candidate.cue.lemma]
    if candidate.cue_token is not None and candidate.cue_span is not None:
        words = candidate.cue_token.doc.text[candidate.cue_span[0] : candidate.cue_span[1]].lower().split()
        if len(words) > 1:
            keys.insert(0, f"{candidate.cue.lemma} {words[-1].rstrip(':')}")
    named = " ".join(" ".join(t.lower_ for t in token.subtree) for token in candidate.objects)
    head = " " + " ".join(f"{named} {content}".lower().split()[:REFINE_WORDS]) + " "
    for key in keys:
        for stance, openings in lexicon.refinements.get(key, ()):
            if not openings or any(f" {opening} " in head for opening in openings):
                return stance
    return None


def _content_stance(content: str, lexicon: kb.Lexicon) -> str:
    scores: dict[str, int] = {}
    for stance, pattern in lexicon.stance_patterns.items():
        for match in pattern.finditer(content):
            scores[stance] = scores.get(stance, 0) + len(match.group(0).split())
    if not scores:
        return "neutral"
    order = {stance: i for i, stance in enumerate(lexicon.stances)}
    return max(scores, key=lambda s: (scores[s], -order.get(s, 99)))


def _acts(doc: Doc, parts: Sequence[tuple[int, int]], lexicon: kb.Lexicon) -> tuple[tuple[str, tuple[int, int]], ...]:
    """The stance of each sentence of a content that runs over several sentences (neutral ones left out)."""
    low, high = parts[0][0], parts[-1][1]
    pieces: list[tuple[int, int]] = []
    for start, end in parts:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for sent in span.sents:
            piece = (max(sent.start_char, start, low), min(sent.end_char, end, high))
            if piece[1] - piece[0] > 3:
                pieces.append(piece)
    if len(pieces) < 2:
        return ()
    out = []
    for start, end in pieces:
        stance = _content_stance(doc.text[start:end], lexicon)
        if stance != "neutral":
            out.append((stance, (start, end)))
    return tuple(out)


def _targets(
    candidate: Candidate, parts: Sequence[tuple[int, int]], speaker: Actor | None, resolver: Resolver
) -> tuple[Actor, ...]:
    found: list[Actor] = []
    for token in candidate.objects:
        if token.lemma_.lower() in resolver.lexicon.media:
            continue
        start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        found.append(resolver.covering(token.idx, token.idx + len(token)) or resolver.built(token, start, end))
    low, high = parts[0][0], parts[-1][1]
    mentions = [a for a in resolver.actors if low <= a.start and a.end <= high and not _outside(a.start, parts)]
    for ent in resolver.ents:
        if ent.start_char >= high:
            break
        labels = TARGET_LABELS if not resolver.actors else TARGET_LABELS - {"NORP"}
        if ent.label_ in labels and ent.start_char >= low and not _outside(ent.start_char, parts):
            if resolver.covering(ent.start_char, ent.end_char) is None:
                mentions.append(resolver.built(ent.root, ent.start_char, ent.end_char))
    mentions.sort(key=lambda a: a.start)
    found += mentions
    out: list[Actor] = []
    seen = {key(speaker)} if speaker is not None else set()
    own_code = speaker.code if speaker is not None else None
    for actor in found:
        if key(actor) in seen or actor.text.lower() in PRONOUNS or (own_code and actor.code == own_code):
            continue  # the speaker's own side is not what the statement is about
        seen.add(key(actor))
        out.append(actor)
        if len(out) >= MAX_TARGETS:
            break
    return tuple(out)


def _posts(
    text: str,
    article: Article,
    blocks: Sequence[Block],
    resolver: Resolver,
    lexicon: kb.Lexicon,
    default_date: str | None,
) -> list[Statement]:
    """Embedded posts (tweets): the author said the post's text, on the post's date."""
    out = []
    for block in blocks:
        if block.kind != "post":
            continue
        cut = int(block.meta.get("signature_start") or block.end)
        start, end = finder.trim(text, block.start, cut)
        if end <= start:
            continue
        author = str(block.meta.get("author") or "").strip()
        speaker = speaker_span = None
        if author:
            where = text.find(author, cut, block.end)
            if where >= 0:
                speaker_span = (where, where + len(author))
                speaker = resolver.covering(*speaker_span) or Actor(
                    text=author, start=where, end=where + len(author), name=author, kind="person",
                    via="post", confidence=0.5,
                )
        content = text[start:end]
        dummy = Candidate(sentence=(block.start, block.end), paragraph=-1)
        out.append(
            Statement(
                id=statement_id(article.id, (start, end)),
                speaker=speaker,
                cue=None,
                cue_span=None,
                content=content,
                content_span=(start, end),
                kind="direct",
                medium="post",
                stance=_stance(dummy, content, lexicon),
                target=_targets(dummy, ((start, end),), speaker, resolver),
                date=block.meta.get("date") or default_date,
                sentence_span=(block.start, block.end),
                speaker_span=speaker_span,
                confidence=0.8 if speaker else 0.4,
                content_parts=((start, end),),
                acts=_acts(resolver.doc, ((start, end),), lexicon),
            )
        )
    return out
