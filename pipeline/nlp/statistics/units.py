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


def unit_at(text: str, pos: int) -> Unit | None:
    """The longest unit spelled at `text[pos:]` (one space allowed before it), or None."""
    if pos < len(text) and text[pos] == " ":
        pos += 1
    for surface in _by_length():
        if text.startswith(surface, pos):
            after = text[pos + len(surface): pos + len(surface) + 2]
            if any(after.startswith(w) for w in _NOT_AFTER.get(surface, ())):
                return None
            return units()[surface]
    return None


def unit_end(text: str, pos: int, unit: Unit) -> int:
    """End offset of `unit` spelled at `pos` (skipping the optional space)."""
    if pos < len(text) and text[pos] == " ":
        pos += 1
    return pos + len(unit.surface)
