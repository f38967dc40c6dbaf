"""pipeline.paths: every directory Baokan reads, each overridable from the environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline import paths

SHOW = "import pipeline.paths as p; print(p.MODELS, p.RESOURCES, p.CORPORA, p.SEED)"


@pytest.mark.skipif(any(k.startswith("BAOKAN_") and k[7:] in ("MODELS", "RESOURCES", "CORPORA",
                                                              "SEED") for k in os.environ),
                    reason="a BAOKAN_ directory override is set")
def test_defaults_are_the_checkout_models_resources_and_shared_corpora():
    assert paths.MODELS == paths.CHECKOUT / "models" and (paths.MODELS / "ner").is_dir()
    assert paths.RESOURCES == paths.PACKAGE / "resources"
    assert paths.CORPORA == paths.CHECKOUT.parent / "shared" / "corpora"
    assert paths.SEED == paths.CHECKOUT.parent / "shared" / "seed"


def test_environment_overrides_each_directory(tmp_path):
    names = ("MODELS", "RESOURCES", "CORPORA", "SEED")
    env = {**os.environ, "PYTHONPATH": str(paths.CHECKOUT),
           **{f"BAOKAN_{name}": str(tmp_path / name.lower()) for name in names}}
    shown = subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True,
                           text=True, check=True, cwd=tmp_path).stdout.split()
    assert shown == [str(tmp_path / name.lower()) for name in names]
