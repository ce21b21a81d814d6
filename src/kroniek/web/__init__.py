"""Web app: `kroniek serve`, the analyst's desk over one knowledge base (search, actor dossiers,
events, documents with their facts highlighted, timeline, map, relation graph, conflicts, and the
corrections analysts make, kept as judgements). Needs the `web` extra."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
