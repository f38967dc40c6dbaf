"""Build and cache the Baokan spaCy pipeline.

The trained parts live under `models/` (the pkuseg tokenizer in `models/segmenter`, the
NER models in `models/ner` and `models/ner_words`, the slogan content model in
`models/slogans`); the components, their order and settings come from `pipeline.cfg` beside
this module, and the rule components read the versioned lexicons in `pipeline/resources/`,
so an analyst who extends a lexicon does not have to re-package a model. `nlp.to_disk(DIR)`
saves all of it; `spacy.load(DIR)` loads it back without models/ or resources/.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from pipeline.nlp import sentences  # noqa: F401  (registers baokan_sentences)
from pipeline.nlp.lexemes import keep_lexemes
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.nlp.tokenizer.segmenter import SEGMENTER_DIR, load_tokenizer_pipeline
from pipeline.normalize import to_halfwidth
from pipeline.paths import MODELS
from pipeline.version import tree_digest

MODELS_DIR = MODELS
PIPELINE_CONFIG = Path(__file__).with_name("pipeline.cfg")
__all__ = ["SEGMENTER_DIR", "build", "keep_lexemes", "load_tokenizer_pipeline", "nlp"]

if not Doc.has_extension("meta"):
    # Article context set before the components run: {"city": "丽水市", "date": date, ...}
    Doc.set_extension("meta", default=None)


def pipeline_config(path: Path = PIPELINE_CONFIG) -> Config:
    """The component order and settings (`pipeline.cfg`)."""
    return Config().from_disk(path)


def build(settings: Settings = DEFAULT_SETTINGS, config: Config | None = None) -> Language:
    """Assemble the full pipeline: the tokenizer, then the components of `config` in order
    (the NER models of `settings.ner` that are trained)."""
    from pipeline.nlp import components  # noqa: F401  (registers the factories)
    from pipeline.nlp.entities.ner_models import runs_model

    config = pipeline_config() if config is None else config
    nlp = load_tokenizer_pipeline()
    model = getattr(nlp.tokenizer, "model", None)
    if model is not None:  # the segmenter's training words, in the pipeline's half-width form
        keep_lexemes(nlp.vocab, (to_halfwidth(word) for word in model.vocabulary))
    for name in config["nlp"]["pipeline"]:
        component = dict(config["components"][name])
        factory = component.pop("factory")
        if runs_model(factory, component, settings):
            nlp.add_pipe(factory, name=name, config=component)
    return nlp


def assemble(directory: Path, settings: Settings = DEFAULT_SETTINGS) -> Language:
    """Build the pipeline from models/ and pipeline/resources/ and save it to `directory`,
    for `spacy.load(directory)` anywhere (`baokan assemble`)."""
    language = build(settings)
    language.to_disk(directory)
    return language


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
