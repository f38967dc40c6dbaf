"""Over-long articles: split into pieces spaCy accepts, with bounded memory per piece."""

from __future__ import annotations

import pandas as pd

from pipeline.engine.batch import MAX_ARTICLE_CHARS, bounded_articles
from pipeline.layout import Article
from pipeline.nlp.language import nlp
from pipeline.runner import RunOptions, run_pipeline
from tests.faults import python, within

SENTENCE = "全市各地认真贯彻会议精神，推动各项工作落地见效。"


def _covers(text: str, pieces: list[Article], limit: int) -> None:
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))
    assert all(0 < piece.end - piece.start <= limit for piece in pieces)


def test_a_million_character_line_is_split_at_sentence_ends():
    text = SENTENCE * 50_000  # 1.2 M characters, one line
    with within(10):
        pieces = bounded_articles(text, [Article(0, len(text), headline="标题")], 20_000)
    _covers(text, pieces, 20_000)
    assert all(text[piece.end - 1] == "。" for piece in pieces)
    assert pieces[0].headline == "标题" and all(p.headline is None for p in pieces[1:])


def test_paragraph_boundaries_come_first_and_unbroken_text_is_cut():
    paragraphs = [SENTENCE * 30] * 10  # 720-character paragraphs
    text = "\n".join(paragraphs) + "\n" + "字" * 3000
    pieces = bounded_articles(text, [Article(0, len(text))], 2_000)
    _covers(text, pieces, 2_000)
    assert all(text[piece.end - 1] == "\n" for piece in pieces[:-3])
    assert bounded_articles("短文。", [Article(0, 3)], 2_000) == [Article(0, 3)]


def test_an_article_longer_than_spacy_max_length_is_processed(tmp_path):
    """spaCy's E088 (text longer than nlp.max_length) used to kill the run."""
    language = nlp(RunOptions().settings)
    saved = language.max_length
    language.max_length = 3_000
    page = tmp_path / "in" / "long.txt"
    page.parent.mkdir()
    page.write_text("长篇报道\n本报讯 " + SENTENCE * 300, encoding="utf-8")  # 7,200 characters
    try:
        summary = run_pipeline([page], tmp_path / "out", RunOptions(progress=False))
    finally:
        language.max_length = saved
    assert summary.n_documents == 1 and not summary.failed_inputs
    articles = pd.read_parquet(tmp_path / "out" / "articles").sort_values("start")
    text = pd.read_parquet(tmp_path / "out" / "documents").text[0]
    assert articles.start.iloc[0] == 0 and articles.end.iloc[-1] == len(text)
    assert (articles.end - articles.start).max() <= 3_000
    assert len(pd.read_parquet(tmp_path / "out" / "sentences")) >= 300


def test_memory_per_article_is_bounded():
    """A long single-line page used to cost ≈ 12 KB of memory per character (81,600 → +1.17 GB;
    cut into pieces of 20,000 characters +0.55 GB, and about the same for 245,000)."""
    code = f"""
import resource
from pipeline.engine.batch import Document, process_batch
from pipeline.ingest import Source
from pipeline.layout import Article
from pipeline.nlp.language import nlp
nlp()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = {SENTENCE!r} * 3400
doc = Document(Source("p.txt", None, text, "utf-8", "0"), "d", text, [Article(0, len(text))])
result = process_batch([doc], "r")
assert result.n_documents == 1 and not result.tables.get("errors"), result.tables.get("errors")
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""
    result = python(code, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    growth_mb = int(result.stdout.split()[-1])
    assert growth_mb < 800, f"{growth_mb} MB for an 81,600-character article"
    assert MAX_ARTICLE_CHARS <= 20_000
