"""Shared test helpers: the span invariant, small documents, the seed corpus location."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# a first example may load a model or a table (spaCy, anyascii, dateparser): time is for benchmarks, not tests
settings.register_profile("kroniek", deadline=None)
settings.load_profile("kroniek")

from kroniek.ingest.metadata import describe
from kroniek.ingest.readers import content_sha1
from kroniek.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.yaml"
SCORER = SHARED / "eval" / "score.py"
HAS_FROG = shutil.which("frog") is not None



def synth_corpus():
    """`scripts/synth_corpus.py` (synthetic articles from our own templates) as a module."""
    spec = importlib.util.spec_from_file_location("synth_corpus", ROOT / "scripts" / "synth_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module

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


def make_context(text: str, names: dict, published: str | None = None, doc_id: str = "t1", language: str = "nl",
                 parsed: bool = False):
    """A DocContext whose entities are every occurrence of the given names.

    names: surface -> (type, gazetteer key or None, country code or None); surfaces of one entity are
    joined with "|" ("IS|Islamitische Staat")."""
    from dataclasses import replace

    from kroniek.extract.context import DocContext
    from kroniek.model import DateValue, Entity, Mention, Span

    doc = make_doc(text, doc_id, language)
    if published:
        doc = replace(doc, published=DateValue(published, "header"))
    entities = []
    taken: list[tuple[int, int]] = []
    for n, (surfaces, (kind, key, country)) in enumerate(names.items()):
        mentions = []
        for surface in sorted(surfaces.split("|"), key=len, reverse=True):
            i = text.find(surface)
            while i >= 0:
                end = i + len(surface)
                boundary = (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()
                                                                      or text[end] == "-")
                if boundary and not any(s < end and i < e for s, e in taken):
                    taken.append((i, end))
                    mentions.append(Mention(f"M{n}_{i}", Span(doc.id, i, end), surface, kind, "test", key))
                i = text.find(surface, i + 1)
        entities.append(Entity(f"E{n}", kind, surfaces.split("|")[0], tuple(surfaces.split("|")[1:]),
                               tuple(sorted(mentions, key=lambda m: m.span.start)), key=key, country=country))
    layer = None
    if parsed:  # the text layer of kroniek's own pipeline: lemmas, tags and parse
        from kroniek.nlp.pipelines import load_pipeline
        from kroniek.text import TextLayer

        layer = TextLayer(load_pipeline(language)(text))
    return DocContext.build(doc, entities, layer), {e.name: e.id for e in entities}


class CountedReads:
    """Mixed into a sequence of tokens, it counts how often one is read: a test shows with it that the
    work per token does not grow with the length of the text."""

    reads = 0

    def __iter__(self):
        for t in super().__iter__():
            CountedReads.reads += 1
            yield t

    def __getitem__(self, k):
        got = super().__getitem__(k)
        CountedReads.reads += len(got) if isinstance(k, slice) else 1
        return got
