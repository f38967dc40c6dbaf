"""The shipped segmenter (models/segmenter) loaded as a spaCy pipeline with only a tokenizer."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.model_files import require_pipeline_dir
from pipeline.nlp.tokenizer import pkuseg
from pipeline.paths import MODELS

SEGMENTER_DIR = MODELS / "segmenter"


def load_tokenizer_pipeline(user_dict: bool = True, model_dir: Path | None = None) -> Language:
    """A `zh` Language with the shipped Baokan pkuseg tokenizer (ModelError if absent).

    The domain user dictionary (pipeline/resources/userdict.txt + the slogans lexicon) is
    applied at load time, so extending it needs no re-packaging. `model_dir` replaces
    `models/segmenter` (to evaluate a candidate model).
    """
    model_dir = SEGMENTER_DIR if model_dir is None else Path(model_dir)
    nlp = spacy.load(require_pipeline_dir(model_dir))  # no silent character fallback
    if user_dict:
        nlp.tokenizer.pkuseg_update_user_dict(pkuseg.domain_user_dict())
        nlp.tokenizer.force_words(pkuseg.domain_forced_words())
    return nlp
