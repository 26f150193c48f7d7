"""Find attribution candidates: a cue, the words naming the speaker, and the content.

Two sources, merged: the dependency parse (a reporting verb from kb/statements/cues.yaml with its
subject and its clausal or object complement; ``according to X``) and the quotation marks (a quote
takes the cue whose content it lies in, else the nearest cue outside quotes in its sentences, else
it is a speaker-less quote that continues the paragraph chain).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.statements import quotes as quote_marks
from flashpoint.nlp import sentence_of
from flashpoint.extract.statements.lexicon import Cue, Lexicon

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLAUSES = ("ccomp", "xcomp")
OBJECT_PREPS = ("as", "of", "for", "about", "over", "on", "against", "to")
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
EDGE_PUNCT = " \t\n,;:—–-"
MIN_UNATTRIBUTED_WORDS = 4


@dataclass
class Candidate:
    sentence: tuple[int, int]
    paragraph: int  # ordinal of the paragraph the cue (or quote) lies in
    cue_token: Token | None = None
    cue: Cue | None = None
    cue_span: tuple[int, int] | None = None
    speaker_head: Token | None = None
    speaker_span: tuple[int, int] | None = None
    antecedent: Token | None = None  # the noun a relative-pronoun speaker stands for
    content: tuple[int, int] | None = None  # from the parse
    content_parts: tuple[tuple[int, int], ...] = ()  # when the cue splits it ('Y1, he said, Y2')
    quotes: list[quote_marks.Quote] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)  # addressees / targets named by the cue's object
    passive: bool = False
    negated: bool = False
    inherits: bool = False  # a quote with no cue: the speaker comes from the paragraph chain
    cue_stance: bool = True  # False when the cue is used in a sense without its stance (called X a liar)
    label: bool = False  # 'Pence: ...' - a name and a colon open the paragraph; the rest is what was said

    @property
    def anchor(self) -> int:
        if self.cue_span:
            return self.cue_span[0]
        if self.quotes:
            return self.quotes[0].start
        return self.content[0] if self.content else self.sentence[0]


def _edge(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


EDGE_WORDS = ("and", "but", "or", "so", "while", "as")


def trim(text: str, start: int, end: int, *, keep_comma: bool = False) -> tuple[int, int]:
    """Strip spaces, edge punctuation and dangling conjunctions (', and') from both ends."""
    ends = EDGE_PUNCT.replace(",", "") if keep_comma else EDGE_PUNCT
    for _ in range(4):
        before = (start, end)
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
        while end > start and (text[end - 1] in ends or text[end - 1] == "."):
            end -= 1
        for word in EDGE_WORDS:
            if text.startswith(word + " ", start) and end - start > len(word) + 12:
                start += len(word) + 1
            if end - start > len(word) + 12 and text[end - len(word) - 1 : end] == " " + word:
                end -= len(word) + 1
        if (start, end) == before:
            break
    return start, end


def _inside(quotes: Sequence[quote_marks.Quote], offset: int) -> bool:
    for quote in quotes:
        if quote.start < offset < quote.end:
            return True
    return False


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a cue verb (climbing through 'responded, saying' and conjuncts) and passivity."""
    token: Token | None = verb
    for _ in range(3):
        if token is None:
            break
        passive = any(child.dep_ == "auxpass" for child in token.children)
        for child in token.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0], False
        for child in token.children:
            if child.dep_ in SUBJECTS:
                if child.dep_ == "nsubjpass" or passive:
                    return None, True
                return child, False
        if token.dep_ in ("advcl", "xcomp", "conj", "pcomp") and token.head != token:
            token = token.head
            continue
        break
    return None, False


def _content(verb: Token, cue: Cue, text: str) -> tuple[tuple[int, int] | None, list[Token]]:
    chosen: list[Token] = []
    objects: list[Token] = []
    clauses = [c for c in verb.children if c.dep_ in (("ccomp",) if cue.finite else CLAUSES)]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and cue.object in ("target", "addressee"):
            objects.append(child)
    if clauses:
        chosen = [c for c in clauses if c.dep_ == "ccomp"] or clauses
    if cue.particle:
        for child in verb.children:
            if child.dep_ in ("prep", "prt") and child.lower_ in cue.particle:
                chosen += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                chosen += [c for c in verb.children if c.dep_ in ("dobj", "ccomp") and c.i > child.i]
    elif not cue.clause and not clauses:
        for child in verb.children:
            if child.dep_ in ("dobj", "oprd", "attr") and cue.object != "addressee":
                chosen.append(child)  # 'accused the government of ...': the target and the charge
        if chosen:
            chosen += [
                c for c in verb.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and c.i > chosen[0].i
            ]
    elif cue.object == "target" and objects:
        chosen += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS]
    if not chosen:
        return None, objects
    if any(c.dep_ == "xcomp" for c in chosen):
        chosen += [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c not in chosen]
    right = [c for c in chosen if c.i > verb.i]
    left = [c for c in chosen if c.i < verb.i]
    side = right if len(right) >= len(left) else left
    start = min(_edge(c)[0] for c in side)
    end = max(_edge(c)[1] for c in side)
    if side is right:
        end = _extend_right(verb, max(side, key=lambda c: c.i), end)
    end = _cut_trailing_relative(verb.doc, start, end)
    start, end = trim(text, start, end)
    return ((start, end) if end > start else None), objects


def _extend_right(verb: Token, last: Token, end: int) -> int:
    """Content that runs on past its clause ('..., so thousands of ...') keeps going to the sentence end,
    unless the cue's own next predicate starts ('and said ...', ', adding that ...')."""
    for child in verb.rights:
        if child.i <= last.i or child.dep_ == "punct":
            continue
        if child.dep_ in ("cc", "conj", "parataxis") or child.pos_ in ("VERB", "AUX") and child.dep_ != "advcl":
            break
        if child.dep_ in ("advcl", "prep", "npadvmod", "advmod"):
            if child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN"):
                break
            end = max(end, _edge(child)[1])
    return end


def _cut_trailing_relative(doc: Doc, start: int, end: int) -> int:
    """Drop a non-restrictive ', which ...' clause that closes the content: the reporter's addition."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    for token in span:
        if token.dep_ != "relcl" or token.left_edge.i == 0:
            continue
        before = doc[token.left_edge.i - 1]
        if before.text == "," and token.left_edge.lower_ in ("which", "who") and (
            token.right_edge.idx + len(token.right_edge) >= end - 2
        ):
            return before.idx
    return end


def _complement(verb: Token, text: str) -> tuple[int, int] | None:
    """'called the charges fabricated': the object and its complement are the content."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    complements = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "attr") and c.i > verb.i]
    if not complements:
        complements = [c for c in (objects[0].children if objects else []) if c.dep_ in ("appos", "amod", "acl")
                       and c.i > objects[0].i]
    if not objects or not complements:
        return None
    start, end = trim(text, _edge(objects[0])[0], max(_edge(c)[1] for c in complements))
    return (start, end) if end > start else None


def _inverted(verb: Token, text: str) -> list[tuple[int, int]]:
    """'Y, sources said' or 'Y1, he said, Y2' parsed with the cue under Y: Y's clause without the cue."""
    head = verb.head
    if head == verb or verb.dep_ not in ("parataxis", "ccomp"):
        return []
    if verb.right_edge.i - verb.left_edge.i > 8:  # a parenthetical cue is short: 'he said', 'sources say'
        return []
    cue_start, cue_end = _edge(verb)
    doc = verb.doc
    parts = []
    for start, end in (trim(text, head.left_edge.idx, cue_start), trim(text, cue_end, _edge(head)[1])):
        span = doc.char_span(start, end, alignment_mode="expand") if end - start > 3 else None
        if span is not None and any(t.pos_ in ("VERB", "AUX") for t in span):
            parts.append((start, end))
    return parts


def _beside_quote(verb: Token, quotes: Sequence[quote_marks.Quote]) -> bool:
    """A quote closes just before the cue's clause or opens just after it, in the same sentence."""
    sent = sentence_of(verb)
    return any(sent.start_char <= q.end <= verb.idx or verb.idx < q.start < sent.end_char + 2 for q in quotes)


def _cue_phrase(verb: Token, span: tuple[int, int], text: str) -> tuple[int, int]:
    """The cue with a colon right after it ('said:'). Auxiliaries and adverbs before it ('has also said')
    stay out: the events stage anchors a stance event on the cue's first token."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and after.text == ":" and after.idx == span[1]:
        return span[0], span[1] + 1
    return span


PARENTHETICAL_TAIL_WORDS = 6  # 'Stumpf explained earlier in the committee hearing,'


def _parenthetical(
    sent: Span, speaker: Token, verb: Token, cue_span: tuple[int, int], content: tuple[int, int] | None, text: str
) -> list[tuple[int, int]]:
    """'Climate change, Mr. Obama often says, is the greatest threat': a cue set off by commas inside its
    content splits it into the words before the cue and the words after it. Without a parsed content
    ('It was, the president said, "a stone ..."') the words after run to the sentence end."""
    if speaker.i > verb.i and speaker.right_edge.i - verb.i > 8:
        return []
    phrase_start = min(speaker.left_edge.idx, verb.idx)
    phrase_end = max(_edge(speaker)[1], cue_span[1])
    limit = content[0] if content is not None else sent.end_char
    comma = text.find(",", phrase_end, limit)
    if comma < 0 or len(text[phrase_end:comma].split()) > PARENTHETICAL_TAIL_WORDS or any(
        mark in text[phrase_end:comma] for mark in "\"“”"
    ):
        return []
    if content is not None and text[comma + 1 : content[0]].strip(" \"“'‘"):
        return []
    before = text[sent.start_char : phrase_start].rstrip()
    if not before.endswith(",") or phrase_start <= sent.start_char:
        return []
    start, end = trim(text, sent.start_char, sent.start_char + len(before))
    if end <= start or any(not ch.isalnum() for ch in text[start : start + 1]) and text[start] not in "\"“'‘":
        return []
    quoted = content is not None and text[comma + 1 : content[0] + 1].strip()[:1] in "\"“'‘"
    if content is None or quoted:
        # without a parsed content (or before a quotation) only a clause the cue cuts short ('It was, the president said, "..."')
        # splits; an opening adverbial ('As a phone rang, the announcer said, "..."') is no content
        last = sent.doc.char_span(start, end, alignment_mode="expand")
        if last is None or last[-1].pos_ not in ("AUX", "VERB") or last[-1].tag_ in ("VBG", "VBN"):
            return []
    right = content if content is not None else trim(text, comma + 1, sent.end_char)
    if right[1] <= right[0]:
        return []
    return [(start, end), right]


def _after_colon(verb: Token, text: str, paragraphs: "ParagraphIndex") -> tuple[int, int] | None:
    """'The governor added:' closing a paragraph: the next paragraph is what was said."""
    doc = verb.doc
    nxt = verb.i + 1
    while nxt < len(doc) and doc[nxt].dep_ in ("prt", "advmod", "npadvmod") and nxt - verb.i < 4:
        nxt += 1
    if nxt >= len(doc) or doc[nxt].text != ":":
        return None
    colon_end = doc[nxt].idx + 1
    index = paragraphs(colon_end - 1)
    if text[colon_end : paragraphs.paragraphs[index][1]].strip():
        return None  # the colon does not close its paragraph
    index += 1
    if index >= len(paragraphs.paragraphs):
        return None
    start, end = paragraphs.paragraphs[index]
    return trim(text, start, end) if end - start < quote_marks.MAX_CHARS else None


def verb_candidates(
    sent: Span,
    paragraph: int,
    lexicon: Lexicon,
    quotes: Sequence[quote_marks.Quote],
    text: str,
    paragraphs: "ParagraphIndex | None" = None,
) -> list[Candidate]:
    out: list[Candidate] = []
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or _inside(quotes, token.idx):
            continue
        cue = lexicon.verbs.get(token.lemma_.lower())
        if cue is None:
            continue
        cue_span = (token.idx, token.idx + len(token))
        content: tuple[int, int] | None = None
        objects: list[Token] = []
        complement = False
        if cue.particle:
            particles = [c for c in token.children if c.dep_ in ("prep", "prt") and c.lower_ in cue.particle]
            if particles:
                cue_span = (token.idx, particles[0].idx + len(particles[0]))
            elif cue.complement and (content := _complement(token, text)) is not None:
                complement = True
            else:
                continue
        if cue.quote:
            if _subject(token)[0] is None:
                continue
        elif not complement:
            content, objects = _content(token, cue, text)
        cue_span = _cue_phrase(token, cue_span, text)
        parts: list[tuple[int, int]] = []
        if content is None and not cue.quote:
            parts = _inverted(token, text)
            if parts:
                content = (parts[0][0], parts[-1][1])
        if content is None and paragraphs is not None:
            content = _after_colon(token, text, paragraphs)
        if cue.quote and content is None and not _beside_quote(token, quotes):
            continue
        speaker, passive = _subject(token)
        if content is None and cue.clause and speaker is None:
            continue
        if speaker is not None and len(parts) < 2:
            split = _parenthetical(sent, speaker, token, cue_span, content, text)
            if split:
                parts = split
                content = (split[0][0], split[-1][1])
        candidate = Candidate(
            sentence=(sent.start_char, sent.end_char),
            paragraph=paragraph,
            cue_token=token,
            cue=cue,
            cue_span=cue_span,
            content=content,
            objects=objects,
            passive=passive,
            negated=any(c.dep_ == "neg" for c in token.children),
            cue_stance=not complement,
            content_parts=tuple(parts) if len(parts) > 1 else (),
        )
        if speaker is not None:
            _set_speaker(candidate, speaker, token, text)
        out.append(candidate)
    return out


def _set_speaker(candidate: Candidate, speaker: Token, verb: Token, text: str) -> None:
    if speaker.lower_ in RELATIVE and speaker.tag_ in ("WDT", "WP", "WP$"):
        candidate.speaker_span = (speaker.idx, speaker.idx + len(speaker))
        candidate.antecedent = verb.head if verb.dep_ == "relcl" else None
    else:
        start, end = _edge(speaker)
        if start <= verb.idx < end:  # a subject that swallows the cue is a bad parse: keep its head
            start, end = speaker.idx, speaker.idx + len(speaker)
        start, end = trim(text, start, end, keep_comma=True)
        if text[end - 1 : end] == "," and "," not in text[start : end - 1]:
            end -= 1  # 'said Caddell, speaking of ...': only an apposition keeps its closing comma
        candidate.speaker_span = (start, end)
        if verb.dep_ == "relcl" and any(c.lower_ == "whose" for c in speaker.children):
            candidate.antecedent = verb.head
    candidate.speaker_head = speaker


def according_to(
    sent: Span, paragraph: int, quotes: Sequence[quote_marks.Quote], text: str
) -> list[Candidate]:
    out = []
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(sent.doc) or _inside(quotes, token.idx):
            continue
        to = sent.doc[token.i + 1]
        if to.lower_ != "to":
            continue
        sources = [c for c in to.children if c.dep_ == "pobj"]
        phrase_start, phrase_end = _edge(token)
        phrase_end = max(phrase_end, _edge(to)[1])
        before = trim(text, sent.start_char, phrase_start)
        after = trim(text, phrase_end, sent.end_char)
        content = before if before[1] - before[0] >= after[1] - after[0] else after
        candidate = Candidate(
            sentence=(sent.start_char, sent.end_char),
            paragraph=paragraph,
            cue_span=(token.idx, to.idx + len(to)),
            content=content if content[1] > content[0] else None,
        )
        if sources:
            candidate.speaker_head = sources[0]
            candidate.speaker_span = trim(text, *_edge(sources[0]))
        out.append(candidate)
    return out


LABEL = re.compile(r"[\"“]?((?:[A-Z][\w.’'\-]*)(?: (?:[A-Z][\w.’'\-]*|of|de|al|bin|van|von)){0,3}):[ \t]+(?=\S)")
LABEL_NOT_NAMES = frozenset({"DATE", "TIME", "GPE", "LOC", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
MIN_LABEL_CONTENT_WORDS = 3


def labelled(doc: Doc, lexicon: Lexicon, paragraphs: Sequence[tuple[int, int]], text: str,
             datelines: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
    """'Pence: Gennifer Flowers Won't Be at Debate' (headline), 'WALLACE: If I may, sir, ...' (transcript):
    a short name and a colon opening a paragraph introduce that speaker's words. A label that ingest took
    for a dateline ('Pence: ') is read with its paragraph; place names stay datelines."""
    out = []
    heads = {end: start for start, end in datelines}
    for number, (p_start, p_end) in enumerate(paragraphs):
        head = heads.get(p_start)
        found = LABEL.match(text, head, p_end) if head is not None else None
        found = found or LABEL.match(text, p_start, p_end)
        if found is None:
            continue
        name_start, name_end = found.span(1)
        if text[name_start:name_end].lower().rstrip(".") in lexicon.not_speakers:
            continue
        content = trim(text, found.end(), p_end)
        if len(text[content[0] : content[1]].split()) < MIN_LABEL_CONTENT_WORDS:
            continue
        name = doc.char_span(name_start, name_end, alignment_mode="expand")
        if name is None or any(ent.label_ in LABEL_NOT_NAMES for ent in name.ents):
            continue
        colon = name_end
        sentence = nlp_sentence(doc, content[0])
        out.append(Candidate(
            sentence=sentence, paragraph=number, cue_span=(colon, colon + 1), speaker_head=name.root,
            speaker_span=(name_start, name_end), content=content, label=True,
        ))
    return out


def nlp_sentence(doc: Doc, offset: int) -> tuple[int, int]:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return offset, offset + 1
    sent = sentence_of(span[0])
    return sent.start_char, sent.end_char


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def attach_quotes(
    text: str,
    candidates: list[Candidate],
    all_quotes: Sequence[quote_marks.Quote],
    sentences: Sequence[tuple[int, int]],
    paragraph_of: "ParagraphIndex",
    doc: Doc | None = None,
) -> list[Candidate]:
    """Give every quote a candidate; quotes that find none become speaker-less candidates."""
    starts = [s for s, _ in sentences]
    out = list(candidates)
    for quote in all_quotes:
        span = (quote.start, quote.end)
        # 1. a candidate whose parsed content holds (part of) the quote: the innermost one
        holders = [c for c in out if c.content and _overlap(c.content, span) and c.cue_span
                   and (c.label or not (span[0] <= c.cue_span[0] < span[1]))]
        if holders:
            min(holders, key=lambda c: c.content[1] - c.content[0]).quotes.append(quote)
            continue
        # 2. the nearest cue outside quotes in the sentences the quote touches
        first = max(0, bisect.bisect_right(starts, quote.start) - 1)
        last = max(0, bisect.bisect_left(starts, quote.end) - 1)
        low, high = sentences[first][0], sentences[min(last, len(sentences) - 1)][1]
        if last + 1 < len(sentences) and not text[quote.end : sentences[last + 1][0]].strip() and (
            "\n" not in text[quote.end : sentences[last + 1][0]]
        ):
            # '“How many times?” Clinton said.': the parser split them; the cue must come before any quote there
            following = sentences[last + 1]
            opener = next((q.start for q in all_quotes if following[0] <= q.start < following[1]), following[1])
            high = min(following[1], opener)
        near = [c for c in out if c.cue_span and low <= c.cue_span[0] < high and c.speaker_span
                and not (span[0] <= c.cue_span[0] < span[1])]
        if near and not quote.single:
            def distance(c: Candidate) -> tuple[int, int]:
                d = c.cue_span[0] - quote.end if c.cue_span[0] >= quote.end else quote.start - c.cue_span[1]
                return (0 if c.content is None or c.quotes else 1, d)

            min(near, key=distance).quotes.append(quote)
            continue
        # 3. a dash and a name after the quote sign it ('"..." ― Carla Sanchez'), as in reader collections
        signed = _signature(doc, text, quote) if doc is not None else None
        if signed is not None:
            signed.paragraph = paragraph_of(quote.start)
            out.append(signed)
            continue
        # 4. no cue: a quote long enough to be speech continues the paragraph chain; a short one only
        # right after a cued quote in its paragraph ('"I would," she said. "I would, Donald."')
        cued = [c for c in out if c.quotes and c.cue_span and c.quotes[-1].end <= quote.start]
        follows = bool(cued) and paragraph_of(max(c.quotes[-1].end for c in cued) - 1) == paragraph_of(quote.start)
        if quote_marks.word_count(text, quote) < MIN_UNATTRIBUTED_WORDS and not (follows and not quote.single):
            continue
        sentence = sentences[first] if sentences else (quote.start, quote.end)
        out.append(
            Candidate(sentence=sentence, paragraph=paragraph_of(quote.start), quotes=[quote], inherits=True)
        )
    out.sort(key=lambda c: c.anchor)
    return out


SIGNATURE = re.compile(r"[ \t]*[―—–][ \t]*([A-Z][\w.’'\-]*(?:[ \t]+(?:[A-Z][\w.’'\-]*|de|del|la|van|von|bin)){0,4})")


def _signature(doc: Doc, text: str, quote: quote_marks.Quote) -> Candidate | None:
    """A quote signed by a dash and a name right after it, the name ending its line."""
    found = SIGNATURE.match(text, quote.end)
    if found is None:
        return None
    rest = text[found.end(1) : text.find("\n", found.end(1)) if "\n" in text[found.end(1) :] else len(text)]
    if rest.strip(" \t,.;"):
        return None
    name = doc.char_span(found.start(1), found.end(1), alignment_mode="expand")
    if name is None or len(name) == 0:
        return None
    dash = found.start() + len(found.group(0)) - len(found.group(0).lstrip(" \t"))
    return Candidate(
        sentence=(quote.start, found.end(1)), paragraph=0, cue_span=(dash, dash + 1), speaker_head=name.root,
        speaker_span=found.span(1), quotes=[quote],
    )


class ParagraphIndex:
    """Paragraph ordinal of a character offset."""

    def __init__(self, paragraphs: Sequence[tuple[int, int]]) -> None:
        self.paragraphs = list(paragraphs)
        self._starts = [s for s, _ in self.paragraphs]

    def __call__(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)


def find(doc: Doc, lexicon: Lexicon, paragraphs: Sequence[tuple[int, int]], sents: Sequence[Span],
         datelines: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
    text = doc.text
    all_quotes = quote_marks.find(text, paragraphs)
    paragraph_of = ParagraphIndex(paragraphs)
    candidates: list[Candidate] = []
    for sent in sents:
        paragraph = paragraph_of(sent.start_char)
        candidates += verb_candidates(sent, paragraph, lexicon, all_quotes, text, paragraph_of)
        candidates += according_to(sent, paragraph, all_quotes, text)
    in_text = {s.start_char for s in sents}
    candidates += [c for c in labelled(doc, lexicon, paragraphs, text, datelines) if c.sentence[0] in in_text]
    sentences = [(s.start_char, s.end_char) for s in sents]
    candidates = attach_quotes(text, candidates, all_quotes, sentences, paragraph_of, doc)
    for candidate in candidates:
        if candidate.content is not None and not candidate.label:
            candidate.content = _whole_quotes(candidate.content, all_quotes)
    _cut_at_other_reports(candidates, text)
    return [c for c in candidates if c.content is not None or c.quotes]


COORDINATORS = ("and", "but", ";", "while", "whereas")
CONCESSIVE = re.compile(r",\s+(?:although|though|even though|whereas)\s", re.IGNORECASE)


def _cut_at_other_reports(candidates: Sequence[Candidate], text: str) -> None:
    """'Republicans said they are convinced X and Democrats accused the GOP of Y': a content stops before
    a coordinated report with its own speaker; a closing ', although ...' clause is the reporter's."""
    for candidate in candidates:
        if candidate.content is None or candidate.label or candidate.quotes or candidate.content_parts:
            continue
        start, end = candidate.content
        for other in candidates:
            if other is candidate or other.cue_span is None or other.cue_token is None:
                continue
            if other.speaker_span is None:
                _coordinated_speaker(other, text)
            if other.speaker_span is None:
                continue
            where = other.speaker_span[0]
            if start < where < end and where < other.cue_span[0] < end:
                before = text[start:where].rstrip(" ,")
                word = before.rsplit(None, 1)[-1].lower() if before.split() else ""
                if word in COORDINATORS or before.endswith(";"):
                    cut = trim(text, start, start + len(before) - (len(word) if word in COORDINATORS else 1))
                    if cut[1] > cut[0]:
                        end = cut[1]
        found = CONCESSIVE.search(text, start, end)
        if found is not None and found.start() > start:
            end = trim(text, start, found.start())[1]
        candidate.content = (start, end)


def _coordinated_speaker(candidate: Candidate, text: str) -> None:
    """'... and Democrats accused the GOP': a cue the parser left without a subject takes the short name
    between a coordinator and itself."""
    verb = candidate.cue_token
    doc = verb.doc
    words = [doc[i] for i in range(max(0, verb.i - 5), verb.i)]
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower_ in ("and", "but") or words[k].text == ";":
            name = words[k + 1 :]
            if name and name[0].text[:1].isupper() and all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ") for t in name):
                candidate.speaker_head = name[-1]
                candidate.speaker_span = (name[0].idx, name[-1].idx + len(name[-1]))
            return


def _whole_quotes(span: tuple[int, int], all_quotes: Sequence[quote_marks.Quote]) -> tuple[int, int]:
    """A parsed content never cuts a quotation in two: an end inside a quote ('... as we deem necessary'
    before '.”') moves to the closing mark, a start inside one moves to the opening mark."""
    start, end = span
    for quote in all_quotes:
        if quote.start < end < quote.end and quote.start >= start and quote.end - end <= 3:
            end = quote.end
        if quote.start < start < quote.end and quote.end <= end and start - quote.start <= 3:
            start = quote.start
    return start, end
