"""Web page furniture and editor credits are dropped before layout, so they never become
headlines (字号:默认, 【我要纠错】责任编辑:…, a bare 新华社 under 来源:)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.layout import split_articles
from pipeline.normalize import normalize
from pipeline.web_clutter import drop_web_clutter
from tests.conftest import LAYERED_PAGE

TITLE = "县政府召开秋冬季农业生产工作会议"
BODY = ("新华社杭州11月3日电(记者 王明)3日,县政府召开秋冬季农业生产工作会议,部署抓好冬种冬管。\n"
        "会议要求,各乡镇要压实责任,确保粮食播种面积稳中有增。")
SCRAPED = f"""{TITLE}
            2025-11-03 18:26
            来源：
                新华社
                字号：默认
                    大
                    超大
                |
                打印
                |
{BODY}

                【我要纠错】责任编辑：李华
                相关稿件
"""
NAV_AND_SCRIPT = """首页\n|\n简\n|\n繁\n|\nEN\n登录\n个人中心\n退出\n|\n邮箱\n|\n无障碍
function goSearch(event) {\nvar e = window.event || event;\nif(e.preventDefault){
e.preventDefault();\n}else{\ne.returnValue=false;\n}\nif (s == '市场主体') {\nwindow.open(url, '_blank');\n}
"""
NEWS_CORPUS = (Path(__file__).resolve().parents[2] / "shared" / "corpora" / "xinwenlianbo_2025"
               / "xinwenlianbo_2025-10_2025-12.jsonl")


def test_header_block_and_editor_credit_are_dropped():
    assert drop_web_clutter(normalize(SCRAPED)) == normalize(f"{TITLE}\n{BODY}")


def test_the_headline_is_the_title_not_the_source():
    [article] = split_articles(drop_web_clutter(normalize(SCRAPED)))
    assert article.headline == TITLE and article.dateline.startswith("新华社杭州11月3日电")


def test_a_record_of_navigation_and_script_only_is_empty():
    assert drop_web_clutter(normalize(NAV_AND_SCRIPT)) == ""


def test_article_text_is_kept():
    page = normalize(LAYERED_PAGE)
    assert drop_web_clutter(page) == page
    listed = "一是抓好冬种;\n大\n二是抓好冬管;\n新华社\n三是抓好水利。"  # no furniture marker
    assert drop_web_clutter(listed) == listed


@pytest.mark.skipif(not NEWS_CORPUS.exists(), reason="../shared/corpora is not present")
def test_news_transcripts_have_no_furniture_headlines():
    from pipeline.ingest import iter_sources
    from pipeline.runner import _articles

    headlines = Counter()
    for source in iter_sources([NEWS_CORPUS]):
        text = drop_web_clutter(normalize(source.text))
        headlines.update(a.headline for a in _articles(text, source.title) if text)
    furniture = {h: n for h, n in headlines.items()
                 if h and (h in ("新华社", "人民日报", "首页", "}") or "字号" in h or "责任编辑" in h
                           or h.startswith("//"))}
    assert furniture == {}
    assert sum(headlines.values()) > 600


def test_a_run_over_a_scraped_record_has_the_title_as_headline(tmp_path):
    import json

    import pandas as pd

    from pipeline.runner import RunOptions, run_pipeline

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "n1", "date": "2025-11-03", "title": TITLE,
                                "content": SCRAPED}, ensure_ascii=False) + "\n", encoding="utf-8")
    run_pipeline([feed], tmp_path / "out", RunOptions(progress=False, ner="rules"))
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert articles.headline.tolist() == [TITLE]
    text = pd.read_parquet(tmp_path / "out" / "documents").text.iloc[0]
    assert "字号" not in text and "责任编辑" not in text and "来源" not in text
