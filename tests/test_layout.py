from hypothesis import given
from hypothesis import strategies as st

from pipeline.layout import split_articles
from pipeline.normalize import normalize

PAGE = """城南新区召开项目建设推进会
抢抓时间节点 全力攻坚冲刺
本报讯(记者 王明 通讯员 李华 赵晴)10月9日,城南新区召开重点项目建设推进会。
会议要求,要对照年度目标,倒排工期、挂图作战,确保全年任务圆满完成。会议还通报了前三季度各项目进展情况,部署了下一阶段重点工作,强调要守牢安全生产底线,统筹做好征地拆迁、要素保障和服务企业等工作。
会上,各项目责任单位负责人逐一汇报了项目推进中遇到的困难和问题,相关部门现场作了回应。
山乡深处书声琅琅
——青山镇中心小学办学侧记
本报记者 陈思远
清晨六点半,青山镇中心小学的操场上已经响起了读书声。这所学校坐落在大山深处,全校一百多名学生大多是留守儿童。
“孩子们读书的劲头比以前足多了。”校长说,学校开设了书法、剪纸、篮球等十多门兴趣课程,让山里娃也能享受优质教育。
近年来,镇里持续加大投入,新建了图书室和塑胶跑道,学校面貌焕然一新,越来越多外出务工的家长把孩子送回镇里读书。
10月8日,市民在滨江公园观赏盛开的桂花。 首席记者 周林 通讯员 吴雨"""


def test_page_is_split_into_items_with_bylines():
    text = normalize(PAGE)
    articles = split_articles(text)
    assert [a.headline for a in articles] == ["城南新区召开项目建设推进会", "山乡深处书声琅琅", None]
    assert articles[0].subheadline == "抢抓时间节点 全力攻坚冲刺"
    assert articles[0].reporters == ["王明", "李华", "赵晴"]
    assert articles[0].dateline == "本报讯(记者 王明 通讯员 李华 赵晴)10月9日"
    assert articles[1].subheadline == "——青山镇中心小学办学侧记"
    assert articles[1].reporters == ["陈思远"] and articles[1].type == "feature"
    assert articles[2].type == "caption" and articles[2].reporters == ["周林", "吴雨"]
    assert articles[0].type == "news"


def test_articles_cover_the_page_in_order():
    text = normalize(PAGE)
    articles = split_articles(text)
    assert articles[0].start == 0 and articles[-1].end == len(text)
    for before, after in zip(articles, articles[1:], strict=False):
        assert before.end <= after.start
    assert text[articles[1].start:articles[1].end].startswith("山乡深处书声琅琅")


def test_photo_note_stays_with_its_article():
    text = normalize("新区开工\n本报讯(记者 王明)新区项目今天开工,总投资较大,带动就业明显,各方反响热烈。"
                     "\n图为开工现场。(记者 李华 摄)")
    [article] = split_articles(text)
    assert article.reporters == ["王明", "李华"]


def test_blank_text_has_no_articles():
    assert split_articles("") == []


@given(st.text(alphabet=st.sampled_from(list("本报讯记者通讯员摄()王明。,!“”——\n 侧记会议图为1月2日")), max_size=400))
def test_random_pages_keep_offsets_valid(raw):
    text = normalize(raw)
    for article in split_articles(text):
        assert 0 <= article.start < article.end <= len(text)
        for paragraph in article.paragraphs:
            assert text[paragraph.start:paragraph.end] == paragraph.text


@given(st.text(max_size=600))
def test_random_unicode_pages_keep_offsets_valid(raw):
    text = normalize(raw)
    for article in split_articles(text):
        assert 0 <= article.start < article.end <= len(text)


def test_byline_and_dateline_variants():
    text = normalize(
        "好日子来了!\n■本报记者 陈思远 通讯员 吴雨\n今年以来,村里的民宿生意越来越红火,游客一批接一批。\n"
        "新政解读\n新华社北京11月5日电(记者 周林)国务院新闻办公室今天举行发布会,介绍有关情况。\n"
        "乡村振兴见成效\n本报讯 记者 王明 通讯员 李华 近日,记者走进青山镇,看到一派丰收景象。"
    )
    articles = split_articles(text)
    assert [a.headline for a in articles] == ["好日子来了!", "新政解读", "乡村振兴见成效"]
    assert articles[0].reporters == ["陈思远", "吴雨"]
    assert articles[1].dateline == "新华社北京11月5日电(记者 周林)" and articles[1].reporters == ["周林"]
    assert articles[2].reporters == ["王明", "李华"]


def test_parenthesized_byline_at_the_end():
    text = normalize("城区新增停车位\n本报讯 今年以来,城区新增公共停车位两千余个,缓解了停车难问题。\n(记者 王明 通讯员 李华)")
    [article] = split_articles(text)
    assert article.reporters == ["王明", "李华"]
