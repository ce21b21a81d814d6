"""Export stage: the knowledge base as FollowTheMoney entities, one JSON object per line, for Aleph.

Made with the `followthemoney` library (the `export` extra), so every entity is checked against its
schema as it is built. What becomes what:

- each document: `Article` (title, text, publication date, language, URL), the `proof` of every
  entity, event and relation found in it;
- PER: `Person`; ORG: `Organization`; LOC: `Address` (the gazetteer's country and coordinates) —
  each with its name and aliases; MISC (offices, nationalities) is left out;
- each event: `Event` (date as an ISO prefix, place, the perpetrator as `organizer`, perpetrator,
  claimant and suspects as `involved`, the figures in `description`, the first report's sentence
  as `summary`);
- each relation: `Membership` (member_of a group), `Directorship` (leader_of a group), `Associate`
  (two persons allied or affiliated), else `UnknownLink` with the predicate as its `role`; the
  evidence sentence is the `summary`, its documents are named in `description` (FtM intervals have
  no `proof`). Relations that touch a left-out entity are left out too.

Ids: kroniek's own where FtM accepts them (entities, events), so the export joins the JSON and CSV
exports; a document is `doc-` plus the sha1 of its text; a relation's id is a hash of its triple.
Claims and quotes have no fitting schema and are left to the CSV exports.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from ..model import Document, Event, KnowledgeBase, Relation
from .tables import Lookup, country_code, figure

SCHEMA = {"PER": "Person", "ORG": "Organization", "LOC": "Address"}


def _model():
    try:
        from followthemoney import model
    except ImportError as err:  # pragma: no cover - depends on the installation
        from . import MissingDependency

        raise MissingDependency("ftm", "followthemoney") from err
    return model


def document_id(doc: Document) -> str:
    """A document's FtM id: from the hash of its text (its kroniek name may hold "_", which FtM refuses)."""
    return f"doc-{doc.sha1}"


def _figures(v: Event) -> str:
    """The fused figures in words: 'killed 12–15 (best 13.5); injured 30; 2 sources'."""
    parts = []
    if v.killed:
        best = v.killed.best
        if isinstance(best, float) and best.is_integer():
            best = int(best)
        parts.append(f"killed {figure(v.killed)}" + (f" (best {best})" if best is not None else ""))
    if v.injured:
        parts.append(f"injured {figure(v.injured)}")
    sources = len({r.doc for r in v.reports})
    parts.append(f"{sources} source{'s' if sources != 1 else ''}")
    return "; ".join(parts)


def ftm_entities(kb: KnowledgeBase) -> Iterator:
    """FtM entity proxies for the knowledge base: documents, actors and places, events, relations."""
    model = _model()
    look = Lookup(kb)
    doc_ids = {d.id: document_id(d) for d in kb.documents}

    for d in sorted(kb.documents, key=lambda d: d.id):
        p = model.make_entity("Article")
        p.id = doc_ids[d.id]
        p.add("title", d.title or d.id)
        p.add("fileName", d.id)
        p.add("bodyText", d.text)
        p.add("publishedAt", d.published.value if d.published else None)
        p.add("language", d.language)
        p.add("sourceUrl", d.url)
        yield p

    exported: dict[str, str] = {}  # kroniek entity id -> FtM schema name
    for e in sorted(kb.entities, key=lambda e: (e.type, e.name, e.id)):
        if e.type not in SCHEMA:
            continue
        p = model.make_entity(SCHEMA[e.type])
        p.id = _entity_id(model, e.id)
        p.add("name", e.name)
        p.add("alias", [a for a in e.aliases if a != e.name])
        p.add("country", country_code(e))
        p.add("proof", [doc_ids[x] for x in e.documents if x in doc_ids])
        if e.type == "LOC":
            p.add("full", e.name)
            if e.key and not e.key.startswith("country:"):
                p.add("city", e.name)
            if e.lat is not None and e.lon is not None:
                p.add("latitude", repr(e.lat))  # a float would be rounded to three decimals, a string is kept
                p.add("longitude", repr(e.lon))
        exported[e.id] = SCHEMA[e.type]
        yield p

    for v in kb.events:
        p = model.make_entity("Event")
        p.id = _entity_id(model, v.id)
        place = look.entities.get(v.location) if v.location else None
        what = (v.subtype or v.type).replace("_", " ")
        p.add("name", f"{what}{' in ' + place.name if place else ''}{', ' + v.date if v.date else ''}")
        p.add("date", v.date)
        p.add("keywords", [x for x in (v.type, v.subtype) if x])
        if place is not None:
            p.add("location", place.name)
            p.add("country", country_code(place))
            if v.location in exported:
                p.add("addressEntity", _entity_id(model, v.location))
        actors = [v.perpetrator, v.claimed_by, *v.suspects]
        if exported.get(v.perpetrator) in ("Person", "Organization"):
            p.add("organizer", _entity_id(model, v.perpetrator))
        p.add("involved", [_entity_id(model, a) for a in actors if exported.get(a) in ("Person", "Organization")])
        p.add("description", _figures(v))
        if v.reports:
            p.add("summary", look.text(v.reports[0].evidence))
        p.add("proof", sorted({doc_ids[r.doc] for r in v.reports if r.doc in doc_ids}))
        p.add("sourceUrl", sorted({look.documents[r.doc].url for r in v.reports
                                   if r.doc in look.documents and look.documents[r.doc].url}))
        yield p

    for r in kb.relations:
        if r.subject in exported and r.object in exported and r.subject != r.object:
            yield _relation(model, r, exported, look, doc_ids)


def _relation(model, r: Relation, exported: dict[str, str], look: Lookup, doc_ids: dict[str, str]):
    """The interval entity that fits the relation and the schemata of its two ends."""
    subject, obj = _entity_id(model, r.subject), _entity_id(model, r.object)
    legal = ("Person", "Organization")
    if r.predicate == "member_of" and exported[r.subject] in legal and exported[r.object] == "Organization":
        p, ends, role = model.make_entity("Membership"), ("member", "organization"), "member"
    elif r.predicate == "leader_of" and exported[r.subject] in legal and exported[r.object] == "Organization":
        p, ends, role = model.make_entity("Directorship"), ("director", "organization"), "leader"
    elif r.predicate in ("allied_with", "affiliated_with") and exported[r.subject] == exported[r.object] == "Person":
        p, ends, role = model.make_entity("Associate"), ("person", "associate"), None
        p.add("relationship", r.predicate.replace("_", " "))
    else:
        p, ends, role = model.make_entity("UnknownLink"), ("subject", "object"), r.predicate.replace("_", " ")
    p.make_id("kroniek-relation", r.subject, r.predicate, r.object)
    p.add(ends[0], subject)
    p.add(ends[1], obj)
    if role:
        p.add("role", role)
    docs = sorted({s.doc for s in r.evidence})
    if r.evidence:
        p.add("summary", look.text(r.evidence[0]))
    # an interval has no `proof`: its documents are named in `description`, their addresses in `sourceUrl`
    p.add("description", f"{r.predicate.replace('_', ' ')}; {len(docs)} source{'s' if len(docs) != 1 else ''}: "
                         f"{', '.join(docs)}")
    p.add("sourceUrl", [look.documents[d].url for d in docs if d in look.documents and look.documents[d].url])
    p.add("publisher", sorted({o for o in map(look.outlet, docs) if o}))
    return p


def _entity_id(model, kroniek_id: str) -> str:
    """kroniek's id where FtM takes it as it is (letters, digits, '.', '-'), else a hash of it."""
    from followthemoney.types import registry
    from followthemoney.util import make_entity_id

    if registry.entity.validate(kroniek_id):
        return kroniek_id
    return make_entity_id("kroniek", kroniek_id)


def write_ftm(kb: KnowledgeBase, out: TextIO) -> None:
    """One FtM entity per line, as `ftm` and `alephclient write-entities` read them."""
    out.writelines(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for p in ftm_entities(kb))

