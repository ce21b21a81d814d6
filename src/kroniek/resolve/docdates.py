"""Resolve stage: publication dates that only the corpus as a whole can settle."""
from __future__ import annotations

from ..model import Document, Entity


def date_documents(docs: list[Document], entities: list[Entity]) -> list[Document]:
    return docs
