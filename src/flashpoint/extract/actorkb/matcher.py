"""Find knowledge-base names and agent nouns in a Doc with spaCy PhraseMatchers (built once per vocab)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from flashpoint.extract.actorkb.kb import Agent, KnowledgeBase, Name


@dataclass(frozen=True)
class NameMatch:
    start: int  # token indices, end exclusive
    end: int
    names: tuple[Name, ...]


@dataclass(frozen=True)
class AgentMatch:
    start: int
    end: int
    agent: Agent


def plurals(phrase: str) -> list[str]:
    """Naive English plurals of the last word (the lemma is not available when building patterns)."""
    head, _, last = phrase.rpartition(" ")
    prefix = head + " " if head else ""
    if last.endswith("man"):
        forms = [last[:-3] + "men"]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "sh", "ch", "x")):
        forms = [last + "es"]
    elif last.endswith("."):
        forms = []
    else:
        forms = [last + "s"]
    return [prefix + f for f in forms]


class Matchers:
    """The two phrase matchers for one vocab and one knowledge base."""

    def __init__(self, kb: KnowledgeBase, vocab: Vocab) -> None:
        self.kb = kb
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        self.names = PhraseMatcher(vocab, attr="LOWER")
        self.name_keys: dict[int, str] = {}
        for key, names in kb.names.items():
            match_id = vocab.strings.add("N:" + key)
            self.name_keys[match_id] = key
            self.names.add("N:" + key, _patterns(tokenizer, [key, *(n.text for n in names)]))
        self.agents = PhraseMatcher(vocab, attr="LOWER")
        self.agent_keys: dict[int, Agent] = {}
        for phrase, agent in kb.agents.items():
            forms = [phrase] + [p for p in plurals(phrase) if p not in kb.agents]
            match_id = vocab.strings.add("A:" + phrase)
            self.agent_keys[match_id] = agent
            self.agents.add("A:" + phrase, _patterns(tokenizer, forms))

    def find_names(self, doc: Doc) -> list[NameMatch]:
        found = []
        for match_id, start, end in self.names(doc):
            key = self.name_keys[match_id]
            text = doc[start:end].text
            names = tuple(n for n in self.kb.names[key] if not n.case_sensitive or _same_case(text, n.text))
            if names:
                found.append(NameMatch(start, end, names))
        # longest first, no overlaps
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        kept = []
        for match in found:
            if any(i in taken for i in range(match.start, match.end)):
                continue
            taken.update(range(match.start, match.end))
            kept.append(match)
        return sorted(kept, key=lambda m: m.start)

    def find_agents(self, doc: Doc) -> list[AgentMatch]:
        return [AgentMatch(s, e, self.agent_keys[m]) for m, s, e in self.agents(doc)]


def _patterns(tokenizer: Callable[[str], Doc], texts: list[str]) -> list[Doc]:
    """One pattern per distinct tokenization of the texts in their usual casings: the tokenizer keeps
    'U.S.', 'Gen.' and 'Lt. Gen.' whole but splits 'u.s.' and 'gen.', so a lower-cased key alone
    never matches them (the matcher compares lower-cased tokens)."""
    found: dict[tuple[str, ...], Doc] = {}
    for text in texts:
        for variant in (text, text.title(), text.upper(), text[:1].upper() + text[1:]):
            pattern = tokenizer(variant)
            found.setdefault(tuple(t.lower_ for t in pattern), pattern)
    return list(found.values())


def _same_case(text: str, name: str) -> bool:
    return text == name or text.replace("’", "'") == name


_lock = threading.Lock()
_cache: dict[tuple[int, int], Matchers] = {}


def matchers_for(kb: KnowledgeBase, vocab: Vocab) -> Matchers:
    key = (id(kb), id(vocab))
    with _lock:
        if key not in _cache:
            _cache[key] = Matchers(kb, vocab)
        return _cache[key]
