"""The shipped word segmenter: loading, number/date rules, user dictionary, fast features."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.model_files import ModelError
from pipeline.nlp.language import SEGMENTER_DIR, load_tokenizer_pipeline
from pipeline.nlp.tokenizer import pkuseg as tk


@pytest.fixture(scope="module")
def nlp():
    assert (SEGMENTER_DIR / "config.cfg").exists(), "models/segmenter is missing"
    return load_tokenizer_pipeline()


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


def test_model_loads_from_models_dir(nlp):
    assert isinstance(nlp.tokenizer, tk.BaokanTokenizer)
    assert nlp.tokenizer.model is not None
    assert len(nlp.tokenizer.model.vocabulary) > 30_000
    assert (SEGMENTER_DIR / "tokenizer" / "pkuseg_model" / "index.msgpack.gz").exists()


def test_tokens_cover_text(nlp):
    text = "今年上半年，全县完成固定资产投资 35.6亿元，同比增长12%。"
    doc = nlp(text)
    assert doc.text == text
    assert "".join(t.text for t in doc if not t.is_space) == text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年实现地区生产总值2181.2亿元。", ["2181.2亿", "元"]),
        ("总额达到1.72万亿元", ["1.72万亿", "元"]),
        ("比上年增长15.2%，", ["15.2%"]),
        ("7月5日上午", ["7月", "5日"]),
        ("２０２５年７月５日", ["２０２５年", "７月", "５日"]),
        ("投资２１８１．２亿元", ["２１８１．２亿", "元"]),
        ("共有1,250名干部参加", ["1,250", "名"]),
        ("加入WTO以后", ["WTO"]),
        ("二○○一年新年钟声", ["二○○一年", "新年"]),
        ("在二〇二五年里", ["二〇二五年"]),
        ("在二００一年里", ["二００一年"]),
        ("北京晴-5℃/3℃", ["-5", "℃", "/", "3"]),
    ],
)
def test_numbers_units_dates(nlp, text, expected):
    out = words(nlp, text)
    for token in expected:
        assert token in out, (token, out)


def test_never_splits_inside_a_decimal(nlp):
    for text in ("增长了3.14倍", "人均收入为45678.9元", "下降0.5个百分点"):
        number = next(t for t in words(nlp, text) if t[0].isdigit())
        assert "." in number and number[-1].isdigit() or number.endswith(("%", "亿", "万")), number


def test_fix_boundaries_is_deterministic():
    text = "达到2181.2亿元增长15.2%其中1,000人"
    starts = set(range(1, len(text)))  # worst case: every character split
    out = tk.fix_boundaries(text, set(starts))
    bounds = [0, *sorted(out), len(text)]
    pieces = [text[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    assert "2181.2亿" in pieces and "元" in pieces
    assert "15.2%" in pieces and "1,000" in pieces


def test_user_dict_keeps_formulations_whole(nlp):
    formulations = ["两山理念", "共同富裕示范区", "最多跑一次", "千万工程"]
    tok = load_tokenizer_pipeline().tokenizer
    tok.pkuseg_update_user_dict(formulations)
    for phrase in formulations:
        out = [t.text for t in tok(f"我们要深入推进{phrase}，取得新成效。")]
        assert phrase in out, out


def test_user_dict_never_cuts_a_token():
    user_dict = tk.UserDict(["北京市"])
    text = "北京市委召开会议"
    starts = [2, 4, 6]  # 北京|市委|召开|会议
    assert user_dict.merge(text, starts) == starts
    assert user_dict.merge("北京市召开会议", [2, 3, 5]) == [3, 5]


def test_domain_user_dict_is_read():
    words = tk.domain_user_dict()
    assert "丽水市" in words and "市委" in words
    assert all(not w.startswith("#") for w in words)


def test_serialization_round_trip(nlp, tmp_path):
    tok = nlp.tokenizer
    text = "市委书记主持会议，全市生产总值增长7.5%。"
    restored = tk.BaokanTokenizer(nlp.vocab).from_bytes(tok.to_bytes())
    assert [t.text for t in restored(text)] == words(nlp, text)
    tok.to_disk(tmp_path / "tok")
    again = tk.BaokanTokenizer(nlp.vocab).from_disk(tmp_path / "tok")
    assert [t.text for t in again(text)] == words(nlp, text)


def test_whitespace_and_empty(nlp):
    assert len(nlp("")) == 0
    doc = nlp("市委  召开\n会议")
    assert doc.text == "市委  召开\n会议"
    assert [t.text for t in doc if not t.is_space] == ["市委", "召开", "会议"]


def test_dict_features_fire_by_role_and_length():
    dictionary = frozenset({"希望工程", "工程", "与时俱进", "知识产权保护"})
    nodes = tk._nodes(tk.canonical("希望工程与时俱进12知识产权保护"))
    starts, lengths = tk.dict_hits(tk._flat(nodes), dictionary)
    assert sorted(zip(starts.tolist(), lengths.tolist(), strict=True)) == [
        (0, 4), (2, 2), (4, 4), (10, 6)]
    names = tk.dict_feature_names(nodes, dictionary)
    assert names[0] == ["d.B4"]
    assert sorted(names[1]) == ["d.M4"]
    assert sorted(names[2]) == ["d.B2", "d.M4"]
    assert sorted(names[3]) == ["d.E2", "d.E4"]
    assert names[8] == names[9] == []  # digits (**Num) are never in a dictionary word
    assert names[10] == ["d.B5"] and names[15] == ["d.E5"]  # 5+ characters: one bucket
    assert all(n == ["d.M5"] for n in names[11:15])


def test_dict_feature_names_classify_to_the_dict_table():
    for role in range(3):
        for bucket in range(tk.DICT_BUCKETS):
            name = tk.dict_feature_name(role, bucket)
            assert tk._classify(name) == ("dict", "", role * tk.DICT_BUCKETS + bucket)


def test_compiled_dict_scores_add_rows(nlp):
    """A dictionary word adds its B/M/E rows to the node scores, nothing else changes."""
    model = nlp.tokenizer.model
    rows = np.arange(3 * tk.DICT_BUCKETS * len(model.edge), dtype=float).reshape(12, -1)

    def with_dictionary(words: list[str]) -> tk.CompiledCRF:
        return tk.CompiledCRF(model.keys, model.rows, model.bias, model.noword, model.edge,
                              sorted(model.begin_tags), words, rows)

    nodes = tk._nodes("希望工程")
    diff = with_dictionary(["希望工程"]).node_scores(nodes) - with_dictionary([]).node_scores(nodes)
    np.testing.assert_allclose(diff, rows[[0 * 4 + 2, 2 * 4 + 2, 2 * 4 + 2, 1 * 4 + 2]])


def test_model_without_dictionary_loads(nlp, tmp_path):
    """Models packaged before the dictionary features (no ``dict`` table) still load."""
    model = nlp.tokenizer.model
    model.to_dir(tmp_path)
    with np.load(tmp_path / "weights.npz") as npz:
        arrays = {k: npz[k] for k in npz.files if k != "dict"}
    np.savez_compressed(tmp_path / "weights.npz", **arrays)
    old = tk.CompiledCRF.from_dir(tmp_path)
    assert not old.dict_rows.any()
    assert old.starts("市委召开会议") is not None


def test_load_tokenizer_pipeline_from_another_dir(tmp_path):
    """`baokan evaluate segmentation --model DIR` loads a candidate segmenter this way."""
    nlp = load_tokenizer_pipeline(model_dir=SEGMENTER_DIR)
    assert isinstance(nlp.tokenizer, tk.BaokanTokenizer)
    with pytest.raises(ModelError, match=str(tmp_path)):  # no silent character fallback
        load_tokenizer_pipeline(model_dir=tmp_path)


def test_common_words_keep_their_lexemes_across_memory_zones():
    from pipeline.nlp.language import keep_lexemes

    nlp = load_tokenizer_pipeline()
    keep_lexemes(nlp.vocab, ["发展", "生产总值"])
    with nlp.memory_zone():
        doc = nlp("全市生产总值稳步发展，新词汇甲乙丙出现。")
        assert len(doc) > 3
    assert "发展" in nlp.vocab and "生产总值" in nlp.vocab


def test_leaders_lexicon_loads_and_feeds_the_tokenizer():
    names = tk.leader_names()
    assert len(set(names)) >= 250 and "习近平" in names and "李强" in names
    assert set(tk.domain_forced_words()) <= set(names)
    assert all(len(w) >= tk.FORCED_MIN_CHARS for w in tk.domain_forced_words())


@pytest.mark.parametrize("text", [
    "认真学习贯彻习近平总书记关于“三农”工作的重要论述",
    "会议指出,习近平总书记的重要讲话精神为我们指明了方向",
    "胡海峰指出,习近平总书记在浙江工作期间亲自谋划",
    "深入贯彻习近平总书记考察浙江重要讲话精神",
    "以习近平新时代中国特色社会主义思想为指导",
])
def test_leaders_names_are_never_cut(nlp, text):
    assert "习近平" in words(nlp, text)


def test_forced_words_cut_tokens_where_needed():
    forced = tk.ForcedWords(["习近平", "丁薛祥"])
    text = "学习近平时"  # not a name context, but the forced word is still one token
    assert forced.apply(text, {1, 3, 4}) == {1, 4}
    assert forced.apply("丁薛祥出席", {1, 3}) == {3}


@pytest.mark.parametrize("text, piece", [
    ("他们为灾区捐款.", "."), ("「测试」结束", "「"), ("比分2∶1,", "2∶1"), ("他说……好", "……"),
    ("增长5.6%", "5.6%"),
])
def test_punctuation_the_pku_standard_never_glues_is_a_token(nlp, text, piece):
    assert piece in words(nlp, text)


def test_short_county_names_are_kept_whole(nlp):
    tokens = [t.text for t in nlp("连日来,寻乌调查纪念馆每天接待参观者。")]
    assert "寻乌" in tokens
