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


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Lower-case words that may stand inside a name ("van", "al", "bin"), from every language's lexicon."""
    return frozenset(p for lang in ("nl", "en") for p in load_yaml(f"lexicon/{lang}.yaml")["name_particles"]
                     if " " not in p)
