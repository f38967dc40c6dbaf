"""Offices: unified titles, canonical organizations, their places, former posts."""

from __future__ import annotations

import pytest

from pipeline.people.offices import bare_title, canonical_organization, is_former, office
from pipeline.people.places import Place

LISHUI = Place("浙江省", "丽水市")
SUICHANG = Place("浙江省", "丽水市", "遂昌县")


@pytest.mark.parametrize(("written", "organization", "context", "title", "canonical", "place"), [
    ("市委书记", "中共丽水市委", LISHUI, "市委书记", "中共丽水市委", "丽水市"),
    ("市委书记", "丽水市委", LISHUI, "市委书记", "中共丽水市委", "丽水市"),
    ("书记", "中共丽水市委", LISHUI, "市委书记", "中共丽水市委", "丽水市"),  # variant unified
    ("市委副书记", "市委", LISHUI, "市委副书记", "中共丽水市委", "丽水市"),  # 副 distinct
    ("市长", "市政府", LISHUI, "市长", "丽水市人民政府", "丽水市"),
    ("代市长", "市政府", LISHUI, "代市长", "丽水市人民政府", "丽水市"),  # 代 distinct
    ("常务副县长", "县政府", SUICHANG, "常务副县长", "遂昌县人民政府", "遂昌县"),
    ("县长", "遂昌县政府", LISHUI, "县长", "遂昌县人民政府", "遂昌县"),
    ("宣传部部长", "莲都区委宣传部", LISHUI, "部长", "中共莲都区委宣传部", "莲都区"),
    ("镇党委书记", "碧湖镇党委", LISHUI, "党委书记", "中共碧湖镇委员会", "碧湖镇"),
    ("组长", "省委学习教育第二督导组", LISHUI, "组长", "省委学习教育第二督导组", "浙江省"),
    ("总书记", "中共中央", LISHUI, "总书记", "中共中央", "全国"),
    ("市委书记", "市委", Place(), "市委书记", "市委", None),  # no known 市: kept as written
])
def test_office(written, organization, context, title, canonical, place):
    found = office(written, organization, context)
    assert (found.title, found.organization, found.place_name) == (title, canonical, place)


def test_a_level_alone_stands_for_the_named_place_of_that_level():
    """A county-level city's paper: 市委 is its own (中共江山市委), not the prefecture's."""
    quzhou = Place("浙江省", "衢州市", "江山市")
    assert canonical_organization("市委", quzhou) == "中共衢州市委"
    assert canonical_organization("市委", quzhou, ["江山市"]) == "中共江山市委"
    assert canonical_organization("县委", quzhou, ["江山市"]) == "县委"


def test_bare_titles_and_former_posts():
    assert bare_title("市委常务副书记") == "常务副书记"
    assert bare_title("县委常务副县长") == "常务副县长"
    assert is_former("……原") and is_former("会上,时任") and not is_former("会上,")
