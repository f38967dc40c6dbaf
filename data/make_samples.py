"""Regenerate the bundled sample archive `data/samples/` (invented text, Baokan team).

Run: `.venv/bin/python data/make_samples.py`. Output is deterministic (fixed zip
timestamps and member order, sorted JSON keys). Every item is fiction written for the
project, set in 衢州 (浙江); the people are invented. The script also writes
`EXPECTED.json` (acceptance data) and checks that every expected string occurs in the
text of its document before writing anything.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "samples"
SOURCE = "衢州日报"
ZIP_TIME = (2025, 11, 6, 6, 30, 0)


def page(*blocks: str) -> str:
    """Join page blocks (items already joined by blank lines) like a converted print page."""
    return "\n\n\n\n" + "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- 2025-11-03/page01.txt (GB18030)

P01_MEETING = "\n\n".join(
    [
        "市委常委会召开扩大会议",
        "深化山海协作 做强开放通道",
        "奋力打造四省边际中心城市",
        "程立衡主持并讲话",
        "研究部署《关于深化山海协作推动山区跨越式发展的实施意见》",
        "本报讯(记者 祝晓岚 通讯员 毛一凡)11月2日,市委常委会召开扩大会议,传达学习全省山海协作工作推进会精神,研究部署我市深化山海协作、推动山区跨越式发展工作。市委书记程立衡主持会议并讲话。",
        "市长方以宁,市委副书记汪启航及其他市委常委出席会议。省委第四督导组组长邵明远、副组长何素琴到会指导。",
        "会议指出,“十四五”以来,全市上下坚持以“八八战略”为统领,深入学习运用“千万工程”经验,把“山海协作”作为推动山区跨越式发展的重要抓手,与宁波、绍兴、嘉兴等结对地区共建“产业飞地”“科创飞地”“消薄飞地”,走出了一条优势互补、互利共",
        "赢的协作之路。五年来,全市山海协作产业园工业产值从48.5亿元增加到213.7亿元,增长3.4倍;累计引进协作项目126个,总投资超300亿元,带动就业1.8万余人。",
        "今年前三季度,全市实现地区生产总值1586.3亿元,同比增长6.2%,增速高于全省0.8个百分点;规上工业增加值同比增长9.4%,占全省比重提高0.3个百分点;城乡居民人均可支配收入分别达到52806元、32190元,同比分别增长5.1%、6.7%,城乡收入倍差从1.68缩小到1.64。",
        "会议强调,要坚定扛起“四省边际中心城市”建设的使命担当,迭代完善市委“3+2”山海协作工作体系,深化“‘飞地’+‘园区’”共建模式,打响“‘衢州有礼’·山海同行”协作品牌。要用好“两新”政策,推动设备更新和消费品以旧换新提质扩面,约占全市工业投资三成的技改项目要加快落地。要提前谋划“十五五”山海协作重大项目,主动融入长三角一体化发展,把衢州建成浙江对接闽赣皖的开放门户。",
        "会议要求,各级各部门要切实扛起主体责任,市发改委要牵头建立项目推进专班,市纪委要强化全过程监督,确保各项任务落地见效。",
        "市人大常委会、市政府、市政协有关负责同志,市中级法院院长,市检察院检察长,衢州学院、衢州职业技术学院主要负责人,各县(市、区)委书记,市直有关单位主要负责人列席会议。",
    ]
)

P01_NEWS = "\n\n".join(
    [
        "常山“园区夜校”开课啦",
        "本报讯(记者 吴桐雨 通讯员 徐静 姜可心)“下了班走几步就能学电工,真方便!”10月31日晚,在常山经济开发区职工服务驿站,30余名企业职工围在实训台前,跟着老师学习低压电工操作。",
        "为帮助一线职工提升技能、丰富业余生活,今年以来,常山县总工会联合常山县职业中专推出“园区夜校”惠工服务,设置技能提升、文体健身、亲子阅读等3大类18门课程,采取“职工点单、工会派课”方式送课进园区。截至目前,已开展教学活动160余场次,服务职工约8600人次,县总工会累计投入资金42万元。",
    ]
)

P01_BRIEF = "\n\n".join(
    [
        "龙游文化惠民活动精彩纷呈",
        "本报讯(通讯员 周晓 叶青禾)记者日前从龙游县文化和广电旅游体育局获悉,今年1—10月,龙游县累计开展送戏下乡、送书下乡等文化惠民活动326场次,惠及群众12.6万人次;投入资金580万元,完成文化礼堂提升改造项目23项,培育乡村文艺骨干460余名。",
    ]
)

P01_CAPTION = "11月1日,在开化县实验小学“钱江源”根雕课堂上,学生们在老师指导下体验根雕技艺。 本报通讯员 汪晨曦 摄"

PAGE01 = page(P01_MEETING, P01_NEWS, P01_BRIEF, "\n" + P01_CAPTION)

# ---------------------------------------------------------------- page02_20251104.html (UTF-8 HTML)

P02_PARAS = [
    "本报记者 余若溪 通讯员 柴嘉禾",
    "清晨7点,江山—北仑山海协作产业园的厂房里已是一片繁忙。数控车间内,机械臂来回挥舞,一批新能源汽车零部件正在装箱,当天就要发往宁波港。",
    "“以前跑一趟宁波要大半天,现在两地审批窗口打通了,很多事情在园区就能办,真方便!”浙江锦帆精密机械有限公司负责人林海峰一边查看订单一边说。去年,这家北仑企业把新生产线落在江山,今年产值有望突破3亿元。",
    "园区是江山市与宁波市北仑区共建的“产业飞地”。“北仑出资金、出技术、出市场,江山出土地、出劳力、出配套。”江山市山海协作办公室主任杨芷若介绍,园区已入驻企业38家,今年1—9月实现产值27.4亿元,同比增长18.6%,上缴税收约1.3亿元。",
    "产业“飞”进来,村民也跟着受益。附近的大陈乡有120余名村民在园区就业,5个村通过入股标准厂房,每年可获得分红超600万元。“家门口上班,还能照顾老人孩子。”在包装车间工作的村民毛雪芬笑着说。",
    "两地的协作还延伸到文化领域。10月下旬,由两地文化部门联合摄制的纪录片《山海之约》在“甬江之夜”文化周上首映,吸引了1800多名观众。",
    "图为江山—北仑山海协作产业园内,工人正在生产线上调试设备。(记者 郑恺之 摄)",
]

P02_TITLE = "一块“飞地” 两地共富"
P02_KICKER = "——江山—北仑山海协作产业园建设侧记"


def page02_html() -> str:
    """A CMS-style article page: nav, header, share links, sidebar and footer around the article."""
    body = "\n".join(f"      <p>{p}</p>" for p in P02_PARAS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>一块&ldquo;飞地&rdquo; 两地共富_衢州日报_衢州新闻网</title>
  <meta name="keywords" content="山海协作,产业飞地,江山,北仑">
  <meta name="description" content="江山—北仑山海协作产业园建设侧记">
  <meta name="PubDate" content="2025-11-04 07:30">
  <meta name="ContentSource" content="衢州日报">
  <link rel="stylesheet" href="/static/css/article.css">
  <script>var _hmt = _hmt || []; window.pageInfo = {{channel: "qzrb", id: "20251104-0201"}};</script>
</head>
<body>
  <div class="top-bar"><a href="/login">登录</a> | <a href="/register">注册</a> | <a href="/app">客户端下载</a></div>
  <div class="header">
    <div class="logo"><a href="/"><img src="/static/img/logo.png" alt="衢州新闻网"></a></div>
    <ul class="nav">
      <li><a href="/">首页</a></li>
      <li><a href="/szxw/">时政</a></li>
      <li><a href="/xsq/">县市区</a></li>
      <li><a href="/pl/">评论</a></li>
      <li><a href="/szb/">数字报</a></li>
      <li><a href="/tp/">图片</a></li>
    </ul>
  </div>
  <div class="crumb">当前位置:<a href="/">首页</a> &gt; <a href="/szb/">数字报</a> &gt; 第02版</div>
  <div class="main">
    <div class="article">
      <h1>{P02_TITLE}</h1>
      <h2 class="subtitle">{P02_KICKER.replace("——", "&mdash;&mdash;")}</h2>
      <div class="info">
        <span class="date">2025-11-04 07:30</span>&nbsp;&nbsp;<span class="source">来源:衢州日报</span>&nbsp;&nbsp;<span class="page">第02版</span>
      </div>
      <div class="content">
{body}
      </div>
    </div>
    <div class="share">分享到:<a href="#weixin">微信</a> <a href="#weibo">微博</a> <a href="#qzone">QQ空间</a></div>
    <div class="editor">责任编辑:方晴</div>
  </div>
  <div class="sidebar">
    <h3>相关新闻</h3>
    <ul>
      <li><a href="/szb/20251103/0101.html">市委常委会召开扩大会议</a></li>
      <li><a href="/szb/20251103/0102.html">常山“园区夜校”开课啦</a></li>
    </ul>
  </div>
  <div class="footer">
    <p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/copyright">版权声明</a></p>
    <p>衢州日报社 版权所有 未经授权禁止转载 浙ICP备00000000号-1</p>
  </div>
  <script src="/static/js/stat.js"></script>
</body>
</html>
"""


# ---------------------------------------------------------------- feed.jsonl (UTF-8, 2025-11-05)

FEED = [
    {
        "id": "qzrb-20251105-0101",
        "title": "前三季度我市民营经济稳中有进",
        "url": "https://example.com/qzrb/20251105/0101.html",
        "text": "\n".join(
            [
                "本报讯(记者 祝晓岚 通讯员 方可)11月4日,记者从市统计局获悉,今年前三季度,全市民营经济实现增加值812.4亿元,同比增长6.9%,占全市生产总值比重达到51.2%,比上年同期提高1.1个百分点。",
                "民营企业活力持续释放。前三季度,全市新增民营市场经营主体2.3万户,民营企业出口额、进口额分别为186.5亿元、42.8亿元,同比分别增长12.4%、9.6%。全市抢抓“两新”政策机遇,今年已有217家民营企业实施设备更新项目,带动投资约46亿元。",
                "市委常委、副市长洪晓川表示,下一步将深入实施“八八战略”,持续打造“无证明城市”升级版,推动“民营经济32条”落地见效,让企业家安心经营、放心投资。",
            ]
        ),
    },
    {
        "id": "qzrb-20251105-0102",
        "title": "衢州学院与常山县签订校地合作协议",
        "url": "https://example.com/qzrb/20251105/0102.html",
        "text": "\n".join(
            [
                "本报讯(记者 吴桐雨 通讯员 姜可心)11月4日,衢州学院与常山县人民政府在常山签订校地全面合作协议。常山县委书记傅建平,衢州学院党委书记韩一鸣出席签约仪式。",
                "根据协议,双方将围绕胡柚深加工、新材料、数字乡村等领域开展合作,首批签约产学研项目12项,共建实践基地5个,学校将选派30名科技特派员驻村服务。",
                "傅建平表示,常山将以此次合作为契机,深化“千万工程”,让更多科研成果在田间地头和车间厂房“开花结果”。",
            ]
        ),
    },
    {
        "id": "qzrb-20251105-0103",
        "title": "图片新闻",
        "url": "https://example.com/qzrb/20251105/0103.html",
        "text": "11月4日,柯城区沟溪乡余东村迎来一批研学学生。图为学生们在农民画展厅临摹画作。(本报通讯员 徐静 摄)",
    },
]


def feed_jsonl() -> str:
    lines = []
    for rec in FEED:
        full = {"id": rec["id"], "title": rec["title"], "date": "2025-11-05", "source": SOURCE,
                "url": rec["url"], "text": rec["text"]}
        lines.append(json.dumps(full, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- archive_2025-11-06.zip

P03_NEWS = "\n\n".join(
    [
        "开化深入践行“千万工程”",
        "全域打造和美乡村",
        "本报讯(记者 吴桐雨 通讯员 程一帆)11月5日,开化县召开和美乡村建设现场推进会。开化县委书记齐思远在会上表示,要坚持“绿水青山就是金山银山”理念,以“千万工程”为牵引,推动乡村从“一处美”迈向“全域美”。",
        "近年来,开化县累计建成和美乡村示范村46个、特色精品村112个,村级集体经济总收入从2.1亿元增加到3.5亿元,年经营性收入50万元以上的行政村占比提高到78.6%;农村居民人均可支配收入达到30856元,同比增长7.2%。",
        "会上,开化县农业农村局、华埠镇等单位作交流发言。",
    ]
)

P03_BRIEF = "\n\n".join(
    [
        "江山越野跑赛事带热秋季游",
        "本报讯(通讯员 邵宇航)11月2日,第五届江郎山越野跑在江山市举行,吸引了来自全国各地的2300余名选手参赛。据测算,赛事期间带动当地住宿、餐饮等旅游消费约1500万元,接待游客4.6万人次。",
    ]
)

PAGE03 = page(P03_NEWS, P03_BRIEF)

P04_COMMENT = "\n\n".join(
    [
        "以山海协作之力答好共富之题",
        "本报评论员",
        "山海协作,是“八八战略”的重要内容,也是衢州这样的山区城市缩小差距的关键一招。",
        "答好共富之题,要在“协作”二字上下足功夫。产业要协同,项目要落地,人才要流动,让山区的生态优势和沿海的资金技术优势真正结合起来。",
        "答好共富之题,更要在“实干”二字上见真章。全市上下要以只争朝夕的劲头抓推进、抓落实,以实绩实效检验协作成效。",
    ]
)

P04_CAPTION = "11月5日,衢江区莲花镇的农户在晾晒新收的稻谷。 本报记者 郑恺之 摄"

PAGE04 = page(P04_COMMENT, "\n" + P04_CAPTION)

ZIP_MEMBERS = [
    ("2025-11-06/page03.txt", PAGE03, "utf-8"),
    ("page04.txt", PAGE04, "gbk"),
]

# ---------------------------------------------------------------- 2025/11/07/page.txt (UTF-16 BOM)

P07_NEWS = "\n\n".join(
    [
        "我市召开民营企业家座谈会",
        "方以宁出席",
        "本报讯(记者 祝晓岚)11月6日,市政府召开民营企业家座谈会,听取企业发展意见建议。市长方以宁出席并讲话,副市长洪晓川主持。",
        "座谈会上,衢州恒岳新材料有限公司、浙江锦帆精密机械有限公司等8家企业负责人先后发言。市发改委、市经信局、市工商联负责人现场回应企业诉求。",
        "方以宁指出,前三季度全市规上工业企业营业收入2036.8亿元,同比增长7.5%,民间投资增速比全省平均水平高2.3个百分点,成绩来之不易。各部门要当好“店小二”,做到“有求必应、无事不扰”。",
    ]
)

P07_CAPTION = "11月6日,柯城区一家智能制造企业的工人在组装机器人关节部件。 本报记者 郑恺之 摄"

PAGE07 = page(P07_NEWS, "\n" + P07_CAPTION)


# ---------------------------------------------------------------- expected (acceptance) data


def stat(surface: str, value: float, unit: str, role: str, qualifier: str = "exact",
         indicator: str | None = None) -> dict:
    row = {"surface": surface, "value": value, "unit": unit, "role": role, "qualifier": qualifier}
    if indicator:
        row["indicator_contains"] = indicator
    return row


def per(*names: str) -> list[list[str]]:
    return [[n, "PER"] for n in names]


def loc(*names: str) -> list[list[str]]:
    return [[n, "LOC"] for n in names]


def org(*names: str) -> list[list[str]]:
    return [[n, "ORG"] for n in names]


EXP_PAGE01 = {
    "member": None,
    "articles": {
        "count": 4,
        "headlines": ["市委常委会召开扩大会议", "常山“园区夜校”开课啦", "龙游文化惠民活动精彩纷呈", None],
        "types": ["news", "news", "brief", "caption"],
        "subheadlines_include": ["深化山海协作 做强开放通道", "奋力打造四省边际中心城市"],
        "bylines_include": ["祝晓岚", "毛一凡", "吴桐雨", "徐静", "姜可心", "周晓", "叶青禾", "汪晨曦"],
    },
    "people_roles": [
        ["程立衡", "市委书记"], ["方以宁", "市长"], ["汪启航", "市委副书记"],
        ["邵明远", "组长"], ["何素琴", "副组长"],
    ],
    "entities": per("程立衡", "方以宁", "汪启航", "邵明远", "何素琴", "祝晓岚", "毛一凡", "吴桐雨",
                    "徐静", "姜可心", "周晓", "叶青禾", "汪晨曦")
    + loc("宁波", "绍兴", "嘉兴", "衢州", "浙江", "长三角", "常山", "龙游县")
    + org("市委常委会", "省委第四督导组", "市发改委", "市纪委", "市人大常委会", "市政协",
          "衢州学院", "衢州职业技术学院", "常山县总工会", "常山县职业中专",
          "龙游县文化和广电旅游体育局", "开化县实验小学"),
    "not_entities": ["全市", "市委书记", "山海协作", "四省边际中心城市"],
    "slogans": {
        "numbered": ["十四五", "八八战略", "千万工程", "3+2", "两新", "十五五"],
        "quoted": ["山海协作", "产业飞地", "科创飞地", "消薄飞地", "四省边际中心城市",
                   "职工点单、工会派课"],
        "nested_surface": ["“‘飞地’+‘园区’”", "“‘衢州有礼’·山海同行”"],
        "nested_inner": ["飞地", "园区", "衢州有礼"],
        "not_slogans": ["下了班走几步就能学电工,真方便!", "钱江源", "园区夜校"],
    },
    "statistics": [
        stat("48.5亿元", 4850000000.0, "元", "from", indicator="工业产值"),
        stat("213.7亿元", 21370000000.0, "元", "to", indicator="工业产值"),
        stat("3.4倍", 3.4, "倍", "change_multiple", indicator="工业产值"),
        stat("126个", 126, "个", "count", indicator="项目"),
        stat("超300亿元", 30000000000.0, "元", "level", "over", indicator="投资"),
        stat("1.8万余人", 18000, "人", "count", "over", indicator="就业"),
        stat("1586.3亿元", 158630000000.0, "元", "level", indicator="生产总值"),
        stat("6.2%", 6.2, "%", "change_pct", indicator="生产总值"),
        stat("0.8个百分点", 0.8, "百分点", "pct_point"),
        stat("9.4%", 9.4, "%", "change_pct", indicator="工业增加值"),
        stat("0.3个百分点", 0.3, "百分点", "pct_point", indicator="比重"),
        stat("52806元", 52806, "元", "level", indicator="城"),
        stat("32190元", 32190, "元", "level", indicator="乡"),
        stat("5.1%", 5.1, "%", "change_pct", indicator="城"),
        stat("6.7%", 6.7, "%", "change_pct", indicator="乡"),
        stat("1.68", 1.68, "倍", "from", indicator="倍差"),
        stat("1.64", 1.64, "倍", "to", indicator="倍差"),
        stat("30余名", 30, "名", "count", "over"),
        stat("18门", 18, "门", "count"),
        stat("160余场次", 160, "场次", "count", "over"),
        stat("约8600人次", 8600, "人次", "count", "approx"),
        stat("42万元", 420000.0, "元", "level"),
        stat("326场次", 326, "场次", "count"),
        stat("12.6万人次", 126000.0, "人次", "count"),
        stat("580万元", 5800000.0, "元", "level"),
        stat("23项", 23, "项", "count"),
        stat("460余名", 460, "名", "count", "over"),
    ],
    "not_statistics": ["11月2日", "10月31日", "11月1日", "3+2", "1—10月"],
}

EXP_PAGE02 = {
    "member": None,
    "title": "一块“飞地” 两地共富_衢州日报_衢州新闻网",
    "boilerplate_absent": ["首页", "分享到", "责任编辑", "版权所有", "相关新闻", "客户端下载"],
    "articles": {
        "count": 1,
        "headlines": [P02_TITLE],
        "types": ["feature"],
        "subheadlines_include": [P02_KICKER],
        "bylines_include": ["余若溪", "柴嘉禾", "郑恺之"],
    },
    "people_roles": [["杨芷若", "主任"]],
    "entities": per("余若溪", "柴嘉禾", "林海峰", "杨芷若", "毛雪芬", "郑恺之")
    + loc("江山", "宁波", "北仑区", "宁波港", "大陈乡")
    + org("浙江锦帆精密机械有限公司", "江山市山海协作办公室"),
    "not_entities": ["园区", "真方便"],
    "slogans": {
        "numbered": [],
        "quoted": ["产业飞地"],
        "not_slogans": ["山海之约", "甬江之夜", "家门口上班,还能照顾老人孩子。"],
    },
    "statistics": [
        stat("38家", 38, "家", "count"),
        stat("27.4亿元", 2740000000.0, "元", "level", indicator="产值"),
        stat("18.6%", 18.6, "%", "change_pct"),
        stat("约1.3亿元", 130000000.0, "元", "level", "approx", indicator="税收"),
        stat("120余名", 120, "名", "count", "over"),
        stat("5个", 5, "个", "count"),
        stat("超600万元", 6000000.0, "元", "level", "over", indicator="分红"),
        stat("1800多名", 1800, "名", "count", "over"),
    ],
    "not_statistics": ["7点", "1—9月", "10月下旬"],
}

EXP_FEED = [
    {
        "member": "1",
        "id": "qzrb-20251105-0101",
        "articles": {"count": 1, "headlines": ["前三季度我市民营经济稳中有进"], "types": ["news"],
                     "bylines_include": ["祝晓岚", "方可"]},
        "people_roles": [["洪晓川", "副市长"]],
        "entities": per("洪晓川", "祝晓岚", "方可") + org("市统计局"),
        "slogans": {"numbered": ["两新", "八八战略", "民营经济32条"], "quoted": ["无证明城市"],
                    "not_slogans": []},
        "statistics": [
            stat("812.4亿元", 81240000000.0, "元", "level", indicator="增加值"),
            stat("6.9%", 6.9, "%", "change_pct", indicator="增加值"),
            stat("51.2%", 51.2, "%", "share", indicator="比重"),
            stat("1.1个百分点", 1.1, "百分点", "pct_point", indicator="比重"),
            stat("2.3万户", 23000.0, "户", "count", indicator="市场经营主体"),
            stat("186.5亿元", 18650000000.0, "元", "level", indicator="出口"),
            stat("42.8亿元", 4280000000.0, "元", "level", indicator="进口"),
            stat("12.4%", 12.4, "%", "change_pct"),
            stat("9.6%", 9.6, "%", "change_pct"),
            stat("217家", 217, "家", "count"),
            stat("约46亿元", 4600000000.0, "元", "level", "approx", indicator="投资"),
        ],
        "not_statistics": ["11月4日", "32条"],
    },
    {
        "member": "2",
        "id": "qzrb-20251105-0102",
        "articles": {"count": 1, "headlines": ["衢州学院与常山县签订校地合作协议"], "types": ["news"],
                     "bylines_include": ["吴桐雨", "姜可心"]},
        "people_roles": [["傅建平", "县委书记"], ["韩一鸣", "党委书记"]],
        "entities": per("傅建平", "韩一鸣", "吴桐雨", "姜可心") + loc("常山")
        + org("衢州学院", "常山县人民政府"),
        "slogans": {"numbered": ["千万工程"], "quoted": [], "not_slogans": ["开花结果"]},
        "statistics": [
            stat("12项", 12, "项", "count"),
            stat("5个", 5, "个", "count"),
            stat("30名", 30, "名", "count"),
        ],
        "not_statistics": ["11月4日"],
    },
    {
        "member": "3",
        "id": "qzrb-20251105-0103",
        "articles": {"count": 1, "headlines": [None], "types": ["caption"], "bylines_include": ["徐静"]},
        "people_roles": [],
        "entities": per("徐静") + loc("柯城区", "沟溪乡", "余东村"),
        "slogans": {"numbered": [], "quoted": [], "not_slogans": []},
        "statistics": [],
        "not_statistics": ["11月4日"],
    },
]

EXP_ZIP = [
    {
        "member": "2025-11-06/page03.txt",
        "encoding": "utf-8",
        "articles": {"count": 2,
                     "headlines": ["开化深入践行“千万工程”", "江山越野跑赛事带热秋季游"],
                     "types": ["news", "brief"],
                     "subheadlines_include": ["全域打造和美乡村"],
                     "bylines_include": ["吴桐雨", "程一帆", "邵宇航"]},
        "people_roles": [["齐思远", "县委书记"]],
        "entities": per("齐思远", "吴桐雨", "程一帆", "邵宇航") + loc("开化县", "华埠镇", "江山市")
        + org("开化县农业农村局"),
        "slogans": {"numbered": ["千万工程"], "quoted": ["绿水青山就是金山银山", "一处美", "全域美"],
                    "not_slogans": []},
        "statistics": [
            stat("46个", 46, "个", "count"),
            stat("112个", 112, "个", "count"),
            stat("2.1亿元", 210000000.0, "元", "from", indicator="集体经济"),
            stat("3.5亿元", 350000000.0, "元", "to", indicator="集体经济"),
            stat("78.6%", 78.6, "%", "share"),
            stat("30856元", 30856, "元", "level", indicator="可支配收入"),
            stat("7.2%", 7.2, "%", "change_pct"),
            stat("2300余名", 2300, "名", "count", "over"),
            stat("约1500万元", 15000000.0, "元", "level", "approx", indicator="消费"),
            stat("4.6万人次", 46000.0, "人次", "count"),
        ],
        "not_statistics": ["11月5日", "11月2日", "第五届"],
    },
    {
        "member": "page04.txt",
        "encoding": "gbk",
        "articles": {"count": 2, "headlines": ["以山海协作之力答好共富之题", None],
                     "types": ["news", "caption"], "bylines_include": ["郑恺之"]},
        "people_roles": [],
        "entities": per("郑恺之") + loc("衢州", "衢江区", "莲花镇"),
        "slogans": {"numbered": ["八八战略"], "quoted": [], "not_slogans": ["协作", "实干"]},
        "statistics": [],
        "not_statistics": ["11月5日"],
    },
]

EXP_PAGE07 = {
    "member": None,
    "articles": {"count": 2, "headlines": ["我市召开民营企业家座谈会", None],
                 "types": ["news", "caption"], "subheadlines_include": ["方以宁出席"],
                 "bylines_include": ["祝晓岚", "郑恺之"]},
    "people_roles": [["方以宁", "市长"], ["洪晓川", "副市长"]],
    "entities": per("方以宁", "洪晓川", "祝晓岚", "郑恺之") + loc("柯城区")
    + org("市政府", "衢州恒岳新材料有限公司", "浙江锦帆精密机械有限公司", "市发改委", "市经信局",
          "市工商联"),
    "slogans": {"numbered": [], "quoted": ["店小二", "有求必应、无事不扰"], "not_slogans": []},
    "statistics": [
        stat("8家", 8, "家", "count"),
        stat("2036.8亿元", 203680000000.0, "元", "level", indicator="营业收入"),
        stat("7.5%", 7.5, "%", "change_pct", indicator="营业收入"),
        stat("2.3个百分点", 2.3, "百分点", "pct_point", indicator="民间投资"),
    ],
    "not_statistics": ["11月6日"],
}


def expected() -> dict:
    return {
        "about": (
            "Acceptance data for data/samples/ (text invented by the Baokan team, set in 衢州, 浙江). "
            "Per file: published_date and source_name the readers must recover, and per document "
            "(member = zip member path or 1-based JSONL line) the articles, entities (text, label), "
            "slogans (canonical, quotes stripped), people_roles (person, title) and statistics "
            "(value in base units; surface is the text span). headlines use null for an item "
            "without a headline (photo caption). Lists are recall targets; not_* must not be found."
        ),
        "files": {
            "2025-11-03/page01.txt": {"encoding": "gb18030", "published_date": "2025-11-03",
                                      "source_name": None, "documents": [EXP_PAGE01]},
            "page02_20251104.html": {"encoding": "utf-8", "published_date": "2025-11-04",
                                     "source_name": SOURCE, "documents": [EXP_PAGE02]},
            "feed.jsonl": {"encoding": "utf-8", "published_date": "2025-11-05",
                           "source_name": SOURCE, "documents": EXP_FEED},
            "archive_2025-11-06.zip": {"encoding": None, "published_date": "2025-11-06",
                                       "source_name": None, "documents": EXP_ZIP},
            "2025/11/07/page.txt": {"encoding": "utf-16", "published_date": "2025-11-07",
                                    "source_name": None, "documents": [EXP_PAGE07]},
        },
    }


# ---------------------------------------------------------------- self-check and writing


def doc_texts() -> dict[tuple[str, str | None], str]:
    html_text = "\n".join([P02_TITLE, P02_KICKER, *P02_PARAS])
    texts: dict[tuple[str, str | None], str] = {
        ("2025-11-03/page01.txt", None): PAGE01,
        ("page02_20251104.html", None): html_text,
        ("2025/11/07/page.txt", None): PAGE07,
    }
    for i, rec in enumerate(FEED, 1):
        texts[("feed.jsonl", str(i))] = rec["title"] + "\n" + rec["text"]
    for name, text, _ in ZIP_MEMBERS:
        texts[("archive_2025-11-06.zip", name)] = text
    return texts


def check(exp: dict) -> None:
    """Fail loudly if any expected string is absent from its document's text."""
    texts = doc_texts()
    for path, info in exp["files"].items():
        for d in info["documents"]:
            text = texts[(path, d["member"])]
            arts = d["articles"]
            wanted = [h for h in arts["headlines"] if h] + arts.get("subheadlines_include", [])
            wanted += arts["bylines_include"] + [e[0] for e in d["entities"]]
            wanted += [p for pr in d["people_roles"] for p in pr]
            sl = d["slogans"]
            wanted += [f"“{s}”" for s in sl["quoted"]] + sl["numbered"] + sl["not_slogans"]
            wanted += sl.get("nested_surface", []) + d.get("not_statistics", [])
            wanted += [f"‘{s}’" for s in sl.get("nested_inner", [])]
            wanted += [s["surface"] for s in d["statistics"]]
            missing = [w for w in wanted if w not in text]
            assert not missing, (path, d["member"], missing)
            assert len(arts["headlines"]) == len(arts["types"]) == arts["count"], (path, d["member"])


def write_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text, enc in ZIP_MEMBERS:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, text.encode(enc, errors="strict"))


def main() -> None:
    exp = expected()
    check(exp)
    (OUT / "2025-11-03").mkdir(parents=True, exist_ok=True)
    (OUT / "2025-11-03" / "page01.txt").write_bytes(PAGE01.encode("gb18030"))
    (OUT / "page02_20251104.html").write_bytes(page02_html().encode("utf-8"))
    (OUT / "feed.jsonl").write_bytes(feed_jsonl().encode("utf-8"))
    write_zip(OUT / "archive_2025-11-06.zip")
    (OUT / "2025" / "11" / "07").mkdir(parents=True, exist_ok=True)
    (OUT / "2025" / "11" / "07" / "page.txt").write_bytes(("\ufeff" + PAGE07).encode("utf-16-le"))
    text = json.dumps(exp, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    (OUT / "EXPECTED.json").write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    main()
