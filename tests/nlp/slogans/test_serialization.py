"""Save and reload of `baokan_slogans`: lexicon, content model, common words and the numbered
rules' word lists travel with the pipeline."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import components, resource_files  # noqa: F401  (components: the factories)
from pipeline.nlp.language import load_tokenizer_pipeline

# Written for this test: a made-up formulation, a quoted one and a scare quote.
TEXTS = ["全县上下深入实施“强城兴村”战略,走好瓯江共富路。", "他穿上“红马甲”走上街头。"]
NEW_PHRASE = "瓯江共富路"


@pytest.fixture(autouse=True)
def shipped_lexicons():
    yield
    resource_files.reset()


def finder_pipeline(lexicon_path=None):
    nlp = load_tokenizer_pipeline()
    nlp.add_pipe("baokan_sentences")
    nlp.add_pipe("baokan_slogans", config={"lexicon_path": lexicon_path})
    return nlp


def rows(nlp):
    return [(doc._.slogan_rows, doc._.quotation_rows) for doc in nlp.pipe(TEXTS)]


def test_slogan_data_is_saved_with_the_pipeline(tmp_path):
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text(resource_files.text("slogans_lexicon.txt") + NEW_PHRASE + "\n",
                       encoding="utf-8")
    nlp = finder_pipeline(str(lexicon))
    expected = rows(nlp)
    assert NEW_PHRASE in {r["canonical"] for r in expected[0][0]}
    nlp.to_disk(tmp_path / "saved")
    lexicon.unlink()
    saved = tmp_path / "saved" / "baokan_slogans"
    assert {p.name for p in saved.iterdir()} == {"slogans_lexicon.txt", "content_nb.json",
                                                 "common_words.tsv", "predicate_words.txt",
                                                 "idioms.txt"}
    loaded = spacy.load(tmp_path / "saved")
    assert rows(loaded) == expected
    assert loaded.get_pipe("baokan_slogans").model.llr == nlp.get_pipe("baokan_slogans").model.llr
