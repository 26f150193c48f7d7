"""The store: a SQLite file by default, PostgreSQL by URL; one writer transaction per batch.

    store = open_store("flashpoint.db")          # or "sqlite:///x.db", "postgresql://user@host/db"
    with store.run("ingest") as run:
        store.write(extractions, run_id=run)     # all or nothing
    rows = store.events(country="PAK", since="2023-01-01")
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, create_engine, delete, event, func, insert, or_, select, text, true, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError

from flashpoint.extract.timex import calendar
from flashpoint.errors import StoreError
from flashpoint.store import migrate, schema
from flashpoint.store.records import event_record, statement_record
from flashpoint.types import CODER_VERSION, Extraction, to_dict

DEFAULT_DB = "flashpoint.db"
WRITE_ATTEMPTS = 5
# The advisory lock every flashpoint writer on one PostgreSQL store queues on (any fixed bigint; "flpt").
WRITER_LOCK = 0x666C7074


def engine_url(db: str | None) -> str:
    db = db or DEFAULT_DB
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser())


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def first_day(value: str | None) -> str | None:
    """The first calendar day of an ISO date at any precision, as ISO text (see ``calendar.first_day``)."""
    day = calendar.first_day(value)
    return day.isoformat() if day is not None else None


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open the store {url!r}: {exc}. Check the --db URL") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                self._create()
                break
            except (IntegrityError, OperationalError, ProgrammingError) as exc:
                # Two processes opening a new store at once race to create it; the loser retries.
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(f"cannot open the store {url!r}: {exc.__class__.__name__}: {exc}") from exc
                time.sleep(0.1 * attempt)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot open the store {url!r}: {exc.__class__.__name__}: {exc}") from exc

    def _create(self) -> None:
        migrate.upgrade(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction that every other flashpoint writer on this store waits for.

        Writing a batch, linking copies and re-clustering each read rows that a second process
        may be rewriting at the same moment; on PostgreSQL two such transactions can lock rows in
        opposite orders and deadlock. A transaction-scoped advisory lock taken first makes them
        queue instead (extraction, the slow part, still runs in parallel). SQLite lets one writer in
        at a time, but a transaction that reads first would fail at its first write if another
        writer committed meanwhile, so there it begins IMMEDIATE (takes the write lock at once,
        waiting through busy_timeout).
        """
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
            else:
                # sqlite3 has not begun a transaction yet (it begins one lazily, before the first
                # write); beginning it here makes the commit at the end of this block close it.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn

    @contextmanager
    def run(self, command: str) -> Iterator[str]:
        run_id = uuid.uuid4().hex
        with self.engine.begin() as conn:
            conn.execute(insert(schema.runs).values(
                id=run_id, started_at=_now(), coder_version=CODER_VERSION, command=command, articles=0, failures=0
            ))
        try:
            yield run_id
        finally:
            with self.engine.begin() as conn:
                articles = conn.execute(
                    select(func.count()).select_from(schema.articles).where(schema.articles.c.run_id == run_id)
                ).scalar()
                failures = conn.execute(
                    select(func.count()).select_from(schema.failures).where(schema.failures.c.run_id == run_id)
                ).scalar()
                conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(
                    finished_at=_now(), articles=articles, failures=failures
                ))

    def known(self, ids: Iterable[str], coder_version: str = CODER_VERSION) -> set[str]:
        """Ids of these articles already stored by this coder version."""
        ids = list(ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = conn.execute(select(schema.articles.c.id).where(
                    schema.articles.c.id.in_(chunk), schema.articles.c.coder_version == coder_version
                ))
                found.update(row[0] for row in rows)
        return found

    def write(self, extractions: Sequence[Extraction], *, run_id: str | None = None) -> int:
        """Store a batch of extractions in one transaction; re-writing an article replaces its rows."""
        if not extractions:
            return 0
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.writing() as conn:
                    for extraction in extractions:
                        self._write_one(conn, extraction, run_id)
                return len(extractions)
            except (IntegrityError, OperationalError) as exc:
                # Another writer stored the same article between our delete and insert, or held the
                # lock too long: the whole batch rolled back, so trying again is safe.
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(f"writing {len(extractions)} articles to {self.url} failed: {exc}") from exc
                time.sleep(0.05 * attempt)
            except SQLAlchemyError as exc:
                raise StoreError(f"writing {len(extractions)} articles to {self.url} failed: {exc}") from exc
        return 0

    def _write_one(self, conn: Any, extraction: Extraction, run_id: str | None) -> None:
        article = extraction.article
        conn.execute(delete(schema.events).where(schema.events.c.article_id == article.id))
        conn.execute(delete(schema.statements).where(schema.statements.c.article_id == article.id))
        conn.execute(delete(schema.extractions).where(schema.extractions.c.article_id == article.id))
        conn.execute(delete(schema.articles).where(schema.articles.c.id == article.id))
        doc_date = extraction.doc_date
        conn.execute(insert(schema.articles).values(
            id=article.id,
            url=article.url,
            title=article.title,
            source=article.source,
            published=article.published.isoformat() if article.published else None,
            doc_date=doc_date.value.isoformat() if doc_date.value else None,
            doc_date_method=doc_date.method,
            doc_date_confidence=doc_date.confidence,
            lang=article.lang,
            text=article.text,
            meta=to_dict(article.meta),
            blocks=to_dict(article.blocks),
            duplicate_of=article.meta.get("duplicate_of"),
            ingested_at=_now(),
            coder_version=extraction.coder_version,
            run_id=run_id,
        ))
        conn.execute(insert(schema.extractions).values(
            article_id=article.id,
            coder_version=extraction.coder_version,
            sentences=to_dict(extraction.sentences),
            entities=to_dict(extraction.entities),
            times=to_dict(extraction.times),
            places=to_dict(extraction.places),
            actors=to_dict(extraction.actors),
            notes=list(extraction.notes),
        ))
        event_rows = []
        for item in extraction.events:
            record = event_record(item, article.id, extraction.coder_version)
            first_actor = item.actor[0] if item.actor else None
            first_recipient = item.recipient[0] if item.recipient else None
            loc = item.event_loc
            event_rows.append(dict(
                id=item.id,
                article_id=article.id,
                event=item.event,
                mode=item.mode,
                cameo_code=item.cameo_code,
                quad_class=item.quad_class,
                goldstein=item.goldstein,
                modality=item.modality,
                aggregate=item.aggregate,
                date=item.date,
                day=first_day(item.date),
                date_precision=item.date_precision,
                date_source=item.date_source,
                actor_code=first_actor.code if first_actor else None,
                actor_country=first_actor.country if first_actor else None,
                actor_sector=first_actor.sector if first_actor else None,
                recipient_code=first_recipient.code if first_recipient else None,
                recipient_country=first_recipient.country if first_recipient else None,
                recipient_sector=first_recipient.sector if first_recipient else None,
                loc_name=loc.name if loc else None,
                loc_country=loc.country_iso3 if loc else None,
                loc_admin1=loc.admin1 if loc else None,
                lat=loc.lat if loc else None,
                lon=loc.lon if loc else None,
                geo_precision=loc.precision if loc else None,
                dead=item.dead.best if item.dead else None,
                injured=item.injured.best if item.injured else None,
                number=item.number.best if item.number else None,
                confidence=item.confidence,
                cluster_id=None,
                coder_version=extraction.coder_version,
                record=record,
            ))
        if event_rows:
            conn.execute(insert(schema.events), event_rows)
        statement_rows = [
            dict(
                id=item.id,
                article_id=article.id,
                speaker_code=item.speaker.code if item.speaker else None,
                speaker_name=(item.speaker.name or item.speaker.text) if item.speaker else None,
                stance=item.stance,
                kind=item.kind,
                date=item.date,
                coder_version=extraction.coder_version,
                record=statement_record(item, article.id),
            )
            for item in extraction.statements
        ]
        if statement_rows:
            conn.execute(insert(schema.statements), statement_rows)

    def record_failure(self, source: str, message: str, *, line: int | None = None, run_id: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(schema.failures).values(
                run_id=run_id, source=source, line=line, message=message, at=_now()
            ))

    # -- reading ---------------------------------------------------------------------------

    def articles(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        a = schema.articles
        n_events = (
            select(func.count()).select_from(schema.events).where(schema.events.c.article_id == a.c.id)
        ).scalar_subquery()
        query = (
            select(a.c.id, a.c.title, a.c.url, a.c.source, a.c.published, a.c.doc_date, a.c.ingested_at,
                   func.length(a.c.text).label("chars"), n_events.label("events"))
            .order_by(a.c.published.desc(), a.c.id)
            .limit(limit).offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar() or 0)

    def find_article(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix``."""
        a = schema.articles
        with self.engine.connect() as conn:
            ids = [row[0] for row in conn.execute(select(a.c.id).where(a.c.id.like(prefix + "%")).limit(2))]
        if not ids:
            raise StoreError(f"no article with id {prefix!r}; list them with `flashpoint articles`")
        if len(ids) > 1:
            raise StoreError(f"more than one article id starts with {prefix!r}; give more characters")
        return ids[0]

    def article(self, article_id: str) -> dict[str, Any]:
        article_id = self.find_article(article_id)
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles).where(schema.articles.c.id == article_id)).one()
            out = dict(row._mapping)
            extraction = conn.execute(
                select(schema.extractions).where(schema.extractions.c.article_id == article_id)
            ).first()
            out["extraction"] = dict(extraction._mapping) if extraction else {}
            out["events"] = [r[0] for r in conn.execute(
                select(schema.events.c.record).where(schema.events.c.article_id == article_id)
                .order_by(schema.events.c.id)
            )]
            out["statements"] = [r[0] for r in conn.execute(
                select(schema.statements.c.record).where(schema.statements.c.article_id == article_id)
                .order_by(schema.statements.c.id)
            )]
        out["events"].sort(key=lambda r: (r["evidence"]["start"], r["id"]))
        out["statements"].sort(key=lambda r: (r["evidence"]["start"], r["id"]))
        return out

    def events(
        self,
        *,
        article: str | None = None,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        event_type: str | None = None,
        quad_class: int | None = None,
        modality: str | None = None,
        min_confidence: float | None = None,
        document_dated: bool | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        e = schema.events
        clauses = []
        if document_dated is not None:
            clauses.append(document_dated_clause(document_dated))
        if article:
            clauses.append(e.c.article_id == self.find_article(article))
        if since:
            clauses.append(e.c.day >= since)
        if until:
            clauses.append(e.c.day <= until)
        if country:
            country = country.upper()
            clauses.append(or_(e.c.actor_country == country, e.c.recipient_country == country,
                               e.c.loc_country == country))
        if actor:
            clauses.append(or_(e.c.actor_code == actor.upper(), e.c.actor_country == actor.upper()))
        if recipient:
            clauses.append(or_(e.c.recipient_code == recipient.upper(), e.c.recipient_country == recipient.upper()))
        if event_type:
            clauses.append(e.c.event == event_type.upper())
        if quad_class:
            clauses.append(e.c.quad_class == quad_class)
        if modality:
            clauses.append(e.c.modality == modality)
        if min_confidence is not None:
            clauses.append(e.c.confidence >= min_confidence)
        query = select(e.c.record, e.c.cluster_id).where(and_(true(), *clauses)).order_by(
            e.c.day.desc(), e.c.article_id, e.c.id
        ).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            out = []
            for record, cluster in conn.execute(query):
                record = dict(record)
                record["cluster_id"] = cluster
                out.append(record)
            return out

    def statements(self, *, article: str | None = None, speaker: str | None = None, stance: str | None = None,
                   limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]:
        s = schema.statements
        clauses = []
        if article:
            clauses.append(s.c.article_id == self.find_article(article))
        if speaker:
            clauses.append(or_(s.c.speaker_code == speaker.upper(), s.c.speaker_name.like(f"%{speaker}%")))
        if stance:
            clauses.append(s.c.stance == stance)
        query = select(s.c.record).where(and_(true(), *clauses)).order_by(s.c.article_id, s.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)]

    def failures(self, run_id: str | None = None) -> list[dict[str, Any]]:
        f = schema.failures
        query = select(f).order_by(f.c.id)
        if run_id:
            query = query.where(f.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def close(self) -> None:
        self.engine.dispose()


def document_dated_clause(document_dated: bool) -> Any:
    """Events dated only by their publication day, or all others (rows stored before date_source existed,
    NULL, count as not known to be document-dated)."""
    e = schema.events
    if document_dated:
        return e.c.date_source == "document"
    return or_(e.c.date_source.is_(None), e.c.date_source != "document")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_store(db: str | None = None) -> Store:
    return Store(engine_url(db))
