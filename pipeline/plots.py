"""Plots that read on any machine: the shipped CJK font registered with matplotlib, and
date axes whose labels do not overlap however many months an archive covers.

`pipeline/resources/fonts/BaokanSansSC-Regular.otf` is a subset of Noto Sans CJK SC
(SIL Open Font License 1.1, OFL.txt beside it; built by data/make_font_subset.py): every
GB2312 character plus those of Baokan's lexicons, so plots of names, places, slogans and
indicators render without a system CJK font. matplotlib is an optional dependency (the
`dev` extra); nothing here imports it before a function is called.
"""

from __future__ import annotations

from pathlib import Path

FONT_PATH = Path(__file__).resolve().parent / "resources" / "fonts" / "BaokanSansSC-Regular.otf"
FONT_FAMILY = "Baokan Sans SC"
MAX_DATE_TICKS = 8


def use_cjk_font() -> str:
    """Register the shipped font with matplotlib and make it the first sans-serif family
    (Latin, digits and CJK all come from it). Returns the family name."""
    from matplotlib import font_manager, rcParams

    if FONT_FAMILY not in {entry.name for entry in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_PATH))
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [FONT_FAMILY, *(name for name in rcParams["font.sans-serif"]
                                                  if name != FONT_FAMILY)]
    return FONT_FAMILY


def date_axis(ax, axis: str = "x") -> None:
    """Concise date ticks (2023, Feb, Mar … 2024) at most MAX_DATE_TICKS of them, for an
    axis that plots real dates (not strings): labels never overlap, even over 40+ months."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=MAX_DATE_TICKS)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator))


def cjk_fonts() -> dict[str, list[str]]:
    """What plots can use: the shipped font file and the CJK fonts matplotlib finds on
    this machine (family names), for `baokan info`. Empty lists when matplotlib is absent."""
    found: dict[str, list[str]] = {"shipped": [str(FONT_PATH)] if FONT_PATH.is_file() else [],
                                   "system": []}
    try:
        from matplotlib import font_manager
    except ImportError:
        return found
    system = set()
    for entry in font_manager.fontManager.ttflist:
        if entry.name != FONT_FAMILY and "Last Resort" not in entry.name \
                and _has_han(entry.fname):  # matplotlib's Last Resort font draws boxes
            system.add(entry.name)
    found["system"] = sorted(system)
    return found


def _has_han(font_file: str) -> bool:
    """Whether the font maps 中 (U+4E2D), i.e. renders Chinese."""
    from matplotlib import ft2font

    try:
        return 0x4E2D in ft2font.FT2Font(font_file).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
