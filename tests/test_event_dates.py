"""Event dates from datelines and leads, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pipeline.event_dates import event_date, resolve
from pipeline.layout import split_articles
from pipeline.runner import RunOptions, run_pipeline

PAPER = date(2025, 7, 6)


@pytest.mark.parametrize(("lead", "published", "expected"), [
    ("7月5日,市委五届八次全体会议在丽举行", PAPER, date(2025, 7, 5)),
    ("昨天(22日)下午,市委召开常委会", date(2025, 7, 23), date(2025, 7, 22)),
    ("昨天(30日)下午,县委召开会议", date(2025, 8, 1), date(2025, 7, 30)),  # across a month
    ("昨天(7月22日)上午,全市召开大会", date(2025, 7, 23), date(2025, 7, 22)),
    ("昨天上午,县长主持召开常务会议", date(2025, 3, 10), date(2025, 3, 9)),
    ("前天,遂昌县举行签约仪式", date(2025, 3, 10), date(2025, 3, 8)),
    ("今天上午,全县干部大会召开", date(2025, 3, 10), date(2025, 3, 10)),
    ("22日上午,市长来到缙云", date(2025, 3, 23), date(2025, 3, 22)),
    ("28日,市政府召开常务会议", date(2025, 3, 2), date(2025, 2, 28)),  # the previous month
    ("12月30日,县委召开全会", date(2025, 1, 2), date(2024, 12, 30)),  # a January paper
    ("1月2日,全市召开大会", date(2025, 1, 3), date(2025, 1, 2)),
    ("2024年12月30日,县委召开全会", date(2025, 6, 1), date(2024, 12, 30)),
    ("七月五日,市委召开会议", PAPER, date(2025, 7, 5)),
    ("十二月二十二日,县里召开大会", date(2026, 1, 4), date(2025, 12, 22)),
    ("日前,县委召开会议", PAPER, None),
    ("近日,市发改委发布通知", PAPER, None),
    ("截至6月30日,全市完成投资", PAPER, None),
    ("从7月1日起,全市施行新规", PAPER, None),
    ("为推进项目建设,7月3日上午,县委召开推进会", PAPER, date(2025, 7, 3)),
    ("7月5日,会议召开", None, None),  # no year, no paper date
    ("2025年7月5日,会议召开", None, date(2025, 7, 5)),
    ("昨天,会议召开", None, None),
    ("2月30日,会议召开", PAPER, None),  # no such day
])
def test_lead_dates(lead, published, expected):
    assert resolve(lead, published) == expected


def _first(text: str, published: date | None) -> date | None:
    article = split_articles(text)[0]
    return event_date(article, text, published)


def test_dateline_date_wins_over_later_dates_in_the_lead():
    text = ("全县召开大会\n本报讯(记者 王晓 通讯员 李华)7月5日,县里召开大会,部署7月10日前的工作。\n"
            "会议强调,要抓好各项工作,确保全年目标任务圆满完成。")
    assert _first(text, PAPER) == date(2025, 7, 5)


def test_dateline_without_date_takes_the_lead():
    text = ("全县召开大会\n本报讯(记者 王晓) 昨天(5日)下午,县里召开大会。\n"
            "会议强调,要抓好各项工作,确保全年目标任务圆满完成。")
    assert _first(text, PAPER) == date(2025, 7, 5)


def test_agency_dateline():
    text = "全省召开大会\n新华社杭州7月4日电 全省召开大会,部署下半年工作。会议强调,要抓好落实。"
    assert _first(text, PAPER) == date(2025, 7, 4)


def test_undated_feature_is_null():
    text = ("山乡深处书声琅琅\n——青山镇中心小学办学侧记\n本报记者 陈思远\n"
            "清晨六点半,青山镇中心小学的操场上已经响起了读书声。这所学校坐落在大山深处。")
    assert _first(text, PAPER) is None


def test_run_writes_event_dates(tmp_path):
    page = tmp_path / "in" / "2025-01-03" / "page01.txt"
    page.parent.mkdir(parents=True)
    page.write_text("县委召开全会\n本报讯(记者 王晓)12月30日,县委召开全体会议。\n"
                    "会议强调,要抓好各项工作,确保全年目标任务圆满完成,推动全县经济社会高质量发展。\n",
                    encoding="utf-8")
    run_pipeline([page], tmp_path / "out", RunOptions(progress=False))
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert list(articles.event_date) == [date(2024, 12, 30)]
