"""Person identity across articles: same name and compatible places or offices is one person."""

from __future__ import annotations

from pipeline.people.build import build
from tests.people.helpers import article

SC = ("遂昌", "遂昌县")
JY = ("缙云", "缙云县")


def _ids(articles) -> dict[tuple[str, str], str]:
    """(article_id, name) → person_id."""
    derived = build(articles)
    return {(row["article_id"], row["name"]): row["person_id"] for row in derived.person_mentions}


def test_namesakes_in_different_counties_stay_apart_and_a_city_office_joins_its_counties():
    articles = [
        article("a-a0", "遂昌县副县长张伟检查工作。", "2025-01-02", people=["张伟"], places=["遂昌县"],
                roles=[("副县长张伟", "张伟", "副县长", "遂昌县政府")]),
        article("b-a0", "缙云县壶镇镇镇长张伟汇报。", "2025-01-03", people=["张伟"],
                places=["缙云县", "壶镇镇"], roles=[("壶镇镇镇长张伟", "张伟", "镇长", "壶镇镇政府")]),
        article("c-a0", "在遂昌,张伟察看了项目。", "2025-02-01", people=["张伟"], places=[SC]),
        article("d-a0", "在缙云,记者见到了张伟。", "2025-02-02", people=["张伟"], places=[JY]),
    ]
    ids = _ids(articles)
    assert ids[("a-a0", "张伟")] == ids[("c-a0", "张伟")]
    assert ids[("b-a0", "张伟")] == ids[("d-a0", "张伟")]
    assert ids[("a-a0", "张伟")] != ids[("b-a0", "张伟")]
    assert {ids[("a-a0", "张伟")], ids[("b-a0", "张伟")]} == {"张伟@遂昌县", "张伟@缙云县"}


def test_a_promotion_inside_the_city_is_one_person_with_both_offices():
    articles = [
        article("a-a0", "遂昌县委书记周建华主持会议。", "2024-11-11", people=["周建华"],
                organs=[("遂昌县委", "中共遂昌县委")],
                roles=[("遂昌县委书记周建华", "周建华", "县委书记", "遂昌县委")]),
        article("b-a0", "丽水市副市长周建华出席会议。", "2025-05-20", people=["周建华"],
                places=["丽水市"], roles=[("丽水市副市长周建华", "周建华", "副市长", "丽水市政府")]),
    ]
    derived = build(articles)
    assert len(derived.people) == 1
    offices = {(r["title"], r["organization"], r["first_seen"].isoformat()) for r in derived.offices}
    assert offices == {("县委书记", "中共遂昌县委", "2024-11-11"),
                       ("副市长", "丽水市人民政府", "2025-05-20")}


def test_the_mayors_of_two_cities_are_two_people_and_a_leader_is_one_everywhere():
    articles = [
        article("a-a0", "丽水市副市长王志刚出席。学习习近平总书记重要讲话。", "2025-01-23",
                people=["王志刚", "习近平"], places=["丽水市"],
                roles=[("丽水市副市长王志刚", "王志刚", "副市长", "丽水市政府")]),
        article("b-a0", "衢州市市长王志刚主持。学习习近平总书记重要讲话。", "2025-01-24",
                people=["王志刚", "习近平"], places=["衢州市"],
                roles=[("衢州市市长王志刚", "王志刚", "市长", "衢州市政府")]),
    ]
    ids = _ids(articles)
    assert ids[("a-a0", "王志刚")] != ids[("b-a0", "王志刚")]
    assert ids[("a-a0", "习近平")] == ids[("b-a0", "习近平")] == "习近平@全国"


def test_an_unplaced_mention_joins_the_person_with_most_articles():
    articles = [article(f"{k}-a0", "县长李卫东讲话。", f"2025-0{i + 1}-01", people=["李卫东"],
                        places=[SC], roles=[("县长李卫东", "李卫东", "县长", "县政府")])
                for i, k in enumerate("abc")]
    articles.append(article("d-a0", "李卫东说,要抓落实。", "2025-06-01", people=["李卫东"]))
    assert len({pid for (_, name), pid in _ids(articles).items() if name == "李卫东"}) == 1


def test_a_level_only_office_is_completed_from_the_persons_placed_office():
    """江山日报: 市委书记刘海涛 is 中共江山市委's, as the article that wrote the place says."""
    articles = [
        article("a-a0", "江山市委书记刘海涛陪同。", "2025-01-08", people=["刘海涛"], places=["江山市"],
                organs=[("江山市委", "中共江山市委")],
                roles=[("江山市委书记刘海涛", "刘海涛", "市委书记", "江山市委")]),
        article("b-a0", "市委书记刘海涛到江山市峡口镇调研。", "2025-06-12", people=["刘海涛"],
                places=["江山市"], organs=[("市委", "中共衢州市委")],
                roles=[("市委书记刘海涛", "刘海涛", "市委书记", "市委")]),
    ]
    derived = build(articles)
    assert [(r["title"], r["organization"], r["n_articles"]) for r in derived.offices] == [
        ("市委书记", "中共江山市委", 2)]


def test_a_leaders_untitled_and_provincial_mentions_are_the_leader():
    """国家主席习近平 (no organization), 省委书记习近平 in a retrospective: one person; a county's
    李强 is not the premier."""
    articles = [
        article("a-a0", "国家主席习近平致贺电。", "2025-01-02", people=["习近平"],
                roles=[("国家主席习近平", "习近平", "国家主席", None)]),
        article("b-a0", "当年,省委书记习近平在河北调研。", "2025-01-03", people=["习近平"],
                places=[("河北", "河北省")], roles=[("省委书记习近平", "习近平", "省委书记", "省委")]),
        article("c-a0", "总书记习近平强调。", "2025-01-04", people=["习近平"],
                organs=[("中共中央", "中共中央")]),
        article("d-a0", "国务院总理李强出席。", "2025-01-05", people=["李强"],
                roles=[("国务院总理李强", "李强", "国务院总理", "国务院")]),
        article("e-a0", "遂昌县县长李强主持。", "2025-01-06", people=["李强"], places=["遂昌县"],
                roles=[("遂昌县县长李强", "李强", "县长", "遂昌县政府")]),
    ]
    ids = _ids(articles)
    assert {ids[(a, "习近平")] for a in ("a-a0", "b-a0", "c-a0")} == {"习近平@全国"}
    assert ids[("d-a0", "李强")] == "李强@全国" and ids[("e-a0", "李强")] == "李强@遂昌县"


def test_a_news_agency_names_no_place():
    text = "新华社记者报道,王平出席会议。"
    ids = _ids([article("a-a0", text, "2025-01-02", people=["王平"], organs=["新华社"])])
    assert ids[("a-a0", "王平")] == "王平"
