"""Plots read on a machine without a CJK font: the shipped font renders Chinese labels, and
date axes over 40+ months keep their labels apart."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pandas as pd

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from pipeline import plots  # noqa: E402

LABEL = "丽水市生产总值 千万工程"


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def _text_figure(family: str | None = None):
    fig = plt.figure(figsize=(3, 1), dpi=100)
    fig.text(0.05, 0.4, LABEL, fontsize=14, **({"family": family} if family else {}))
    return fig


def test_a_rendered_plot_uses_the_shipped_font():
    assert plots.use_cjk_font() == plots.FONT_FAMILY
    fig = _text_figure()
    [text] = fig.texts
    assert font_manager.findfont(text.get_fontproperties()) == str(plots.FONT_PATH)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise here
        shipped = _pixels(fig)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        boxes = _pixels(_text_figure("DejaVu Sans"))  # no CJK glyphs: tofu boxes
    ink = (shipped < 128).any(axis=2)
    assert ink.sum() > 300  # the characters are drawn …
    assert (ink != (boxes < 128).any(axis=2)).sum() > 300  # … and are not DejaVu's boxes
    plt.close("all")


def _overlaps(ax) -> list[tuple[str, str]]:
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in labels]
    return [(labels[i].get_text(), labels[j].get_text())
            for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])]


def test_date_axis_over_48_months_has_no_overlapping_labels():
    plots.use_cjk_font()
    months = pd.date_range("2021-01-01", periods=48, freq="MS")
    dates = np.repeat(months, 3)
    keys = np.tile(["千万工程", "八八战略", "共同富裕"], 48)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    assert plots.counts_over_time(ax, dates, keys) == "month"
    assert _overlaps(ax) == []
    assert 3 <= len([t for t in ax.get_xticklabels() if t.get_text()]) <= plots.MAX_DATE_TICKS + 1
    plt.close(fig)


def test_a_short_archive_is_counted_per_day():
    fig, ax = plt.subplots(figsize=(8, 3.5))
    dates = pd.to_datetime(["2025-11-03", "2025-11-03", "2025-11-05"])
    assert plots.counts_over_time(ax, dates) == "day"
    assert sorted(round(p.get_height()) for p in ax.patches) == [1, 2]
    assert _overlaps(ax) == []
    plt.close(fig)


def test_annual_levels_keep_whole_stated_years_only():
    stats = pd.DataFrame({
        "unit": ["元"] * 5 + ["%"],
        "role": ["level", "level", "to", "level", "level", "level"],
        "value": [3.0e10, 2.2e10, 3.5e10, 9.9e10, 1.0e10, 6.0],
        "year": [2023, 2024, 2024, pd.NA, 2024, 2024],
        "period": [None, "前三季度", "全年", None, None, None],
        "indicator": ["生产总值"] * 4 + [None, "增速"],
        "subject": ["丽水市"] * 6,
    }).astype({"year": "Int32"})
    levels = plots.annual_levels(stats)
    assert levels.to_dict("records") == [
        {"indicator": "(indicator not stated)", "subject": "丽水市", "year": 2024, "value": 1.0e10},
        {"indicator": "生产总值", "subject": "丽水市", "year": 2023, "value": 3.0e10},
        {"indicator": "生产总值", "subject": "丽水市", "year": 2024, "value": 3.5e10},
    ]


def test_the_shipped_font_is_small_and_licensed():
    assert plots.cjk_fonts()["shipped"] == [str(plots.FONT_PATH)]
    assert plots.FONT_PATH.stat().st_size < 2_500_000
    assert (plots.FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1
