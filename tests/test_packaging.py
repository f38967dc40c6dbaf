"""The `baokan` command of a wheel installed into a fresh virtual environment (its console
script, not `python -m pipeline`): the wheel holds models/ and the plot font, `baokan info`
names the installed models, and `baokan run` outside the checkout writes the checkout's
tables (tests/test_install.py checks the same package imported through PYTHONPATH)."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd

from tests.conftest import REPO, SAMPLES

TABLES = ("documents", "articles", "sentences", "entities", "slogans", "statistics", "errors")


def _build_wheel(tmp_path: Path) -> Path:
    """The wheel of a copy of the checkout (building in place would leave build/ behind)."""
    from tests.test_install import IGNORED

    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=IGNORED)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "--quiet", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, capture_output=True, text=True, timeout=900)
    shutil.rmtree(source)
    return next((tmp_path / "dist").glob("baokan-*.whl"))


def _fresh_venv(tmp_path: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed; the dependencies come from this interpreter's
    site-packages through a .pth file (its editable Baokan is not visible there)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=300)
    purelib = next(venv.glob("lib/python*/site-packages"))
    (purelib / "_baokan_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True, text=True, timeout=900)
    return venv


def test_wheel_install_carries_its_models_and_gives_the_checkout_tables(tmp_path, sample_out):
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for model in ("segmenter", "ner", "ner_words"):
        assert f"pipeline/models/{model}/config.cfg" in names, model
    assert "pipeline/models/slogans/content_nb.json" in names
    assert "pipeline/fonts/BaokanSansSC-Regular.otf" in names

    venv = _fresh_venv(tmp_path, wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "BAOKAN_MODELS")}
    info = subprocess.run([str(venv / "bin" / "baokan"), "info"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert info.returncode == 0, info.stderr
    assert str(venv) in info.stdout and str(REPO / "models") not in info.stdout
    result = subprocess.run([str(venv / "bin" / "baokan"), "run", str(SAMPLES), "--out", "out",
                             "--workers", "1"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr
    for table in TABLES:
        installed = pd.read_parquet(elsewhere / "out" / table)
        checkout = pd.read_parquet(sample_out / table)
        assert len(installed) == len(checkout), table
    entities = [pd.read_parquet(out / "entities").sort_values(["doc_id", "start"])
                [["doc_id", "start", "end", "label", "text"]].reset_index(drop=True)
                for out in (elsewhere / "out", sample_out)]
    pd.testing.assert_frame_equal(*entities)
    versions = pd.read_parquet(elsewhere / "out" / "runs").model_versions.iloc[0]
    assert dict(versions)["tokenizer"] == "pkuseg"
