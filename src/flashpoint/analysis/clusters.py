"""Event clusters: the reports of one real event, from many articles, grouped under one stable id.

Two reports belong to one event when (all must hold; the rules file is kb/analysis/clustering.yaml):
- their PLOVER types are in one family;
- their dates, each widened to the span its precision denotes (plus a slack), overlap;
- their actors are compatible, and so are their recipients: same code, or no conflicting country and
  sectors equal, unknown or in one sector group;
- their places are compatible: no conflicting country, no conflicting admin-1;
- they come from different articles (an article's own repeated mentions are merged by the extractor).
A report joins the best-scoring cluster it is compatible with on every member (complete linkage, so
chains of near-misses do not merge distinct events); reports are taken finest date first. Reports with
no date, aggregate reports ("150 attacks in 2022") and reports an analyst rejected stay alone.

Analyst reviews (table ``reviews``, latest per event wins) are applied before clustering: a rejected
report is its own cluster that never counts; a corrected report clusters, counts and gives figures
with the corrected type, actors, date, place, modality and counts. Reviews written since the last
build re-cluster their articles' neighbourhood at the next refresh (``meta`` key REVIEWS_SEEN).

The cluster id is "c" + 16 hex digits of the SHA-1 of its earliest report's event id (earliest by
article publication date, then id): adding later reports never changes it. The primary report (the
one series count) is from a non-duplicate article, finest date, with a figure, most confident.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from flashpoint.analysis import figures as figures_module
from flashpoint.analysis import rollup
from flashpoint.analysis.common import Rules, parse_day, rules, span
from flashpoint.store import schema
from flashpoint.store.db import Store, first_day

log = logging.getLogger(__name__)

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}
CHUNK = 2000
# QuadClass of each PLOVER type, for corrections that name a type but no CAMEO code.
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "REQUEST": 1, "COOPERATE": 2, "AID": 2,
               "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4,
               "COERCE": 4, "ASSAULT": 4}
REVIEWS_SEEN = "analysis.reviews_seen"  # meta key: the last review id the clusters reflect
READ_ONLY_MARKERS = ("readonly", "read-only", "read only", "permission denied")
_read_only: weakref.WeakSet[Store] = weakref.WeakSet()


@dataclass
class Report:
    """One stored event, as clustering sees it."""

    id: str
    article_id: str
    event: str
    family: str
    quad_class: int
    goldstein: float
    day: dt.date | None
    precision: str
    start: dt.date | None
    end: dt.date | None
    actor_code: str | None
    actor_country: str | None
    actor_sector: str | None
    recipient_code: str | None
    recipient_country: str | None
    recipient_sector: str | None
    loc_name: str | None
    loc_country: str | None
    loc_admin1: str | None
    modality: str
    aggregate: bool
    confidence: float
    dead: int | None
    duplicate: bool
    published: str | None
    source: str
    record: dict[str, Any]
    rejected: bool = False


@dataclass
class Cluster:
    members: list[Report] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)


def _side_ok(code1: str | None, country1: str | None, sector1: str | None,
             code2: str | None, country2: str | None, sector2: str | None, rules: Rules) -> bool:
    if code1 and code2 and code1 == code2:
        return True
    if country1 and country2 and country1 != country2:
        return False
    if code1 and code2 and not (country1 and country2):
        return False  # two different codes with no country to reconcile them (e.g. two IGOs)
    if sector1 and sector2 and sector1 != sector2:
        group = rules.sector_group.get(sector1)
        if group is None or group != rules.sector_group.get(sector2):
            return False
    return True


def compatible(a: Report, b: Report, rules: Rules) -> bool:
    """Whether two reports can be of one real event (the rules of the module docstring)."""
    if a.family != b.family or a.article_id == b.article_id:
        return False
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    if a.start > b.end or b.start > a.end:
        return False
    if not _side_ok(a.actor_code, a.actor_country, a.actor_sector, b.actor_code, b.actor_country,
                    b.actor_sector, rules):
        return False
    if not _side_ok(a.recipient_code, a.recipient_country, a.recipient_sector, b.recipient_code,
                    b.recipient_country, b.recipient_sector, rules):
        return False
    if a.loc_country and b.loc_country and a.loc_country != b.loc_country:
        return False
    return not (a.loc_admin1 and b.loc_admin1 and a.loc_admin1.casefold() != b.loc_admin1.casefold())


def _score(cluster: Cluster, report: Report) -> float:
    head = cluster.members[0]
    score = 0.0
    score += 2 * (head.actor_code is not None and head.actor_code == report.actor_code)
    score += 2 * (head.recipient_code is not None and head.recipient_code == report.recipient_code)
    score += head.loc_admin1 is not None and head.loc_admin1 == report.loc_admin1
    score += head.loc_name is not None and head.loc_name == report.loc_name
    if head.start and report.start:
        score -= abs((head.start - report.start).days) / 10
    return score


def group(reports: Sequence[Report], rules: Rules) -> list[list[Report]]:
    """Cluster reports (the algorithm of the module docstring); returns the member lists."""
    clusters: list[Cluster] = []
    by_day: dict[tuple[str, dt.date, str | None], list[int]] = defaultdict(list)
    countries: dict[tuple[str, dt.date], set[str | None]] = defaultdict(set)
    order = sorted(reports, key=lambda r: (PRECISION_RANK.get(r.precision, 5), r.start or dt.date.max, r.id))
    for report in order:
        if report.aggregate or report.rejected or report.start is None or report.end is None:
            clusters.append(Cluster([report], {report.article_id}))
            continue
        days = [report.start + dt.timedelta(days=n) for n in range((report.end - report.start).days + 1)]
        seen: set[int] = set()
        best: tuple[float, int] | None = None
        for day in days:
            wanted = [report.actor_country, None] if report.actor_country else countries.get((report.family, day), ())
            for country in wanted:
                for index in by_day.get((report.family, day, country), ()):
                    if index in seen:
                        continue
                    seen.add(index)
                    cluster = clusters[index]
                    if report.article_id in cluster.articles:
                        continue
                    if all(compatible(report, member, rules) for member in cluster.members):
                        score = _score(cluster, report)
                        if best is None or score > best[0]:
                            best = (score, index)
        if best is not None:
            cluster = clusters[best[1]]
            cluster.members.append(report)
            cluster.articles.add(report.article_id)
            if report.actor_country and report.actor_country != cluster.members[0].actor_country:
                _index(by_day, countries, best[1], report, days)
            continue
        clusters.append(Cluster([report], {report.article_id}))
        _index(by_day, countries, len(clusters) - 1, report, days)
    return [c.members for c in clusters]


def _index(by_day: dict[tuple[str, dt.date, str | None], list[int]],
           countries: dict[tuple[str, dt.date], set[str | None]],
           index: int, report: Report, days: list[dt.date]) -> None:
    for day in days:
        by_day[(report.family, day, report.actor_country)].append(index)
        countries[(report.family, day)].add(report.actor_country)


def cluster_id(members: Iterable[Report]) -> str:
    first = min(members, key=lambda r: (r.published or "9999-12-31", r.id))
    return "c" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:16]


def primary(members: Sequence[Report]) -> Report:
    return min(members, key=lambda r: (r.rejected, r.duplicate, PRECISION_RANK.get(r.precision, 5), r.dead is None,
                                       -r.confidence, r.id))


def summarise(members: Sequence[Report], rules: Rules, built_at: str | None = None) -> dict[str, Any]:
    """The cluster row: the primary report's coding, corroboration counts and reconciled figures."""
    head = primary(members)
    originals = [m for m in members if not m.duplicate and not m.rejected]
    items = figures_module.figures(
        {"record": m.record, "article_id": m.article_id, "source": m.source, "duplicate": m.duplicate,
         "rejected": m.rejected}
        for m in members
    )
    reconciled = figures_module.reconcile_all(items)
    dead = reconciled.get("dead", {})
    injured = reconciled.get("injured", {})
    counted = any(not m.aggregate and m.modality in rules.counted_modalities for m in originals)
    return {
        "id": cluster_id(members),
        "primary_event_id": head.id,
        "event": head.event,
        "family": head.family,
        "quad_class": head.quad_class,
        "goldstein": head.goldstein,
        "day": head.day.isoformat() if head.day else None,
        "week": (head.day - dt.timedelta(days=head.day.weekday())).isoformat() if head.day else None,
        "date_precision": head.precision,
        "actor_code": head.actor_code,
        "actor_country": head.actor_country,
        "actor_sector": head.actor_sector,
        "recipient_code": head.recipient_code,
        "recipient_country": head.recipient_country,
        "recipient_sector": head.recipient_sector,
        "loc_name": head.loc_name,
        "loc_country": head.loc_country,
        "loc_admin1": head.loc_admin1,
        "mentions": sum(1 + len(m.record.get("mentions") or ()) for m in originals),
        "articles": len({m.article_id for m in originals}),
        "sources": len({m.source for m in originals}),
        "dead": dead.get("value"),
        "dead_low": dead.get("low"),
        "dead_high": dead.get("high"),
        "injured": injured.get("value"),
        "counted": counted,
        "figures": {"claims": items, "reconciled": reconciled} if items else None,
        "built_at": built_at,
    }


def _source(source: str | None, url: str | None, article_id: str) -> str:
    if source:
        return source.strip().lower()
    if url:
        host = urlsplit(url).netloc.lower().removeprefix("www.")
        if host:
            return host
    return "article:" + article_id


def _query() -> Any:
    e, a = schema.events, schema.articles
    return select(
        e.c.id, e.c.article_id, e.c.event, e.c.quad_class, e.c.goldstein, e.c.day, e.c.date_precision,
        e.c.actor_code, e.c.actor_country, e.c.actor_sector, e.c.recipient_code, e.c.recipient_country,
        e.c.recipient_sector, e.c.loc_name, e.c.loc_country, e.c.loc_admin1, e.c.modality, e.c.aggregate,
        e.c.confidence, e.c.dead, e.c.record, e.c.date_source, a.c.duplicate_of, a.c.published, a.c.source, a.c.url,
    ).select_from(e.join(a, a.c.id == e.c.article_id))


def _report(row: Any, rules: Rules, review: dict[str, Any] | None = None) -> Report:
    day = parse_day(row.day)
    precision = row.date_precision or "day"
    start, end = span(day, precision, rules.date_slack_days) if day else (None, None)
    if start is not None and row.date_source == "document":
        # dated only by the publication day: the act may have happened in the days before the report
        start = min(start, day - dt.timedelta(days=rules.date_slack_days.get("document", 0)))
    report = Report(
        id=row.id, article_id=row.article_id, event=row.event, family=rules.family(row.event),
        quad_class=row.quad_class, goldstein=row.goldstein, day=day, precision=precision, start=start, end=end,
        actor_code=row.actor_code, actor_country=row.actor_country, actor_sector=row.actor_sector,
        recipient_code=row.recipient_code, recipient_country=row.recipient_country,
        recipient_sector=row.recipient_sector, loc_name=row.loc_name, loc_country=row.loc_country,
        loc_admin1=row.loc_admin1, modality=row.modality, aggregate=bool(row.aggregate),
        confidence=row.confidence or 0.0, dead=row.dead, duplicate=row.duplicate_of is not None,
        published=row.published, source=_source(row.source, row.url, row.article_id), record=row.record or {},
    )
    return reviewed(report, review, rules) if review else report


def _first(entities: Any) -> dict[str, Any]:
    return (entities[0] if isinstance(entities, list) and entities else None) or {}


def _best(count: Any) -> int | None:
    if not isinstance(count, dict):
        return None
    return count.get("best") if count.get("best") is not None else count.get("low")


def reviewed(report: Report, review: dict[str, Any], rules: Rules) -> Report:
    """The report as the analyst left it: rejected, or with the corrected fields replacing the machine's."""
    from flashpoint.api.review import apply_review

    if review["action"] == "reject":
        return replace(report, rejected=True)
    if review["action"] != "correct":
        return report
    fixed: dict[str, Any] = review.get("corrected") or {}
    changes: dict[str, Any] = {"record": apply_review({"id": report.id, **report.record}, review)}
    if "event" in fixed:
        changes.update(event=fixed["event"], family=rules.family(fixed["event"]))
        if fixed.get("quad_class") is None and fixed["event"] in PLOVER_QUAD:  # no CAMEO code was derived
            changes["quad_class"] = PLOVER_QUAD[fixed["event"]]
    for key in ("quad_class", "goldstein", "modality"):
        if fixed.get(key) is not None:
            changes[key] = fixed[key]
    if "aggregate" in fixed:
        changes["aggregate"] = bool(fixed["aggregate"])
    for side in ("actor", "recipient"):
        if side in fixed:
            entity = _first(fixed[side])
            changes.update({f"{side}_code": entity.get("code"), f"{side}_country": entity.get("country"),
                            f"{side}_sector": entity.get("sector")})
    if "date" in fixed:
        day = parse_day(first_day(fixed["date"]))
        precision = fixed.get("date_precision") or "day"
        start, end = span(day, precision, rules.date_slack_days) if day else (None, None)
        changes.update(day=day, precision=precision, start=start, end=end)
    if "event_loc" in fixed:
        loc = fixed["event_loc"] or {}
        changes.update(loc_name=loc.get("resolved_place") or loc.get("extracted_place") or None,
                       loc_country=loc.get("country_code"), loc_admin1=loc.get("admin1"))
    if "dead" in fixed:
        changes["dead"] = _best(fixed["dead"])
    return replace(report, **changes)


def latest_reviews(conn: Connection) -> dict[str, dict[str, Any]]:
    """The latest review of every reviewed event (reviews are written by hand, so they are few)."""
    r = schema.reviews
    last = select(func.max(r.c.id).label("id")).group_by(r.c.event_id).subquery()
    return {row.event_id: dict(row._mapping) for row in conn.execute(select(r).join(last, r.c.id == last.c.id))}


def _neighbourhood(conn: Connection, article_ids: list[str], rules: Rules,
                   reviews: dict[str, dict[str, Any]]) -> tuple[dict[str, Report], set[str]]:
    """The reports that re-clustering these articles can touch, and the clusters to replace."""
    e, m = schema.events, schema.cluster_members
    found: dict[str, Report] = {}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start:start + 500]
        for row in conn.execute(_query().where(e.c.article_id.in_(chunk))):
            found[row.id] = _report(row, rules, reviews.get(row.id))
    old_clusters = {r[0] for r in conn.execute(select(m.c.cluster_id).where(m.c.article_id.in_(article_ids)))}
    by_family: dict[str, list[Report]] = defaultdict(list)
    for report in found.values():
        if report.start is not None:
            by_family[report.family].append(report)
    for family, reports in by_family.items():
        types = [t for t, f in rules.family_of.items() if f == family] or [family]
        first = min(r.start for r in reports if r.start)
        # a document-dated report stored later may reach back over these (see _report)
        last = max(r.end for r in reports if r.end) + dt.timedelta(days=rules.date_slack_days.get("document", 0))
        reach = first - dt.timedelta(days=400)  # a year-precision date starts up to a year before its span ends
        query = _query().where(e.c.event.in_(types), e.c.day >= reach.isoformat(), e.c.day <= last.isoformat())
        for row in conn.execute(query):
            if row.id not in found:
                report = _report(row, rules, reviews.get(row.id))
                if report.end and report.end >= first:
                    found[row.id] = report
    # Close over existing clusters: a cluster is replaced whole or not at all.
    for _ in range(3):
        ids = list(found)
        touched: set[str] = set()
        for start in range(0, len(ids), 500):
            touched.update(r[0] for r in conn.execute(select(m.c.cluster_id).where(m.c.event_id.in_(ids[start:start + 500]))))
        new = touched - old_clusters
        old_clusters |= touched
        if not new:
            break
        missing = [r[0] for r in conn.execute(select(m.c.event_id).where(m.c.cluster_id.in_(new)))]
        for start in range(0, len(missing), 500):
            for row in conn.execute(_query().where(e.c.id.in_(missing[start:start + 500]))):
                found.setdefault(row.id, _report(row, rules, reviews.get(row.id)))
    return found, old_clusters


def build(store: Store, article_ids: Iterable[str] | None = None) -> dict[str, int]:
    """(Re)build clusters: of the whole store, or only around these articles' events (at ingest)."""
    the_rules = rules()
    built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    c, m, e = schema.clusters, schema.cluster_members, schema.events
    touched_days: set[str | None] = set()
    with store.writing() as conn:
        reviews = latest_reviews(conn)
        if article_ids is None:
            reports = {row.id: _report(row, the_rules, reviews.get(row.id)) for row in conn.execute(_query())}
            conn.execute(delete(m))
            conn.execute(delete(c))
        else:
            # Articles reviewed since the last build join in: the build marks every review as seen.
            ids = list(dict.fromkeys([*article_ids, *_reviewed_since(conn)]))
            reports, old = _neighbourhood(conn, ids, the_rules, reviews)
            old_list = list(old)
            for start in range(0, len(old_list), 500):
                chunk = old_list[start:start + 500]
                touched_days.update(r[0] for r in conn.execute(select(c.c.day).where(c.c.id.in_(chunk))))
                conn.execute(delete(m).where(m.c.cluster_id.in_(chunk)))
                conn.execute(delete(c).where(c.c.id.in_(chunk)))
            conn.execute(delete(m).where(m.c.article_id.in_(ids)))
            report_ids = list(reports)
            for start in range(0, len(report_ids), 500):
                conn.execute(delete(m).where(m.c.event_id.in_(report_ids[start:start + 500])))
        groups = group(list(reports.values()), the_rules)
        cluster_rows: list[dict[str, Any]] = []
        member_rows: list[dict[str, Any]] = []
        for members in groups:
            row = summarise(members, the_rules, built_at)
            cluster_rows.append(row)
            head = row["primary_event_id"]
            member_rows.extend({"event_id": r.id, "cluster_id": row["id"], "article_id": r.article_id,
                                "is_primary": r.id == head, "duplicate": r.duplicate} for r in members)
        ids_now = [r["id"] for r in cluster_rows]
        for start in range(0, len(ids_now), 500):
            conn.execute(delete(c).where(c.c.id.in_(ids_now[start:start + 500])))
        for start in range(0, len(cluster_rows), CHUNK):
            conn.execute(insert(c), cluster_rows[start:start + CHUNK])
        for start in range(0, len(member_rows), CHUNK):
            conn.execute(insert(m), member_rows[start:start + CHUNK])
        assign = update(e).where(e.c.id == bindparam("event_id")).values(cluster_id=bindparam("cid"))
        pairs = [{"event_id": r["event_id"], "cid": r["cluster_id"]} for r in member_rows]
        for start in range(0, len(pairs), CHUNK):
            conn.execute(assign, pairs[start:start + CHUNK])
        if article_ids is None:
            rollup.rebuild_in(conn)
        else:
            touched_days.update(r["day"] for r in cluster_rows)
            rollup.refresh_days(conn, touched_days)
        _mark_reviews_seen(conn, max((r["id"] for r in reviews.values()), default=0))
    return {"reports": len(reports), "clusters": len(cluster_rows),
            "merged": sum(1 for g in groups if len(g) > 1)}


def unclustered(store: Store) -> list[str]:
    """Articles with events that no cluster holds yet (written after the last build)."""
    e = schema.events
    with store.engine.connect() as conn:
        return sorted({r[0] for r in conn.execute(
            select(e.c.article_id).where(e.c.cluster_id.is_(None)).distinct().limit(5000))})


def _mark_reviews_seen(conn: Connection, last: int) -> None:
    meta = schema.meta
    conn.execute(delete(meta).where(meta.c.key == REVIEWS_SEEN))
    conn.execute(insert(meta).values(key=REVIEWS_SEEN, value=str(last)))


def _reviewed_since(conn: Connection) -> list[str]:
    meta, r = schema.meta, schema.reviews
    seen = conn.execute(select(meta.c.value).where(meta.c.key == REVIEWS_SEEN)).scalar()
    query = select(r.c.article_id).where(r.c.id > int(seen or 0), r.c.article_id.is_not(None)).distinct()
    return sorted(row[0] for row in conn.execute(query))


def reviewed_since_build(store: Store) -> list[str]:
    """Articles with reviews written after the clusters last reflected them."""
    with store.engine.connect() as conn:
        return _reviewed_since(conn)


def _is_read_only(exc: DBAPIError) -> bool:
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return any(marker in text for marker in READ_ONLY_MARKERS)


def refresh(store: Store) -> str | None:
    """Bring clusters up to date with new events and new reviews (cheap when nothing changed).

    On a store opened read-only the catch-up is skipped: the answer then reflects the clusters as
    last built, and the note saying so is returned (and logged) instead of failing the read.
    """
    pending = sorted(set(unclustered(store)) | set(reviewed_since_build(store)))
    if not pending:
        return None
    note = (f"{len(pending)} article(s) have events or reviews not yet clustered, but the store is read-only: "
            "results reflect the clusters as last built")
    if store in _read_only:
        return note
    try:
        build(store, pending)
    except DBAPIError as exc:
        if not _is_read_only(exc):
            raise
        _read_only.add(store)
        log.warning(note)
        return note
    return None


def list_clusters(store: Store, *, since: str | None = None, until: str | None = None,
                  min_articles: int = 1, event_type: str | None = None, limit: int = 100,
                  with_members: bool = False) -> list[dict[str, Any]]:
    c, m = schema.clusters, schema.cluster_members
    query = select(c).where(c.c.articles >= min_articles)
    if since:
        query = query.where(c.c.day >= since)
    if until:
        query = query.where(c.c.day <= until)
    if event_type:
        query = query.where(c.c.event == event_type.upper())
    query = query.order_by(c.c.articles.desc(), c.c.day.desc(), c.c.id).limit(limit)
    with store.engine.connect() as conn:
        out = [dict(r._mapping) for r in conn.execute(query)]
        if with_members and out:
            members = defaultdict(list)
            ids = [r["id"] for r in out]
            for r in conn.execute(select(m).where(m.c.cluster_id.in_(ids)).order_by(m.c.event_id)):
                members[r.cluster_id].append(dict(r._mapping))
            for row in out:
                row["members"] = members[row["id"]]
    return out
