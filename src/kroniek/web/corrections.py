"""Web app (write side): the analyst's corrections that kroniek keeps as judgements, and their audit.

Merge two actors, keep two apart, split one mention off its actor: each is one `Judgement` recorded
through `pipeline.judge` (on mention ids, which are content hashes, so it holds through every
rebuild) and followed by a resolve of the corpus; `undo` takes one back through
`pipeline.undo_judgement`. The store has no column for when a judgement was made yet, so the desk
writes the time at the end of the reason ("… [2026-11-20 10:32 UTC]") and `unstamp` reads it back.
Rejecting a fact (a report, claim, relation or quote) and choosing the report whose value an event
shows go through `pipeline.reject` / `pipeline.choose`; they are stored on the fact's evidence span
with their own time (`made_at`), listed on the audit page as R1.. and C1.. and taken back by key.
Nothing here knows about HTTP: refusals are `Refused` with a status and a sentence for the analyst.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import datetime, timezone

from .. import pipeline
from ..gazetteer import fold
from ..model import Entity, Judgement, Span
from .queries import View, href_actor, href_doc, href_event

MACHINE = "kroniek"  # the resolver's own judgements: made again on every resolve, never listed or undone
STAMP = re.compile(r" \[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC\]$")
MAX_BY, MAX_WHY = 80, 1000
VERDICTS = {"merge": "positive", "apart": "negative"}
CANNOT_SPLIT = ("kroniek's resolver could not keep this mention apart without breaking the rest of the actor up "
                "(another statement joins them). Nothing was changed; merge or keep apart whole actors instead.")


class Refused(Exception):
    """A correction that was not made; `status` is the HTTP status, the message is for the analyst."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def stamped(why: str, now: datetime | None = None) -> str:
    return f"{why} [{(now or datetime.now(timezone.utc)).strftime('%Y-%m-%d %H:%M')} UTC]"


def unstamp(reason: str) -> tuple[str, str | None]:
    """A stored reason as (why, when): when is None for a judgement made elsewhere (`kroniek merge`)."""
    found = STAMP.search(reason)
    return (reason[:found.start()], found.group(1) + " UTC") if found else (reason, None)


def judgement_key(j: Judgement) -> str:
    """A judgement's handle in a form: the store's key (a, b, reason) hashed."""
    return hashlib.sha1(f"{j.a}\x00{j.b}\x00{j.reason}".encode()).hexdigest()[:16]


def checked(by: str, why: str) -> tuple[str, str]:
    by, why = " ".join(by.split()), " ".join(why.split())
    if not by:
        raise Refused(400, "Say who you are: the audit list shows who made each correction.")
    if by.lower() == MACHINE:
        raise Refused(400, f"“{MACHINE}” is the name of the machine's own judgements; sign with your own name.")
    if not why:
        raise Refused(400, "Say why: the audit list keeps the reason with the correction.")
    if len(by) > MAX_BY or len(why) > MAX_WHY:
        raise Refused(400, f"Keep the name under {MAX_BY} and the reason under {MAX_WHY} characters.")
    return by, why


def _home(store, mention_id: str) -> Entity | None:
    return next((e for e in store.entities() if any(m.id == mention_id for m in e.mentions)), None)


def judge_pair(store, first: str, second: str, action: str, by: str, why: str) -> str:
    """Merge (`action` "merge") or keep apart ("apart") two actors; returns the id of the actor that
    now holds `first`'s mentions, the page to go back to."""
    if action not in VERDICTS:
        raise Refused(400, "Choose to merge or to keep apart.")
    by, why = checked(by, why)
    if first == second:
        raise Refused(400, "Choose another actor than this one.")
    entities = {e.id: e for e in store.entities()}
    if first not in entities or second not in entities or not entities[first].mentions:
        raise Refused(409, "One of these actors is no longer in the knowledge base (it was rebuilt or corrected "
                           "meanwhile): open its page again.")
    held = entities[first].mentions[0].id  # the mention pipeline.judge records for `first`
    pipeline.judge(store, first, second, VERDICTS[action], by=by, reason=stamped(why))
    home = _home(store, held)
    return home.id if home else first


def _anchor(e: Entity, mention_id: str) -> str:
    """The mention the split one is kept apart from: the first (by id) of the largest group of the
    actor's other mentions sharing a gazetteer key or a name, the one the resolver joins the rest to."""
    others = [m for m in e.mentions if m.id != mention_id]
    groups = Counter(m.key or fold(m.text) for m in others)
    biggest = max(sorted(groups), key=lambda g: groups[g])
    return min(m.id for m in others if (m.key or fold(m.text)) == biggest)


def split(store, entity_id: str, mention_id: str, by: str, why: str) -> str:
    """Keep one mention apart from the rest of its actor; returns the id of the actor the rest now form.
    Refused (and nothing kept) where the resolver cannot honour it with one judgement."""
    by, why = checked(by, why)
    e = next((x for x in store.entities() if x.id == entity_id), None)
    if e is None or all(m.id != mention_id for m in e.mentions):
        raise Refused(409, "This mention is no longer part of this actor: open the actor's page again.")
    if len(e.mentions) < 2:
        raise Refused(400, "This is the actor's only mention: there is nothing to split it from.")
    anchor = _anchor(e, mention_id)
    reason = stamped(why)
    pipeline.judge(store, mention_id, anchor, "negative", by=by, reason=reason)
    rest = {m.id for m in e.mentions} - {mention_id}
    home_m, home_a = _home(store, mention_id), _home(store, anchor)
    kept = rest & {m.id for m in home_a.mentions} if home_a else set()
    if home_m is None or home_a is None or home_m.id == home_a.id or 2 * len(kept) < len(rest):
        pipeline.undo_judgement(store, Judgement(mention_id, anchor, "negative", reason, by))
        raise Refused(409, CANNOT_SPLIT)
    return home_a.id


def undo(store, key: str) -> None:
    if key.startswith(("R-", "C-")) and undo_fact(store, key):
        return
    for j in store.judgements():
        if j.by != MACHINE and judgement_key(j) == key:
            pipeline.undo_judgement(store, j)
            return
    raise Refused(404, "There is no such judgement (was it taken back already?).")


# -- pages -------------------------------------------------------------------------------------------
def merge_page(view: View, entity_id: str, q: str) -> dict | None:
    e = view.entities.get(entity_id)
    if e is None:
        return None
    query = q if q.strip() else e.name
    hits = [h for h in view.index.search(query, limit=25)["actor"] if h.ref != entity_id and h.ref in view.entities]
    candidates = [{"id": h.ref, "name": view.entities[h.ref].name, "type": view.entities[h.ref].type,
                   "mentions": len(view.entities[h.ref].mentions), "documents": len(view.entities[h.ref].documents),
                   "aliases": view.entities[h.ref].aliases[:6]} for h in hits]
    return {"e": e, "query": query, "asked": bool(q.strip()), "candidates": candidates}


def split_page(view: View, entity_id: str, chosen: str = "") -> dict | None:
    e = view.entities.get(entity_id)
    if e is None:
        return None
    rows = []
    for m in sorted(e.mentions, key=lambda m: (fold(m.text), m.span.doc, m.span.start)):
        d = view.docs.get(m.span.doc)
        text = d.text if d else ""
        lo, hi = max(0, m.span.start - 70), min(len(text), m.span.end + 70)
        if lo > 0:  # whole words only
            lo = text.find(" ", lo, m.span.start) + 1 or m.span.start
        if hi < len(text):
            hi = max(text.rfind(" ", m.span.end, hi), m.span.end)
        rows.append({"id": m.id, "text": m.text, "doc": m.span.doc, "title": view.doc_title(m.span.doc),
                     "href": href_doc(m.span.doc, f"m-{m.id}"), "chosen": m.id == chosen,
                     "before": ("…" if lo > 0 else "") + re.sub(r"\s+", " ", text[lo:m.span.start]).lstrip(),
                     "after": re.sub(r"\s+", " ", text[m.span.end:hi]).rstrip() + ("…" if hi < len(text) else "")})
    return {"e": e, "rows": rows}


def audit_page(store, view: View) -> dict:
    owner = {m.id: (m, e) for e in view.kb.entities for m in e.mentions}

    def side(ref: str) -> dict:
        if ref not in owner:
            return {"text": ref, "doc": None, "href": None, "entity": None, "name": None}
        m, e = owner[ref]
        return {"text": m.text, "doc": m.span.doc, "href": href_doc(m.span.doc, f"m-{m.id}"), "entity": e.id,
                "name": e.name, "entity_href": href_actor(e.id)}
    rows = []
    for n, j in enumerate((j for j in store.judgements() if j.by != MACHINE), 1):
        why, when = unstamp(j.reason)
        a, b = side(j.a), side(j.b)
        holds = (a["entity"] is not None and b["entity"] is not None
                 and (a["entity"] == b["entity"]) == (j.verdict == "positive"))
        rows.append({"n": n, "key": judgement_key(j), "verdict": {"positive": "same", "negative": "apart"}.get(j.verdict, j.verdict),
                     "a": a, "b": b, "by": j.by, "when": when, "why": why, "holds": holds})
    return {"rows": rows, **fact_audit(store, view)}


# -- corrections of facts: reject one, choose the report an event's value follows -------------------
FIELD_NAMES = {"killed": "killed", "injured": "injured", "date": "date", "location": "place", "perpetrator": "perpetrator"}


def _span(doc: str, start: str, end: str) -> tuple[str, int, int]:
    if not (doc and start.isdigit() and end.isdigit()) or int(start) > int(end):
        raise Refused(400, "This form does not name a fact: open the page again.")
    return doc, int(start), int(end)


def _holding(store, evidence: Span) -> str | None:
    """The id of the event that holds the report with this evidence now."""
    return next((v.id for v in store.knowledge_base().events if any(r.evidence == evidence for r in v.reports)), None)


def reject_fact(store, kind: str, doc: str, start: str, end: str, by: str, why: str, back: str = "") -> str:
    """Reject one fact (a report, claim, relation or quote, named by its evidence span); returns the page
    to go back to: for a report, the event its other reports now form (or its document), else `back`."""
    if kind not in pipeline.FACT_KINDS:
        raise Refused(400, "One rejects a report, a claim, a relation or a quote.")
    by, why = checked(by, why)
    doc, lo, hi = _span(doc, start, end)
    others = []
    if kind == "report":
        v = next((v for v in store.knowledge_base().events if any(r.evidence == Span(doc, lo, hi) for r in v.reports)), None)
        others = [r.evidence for r in v.reports if r.evidence != Span(doc, lo, hi)] if v else []
    try:
        pipeline.reject(store, kind, doc, lo, hi, by=by, reason=why)
    except KeyError as err:
        raise Refused(409, f"There is no such {kind} in the knowledge base now ({err.args[0]}): open the page again.") from None
    home = next((h for h in (_holding(store, s) for s in others) if h), None)
    return href_event(home) if home else back if back.startswith("/") and not back.startswith("//") else href_doc(doc)


def choose_report(store, field: str, doc: str, start: str, end: str, by: str, why: str) -> str:
    """Make the event that holds this report show its value of `field`; returns the event's page."""
    if field not in FIELD_NAMES:
        raise Refused(400, "Choose one of the report's values: killed, injured, date, place or perpetrator.")
    by, why = checked(by, why)
    doc, lo, hi = _span(doc, start, end)
    try:
        pipeline.choose(store, field, doc, lo, hi, by=by, reason=why)
    except KeyError as err:
        raise Refused(409, f"This report is not in the knowledge base now, or gives no {FIELD_NAMES[field]} "
                           f"({err.args[0]}): open the event again.") from None
    home = _holding(store, Span(doc, lo, hi))
    return href_event(home) if home else href_doc(doc)


def fact_key(prefix: str, what: str, evidence: Span) -> str:
    """A rejection's ("R") or chosen report's ("C") handle in a form."""
    digest = hashlib.sha1(f"{what}\x00{evidence.doc}\x00{evidence.start}\x00{evidence.end}".encode()).hexdigest()[:16]
    return f"{prefix}-{digest}"


def undo_fact(store, key: str) -> bool:
    """Take back the rejection or chosen report with this key; False where the key is not one of theirs."""
    for r in store.rejections():
        if fact_key("R", r.kind, r.evidence) == key:
            pipeline.unreject(store, r.kind, r.evidence.doc, r.evidence.start, r.evidence.end)
            return True
    for o in store.overrides():
        if fact_key("C", o.field, o.evidence) == key:
            pipeline.unchoose(store, o.field, o.evidence.doc, o.evidence.start, o.evidence.end)
            return True
    return False


def fact_audit(store, view: View) -> dict:
    """The rejected facts and chosen reports, oldest first, numbered R1.. and C1.. as `kroniek judgements` numbers them."""
    events = {r.evidence: v for v in view.kb.events for r in v.reports}

    def fact(ev: Span) -> dict:
        d = view.docs.get(ev.doc)
        text = " ".join(ev.slice(d.text).split()) if d else ""
        v = events.get(ev)
        return {"doc": ev.doc, "span": f"{ev.start}–{ev.end}", "text": text[:157] + "…" if len(text) > 160 else text,
                "href": href_doc(ev.doc) if d else None, "event": v.id if v else None,
                "event_title": view.event_title(v) if v else None}

    def when(made_at: str) -> str:
        return made_at.replace("T", " ")[:16] + " UTC" if made_at else ""
    rejected = [{"n": f"R{i}", "key": fact_key("R", r.kind, r.evidence), "kind": r.kind, "fact": fact(r.evidence),
                 "by": r.by, "when": when(r.made_at), "why": r.reason} for i, r in enumerate(store.rejections(), 1)]
    chosen = [{"n": f"C{i}", "key": fact_key("C", o.field, o.evidence), "field": FIELD_NAMES.get(o.field, o.field),
               "fact": fact(o.evidence), "by": o.by, "when": when(o.made_at), "why": o.reason}
              for i, o in enumerate(store.overrides(), 1)]
    return {"rejected": rejected, "chosen": chosen}
