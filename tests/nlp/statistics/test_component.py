"""The statistics component: roles, qualifiers, 分别 lists, negatives, bad input, spaCy API."""

from __future__ import annotations

import math
from datetime import date

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.statistics import component as statistics
from pipeline.nlp.statistics.component import Statistic, extract


def _one(text: str, surface: str, meta: dict | None = None) -> Statistic:
    found = [s for s in extract(text, meta) if s.text.startswith(surface) or surface in s.text]
    assert found, f"{surface} not found in {[s.text for s in extract(text, meta)]}"
    return found[0]


@pytest.fixture(scope="module")
def nlp():
    pipe = spacy.blank("zh")
    pipe.add_pipe("baokan_sentences")
    statistics.add_to(pipe)
    return pipe


def test_level_and_change_pct_share_the_statement() -> None:
    rows = extract("全市实现地区生产总值2036.5亿元，比上年增长6.1%。")
    assert [(r.value, r.unit, r.surface_unit, r.role) for r in rows] == [
        (203650000000.0, "元", "亿元", "level"), (6.1, "%", "%", "change_pct")]
    assert rows[0].indicator == rows[1].indicator == "地区生产总值"
    assert rows[0].statement_id == rows[1].statement_id
    assert rows[0].currency == "CNY" and rows[1].currency is None


def test_from_to_and_multiple() -> None:
    text = "全县财政总收入从3.2亿元增长到61.5亿元，增长18.2倍。"
    roles = [(r.value, r.role) for r in extract(text)]
    assert roles == [(3.2e8, "from"), (61.5e8, "to"), (18.2, "change_multiple")]


@pytest.mark.parametrize(
    ("text", "surface", "value", "role"),
    [
        ("一般公共预算收入同比下降0.35%。", "0.35%", -0.35, "change_pct"),
        ("增速比一季度回落2.16个百分点。", "2.16", -2.16, "pct_point"),
        ("增速高于全省平均水平1.8个百分点。", "1.8", 1.8, "pct_point"),
        ("利润总额减少7.6亿元。", "7.6亿元", -7.6e8, "change_abs"),
        ("存款余额比年初增加486.5亿元。", "486.5亿元", 486.5e8, "change_abs"),
        ("税收收入占一般公共预算收入的比重为66.9%。", "66.9%", 66.9, "share"),
        ("三次产业结构调整为5.8:41.2:53.0。", "41.2", 41.2, "ratio"),
        ("森林覆盖率居全省第2位。", "2位", 2, "rank"),
        ("出席会议的市人大代表285名。", "285名", 285, "count"),
        ("力争全市地区生产总值增长6%左右。", "6%", 6, "target"),
        ("到2027年，全市规上工业企业达到2000家。", "2000家", 2000, "target"),
        ("城镇化率为64.3%。", "64.3%", 64.3, "level"),
        ("是地区生产总值的4.6倍。", "4.6倍", 4.6, "ratio"),
    ],
)
def test_roles_and_signs(text: str, surface: str, value: float, role: str) -> None:
    row = _one(text, surface)
    assert row.role == role
    assert row.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("已累计开展170余场次。", "170余场次", 170, "over"),
        ("累计服务职工超1万人次。", "1万人次", 10000, "over"),
        ("接待游客约1.2亿人次。", "1.2亿人次", 1.2e8, "approx"),
        ("旅游总收入1050亿元左右。", "1050亿元", 1050e8, "approx"),
        ("提供就业岗位近2万个。", "2万个", 2e4, "approx"),
        ("违法案件不到50起。", "50起", 50, "under"),
        ("全市至少80%的乡镇建成服务中心。", "80%", 80, "at_least"),
        ("均跻身全国前40位。", "40位", 40, "at_most"),
        ("失业率控制在5%以内。", "5%", 5, "at_most"),
        ("年收入30万元以上的村。", "30万元", 3e5, "over"),
        ("党员干部十余万名参与。", "十余万名", 1e5, "over"),
        ("联系农户最多不超过30户。", "30户", 30, "at_most"),
    ],
)
def test_qualifiers(text: str, surface: str, value: float, qualifier: str) -> None:
    row = _one(text, surface)
    assert row.value == pytest.approx(value)
    assert row.qualifier == qualifier


def test_ranges_and_chinese_numerals() -> None:
    row = _one("目标是新增各类人才3至5万人。", "3至5万人")
    assert (row.value, row.value_high, row.unit) == (3e4, 5e4, "人")
    row = _one("吸引求职者五六百人到场。", "五六百人")
    assert (row.value, row.value_high, row.qualifier) == (500, 600, "approx")
    row = _one("计划投资一千二百万元。", "一千二百万元")
    assert row.value == 12_000_000 and row.unit == "元"
    row = _one("全市已有百分之九十五的行政村实现全覆盖。", "百分之九十五")
    assert (row.value, row.unit, row.role, row.indicator) == (95, "%", "share", "行政村")
    assert _one("近三成县增速超过8%。", "三成").value == 30


def test_number_at_text_start_and_vague_multipliers() -> None:
    assert [(r.value, r.indicator) for r in extract("20名企业职工参加培训。")] == [(20, "企业职工")]
    row = extract("上千名群众参与。")[0]
    assert (row.value, row.qualifier) == (1000, "over")
    assert extract("千余名党员参加活动。")[0].qualifier == "over"


def test_ranges_with_the_unit_on_both_ends() -> None:
    row = extract("收入增长3%至5%。")[0]
    assert (row.value, row.value_high, row.role, row.text) == (3, 5, "change_pct", "3%至5%")
    rows = extract("比重从35%到40%。")
    assert [(r.value, r.role) for r in rows] == [(35, "from"), (40, "to")]


def test_fenbie_over_listed_years() -> None:
    rows = extract("2023年、2024年分别完成投资100亿元、120亿元。")
    assert [(r.value, r.year) for r in rows] == [(100e8, 2023), (120e8, 2024)]


def test_units_are_scaled_to_base() -> None:
    cases = {
        "实际使用外资2.36亿美元。": (2.36e8, "美元", "USD"),
        "规划面积12平方公里。": (12e6, "平方米", None),
        "粮食总产量32.8万吨。": (32.8e4, "吨", None),
        "全社会用电量185.3亿千瓦时。": (185.3e8, "千瓦时", None),
        "光伏装机容量268万千瓦。": (268e4, "千瓦", None),
    }
    for text, (value, unit, currency) in cases.items():
        row = extract(text)[0]
        assert (row.value, row.unit, row.currency) == (pytest.approx(value), unit, currency)


def test_fenbie_lists_are_distributed() -> None:
    text = "城乡居民收入分别从6840元、2960元增加到52300元、30100元，分别增长6.6倍、9.2倍。"
    rows = extract(text)
    by_value = {r.value: r for r in rows}
    assert [r.role for r in rows] == ["from", "from", "to", "to", "change_multiple",
                                     "change_multiple"]
    urban = [by_value[v] for v in (6840, 52300, 6.6)]
    rural = [by_value[v] for v in (2960, 30100, 9.2)]
    assert all("城" in r.indicator for r in urban)
    assert all("乡" in r.indicator for r in rural)
    assert len({r.statement_id for r in urban}) == 1
    assert len({r.statement_id for r in rural}) == 1
    assert urban[0].statement_id != rural[0].statement_id


def test_fenbie_with_named_items() -> None:
    rows = extract("城镇和农村居民人均消费支出分别为38640元和24150元。")
    assert [r.indicator for r in rows] == ["城镇居民人均消费支出", "农村居民人均消费支出"]


def test_unit_of_partner_and_unitless_ratio_indicators() -> None:
    rows = extract("倍差从2.41倍缩小到1.87。")
    assert [(r.value, r.unit, r.role) for r in rows] == [(2.41, "倍", "from"), (1.87, "倍", "to")]
    rows = extract("城乡居民人均可支配收入倍差由1.94缩小到1.82。")
    assert [(r.value, r.unit, r.role) for r in rows] == [(1.94, None, "from"), (1.82, None, "to")]


def test_subject_year_period() -> None:
    meta = {"city": "丽水市", "date": date(2025, 7, 5)}
    row = extract("2024年，全市实现地区生产总值2036.5亿元。", meta)[0]
    assert (row.subject, row.year) == ("丽水市", 2024)
    row = extract("一季度，全市固定资产投资增长8.3%。", meta)[0]
    assert row.period == "一季度"
    row = extract("1-6月份，全市完成固定资产投资612.4亿元。", meta)[0]
    assert row.period == "1-6月份"
    row = extract("25年来，全县财政总收入从3.2亿元增长到61.5亿元。", meta)[0]
    assert row.period == "25年来"
    row = extract("今年全市新增城镇就业3.42万人。", meta)[0]
    assert row.year == 2025 and row.subject == "丽水市"
    row = extract("莲都区碧湖新城内，20名企业职工参加培训。", meta)[0]
    assert row.subject == "莲都区" and row.indicator == "企业职工"


@pytest.mark.parametrize(
    "text",
    [
        "7月5日，市委五届八次全体会议召开。",
        "2025年是“十四五”规划收官之年。",
        "第十八届“牡丹亭”之声体验夏令营开营。",
        "全面落实“4+1”重要要求、省委“132”总体部署。",
        "咨询电话：0578-2135678。",
        "详情咨询：13857812345。",
        "印发实施意见(丽政办发〔2025〕12号)。",
        "王大爷今年78岁。",
        "一心一意谋发展，一张蓝图绘到底，奋战第一线。",
        "奋力缩小“三大差距”，贯彻中央八项规定精神。",
        "下午3时，代表们分组审议报告。",
        "全县上下打造“小县大城”2.0版。",
        "每千名老人拥有床位，万元GDP能耗持平。",
        "千家万户，数百万人，上百栋建筑。",
        "美国联邦政府停摆进入第40天。",
        "新世纪第25年，25年矢志跨越。",
    ],
)
def test_not_statistics(text: str) -> None:
    assert [r.text for r in extract(text)] == []


def test_slogan_spans_are_skipped(nlp) -> None:
    doc = nlp.make_doc("推进“1410”行动，累计服务职工超1万人次。")
    doc.spans["slogans"] = [doc.char_span(2, 8, alignment_mode="expand")]
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    assert [s._.statistic["value"] for s in doc.spans["statistics"]] == [10000.0]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 40 + "元",
        "GDP达1e400元，增长1e400%",
        "亿亿亿元，万万万人",
        "收入(增长(5%，((((",
        "收入增长5%)))))))",
        "ＧＤＰ增长５．５％，收入３万元",
        "增长Ⅻ%以及１２３４５６７８９０１２３４５６７８９亿元",
        "（3至",
        "3至5至7万元",
        "百分之",
        "三分之零",
        "分别",
        "",
        "0.0000000001%",
        "9" * 17 + "亿元",
    ],
)
def test_bad_input_gives_sane_rows_or_none(text: str) -> None:
    for row in extract(text):
        assert math.isfinite(row.value)
        assert row.value_high is None or math.isfinite(row.value_high)
        assert abs(row.value) <= 1e17
        assert 0 <= row.start < row.end <= len(text)
        assert row.text == text[row.start:row.end]


def test_full_width_input() -> None:
    row = extract("ＧＤＰ增长５．５％。")[0]
    assert (row.value, row.unit, row.role) == (5.5, "%", "change_pct")


def test_spacy_component_spans_and_rows(nlp) -> None:
    doc = nlp.make_doc("出席这次全会的市委委员42名，候补委员8名。")
    doc._.meta = None
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    spans = doc.spans["statistics"]
    assert [s.text for s in spans] == ["42名", "8名"]
    assert spans[0]._.statistic["indicator"] == "市委委员"
    from pipeline.tables.rows import statistic_rows

    rows = statistic_rows(doc)
    assert [r["value"] for r in rows] == [42.0, 8.0]
    assert set(rows[0]) >= {"start", "end", "text", "value", "value_high", "unit", "surface_unit",
                            "currency", "qualifier", "role", "indicator", "subject", "year",
                            "period", "statement_id", "score"}
    assert rows[0]["statement_id"] != rows[1]["statement_id"]


def test_registered_with_rows() -> None:
    from pipeline.tables import rows

    stages = {stage.table: (stage.id_column, stage.prefix) for stage in rows.STAGE_TABLES}
    assert stages["statistics"] == ("stat_id", "n")


# --- acceptance on the seed page (../shared/seed, never copied into the repo) -----------------


def _seed_expected() -> dict:
    from tests.conftest import SEED_DIR

    if not (SEED_DIR / "expected.json").exists():
        pytest.skip("../shared/seed is not present")
    import json

    return json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))


def _assert_seed(rows: list[dict], expected: dict) -> None:
    from pipeline.evaluate.statistics import seed_match

    missing = [e for e in expected["statistics"] if not any(seed_match(e, r) for r in rows)]
    assert missing == []
    texts = [r["text"] for r in rows]
    hits = [n for n in expected["not_statistics"] if any(n in t for t in texts)]
    assert hits == []
    for row in rows:
        assert math.isfinite(row["value"])


def test_seed_statistics_paragraph_by_paragraph() -> None:
    expected = _seed_expected()
    import pipeline
    from tests.conftest import SEED_DIR

    text = next(SEED_DIR.glob("000_*.txt")).read_text(encoding="utf-8")
    nlp = pipeline.nlp()
    rows = []
    for paragraph in filter(str.strip, text.split("\n")):
        doc = nlp(paragraph)
        rows += [dict(span._.statistic) for span in doc.spans.get("statistics", [])]
    _assert_seed(rows, expected)


def test_seed_statistics_end_to_end(seed_out) -> None:
    import pandas as pd

    expected = _seed_expected()
    table = pd.read_parquet(seed_out / "statistics")
    rows = [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in table.to_dict("records")]
    _assert_seed(rows, expected)
    assert table.statement_id.str.contains("-st").all()
    assert table.value.map(math.isfinite).all()


_ALPHABET = ("0123456789.,-~%:：至到余多约近超逾不到以上下内前第从由增长下降提高回落百分点倍个名人次"
             "元万亿千百十一二两三四五六七八九〇分之成年月日届“”《》()（）、，。；分别城乡占比重的全市GDP ")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_random_genre_strings_never_crash(text: str) -> None:
    for row in extract(text, {"city": "丽水市", "date": date(2025, 7, 5)}):
        assert math.isfinite(row.value)
        assert row.value_high is None or math.isfinite(row.value_high)
        assert row.text == text[row.start:row.end]
        assert row.role in {"level", "from", "to", "change_pct", "change_multiple", "change_abs",
                            "pct_point", "share", "ratio", "rank", "count", "target"}
        assert row.qualifier in {"exact", "approx", "over", "under", "at_most", "at_least"}
