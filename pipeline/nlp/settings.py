"""Pipeline settings chosen per run (`baokan run --ner …`), passed to every stage's `add_to`.

A frozen dataclass: hashable (the per-process pipeline cache is keyed by it) and picklable
(it travels with each batch to pool and Dask workers).
"""

from __future__ import annotations

from dataclasses import dataclass

# `ner` choices; pipeline.nlp.entities.NER_SETUPS says which models each one runs.
NER_CHOICES = ("both", "words", "chars", "rules")


@dataclass(frozen=True)
class Settings:
    """`ner`: which trained NER models run — both (default), words, chars or rules (none)."""

    ner: str = "both"


DEFAULT_SETTINGS = Settings()
