"""Web app (read side): full-text search over actors (with their aliases), events, documents and quotes.

An SQLite FTS5 table built from the `KnowledgeBase` in memory whenever the web app loads it
(`tokenize="unicode61 remove_diacritics 2"`: "somalie" finds "Somalië", "SHABAAB" finds "al-Shabaab").
It lives beside the store rather than in it for now; a persistent index kept up to date by the build
belongs in `store/` once a second reader wants it.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

from ..model import Document, KnowledgeBase

HIT_START, HIT_END = "\x02", "\x03"  # snippet markers no article holds; the template splits on them
KINDS = ("actor", "event", "document", "quote")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    kind: str  # actor | event | document | quote
    ref: str  # entity, event or document id (a quote's document)
    title: str
    snippet: list[tuple[str, bool]]  # (text, is a matched term)
    anchor: str = ""  # a place in the page (a quote's position in its document)


class SearchIndex:
    """One in-memory FTS5 table over everything the analyst may look for."""

    def __init__(self, kb: KnowledgeBase, names: dict[str, str], event_titles: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE hits USING fts5(kind UNINDEXED, ref UNINDEXED, anchor UNINDEXED, "
                         "title, body, tokenize='unicode61 remove_diacritics 2')")
        texts = {d.id: d.text for d in kb.documents}
        rows = []
        for e in kb.entities:
            rows.append(("actor", e.id, "", e.name, " ".join((*e.aliases, e.type, e.key or ""))))
        for v in kb.events:
            said = " ".join(" ".join(r.evidence.slice(texts.get(r.doc, "")).split()) for r in v.reports)
            rows.append(("event", v.id, "", event_titles[v.id], said))
        for d in kb.documents:
            rows.append(("document", d.id, "", d.title or first_line(d), d.text))
        for q in kb.quotes:
            text = texts.get(q.span.doc, "")
            said = " ".join(" ".join(p.slice(text).split()) for p in (q.passages or (q.span,)))
            rows.append(("quote", q.span.doc, f"q-{q.span.start}", names.get(q.speaker, q.speaker), said))
        with self._lock:
            self._db.executemany("INSERT INTO hits VALUES (?, ?, ?, ?, ?)", rows)

    def search(self, query: str, limit: int = 30) -> dict[str, list[Hit]]:
        """Every kind's best hits for the words of `query`, each word matched as a prefix; ranked by
        bm25 with the title counting three times the body. Nothing of `query` reaches FTS5's syntax."""
        words = WORD.findall(query)
        found: dict[str, list[Hit]] = {k: [] for k in KINDS}
        if not words:
            return found
        match = " ".join('"' + w.replace('"', '""') + '"*' for w in words[:12])
        with self._lock:
            for kind in KINDS:
                rows = self._db.execute(
                    "SELECT ref, anchor, title, snippet(hits, -1, ?, ?, ' … ', 24) FROM hits "
                    "WHERE hits MATCH ? AND kind = ? ORDER BY bm25(hits, 3.0, 1.0) LIMIT ?",
                    (HIT_START, HIT_END, match, kind, limit)).fetchall()
                found[kind] = [Hit(kind, ref, title, _marked(snip), anchor) for ref, anchor, title, snip in rows]
        return found


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """A snippet with FTS5's markers as (text, matched) pieces, whitespace squeezed."""
    out = []
    for i, piece in enumerate(re.split(f"[{HIT_START}{HIT_END}]", " ".join(snippet.split()))):
        if piece:
            out.append((piece, i % 2 == 1))
    return out


def first_line(doc: Document, width: int = 90) -> str:
    """A heading for an untitled document: its first line, after the header date when the line starts
    with one, cut at `width` characters."""
    text, ev = doc.text, doc.header_date.evidence if doc.header_date else None
    if ev is not None and "\n" not in text[:ev.end]:
        text = text[ev.end:]
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= width else line[:width - 1].rstrip(" .,;:–-") + "…"
