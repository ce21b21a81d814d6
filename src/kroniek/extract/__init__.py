"""Extract stage: facts with their spans, from annotated documents."""
from .aliases import extract_alias_links
from .mentions import extract_mentions

__all__ = ["extract_alias_links", "extract_mentions"]
