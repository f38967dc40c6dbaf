"""Units after a number (元, 亿元, 万人次, 个百分点 …) read from `resources/units.tsv`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp import resource_files

UNITS_FILE = "units.tsv"

# A unit word that starts one of these is not that unit: 3个月, 5年, 2家人 …
_NOT_AFTER = {
    "个": ("月", "小时", "工作日", "季度", "星期", "世纪", "多月", "半月"),
    "场": ("景", "所", "馆", "地", "面", "合", "域"),
    "次": ("日", "年", "月", "会", "生"),
    "方": ("面", "案", "式", "向", "法", "针", "位", "阵", "言", "圆"),
    "期": ("间", "待", "望", "限", "末", "初"),
    "名": ("单", "义", "称", "录", "额", "字", "片", "牌", "胜", "言", "次"),
    "位": ("于", "置", "列", "数", "居"),
    "件": ("事",),
    "条": ("件", "例", "款"),
    "处": ("理", "置", "长", "级"),
    "部": ("门", "署", "分", "委", "长", "队"),
    "家": ("庭", "乡", "长", "园", "风", "属"),
    "种": ("植", "养", "子", "业"),
    "支": ("持", "付", "出", "部", "撑"),
    "米": ("粮",),
    "升": ("级", "温", "高", "至", "到"),
    "克": ("服", "难"),
    "片": ("区",),
    "款": ("项",),
    "人": ("制",),
    "队": ("员", "伍", "列", "长", "友"),
    "章": ("程", "节", "法", "则"),
    "目": ("标", "的", "前", "录", "光", "睹", "中", "击"),
    "字": ("方", "诀", "令", "经", "号", "头", "样", "母", "幕", "画", "路", "第", "形", "型"),
    "页": ("面", "码"),
    "幅": ("度",),
    "票": ("据", "价", "房", "务"),
    "单": ("位", "元", "项", "独", "一", "据", "列", "品", "个", "次", "体", "纯", "价", "车", "身"),
    "双": ("方", "向", "边", "重", "创", "一", "赢", "减", "碳", "语", "胞", "层", "休", "拥", "循", "百"),
    "列": ("入", "为", "出", "席", "车", "举", "宁", "岛"),
}


@dataclass(frozen=True)
class Unit:
    """One unit spelling: `surface` as written, `base` after scaling by `factor`."""

    surface: str
    base: str
    factor: float
    kind: str  # money | people | count | physical | percent | permille | pct_point | multiple
    currency: str | None


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Surface spelling → Unit, from units.tsv."""
    table: dict[str, Unit] = {}
    for line in resource_files.text(UNITS_FILE).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, base, factor, kind, *rest = line.split("\t")
        currency = rest[0].strip() if rest and rest[0].strip() else None
        table[surface] = Unit(surface, base, float(factor), kind, currency)
    return table


@lru_cache(maxsize=1)
def _by_length() -> list[str]:
    return sorted(units(), key=len, reverse=True)


GAP = " \u00a0\u2009\u202f\n"  # one space or line break may stand between number and unit


def unit_at(text: str, pos: int) -> Unit | None:
    """The longest unit spelled at `text[pos:]` (one space or line break before it), or None."""
    if pos < len(text) and text[pos] in GAP:
        pos += 1
    for surface in _by_length():
        if text.startswith(surface, pos):
            after = text[pos + len(surface): pos + len(surface) + 2]
            if any(after.startswith(w) for w in _NOT_AFTER.get(surface, ())):
                return None
            return units()[surface]
    return None


def unit_end(text: str, pos: int, unit: Unit) -> int:
    """End offset of `unit` spelled at `pos` (skipping the optional space or line break)."""
    if pos < len(text) and text[pos] in GAP:
        pos += 1
    return pos + len(unit.surface)
