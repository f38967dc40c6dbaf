"""Plots that read on any machine: the shipped CJK font registered with matplotlib, and
date axes whose labels do not overlap however many months an archive covers.

`pipeline/fonts/BaokanSansSC-Regular.otf` is a subset of Noto Sans CJK SC
(SIL Open Font License 1.1, OFL.txt beside it; built by data/make_font_subset.py): every
GB2312 character plus those of Baokan's lexicons, so plots of names, places, slogans and
indicators render without a system CJK font. matplotlib is an optional dependency (the
`dev` extra); nothing here imports it before a function is called.
"""

from __future__ import annotations

from pathlib import Path

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "BaokanSansSC-Regular.otf"
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


SHORT_SPAN_DAYS = 62  # up to two months: one bar per day; longer: one point per month


def counts_over_time(ax, dates, keys=None, top: int = 6) -> str:
    """Counts per day (stacked bars) for a span of up to SHORT_SPAN_DAYS, else per month
    (one line per key), of the `top` most frequent `keys` (one series when None), on a real
    date axis. Returns "day" or "month"."""
    import pandas as pd
    from matplotlib.ticker import MaxNLocator

    frame = pd.DataFrame({"date": pd.to_datetime(pd.Series(dates).reset_index(drop=True)),
                          "key": "all" if keys is None else pd.Series(keys).reset_index(drop=True)})
    frame = frame.dropna(subset=["date"])
    leaders = frame.key.value_counts().head(top).index
    frame = frame[frame.key.isin(leaders)]
    daily = (frame.date.max() - frame.date.min()).days < SHORT_SPAN_DAYS if len(frame) else True
    table = (frame.groupby([pd.Grouper(key="date", freq="D" if daily else "MS"), "key"],
                           observed=True).size().unstack(fill_value=0).reindex(columns=leaders))
    if daily:
        bottom = None
        for key in table.columns:
            ax.bar(table.index, table[key], bottom=bottom, width=0.8, label=str(key))
            bottom = table[key] if bottom is None else bottom + table[key]
    else:
        for key in table.columns:
            ax.plot(table.index, table[key], marker=".", label=str(key))
    date_axis(ax)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if keys is not None and len(table.columns):
        ax.legend(fontsize=8, ncol=2)
    return "day" if daily else "month"


FULL_YEAR = (None, "全年")


def annual_levels(statistics, unit: str = "元"):
    """Levels comparable from year to year: role level/to in `unit`, the year stated in the
    text (not guessed from the publication date) and the whole year (no 前三季度, 上半年 …),
    the largest figure per indicator, subject and year. Columns indicator, subject, year,
    value."""
    import pandas as pd

    rows = statistics[(statistics.unit == unit) & statistics.role.isin(["level", "to"])
                      & statistics.year.notna()
                      & (statistics.period.isna() | (statistics.period == "全年"))]
    rows = rows.assign(indicator=rows.indicator.fillna("(indicator not stated)"),
                       subject=rows.subject.fillna("(subject not stated)"),
                       year=rows.year.astype("int64"))
    levels = rows.groupby(["indicator", "subject", "year"], observed=True).value.max()
    return levels.reset_index() if len(levels) else pd.DataFrame(
        columns=["indicator", "subject", "year", "value"])
