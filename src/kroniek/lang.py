"""Language identification shared by the ingest and NLP stages (lingua, offline models)."""
from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("nl", "en", "de", "fr", "es", "it")


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str, default: str | None = None) -> str | None:
    """ISO 639-1 code of `text`'s language, or `default` when the text is too short to tell."""
    sample = text[:3000]
    if sum(ch.isalpha() for ch in sample) < 12:
        return default
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else default
