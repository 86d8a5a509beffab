"""Pure computation for monitoring: trends, target evaluation, the green development index.

No Django here (import contract): callers pass plain numbers and get dataclasses back.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

ACHIEVED = "achieved"
ON_TRACK = "on_track"
WARNING = "warning"
OFF_TRACK = "off_track"
NO_DATA = "no_data"
# Most off track first: the order of the early-warning list.
SEVERITY = {OFF_TRACK: 0, WARNING: 1, NO_DATA: 2, ON_TRACK: 3, ACHIEVED: 4}

AT_LEAST = "at_least"
AT_MOST = "at_most"
CHANGE = "change"
CUMULATIVE = "cumulative"

# Why an evaluation says what it says (the pages translate these).
REASONS = {
    "no_base": "no value for the base year",
    "no_observation": "no observation up to this year",
    "met": "the latest value already meets the target",
    "missed": "the target year has passed and the target was missed",
    "single": "one observation only: no trend yet",
    "trend_meets": "the trend reaches the target by the target year",
    "band_meets": "the trend falls short, but the target is inside its uncertainty band",
    "short": "the trend and its uncertainty band fall short of the target",
}

# Two-sided 90 % band: the projection's interval uses z = 1.645.
Z_BAND = 1.645

PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2]))?$")


class PeriodError(ValueError):
    pass


def parse_period(text: str) -> tuple[str, int]:
    """``2020`` → ("year", 2020); ``2020Q1`` → ("quarter", 2020); ``2020-03`` → ("month", 2020)."""
    match = PERIOD_RE.match(str(text).strip())
    if not match:
        raise PeriodError(f"{text!r} is not a period (2020, 2020Q1 or 2020-03)")
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        raise PeriodError(f"{text!r}: year outside 1900-2100")
    if match["quarter"]:
        return "quarter", year
    if match["month"]:
        return "month", year
    return "year", year


# --- robust trend -----------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    slope: float
    intercept: float
    slope_low: float
    slope_high: float
    residual_sigma: float
    n: int
    x_mean: float
    sxx: float

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x

    def band(self, x: float) -> tuple[float, float]:
        """A 90 % band at ``x``: the spread of the pairwise slopes and of the residuals."""
        centre = self.at(x)
        lever = x - self.x_mean
        by_slope = sorted(
            (lever * (self.slope_low - self.slope), lever * (self.slope_high - self.slope))
        )
        spread = (
            Z_BAND
            * self.residual_sigma
            * math.sqrt(1 + 1 / self.n + (lever * lever / self.sxx if self.sxx else 0.0))
        )
        return centre + min(by_slope[0], 0.0) - spread, centre + max(by_slope[1], 0.0) + spread


def theil_sen(xs: Sequence[float], ys: Sequence[float]) -> Trend | None:
    """Theil-Sen line (median of pairwise slopes), robust to outliers; None below 2 points."""
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    n = len(x)
    if n < 2:
        return None
    i, j = np.triu_indices(n, k=1)
    dx = x[j] - x[i]
    keep = dx != 0
    if not keep.any():
        return None
    slopes = (y[j] - y[i])[keep] / dx[keep]
    slope = float(np.median(slopes))
    intercept = float(np.median(y - slope * x))
    low, high = (float(v) for v in np.quantile(slopes, [0.1, 0.9]))
    residuals = y - (intercept + slope * x)
    sigma = 1.4826 * float(np.median(np.abs(residuals - np.median(residuals))))
    x_mean = float(x.mean())
    return Trend(slope, intercept, low, high, sigma, n, x_mean, float(((x - x_mean) ** 2).sum()))


# --- target evaluation ------------------------------------------------------------------


@dataclass(frozen=True)
class TargetSpec:
    kind: str  # at_least, at_most, change (value in %, from base_year), cumulative
    value: float
    target_year: int
    base_year: int | None = None


@dataclass
class Evaluation:
    status: str
    year: int
    target_level: float | None = None
    sense: str = AT_LEAST  # at_least / at_most: which side of target_level is good
    actual: float | None = None
    actual_year: int | None = None
    base_value: float | None = None
    gap: float | None = None  # distance still to cover, in the indicator's unit (>0: short)
    gap_share: float | None = None  # gap relative to the target level
    required_rate: float | None = None  # % per year needed from now to the target year
    actual_rate: float | None = None  # % per year achieved so far
    projected: float | None = None
    projected_low: float | None = None
    projected_high: float | None = None
    reason: str = ""  # a key of REASONS
    notes: list[str] = field(default_factory=list)


def _meets(value: float, level: float, sense: str) -> bool:
    return value >= level if sense == AT_LEAST else value <= level


def _rate(start: float, end: float, years: float) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def evaluate(spec: TargetSpec, series: Mapping[int, float], year: int) -> Evaluation:
    """Where a target stands in ``year`` given the observed yearly ``series``."""
    if spec.kind == CUMULATIVE:
        return _evaluate_cumulative(spec, series, year)
    cutoff = min(year, spec.target_year)
    known = sorted((y, v) for y, v in series.items() if y <= cutoff and v is not None)
    sense = (
        AT_MOST if spec.kind == AT_MOST or (spec.kind == CHANGE and spec.value < 0) else AT_LEAST
    )
    result = Evaluation(status=NO_DATA, year=year, sense=sense)
    level = spec.value
    if spec.kind == CHANGE:
        if spec.base_year is None or spec.base_year not in series:
            result.reason = "no_base"
            return result
        result.base_value = series[spec.base_year]
        level = result.base_value * (1 + spec.value / 100)
    result.target_level = level
    if not known:
        result.reason = "no_observation"
        return result
    actual_year, actual = known[-1]
    result.actual, result.actual_year = actual, actual_year
    result.gap = (level - actual) if sense == AT_LEAST else (actual - level)
    if level:
        result.gap_share = result.gap / abs(level)
    start_year = (
        spec.base_year if spec.base_year is not None and spec.base_year in series else known[0][0]
    )
    result.actual_rate = _rate(series[start_year], actual, actual_year - start_year)
    years_left = spec.target_year - actual_year
    result.required_rate = _rate(actual, level, years_left)
    trend = theil_sen([y for y, _ in known], [v for _, v in known])
    if trend is not None:
        result.projected = trend.at(spec.target_year)
        result.projected_low, result.projected_high = trend.band(spec.target_year)
    if _meets(actual, level, sense):
        result.status = ACHIEVED
        result.reason = "met"
        return result
    if years_left <= 0:
        result.status = OFF_TRACK
        result.reason = "missed"
        return result
    return _judge(result, level, sense)


def _judge(result: Evaluation, level: float, sense: str) -> Evaluation:
    if result.projected is None or result.projected_low is None or result.projected_high is None:
        result.status = WARNING
        result.reason = "single"
        return result
    favourable = result.projected_high if sense == AT_LEAST else result.projected_low
    if _meets(result.projected, level, sense):
        result.status = ON_TRACK
        result.reason = "trend_meets"
    elif _meets(favourable, level, sense):
        result.status = WARNING
        result.reason = "band_meets"
    else:
        result.status = OFF_TRACK
        result.reason = "short"
    return result


def _evaluate_cumulative(spec: TargetSpec, series: Mapping[int, float], year: int) -> Evaluation:
    first = (spec.base_year + 1) if spec.base_year is not None else min(series, default=year)
    cutoff = min(year, spec.target_year)
    known = sorted((y, v) for y, v in series.items() if first <= y <= cutoff and v is not None)
    result = Evaluation(status=NO_DATA, year=year, target_level=spec.value, sense=AT_LEAST)
    if not known:
        result.reason = "no_observation"
        return result
    done = float(sum(v for _, v in known))
    actual_year = known[-1][0]
    result.actual, result.actual_year = done, actual_year
    result.gap = spec.value - done
    if spec.value:
        result.gap_share = result.gap / abs(spec.value)
    years_left = spec.target_year - actual_year
    elapsed = actual_year - first + 1
    result.actual_rate = done / elapsed
    result.required_rate = result.gap / years_left if years_left > 0 else None
    trend = theil_sen([y for y, _ in known], [v for _, v in known])
    future = range(actual_year + 1, spec.target_year + 1)
    if trend is not None:
        result.projected = done + sum(max(trend.at(y), 0.0) for y in future)
        bands = [trend.band(y) for y in future]
        result.projected_low = done + sum(max(b[0], 0.0) for b in bands)
        result.projected_high = done + sum(max(b[1], 0.0) for b in bands)
    elif known:
        # One year only: carry its amount forward as the projection, with no band.
        result.projected = done + known[-1][1] * len(future)
    if done >= spec.value:
        result.status = ACHIEVED
        result.reason = "met"
        return result
    if years_left <= 0:
        result.status = OFF_TRACK
        result.reason = "missed"
        return result
    if trend is None:
        result.projected_low = result.projected_high = result.projected
    return _judge(result, spec.value, AT_LEAST)


def rank_warnings(items: Sequence[tuple[object, Evaluation]]) -> list[tuple[object, Evaluation]]:
    """The early-warning order: most severe status first, then the largest relative gap."""

    def key(item: tuple[object, Evaluation]) -> tuple[int, float]:
        evaluation = item[1]
        share = evaluation.gap_share if evaluation.gap_share is not None else 0.0
        return SEVERITY.get(evaluation.status, 9), -share

    return sorted(items, key=key)


# --- validation helpers -----------------------------------------------------------------


def yoy_change(previous: float | None, current: float | None) -> float | None:
    """Relative year-on-year change in % (None when it cannot be computed)."""
    if previous is None or current is None or previous == 0:
        return None
    return (current - previous) / abs(previous) * 100


def parts_consistent(whole: float, parts: Sequence[float], tolerance: float = 0.01) -> bool:
    """Do ``parts`` sum to ``whole`` within a relative ``tolerance`` (rounding in tables)?"""
    total = float(sum(parts))
    return abs(total - whole) <= tolerance * max(abs(whole), 1e-9)


# --- derived indicators -------------------------------------------------------------------

# indicator → (numerator, denominator, factor): value = numerator / denominator × factor,
# in the indicator's catalogue unit (亿元 / 万人 × 10^4 = 元 per person).
DERIVED: dict[str, tuple[str, str, float]] = {
    "share_primary": ("va_primary", "gdp", 100.0),
    "share_secondary": ("va_secondary", "gdp", 100.0),
    "share_tertiary": ("va_tertiary", "gdp", 100.0),
    "gdp_per_capita": ("gdp", "population", 10000.0),
    "clean_capacity_share": ("clean_capacity", "installed_capacity", 100.0),
    "new_energy_capacity_share": ("new_energy_capacity", "installed_capacity", 100.0),
    "clean_generation_share": ("clean_generation", "generation_total", 100.0),
}


def derive(
    code: str, numerator: Mapping[str, float], denominator: Mapping[str, float]
) -> dict[str, float]:
    """Values of a derived ratio for every key both parts have (denominator non-zero)."""
    factor = DERIVED[code][2]
    return {
        key: numerator[key] / denominator[key] * factor for key in numerator if denominator.get(key)
    }


# --- green development index ------------------------------------------------------------

MIN_SCORE = 60.0
MAX_SCORE = 100.0


@dataclass(frozen=True)
class IndexIndicator:
    code: str
    category: str
    weight: float  # % of the index
    direction: str  # higher / lower


def efficacy_scores(values: Mapping[str, float], direction: str) -> dict[str, float]:
    """Efficacy coefficient: 60 for the worst compared region, 100 for the best, linear between.

    When every compared region has the same value, each is at the best: 100.
    """
    if not values:
        return {}
    best = max(values.values()) if direction != "lower" else min(values.values())
    worst = min(values.values()) if direction != "lower" else max(values.values())
    if best == worst:
        return dict.fromkeys(values, MAX_SCORE)
    span = best - worst
    return {
        region: MIN_SCORE + (MAX_SCORE - MIN_SCORE) * (value - worst) / span
        for region, value in values.items()
    }


@dataclass
class RegionIndex:
    region: str
    total: float
    rank: int
    sub_indices: dict[str, float]
    scores: dict[str, float]  # indicator → individual index (60-100)
    contributions: dict[str, float]  # indicator → points of the total it contributes
    dropped: list[str]  # regional indicators the region lacks (weight spread over the rest)


@dataclass
class IndexResult:
    regions: list[RegionIndex]
    no_data: list[str]  # indicators with no data for any compared region: scored 60
    weights: dict[str, float]  # effective indicator weights (each category sums to its weight)


def normalised_weights(
    indicators: Sequence[IndexIndicator], category_weights: Mapping[str, float]
) -> dict[str, float]:
    """Indicator weights scaled so each category's add up to its published category weight."""
    sums: dict[str, float] = {}
    for item in indicators:
        sums[item.category] = sums.get(item.category, 0.0) + item.weight
    return {
        item.code: item.weight * category_weights[item.category] / sums[item.category]
        for item in indicators
        if sums[item.category] > 0
    }


def green_development_index(
    indicators: Sequence[IndexIndicator],
    data: Mapping[str, Mapping[str, float]],
    regions: Sequence[str],
    category_weights: Mapping[str, float],
) -> IndexResult:
    """The national method: individual indices by efficacy coefficient over ``regions``,
    weighted within categories into sub-indices and into the total.

    - an indicator no compared region has data for scores 60 everywhere, weight unchanged;
    - an indicator some regions lack is dropped for them, its weight spread over the rest.
    """
    weights = normalised_weights(indicators, category_weights)
    scores: dict[str, dict[str, float]] = {}
    no_data: list[str] = []
    for item in indicators:
        observed = {
            region: float(value)
            for region, value in (data.get(item.code) or {}).items()
            if region in regions and value is not None and math.isfinite(float(value))
        }
        if not observed:
            no_data.append(item.code)
            scores[item.code] = dict.fromkeys(regions, MIN_SCORE)
        else:
            scores[item.code] = efficacy_scores(observed, item.direction)
    built: list[RegionIndex] = []
    for region in regions:
        present = [item for item in indicators if region in scores[item.code]]
        dropped = [item.code for item in indicators if region not in scores[item.code]]
        total_weight = sum(weights[item.code] for item in present)
        contributions = {
            item.code: weights[item.code] * scores[item.code][region] / total_weight
            for item in present
        }
        sub: dict[str, float] = {}
        for category in category_weights:
            members = [item for item in present if item.category == category]
            member_weight = sum(weights[item.code] for item in members)
            if member_weight:
                sub[category] = (
                    sum(weights[item.code] * scores[item.code][region] for item in members)
                    / member_weight
                )
        built.append(
            RegionIndex(
                region=region,
                total=sum(contributions.values()),
                rank=0,
                sub_indices=sub,
                scores={item.code: scores[item.code][region] for item in present},
                contributions=contributions,
                dropped=dropped,
            )
        )
    ordered = sorted(built, key=lambda item: (-round(item.total, 9), item.region))
    for position, entry in enumerate(ordered, start=1):
        entry.rank = position
    return IndexResult(regions=ordered, no_data=no_data, weights=weights)


# --- many targets at once -------------------------------------------------------------------


@dataclass
class BatchEvaluation:
    status: np.ndarray  # str codes
    actual: np.ndarray
    gap: np.ndarray
    required_rate: np.ndarray
    actual_rate: np.ndarray
    projected: np.ndarray
    projected_low: np.ndarray
    projected_high: np.ndarray


def evaluate_batch(
    values: np.ndarray,
    years: Sequence[int],
    levels: np.ndarray,
    at_least: np.ndarray,
    target_years: np.ndarray,
) -> BatchEvaluation:
    """Level targets for many series with complete yearly values, evaluated in the last year.

    ``values`` is (series × years); the first column is the start of the actual rate. Gives the
    same results as :func:`evaluate` for each row (``tests/test_evaluation_batch.py``), with the
    Theil-Sen trend vectorised over all series.
    """
    v = np.asarray(values, dtype=float)
    x = np.asarray(years, dtype=float)
    n, m = v.shape
    levels = np.asarray(levels, dtype=float)
    at_least = np.asarray(at_least, dtype=bool)
    target_years = np.asarray(target_years, dtype=float)
    actual = v[:, -1]
    i, j = np.triu_indices(m, k=1)
    slopes = (v[:, j] - v[:, i]) / (x[j] - x[i])
    slope = np.median(slopes, axis=1)
    intercept = np.median(v - slope[:, None] * x[None, :], axis=1)
    low, high = np.quantile(slopes, [0.1, 0.9], axis=1)
    residuals = v - (intercept[:, None] + slope[:, None] * x[None, :])
    mad = np.median(np.abs(residuals - np.median(residuals, axis=1)[:, None]), axis=1)
    sigma = 1.4826 * mad
    x_mean = x.mean()
    sxx = float(((x - x_mean) ** 2).sum())
    lever = target_years - x_mean
    projected = intercept + slope * target_years
    d_low = lever * (low - slope)
    d_high = lever * (high - slope)
    spread = Z_BAND * sigma * np.sqrt(1 + 1 / m + (lever * lever / sxx if sxx else 0.0))
    projected_low = projected + np.minimum(np.minimum(d_low, d_high), 0.0) - spread
    projected_high = projected + np.maximum(np.maximum(d_low, d_high), 0.0) + spread
    gap = np.where(at_least, levels - actual, actual - levels)
    years_left = target_years - x[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = (v[:, 0] > 0) & (actual > 0)
        actual_rate = np.where(
            positive & (m > 1), ((actual / v[:, 0]) ** (1 / (x[-1] - x[0])) - 1) * 100, np.nan
        )
        required_rate = np.where(
            (actual > 0) & (levels > 0) & (years_left > 0),
            ((levels / actual) ** (1 / years_left) - 1) * 100,
            np.nan,
        )
    met = np.where(at_least, actual >= levels, actual <= levels)
    trend_meets = np.where(at_least, projected >= levels, projected <= levels)
    band_meets = np.where(at_least, projected_high >= levels, projected_low <= levels)
    status = np.select(
        [met, years_left <= 0, trend_meets, band_meets],
        [ACHIEVED, OFF_TRACK, ON_TRACK, WARNING],
        default=OFF_TRACK,
    )
    del n
    return BatchEvaluation(
        status, actual, gap, required_rate, actual_rate, projected, projected_low, projected_high
    )
