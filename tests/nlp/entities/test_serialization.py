"""Save and reload of the entity components: the NER models and the entity lexicons travel
with the pipeline (`nlp.to_disk` → `spacy.load`)."""

from __future__ import annotations

import shutil

import pytest
import spacy

from pipeline.nlp import resource_files
from pipeline.nlp.entities import component as entities  # noqa: F401  (the factories)
from pipeline.nlp.entities import ner_models
from pipeline.nlp.language import load_tokenizer_pipeline
from pipeline.paths import RESOURCES

# Texts written for these tests.
TEXTS = ["丽水市委书记吴舜泽在莲都区调研,强调要推进山海协作。",
         "瓯江山区的村民在衢州学院学习电工技术。"]
NEW_REGION = "瓯江山区"  # not in regions.txt


@pytest.fixture(autouse=True)
def shipped_lexicons():
    yield
    resource_files.reset()


def reloaded(nlp, tmp_path):
    nlp.to_disk(tmp_path / "saved")
    return spacy.load(tmp_path / "saved")


@pytest.mark.parametrize("factory, key", [("baokan_ner", ner_models.MODEL_KEY),
                                          ("baokan_ner_words", ner_models.WORD_MODEL_KEY)])
def test_ner_model_is_saved_with_the_pipeline(factory, key, tmp_path):
    if not (ner_models.model_dir(factory.removeprefix("baokan_")) / "config.cfg").exists():
        pytest.skip(f"models/{factory.removeprefix('baokan_')} not trained")
    nlp = load_tokenizer_pipeline()
    nlp.add_pipe(factory)
    loaded = reloaded(nlp, tmp_path)
    assert loaded.get_pipe(factory).model_path == tmp_path / "saved" / factory / "model"
    expected = [doc.user_data[key] for doc in nlp.pipe(TEXTS)]
    assert any(expected) and [doc.user_data[key] for doc in loaded.pipe(TEXTS)] == expected


def test_model_path_names_a_folder_of_models_or_a_path(tmp_path):
    assert ner_models.model_dir("ner") == ner_models.NER_DIR
    assert ner_models.model_dir(tmp_path) == tmp_path


def test_entity_lexicons_are_saved_with_the_pipeline(tmp_path):
    resources = tmp_path / "resources"
    shutil.copytree(RESOURCES, resources)
    with open(resources / "regions.txt", "a", encoding="utf-8") as handle:
        handle.write(NEW_REGION + "\n")
    nlp = load_tokenizer_pipeline()
    nlp.add_pipe("baokan_sentences")
    merger = nlp.add_pipe("baokan_entities")
    places = lambda language: {e.text for e in language(TEXTS[1]).ents if e.label_ == "LOC"}  # noqa: E731
    assert NEW_REGION not in places(nlp)
    merger.initialize(resources=str(resources))
    assert NEW_REGION in places(nlp)
    nlp.to_disk(tmp_path / "saved")
    resource_files.reset()
    assert NEW_REGION not in places(nlp)  # the shipped lexicons again
    loaded = spacy.load(tmp_path / "saved")
    assert NEW_REGION in places(loaded)
    assert (tmp_path / "saved" / "baokan_entities" / "regions.txt").exists()
