"""Acceptance: the seed page (../shared/seed) splits into its articles, headlines and bylines."""

from __future__ import annotations

import json

import pandas as pd

from tests.conftest import SEED_DIR


def test_seed_articles_match_expected(seed_out):
    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))["articles"]
    articles = pd.read_parquet(seed_out / "articles")
    assert len(articles) >= expected["min_count"]
    assert set(expected["headlines_include"]) <= set(articles.headline.dropna())
    names = {name for reporters in articles.reporters for name in reporters}
    assert set(expected["bylines_include"]) <= names
