"""Structure-based coding of noun phrases, one Doc at a time (used by ``flashpoint.extract.actors``).

A ``Resolver`` walks the noun-phrase heads of a Doc in order. Each head is coded from what the
phrase is made of: a knowledge-base name (person, group, organisation, country, capital), an agent
noun ("militants", "security personnel") qualified by country adjectives, names or a possessor
("Pakistani", "US and NATO", "Pakistan's", "its"), a title before a name ("Defense Minister
Khawaja Asif") or an apposition after it ("Zabihullah Mujahid, a spokesman for the Taliban
government"). Pronouns and definite descriptions are linked by ``coref``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actorkb.cues import (
    COORDINATORS,
    GROUP_ANAPHORS,
    HONORIFICS,
    LOCATIVE_PREPS,
    METONYM_PREPS,
    NEEDS_QUALIFIER,
    PLACE_PARTICIPLES,
    PRONOUNS,
    RELATION_PARTICIPLES,
    SPEAKER_CONTEXT_SECTORS,
    SPEECH_LEMMAS,
    STANCE_PREFIXES,
    STATE_SECTORS,
    Mention,
    compatible,
    coordinated_with,
    country_of,
    entry_kind,
    expletive,
    gender_of,
    is_foreign,
    make_code,
    name_tokens,
    not_a_scene,
    share_country,
    stance_before,
)
from flashpoint.extract.actorkb.kb import Agent, Entry, KnowledgeBase, Name
from flashpoint.extract.actorkb.matcher import AgentMatch, NameMatch, matchers_for
from flashpoint.types import Place


@dataclass
class Resolver:
    doc: Doc
    kb: KnowledgeBase
    day: dt.date
    places: tuple[Place, ...] = ()
    mentions: list[Mention] = field(default_factory=list)
    by_head: dict[int, list[Mention]] = field(default_factory=dict)
    speakers: list[Mention] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    surnames: dict[str, Mention] = field(default_factory=dict)
    focus: str | None = None

    def __post_init__(self) -> None:
        matchers = matchers_for(self.kb, self.doc.vocab)
        agents = matchers.find_agents(self.doc)
        self.names: list[NameMatch] = [
            m for m in matchers.find_names(self.doc)
            if not any(a.start <= m.start and m.end <= a.end and a.end - a.start > m.end - m.start for a in agents)
        ]
        self.name_at: dict[int, NameMatch] = {i: m for m in self.names for i in range(m.start, m.end)}
        self.agents_at_end: dict[int, list[AgentMatch]] = {}
        self.agents_through: dict[int, list[AgentMatch]] = {}  # "secretary of defense": by the head word
        self.agent_tokens: set[int] = {i for match in agents for i in range(match.start, match.end)}
        for match in agents:
            self.agents_at_end.setdefault(match.end - 1, []).append(match)
            for i in range(match.start, match.end - 2):
                if self.doc[i + 1].lower_ in ("of", "for"):
                    self.agents_through.setdefault(i, []).append(match)
        self.metonym_chars = {(p.start, p.end) for p in self.places if p.metonym}
        # Per-Doc tables built once: spaCy rebuilds doc.text, token.sent and token._ on every access.
        self.text: str = self.doc.text
        self.tokens: list[Token] = list(self.doc)
        self.block_of: list[int] = [t._.block for t in self.tokens]
        self.sent_index: dict[int, int] = {}
        self.sent_bounds: list[tuple[int, int]] = []
        self.sent_start_of: list[int] = [0] * len(self.tokens)
        for number, sent in enumerate(self.doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_index[i] = number
                self.sent_start_of[i] = sent.start
        self._emitted: set[tuple[int, int, str | None]] = set()
        self._heads: list[int] = []
        self._spans: dict[tuple[int, int], list[Mention]] = {}
        self.focus = self._focus_country()
        self._memo: dict[int, list[Mention]] = {}

    # ----- entry points -------------------------------------------------------------------
    def run(self, skip_blocks: frozenset[int] = frozenset()) -> list[Mention]:
        for token in self.tokens:
            block = self.block_of[token.i]
            if block in skip_blocks and block >= 0:
                continue
            if self._is_head(token):
                for mention in self.resolve_head(token, emit=True):
                    self._emit(mention)
        nested = set()
        by_start = sorted(self.mentions, key=lambda m: (m.start, -m.end))
        for index, b in enumerate(by_start):
            for a in by_start[index + 1 :]:
                if a.start >= b.end:
                    break
                if not (a.end <= b.end and b.end - b.start > a.end - a.start):
                    continue
                if a.entity_id and a.entity_id == b.entity_id or a.kind == "country" and a.country == b.country:
                    nested.add(id(a))
                elif a.entity_id is None and a.via in ("structure", "context") and a.code and (b.code or "").startswith(a.code):
                    nested.add(id(a))  # "Iraqi Hezbollah" inside "the Iraqi Hezbollah militants": one actor
        self.mentions = sorted((m for m in self.mentions if id(m) not in nested), key=lambda m: (m.start, m.end))
        return self.mentions

    def code_span(self, span: Span) -> list[Mention]:
        """Code an arbitrary phrase (for the events stage): its syntactic head decides."""
        key = (span.start, span.end)
        if key not in self._spans:
            self._spans[key] = self._code_span(span)
        return self._spans[key]

    def _code_span(self, span: Span) -> list[Mention]:
        head = span.root
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
            nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
            if not nouns:
                return []
            head = nouns[-1]
        found = self.resolve_head(head, emit=False, bounds=(span.start, span.end))
        if not found:
            found = [m for i in range(span.start, span.end) for m in self.by_head.get(i, [])]
        return found

    # ----- heads --------------------------------------------------------------------------
    def _is_head(self, token: Token) -> bool:
        if token.pos_ == "PRON":
            return token.lower_ in PRONOUNS
        if token.pos_ not in ("NOUN", "PROPN") and token.i not in self.agents_at_end and token.i not in self.name_at:
            return False
        match = self.name_at.get(token.i)
        if match is not None:
            if token.dep_ == "compound" and token.head.i >= match.end and token.head.ent_type_ == "PERSON" \
                    and token.head.i not in self.name_at and self._persons_only(match):
                return False  # "Kiir Mayen Deng": a known surname as the first word of another person's name
            return self._match_root(match) == token.i
        if token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
            return False
        return token.pos_ in ("NOUN", "PROPN") or token.i in self.agents_at_end

    def _match_root(self, match: NameMatch) -> int:
        span = self.doc[match.start : match.end]
        return span.root.i

    def _premod_start(self, head: Token, bounds: tuple[int, int] | None) -> int:
        start = head.i
        for child in head.lefts:
            if child.dep_ in ("punct", "prep", "relcl", "acl", "mark", "advcl", "nsubj", "aux"):
                continue
            start = min(start, child.left_edge.i)
        match = self.name_at.get(head.i)
        if match is not None:
            start = min(start, match.start)
        start = max(start, self.sent_start_of[head.i], bounds[0] if bounds else 0)
        while start < head.i and (self.tokens[start].is_punct or self.tokens[start].dep_ == "cc"):
            start += 1
        return start

    def resolve_head(self, head: Token, *, emit: bool, bounds: tuple[int, int] | None = None) -> list[Mention]:
        if bounds is None and head.i in self._memo:
            return self._memo[head.i]
        self._memo.setdefault(head.i, [])  # guards against cycles in odd parses
        start = self._premod_start(head, bounds)
        end = head.i + 1
        match = self.name_at.get(head.i)
        if match is not None:
            end = max(end, match.end)
        if head.pos_ == "PRON":
            found = self._pronoun(head)
        elif head.pos_ == "ADJ" and head.i + 1 < len(self.tokens) and self.tokens[head.i + 1].pos_ == "PROPN" \
                and any(m.start == head.i + 1 for m in self.names):
            # "Sudan's paramilitary Rapid Support Forces" parsed as two subjects: the adjective describes the name
            found = []
        else:
            found = self._code_np(head, start, end, emit)
        if bounds is None:
            self._memo[head.i] = found
        return found

    # ----- noun phrases -------------------------------------------------------------------
    def _code_np(self, head: Token, start: int, end: int, emit: bool) -> list[Mention]:
        doc = self.doc
        head_match = self.name_at.get(head.i)
        head_agent = self._agent_ending(head.i, start)
        through = max((a for a in self.agents_through.get(head.i, []) if a.start >= start),
                      key=lambda a: a.end - a.start, default=None)
        if through is not None and head_match is None and (
                head_agent is None or through.end - through.start > head_agent.end - head_agent.start):
            head_agent, end = through, max(end, through.end)
        inner = [m for m in self.names if start <= m.start and m.end <= end and m is not head_match]
        if head_match is not None and (
            head_agent is None or head_agent.end - head_agent.start <= head_match.end - head_match.start
        ):
            entry, how = self._pick(head_match, head)
            renamed = self._renamed_by_country(entry, head_match.start) if entry is not None else None
            if renamed is not None:
                # "the Nigeria Labour Congress", "the Iraqi Hezbollah": another actor than the known name
                return [self._new(start, end, head, name=doc[start:end].text, code=renamed, country=renamed,
                                  kind="organisation", via="structure", confidence=0.4)]
            if entry is not None:
                return self._code_name(head, start, end, head_match, entry, how, inner, emit)
            if head_agent is None and not (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
                return []
        if head_agent is not None and _bare_place(head, head_agent):
            return []
        if head_agent is not None:
            return self._code_agent(head, start, end, head_agent, inner, emit)
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            return self._code_person(head, start, end, inner)
        if emit:
            self._emit_inner(inner, start, head.i)
        if head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            ent_start = min((t.i for t in doc[start : head.i + 1] if t.ent_type_ == head.ent_type_), default=head.i)
            mention = self._new(ent_start, end, head, name=doc[ent_start:end].text, kind="organisation", via="ner",
                                confidence=0.3)
            if head.ent_type_ == "ORG":
                mention.country = self._country_in_name(inner, ent_start)
                mention.code = mention.country
            return [mention]
        return []

    def _renamed_by_country(self, entry: Entry, name_start: int) -> str | None:
        """A country word right before a group's or institution's name that names another country
        makes it a namesake of that country: 'Nigeria Labour Congress' is not the US Congress."""
        if entry.kind in ("country", "person", "igo"):
            return None
        role, _ = entry.role_at(self.day)
        own = country_of(role.code if role else None, self.kb)
        if own is None:
            return None
        j = name_start - 1  # back over the proper-name words before it: "Nigeria Labour Congress"
        while j >= 0 and j not in self.name_at and self.tokens[j].pos_ == "PROPN" and self.tokens[j].dep_ == "compound":
            j -= 1
        before = self.name_at.get(j) if j >= 0 else None
        if before is None or self.tokens[before.end - 1].dep_ not in ("amod", "compound", "nmod"):
            return None
        other, how = self._pick(before, self.tokens[before.end - 1])
        if other is None or other.kind != "country" or how not in ("name", "demonym"):
            return None
        iso3 = other.roles[0].code
        return iso3 if iso3 != own else None

    def _country_in_name(self, inner: list[NameMatch], ent_start: int) -> str | None:
        """'the Syrian Observatory for Human Rights': an unknown organisation whose name carries one
        country word belongs to that country (no sector: its role is not known)."""
        countries = set()
        for match in inner:
            if match.start < ent_start or self.tokens[match.start].ent_type_ != "ORG":
                continue
            entry, how = self._pick(match, self.tokens[match.end - 1])
            if entry is not None and entry.kind == "country" and how in ("name", "demonym"):
                countries.add(entry.roles[0].code)
        return countries.pop() if len(countries) == 1 else None

    def _emit_inner(self, inner: list[NameMatch], start: int, head_i: int) -> None:
        """Names inside the modifiers of a non-actor noun ("the Pakistani Taliban hideouts") are mentions too."""
        for match in inner:
            entry, how = self._pick(match, self.tokens[match.end - 1])
            if entry is None or entry.kind == "country":
                continue
            token = self.tokens[match.end - 1]
            for mention in self._code_name(token, match.start, match.end, match, entry, how, [], False):
                self._emit(mention)
        for i in range(start, head_i):
            agent = self._agent_ending(i, start)
            if agent is not None and agent.agent.kind == "institution" and agent.agent.sectors[0] != "ORG" and not any(
                    k in self.name_at for k in range(agent.start, agent.end)):  # not "State" of "Islamic State"
                token = self.tokens[i]
                for mention in self._code_agent(token, agent.start, i + 1, agent, [], False):
                    self._emit(mention)

    def _agent_ending(self, i: int, start: int) -> AgentMatch | None:
        candidates = [a for a in self.agents_at_end.get(i, []) if a.start >= start]
        return max(candidates, key=lambda a: a.end - a.start, default=None)

    def _pick(self, match: NameMatch, head: Token) -> tuple[Entry | None, str]:
        names = sorted(match.names, key=lambda n: ("name", "capital", "demonym", "short").index(n.how))
        for name in names:
            entry = self.kb.entries.get(name.entry_id)
            if entry is None:
                continue
            if name.how == "short" and not self._short_ok(name, match):
                continue
            if entry.kind != "person" and self._inside_person_name(match):
                continue  # "Therese Kayikwamba Wagner" is a minister, not the Wagner Group
            return entry, name.how
        return None, ""

    def _inside_person_name(self, match: NameMatch) -> bool:
        """The match is one word of a longer name the model tags PERSON whose other words name nothing known."""
        if match.end - match.start != 1 or self.tokens[match.start].ent_type_ != "PERSON":
            return False
        around = [self.tokens[i] for i in (match.start - 1, match.end) if 0 <= i < len(self.tokens)]
        return any(self._unknown_name_word(t) for t in around)

    def _unknown_name_word(self, token: Token | None) -> bool:
        """A word of a person's name (as the model tags it) that is no known name or title."""
        return token is not None and token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and \
            token.i not in self.name_at and token.i not in self.agent_tokens

    def _persons_only(self, match: NameMatch) -> bool:
        """Every entry the matched words can name is a person (a name, not a title or an organisation)."""
        return all(self.kb.entries[n.entry_id].kind == "person" for n in match.names if n.entry_id in self.kb.entries)

    def _short_ok(self, name: Name, match: NameMatch) -> bool:
        before = self.tokens[match.start - 1] if match.start > 0 else None
        if self._unknown_name_word(before) and before.lower_ not in HONORIFICS:  # type: ignore[union-attr]
            return False  # "Ahmed Sharif" is not Nawaz Sharif: another given name before the surname
        if self._unknown_name_word(self.tokens[match.end] if match.end < len(self.tokens) else None):
            return False  # "Kiir Mayen" is someone else too: the short name is the first of another name
        if name.entry_id in self.seen:
            return True
        rivals = [n for n in match.names if n.how == "short"]
        holders = []
        for n in rivals:
            entry = self.kb.entries[n.entry_id]
            role, former = entry.role_at(self.day)
            if role is not None and not former:
                holders.append(n.entry_id)
        if not holders and len(rivals) == 1 and len(self.kb.names.get(rivals[0].text.lower(), [])) == 1:
            holders = [rivals[0].entry_id]  # the only person in the knowledge base with that name
        if len(holders) == 1 and holders[0] == name.entry_id:
            key = match and self.doc[match.start : match.end].text
            earlier = self.surnames.get(key or "")
            return earlier is None or earlier.entity_id == name.entry_id
        return False

    def _code_name(self, head: Token, start: int, end: int, match: NameMatch, entry: Entry, how: str,
                   inner: list[NameMatch], emit: bool) -> list[Mention]:
        if entry.kind == "country":
            iso3 = entry.roles[0].code
            if how == "capital":
                if not self._metonymic(head, match):
                    return []
                return [self._new(start, end, head, name=f"Government of {entry.name}", code=iso3 + "GOV", country=iso3,
                                  sector="GOV", kind="institution", entity_id=f"gov:{iso3}", via="metonym",
                                  confidence=0.7)]
            if how == "demonym":
                if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("amod", "compound"):
                    return []
                return [self._new(start, end, head, name=f"people of {entry.name}", code=iso3, country=iso3,
                                  kind="group", entity_id=f"people:{iso3}", via="kb", confidence=0.6, plural=True,
                                  wikidata=None)]
            if self._locative(head, match.start, match.end):
                return []
            return [self._new(start, end, head, name=entry.name, code=iso3, country=iso3, kind="country",
                              entity_id=entry.id, wikidata=entry.wikidata, via="kb", confidence=0.8)]
        role, former = entry.role_at(self.day)
        code = role.code if role else None
        sector = role.sector if role else None
        office = role.office if role else None
        if entry.kind == "person" and former and role is not None:
            sector, office = "ELI", f"former {role.office}" if role.office else None
            code = make_code(country_of(role.code, self.kb), "ELI")
        mention = self._new(start, end, head, name=entry.name, code=code, country=country_of(code, self.kb),
                            sector=sector, office=office, kind=entry_kind(entry), entity_id=entry.id,
                            wikidata=entry.wikidata, via="kb", confidence=0.9 if role else 0.6,
                            gender=entry.gender, plural=entry.plural)
        if entry.kind == "person" and (role is None or former):
            structured = self._titles(head, start, match.start)
            if structured is not None and structured.code and not structured.country and mention.country:
                # "President Joe Biden" in an undated text: the title without a country keeps the person's country
                structured.code, structured.country = make_code(mention.country, structured.sector), mention.country
            if structured is not None and structured.code:
                mention.code, mention.country, mention.sector = structured.code, structured.country, structured.sector
                mention.office, mention.via = structured.office or mention.office, "kb+structure"
        return [mention]

    def _code_agent(self, head: Token, start: int, end: int, agent_match: AgentMatch, inner: list[NameMatch],
                    emit: bool) -> list[Mention]:
        agent = agent_match.agent
        modifier_sector = self._modifier_sector(start, agent_match)
        sector: str | None = modifier_sector or agent.sectors[0]
        quals = self._qualifiers(head, start, agent_match.start, inner)
        if not quals:
            quals = self._right_qualifiers(head)
        plural = head.tag_ in ("NNS", "NNPS") or agent.kind == "group"
        kind = "person" if agent.kind == "person" and not plural else ("group" if agent.kind != "institution" else "organisation")
        gender = gender_of(self.doc[start : end])
        out = []
        for qual in quals:
            if qual.country and qual.kind in ("country", "institution", "group") and qual.entity_id and (
                qual.entity_id.startswith(("country:", "gov:", "people:")) or qual.code == make_code(qual.country, qual.sector) and qual.kind == "country"
            ):
                sec: str | None = sector
                if sector == "ORG":
                    sec = "GOV" if qual.entity_id.startswith("gov:") else agent.country_sector()
                code = make_code(qual.country, sec)
                entity = f"{code}:{qual.country}" if agent.kind == "institution" and sec else None
                if sec == "GOV" and agent.kind == "institution":
                    entity = f"gov:{qual.country}"
                mention = self._new(start, end, head, name=None, code=code, country=qual.country, sector=sec,
                                    office=agent.office, kind=kind, entity_id=entity, via="structure",
                                    confidence=0.75, gender=gender, plural=plural)
                if agent.office and kind == "person" and not (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
                    holders = self.kb.holders(qual.country, agent.office, self.day)
                    if len(holders) == 1:
                        mention.name, mention.entity_id = holders[0].name, holders[0].id
                        mention.wikidata, mention.gender = holders[0].wikidata, holders[0].gender
                out.append(mention)
            else:
                out.append(self._new(start, end, head, name=qual.name, code=qual.code, country=qual.country,
                                     sector=qual.sector, office=agent.office, kind=kind,
                                     entity_id=qual.entity_id if agent.kind != "person" or qual.kind != "person" else qual.entity_id,
                                     via="structure", confidence=0.7, gender=gender, plural=plural))
        if out:
            return self._person_name(head, out)
        if modifier_sector is None and head.lower_ in NEEDS_QUALIFIER and agent_match.start == head.i:
            return self._definite(head, start, end, agent, None, kind, plural, gender)
        if sector == "ORG":  # "leader Robert Mugabe": a title with a fallback sector keeps it
            sector = agent.sectors[1] if len(agent.sectors) > 1 else None
            if sector is None:
                return self._definite(head, start, end, agent, None, kind, plural, gender)
        return self._definite(head, start, end, agent, sector, kind, plural, gender)

    def _modifier_sector(self, start: int, agent_match: AgentMatch) -> str | None:
        """'gang leader', 'army commander', 'party member': a role noun that takes its organisation's
        code (ORG) gets the sector of the agent noun modifying it, not the government's."""
        if agent_match.agent.sectors[0] != "ORG":
            return None
        for i in range(agent_match.start - 1, start - 1, -1):
            modifier = self._agent_ending(i, start)
            if modifier is None or self.tokens[i].dep_ not in ("compound", "amod", "nmod"):
                continue
            if modifier.agent.sectors[0] not in ("ORG", "CVL"):
                return modifier.agent.sectors[0]
        return None

    def _person_name(self, head: Token, out: list[Mention]) -> list[Mention]:
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            for mention in out:
                mention.kind = "person"
                mention.name = name_tokens(head)
                mention.entity_id = mention.entity_id if mention.entity_id and not mention.entity_id.startswith(("gov:", "country:")) else f"person:{mention.name.lower()}"
        return out

    def _definite(self, head: Token, start: int, end: int, agent: Agent, sector: str | None, kind: str, plural: bool,
                  gender: str | None) -> list[Mention]:
        """An agent noun with no country or organisation in the phrase."""
        det = next((c.lower_ for c in head.lefts if c.dep_ == "det"), None)
        base = self._new(start, end, head, code=sector, sector=sector, office=agent.office, kind=kind, via="structure",
                         confidence=0.5, gender=gender, plural=plural)
        named = head.pos_ == "PROPN" or head.text[:1].isupper() and head.i > self.sent_start_of[head.i]
        if is_foreign(head):
            return [base] if sector else []
        if det in ("the", "this", "that", "these", "those") or (det is None and named and agent.kind == "institution"):
            antecedent = self._antecedent_for_description(head, agent, sector)
            if antecedent is not None:
                return [self._copy(base, antecedent, office=agent.office or antecedent.office)]
        if head.dep_ == "conj" and not (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
            sibling = self._memo.get(head.head.i) or []  # "Pakistani soldiers and police", not "Trump and King X"
            if sibling and sibling[0].country and sector:
                base.country, base.code = sibling[0].country, make_code(sibling[0].country, sector)
                return [base]
        if sector is None:
            return []
        if sector in SPEAKER_CONTEXT_SECTORS:
            country = self._speaker_country(head) or self.focus
        else:
            country = self._context_country(head)
        if country is not None:
            base.country, base.code, base.via, base.confidence = country, make_code(country, sector), "context", 0.4
        return [base]

    def _speaker_country(self, head: Token) -> str | None:
        """The country of the subject of the clause a phrase is an object in ('Asif told a news channel')."""
        token = head
        for _ in range(6):
            if token.dep_ not in ("dobj", "dative", "pobj", "prep", "conj") or token.head.i == token.i:
                break
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
        for child in token.children:
            if child.dep_ == "nsubj" and child.i != head.i:
                found = self.by_head.get(child.i) or self.resolve_head(child, emit=False)
                country = next((m.country for m in found if m.country), None)
                if country:
                    return country
        return None

    def _context_country(self, head: Token) -> str | None:
        """Where the sentence happens (a resolved place in it), else the dateline country, else the
        country the article has named most often so far (at least twice)."""
        first, last = self.sent_bounds[self.sent_index[head.i]]
        lo, hi = self.tokens[first].idx, self.tokens[last - 1].idx + len(self.tokens[last - 1])
        in_sentence = [p for p in self.places if lo <= p.start < hi and p.country_iso3 and not p.metonym
                       and not not_a_scene(self.text, p.start, p.end) and not self._inside_a_name(p.start, first)]
        if in_sentence:
            return min(in_sentence, key=lambda p: abs(p.start - head.idx)).country_iso3
        if self.focus:
            return self.focus
        counts: dict[str, int] = {}
        for mention in self.mentions:
            if mention.country and mention.head < head.i:
                counts[mention.country] = counts.get(mention.country, 0) + 1
        if counts:
            country, number = max(counts.items(), key=lambda kv: kv[1])
            if number >= 2 and sum(1 for v in counts.values() if v == number) == 1:
                return country
        return None

    def _inside_a_name(self, char: int, sentence_start: int) -> bool:
        """'The Malaysia Airlines flight': a place word inside an organisation's name is no scene."""
        for mention in reversed(self.mentions):
            if mention.head < sentence_start:
                return False
            if mention.kind not in ("country", "person") and self.tokens[mention.start].idx <= char < (
                    self.tokens[mention.end - 1].idx + len(self.tokens[mention.end - 1])) and mention.sector not in STATE_SECTORS:
                return True
        return False

    def _antecedent_for_description(self, head: Token, agent: Agent, sector: str | None) -> Mention | None:
        lemma = head.lemma_.lower()
        armed = sector in ("REB", "UAF")  # "the armed group", "the gunmen": the armed side named before
        if sector not in STATE_SECTORS and lemma not in GROUP_ANAPHORS and not (armed and head.tag_ == "NNS"):
            same = self._search_back(head, lambda m: self.tokens[m.head].lemma_.lower() == lemma and m.via != "coref",
                                     paragraphs=50)
            if same is not None:
                return same
        if lemma in GROUP_ANAPHORS or (armed and head.tag_ == "NNS"):
            want = lambda m: m.kind in ("group", "organisation") and m.sector in ("REB", "UAF", None) and m.entity_id and not m.entity_id.startswith("people:")  # noqa: E731
            if lemma in GROUP_ANAPHORS and not armed:
                want = lambda m: m.kind == "group" and bool(m.entity_id) and not m.entity_id.startswith("people:")  # noqa: E731
            return self._search_back(head, want, paragraphs=4)
        if agent.office:
            found = self._search_back(head, lambda m: m.office == agent.office and m.kind == "person", paragraphs=50)
            if found is not None:
                return found
            if self.focus:
                holders = self.kb.holders(self.focus, agent.office, self.day)
                if len(holders) == 1:
                    entry = holders[0]
                    role, _ = entry.role_at(self.day)
                    return Mention(0, 0, 0, name=entry.name, code=role.code if role else None,
                                   country=self.focus, sector=role.sector if role else None, office=agent.office,
                                   kind="person", entity_id=entry.id, wikidata=entry.wikidata, gender=entry.gender)
            return None
        if sector in ("GOV", "MIL", "COP", "SPY", "LEG", "JUD") and lemma not in ("government", "state"):
            # "the ministry said" after "Armenia's Defence Ministry": the last body named by the same noun, even
            # when another country's body or capital came up in between
            same = self._search_back(head, lambda m: self.tokens[m.head].lemma_.lower() == lemma and m.country is not None
                                     and m.via != "coref", paragraphs=3)
            if same is not None:
                return same
        if sector in ("GOV", "MIL", "COP", "SPY", "LEG", "JUD"):
            found = self._search_back(head, lambda m: m.sector == sector and m.country is not None, paragraphs=1)
            if found is None and self.focus:
                return Mention(0, 0, 0, code=make_code(self.focus, sector), country=self.focus, sector=sector,
                               kind="organisation", entity_id=f"gov:{self.focus}" if sector == "GOV" else None)
            if found is None:
                found = self._search_back(head, lambda m: m.sector == sector and m.country is not None, paragraphs=50)
            if found is not None:
                generic = found.kind == "person" or not found.entity_id or found.entity_id.startswith("gov:")
                return dataclasses.replace(
                    found, entity_id=f"gov:{found.country}" if sector == "GOV" and generic else (None if found.kind == "person" else found.entity_id),
                    name=None if found.kind == "person" else found.name, kind="organisation", office=None)
        return None

    def _qualifiers(self, head: Token, start: int, agent_start: int, inner: list[NameMatch]) -> list[Mention]:
        """Countries and organisations named before the agent noun, and its possessor."""
        quals: list[Mention] = []
        for match in inner:
            if match.start >= agent_start and match.end > agent_start:
                continue
            token = self.tokens[match.end - 1]
            if token.dep_ == "poss" and token.head.i != head.i or self._related_not_owner(match, agent_start):
                continue
            entry, how = self._pick(match, token)
            if entry is None:
                continue
            if entry.kind == "country":
                iso3 = entry.roles[0].code
                quals.append(Mention(match.start, match.end, token.i, name=entry.name, code=iso3, country=iso3,
                                     kind="country", entity_id=entry.id))
            else:
                for mention in self._code_name(token, match.start, match.end, match, entry, how, [], False):
                    quals.append(mention)
        for child in head.lefts:
            if child.dep_ == "poss" and child.i not in self.name_at:
                poss = self._possessor(child)
                if poss is not None:
                    quals.append(poss)
        return self._nearest_coordination(quals)

    def _related_not_owner(self, match: NameMatch, agent_start: int) -> bool:
        """'a UK-based group', 'Al Qaeda-linked militants', 'Iran-backed militias', 'pro-Russia rebels':
        the name says where the actor sits or whom it is tied to or sides with, not whose it is."""
        j = match.end
        if j < agent_start and self.tokens[j].text in ("-", "–"):
            j += 1
        if j < agent_start and self.tokens[j].lower_ in RELATION_PARTICIPLES:
            return True
        i = match.start - 1  # "pro-Russia rebels", "anti-American protesters": for or against, not of
        if i >= 0 and self.tokens[i].text in ("-", "–"):
            i -= 1
        return i >= 0 and self.tokens[i].lower_.rstrip("-") in STANCE_PREFIXES

    def _nearest_coordination(self, quals: list[Mention]) -> list[Mention]:
        """One actor per phrase unless its qualifiers are coordinated: 'US and NATO forces' names two,
        'the Pakistani army's commander' and 'Kenyan al-Shabaab fighters' one (the qualifier nearest the
        noun, which the others describe)."""
        if len(quals) < 2:
            return quals
        ordered = sorted(quals, key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for qual in ordered:
            if kept and qual.start < kept[-1].end:
                continue  # inside an earlier, longer qualifier (a possessor phrase)
            kept.append(qual)
        if len(kept) < 2:
            return kept
        nearest, previous = kept[-1], kept[-2]
        if nearest.kind != "country" and previous.kind == "country" and previous.end == nearest.start and (
            nearest.country and nearest.country != previous.country and self.tokens[previous.head].dep_ != "poss"
        ):
            return [previous]  # "the Iraqi Hezbollah militants": the country word renames the group
        group = [kept[-1]]
        for qual in reversed(kept[:-1]):
            between = self.tokens[qual.end : group[-1].start]
            linked = self.tokens[group[-1].head].dep_ == "conj" and self.tokens[group[-1].head].head.i == qual.head
            if not (linked or between and all(t.lower_ in COORDINATORS for t in between)):
                break
            group.append(qual)
        return sorted(group, key=lambda m: m.start)

    def _possessor(self, token: Token) -> Mention | None:
        if token.lower_ == "whose":
            target = token.head
            while target.dep_ not in ("relcl",) and target.head.i != target.i:
                target = target.head
            found = self._as_qualifier(target.head) if target.dep_ == "relcl" else []
            return found[0] if found else None
        found = self.resolve_head(token, emit=False)
        if found:
            m = found[0]
            if m.kind == "person" and m.country and m.sector:
                return Mention(m.start, m.end, m.head, code=m.country, country=m.country, kind="country",
                               entity_id=f"country:{m.country}")
            return m
        return None

    def _right_qualifiers(self, head: Token) -> list[Mention]:
        """'a spokesman for the Taliban government', 'officials from Pakistan', 'members of the group'."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self._as_qualifier(pobj)
                        if found:
                            return found
            if child.dep_ == "prep" and child.lower_ in ("in", "at") and head.lemma_.lower() not in FOREIGN_POSTS:
                # "the foreign ministry in Port Sudan", "officials in Goma": the body sits in that place's country
                for pobj in child.children:
                    place = next((p for p in self.places if pobj.dep_ == "pobj" and p.start <= pobj.idx < p.end
                                  and p.resolved and p.country_iso3 and not p.metonym
                                  and p.feature not in ("continent", "region", "country")), None)
                    if place is not None and place.country_iso3 in self.kb.countries:
                        iso3 = place.country_iso3
                        return [Mention(pobj.i, pobj.i + 1, pobj.i, name=self.kb.countries[iso3].name, code=iso3,
                                        country=iso3, kind="country", entity_id=f"country:{iso3}")]
        return []

    def _as_qualifier(self, token: Token) -> list[Mention]:
        match = self.name_at.get(token.i)
        if match is not None:
            entry, how = self._pick(match, token)
            if entry is not None and entry.kind == "country":
                iso3 = entry.roles[0].code
                return [Mention(match.start, match.end, token.i, name=entry.name, code=iso3, country=iso3,
                                kind="country", entity_id=entry.id)]
        return [m for m in self.resolve_head(token, emit=False) if m.code]

    def _code_person(self, head: Token, start: int, end: int, inner: list[NameMatch]) -> list[Mention]:
        # NER often runs a title into the name ("Boko Haram commander Abu Musab"): the name starts after them
        words = [t.i for t in self.doc[start : head.i + 1] if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        titled = [i for i in words if i in self.agent_tokens or (
            i in self.name_at and not self._persons_only(self.name_at[i]))]
        last_title = max((i for i in titled if i < head.i), default=-1)
        name_start = min((i for i in words if i > last_title), default=head.i)
        name = " ".join(t.text for t in self.doc[name_start : head.i + 1] if t.ent_type_ == "PERSON") or name_tokens(head)
        mention = self._titles(head, start, name_start) or self._new(start, end, head, kind="person", via="ner",
                                                                     confidence=0.4)
        mention.start, mention.end, mention.kind, mention.name = start, end, "person", name
        mention.entity_id = f"person:{name.lower()}"
        if not mention.code:
            earlier = self.surnames.get(head.text)
            if earlier is not None and " " not in name:
                return [self._copy(mention, earlier, via="coref")]
            for child in head.rights:
                if child.dep_ == "appos":
                    found = self.resolve_head(child, emit=False)
                    if found and found[0].code:
                        return [self._copy(mention, found[0], via="structure", keep_identity=True)]
        return [mention]

    def _titles(self, head: Token, start: int, name_start: int) -> Mention | None:
        """Titles and qualifiers before a name: 'Pakistani Defense Minister', 'military chief Gen.'."""
        best: AgentMatch | None = None
        for i in range(start, name_start):
            for agent_match in self.agents_at_end.get(i, []):
                if agent_match.start >= start and (best is None or (agent_match.agent.office and not best.agent.office)
                                                   or agent_match.end - agent_match.start > best.end - best.start):
                    best = agent_match
        if best is None:
            return None
        inner = [m for m in self.names if start <= m.start and m.end <= name_start]
        found = self._code_agent(head, start, head.i + 1, best, inner, False)
        return found[0] if found else None

    # ----- pronouns and speakers ----------------------------------------------------------
    def _pronoun(self, token: Token) -> list[Mention]:
        want = PRONOUNS.get(token.lower_)
        if want is None or want == "n" and expletive(token):
            return []
        base = self._new(token.i, token.i + 1, token, kind="unknown", via="coref", confidence=0.5)
        cataphor = self._cataphor(token, want)
        if cataphor is not None:
            return [self._copy(base, cataphor)]
        antecedent = self._clause_subject(token, want) if token.dep_ == "poss" else None
        if antecedent is None:
            antecedent = self._previous_subject(token, want)
        if antecedent is None:
            excluded = self._clause_subject(token, want) if token.dep_ in ("dobj", "pobj", "dative") else None
            antecedent = self._search_back(token, lambda m: compatible(m, want) and m is not excluded, paragraphs=1)
            if antecedent is not None and want == "pl" and token.dep_ in ("dobj", "pobj", "dative") and (
                self._plural_thing_between(antecedent.end, token.i, excluded)
            ):
                return []
        if antecedent is None and want in ("m", "f"):
            speaker = next((s for s in reversed(self.speakers) if s.head < token.i
                            and self._paragraph_distance(s.head, token.i) <= 2), None)
            if speaker is not None and (speaker.gender in (None, want) or speaker.kind != "person"):
                mention = self._copy(base, speaker)
                mention.via, mention.confidence = "coref-speaker", 0.45
                return [mention]
        if antecedent is None:
            return []
        return [self._copy(base, antecedent)]

    def _previous_subject(self, token: Token, want: str) -> Mention | None:
        """'The Israeli military said its jets hit sites belonging to Hamas. Its spokesman said ...': a
        pronoun in (or owning) a main-clause subject continues the previous sentence's subject, not the
        last name mentioned (the centering preference)."""
        subject = token.head if token.dep_ == "poss" else token
        if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.dep_ != "ROOT":
            return None
        number = self.sent_index.get(token.i, 0)
        if number == 0:
            return None
        lo, hi = self.sent_bounds[number - 1]
        if self._paragraph_distance(lo, token.i) > 0:
            return None
        for mention in self.mentions:
            head = self.tokens[mention.head]
            if lo <= mention.head < hi and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
                return mention if compatible(mention, want) and mention.code else None
        return None

    def _plural_thing_between(self, lo: int, hi: int, excluded: Mention | None) -> bool:
        """'The council made some decisions. Two of them ...': a closer plural noun that is no actor
        is the likelier antecedent of an object 'them'."""
        first = self.sent_bounds[max(0, self.sent_index.get(hi, 0) - 1)][0]
        for i in range(max(lo, first), hi):
            t = self.tokens[i]
            if t.tag_ not in ("NNS", "NNPS") or t.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr", "conj", "appos"):
                continue
            if self.by_head.get(i) or (excluded is not None and excluded.start <= i < excluded.end):
                continue
            return True
        return False

    def _cataphor(self, token: Token, want: str) -> Mention | None:
        """'In his interview ..., Asif said': a possessive before the subject of its own clause."""
        if token.lower_ not in ("his", "her", "its", "their"):
            return None
        verb = token
        while verb.dep_ not in ("ROOT",) and verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i]
        for subject in subjects:
            if subject.pos_ == "PRON" or token in list(subject.subtree):
                continue
            found = self.resolve_head(subject, emit=False)
            if found and compatible(found[0], want):
                return found[0]
        return None

    def _clause_subject(self, token: Token, want: str) -> Mention | None:
        """'the armed group ... ordered its fighters': a possessive or object pronoun and its clause's subject."""
        if token.dep_ in ("nsubj", "nsubjpass"):
            return None
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
            for subject in subjects:
                found = self.by_head.get(subject.i) or self._memo.get(subject.i) or []
                if found and compatible(found[0], want):
                    return found[0]
            if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
                verb = coordinated_with(verb)
            else:
                break
        return None

    def _search_back(self, token: Token, want, *, paragraphs: int) -> Mention | None:  # type: ignore[no-untyped-def]
        for mention in reversed(self.mentions):
            if mention.head >= token.i or mention.end > token.i:
                continue
            if self._paragraph_distance(mention.head, token.i) > paragraphs:
                break
            if want(mention):
                return mention
        return None

    def _paragraph_distance(self, a: int, b: int) -> int:
        block_a, block_b = self.block_of[a], self.block_of[b]
        if block_a >= 0 and block_b >= 0:
            return abs(block_b - block_a)
        return abs(self.sent_index.get(b, 0) - self.sent_index.get(a, 0)) // 3

    def _emit(self, mention: Mention) -> None:
        key = (mention.start, mention.end, mention.code)
        if key in self._emitted:
            return
        self._emitted.add(key)
        position = bisect.bisect_right(self._heads, mention.head)
        self._heads.insert(position, mention.head)
        self.mentions.insert(position, mention)
        self.by_head.setdefault(mention.head, []).append(mention)
        if mention.entity_id:
            self.seen.add(mention.entity_id)
        if mention.kind == "person" and mention.name:
            self.surnames.setdefault(mention.name.split()[-1], mention)
        head = self.tokens[mention.head]
        generic = mention.entity_id is None or mention.entity_id.startswith(("gov:", "people:")) or mention.kind == "person"
        if head.dep_ == "appos" and head.pos_ == "NOUN" and generic and head.head.i in self.by_head:
            for parent in self.by_head[head.head.i]:
                mention.entity_id = parent.entity_id or mention.entity_id
                if parent.country and not mention.country:
                    mention.code, mention.country, mention.sector = parent.code, parent.country, parent.sector
                if not parent.code and mention.code:
                    parent.code, parent.country, parent.sector = mention.code, mention.country, mention.sector
                    parent.office = parent.office or mention.office
        if head.dep_ == "appos" and head.head.i in self.by_head and len(self.by_head[head.head.i]) == 1:
            share_country(self.by_head[head.head.i][0], mention)
        if self._is_speaker(head):
            self.speakers.append(mention)

    def _is_speaker(self, head: Token) -> bool:
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = head.head
        if verb.lemma_.lower() in SPEECH_LEMMAS:
            return True
        return any(c.dep_ in ("ccomp", "xcomp", "advcl") and c.lemma_.lower() in SPEECH_LEMMAS for c in verb.children)

    # ----- helpers ------------------------------------------------------------------------
    def _metonymic(self, head: Token, match: NameMatch) -> bool:
        start, end = self.tokens[match.start].idx, self.tokens[match.end - 1].idx + len(self.tokens[match.end - 1])
        if (start, end) in self.metonym_chars:
            return True
        token = head
        while token.dep_ == "conj":
            token = token.head
        if token.dep_ in ("nsubj", "nsubjpass", "poss"):
            return True
        if token.dep_ == "pobj" and token.head.lower_ in METONYM_PREPS:
            return token.head.head.lemma_.lower() not in ("capital", "city", "visit", "trip", "road", "flight", "way")
        if token.dep_ == "dobj" and token.head.lemma_.lower() in SPEECH_LEMMAS | {"urge", "ask", "warn", "blame", "pressure"}:
            return True
        return False

    def _locative(self, head: Token, first: int, after: int) -> bool:
        if after < len(self.tokens) and self.tokens[after].text in ("-", "–"):
            after += 1
        if after < len(self.tokens) and self.tokens[after].lower_ in PLACE_PARTICIPLES:
            return True  # "a UK-based group": where the group sits
        if stance_before(self.text, self.tokens[first].idx):
            return True  # "pro-Russia rebels": a side taken
        token = head
        while token.dep_ == "conj":
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            return True
        return token.dep_ in ("compound", "npadvmod") and token.head.i != token.i and token.head.pos_ == "NOUN"

    def _focus_country(self) -> str | None:
        """The country of a dateline ("Islamabad, Pakistan –") when the article opens with one."""
        first = next(iter(self.doc.sents), None)
        if first is None:
            return None
        for match in self.names:
            if match.start >= first.start + 8 or match.start >= first.end:
                break
            dash = any(t.text in ("–", "—", "-", "(") for t in self.doc[match.end : min(match.end + 4, first.end)])
            for name in match.names:
                entry = self.kb.entries.get(name.entry_id)
                if entry is not None and entry.kind == "country" and name.how in ("name", "capital") and dash:
                    return entry.roles[0].code
        return None

    def _new(self, start: int, end: int, head: Token, **fields) -> Mention:  # type: ignore[no-untyped-def]
        return Mention(start, end, head.i, block=self.block_of[head.i], sent=self.sent_index.get(head.i, 0), **fields)

    def _copy(self, base: Mention, source: Mention, *, via: str | None = None, office: str | None = None,
              keep_identity: bool = False) -> Mention:
        return dataclasses.replace(
            base,
            name=base.name if keep_identity else source.name,
            code=source.code, country=source.country, sector=source.sector,
            office=office or source.office if not keep_identity else (base.office or source.office),
            wikidata=base.wikidata if keep_identity else source.wikidata,
            kind=base.kind if keep_identity else source.kind,
            entity_id=base.entity_id if keep_identity else source.entity_id,
            via=via or base.via, gender=source.gender if not keep_identity else base.gender,
            plural=source.plural if not keep_identity else base.plural,
            confidence=min(base.confidence + 0.1, 0.8) if keep_identity else max(0.4, source.confidence - 0.15),
        )


# Bodies that sit abroad: "the embassy in Kabul" belongs to another state than Afghanistan.
FOREIGN_POSTS = frozenset({"embassy", "consulate", "mission", "delegation", "envoy", "ambassador", "diplomat",
                           "correspondent", "reporter"})


def _bare_place(head: Token, agent_match: AgentMatch) -> bool:
    """'died in prison', 'said in court', 'released from jail': a bare singular institution noun after
    a place preposition is a place, not an actor ('handed to police' is one: 'to' is left out)."""
    return (agent_match.agent.kind != "person" and agent_match.start == head.i and head.tag_ == "NN"
            and head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "from", "into", "inside") and not list(head.lefts))
