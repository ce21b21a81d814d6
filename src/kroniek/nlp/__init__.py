"""NLP stage: backends that annotate documents with tokens, sentences and entity spans."""
from . import frog, lite, pipelines, spacy_pipeline  # noqa: F401  (registers the built-in backends)
from .base import BACKENDS, Backend, BackendUnavailable, get_backend

__all__ = ["BACKENDS", "Backend", "BackendUnavailable", "get_backend"]
