"""Is a number with a unit a figure? Counts with measure words (八页, 四份, 两名) are; numbers
inside words and names (一张蓝图, 八项规定, 三次产业, 两位数, 女子100米金牌, 50公斤级, 7人制),
indefinite 一 (一名居民) and vague 数百 are not. Pure functions, used by `mentions.read_mention`.
"""

from __future__ import annotations

import re

from pipeline.nlp.statistics.numbers import NumberMatch
from pipeline.nlp.statistics.units import Unit

_MULTIPLIERS = "十百千万亿萬億"
_CN_SMALL_CUE = re.compile(
    r"(?:共有|共计|累计|新建|建成|新增|开展|举办|完成|培育|引进|实施|组织|签约|招引|创建|评选|获评|入选|"
    r"获得|达到|达|超过|超|近|约|设立|成立|建立|打造|推出|出台|制定|发布|组建|开通|举行|共|有)了?$"
)
_ORDER_CUE = re.compile(r"(?:上|近|超过|超|逾|(?<![签节制契合公预大])约|突破|达到|(?<![发到表传下抵直])达|前)$")
_CATEGORY_AFTER = re.compile(r"以上|以下|级|规模|量级")  # 亿元以上项目, 千万级: a class of things
# a numeral + measure word that starts a word or a numbered formulation, not a count
_WORD_AFTER = {
    "个": re.compile(r"维护|确立|意识|自信|务必|一|百年|全面|代表|率先|先行|走在前列|坚持|面向|字"),
    "次": re.compile(r"产业|方|元|世界大战"),
    "位": re.compile(r"数|一体"),
    "项": re.compile(r"规定|注意|基本"),
    "张": re.compile(r"蓝图|皮|王牌|名片"),
    "条": re.compile(r"腿|心|道路|红线|底线"),
    "只": re.compile(r"手|眼"),
    "种": re.compile(r"子|植|田|养"),
    "场": re.compile(r"革命|硬仗|战役|攻坚战"),
    "套": re.compile(r"班子"),
    "家": re.compile(r"人|亲|一"),
    "所": re.compile(r"港|镇"),
}
_NOT_PREV = "这那该此每各几数成家千百万亿"
_SPORT_AFTER = re.compile(r"栏|自由泳|蛙泳|仰泳|蝶泳|混合泳|接力|跑|冠军|金牌|银牌|铜牌|决赛|比赛|台|板|步枪|手枪|级")
_SPORT_BEFORE = re.compile(r"(?:男子|女子|男、女|[×x])$")
_CELSIUS_OK = re.compile(r"左右|以上|以下|降温|升温|的|上下|之间|[^\u4e00-\u9fff]|$")


def plausible(text: str, start: int, end: int, nm: NumberMatch, unit: Unit) -> bool:
    """True when the number at text[start:] with `unit` ending at `end` is a figure."""
    prev = text[start - 1] if start > 0 else ""
    if prev == "第" and unit.kind not in ("people", "count"):
        return False
    if not _unit_context_ok(text, start, end, nm, unit):
        return False
    if nm.number.script != "chinese":
        return True
    return _chinese_ok(text, start, end, nm, unit, prev)


def _unit_context_ok(text: str, start: int, end: int, nm: NumberMatch, unit: Unit) -> bool:
    after = text[end: end + 4]
    if unit.surface == "点":
        return "指数" in text[max(0, start - 12): start]  # 综合指数为1579点; 8点 is a time
    if unit.surface == "度":
        return any(ch in "万亿" for ch in nm.text)  # 17亿度 (kWh); 30度 is an angle
    if unit.surface == "℃":
        return bool(_CELSIUS_OK.match(after))  # 650℃超超临界机组, 0℃线: parts of names
    if unit.kind == "physical" and after.startswith("级"):
        return False  # 5 000 吨级泊位, 50公斤级
    if unit.surface == "米" and (_SPORT_AFTER.match(after) or
                                _SPORT_BEFORE.search(text[max(0, start - 3): start])):
        return False  # 女子200米冠军, 100米栏, 4×100米
    return True


def _chinese_ok(text: str, start: int, end: int, nm: NumberMatch, unit: Unit, prev: str) -> bool:
    before = text[max(0, start - 8): start]
    if all(ch in _MULTIPLIERS for ch in nm.text):
        return not _CATEGORY_AFTER.match(text, end) and _order_of_magnitude_ok(before, unit, prev)
    if len(nm.text) == 1 and nm.text in "壹贰叁肆伍陆柒捌玖拾佰仟":
        return False  # 着陆场: a financial numeral alone is a character of a word
    if nm.number.value == 1 and unit.surface == "倍" and re.search(r"(?:增长|增加|提高|翻|约)$", before):
        return True  # 增长约一倍
    if prev and prev in _NOT_PREV or nm.number.value in (0, 1):
        return False  # 这三项 (a reference), 一名居民 (indefinite)
    word = _WORD_AFTER.get(unit.surface)
    if word is not None and word.match(text, end):
        return False
    if unit.surface in ("方", "期") or unit.kind not in ("count", "people"):
        return len(nm.text) > 1 or bool(_CN_SMALL_CUE.search(before))
    return True


def _order_of_magnitude_ok(before: str, unit: Unit, prev: str) -> bool:
    """上百场, 近千名, 超亿台, 前十位: a bare 百/千/亿 is a figure after a cue only."""
    if prev and prev in "数几成家千百万亿":
        return False  # 数百万人, 千家万户
    if _ORDER_CUE.search(before):
        return True
    return unit.surface in ("名", "人", "人次")
