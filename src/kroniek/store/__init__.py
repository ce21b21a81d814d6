"""Store stage: the knowledge base in SQL (SQLAlchemy Core)."""
from .sql import SCHEMA_VERSION, SchemaError, Store, StoreError

__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreError"]
