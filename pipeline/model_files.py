"""Where the trained models are, and a hard error naming the path when one is missing.

Looked up in this order: `BAOKAN_MODELS` (a directory holding segmenter/, ner/, ner_words/,
slogans/), `pipeline/models` inside an installed wheel, `models/` of the checkout. There is
no silent fallback: a run whose models are missing or unreadable stops before reading any
input (`require`), as spaCy's own loader does for a missing package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT_MODELS = PACKAGE.parent / "models"
ENV = "BAOKAN_MODELS"


class ModelError(RuntimeError):
    """A model directory or file that a run needs is missing or unreadable."""


def models_dir() -> Path:
    """The directory holding the model folders (see the module docstring)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).resolve()
    packaged = PACKAGE / "models"
    return packaged if (packaged / "segmenter").is_dir() else CHECKOUT_MODELS


MODELS_DIR = models_dir()


def require_pipeline_dir(path: Path) -> Path:
    """`path` if it holds a readable spaCy pipeline (config.cfg parses), else ModelError."""
    config = Path(path) / "config.cfg"
    if not config.is_file():
        raise ModelError(f"model not found: {path} (no config.cfg there); "
                         f"reinstall Baokan or set {ENV}=DIR to a copy of its models/")
    require_files(Path(path))
    from thinc.api import Config

    try:
        Config().from_str(config.read_text(encoding="utf-8"), interpolate=False)
    except Exception as exc:  # thinc raises several types for a malformed config
        raise ModelError(f"model unreadable: {config}: {exc}") from exc
    return Path(path)


def require_files(path: Path) -> None:
    """Every file under `path` (or `path` itself) opens and reads, else ModelError."""
    if not path.exists():
        raise ModelError(f"model not found: {path}; reinstall Baokan or set {ENV}=DIR")
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if not p.is_dir())
    for file in files:
        try:
            with file.open("rb") as stream:
                stream.read(1)
        except OSError as exc:
            raise ModelError(f"model unreadable: {file}: {exc.strerror or exc}") from exc


def require(ner: str) -> list[Path]:
    """Check the models a run with `--ner ner` loads; returns their paths."""
    from pipeline.nlp import entities
    from pipeline.nlp.language import SEGMENTER_DIR
    from pipeline.nlp.slogan_model import MODEL_PATH

    pipelines = [SEGMENTER_DIR, *(entities.MODEL_DIRS[key] for key in entities.NER_SETUPS[ner])]
    for path in pipelines:
        require_pipeline_dir(path)
    require_files(MODEL_PATH)
    return [*pipelines, MODEL_PATH]
