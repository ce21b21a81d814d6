"""Store stage: the knowledge base in SQL through SQLAlchemy Core (SQLite now, PostgreSQL-ready).

The only module that speaks SQL. The schema is versioned in the `meta` table; `migrate` is safe to
run on every open. A document is its text: `sha1` identifies it, `id` is its unique readable name,
and `sources` lists every file, JSONL record or URL it was read from. Each batch of documents is
written in one transaction, after deleting whatever an earlier run derived from the documents it
replaces, so an interrupted build loses at most the batch in flight and a rerun never duplicates
anything. Until the corpus-level stages have run over the last batch, `meta` says so
(`resolve_pending`), so a reader can tell a half-finished knowledge base from a finished one.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import (JSON, Column, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Table, Text, create_engine,
                        delete, event, func, insert, inspect, select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from ..model import AliasLink, DateValue, DocFacts, Document, Entity, Judgement, KnowledgeBase, Mention, Span, stage
from . import records

SCHEMA_VERSION = 4
metadata = MetaData()

meta = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", String))
documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True), Column("sha1", String, unique=True, nullable=False),
    Column("path", Text), Column("url", Text), Column("title", Text), Column("language", String(8)),
    Column("text", Text, nullable=False), Column("published", String(10)), Column("published_source", String),
    Column("header_date", String(10)), Column("date_candidates", JSON), Column("flags", JSON),
    Column("backend", String))
sources = Table(
    "sources", metadata,
    Column("locator", Text, primary_key=True), Column("doc", String, ForeignKey("documents.id"), primary_key=True),
    Column("file", Text, index=True))
# the text layer of each document (spaCy DocBin bytes: tokens, sentences, lemmas, tags, parse), made
# once by the NLP backend and read by every later stage
layers = Table(
    "layers", metadata,
    Column("doc", String, ForeignKey("documents.id"), primary_key=True), Column("backend", String),
    Column("data", LargeBinary, nullable=False))
# the facts of each document as the facts stage found them, with the fingerprint of what they were
# read from (the text, its date, its mentions' entities): a build reuses them while it holds
doc_facts = Table(
    "doc_facts", metadata,
    Column("doc", String, ForeignKey("documents.id"), primary_key=True), Column("fingerprint", String),
    Column("record", JSON))
# per document, what the corpus dating read in it (its violent-event sentences with places and dates),
# with the same kind of fingerprint
doc_anchors = Table(
    "doc_anchors", metadata,
    Column("doc", String, ForeignKey("documents.id"), primary_key=True), Column("fingerprint", String),
    Column("record", JSON))
mentions = Table(
    "mentions", metadata,
    Column("id", String, primary_key=True), Column("doc", String, ForeignKey("documents.id"), index=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False), Column("text", Text),
    Column("label", String(8)), Column("source", String), Column("key", String), Column("grounding", String))
alias_links = Table(
    "alias_links", metadata,
    Column("a", String, primary_key=True), Column("b", String, primary_key=True), Column("cue", String, primary_key=True),
    Column("doc", String, ForeignKey("documents.id"), index=True), Column("start", Integer), Column("end", Integer))
entities = Table(
    "entities", metadata,
    Column("id", String, primary_key=True), Column("type", String(8)), Column("name", Text), Column("key", String),
    Column("aliases", JSON), Column("lat", Float), Column("lon", Float), Column("country", String(8)))
entity_mentions = Table(
    "entity_mentions", metadata,
    Column("mention_id", String, ForeignKey("mentions.id"), primary_key=True),
    Column("entity_id", String, ForeignKey("entities.id"), index=True))
judgements = Table(
    "judgements", metadata,
    Column("a", String, primary_key=True), Column("b", String, primary_key=True),
    Column("reason", String, primary_key=True), Column("verdict", String), Column("by", String))
# Derived by the facts and fuse stages on every resolve; each row keeps its full record as JSON, with
# the columns a query filters on (subject, document, date) beside it.
FACT_TABLES = ("events", "claims", "relations", "quotes", "conflicts")
events = Table(
    "events", metadata,
    Column("id", String, primary_key=True), Column("type", String), Column("date", String(10)),
    Column("location", String), Column("perpetrator", String), Column("record", JSON))
claims = Table(
    "claims", metadata,
    Column("id", String, primary_key=True), Column("subject", String, index=True), Column("attribute", String),
    Column("doc", String, ForeignKey("documents.id")), Column("record", JSON))
relations = Table(
    "relations", metadata,
    Column("subject", String, primary_key=True), Column("predicate", String, primary_key=True),
    Column("object", String, primary_key=True), Column("record", JSON))
quotes = Table(
    "quotes", metadata,
    Column("speaker", String, primary_key=True), Column("doc", String, ForeignKey("documents.id"), primary_key=True),
    Column("record", JSON))
conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("about", String, index=True),
    Column("field", String), Column("record", JSON))


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
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            tables = inspect(self.engine).get_table_names()
            if "meta" not in tables and (tables or not create):  # never write into another program's database
                raise StoreError(f"E012: {_shown(url)} is not a kroniek knowledge base")
            self.migrate()
        except (DatabaseError, OperationalError) as err:
            reason = " ".join(str(err.orig if getattr(err, "orig", None) else err).split())
            code = "E012" if "not a database" in reason else "E013"
            raise StoreError(f"{code}: cannot open {_shown(url)}: {reason}") from None

    def migrate(self) -> None:
        with self.engine.begin() as conn:
            meta.create(conn, checkfirst=True)
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            if row is not None and int(row[0]) > SCHEMA_VERSION:
                raise SchemaError(f"E010: database schema {row[0]} is newer than this kroniek ({SCHEMA_VERSION})")
            if row is not None and int(row[0]) < 2:
                # version 1 had empty fact tables of another shape; they are derived, so drop them
                for name in ("reports", *FACT_TABLES):
                    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
            metadata.create_all(conn)
            if row is not None and int(row[0]) < 3:
                # version 2 kept one path per document; it becomes the document's first source
                rows = [dict(locator=r.path, doc=r.id, file=r.path)
                        for r in conn.execute(select(documents.c.id, documents.c.path)) if r.path]
                if rows:
                    conn.execute(insert(sources), rows)
            conn.execute(delete(meta).where(meta.c.key == "schema_version"))
            conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))

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
            left = {doc for (doc,) in conn.execute(select(sources.c.doc).where(sources.c.doc.in_(touched)))}
            gone = sorted(touched - left)
            if gone:
                _delete_documents(conn, gone)
                self._set_meta(conn, "resolve_pending", "1")
            for doc in touched & left:
                newest = conn.execute(select(sources.c.locator).where(sources.c.doc == doc)).first()
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
            kept = [dict(r._mapping) for r in conn.execute(select(sources).where(sources.c.doc.in_(ids)))]
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
        if ids is not None:
            query = query.where(layers.c.doc.in_(list(ids)))
        with self.engine.connect() as conn:
            return {doc: data for doc, data in conn.execute(query)}

    def doc_facts(self) -> dict[str, tuple[str, DocFacts]]:
        """Document name -> (fingerprint, the facts found in it) from the last resolve."""
        return {doc: (fp, records.facts_from(rec)) for doc, (fp, rec) in self._read_per_doc(doc_facts).items()}

    def save_doc_facts(self, found: dict[str, tuple[str, DocFacts]]) -> None:
        self._save_per_doc(doc_facts, {doc: (fp, records.facts_json(f)) for doc, (fp, f) in found.items()})

    def doc_anchors(self) -> dict[str, tuple[str, list]]:
        """Document name -> (fingerprint, the JSON of its dating anchors) from the last resolve."""
        return self._read_per_doc(doc_anchors)

    def save_doc_anchors(self, found: dict[str, tuple[str, list]]) -> None:
        self._save_per_doc(doc_anchors, found)

    def _read_per_doc(self, table: Table) -> dict[str, tuple[str, object]]:
        with self.engine.connect() as conn:
            return {doc: (fp, rec) for doc, fp, rec in conn.execute(select(table.c.doc, table.c.fingerprint, table.c.record))}

    def _save_per_doc(self, table: Table, found: dict[str, tuple[str, object]]) -> None:
        if not found:
            return
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.doc.in_(list(found))))
            conn.execute(insert(table), [dict(doc=doc, fingerprint=fp, record=rec) for doc, (fp, rec) in found.items()])

    def update_dates(self, docs: Iterable[Document]) -> None:
        with self.engine.begin() as conn:
            for d in docs:
                conn.execute(update(documents).where(documents.c.id == d.id).values(
                    published=d.published.value if d.published else None,
                    published_source=d.published.source if d.published else None,
                    date_candidates=[_date_json(c) for c in d.date_candidates], flags=list(d.flags)))

    def mentions(self) -> list[Mention]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(mentions).order_by(mentions.c.doc, mentions.c.start)).mappings().all()
        return [Mention(r["id"], Span(r["doc"], r["start"], r["end"]), r["text"], r["label"], r["source"], r["key"])
                for r in rows]

    def alias_links(self) -> list[AliasLink]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(alias_links)).mappings().all()
        return [AliasLink(r["a"], r["b"], r["cue"], Span(r["doc"], r["start"], r["end"])) for r in rows]

    # -- corpus-level results ------------------------------------------------------------------------
    def replace_entities(self, found: Iterable[Entity], decided: Iterable[Judgement]) -> None:
        found = list(found)
        with self.engine.begin() as conn:
            conn.execute(delete(entity_mentions))
            conn.execute(delete(entities))
            conn.execute(delete(judgements).where(judgements.c.by == "kroniek"))
            if found:
                conn.execute(insert(entities), [dict(id=e.id, type=e.type, name=e.name, key=e.key, aliases=list(e.aliases),
                                                     lat=e.lat, lon=e.lon, country=e.country) for e in found])
                conn.execute(insert(entity_mentions), [dict(mention_id=m.id, entity_id=e.id)
                                                       for e in found for m in e.mentions])
            rows = {(j.a, j.b, j.reason): dict(a=j.a, b=j.b, reason=j.reason, verdict=j.verdict, by=j.by)
                    for j in decided}
            if rows:
                conn.execute(insert(judgements), list(rows.values()))

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
                       tuple(sorted(members.get(r["id"], []), key=lambda m: (m.span.doc, m.span.start))),
                       key=r["key"], lat=r["lat"], lon=r["lon"], country=r["country"]) for r in rows]

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

    def replace_facts(self, found: KnowledgeBase) -> None:
        """Store the events, claims, relations, quotes and conflicts of one resolve, replacing the last."""
        with self.engine.begin() as conn:
            for table in (events, claims, relations, quotes, conflicts):
                conn.execute(delete(table))
            rows = [dict(id=v.id, type=v.type, date=v.date, location=v.location, perpetrator=v.perpetrator,
                         record=records.event_json(v)) for v in found.events]
            if rows:
                conn.execute(insert(events), rows)
            rows = [dict(id=c.id, subject=c.subject, attribute=c.attribute, doc=c.evidence.doc,
                         record=records.claim_json(c)) for c in found.claims]
            if rows:
                conn.execute(insert(claims), rows)
            rows = [dict(subject=r.subject, predicate=r.predicate, object=r.object, record=records.relation_json(r))
                    for r in found.relations]
            if rows:
                conn.execute(insert(relations), rows)
            rows = [dict(speaker=q.speaker, doc=q.span.doc, record=records.quote_json(q)) for q in found.quotes]
            if rows:
                conn.execute(insert(quotes), rows)
            rows = [dict(about=c.about, field=c.field, record=records.conflict_json(c)) for c in found.conflicts]
            if rows:
                conn.execute(insert(conflicts), rows)

    def _records(self, table: Table, order) -> list[dict]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(table.c.record).order_by(*order))]

    def knowledge_base(self) -> KnowledgeBase:
        return KnowledgeBase(
            documents=self.documents(), entities=self.entities(),
            events=[records.event_from(r) for r in self._records(events, (events.c.date, events.c.id))],
            claims=[records.claim_from(r) for r in self._records(claims, (claims.c.subject, claims.c.doc, claims.c.id))],
            relations=[records.relation_from(r) for r in self._records(relations, (relations.c.subject, relations.c.predicate,
                                                                                   relations.c.object))],
            quotes=[records.quote_from(r) for r in self._records(quotes, (quotes.c.doc, quotes.c.speaker))],
            conflicts=[records.conflict_from(r) for r in self._records(conflicts, (conflicts.c.id,))])

    def table_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in metadata.sorted_tables}


def _delete_documents(conn, ids: list[str]) -> None:
    """Remove documents and every row derived from them. The fact tables are rebuilt by the next
    resolve; rows that point at the documents by key go now, so no foreign key is left dangling."""
    if not ids:
        return
    old = select(mentions.c.id).where(mentions.c.doc.in_(ids))
    conn.execute(delete(entity_mentions).where(entity_mentions.c.mention_id.in_(old)))
    conn.execute(delete(alias_links).where(alias_links.c.doc.in_(ids)))
    conn.execute(delete(mentions).where(mentions.c.doc.in_(ids)))
    conn.execute(delete(claims).where(claims.c.doc.in_(ids)))
    conn.execute(delete(quotes).where(quotes.c.doc.in_(ids)))
    conn.execute(delete(sources).where(sources.c.doc.in_(ids)))
    conn.execute(delete(layers).where(layers.c.doc.in_(ids)))
    conn.execute(delete(doc_facts).where(doc_facts.c.doc.in_(ids)))
    conn.execute(delete(doc_anchors).where(doc_anchors.c.doc.in_(ids)))
    conn.execute(delete(documents).where(documents.c.id.in_(ids)))


def _shown(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _doc_row(d: Document, backend: str) -> dict:
    return dict(id=d.id, sha1=d.sha1, path=d.path, url=d.url, title=d.title, language=d.language, text=d.text,
                published=d.published.value if d.published else None,
                published_source=d.published.source if d.published else None,
                header_date=d.header_date.value if d.header_date else None,
                date_candidates=[_date_json(c) for c in d.date_candidates], flags=list(d.flags), backend=backend)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreError"]
