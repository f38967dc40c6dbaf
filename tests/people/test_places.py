"""Places of people and offices: resolving division names, compatibility, article places."""

from __future__ import annotations

from pipeline.people.places import NATIONAL, Place, article_place, name_place, place_prefix, resolve

LISHUI = Place("浙江省", "丽水市")
SUICHANG = Place("浙江省", "丽水市", "遂昌县")
JINYUN = Place("浙江省", "丽水市", "缙云县")
QUZHOU = Place("浙江省", "衢州市")


def test_division_names_resolve_to_their_levels():
    assert resolve("丽水市") == LISHUI
    assert resolve("遂昌县") == SUICHANG
    assert resolve("碧湖镇") == Place("浙江省", "丽水市", "莲都区")  # a township: its county
    assert resolve("浙江省") == Place("浙江省")
    assert resolve("丽水") is None and resolve("丽水", aliases=True) == LISHUI
    assert resolve("不是地名") is None


def test_compatibility_is_no_contradiction_at_a_shared_level():
    assert LISHUI.compatible(SUICHANG) and SUICHANG.compatible(LISHUI)
    assert not SUICHANG.compatible(JINYUN)
    assert not LISHUI.compatible(QUZHOU)
    assert Place("浙江省").compatible(QUZHOU)
    assert NATIONAL.compatible(SUICHANG) and NATIONAL.name == "全国"
    assert SUICHANG.within("丽水市") and not SUICHANG.within("衢州市")


def test_place_prefix_of_organizations():
    assert place_prefix("遂昌县人民政府") == ("遂昌县", "遂昌县", SUICHANG)
    assert place_prefix("丽水学院") == ("丽水", "丽水市", LISHUI)
    assert place_prefix("省委组织部") is None


def test_article_place_prefers_the_prefecture_and_a_dominant_county():
    assert article_place(["丽水市", "遂昌县", "遂昌县", "缙云县"]) == SUICHANG
    assert article_place(["丽水市", "遂昌县", "缙云县"]) == LISHUI  # no county dominates
    assert article_place(["浙江省"]) == Place("浙江省")
    assert not article_place([]).known


def test_a_papers_name_names_its_place_but_national_media_none():
    assert name_place("丽水日报") == LISHUI
    assert name_place("今日遂昌") == SUICHANG
    assert name_place("浙江日报") == Place("浙江省")
    assert not name_place("新华社").known and not name_place("光明日报").known
