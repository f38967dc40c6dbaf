"""Save and reload of `baokan_statistics`: the unit table travels with the pipeline."""

from __future__ import annotations

import shutil

import pytest
import spacy

from pipeline.nlp import components, resource_files  # noqa: F401  (components: the factories)
from pipeline.nlp.language import load_tokenizer_pipeline
from pipeline.paths import RESOURCES

TEXT = "今年以来,衢州站累计开行中欧班列12列,同比增长20%。"  # written for this test


@pytest.fixture(autouse=True)
def shipped_units():
    yield
    resource_files.reset()


def units_found(nlp) -> set:
    doc = nlp(TEXT)
    return {span._.statistic["unit"] for span in doc.spans["statistics"]}


def test_unit_table_is_saved_with_the_pipeline(tmp_path):
    resources = tmp_path / "resources"
    resources.mkdir()
    shutil.copy(RESOURCES / "units.tsv", resources)
    with open(resources / "units.tsv", "a", encoding="utf-8") as handle:
        handle.write("列\t列\t1\tcount\n")
    nlp = load_tokenizer_pipeline()
    nlp.add_pipe("baokan_sentences")
    component = nlp.add_pipe("baokan_statistics")
    assert "列" not in units_found(nlp)
    component.initialize(resources=str(resources))
    assert {"列", "%"} <= units_found(nlp)
    nlp.to_disk(tmp_path / "saved")
    resource_files.reset()
    assert "列" not in units_found(nlp)
    assert {"列", "%"} <= units_found(spacy.load(tmp_path / "saved"))
