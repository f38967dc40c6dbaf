"""A missing or unreadable model is a hard error naming the path, never a silent fallback
to a character tokenizer or to no NER (as a wheel install without models/ gave)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline.model_files import MODELS_DIR, ModelError
from tests.conftest import SAMPLES


def _models_copy(tmp_path, broken: str | None = None):
    """A models/ directory of symlinks to the shipped models, `broken` left out."""
    root = tmp_path / "models"
    root.mkdir()
    for folder in MODELS_DIR.iterdir():
        if folder.is_dir() and folder.name != broken:
            (root / folder.name).symlink_to(folder)
    return root


def _run(models, out, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BAOKAN_MODELS": str(models)}
    return subprocess.run([sys.executable, "-m", "pipeline", "run", str(SAMPLES / "feed.jsonl"),
                           "--out", str(out), "--workers", "1", *args],
                          capture_output=True, text=True, timeout=600, env=env)


def test_tokenizer_pipeline_without_a_model_raises(tmp_path):
    from pipeline.nlp.language import load_tokenizer_pipeline

    with pytest.raises(ModelError, match=str(tmp_path / "segmenter")):
        load_tokenizer_pipeline(model_dir=tmp_path / "segmenter")


def test_entity_stage_without_its_model_raises(tmp_path):
    from pipeline.nlp.entities import ner_models
    from pipeline.nlp.settings import Settings

    config = {"model_path": str(tmp_path / "ner")}
    with pytest.raises(ModelError, match=str(tmp_path / "ner")):
        ner_models.runs_model(ner_models.MODEL_KEY, config, Settings(ner="chars"))
    assert not ner_models.runs_model(ner_models.MODEL_KEY, config, Settings(ner="words"))


@pytest.mark.parametrize("missing", ["segmenter", "ner_words"])
def test_run_without_a_model_exits_one_naming_it(tmp_path, missing):
    models = _models_copy(tmp_path, broken=missing)
    result = _run(models, tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert f"model not found: {models / missing}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "documents").exists()


def test_run_with_an_unreadable_model_exits_one_naming_the_file(tmp_path):
    models = _models_copy(tmp_path, broken="segmenter")
    segmenter = models / "segmenter"
    segmenter.mkdir()
    for item in (MODELS_DIR / "segmenter").iterdir():
        (segmenter / item.name).symlink_to(item)
    (segmenter / "config.cfg").unlink()
    (segmenter / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    result = _run(models, tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert f"model unreadable: {segmenter / 'config.cfg'}" in result.stderr


def test_words_only_run_needs_no_character_model(tmp_path):
    models = _models_copy(tmp_path, broken="ner")
    result = _run(models, tmp_path / "out", "--ner", "words")
    assert result.returncode == 0, result.stderr
