"""Derived entity lexicons from a small corpus tree written for the test."""

from __future__ import annotations

from pathlib import Path

from pipeline.train import ner_resources


def _corpora(root: Path) -> Path:
    hanlp = root / ner_resources.HANLP
    hanlp.mkdir(parents=True)
    (hanlp / "custom__人名词典.txt").write_text(
        "王小明 nr 3\n欧阳明华 nr 1\n约翰·史密斯 nrf 1\n", encoding="utf-8")
    (hanlp / "person__nrf.txt").write_text("安娜\n", encoding="utf-8")
    (hanlp / "CoreNatureDictionary.txt").write_text("明天\tt\t40\n小明\tnr\t2\n", encoding="utf-8")
    return root


def test_name_char_counts_split_surnames_and_weight_words(tmp_path) -> None:
    counts = ner_resources.name_char_counts(_corpora(tmp_path))
    assert counts["明"] == [2, 0, 42]  # given name of 王小明 and 欧阳明华; 明天 ×40 + 小明 ×2
    assert counts["华"][0] == 1 and "欧" not in counts  # compound surname 欧阳 split off
    assert counts["安"][1] == 1 and counts["·"][1] == 1


def test_write_name_chars_keeps_cjk_and_the_name_dot(tmp_path) -> None:
    out = tmp_path / "name_chars.tsv"
    rows = ner_resources.write_name_chars(_corpora(tmp_path / "corpora"), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and len(lines) == rows + 1
    assert "明\t2\t0\t42" in lines and any(line.startswith("·\t") for line in lines)


def test_idiom_words_take_idiom_tags_of_four_or_more_characters(tmp_path) -> None:
    hanlp = tmp_path / ner_resources.HANLP
    hanlp.mkdir(parents=True)
    (hanlp / "CoreNatureDictionary.txt").write_text(
        "众志成城\tvl\t9\n一丝不苟\ti\t3\n一连串\tal\t2\n青田县\tns\t5\n七国集团\tl\t1\n",
        encoding="utf-8")
    (hanlp / "custom__现代汉语补充词库.txt").write_text("风华正茂 i 1\n改革 v 8\n", encoding="utf-8")
    assert ner_resources.idiom_words(tmp_path) == {"众志成城", "一丝不苟", "风华正茂", "七国集团"}


def test_verb_like_words_take_frequent_verbs_prepositions_conjunctions_adverbs(tmp_path) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("联合 8569 v\n通过 9000 p\n中国 90000 ns\n由 50000 p\n偶尔 100 d\n",
                          encoding="utf-8")
    assert ner_resources.verb_like_words(dictionary) == ["联合", "通过"]
    out = tmp_path / "verb_like_words.txt"
    assert ner_resources.write_verb_like_words(out, dictionary) == 2
    assert out.read_text(encoding="utf-8").splitlines()[1:] == ["联合", "通过"]


def test_alias_user_words_are_rare_two_character_short_names(tmp_path) -> None:
    words = ner_resources.division_alias_words(known=set())
    assert {"寻乌", "安化"} <= set(words)
    assert not {"三台", "东方", "和平"} & set(words)  # a numeral first; common words
    path = tmp_path / "userdict.txt"
    path.write_text("# header\n市委\n", encoding="utf-8")
    assert ner_resources.write_alias_user_words(path) == len(words)
    assert ner_resources.write_alias_user_words(path) == len(words)  # idempotent
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["# header", "市委"] and lines.count("寻乌") == 1
