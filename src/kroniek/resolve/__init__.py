"""Resolve stage: mentions to entities, and corpus-level document dates."""
from .entities import resolve_entities

__all__ = ["resolve_entities"]
