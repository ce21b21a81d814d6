"""Knowledge shipped as data files (gazetteers, lexicons); each file names its source."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def data_path(name: str):
    return resources.files(__name__).joinpath(name)


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    return yaml.safe_load(data_path(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated data file, comment lines (#) and blank lines left out."""
    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return tuple(rows)


class NoLexicon(KeyError):
    """kroniek has no lexicon for this language: its documents are read for names only."""


def _languages() -> tuple[str, ...]:
    """Every language with both a names lexicon and fact cues among the data files."""
    def codes(folder: str) -> set[str]:
        return {f.name.removesuffix(".yaml") for f in data_path(folder).iterdir()
                if f.name.endswith(".yaml") and len(f.name) == len("xx.yaml")}
    return tuple(sorted(codes("lexicon") & codes("facts")))


LANGUAGES = _languages()


def has_lexicon(lang: str | None) -> bool:
    return lang in LANGUAGES


@lru_cache(maxsize=None)
def lexicon(lang: str | None) -> dict:
    """The names lexicon of `lang` (`data/lexicon/{lang}.yaml`). There is no fallback: a language
    without one raises `NoLexicon`, and the caller reads the document for names only."""
    if not has_lexicon(lang):
        raise NoLexicon(f"no lexicon for language {lang!r}; kroniek has {', '.join(LANGUAGES)}")
    return load_yaml(f"lexicon/{lang}.yaml")


@lru_cache(maxsize=None)
def lexicon_words(key: str) -> frozenset[str]:
    """The words under `key` in every language's lexicon: articles quote across languages."""
    return frozenset(w for lang in LANGUAGES for w in lexicon(lang)[key])


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Lower-case words that may stand inside a name ("van", "al", "bin"), from every language's lexicon."""
    return frozenset(p for p in lexicon_words("name_particles") if " " not in p)


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names in lower case: never (part of) an entity's name."""
    months = load_yaml("lexicon/months.yaml")
    return frozenset(m.lower() for forms in months.values() for m in forms) | lexicon_words("weekdays")


def is_particle_name(word: str, particles: frozenset[str] | set[str] | None = None) -> bool:
    """"al-Adl", "bin-Laden": a name particle glued to a capitalised name, part of the name."""
    head, _, tail = word.partition("-")
    return head.lower() in (name_particles() if particles is None else particles) and tail[:1].isupper()
