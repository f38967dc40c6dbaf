"""An article's people: mentions, offices, bare references linked within the article."""

from __future__ import annotations

from pipeline.people.mentions import address_title, article_nodes, is_full_name
from tests.people.helpers import article

LEAD = ("市委书记吴明远到遂昌县调研。县委书记周建华、县长李卫东陪同。吴书记指出,要抓好项目。"
        "周书记表示,全县将全力以赴。市委书记在讲话中强调,要守牢底线。")


def _lead_article():
    return article(
        "d1-a0", LEAD, "2025-03-18", people=["吴明远", "周建华", "李卫东", "吴", "周"],
        places=["遂昌县"], organs=[("市委", "中共丽水市委"), ("县委", "中共遂昌县委")],
        roles=[("市委书记吴明远", "吴明远", "市委书记", "市委"),
               ("县委书记周建华", "周建华", "县委书记", "县委"),
               ("县长李卫东", "李卫东", "县长", "县政府")])


def test_bare_surname_and_head_title_are_linked_to_the_full_name():
    nodes = {n.name: n for n in article_nodes(_lead_article())}
    assert set(nodes) == {"吴明远", "周建华", "李卫东"}  # 吴, 周 alone are no people
    forms = {name: [(m.text, m.kind) for m in node.mentions] for name, node in nodes.items()}
    assert forms["吴明远"] == [("吴明远", "name"), ("吴书记", "surname_title"),
                            ("市委书记", "title")]
    assert forms["周建华"] == [("周建华", "name"), ("周书记", "surname_title")]
    for node in nodes.values():  # every mention slices the text
        assert all(LEAD[m.start:m.end] == m.text for m in node.mentions)


def test_offices_take_the_canonical_organization_and_the_articles_county():
    nodes = {n.name: n for n in article_nodes(_lead_article())}
    assert [(o.title, o.organization) for o in nodes["吴明远"].current_offices] == [
        ("市委书记", "中共丽水市委")]
    assert [(o.title, o.organization) for o in nodes["李卫东"].current_offices] == [
        ("县长", "遂昌县人民政府")]


def test_an_address_with_two_holders_is_not_linked_but_the_exact_post_wins():
    text = "市长王海、副市长王平出席。王市长强调,要抓落实。副书记张强、副书记张亮参加。张书记说。"
    nodes = {n.name: n for n in article_nodes(article(
        "d2-a0", text, "2025-01-02", people=["王海", "王平", "张强", "张亮"],
        places=[("丽水", "丽水市")],
        roles=[("市长王海", "王海", "市长", "市政府"), ("副市长王平", "王平", "副市长", "市政府"),
               ("副书记张强", "张强", "副书记", None), ("副书记张亮", "张亮", "副书记", None)]))}
    assert [m.text for m in nodes["王海"].mentions] == ["王海", "王市长"]  # the 市长, not the 副市长
    assert [m.text for m in nodes["张强"].mentions] == ["张强"]  # 张书记: two holders, left alone


def test_bylines_former_posts_and_a_name_that_took_a_character():
    text = "本报讯(记者 叶青)原县委书记胡建国出席。会议宣布:徐明任县委书记。县委书记徐明作表态发言。"
    nodes = {n.name: n for n in article_nodes(article(
        "d3-a0", text, None, people=["叶青", "胡建国", "徐明", "徐明作"],
        roles=[("记者 叶青", "叶青", "记者", None), ("县委书记胡建国", "胡建国", "县委书记", "县委"),
               ("县委书记徐明作", "徐明作", "县委书记", "县委")]))}
    assert nodes["叶青"].byline and not nodes["胡建国"].byline
    assert nodes["胡建国"].offices and not nodes["胡建国"].current_offices  # 原: former
    assert "徐明作" not in nodes and [m.text for m in nodes["徐明"].mentions] == ["徐明", "徐明"]
    assert nodes["徐明"].current_offices[0].title == "县委书记"


def test_names_and_forms_of_address():
    assert is_full_name("吴舜泽") and is_full_name("欧阳立") and is_full_name("叶辛")
    assert not is_full_name("吴书记") and not is_full_name("欧阳") and not is_full_name("吴")
    assert address_title("市委副书记") == "书记" and address_title("常务副市长") == "市长"
    assert address_title("代县长") == "县长" and address_title("常委") is None
