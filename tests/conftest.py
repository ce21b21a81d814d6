"""Shared test helpers: the span invariant, small documents, the seed corpus location."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kroniek.ingest.metadata import describe
from kroniek.ingest.readers import content_sha1
from kroniek.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.yaml"
SCORER = SHARED / "eval" / "score.py"
HAS_FROG = shutil.which("frog") is not None


def assert_spans_match(doc: Document, spans) -> None:
    """Every span (Mention, NerSpan, Token or Span) slices the document text to its surface form."""
    for s in spans:
        span = getattr(s, "span", s)
        assert 0 <= span.start <= span.end <= len(doc.text), s
        if hasattr(s, "text"):
            assert doc.text[span.start:span.end] == s.text, (s, doc.text[span.start:span.end])


def make_doc(text: str, doc_id: str = "t1", language: str | None = None) -> Document:
    doc = describe(Document(id=doc_id, text=text, sha1=content_sha1(text)))
    if language:
        from dataclasses import replace

        doc = replace(doc, language=language)
    return doc


@pytest.fixture
def doc_factory():
    return make_doc
