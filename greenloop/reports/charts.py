"""Charts for generated documents: matplotlib (Agg) drawing with the shipped CJK font."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib import pyplot as plt

from greenloop.reports import fonts

PALETTE = ["#1f7a4d", "#2f6fb0", "#d08a1e", "#b23a48", "#6b5ca5", "#3a8f8f", "#8a8a8a"]


@lru_cache(maxsize=1)
def _font_family() -> str:
    font_manager.fontManager.addfont(str(fonts.REGULAR))
    font_manager.fontManager.addfont(str(fonts.BOLD))
    return fonts.FAMILY


def _figure(title: str, ylabel: str) -> tuple[plt.Figure, plt.Axes]:
    family = _font_family()
    plt.rcParams["font.family"] = family
    plt.rcParams["axes.unicode_minus"] = False
    figure, axes = plt.subplots(figsize=(6.4, 3.4), dpi=150)
    if title:
        axes.set_title(title, fontsize=11)
    if ylabel:
        axes.set_ylabel(ylabel, fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    return figure, axes


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def bar(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    title: str = "",
    ylabel: str = "",
    stacked: bool = False,
) -> bytes:
    """Grouped (or stacked) bars, one group per category, one bar per series."""
    figure, axes = _figure(title, ylabel)
    names = list(series)
    positions = range(len(categories))
    width = 0.8 if stacked else 0.8 / max(len(names), 1)
    bottoms = [0.0] * len(categories)
    for index, name in enumerate(names):
        values = [float(v) for v in series[name]]
        if stacked:
            axes.bar(positions, values, width, bottom=bottoms, label=name, color=PALETTE[index % 7])
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        else:
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            axes.bar(offsets, values, width, label=name, color=PALETTE[index % 7])
    axes.set_xticks(list(positions), list(categories), rotation=30 if len(categories) > 8 else 0)
    if len(names) > 1:
        axes.legend(fontsize=8, frameon=False)
    return _png(figure)


def line(
    x: Sequence[str | int],
    series: Mapping[str, Sequence[float | None]],
    title: str = "",
    ylabel: str = "",
) -> bytes:
    """One line per series over a shared x axis (gaps where a value is None)."""
    figure, axes = _figure(title, ylabel)
    labels = [str(value) for value in x]
    for index, (name, values) in enumerate(series.items()):
        points = [float("nan") if v is None else float(v) for v in values]
        axes.plot(labels, points, marker="o", markersize=3, label=name, color=PALETTE[index % 7])
    if len(series) > 1:
        axes.legend(fontsize=8, frameon=False)
    return _png(figure)
