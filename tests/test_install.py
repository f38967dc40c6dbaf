"""A non-editable install (a wheel built from this checkout, installed into a separate
directory) finds its models and lexicons, runs `baokan run` on the samples from another
directory, and `spacy.load` of an assembled pipeline finds Baokan's factories through the
package's entry points alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.paths import CHECKOUT
from tests.conftest import SAMPLES

IGNORED = shutil.ignore_patterns(".git", ".venv", "out", "build", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".ruff_cache", ".hypothesis")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """site-packages-like directory holding only the installed Baokan package."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    shutil.copytree(CHECKOUT, source, ignore=IGNORED)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(root / "wheel"),  # as `pip install .`
                    str(source)], check=True, cwd=root)
    wheel = next((root / "wheel").glob("baokan-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(root / "site"), str(wheel)],
                   check=True, cwd=root)
    shutil.rmtree(source)
    return root / "site"


def run_installed(site, args: list[str], cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAOKAN_")}
    env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)


def test_installed_package_carries_its_models_and_runs_elsewhere(installed, tmp_path, sample_out):
    where = run_installed(installed, ["-c", "import pipeline.paths as p; print(p.MODELS); "
                                            "print(p.RESOURCES)"], tmp_path)
    models, resources = where.stdout.split()
    assert models == str(installed / "pipeline" / "models")
    assert resources == str(installed / "pipeline" / "resources")
    run_installed(installed, ["-m", "pipeline", "run", str(SAMPLES), "--out", "out", "-w", "1"],
                  tmp_path)
    for table in ("entities", "slogans", "statistics"):
        got = pd.read_parquet(tmp_path / "out" / table).drop(columns="run_id")
        want = pd.read_parquet(sample_out / table).drop(columns="run_id")
        key = list(got.columns[:6])
        assert got.sort_values(key).reset_index(drop=True).equals(
            want.sort_values(key).reset_index(drop=True)), table
    runs = pd.read_parquet(tmp_path / "out" / "runs")
    assert dict(runs.model_versions[0]) == dict(pd.read_parquet(sample_out / "runs").model_versions[0])


def test_spacy_load_finds_the_factories_through_entry_points(installed, tmp_path):
    run_installed(installed, ["-m", "pipeline", "assemble", "saved", "--ner", "words"], tmp_path)
    code = ("import sys, spacy; nlp = spacy.load('saved'); "
            "doc = nlp('丽水市委书记吴舜泽在莲都区调研,全市生产总值增长7.8%。'); "
            "print(nlp.pipe_names); print(sorted({e.label_ for e in doc.ents})); "
            "print(len(doc.spans['statistics'])); print(sys.modules['pipeline'].__file__)")
    lines = run_installed(installed, ["-c", code], tmp_path).stdout.splitlines()
    assert lines[0] == str(["baokan_sentences", "baokan_ner_words", "baokan_entities",
                            "baokan_slogans", "baokan_statistics"])
    assert lines[1] == str(["LOC", "ORG", "PER"]) and int(lines[2]) >= 1
    assert lines[3].startswith(str(installed))
