"""Store stage: the knowledge base in SQL through SQLAlchemy Core, in SQLite or PostgreSQL.

The only module that speaks SQL, and only in SQLAlchemy Core, so one schema serves both: `--db
path.db` is a SQLite file, `--db postgresql://user@host/dbname` a PostgreSQL database (psycopg 3).
Strings compare and sort bytewise on both (collation "C" on PostgreSQL), and every ORDER BY says
where NULLs go, so the same corpus reads back in the same order from either.

The schema is versioned in the `meta` table; `migrate` only reads a database that is up to date, so
it is safe on every open. A document is its text: `sha1` identifies it, `id` is its unique readable name,
and `sources` lists every file, JSONL record or URL it was read from. Each batch of documents is
written in one transaction, after deleting whatever an earlier run derived from the documents it
replaces, so an interrupted build loses at most the batch in flight and a rerun never duplicates
anything. Until the corpus-level stages have run over the last batch, `meta` says so
(`resolve_pending`), so a reader can tell a half-finished knowledge base from a finished one.
What the corpus-level stages derive (entities, dates, events, claims, ...) is compared with what is
stored and only the rows that differ are written, so a merge or a small addition on a large
knowledge base writes what it changed; what is read back is the same as after a full rewrite.

One writer at a time: a build (or a merge) holds the knowledge base's writer lock (`Store.writing`)
from reading what is stored to its last resolve, so two builds on one database serialise and each
one's summary is what the database holds. On SQLite the lock is `flock` on a file beside the
database (`kb.db.lock`), on PostgreSQL a session-level `pg_advisory_lock`; both go with the process
that holds them, however it ends.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (JSON, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
                        bindparam, create_engine, delete, event, func, insert, inspect, select, tuple_, update)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

from ..model import (AliasLink, DateValue, DocFacts, Document, Entity, Event, Judgement, KnowledgeBase, Mention, Override,
                     Rejection, Span, stage)
from . import records

try:  # the SQLite writer lock; without fcntl (Windows) builds are not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

# 5: indexes for dossier and timeline queries; strings without a length (PostgreSQL enforces one)
# 6: analysts' rejections of facts and choices of the report an event's value follows (new tables only)
SCHEMA_VERSION = 6
metadata = MetaData()
# PostgreSQL would sort and compare strings by the database's locale; "C" is bytewise, as SQLite does
Str = String().with_variant(postgresql.VARCHAR(collation="C"), "postgresql")
LongStr = Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
# the key of the writer lock on PostgreSQL (pg_advisory_lock takes a 64-bit number)
BUILD_LOCK = 0x6B726F6E69656B  # "kroniek"
# the most values one IN (...) list binds: SQLite allows 32766 parameters a statement, psycopg 65535
CHUNK = 2000

meta = Table("meta", metadata, Column("key", Str, primary_key=True), Column("value", Str))
documents = Table(
    "documents", metadata,
    Column("id", Str, primary_key=True), Column("sha1", Str, unique=True, nullable=False),
    Column("path", LongStr), Column("url", LongStr), Column("title", LongStr), Column("language", Str),
    Column("text", LongStr, nullable=False), Column("published", Str), Column("published_source", Str),
    Column("header_date", Str), Column("date_candidates", JSON), Column("flags", JSON),
    Column("backend", Str))
sources = Table(
    "sources", metadata,
    Column("locator", LongStr, primary_key=True), Column("doc", Str, ForeignKey("documents.id"), primary_key=True),
    Column("file", LongStr, index=True))
# the text layer of each document (spaCy DocBin bytes: tokens, sentences, lemmas, tags, parse), made
# once by the NLP backend and read by every later stage
layers = Table(
    "layers", metadata,
    Column("doc", Str, ForeignKey("documents.id"), primary_key=True), Column("backend", Str),
    Column("data", LargeBinary, nullable=False))
# the facts of each document as the facts stage found them, with the fingerprint of what they were
# read from (the text, its date, its mentions' entities): a build reuses them while it holds
doc_facts = Table(
    "doc_facts", metadata,
    Column("doc", Str, ForeignKey("documents.id"), primary_key=True), Column("fingerprint", Str),
    Column("record", JSON))
# per document, what the corpus dating read in it (its violent-event sentences with places and dates),
# with the same kind of fingerprint
doc_anchors = Table(
    "doc_anchors", metadata,
    Column("doc", Str, ForeignKey("documents.id"), primary_key=True), Column("fingerprint", Str),
    Column("record", JSON))
mentions = Table(
    "mentions", metadata,
    Column("id", Str, primary_key=True), Column("doc", Str, ForeignKey("documents.id"), index=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False), Column("text", LongStr),
    Column("label", Str), Column("source", Str), Column("key", Str), Column("grounding", Str))
alias_links = Table(
    "alias_links", metadata,
    Column("a", Str, primary_key=True), Column("b", Str, primary_key=True), Column("cue", Str, primary_key=True),
    Column("doc", Str, ForeignKey("documents.id"), index=True), Column("start", Integer), Column("end", Integer))
entities = Table(
    "entities", metadata,
    Column("id", Str, primary_key=True), Column("type", Str), Column("name", LongStr), Column("key", Str),
    Column("aliases", JSON), Column("lat", Float), Column("lon", Float), Column("country", Str))
entity_mentions = Table(
    "entity_mentions", metadata,
    Column("mention_id", Str, ForeignKey("mentions.id"), primary_key=True),
    Column("entity_id", Str, ForeignKey("entities.id"), index=True))
judgements = Table(
    "judgements", metadata,
    Column("a", Str, primary_key=True), Column("b", Str, primary_key=True),
    Column("reason", Str, primary_key=True), Column("verdict", Str), Column("by", Str))
# An analyst's rejection of a fact and choice of the report an event's field follows, each keyed on the
# evidence span of the fact (the same on every rebuild of the same text). No foreign key to documents:
# they outlive the documents, so a rebuild from nothing finds them again.
rejections = Table(
    "rejections", metadata,
    Column("kind", Str, primary_key=True), Column("doc", Str, primary_key=True),
    Column("start", Integer, primary_key=True), Column("end", Integer, primary_key=True),
    Column("by", Str), Column("made_at", Str), Column("reason", LongStr))
overrides = Table(
    "overrides", metadata,
    Column("field", Str, primary_key=True), Column("doc", Str, primary_key=True),
    Column("start", Integer, primary_key=True), Column("end", Integer, primary_key=True),
    Column("by", Str), Column("made_at", Str), Column("reason", LongStr))
# Derived by the facts and fuse stages on every resolve; each row keeps its full record as JSON, with
# the columns a query filters on (subject, document, date) beside it.
FACT_TABLES = ("events", "event_reports", "claims", "relations", "quotes", "conflicts")
events = Table(
    "events", metadata,
    Column("id", Str, primary_key=True), Column("type", Str), Column("date", Str),
    Column("location", Str), Column("perpetrator", Str), Column("record", JSON))
# each report of an event (its n-th, in the event's record) by the document that gives it
event_reports = Table(
    "event_reports", metadata,
    Column("event", Str, ForeignKey("events.id"), primary_key=True), Column("n", Integer, primary_key=True),
    Column("doc", Str, ForeignKey("documents.id"), nullable=False), Column("start", Integer), Column("end", Integer))
claims = Table(
    "claims", metadata,
    Column("id", Str, primary_key=True), Column("subject", Str, index=True), Column("attribute", Str),
    Column("doc", Str, ForeignKey("documents.id")), Column("record", JSON))
relations = Table(
    "relations", metadata,
    Column("subject", Str, primary_key=True), Column("predicate", Str, primary_key=True),
    Column("object", Str, primary_key=True), Column("record", JSON))
quotes = Table(
    "quotes", metadata,
    Column("speaker", Str, primary_key=True), Column("doc", Str, ForeignKey("documents.id"), primary_key=True),
    Column("record", JSON))
conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("about", Str, index=True),
    Column("field", Str), Column("record", JSON))

# What a timeline (events by date, documents by date) and a dossier (an actor's mentions, events,
# claims, relations and quotes; a document's reports) look up, beside the primary keys, whose first
# column is indexed already; and what deleting a document's rows looks up by document.
for _name, _column in (("ix_documents_published", documents.c.published), ("ix_sources_doc", sources.c.doc),
                       ("ix_events_date", events.c.date), ("ix_events_location", events.c.location),
                       ("ix_events_perpetrator", events.c.perpetrator), ("ix_event_reports_doc", event_reports.c.doc),
                       ("ix_claims_doc", claims.c.doc), ("ix_relations_object", relations.c.object),
                       ("ix_quotes_doc", quotes.c.doc)):
    Index(_name, _column)


class StoreError(RuntimeError):
    """A knowledge base that cannot be opened: E011 missing, E012 not a kroniek database, E013 cannot
    be created or read."""


class SchemaError(StoreError):
    """E010: the database was written by a newer kroniek."""


def _date_json(d: DateValue | None):
    if d is None:
        return None
    ev = d.evidence
    return {"value": d.value, "source": d.source, "evidence": [ev.start, ev.end] if ev else None,
            "earliest": d.earliest, "latest": d.latest}


def _date_from(raw, doc_id: str) -> DateValue | None:
    if not raw:
        return None
    ev = raw.get("evidence")
    return DateValue(raw["value"], raw["source"], Span(doc_id, ev[0], ev[1]) if ev else None,
                     raw.get("earliest"), raw.get("latest"))


class Store:
    """The knowledge base. `create=False` opens only an existing kroniek database, so a mistyped
    `--db` on a reading command is an error instead of a new, empty knowledge base."""

    def __init__(self, url: str | Path = "kroniek.db", create: bool = True) -> None:
        url = str(url)
        if "://" not in url:
            path = Path(url)
            if not create and not path.is_file():
                raise StoreError(f"E011: no knowledge base at {url} (build one with `kroniek build PATH --db {url}`)")
            if create and not path.parent.is_dir():
                raise StoreError(f"E013: cannot create {url}: folder {path.parent} does not exist")
            url = f"sqlite:///{url}"
        elif url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]  # psycopg 3, not SQLAlchemy's default psycopg2
        self.url = url
        self._writing = 0  # depth of `writing()` in this process
        try:
            self.engine: Engine = create_engine(url)
        except (ImportError, NoSuchModuleError) as err:
            extra = " (pip install 'kroniek[postgres]')" if url.startswith("postgres") else ""
            raise StoreError(f"E013: cannot open {_shown(url)}: no driver for it: {err}{extra}") from None
        except ArgumentError as err:
            raise StoreError(f"E013: cannot open {_shown(url)}: {err}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            _waiting_out_locks(lambda: self._open(create))
        except (DatabaseError, OperationalError) as err:
            reason = " ".join(str(err.orig if getattr(err, "orig", None) else err).split())
            code = "E012" if "not a database" in reason else "E013"
            raise StoreError(f"{code}: cannot open {_shown(url)}: {reason}") from None

    def _open(self, create: bool) -> None:
        tables = inspect(self.engine).get_table_names()
        if "meta" not in tables and (tables or not create):  # never write into another program's database
            raise StoreError(f"E012: {_shown(self.url)} is not a kroniek knowledge base")
        self.migrate()

    @property
    def shown(self) -> str:
        """The database as a message names it: a SQLite file by its path, a server's URL without the password."""
        return _shown(self.url)

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def _version(self) -> int | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("meta"):
                return None
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
        return None if row is None else int(row[0])

    def migrate(self) -> None:
        """Bring the schema to this kroniek's version; a database that has it is only read. The
        migration holds the writer lock, so two processes opening a new database never both create it."""
        version = self._version()
        if version is not None and version > SCHEMA_VERSION:
            raise SchemaError(f"E010: database schema {version} is newer than this kroniek ({SCHEMA_VERSION})")
        if version == SCHEMA_VERSION:
            return
        with self.writing():
            self._migrate()

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            meta.create(conn, checkfirst=True)
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            if row is not None and int(row[0]) >= SCHEMA_VERSION:
                return  # another process migrated it while this one waited for the lock
            if row is not None and int(row[0]) < 2:
                # version 1 had empty fact tables of another shape; they are derived, so drop them
                for name in ("reports", *FACT_TABLES):
                    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')  # the same on SQLite and PostgreSQL
            metadata.create_all(conn)
            for table in metadata.sorted_tables:  # version 5 indexed tables that earlier ones created
                for index in table.indexes:
                    index.create(conn, checkfirst=True)
            if row is not None and int(row[0]) < 3:
                # version 2 kept one path per document; it becomes the document's first source
                rows = [dict(locator=r.path, doc=r.id, file=r.path)
                        for r in conn.execute(select(documents.c.id, documents.c.path)) if r.path]
                if rows:
                    conn.execute(insert(sources), rows)
            self._set_meta(conn, "schema_version", str(SCHEMA_VERSION))

    # -- the writer lock ------------------------------------------------------------------------------
    @contextmanager
    def writing(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the knowledge base's writer lock: another process that asks for it waits until this one
        is done (a second build runs after the first and finds its documents stored). Re-entrant within
        one Store. `on_wait` is called once if the lock is held elsewhere, before waiting for it."""
        if self._writing:
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
            return
        with self._lock(on_wait or (lambda: None)):
            self._writing = 1
            try:
                yield
            finally:
                self._writing = 0

    @contextmanager
    def _lock(self, on_wait: Callable[[], None]) -> Iterator[None]:
        if self.dialect == "postgresql":
            # a session-level advisory lock on a connection of its own, outside any transaction
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT")
                if not conn.execute(select(func.pg_try_advisory_lock(BUILD_LOCK))).scalar():
                    on_wait()
                    conn.execute(select(func.pg_advisory_lock(BUILD_LOCK)))
                try:
                    yield
                finally:
                    conn.execute(select(func.pg_advisory_unlock(BUILD_LOCK)))
            return
        path = self.engine.url.database if self.dialect == "sqlite" else None
        if not path or path == ":memory:" or path.startswith("file:") or fcntl is None:
            yield  # a database no other process can open, or no flock here
            return
        # not flock on the database file itself: closing a second descriptor of it would drop SQLite's own locks
        fd = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                on_wait()
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    # -- build state ---------------------------------------------------------------------------------
    def _set_meta(self, conn, key: str, value: str | None) -> None:
        conn.execute(delete(meta).where(meta.c.key == key))
        if value is not None:
            conn.execute(insert(meta).values(key=key, value=value))

    def resolve_pending(self) -> bool:
        """True while documents were written or removed after the last complete resolve."""
        with self.engine.connect() as conn:
            return conn.execute(select(meta.c.value).where(meta.c.key == "resolve_pending")).first() is not None

    def mark_resolved(self) -> None:
        with self.engine.begin() as conn:
            self._set_meta(conn, "resolve_pending", None)
            self._set_meta(conn, "generation", str(self._generation(conn) + 1))

    def generation(self) -> int:
        """A number that grows with every complete resolve (a build, a merge): a reader holding the
        knowledge base in memory loads it again when this has changed, on any database."""
        with self.engine.connect() as conn:
            return self._generation(conn)

    @staticmethod
    def _generation(conn) -> int:
        row = conn.execute(select(meta.c.value).where(meta.c.key == "generation")).first()
        return int(row[0]) if row else 0

    # -- documents and what was extracted from them -----------------------------------------------
    def known_hashes(self) -> dict[str, str]:
        """sha1 of every stored text -> the document's name."""
        with self.engine.connect() as conn:
            return {sha: doc_id for doc_id, sha in conn.execute(select(documents.c.id, documents.c.sha1))}

    def sources(self) -> dict[str, set[str]]:
        """Source locator -> the names of the documents read from it."""
        out: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for locator, doc in conn.execute(select(sources.c.locator, sources.c.doc)):
                out.setdefault(locator, set()).add(doc)
        return out

    def source_files(self) -> dict[str, str]:
        """Source locator -> the file on disk it lies in."""
        with self.engine.connect() as conn:
            return {locator: file for locator, file in conn.execute(select(sources.c.locator, sources.c.file))}

    def add_sources(self, pairs: Iterable[tuple[str, str, str]]) -> None:
        """(locator, document name, file) rows; ones already stored, or of a document that is not (it
        failed to build), are left out. The newest source becomes the document's `path`."""
        pairs = list(dict.fromkeys(pairs))
        if not pairs:
            return
        with self.engine.begin() as conn:
            have = {(r.locator, r.doc) for r in conn.execute(select(sources.c.locator, sources.c.doc))}
            stored = {doc for (doc,) in conn.execute(select(documents.c.id))}
            rows = [dict(locator=loc, doc=doc, file=file) for loc, doc, file in pairs
                    if (loc, doc) not in have and doc in stored]
            if rows:
                conn.execute(insert(sources), rows)
                for row in rows:
                    conn.execute(update(documents).where(documents.c.id == row["doc"]).values(path=row["locator"]))

    def drop_sources(self, pairs: Iterable[tuple[str, str]], keep: Iterable[str] = ()) -> list[str]:
        """Forget that documents were read from these (locator, name) pairs; a document left with no
        source at all is removed with everything derived from it, unless its name is in `keep` (it is
        about to be replaced in place). Returns the names removed."""
        pairs, keep = list(pairs), set(keep)
        if not pairs:
            return []
        with self.engine.begin() as conn:
            for locator, doc in pairs:
                conn.execute(delete(sources).where((sources.c.locator == locator) & (sources.c.doc == doc)))
            touched = {doc for _, doc in pairs} - keep
            left = {doc for part in _chunks(sorted(touched))
                    for (doc,) in conn.execute(select(sources.c.doc).where(sources.c.doc.in_(part)))}
            gone = sorted(touched - left)
            if gone:
                _delete_documents(conn, gone)
                self._set_meta(conn, "resolve_pending", "1")
            for doc in touched & left:
                newest = conn.execute(select(sources.c.locator).where(sources.c.doc == doc)
                                      .order_by(sources.c.locator)).first()
                conn.execute(update(documents).where(documents.c.id == doc).values(path=newest[0]))
        return gone

    @stage("store", ("documents", "layers", "mentions", "alias_links"), ("stored",))
    def write_batch(self, docs: Iterable[Document], doc_mentions: Iterable[Mention],
                    links: Iterable[AliasLink], backend: str, files: dict[str, str] | None = None,
                    doc_layers: dict[str, bytes] | None = None) -> None:
        """Store documents with their text layers, mentions and alias links in one transaction. A document whose
        name is already stored (an edited article keeps its name) replaces that one: everything
        derived from the old text goes, its sources stay. `files` maps a document's source locator to
        the file it lies in (the locator itself by default)."""
        docs = list(docs)
        ids = [d.id for d in docs]
        files = files or {}
        with self.engine.begin() as conn:
            kept = [dict(r._mapping) for part in _chunks(ids)
                    for r in conn.execute(select(sources).where(sources.c.doc.in_(part)).order_by(sources.c.locator))]
            _delete_documents(conn, ids)
            conn.execute(insert(documents), [_doc_row(d, backend) for d in docs])
            have = {(r["locator"], r["doc"]) for r in kept}
            kept += [dict(locator=d.path, doc=d.id, file=files.get(d.path, d.path)) for d in docs
                     if d.path and (d.path, d.id) not in have]
            if kept:
                conn.execute(insert(sources), kept)
            rows = [dict(doc=doc, backend=backend, data=data) for doc, data in (doc_layers or {}).items()]
            if rows:
                conn.execute(insert(layers), rows)
            rows = [dict(id=m.id, doc=m.span.doc, start=m.span.start, end=m.span.end, text=m.text, label=m.label,
                         source=m.source, key=m.key, grounding=m.grounding.value) for m in doc_mentions]
            if rows:
                conn.execute(insert(mentions), rows)
            rows = [dict(a=x.a, b=x.b, cue=x.cue, doc=x.evidence.doc, start=x.evidence.start, end=x.evidence.end)
                    for x in {(x.a, x.b, x.cue): x for x in links}.values()]
            if rows:
                conn.execute(insert(alias_links), rows)
            self._set_meta(conn, "resolve_pending", "1")

    def documents(self) -> list[Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents).order_by(documents.c.id)).mappings().all()
            found: dict[str, list[str]] = {}
            for locator, doc in conn.execute(select(sources.c.locator, sources.c.doc).order_by(sources.c.locator)):
                found.setdefault(doc, []).append(locator)
        out = []
        for r in rows:
            cands = tuple(_date_from(c, r["id"]) for c in (r["date_candidates"] or []))
            published = next((c for c in cands if c and c.value == r["published"] and c.source == r["published_source"]),
                             DateValue(r["published"], r["published_source"] or "unknown") if r["published"] else None)
            out.append(Document(id=r["id"], text=r["text"], sha1=r["sha1"], title=r["title"], language=r["language"],
                                path=r["path"], url=r["url"], published=published,
                                header_date=next((c for c in cands if c and c.source == "header"), None),
                                date_candidates=tuple(c for c in cands if c), flags=tuple(r["flags"] or ()),
                                sources=tuple(found.get(r["id"], ()))))
        return out

    def layers(self, ids: Iterable[str] | None = None) -> dict[str, bytes]:
        """Document name -> its stored text layer (DocBin bytes); documents stored without one are absent."""
        query = select(layers.c.doc, layers.c.data)
        with self.engine.connect() as conn:
            if ids is None:
                return {doc: bytes(data) for doc, data in conn.execute(query)}
            return {doc: bytes(data) for part in _chunks(list(ids))
                    for doc, data in conn.execute(query.where(layers.c.doc.in_(part)))}

    def doc_facts(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, DocFacts]]:
        """Document name -> (fingerprint, the facts found in it) from the last resolve; of `ids` only, if given."""
        return {doc: (fp, records.facts_from(rec)) for doc, (fp, rec) in self._read_per_doc(doc_facts, ids).items()}

    def save_doc_facts(self, found: dict[str, tuple[str, DocFacts]]) -> None:
        self._save_per_doc(doc_facts, {doc: (fp, records.facts_json(f)) for doc, (fp, f) in found.items()})

    def doc_anchors(self) -> dict[str, tuple[str, list]]:
        """Document name -> (fingerprint, the JSON of its dating anchors) from the last resolve."""
        return self._read_per_doc(doc_anchors)

    def save_doc_anchors(self, found: dict[str, tuple[str, list]]) -> None:
        self._save_per_doc(doc_anchors, found)

    def _read_per_doc(self, table: Table, ids: Iterable[str] | None = None) -> dict[str, tuple[str, object]]:
        query = select(table.c.doc, table.c.fingerprint, table.c.record)
        with self.engine.connect() as conn:
            if ids is None:
                return {doc: (fp, rec) for doc, fp, rec in conn.execute(query)}
            return {doc: (fp, rec) for part in _chunks(list(ids))
                    for doc, fp, rec in conn.execute(query.where(table.c.doc.in_(part)))}

    def _save_per_doc(self, table: Table, found: dict[str, tuple[str, object]]) -> None:
        if not found:
            return
        with self.engine.begin() as conn:
            for part in _chunks(list(found)):
                conn.execute(delete(table).where(table.c.doc.in_(part)))
            conn.execute(insert(table), [dict(doc=doc, fingerprint=fp, record=rec) for doc, (fp, rec) in found.items()])

    def update_dates(self, docs: Iterable[Document]) -> None:
        """Store the dates the corpus dating decided; documents whose date did not change are not written."""
        rows = {d.id: dict(published=d.published.value if d.published else None,
                           published_source=d.published.source if d.published else None,
                           date_candidates=[_date_json(c) for c in d.date_candidates], flags=list(d.flags))
                for d in docs}
        columns = (documents.c.id, documents.c.published, documents.c.published_source, documents.c.date_candidates,
                   documents.c.flags)
        with self.engine.begin() as conn:
            old = {r["id"]: r for part in _chunks(list(rows))
                   for r in conn.execute(select(*columns).where(documents.c.id.in_(part))).mappings()}
            changed = [{**r, "_id": doc} for doc, r in rows.items()
                       if doc in old and _canonical({k: old[doc][k] for k in r}) != _canonical(r)]
            if changed:
                conn.execute(update(documents).where(documents.c.id == bindparam("_id")).values(
                    {k: bindparam(k) for k in changed[0] if k != "_id"}), changed)

    def mentions(self) -> list[Mention]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(mentions).order_by(mentions.c.doc, mentions.c.start, mentions.c.end,
                                                          mentions.c.id)).mappings().all()
        return [Mention(r["id"], Span(r["doc"], r["start"], r["end"]), r["text"], r["label"], r["source"], r["key"])
                for r in rows]

    def alias_links(self) -> list[AliasLink]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(alias_links).order_by(alias_links.c.a, alias_links.c.b, alias_links.c.cue)
                                ).mappings().all()
        return [AliasLink(r["a"], r["b"], r["cue"], Span(r["doc"], r["start"], r["end"])) for r in rows]

    # -- corpus-level results ------------------------------------------------------------------------
    def replace_entities(self, found: Iterable[Entity], decided: Iterable[Judgement]) -> None:
        """Store the entities and the machine's judgements of one resolve in place of the last. Only the
        rows that differ are written: a merge changes a few entities, and rewriting all of them made
        every correction cost as much as the whole corpus."""
        found = list(found)
        rows = {e.id: dict(id=e.id, type=e.type, name=e.name, key=e.key, aliases=list(e.aliases), lat=e.lat, lon=e.lon,
                           country=e.country) for e in found}
        owner = {m.id: e.id for e in found for m in e.mentions}
        decided = {(j.a, j.b, j.reason): dict(a=j.a, b=j.b, reason=j.reason, verdict=j.verdict, by=j.by) for j in decided}
        with self.engine.begin() as conn:
            old = {r["id"]: dict(r) for r in conn.execute(select(entities)).mappings()}
            old_owner = dict(conn.execute(select(entity_mentions.c.mention_id, entity_mentions.c.entity_id)).all())
            moved = [m for m, e in old_owner.items() if owner.get(m) != e]
            gone = [e for e in old if e not in rows]
            # children first: no entity_mentions row may point at an entity that goes
            for part in _chunks(moved):
                conn.execute(delete(entity_mentions).where(entity_mentions.c.mention_id.in_(part)))
            for part in _chunks(gone):
                conn.execute(delete(entities).where(entities.c.id.in_(part)))
            changed = [r for i, r in rows.items() if i in old and _canonical(old[i]) != _canonical(r)]
            if changed:
                conn.execute(update(entities).where(entities.c.id == bindparam("_id")).values(
                    {c.name: bindparam(c.name) for c in entities.c if c.name != "id"}),
                    [{**{k: v for k, v in r.items() if k != "id"}, "_id": r["id"]} for r in changed])
            added = [r for i, r in rows.items() if i not in old]
            if added:
                conn.execute(insert(entities), added)
            added = [dict(mention_id=m, entity_id=e) for m, e in owner.items() if old_owner.get(m) != e]
            if added:
                conn.execute(insert(entity_mentions), added)
            old = {(r["a"], r["b"], r["reason"]): dict(r)
                   for r in conn.execute(select(judgements).where(judgements.c.by == "kroniek")).mappings()}
            for part in _chunks([k for k, r in old.items() if decided.get(k) != r]):
                conn.execute(delete(judgements).where(_key_in(judgements, ("a", "b", "reason"), part)))
            added = [r for k, r in decided.items() if old.get(k) != r]
            if added:
                conn.execute(insert(judgements), added)

    def entities(self) -> list[Entity]:
        by_id = {m.id: m for m in self.mentions()}
        with self.engine.connect() as conn:
            rows = conn.execute(select(entities).order_by(entities.c.id)).mappings().all()
            links = conn.execute(select(entity_mentions)).all()
        members: dict[str, list[Mention]] = {}
        for mention_id, entity_id in links:
            if mention_id in by_id:
                members.setdefault(entity_id, []).append(by_id[mention_id])
        return [Entity(r["id"], r["type"], r["name"], tuple(r["aliases"] or ()),
                       tuple(members.get(r["id"], ())),
                       key=r["key"], lat=r["lat"], lon=r["lon"], country=r["country"]) for r in rows]

    def representative_mention(self, ref: str) -> str | None:
        """The mention that stands for `ref`: an entity's first (by document and offset), or `ref` itself
        where it is a mention's id; None where it is neither."""
        first = (select(mentions.c.id).join(entity_mentions, entity_mentions.c.mention_id == mentions.c.id)
                 .where(entity_mentions.c.entity_id == ref)
                 .order_by(mentions.c.doc, mentions.c.start, mentions.c.end, mentions.c.id).limit(1))
        with self.engine.connect() as conn:
            found = conn.execute(first).scalar()
            if found is None:
                found = conn.execute(select(mentions.c.id).where(mentions.c.id == ref)).scalar()
        return found

    def judgements(self) -> list[Judgement]:
        with self.engine.connect() as conn:
            return [Judgement(r["a"], r["b"], r["verdict"], r["reason"], r["by"])
                    for r in conn.execute(select(judgements)).mappings()]

    def add_judgement(self, judgement: Judgement) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(judgements).where((judgements.c.a == judgement.a) & (judgements.c.b == judgement.b)
                                                  & (judgements.c.by == judgement.by)))
            conn.execute(insert(judgements).values(a=judgement.a, b=judgement.b, reason=judgement.reason,
                                                   verdict=judgement.verdict, by=judgement.by))

    def remove_judgement(self, judgement: Judgement) -> bool:
        """Take back one judgement; False where it is not stored."""
        with self.engine.begin() as conn:
            gone = conn.execute(delete(judgements).where((judgements.c.a == judgement.a) & (judgements.c.b == judgement.b)
                                                         & (judgements.c.reason == judgement.reason)))
            return bool(gone.rowcount)

    # -- analysts' corrections of facts: rejections and chosen reports --------------------------------
    def rejections(self) -> list[Rejection]:
        """Every rejected fact, oldest first."""
        return [Rejection(r["kind"], Span(r["doc"], r["start"], r["end"]), r["by"], r["reason"] or "", r["made_at"] or "")
                for r in self._corrections(rejections)]

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejection, replacing an earlier one of the same fact."""
        self._put_correction(rejections, dict(kind=rejection.kind), rejection)

    def remove_rejection(self, kind: str, evidence: Span) -> bool:
        """Take back a rejection; False where it is not stored."""
        return self._drop_correction(rejections, rejections.c.kind == kind, evidence)

    def overrides(self) -> list[Override]:
        """Every chosen report, oldest first (a later choice of one event's field wins)."""
        return [Override(r["field"], Span(r["doc"], r["start"], r["end"]), r["by"], r["reason"] or "", r["made_at"] or "")
                for r in self._corrections(overrides)]

    def add_override(self, override: Override) -> None:
        """Record that an event shows this report's value of `field`, replacing an earlier such record."""
        self._put_correction(overrides, dict(field=override.field), override)

    def remove_override(self, field: str, evidence: Span) -> bool:
        """Take back a chosen report; False where it is not stored."""
        return self._drop_correction(overrides, overrides.c.field == field, evidence)

    def _corrections(self, table: Table) -> list:
        query = select(table).order_by(table.c.made_at.asc().nulls_first(), table.c.doc, table.c.start, table.c.end,
                                       next(iter(table.c)))
        with self.engine.connect() as conn:
            return conn.execute(query).mappings().all()

    def _put_correction(self, table: Table, key: dict, c: Rejection | Override) -> None:
        ev = c.evidence
        with self.engine.begin() as conn:
            self._drop(conn, table, table.c[next(iter(key))] == next(iter(key.values())), ev)
            conn.execute(insert(table).values(**key, doc=ev.doc, start=ev.start, end=ev.end, by=c.by,
                                              made_at=c.made_at, reason=c.reason))

    def _drop_correction(self, table: Table, which, evidence: Span) -> bool:
        with self.engine.begin() as conn:
            return bool(self._drop(conn, table, which, evidence).rowcount)

    @staticmethod
    def _drop(conn, table: Table, which, ev: Span):
        return conn.execute(delete(table).where(which & (table.c.doc == ev.doc) & (table.c.start == ev.start)
                                                & (table.c.end == ev.end)))

    def replace_facts(self, found: KnowledgeBase) -> None:
        """Store the events, claims, relations, quotes and conflicts of one resolve, replacing the last.
        Rows equal to the stored ones are left alone, so a correction or a small addition writes what it
        changed, not the whole knowledge base."""
        keyed = (
            (events, ("id",), [dict(id=v.id, type=v.type, date=v.date, location=v.location, perpetrator=v.perpetrator,
                                    record=records.event_json(v)) for v in found.events]),
            (claims, ("id",), [dict(id=c.id, subject=c.subject, attribute=c.attribute, doc=c.evidence.doc,
                                    record=records.claim_json(c)) for c in found.claims]),
            (relations, ("subject", "predicate", "object"),
             [dict(subject=r.subject, predicate=r.predicate, object=r.object, record=records.relation_json(r))
              for r in found.relations]),
            (quotes, ("speaker", "doc"), [dict(speaker=q.speaker, doc=q.span.doc, record=records.quote_json(q))
                                          for q in found.quotes]))
        reports = {v.id: [dict(event=v.id, n=n, doc=r.doc, start=r.evidence.start, end=r.evidence.end)
                          for n, r in enumerate(v.reports)] for v in found.events}
        with self.engine.begin() as conn:
            for table, key, rows in keyed:
                gone, added = self._diff(conn, table, key, rows)
                if table is events:  # an event's reports go and come with it: they are read from its record
                    for part in _chunks(gone):
                        conn.execute(delete(event_reports).where(event_reports.c.event.in_([k[0] for k in part])))
                for part in _chunks(gone):
                    conn.execute(delete(table).where(_key_in(table, key, part)))
                if added:
                    conn.execute(insert(table), added)
                if table is events and (rows := [x for r in added for x in reports[r["id"]]]):
                    conn.execute(insert(event_reports), rows)
            # conflicts are read back in the order they were written (by their number): rewritten whole
            # when any differs, so a knowledge base corrected in place lists them as one built afresh
            rows = [dict(about=c.about, field=c.field, record=records.conflict_json(c)) for c in found.conflicts]
            old = [dict(r) for r in conn.execute(select(conflicts.c.about, conflicts.c.field, conflicts.c.record)
                                                 .order_by(conflicts.c.id)).mappings()]
            if [_canonical(r) for r in old] != [_canonical(r) for r in rows]:
                conn.execute(delete(conflicts))
                if rows:
                    conn.execute(insert(conflicts), rows)

    @staticmethod
    def _diff(conn, table: Table, key: tuple[str, ...], rows: list[dict]) -> tuple[list[tuple], list[dict]]:
        """The keys of the stored rows of `table` that `rows` drops or changes, and the rows to insert."""
        new = {tuple(r[k] for k in key): r for r in rows}
        old = {tuple(r[k] for k in key): _canonical(dict(r)) for r in conn.execute(select(table)).mappings()}
        gone = [k for k, r in old.items() if k not in new or _canonical(new[k]) != r]
        return gone, [r for k, r in new.items() if old.get(k) != _canonical(r)]

    def _records(self, table: Table, order) -> list[dict]:
        with self.engine.connect() as conn:
            # NULLs first, as SQLite puts them (PostgreSQL would put them last)
            query = select(table.c.record).order_by(*(c.asc().nulls_first() for c in order))
            return [r[0] for r in conn.execute(query)]

    def knowledge_base(self) -> KnowledgeBase:
        return KnowledgeBase(
            documents=self.documents(), entities=self.entities(),
            events=[records.event_from(r) for r in self._records(events, (events.c.date, events.c.id))],
            claims=[records.claim_from(r) for r in self._records(claims, (claims.c.subject, claims.c.doc, claims.c.id))],
            relations=[records.relation_from(r) for r in self._records(relations, (relations.c.subject, relations.c.predicate,
                                                                                   relations.c.object))],
            quotes=[records.quote_from(r) for r in self._records(quotes, (quotes.c.doc, quotes.c.speaker))],
            conflicts=[records.conflict_from(r) for r in self._records(conflicts, (conflicts.c.id,))])

    def event_with_report(self, evidence: Span) -> Event | None:
        """The event one of whose reports has this evidence span, or None."""
        query = (select(events.c.record).join(event_reports, event_reports.c.event == events.c.id)
                 .where((event_reports.c.doc == evidence.doc) & (event_reports.c.start == evidence.start)
                        & (event_reports.c.end == evidence.end)).order_by(events.c.id).limit(1))
        with self.engine.connect() as conn:
            record = conn.execute(query).scalar()
        return None if record is None else records.event_from(record)

    def events_reported_in(self, doc: str) -> list[str]:
        """The ids of the events a document reports, in date order."""
        query = (select(events.c.id).where(events.c.id.in_(select(event_reports.c.event).where(event_reports.c.doc == doc)))
                 .order_by(events.c.date.asc().nulls_first(), events.c.id))
        with self.engine.connect() as conn:
            return [event_id for (event_id,) in conn.execute(query)]

    def count(self, table: str) -> int:
        """The rows of one table now: what a build's summary reports, read after the build."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(metadata.tables[table])).scalar_one()

    def table_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in metadata.sorted_tables}


def _delete_documents(conn, ids: list[str]) -> None:
    """Remove documents and every row derived from them. The fact tables are rebuilt by the next
    resolve; rows that point at the documents by key go now, so no foreign key is left dangling."""
    for part in _chunks(ids):
        old = select(mentions.c.id).where(mentions.c.doc.in_(part))
        conn.execute(delete(entity_mentions).where(entity_mentions.c.mention_id.in_(old)))
        for table in (alias_links, mentions, claims, quotes, event_reports, sources, layers, doc_facts, doc_anchors):
            conn.execute(delete(table).where(table.c.doc.in_(part)))
        conn.execute(delete(documents).where(documents.c.id.in_(part)))


def _canonical(row: dict) -> str:
    """A row as one string, so that a value read back from JSON compares with one about to be written
    (tuples are lists there; 4 and 4.0 differ, as they would in an export)."""
    return json.dumps(row, sort_keys=True, default=list)


def _key_in(table: Table, key: tuple[str, ...], values: Sequence[tuple]):
    """WHERE the (possibly composite) key of `table` is one of `values`."""
    if len(key) == 1:
        return table.c[key[0]].in_([v[0] for v in values])
    return tuple_(*(table.c[k] for k in key)).in_(values)


def _chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """`items` in slices short enough for one IN (...) list on every database."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _shown(url: str) -> str:
    """The database as a message names it: a SQLite file by its path, a server URL without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _doc_row(d: Document, backend: str) -> dict:
    return dict(id=d.id, sha1=d.sha1, path=d.path, url=d.url, title=d.title, language=d.language, text=d.text,
                published=d.published.value if d.published else None,
                published_source=d.published.source if d.published else None,
                header_date=d.header_date.value if d.header_date else None,
                date_candidates=[_date_json(c) for c in d.date_candidates], flags=list(d.flags), backend=backend)


# how long opening a SQLite file waits out "database is locked" answers that SQLite gives without
# waiting itself: switching a file to WAL needs it alone and runs no busy handler, so a build that opens
# a new database just as another creates it would fail at once instead of waiting its turn
OPEN_WAIT_S = 30.0


def _waiting_out_locks(attempt: Callable[[], None], wait_s: float | None = None) -> None:
    """`attempt()`, again after a growing pause while it fails with SQLite's busy or locked error, for
    up to `wait_s` seconds (`OPEN_WAIT_S`); any other error, or the last one, is raised."""
    deadline = time.monotonic() + (OPEN_WAIT_S if wait_s is None else wait_s)
    pause = 0.05
    while True:
        try:
            return attempt()
        except (OperationalError, sqlite3.OperationalError) as err:
            name = getattr(getattr(err, "orig", None) or err, "sqlite_errorname", "")
            if not name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreError"]
