"""Word lists, the mutable Mention draft and small syntactic tests the Resolver uses (kept apart
so that ``resolve`` holds the walk over a Doc and this module what it looks for)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actorkb.kb import Entry, KnowledgeBase
from flashpoint.types import Actor

LOCATIVE_PREPS = frozenset(
    "in at inside within across throughout near into around outside over from toward towards to via beyond along "
    "through under".split()
)
METONYM_PREPS = frozenset({"between", "with", "against", "by", "on", "and", "of", "for", "toward", "towards"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "appos", "ROOT"})
NEEDS_QUALIFIER = frozenset(
    "side head chief member representative force leader leaders party man men woman person delegation commander "
    "commanders spokespeople coalition".split()
)
FEMALE_CUES = frozenset("mrs mrs. ms ms. madam spokeswoman chairwoman congresswoman queen lady".split())
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir madam".split())
MALE_CUES = frozenset("mr mr. spokesman chairman congressman king sir".split())
PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
    "they": "pl", "them": "pl", "their": "pl", "theirs": "pl", "themselves": "pl",
    "it": "n", "its": "n", "itself": "n",
}
# "UK-based", "Qaeda-linked", "Iran-backed": the name before them is a place or an ally, not the owner.
RELATION_PARTICIPLES = frozenset(
    "based linked backed affiliated allied aligned funded financed sponsored supported trained inspired "
    "headquartered registered connected tied oriented".split()
)
STANCE_PREFIXES = frozenset({"pro", "anti"})
PLACE_PARTICIPLES = frozenset({"based", "headquartered", "registered", "stationed"})
COORDINATORS = frozenset({",", "and", "or", "&", "/", "-", "–", "nor"})
FOREIGN_WORDS = frozenset("foreign overseas outside external alien".split())
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
# Sectors whose country is the speaker's or the dateline's, never the nearest place name (a news
# channel in a sentence about Afghanistan is not Afghan).
SPEAKER_CONTEXT_SECTORS = frozenset({"MED", "JRN"})
GROUP_ANAPHORS = frozenset("group organisation organization outfit movement network faction".split())
SPEECH_LEMMAS = frozenset(
    "say tell respond reply add state claim announce deny reject write tweet warn accuse insist "
    "declare stress note argue threaten urge demand call dismiss vow pledge".split()
)


@dataclass
class Mention:
    """A mutable draft of an Actor while the Doc is being resolved."""

    start: int  # token indices, end exclusive
    end: int
    head: int
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    office: str | None = None
    wikidata: str | None = None
    kind: str = "unknown"
    entity_id: str | None = None
    via: str | None = None
    confidence: float = 0.5
    gender: str | None = None
    plural: bool = False
    block: int = -1
    sent: int = 0

    def to_actor(self, doc: Doc, text: str) -> Actor:
        start, end = doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1])
        return Actor(text[start:end], start, end, self.name, self.code, self.country, self.sector, self.office,
                     self.wikidata, self.kind, self.entity_id, self.via, round(self.confidence, 2))


def make_code(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return country + sector
    return country or sector


def share_country(first: Mention, second: Mention) -> None:
    """Two sides of an apposition are one actor: 'The US commander in Iraq, General David Petraeus'.
    A country read from the phrase itself beats one guessed from the places in the sentence."""
    def structural(m: Mention) -> bool:
        return bool(m.country) and m.via not in ("context", None, "ner")

    for giver, taker in ((first, second), (second, first)):
        if structural(giver) and not structural(taker) and (taker.via == "context" or not taker.country):
            if taker.via == "ner" and taker.country:
                continue
            sector = taker.sector or giver.sector
            taker.country, taker.sector, taker.code = giver.country, sector, make_code(giver.country, sector)
            taker.via = "structure"
            return


def not_a_scene(text: str, start: int, end: int) -> bool:
    """'a UK-based group', 'pro-Russia rebels': the place is an organisation's seat or a side taken,
    not where the sentence happens."""
    after = text[end : end + 20].lstrip(" -–").lower()
    if after.split(" ", 1)[0].rstrip(",.;") in PLACE_PARTICIPLES:
        return True
    return stance_before(text, start)


def stance_before(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    if not before.rstrip(" ").endswith(("-", "–")) and not before.endswith(" "):
        return False
    return before.rstrip(" -–").lower().rsplit(" ", 1)[-1] in STANCE_PREFIXES


def compatible(mention: Mention, want: str) -> bool:
    if want in ("m", "f"):
        return mention.kind == "person" and mention.gender in (None, want)
    if want == "pl":
        return mention.plural or mention.kind in ("group", "organisation", "institution")
    if mention.plural and not mention.entity_id:
        return False
    return mention.kind in ("organisation", "country", "group", "institution")


def coordinated_with(verb: Token) -> Token:
    """The verb a conjunct really pairs with. '... the agreement that the Taliban had brokered and
    ordered its fighters': a conjunct attached inside a relative clause whose form matches the main
    verb ('ended' / 'ordered', not 'had brokered') continues the main clause."""
    first = verb.head
    if verb.dep_ != "conj" or first.dep_ not in ("relcl", "acl") or verb.tag_ == first.tag_:
        return first
    if not any(c.dep_ == "aux" for c in first.children) or any(c.dep_ == "aux" for c in verb.children):
        return first
    main = first.head
    for _ in range(6):
        if main.pos_ in ("VERB", "AUX") or main.head.i == main.i:
            break
        main = main.head
    return main if main.pos_ in ("VERB", "AUX") and main.tag_ == verb.tag_ else first


def is_foreign(head: Token) -> bool:
    """'foreign forces', 'outside powers': the phrase excludes the country in context."""
    return any(c.dep_ == "amod" and c.lower_ in FOREIGN_WORDS for c in head.lefts)


def expletive(token: Token) -> bool:
    """'it is worth noting', 'it is clear that': an 'it' that refers to nothing."""
    if token.dep_ == "expl":
        return True
    verb = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ("be", "seem", "appear", "remain", "become"):
        return any(c.dep_ in ("acomp", "ccomp", "xcomp") for c in verb.children)
    return False


def entry_kind(entry: Entry) -> str:
    return {"igo": "organisation", "institution": "organisation", "party": "organisation"}.get(entry.kind, entry.kind)


def country_of(code: str | None, kb: KnowledgeBase) -> str | None:
    if code and code[:3] in kb.countries:
        return code[:3]
    return None


def name_tokens(head: Token) -> str:
    tokens = [t for t in head.lefts if t.dep_ == "compound" and t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    tokens = [t for t in head.doc[min([t.i for t in tokens], default=head.i) : head.i + 1]]
    return " ".join(t.text for t in tokens if t.ent_type_ == "PERSON")


def gender_of(span: Span) -> str | None:
    words = {t.lower_ for t in span}
    if words & FEMALE_CUES:
        return "f"
    if words & MALE_CUES:
        return "m"
    return None
