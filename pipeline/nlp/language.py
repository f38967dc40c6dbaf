"""Build and cache the Baokan spaCy pipeline.

The trained parts live under `models/` (the pkuseg tokenizer in `models/segmenter`, the
NER model in `models/ner`); the rule components are added here from code and the
versioned lexicons in `pipeline/resources/`, so an analyst who extends a lexicon does not
have to re-package a model.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.model_files import require_pipeline_dir
from pipeline.nlp import sentences  # noqa: F401  (registers baokan_sentences)
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.normalize import to_halfwidth
from pipeline.paths import MODELS
from pipeline.version import tree_digest

MODELS_DIR = MODELS
SEGMENTER_DIR = MODELS_DIR / "segmenter"

# Stage → component module, in pipeline order. Each module defines `add_to(nlp, settings)`
# (adds its registered components) and registers its table extractors with
# `pipeline.tables.rows.register`.
STAGE_MODULES: dict[str, str] = {
    "entities": "pipeline.nlp.entities.component",
    "slogans": "pipeline.nlp.slogans.component",
    "statistics": "pipeline.nlp.statistics.component",
}

if not Doc.has_extension("meta"):
    # Article context set before the components run: {"city": "丽水市", "date": date, ...}
    Doc.set_extension("meta", default=None)


def load_tokenizer_pipeline(user_dict: bool = True, model_dir: Path | None = None) -> Language:
    """A `zh` Language with the shipped Baokan pkuseg tokenizer (ModelError if absent).

    The domain user dictionary (pipeline/resources/userdict.txt + the slogans lexicon) is
    applied at load time, so extending it needs no re-packaging. `model_dir` replaces
    `models/segmenter` (to evaluate a candidate model).
    """
    from pipeline.nlp.tokenizer import pkuseg as tokenizer  # registers baokan.ChineseTokenizer.v1

    model_dir = SEGMENTER_DIR if model_dir is None else Path(model_dir)
    nlp = spacy.load(require_pipeline_dir(model_dir))
    if user_dict:
        nlp.tokenizer.pkuseg_update_user_dict(tokenizer.domain_user_dict())
        nlp.tokenizer.force_words(tokenizer.domain_forced_words())
    return nlp


def keep_lexemes(vocab, strings: Iterable[str]) -> None:
    """Create the lexemes of `strings` now, outside any memory zone, so that they outlive
    every batch's zone: otherwise each batch builds the lexemes of its common words again
    (≈ 30 µs each; about 9 % of an end-to-end run with `--ner words`)."""
    for string in strings:
        vocab[string]  # noqa: B018  (the lookup creates the lexeme)


def build(components: tuple[str, ...] | None = None,
          settings: Settings = DEFAULT_SETTINGS) -> Language:
    """Assemble the full pipeline: tokenizer, sentences, entities, slogans, statistics."""
    nlp = load_tokenizer_pipeline()
    model = getattr(nlp.tokenizer, "model", None)
    if model is not None:  # the segmenter's training words, in the pipeline's half-width form
        keep_lexemes(nlp.vocab, (to_halfwidth(word) for word in model.vocabulary))
    nlp.add_pipe("baokan_sentences")
    for stage, module_name in STAGE_MODULES.items():
        if components is None or stage in components:
            importlib.import_module(module_name).add_to(nlp, settings)
    return nlp


@lru_cache(maxsize=4)
def nlp(settings: Settings = DEFAULT_SETTINGS) -> Language:
    """The loaded Baokan pipeline, cached per process (and per `settings`)."""
    return build(settings=settings)


@lru_cache(maxsize=4)
def model_versions(settings: Settings = DEFAULT_SETTINGS) -> dict[str, str]:
    """Name → content fingerprint of each shipped model directory, read without loading any
    model (the `runs` table; the main process of a pooled or Dask run never needs the
    pipeline), plus the run's NER setup (a different setup writes different entities)."""
    versions = {"tokenizer": "pkuseg" if (SEGMENTER_DIR / "config.cfg").exists() else "char",
                "ner_setup": settings.ner}
    for folder in sorted(MODELS_DIR.iterdir()) if MODELS_DIR.exists() else []:
        if folder.is_dir():
            versions[folder.name] = tree_digest(folder)
    return versions
