"""The whole Baokan pipeline saved with `nlp.to_disk(DIR)` and loaded with `spacy.load(DIR)` in
a fresh process — with models/ and pipeline/resources/ out of reach — gives the same rows on
the sample archive; DIR/config.cfg holds no absolute path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from pipeline.paths import CHECKOUT
from tests.conftest import SAMPLES

RUN_ID = "saved-pipeline-test"
# Written for these tests: a village found only through the gazetteer (villages.tsv.gz).
VILLAGE_TEXTS = ["安吉县天荒坪镇负责人介绍,安吉县坚持绿色发展。余村诞生了“两山”理念,农村面貌一新。"]


def sample_rows(language) -> dict[str, list[dict]]:
    """Rows of every table but `documents` for the sample archive, as a run writes them."""
    from pipeline.engine.batch import Document, _process
    from pipeline.ingest import IngestError, expand_inputs, iter_sources
    from pipeline.normalize import normalize
    from pipeline.runner import _articles

    documents = []
    for item in iter_sources(expand_inputs([SAMPLES])):
        if isinstance(item, IngestError):
            continue
        text = normalize(item.text)
        documents.append(Document(item, str(len(documents)), text, _articles(text, item.title)))
    tables = _process(language, documents, RUN_ID).tables
    return {name: rows for name, rows in sorted(tables.items()) if name != "documents"}


def main(saved: str, out: str) -> None:
    """In a fresh process: load the saved pipeline and write its sample rows as JSON."""
    import spacy

    if not any(e.name == "baokan_ner" for e in entry_points(group="spacy_factories")):
        import pipeline.nlp.components  # noqa: F401  (a checkout that is not installed)
    language = spacy.load(saved)
    rows = sample_rows(language)
    rows["village_entities"] = village_entities(language)
    Path(out).write_text(json.dumps(rows, ensure_ascii=False, default=str, sort_keys=True))


def village_entities(language) -> list[list[list[str]]]:
    """(text, label) of the entities of VILLAGE_TEXTS, sorted per text."""
    return [sorted([e.text, e.label_] for e in language(text).ents) for text in VILLAGE_TEXTS]


def load_in_fresh_process(saved: Path, out: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(CHECKOUT), BAOKAN_MODELS=str(out.parent / "no-models"),
               BAOKAN_RESOURCES=str(out.parent / "no-resources"))
    code = f"from tests.nlp.test_saved_pipeline import main; main({str(saved)!r}, {str(out)!r})"
    subprocess.run([sys.executable, "-c", code], cwd=CHECKOUT, env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    import pipeline

    directory = tmp_path_factory.mktemp("saved") / "baokan"
    pipeline.nlp().to_disk(directory)
    return directory


def test_config_holds_no_absolute_path(saved):
    config = (saved / "config.cfg").read_text(encoding="utf-8")
    assert str(CHECKOUT) not in config and "/work" not in config
    assert not [line for line in config.splitlines() if '= "/' in line]


def test_loaded_pipeline_gives_the_same_rows_in_a_fresh_process(saved, tmp_path):
    import pipeline

    expected = json.loads(json.dumps(sample_rows(pipeline.nlp()), ensure_ascii=False,
                                     default=str, sort_keys=True))
    loaded = load_in_fresh_process(saved, tmp_path / "rows.json")
    villages = village_entities(pipeline.nlp())
    assert ["余村", "LOC"] in villages[0]  # found through the village gazetteer alone
    assert loaded.pop("village_entities") == villages
    assert {name: len(rows) for name, rows in loaded.items()} == \
        {name: len(rows) for name, rows in expected.items()}
    assert len(expected["entities"]) > 50 and len(expected["statistics"]) > 30
    assert loaded == expected


def test_every_lexicon_the_components_read_is_saved_with_one(saved, monkeypatch):
    """A lexicon file read while processing text is among the files some component saves."""
    from pipeline.nlp import resource_files
    from pipeline.nlp.language import build
    from pipeline.nlp.settings import Settings

    read = set()
    text, path = resource_files.text, resource_files.path
    monkeypatch.setattr(resource_files, "text", lambda name: read.add(name) or text(name))
    monkeypatch.setattr(resource_files, "path", lambda name: read.add(name) or path(name))
    resource_files.reset()
    language = build(Settings(ner="rules"))
    for sample in [*sorted(SAMPLES.rglob("*.txt")), *VILLAGE_TEXTS]:
        language(sample if isinstance(sample, str) else
                 sample.read_text(encoding="utf-8", errors="ignore")[:3000])
    resource_files.reset()
    saved_files = {p.name for p in saved.glob("baokan_*/*") if p.is_file()}
    assert {"divisions.tsv", "units.tsv", "common_words.tsv", "villages.tsv.gz"} <= read
    assert read <= saved_files
