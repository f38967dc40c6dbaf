"""A hard error naming the path when a trained model is missing or unreadable.

The models are found through `pipeline.paths.MODELS`: `BAOKAN_MODELS`, else `pipeline/models`
inside an installed wheel, else `models/` of the checkout. There is no silent fallback: a run
whose models are missing or unreadable stops before reading any input (the runner checks
them all first), as spaCy's own loader does for a missing package.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.paths import MODELS

MODELS_DIR = MODELS
ENV = "BAOKAN_MODELS"


class ModelError(RuntimeError):
    """A model directory or file that a run needs is missing or unreadable."""


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
