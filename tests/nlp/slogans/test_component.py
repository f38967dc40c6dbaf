"""Slogan (提法) extraction: quotes, numbered and lexicon formulations, malformed text, seed."""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.slogans import component as slogans
from pipeline.nlp.slogans.lexicon import LexiconMatcher, parse
from pipeline.nlp.slogans.quotes import canonical, find_quotes
from pipeline.paths import SEED

SEED_DIR = SEED


@pytest.fixture(scope="module")
def nlp():
    pipe = spacy.blank("zh")
    slogans.add_to(pipe)
    return pipe


def rows(nlp, text: str) -> list[dict]:
    return nlp(text)._.slogan_rows


def by_canonical(nlp, text: str) -> dict[str, dict]:
    return {r["canonical"]: r for r in rows(nlp, text)}


def check_offsets(text: str, records: list[dict]) -> None:
    for record in records:
        assert 0 <= record["start"] < record["end"] <= len(text)
        assert text[record["start"] : record["end"]] == record["text"]


def test_nested_quote_yields_inner_formulation(nlp):
    text = "要牢牢把握“以‘千万工程’为牵引”这一理念方法,推动各项任务落地。"
    found = by_canonical(nlp, text)
    inner = found["千万工程"]
    assert inner["text"] == "‘千万工程’"
    assert inner["kind"] == "numbered"
    assert text[inner["start"] : inner["end"]] == "‘千万工程’"
    check_offsets(text, rows(nlp, text))


def test_adjacent_quotes_are_separate_and_dunhao_phrase_stays_whole(nlp):
    text = "统筹做好“强城”“兴村”“融合”三篇文章,以“实干担当、奋勇争先”推动落实。"
    found = by_canonical(nlp, text)
    assert {"强城", "兴村", "融合", "实干担当、奋勇争先"} <= set(found)
    assert "强城”“兴村" not in "".join(found)


def test_numbered_quoted_and_unquoted(nlp):
    text = ("深入实施“八八战略”,落实“4+1”重要要求和“5+5”产业体系,奋力缩小三大差距,"
            "全面完成十四五规划目标,推动“两新”工作。")
    found = by_canonical(nlp, text)
    for name in ("八八战略", "4+1", "5+5", "三大差距", "十四五", "两新"):
        assert found[name]["kind"] == "numbered", name
    assert found["4+1"]["head"] == "要求"
    assert found["5+5"]["head"] == "体系"
    assert found["三大差距"]["text"] == "三大差距"


def test_issuer_and_head(nlp):
    text = ("全面贯彻习近平总书记“4+1”重要要求、省委“132”总体部署和市委“一个历史使命、"
            "三大战略任务”,对标省委“六个始终”要求。")
    found = by_canonical(nlp, text)
    assert found["4+1"]["issuer"] == "习近平总书记"
    assert found["132"]["issuer"] == "省委"
    assert found["132"]["head"] == "部署"
    assert found["一个历史使命、三大战略任务"]["issuer"] == "市委"
    assert found["一个历史使命、三大战略任务"]["kind"] == "numbered"
    assert found["六个始终"]["issuer"] == "省委"


def test_lexicon_matches_unquoted_longest_first(nlp):
    text = "以习近平新时代中国特色社会主义思想为指导,加快建设共同富裕示范区,推动乡村振兴。"
    found = by_canonical(nlp, text)
    assert found["习近平新时代中国特色社会主义思想"]["kind"] == "lexicon"
    assert found["共同富裕示范区"]["kind"] == "lexicon"
    assert "共同富裕" not in found  # the longer entry wins
    assert "乡村振兴" in found
    assert "乡村振兴" not in by_canonical(nlp, "国家乡村振兴局发布通知。")


def test_lexicon_match_does_not_start_inside_a_word(nlp):
    assert "新发展理念" not in by_canonical(nlp, "他介绍了最新发展理念和技术。")
    assert "新发展理念" in by_canonical(nlp, "完整准确全面贯彻新发展理念。")


def test_coordinated_quotes_share_the_head_after_the_chain():
    from pipeline.nlp.slogans import context as ctx

    text = "统筹做好“强城”“兴村”和“融合”三篇文章。"
    first_end = text.index("”") + 1
    assert ctx.head_after(ctx.tail_after(text, first_end)) == "文章"
    assert ctx.tail_after("围绕“甲”“乙”等议题发言", 5).startswith("议题")


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        ("峰会围绕“共享机遇、共创未来”议题开展讨论。", "共享机遇、共创未来", "name"),
        ("本届论坛主题为“开放合作、共赢未来”。", "开放合作、共赢未来", "name"),
        ("演出由“山之韵”“水之灵”两个篇章组成。", "山之韵", "name"),
        ("这项改革激活了基层治理“一池春水”。", "一池春水", "other"),
    ],
)
def test_themes_chapters_and_idioms_are_not_slogans(nlp, text, content, kind):
    doc = nlp(text)
    assert content not in {r["canonical"] for r in doc._.slogan_rows}
    assert {r["text"][1:-1]: r["type"] for r in doc._.quotation_rows}[content] == kind


def test_headline_colon_is_not_speech_and_instrumental_yi_is_no_slogan_verb():
    from pipeline.nlp.slogans import context as ctx

    assert ctx.colon_before("南湖区:") and not ctx.colon_before("他说:")
    assert ctx.slogan_verb_before("要以", "为重点") and not ctx.slogan_verb_before("要以", "铲除")
    assert ctx.slogan_verb_before("深入实施")


def test_lexicon_file_format():
    entries = parse("# comment\n八八战略\t浙江\n\n新发展理念\n新发展理念\t重复\n")
    assert [(e.phrase, e.category) for e in entries] == [("八八战略", "浙江"), ("新发展理念", None)]
    assert LexiconMatcher(entries)("坚持新发展理念") == [(2, 7)]


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        ("“家门口就能跟教练学游泳,太方便了!”7月4日,一位市民说。", "家门口就能跟教练学游泳,太方便了!", "speech"),
        ("第十届“瓯江之声”合唱比赛在市文化中心举行。", "瓯江之声", "name"),
        ("打造具有“和”字特色的服务品牌。", "和", "other"),
        ("以“双溪口”协同发展优化城市格局。", "双溪口", "name"),
        ("区总工会推出“暖心·你点我送”系列活动。", "暖心·你点我送", "name"),
    ],
)
def test_non_slogan_quotes_go_to_quotations(nlp, text, content, kind):
    doc = nlp(text)
    assert content not in {r["canonical"] for r in doc._.slogan_rows}
    types = {r["text"][1:-1]: r["type"] for r in doc._.quotation_rows}
    assert types[content] == kind


def test_spans_and_extensions(nlp):
    doc = nlp("深入实施“八八战略”。")
    (span,) = doc.spans["slogans"]
    assert span.label_ == "numbered"
    assert span._.slogan["canonical"] == "八八战略"
    assert span.text == "“八八战略”"


def test_canonical_unifies_quotes_and_width():
    assert canonical("“４＋１”") == "4+1"
    assert canonical("‘千万工程’") == "千万工程"
    assert canonical("「以『千万工程』为牵引」") == "以“千万工程”为牵引"


@pytest.mark.parametrize(
    "text",
    [
        "“没有结尾的引号一直到文末" + "很长的文字" * 200,
        "开头“" + "字" * 10_000 + "”结尾“八八战略”",
        "”“‘’」「』『\"\"“”",
        "“第一段没有闭合\n第二段“八八战略”。",
        "",
        "\"4+1\"重要要求和\"两新\"工作",
    ],
)
def test_malformed_text(nlp, text):
    doc = nlp(text)
    check_offsets(text, doc._.slogan_rows)
    check_offsets(text, doc._.quotation_rows)
    for record in doc._.slogan_rows + doc._.quotation_rows:
        assert record["end"] - record["start"] <= 502
        assert "\n" not in record["text"]


def test_long_quote_is_not_runaway():
    text = "“" + "字" * 10_000 + "”"
    assert find_quotes(text) == []
    assert [(q.start, q.end) for q in find_quotes("“八八战略”" + text)] == [(0, 6)]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”‘’「」\"字八个大战略,。\n、4+1省委要求说:")), max_size=80))
def test_random_text_never_crashes(nlp, text):
    doc = nlp(text)
    check_offsets(text, doc._.slogan_rows)
    check_offsets(text, doc._.quotation_rows)


def test_rows_are_registered():
    from pipeline.tables import rows as registry

    stages = {stage.table: (stage.id_column, stage.prefix) for stage in registry.STAGE_TABLES}
    assert stages["slogans"] == ("slogan_id", "k") and stages["quotations"] == ("", "q")


def test_component_round_trips_to_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert "八八战略" in {r["canonical"] for r in loaded("深入实施八八战略。")._.slogan_rows}


@pytest.mark.skipif(not SEED_DIR.exists(), reason="../shared/seed is not present")
def test_seed_acceptance():
    from pipeline.nlp.language import nlp as baokan_nlp

    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))["slogans"]
    text = _normalized(next(SEED_DIR.glob("000_*.txt")).read_text(encoding="utf-8"))
    pipe = baokan_nlp()
    if "baokan_slogans" not in pipe.pipe_names:
        pipe = spacy.blank("zh")
        slogans.add_to(pipe)
    found = set()
    for paragraph in text.split("\n"):
        found |= {r["canonical"] for r in pipe(paragraph)._.slogan_rows}
    wanted = set(expected["numbered"]) | set(expected["quoted"])
    assert len(wanted & found) / len(wanted) >= 0.9, sorted(wanted - found)
    assert not set(expected["not_slogans"]) & found


def _normalized(text: str) -> str:
    from pipeline.normalize import normalize

    return normalize(text)
