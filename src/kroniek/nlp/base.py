"""NLP stage interface: a backend annotates documents with tokens, sentences and entity spans.

Backends are registered by name in `BACKENDS`; third parties can add theirs through the
`kroniek.backends` entry point group. Every backend returns offsets into `Document.text`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..model import Annotation, Document, StageSpec

# what every backend does; a backend class may declare its own `stage` (it must assign the same)
NLP_STAGE = StageSpec("nlp", ("documents",), ("annotations", "layers"))


class Backend(Protocol):
    name: str

    def annotate(self, docs: Sequence[Document]) -> list[Annotation]:
        """One `Annotation` per document, in order."""
        ...

    def close(self) -> None: ...


class BackendUnavailable(RuntimeError):
    """E001: the backend cannot run here (a program or model is missing)."""


BACKENDS: dict[str, Callable[..., Backend]] = {}


def register(name: str):
    def wrap(factory):
        BACKENDS[name] = factory
        return factory
    return wrap


def get_backend(name: str, **options) -> Backend:
    if name not in BACKENDS:
        from importlib.metadata import entry_points

        for ep in entry_points(group="kroniek.backends"):
            if ep.name == name:
                BACKENDS[name] = ep.load()
    if name not in BACKENDS:
        raise BackendUnavailable(f"E002: unknown backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    return BACKENDS[name](**options)


FROG_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "PRO": "MISC", "EVE": "MISC"}


def spans_from_bio(tokens, tags, source: str) -> list:
    """NER spans from per-token BIO tags ("B-PER", "I-PER", "O"); tokens carry offsets."""
    from ..model import NerSpan

    spans, start, end, label = [], None, None, None
    for tok, tag in zip(tokens, tags):
        tag = tag or "O"
        kind = tag[2:].upper() if len(tag) > 2 else ""
        if tag.startswith("B-") or (tag.startswith("I-") and FROG_LABELS.get(kind) != label):
            if start is not None:
                spans.append(NerSpan(start, end, label, source))
            start, end, label = tok.start, tok.end, FROG_LABELS.get(kind, "MISC")
        elif tag.startswith("I-") and start is not None:
            end = tok.end
        else:
            if start is not None:
                spans.append(NerSpan(start, end, label, source))
            start = None
    if start is not None:
        spans.append(NerSpan(start, end, label, source))
    return spans
