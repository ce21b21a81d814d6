"""Export stage: the knowledge base as the `kroniek-kb/1` JSON format (see EXPORT.md)."""
from .json_export import to_json

__all__ = ["to_json"]
