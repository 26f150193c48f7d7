"""The store's schema, in one place, for SQLite and PostgreSQL alike.

Rows are keyed by deterministic ids (article id from URL or text; event and statement ids from the
article id and spans), so writing the same extraction twice changes nothing. The full canonical
record of each event and statement is kept as JSON beside the columns that queries filter on.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)


SCHEMA_VERSION = 4  # the number of the latest migration in store/migrations/versions

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("coder_version", String(32), nullable=False),
    Column("command", Text),
    Column("articles", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("doc_date", String(10)),
    Column("doc_date_method", String(32)),
    Column("doc_date_confidence", Float),
    Column("lang", String(8)),
    Column("text", Text, nullable=False),
    Column("meta", JSON),
    Column("blocks", JSON),
    Column("duplicate_of", String(32)),
    Column("ingested_at", String(32), nullable=False),
    Column("coder_version", String(32), nullable=False),
    Column("run_id", String(32)),
)

extractions = Table(
    "extractions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("coder_version", String(32), nullable=False),
    Column("sentences", JSON),
    Column("entities", JSON),
    Column("times", JSON),
    Column("places", JSON),
    Column("actors", JSON),
    Column("notes", JSON),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),
    Column("mode", String(64)),
    Column("cameo_code", String(4), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("aggregate", Boolean, nullable=False),
    Column("date", String(10)),
    Column("day", String(10)),  # first day of the date at its precision, for range queries
    Column("date_precision", String(8)),
    Column("date_source", String(16)),  # text statement paragraph anchored narrative document; NULL before 0004
    Column("actor_code", String(32)),
    Column("actor_country", String(3)),
    Column("actor_sector", String(8)),
    Column("recipient_code", String(32)),
    Column("recipient_country", String(3)),
    Column("recipient_sector", String(8)),
    Column("loc_name", Text),
    Column("loc_country", String(3)),
    Column("loc_admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("dead", Integer),
    Column("injured", Integer),
    Column("number", Integer),  # how many events an aggregate report sums (best figure)
    Column("confidence", Float, nullable=False),
    Column("cluster_id", String(40)),
    Column("coder_version", String(32), nullable=False),
    Column("record", JSON, nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_code", String(32)),
    Column("speaker_name", Text),
    Column("stance", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("date", String(10)),
    Column("coder_version", String(32), nullable=False),
    Column("record", JSON, nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32)),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("message", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

Index("events_article", events.c.article_id)
Index("events_day", events.c.day)
Index("events_dyad_day", events.c.actor_country, events.c.recipient_country, events.c.day)
Index("events_type", events.c.event)
Index("events_cluster", events.c.cluster_id)
Index("statements_article", statements.c.article_id)
Index("articles_url", articles.c.url)
Index("articles_published", articles.c.published)

# Analyst reviews of events (issue #10). No foreign key on purpose: re-ingesting an article replaces
# its event rows, and the reviews stay and re-apply by event id. The latest row per event wins.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), nullable=False),
    Column("article_id", String(32)),
    Column("action", String(16), nullable=False),  # confirm | correct | reject
    Column("corrected", JSON),  # the fields the reviewer set, in canonical-record form
    Column("reviewer", String(64), nullable=False),
    Column("note", Text),
    Column("at", String(32), nullable=False),
)
Index("reviews_event", reviews.c.event_id, reviews.c.id)

# -- analysis (issue 9): near-duplicate articles and event clusters ---------------------------------
# Derived tables, rebuilt from the rows above by flashpoint.analysis; see docs/analysis.md.

duplicates = Table(
    "duplicates",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("duplicate_of", String(32), nullable=False),
    Column("similarity", Float, nullable=False),
    Column("method", String(16), nullable=False),
    Column("linked_at", String(32), nullable=False),
)

article_signatures = Table(
    "article_signatures",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("shingles", Integer, nullable=False),
    Column("signature", JSON, nullable=False),
)

article_bands = Table(
    "article_bands",
    metadata,
    Column("band", String(24), primary_key=True),
    Column("article_id", String(32), primary_key=True),
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("primary_event_id", String(40), nullable=False),
    Column("event", String(16), nullable=False),
    Column("family", String(24), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("day", String(10)),
    Column("week", String(10)),  # Monday of the day's ISO week, so weekly series group in SQL
    Column("date_precision", String(8)),
    Column("actor_code", String(32)),
    Column("actor_country", String(3)),
    Column("actor_sector", String(8)),
    Column("recipient_code", String(32)),
    Column("recipient_country", String(3)),
    Column("recipient_sector", String(8)),
    Column("loc_name", Text),
    Column("loc_country", String(3)),
    Column("loc_admin1", Text),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("dead", Integer),
    Column("dead_low", Integer),
    Column("dead_high", Integer),
    Column("injured", Integer),
    Column("counted", Boolean, nullable=False),
    Column("figures", JSON),
    Column("built_at", String(32)),
)

cluster_members = Table(
    "cluster_members",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("cluster_id", String(40), nullable=False),
    Column("article_id", String(32), nullable=False),
    Column("is_primary", Boolean, nullable=False),
    Column("duplicate", Boolean, nullable=False),
)

Index("clusters_dyad_day", clusters.c.counted, clusters.c.actor_country, clusters.c.recipient_country,
      clusters.c.day, clusters.c.week, clusters.c.quad_class, clusters.c.goldstein, clusters.c.dead)
Index("clusters_day", clusters.c.counted, clusters.c.day, clusters.c.actor_country, clusters.c.recipient_country,
      clusters.c.week, clusters.c.quad_class, clusters.c.goldstein, clusters.c.dead, clusters.c.actor_code)
Index("clusters_sector_day", clusters.c.counted, clusters.c.actor_sector, clusters.c.recipient_sector,
      clusters.c.day)
# Real events per (week-within-month part, actor country, recipient country); see analysis/rollup.py.
dyad_parts = Table(
    "dyad_parts",
    metadata,
    Column("part", String(10), nullable=False),
    Column("actor_country", String(3)),
    Column("recipient_country", String(3)),
    Column("events", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("dead", Integer, nullable=False),
    Column("first_day", String(10), nullable=False),
    Column("last_day", String(10), nullable=False),
)
Index("dyad_parts_part", dyad_parts.c.part)
Index("dyad_parts_dyad", dyad_parts.c.actor_country, dyad_parts.c.recipient_country, dyad_parts.c.part,
      dyad_parts.c.events, dyad_parts.c.goldstein, dyad_parts.c.dead, dyad_parts.c.first_day, dyad_parts.c.last_day)

Index("cluster_members_cluster", cluster_members.c.cluster_id)
Index("cluster_members_article", cluster_members.c.article_id)
Index("article_bands_article", article_bands.c.article_id)
Index("articles_duplicate_of", articles.c.duplicate_of)
