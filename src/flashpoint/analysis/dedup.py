"""Near-duplicate articles (syndicated wire copies, lightly edited re-posts) found and linked at ingest.

Each article's text becomes a set of word 4-shingles; a 64-value MinHash signature cut into 16 bands
of 4 finds candidates through an indexed table (articles sharing a band), and a candidate is a
duplicate when the exact shingle Jaccard is >= 0.6, or when the shorter text is >= 0.8 contained in
the longer one. Every copy points (articles.duplicate_of) at the earliest published article of its
group, so its events are kept as evidence but never counted twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, delete, insert, select, update

from flashpoint.store import schema
from flashpoint.store.db import Store

SHINGLE_WORDS = 4
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
MIN_SHINGLES = 12  # shorter texts are too small to judge by overlap
JACCARD = 0.6
CONTAINMENT = 0.8

_WORD = re.compile(r"\w+", re.UNICODE)
_rng = np.random.default_rng(20230103)
_A = (_rng.integers(1, 2**62, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1))
_B = _rng.integers(0, 2**62, size=PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True)
class Link:
    article_id: str
    duplicate_of: str
    similarity: float
    method: str  # jaccard | containment


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(items: Iterable[str]) -> list[int]:
    """MinHash: for each of 64 hash permutations, the smallest value over the shingles (top 32 bits)."""
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") for s in items),
        dtype=np.uint64,
    )
    if hashes.size == 0:
        return [0] * PERMUTATIONS
    with np.errstate(over="ignore"):
        permuted = hashes[:, None] * _A[None, :] + _B[None, :]  # wraps modulo 2**64 on purpose
    return [int(v) for v in (permuted.min(axis=0) >> np.uint64(32))]


def bands(sig: Sequence[int]) -> list[str]:
    out = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in sig[band * ROWS:(band + 1) * ROWS])
        out.append(f"{band:02d}" + hashlib.blake2b(chunk.encode(), digest_size=8).hexdigest())
    return out


def similarity(a: set[str], b: set[str]) -> tuple[float, str]:
    """The stronger of Jaccard and containment (of the smaller set in the larger), and which it was."""
    if not a or not b:
        return 0.0, "jaccard"
    common = len(a & b)
    jaccard = common / len(a | b)
    containment = common / min(len(a), len(b))
    if jaccard >= JACCARD or containment < CONTAINMENT:
        return jaccard, "jaccard"
    return containment, "containment"


def is_duplicate(a: set[str], b: set[str]) -> tuple[bool, float, str]:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False, 0.0, "jaccard"
    value, method = similarity(a, b)
    threshold = JACCARD if method == "jaccard" else CONTAINMENT
    return value >= threshold, value, method


def link_duplicates(store: Store, article_ids: Iterable[str]) -> list[Link]:
    """Index these (just written) articles and link each to the earliest copy of it in the store."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return []
    a, sig_t, band_t = schema.articles, schema.article_signatures, schema.article_bands
    links: list[Link] = []
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    cache: dict[str, set[str]] = {}
    with store.writing() as conn:
        for article_id in ids:
            row = conn.execute(select(a.c.text).where(a.c.id == article_id)).first()
            if row is None:
                continue
            own = cache.setdefault(article_id, shingles(row.text))
            sig = signature(own)
            keys = bands(sig)
            conn.execute(delete(band_t).where(band_t.c.article_id == article_id))
            conn.execute(delete(sig_t).where(sig_t.c.article_id == article_id))
            conn.execute(insert(sig_t).values(article_id=article_id, shingles=len(own), signature=sig))
            conn.execute(insert(band_t), [{"band": key, "article_id": article_id} for key in set(keys)])
            if len(own) < MIN_SHINGLES:
                continue
            candidates = sorted({r[0] for r in conn.execute(
                select(band_t.c.article_id).where(band_t.c.band.in_(keys), band_t.c.article_id != article_id)
            )})
            matched: list[tuple[str, float, str]] = []
            for other in candidates:
                if other not in cache:
                    text = conn.execute(select(a.c.text).where(a.c.id == other)).scalar()
                    cache[other] = shingles(text or "")
                ok, value, method = is_duplicate(own, cache[other])
                if ok:
                    matched.append((other, value, method))
            if matched:
                links.extend(_link_group(conn, article_id, matched, now))
    return links


def _link_group(conn: Connection, article_id: str, matched: list[tuple[str, float, str]], now: str) -> list[Link]:
    a, dup_t = schema.articles, schema.duplicates
    members = [article_id] + [m[0] for m in matched]
    info = {r.id: r for r in conn.execute(
        select(a.c.id, a.c.published, a.c.duplicate_of).where(a.c.id.in_(members))
    )}
    roots = {(info[m].duplicate_of or m) for m in members if m in info}
    published = {r.id: r.published for r in conn.execute(
        select(a.c.id, a.c.published).where(a.c.id.in_(roots))
    )}
    root = min(roots, key=lambda r: (published.get(r) or "9999-12-31", r))
    best = max(matched, key=lambda m: m[1])
    old_roots = roots - {root}
    # Copies of a root that is no longer the earliest follow it to the new root.
    if old_roots:
        conn.execute(update(a).where(a.c.duplicate_of.in_(old_roots)).values(duplicate_of=root))
        conn.execute(update(dup_t).where(dup_t.c.duplicate_of.in_(old_roots)).values(duplicate_of=root))
    links = []
    for member in sorted(set(members) | old_roots):
        if member == root:
            continue
        value, method = (best[1], best[2]) if member == article_id else \
            next(((v, m) for o, v, m in matched if o == member), (best[1], best[2]))
        conn.execute(update(a).where(a.c.id == member).values(duplicate_of=root))
        conn.execute(delete(dup_t).where(dup_t.c.article_id == member))
        conn.execute(insert(dup_t).values(article_id=member, duplicate_of=root, similarity=round(value, 4),
                                          method=method, linked_at=now))
        links.append(Link(member, root, round(value, 4), method))
    conn.execute(update(a).where(a.c.id == root).values(duplicate_of=None))
    conn.execute(delete(dup_t).where(dup_t.c.article_id == root))
    return links


def duplicate_articles(store: Store) -> set[str]:
    """Ids of every article that is a copy of another."""
    a = schema.articles
    with store.engine.connect() as conn:
        return {r[0] for r in conn.execute(select(a.c.id).where(a.c.duplicate_of.is_not(None)))}
