"""Synthetic modern-news sentences for NER training (distant supervision from templates).

The 1998 corpora never saw today's leaders, place abbreviations (沪苏浙皖), zones (雄安新区),
modern organs (理论学习中心组, 融媒体中心, 两新工委) or today's company names. These templates,
written for Baokan in the genre of city and county papers, are filled with names drawn from the
versioned resources (divisions, surnames, name characters, the leaders lexicon) and labelled by
construction, following ../shared/guidelines/entities.md. They are mixed into the modern
fine-tuning stage (`baokan train ner --stage modern`), never into evaluation.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from pipeline.paths import RESOURCES
from pipeline.train.ner_sentences import Sentence

# Runs of one-character abbreviations written together: one LOC span each (guideline).
ABBREVIATION_RUNS = (
    "沪苏浙皖", "苏浙皖沪", "京津冀", "成渝", "川渝", "粤港澳", "苏浙沪", "浙沪", "湘鄂赣", "晋陕豫",
    "陕甘宁", "闽浙赣", "黔滇", "桂琼", "江浙沪", "鄂湘", "京津", "沪苏", "浙皖", "津冀",
)
SINGLE_ABBREVIATIONS = ("闽", "穗", "蓉", "渝", "沪", "浙", "苏", "皖", "粤", "黔", "滇", "晋", "冀",
                        "豫", "湘", "鄂", "赣", "陕", "甘", "宁", "琼", "桂", "津", "京", "杭", "甬")
ZONE_SUFFIXES = ("高新区", "经济开发区", "经济技术开发区", "新区", "综合保税区", "高新技术产业开发区",
                 "产业园", "工业园区", "合作区", "自贸片区", "新城", "临空经济区")
NAMED_ZONES = ("雄安新区", "西咸新区", "浦东新区", "滨海新区", "两江新区", "天府新区", "长三角地区",
               "长三角", "珠三角", "粤港澳大湾区", "黄河流域", "长江经济带", "浙西南", "浙东南", "苏北",
               "皖南", "成渝地区双城经济圈", "海南自由贸易港", "横琴粤澳深度合作区", "前海")
COMPANY_CORES = ("华润", "海康", "恒远", "瑞丰", "天成", "金鹰", "宏达", "新奥", "绿源", "正泰", "中联",
                 "安澜", "鼎盛", "晨光", "星河", "博远", "嘉禾", "万象", "远航", "清源", "云帆", "瓯江")
COMPANY_TRADES = ("科技", "新能源", "智能装备", "食品", "生物医药", "建设", "文旅", "电子", "新材料",
                  "物流", "农业发展", "数字科技", "汽车零部件", "环保")
COMPANY_FORMS = ("有限公司", "股份有限公司", "集团有限公司", "集团", "公司", "科技有限公司")
MEDIA = ("澎湃新闻", "新华社", "人民日报", "央视新闻", "光明日报", "经济日报", "学习强国", "新华网",
         "人民网", "中国新闻网", "浙江日报", "潮新闻", "上观新闻", "川观新闻")
NATIONAL_ORGS = ("党中央", "中央", "国务院", "中央委员会", "全国人大常委会", "全国政协", "中央军委",
                 "中央纪委国家监委", "国家发展改革委", "农业农村部", "教育部", "科技部", "商务部",
                 "生态环境部", "中央组织部", "中央宣传部", "国务院办公厅", "中共中央办公厅")
ORDINALS = "一二三四五六七八九十"
SESSIONS = ("第十五届", "第十六届", "第十七届", "第十八届", "第十四届", "第六届", "第七届", "第八届")
FALLBACK_LEADERS = ("习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希", "韩正")


# ------------------------------------------------------------------ name sources


@lru_cache(maxsize=1)
def _divisions() -> dict[int, list[tuple[str, str, str]]]:
    """level → [(name, alias, province)] from divisions.tsv."""
    out: dict[int, list[tuple[str, str, str]]] = {0: [], 1: [], 2: [], 3: []}
    for line in (RESOURCES / "divisions.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 7 and parts[2].isdigit() and int(parts[2]) in out:
            out[int(parts[2])].append((parts[0], parts[1], parts[6]))
    return out


@lru_cache(maxsize=1)
def _surnames() -> tuple[list[str], list[float]]:
    names, weights = [], []
    for line in (RESOURCES / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, freq = line.partition("\t")
            names.append(name)
            weights.append(float(freq or 1))
    return names, weights


@lru_cache(maxsize=1)
def _given_chars() -> tuple[list[str], list[float]]:
    chars, weights = [], []
    for line in (RESOURCES / "name_chars.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 4 or not parts[1].isdigit():
            continue
        given, text = int(parts[1]), int(parts[3])
        if given >= 20 and given * 20 >= text and "\u4e00" <= parts[0] <= "\u9fff":
            chars.append(parts[0])
            weights.append(float(given))
    return chars, weights


@lru_cache(maxsize=1)
def _leaders() -> tuple[str, ...]:
    path = RESOURCES / "leaders.tsv"
    if not path.exists():
        return FALLBACK_LEADERS
    names = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]
             if line.strip() and not line.startswith("#")]
    return tuple(dict.fromkeys(names)) or FALLBACK_LEADERS


def _short(name: str) -> str:
    """丽水市 → 丽水; 遂昌县 → 遂昌 (the form news uses before 市委 / 县委)."""
    return re.sub(r"(特别行政区|自治区|自治州|自治县|省|市|县|区|盟|旗)$", "", name) or name


class Filler:
    """Draws slot values with their labels (None: plain text)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        surnames, weights = _surnames()
        chars, char_weights = _given_chars()
        given = self.rng.choices(chars, char_weights, k=self.rng.choice((1, 2, 2, 2)))
        return self.rng.choices(surnames, weights)[0] + "".join(given)

    def division(self, level: int) -> tuple[str, str, str]:
        return self.rng.choice(_divisions()[level])

    def city(self) -> str:
        name = self.division(1)[0]
        return name if self.rng.random() < 0.5 else _short(name)

    def county(self) -> str:
        return self.division(2)[0]

    def town(self) -> str:
        return self.division(3)[0]

    def village(self) -> str:
        stem = _short(self.division(3)[0])[:2]
        return stem + self.rng.choice(("村", "社区", "村", "家村", "岙村", "坪村"))

    def zone(self) -> str:
        if self.rng.random() < 0.35:
            return self.rng.choice(NAMED_ZONES)
        return _short(self.division(self.rng.choice((1, 2)))[0]) + self.rng.choice(ZONE_SUFFIXES)

    def company(self) -> str:
        place = _short(self.division(1)[0]) if self.rng.random() < 0.4 else ""
        return (place + self.rng.choice(COMPANY_CORES) + self.rng.choice(COMPANY_TRADES)
                + self.rng.choice(COMPANY_FORMS))

    def city_stem(self) -> str:
        """A prefecture-level city's short name (丽水), for 丽水市委 / 丽水日报社."""
        while True:
            name = self.division(1)[0]
            if name.endswith("市") and len(name) > 2:
                return name[:-1]

    def local_org(self) -> str:
        city, county = self.city_stem(), self.county()
        options = [
            f"{city}市委理论学习中心组", f"{_short(county)}县委理论学习中心组", "区委理论学习中心组",
            "市委理论学习中心组", "主题教育领导小组", f"省委第{self.rng.choice(ORDINALS[:6])}督导组",
            f"{city}市委宣讲团", "县委宣讲团", f"{_short(county)}县百姓宣讲队", "市委“两新”工委",
            "区委“两新”工委", f"{_short(county)}县融媒体中心", "县融媒体中心", f"{city}日报社",
            f"{city}广播电视台", f"{county}{self.rng.choice(SESSIONS)}人大", f"{county}人大常委会",
            f"{city}市人民政府", f"{county}人民政府", f"{city}农商银行", f"{city}市中心医院",
            f"{city}市第一中学", f"{_short(county)}县人民医院", f"{city}职业技术学院",
            f"{_short(county)}县{self.rng.choice(('农业农村局', '科技局', '发改局', '文广旅体局', '市场监管局'))}",
            f"{self.village()}党支部", f"{_short(self.town())}{self.rng.choice(('镇', '乡'))}党委",
            f"{city}市委组织部", f"{city}市纪委市监委", f"{_short(county)}县委宣传部",
            f"{self.rng.choice(COMPANY_CORES)}{self.rng.choice(('茶叶', '果蔬', '蜂业', '菌菇'))}专业合作社",
        ]
        return self.rng.choice(options)


# ------------------------------------------------------------------ templates

# {L} leader, {XI} 习近平 (before 总书记), {P} person, {PROV} province, {CITY} city, {COUNTY} county, {TOWN} township,
# {VIL} village, {ABBR} abbreviation run, {AB1} single abbreviation, {ZONE} zone or region,
# {CO} company, {ORG} local organ, {NAT} national organ, {MEDIA} media.
# A literal entity is written [国务院|ORG]; {SESSION} and {ORD} are plain text.
TEMPLATES = (
    "认真学习贯彻{XI}总书记关于“三农”工作的重要论述，推动乡村全面振兴。",
    "会议指出，{XI}总书记的重要讲话精神为做好当前工作指明了方向。",
    "{P}指出，{XI}总书记在{PROV}工作期间亲自谋划推动了一系列重大战略。",
    "深入贯彻{XI}总书记考察{PROV}重要讲话精神，奋力谱写新篇章。",
    "以{XI}新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。",
    "{ORG}举行集体学习，深入学习{XI}总书记重要讲话精神，{P}主持并讲话。",
    "{XI}总书记强调，要坚持以人民为中心的发展思想。",
    "{ORG}召开会议，传达学习{XI}总书记重要指示精神，市委书记{P}主持会议。",
    "{NAT}高度重视，{XI}总书记多次作出重要指示批示。",
    "推动{ABBR}协同发展，共建{ZONE}，{P}出席并致辞。",
    "来自{ABBR}的200余家企业参展，{CO}签约落户{ZONE}。",
    "{AB1}籍企业家{P}带领{CO}回乡投资，落户{COUNTY}{TOWN}。",
    "近日，{CO}与{CO}签订战略合作协议，总投资12亿元的项目落户{ZONE}。",
    "{P}来到{COUNTY}{TOWN}{VIL}，实地察看高标准农田建设情况。",
    "{COUNTY}{SESSION}人大第三次会议在{COUNTY}会议中心开幕，{P}作政府工作报告。",
    "{MEDIA}记者{P}报道，{CITY}今年一季度地区生产总值增长6.1%。",
    "本报讯（记者{P}　通讯员{P}）近日，{ORG}组织开展主题党日活动。",
    "{ORG}、{ORG}、{ORG}负责人参加会议。",
    "{NAT}作出部署以来，{ORG}迅速行动，压实责任。",
    "{NAT}、{NAT}印发《关于进一步深化改革的意见》，{PROV}认真抓好落实。",
    "[国务院|ORG]总理{L}主持召开[国务院|ORG]常务会议，研究部署相关工作。",
    "{L}、{L}、{L}、{L}出席会议。",
    "{P}一行到{CO}调研，详细了解企业生产经营情况。",
    "{ZONE}管委会主任{P}介绍，园区已集聚规上企业86家。",
    "{VIL}党支部书记{P}说，村里的民宿今年旺季天天客满。",
    "据{MEDIA}消息，{PROV}将在{ZONE}建设新的算力中心。",
    "{P}在{COUNTY}调研时强调，要扎实推进共同富裕示范区建设。",
    "{SUP}组长{P}在{COUNTY}指导工作。",
    "{CITY}与{CITY}签署合作框架协议，共同打造{ZONE}。",
    "{CO}董事长{P}表示，将进一步加大在{CITY}的投资力度。",
    "{ORG}工作人员{P}告诉记者，今年已为群众办实事120余件。",
    "{AB1}企在{CITY}投资兴业，{P}代表{CO}发言。",
    "{P}、{P}、{P}等参加调研。",
    "全会召开后，{ORG}第一时间开展学习，[市委|ORG]书记{P}作辅导报告。",
    "{COUNTY}{TOWN}{VIL}的{P}老人笑着说，日子越过越红火。",
    "{NAT}、{NAT}联合印发通知，部署开展专项行动。",
    "会上，{P}宣读了{ORG}关于表彰先进集体和先进个人的决定。",
    "{MEDIA}、{MEDIA}等媒体对此进行了报道。",
    "{PROV}{CITY}{COUNTY}是全国有名的茶叶之乡。",
    "来自{ABBR}地区的专家学者齐聚{CITY}，共话高质量发展。",
)

SLOT = re.compile(r"\{(\w+)\}|\[([^|\]]+)\|(PER|LOC|ORG)\]")


def _slot_values(filler: Filler) -> dict[str, Callable[[], tuple[str, str | None]]]:
    rng = filler.rng
    return {
        "L": lambda: (rng.choice(_leaders()), "PER"),
        "XI": lambda: ("习近平", "PER"),
        "P": lambda: (filler.person(), "PER"),
        "PROV": lambda: (rng.choice((filler.division(0)[0], _short(filler.division(0)[0]))), "LOC"),
        "CITY": lambda: (filler.city(), "LOC"),
        "COUNTY": lambda: (filler.county(), "LOC"),
        "TOWN": lambda: (filler.town(), "LOC"),
        "VIL": lambda: (filler.village(), "LOC"),
        "ABBR": lambda: (rng.choice(ABBREVIATION_RUNS), "LOC"),
        "AB1": lambda: (rng.choice(SINGLE_ABBREVIATIONS), "LOC"),
        "ZONE": lambda: (filler.zone(), "LOC"),
        "CO": lambda: (filler.company(), "ORG"),
        "ORG": lambda: (filler.local_org(), "ORG"),
        "NAT": lambda: (rng.choice(NATIONAL_ORGS), "ORG"),
        "MEDIA": lambda: (rng.choice(MEDIA), "ORG"),
        "SESSION": lambda: (rng.choice(SESSIONS), None),
        "ORD": lambda: (rng.choice(ORDINALS[:6]), None),
        "SUP": lambda: (f"省委第{rng.choice(ORDINALS[:6])}督导组", "ORG"),
    }


def fill(template: str, filler: Filler) -> Sentence:
    """One sentence from `template`, with the entity spans its slots define."""
    values = _slot_values(filler)
    parts, spans, pos, last = [], [], 0, 0
    for match in SLOT.finditer(template):
        literal = template[last:match.start()]
        parts.append(literal)
        pos += len(literal)
        if match.group(1):
            text, label = values[match.group(1)]()
        else:  # a literal entity written [国务院|ORG]
            text, label = match.group(2), match.group(3)
        if label:
            spans.append((pos, pos + len(text), label))
        parts.append(text)
        pos += len(text)
        last = match.end()
    parts.append(template[last:])
    return Sentence("".join(parts), _merge_session_orgs("".join(parts), spans))


def _merge_session_orgs(text: str, spans: list) -> list:
    """{COUNTY}{SESSION}人大 is one ORG (a numbered congress named as the body)."""
    out: list = []
    for span in spans:
        match = re.match(r"第[一二三四五六七八九十]+届人大", text[span[1]:])
        if span[2] == "LOC" and match:
            out.append((span[0], span[1] + match.end(), "ORG"))
        else:
            out.append(span)
    return out


def sentences(n: int, seed: int = 0) -> Iterator[Sentence]:
    """`n` synthetic sentences (text half-width normalised like the pipeline)."""
    from pipeline.train.ner_sentences import halfwidth

    rng = random.Random(seed)
    filler = Filler(rng)
    for _ in range(n):
        sentence = fill(rng.choice(TEMPLATES), filler)
        yield Sentence(halfwidth(sentence.text), sentence.spans)
