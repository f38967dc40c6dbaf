"""Where Baokan finds its data: every directory it reads, computed once, here.

Each can be overridden by an environment variable, read when this module is first imported:

- `BAOKAN_MODELS`    the trained models (default: `pipeline/models/` in an installed package,
  `models/` beside the `pipeline` package in a checkout);
- `BAOKAN_RESOURCES` the versioned lexicons (default: `pipeline/resources/`);
- `BAOKAN_CORPORA`   the shared training and evaluation corpora (default:
  `../shared/corpora` beside the checkout; read by `train/` and `evaluate/` only);
- `BAOKAN_SEED`      the seed page used by the evaluations (default: `../shared/seed`).

Runtime code (everything outside `train/` and `evaluate/`) reads only MODELS and RESOURCES.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
SHARED = CHECKOUT.parent / "shared"


def _directory(variable: str, default: Path) -> Path:
    """`$variable` as a path when set (and not empty), else `default`."""
    value = os.environ.get(variable)
    return Path(value).expanduser().resolve() if value else default


def _shipped_models() -> Path:
    """models/ of an installed package (pipeline/models), else of the checkout."""
    installed = PACKAGE / "models"
    return installed if installed.is_dir() else CHECKOUT / "models"


MODELS = _directory("BAOKAN_MODELS", _shipped_models())
RESOURCES = _directory("BAOKAN_RESOURCES", PACKAGE / "resources")
CORPORA = _directory("BAOKAN_CORPORA", SHARED / "corpora")
SEED = _directory("BAOKAN_SEED", SHARED / "seed")
EVALUATION_DATA = PACKAGE / "evaluate" / "data"
TRAINING_CONFIGS = PACKAGE / "train"
