"""The subject of a figure: the region or body it belongs to (issue 21).

Candidates before a figure, nearest first: placeholders resolved to the article's place
(全市 → the city, 全县/我区/全旗 → the county, 我省 → its province, 我国 → 全国, 全镇 → the town
named before), places (LOC entities that are divisions, countries or regions; not the ends of a
route 西安至延安 nor a partner 对欧盟), companies and facilities (…有限公司, …电站, …高铁), and
reporting populations (规模以上工业企业, 民营企业). A sentence without one keeps the subject of
the sentences before it. Pure functions on the text and the entity spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp.statistics.context import NAMED_PLACE, TIME_WORDS

_CITY_WORDS = ("全市", "我市", "本市", "市域", "市区")
_COUNTY_WORDS = ("全县", "我县", "本县", "全区", "我区", "本区", "全旗", "我旗", "本旗")
_PROVINCE_WORDS = ("全省", "我省", "本省")
_NATION = re.compile(r"全国|我国|国内(?!生产总值|外|航线)")
_LOCAL = re.compile(r"全镇|全乡|全村|该镇|该村|本镇|本村|全街道")
_PLACEHOLDERS = re.compile("|".join(_CITY_WORDS + _COUNTY_WORDS + _PROVINCE_WORDS))
_REGIONS = re.compile(r"(?:东|西|南|北|中|东北|西北|西南|东南)部地区|全球(?!领先|最大|首|范围|第|前列|各地|占比|占)|"
                      r"长三角|京津冀|粤港澳大湾区|黄淮海|长江流域|黄河流域|[\u4e00-\u9fff]{2}大部地区")
_POPULATION = re.compile(
    r"(?:规模以上|规上|民营|外商投资|国有|重点统计)[\u4e00-\u9fff]{0,8}?(?:工业企业|制造业|企业|行业)"
    r"|[\u4e00-\u9fff]{2,4}行业(?=利润|营业收入|增加值)")
_BODY = re.compile(r"[\u4e00-\u9fff—]{2,16}(?:集团有限公司|集团股份有限公司|股份有限公司|有限责任公司|有限公司|集团|电网|抽水蓄能电站|电站|"
                   r"高铁|铁路|机场|口岸|港|景区|班列|快线|资源库|实验室|研究院|研究所|体育场|体育中心|商品城|商城)(?![\u4e00-\u9fff]{0,2}(?:局|部|委|办|厅))")
_CLAUSE_HEAD = re.compile(rf"(?:^|[，,；;。:：\n])\s*(?:(?:{TIME_WORDS})[，,]?)?\s*(?:在)?(?P<named>{NAMED_PLACE})")
_NOT_BEFORE = ("对", "向", "与", "同", "至", "到", "赴", "往", "从", "来自", "自", "由", "经", "和", "、",
               "占", "居", "列", "排名", "位居", "高于", "低于", "快于", "比", "较", "超过", "入选", "进入",
               "成为", "是", "覆盖", "整合了", "整合")
_NOT_BEFORE_WORD = _NOT_BEFORE + ("在",)  # 在全国开设门店: a placeholder after 在 is where, not whose
_NOT_AFTER = ("至", "到", "—", "-", "与", "和", "、", "方面", "媒体", "政府", "总统", "总理", "外交",
              "称", "表示", "报道", "一家", "等", "范围", "的", "超过", "超", "近", "约")
_HEAD_BEFORE = re.compile(rf"^(?:\s|{TIME_WORDS}|[\d一二三四五六七八九十]+月(?:\d+日)?|在|据|根据|截至[^，,]{{0,8}}|其中|目前|"
                          r"同时|此外|今天|昨天|近日|日前|当天|预计|预测|估计|[（(][^）)]*[）)])*$")
_PLACE_END = re.compile(r"(?:省|市|县|区|镇|乡|村|州|盟|旗|地区|新区|特区|流域|自治区|地带|街道|古城|古镇|"
                        r"景区|遗址|园区)$")
_JUNK = re.compile(r"全|我|本|城镇|地区$|实现|第|居|增速|年")  # 全县实现地区, 增速居全市: not names
_SOURCE_AFTER = re.compile(r"(?:发布|显示|数据|统计|获悉|了解|介绍|称|表示|通报|公布|测算|监测|召开|举行)")


@dataclass(frozen=True)
class Place:
    """The article's place, for placeholders: city, county and province when known."""

    city: str | None = None
    county: str | None = None
    province: str | None = None


def article_place(meta: dict) -> Place:
    """The place of `doc._.meta` (city and county from the entity stage)."""
    city, county = meta.get("city"), meta.get("county")
    return Place(city, county, _province(city) if city else None)


@lru_cache(maxsize=256)
def _province(city: str) -> str | None:
    from pipeline.nlp.entities import lexicons

    for division in lexicons.divisions_by_surface().get(city, ()):
        if division.level == 1:
            return division.province
    return None


def resolve(word: str, place: Place, text: str = "", pos: int = 0) -> str:
    """A placeholder as the article's place (全市 → 丽水市); other words as written."""
    if word in _CITY_WORDS:
        if place.county and place.county.endswith("市"):
            return place.county  # a county-level city's own paper: 全市 is the county
        return place.city or _last_named(text[:pos], "市") or word
    if word in _COUNTY_WORDS:
        suffix = word[-1]
        if place.county and place.county.endswith(suffix):
            return place.county
        return _last_named(text[:pos], suffix) or word
    if word in _PROVINCE_WORDS:
        return place.province or _last_named(text[:pos], "省") or word
    if _NATION.fullmatch(word):
        return "全国"
    if _LOCAL.fullmatch(word):
        return _last_local(text[:pos], word[-1]) or word
    return word


def _last_named(before: str, suffix: str) -> str | None:
    """The division of that level named last before (…常山县…，全县 → 常山县) when the
    article's place is not known: a full name the gazetteer knows."""
    from pipeline.nlp.entities import lexicons

    known = lexicons.divisions_by_surface()
    for m in reversed(list(re.finditer(rf"[\u4e00-\u9fff]{{1,6}}?{suffix}", before))):
        for k in range(len(m.group(0)) - 1):
            name = m.group(0)[k:]
            if name in known and any(d.name == name for d in known[name]):
                return name
    return None


def _last_local(before: str, level: str) -> str | None:
    """全镇 → the town named last before (在郭家坝镇，… 全镇)."""
    suffix = {"镇": "镇", "乡": "乡", "村": "村", "道": "街道"}.get(level, level)
    found = [m for m in re.finditer(rf"[\u4e00-\u9fff]{{2,5}}?{suffix}(?![\u4e00-\u9fff]{{0,1}}(?:党委|政府|干部))",
                                   before) if "第" not in m.group(0)]
    if not found:
        return None
    return _entity_name(before, found[-1].start(), found[-1].end()).lstrip("在于到从的和")


def candidates(text: str, start: int, end: int, entities: tuple[tuple[int, int, str], ...],
               place: Place) -> list[tuple[int, str]]:
    """(offset, subject) for every subject named in text[start:end], in text order; a name
    inside a longer one (四川 in 四川天府郫县豆瓣股份有限公司) does not count."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_PLACEHOLDERS, _NATION, _LOCAL, _REGIONS):
        found += [(m.start(), m.end(), resolve(m.group(0), place, text, m.start()))
                  for m in pattern.finditer(text, start, end)]
    found = [f for f in found if _free(text, f[0], f[1], words=True)]
    found += [(m.start(), m.end(), m.group(0))
              for pattern in (_POPULATION, _BODY) for m in pattern.finditer(text, start, end)
              if _at_head(text, m.start(), start) and not re.search(r"是|首个|最大|我国|全国|其中", m.group(0))]
    for e_start, e_end, label in entities:
        if start <= e_start and e_end <= end and _entity_subject(text, e_start, e_end, label):
            name = _entity_name(text, e_start, e_end)
            if label == "ORG" and not _BODY.fullmatch(name):
                name = _place_prefix(name) or name
            found.append((e_start, e_end, name))
    if not any(label == "LOC" for _s, _e, label in entities):  # no entity stage: a regex
        found += [(m.start("named"), m.end("named"), _entity_name(text, m.start("named"), m.end("named")))
                  for m in _CLAUSE_HEAD.finditer(text, start, end)
                  if not _JUNK.search(m["named"]) or _is_known_place(m["named"])]
    found = [f for f in found if "第" not in f[2]]
    ends = {f[1] for f in found if not _PLACEHOLDERS.fullmatch(f[2])}
    found = [f for f in found if not (_PLACEHOLDERS.fullmatch(f[2]) and f[0] in ends)]  # 内蒙古全区
    outer = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0]
                                         for o in found)]
    return [(a, name) for a, _b, name in sorted(outer, key=lambda f: (f[0], f[1]))]


def _at_head(text: str, pos: int, start: int) -> bool:
    """A body is a subject at the head of its clause, not as an object (带动…企业); a company
    also after 的 (产业园内的江西自由王国家具有限公司)."""
    before = text[max(start, pos - 6): pos]
    if before.endswith("的") and re.search(r"公司|集团", text[pos: pos + 24].split("，")[0]):
        return True
    return not before or bool(re.search(r"(?:[，,；;。:：\s]|其中|在|据|今年|去年|上半年|目前|全国|全省|"
                                        r"全市|全县|全区|全旗|全镇|我国|我省|我市|我县|我区|区内|区里|"
                                        r"县内|市内)$", before))


def _free(text: str, start: int, end: int, words: bool = False) -> bool:
    """Not the object of 占/居/向 … nor the first of a pair or list (西安至延安, 对欧盟、美国);
    for placeholders (`words`) not after 在 either."""
    before, after = text[max(0, start - 3): start], text[end: end + 2]
    return not (before.endswith(_NOT_BEFORE_WORD if words else _NOT_BEFORE)
                or after.startswith(_NOT_AFTER))


def _clause_head(text: str, pos: int) -> bool:
    """Only times, 在/据 and the like stand between the clause start and `pos`."""
    clause = re.split(r"[，,；;。:：!！?？\n]", text[max(0, pos - 30): pos])[-1]
    return bool(_HEAD_BEFORE.match(clause))


def _entity_name(text: str, start: int, end: int) -> str:
    """The most specific part of a chain of divisions (进贤县文港镇 → 文港镇); 俄 + 军 → 俄军;
    广东 + 赛区 → 广东赛区."""
    name = text[start:end]
    zone = re.match(r"赛区|片区|园区|景区|新区|分会场|地带", text[end:])
    if zone:
        return name + zone.group(0)
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:省|市|县|区|镇|乡|村|街道)", name)
    if len(parts) >= 2 and "".join(parts) == name:
        return parts[-1]
    if len(name) == 1 and text[end: end + 1] in ("军", "方"):
        return name + text[end]
    return name


def _entity_subject(text: str, start: int, end: int, label: str) -> bool:
    name = text[start:end]
    if not _free(text, start, end) or re.match(r"社(?!会)", text[end: end + 2]):
        return False  # 新华社
    owner = label == "LOC" and (re.match(r"\d", text[end: end + 1]) or text[start - 1: start] == "在")
    if not (owner or _clause_head(text, start)):  # 上海16个区, 在湖北已有27家: places that hold
        return False
    if _JUNK.search(name) and not _is_known_place(name):
        return False  # 全县实现地区, 我市城镇, 本报讯: a span the model got wrong
    if label == "LOC":
        return len(name) >= 2 or text[end: end + 1] in ("军", "方")
    if label == "ORG":
        if re.search(r"(?:社|报|台|网|杂志|通讯|新闻)$", name):
            return False  # 新华社记者: media, not a holder
        return bool(_BODY.fullmatch(name)) and not _SOURCE_AFTER.match(text, end) or bool(
            _place_prefix(name))
    return False


def _place_prefix(name: str) -> str | None:
    """菲律宾减灾委 → 菲律宾, 天津市发展改革委 → 天津市: the place an organ speaks for."""
    for k in range(min(len(name) - 1, 8), 1, -1):
        if _is_known_place(name[:k]):
            return name[:k]
    return None


def _is_known_place(name: str) -> bool:
    from pipeline.nlp.entities import lexicons

    return (name in lexicons.divisions_by_surface() or name in lexicons.countries()
            or name in ("中国", "中方"))


class SubjectTracker:
    """The subject of each figure of an article, read left to right (carried across sentences)."""

    def __init__(self, text: str, entities: tuple[tuple[int, int, str], ...], place: Place):
        self.text, self.entities, self.place = text, entities, place
        self.current: str | None = None
        self.sentence_start = 0
        self.found: list[tuple[int, str]] = []

    def start_sentence(self, start: int, end: int) -> None:
        """Read the candidates of text[start:end]; until a figure names one, the carried holds."""
        self.sentence_start = start
        self.found = candidates(self.text, start, end, self.entities, self.place)

    def subject_at(self, pos: int, ahead: bool = False) -> str | None:
        """The subject for a figure at `pos`: the nearest candidate before it in the sentence;
        for a figure that opens its sentence (`ahead`: 30年来，黄杜村…; 历时20年，长汀县…) or at
        the head of an article, the first one after it."""
        before = [name for offset, name in self.found if offset < pos]
        if before:
            self.current = before[-1]
        elif (ahead or self.current is None) and self.found:
            self.current = self.found[0][1]
        return self.current
