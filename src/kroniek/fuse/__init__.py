"""Fuse stage: one event from the reports of several documents, and the places where they disagree."""
from .claims import claim_conflicts
from .events import fuse_events

__all__ = ["claim_conflicts", "fuse_events"]
