"""Emission paths to 2035 from drivers, peak year and value, and Monte-Carlo uncertainty.

Production-based emissions in year t::

    E_t  = GDP_t × I_t                       energy (tce); I declines by ``intensity_decline``
    C_t  = E_t × (1 − s_t) × c_t + process_t  s: non-fossil share (linear to its targets),
                                             c: t CO2 per tce of fossil energy

The consumption-based path subtracts net electricity exports (growing by ``export_growth``)
times the province's generation factor (changing by ``grid_factor_change``). Electrification
is not a separate driver: it acts through the energy-intensity and non-fossil-share paths.

All draws of the Monte-Carlo run are computed at once as (draws × years) arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from greenloop.carbon.engine.accounting import EngineError

DEFAULT_DRAWS = 2000


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue; the Django side translates it."""
    return message


@dataclass
class Validated:
    base_year: int
    end_year: int
    base: dict[str, float]
    drivers: dict[str, float]
    share_points: list[tuple[int, float]]
    uncertainty: dict[str, float]
    draws: int
    seed: int


def _number(problems: list[list[Any]], loc: list[Any], value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append([*loc, gettext_noop("must be a number")])
        return None
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        problems.append([*loc, gettext_noop("must be finite")])
        return None
    return number


def validate(assumptions: Any) -> Validated:
    """Check a scenario's assumptions; raises :class:`ScenarioError` listing every problem
    with its location (``["drivers", "intensity_decline"]``)."""
    problems: list[list[Any]] = []
    if not isinstance(assumptions, dict):
        raise ScenarioError([["assumptions", gettext_noop("must be an object")]])
    base_year = assumptions.get("base_year")
    end_year = assumptions.get("end_year", 2035)
    if not isinstance(base_year, int) or not 1990 <= base_year <= 2060:
        problems.append(["base_year", gettext_noop("must be a year between 1990 and 2060")])
        base_year = 2019
    if not isinstance(end_year, int) or not base_year < end_year <= 2060:
        problems.append(["end_year", gettext_noop("must be a year after base_year, at most 2060")])
        end_year = 2035
    raw_base = assumptions.get("base")
    base_in: dict[str, Any] = raw_base if isinstance(raw_base, dict) else {}
    if not isinstance(assumptions.get("base"), dict):
        problems.append(["base", gettext_noop("must be an object")])
    base: dict[str, float] = {}
    for key in ("emissions_mt", "process_mt", "gdp", "energy_tce", "non_fossil_share"):
        value = _number(problems, ["base", key], base_in.get(key))
        if value is None:
            continue
        if value < 0:
            problems.append(["base", key, gettext_noop("must not be negative")])
        if key in {"gdp", "energy_tce"} and value == 0:
            problems.append(["base", key, gettext_noop("must be positive")])
        if key == "non_fossil_share" and not 0 <= value < 1:
            problems.append(["base", key, gettext_noop("share outside [0, 1)")])
        base[key] = value
    # Electricity trade, for the consumption-based path (optional)
    export = _number(problems, ["base", "net_export_twh"], base_in.get("net_export_twh", 0.0))
    base["net_export_twh"] = export if export is not None else 0.0
    grid = _number(problems, ["base", "grid_factor"], base_in.get("grid_factor", 0.0))
    if grid is not None and grid < 0:
        problems.append(["base", "grid_factor", gettext_noop("must not be negative")])
    base["grid_factor"] = grid if grid is not None else 0.0
    raw_drivers = assumptions.get("drivers")
    drivers_in: dict[str, Any] = raw_drivers if isinstance(raw_drivers, dict) else {}
    if not isinstance(assumptions.get("drivers"), dict):
        problems.append(["drivers", gettext_noop("must be an object")])
    drivers: dict[str, float] = {}
    rules = {
        "gdp_growth": (-0.5, 0.5, gettext_noop("must be a yearly rate between -0.5 and 0.5")),
        "population_growth": (
            -0.1,
            0.1,
            gettext_noop("must be a yearly rate between -0.1 and 0.1"),
        ),
        "intensity_decline": (
            0.0,
            0.5,
            gettext_noop("must be a yearly decline: not negative, at most 0.5"),
        ),
        "fossil_factor_change": (
            -0.2,
            0.2,
            gettext_noop("must be a yearly rate between -0.2 and 0.2"),
        ),
        "process_growth": (-0.5, 0.5, gettext_noop("must be a yearly rate between -0.5 and 0.5")),
        "export_growth": (-0.5, 0.5, gettext_noop("must be a yearly rate between -0.5 and 0.5")),
        "grid_factor_change": (
            -0.3,
            0.1,
            gettext_noop("must be a yearly rate between -0.3 and 0.1"),
        ),
    }
    for key, (low, high, why) in rules.items():
        value = _number(problems, ["drivers", key], drivers_in.get(key, 0.0))
        if value is not None:
            if not low <= value <= high:
                problems.append(["drivers", key, why])
            drivers[key] = value
    share_points: list[tuple[int, float]] = []
    raw_points = drivers_in.get("non_fossil_share", {})
    if not isinstance(raw_points, dict):
        problems.append(["drivers", "non_fossil_share", gettext_noop("must map years to shares")])
        raw_points = {}
    for year_text, share in raw_points.items():
        try:
            year = int(year_text)
        except (TypeError, ValueError):
            problems.append(["drivers", "non_fossil_share", year_text, gettext_noop("not a year")])
            continue
        value = _number(problems, ["drivers", "non_fossil_share", year_text], share)
        if value is None:
            continue
        if not 0 <= value < 1:
            problems.append(
                ["drivers", "non_fossil_share", year_text, gettext_noop("share outside [0, 1)")]
            )
        elif not base_year < year <= end_year:
            problems.append(
                ["drivers", "non_fossil_share", year_text, gettext_noop("year outside the path")]
            )
        else:
            share_points.append((year, value))
    raw_unc = assumptions.get("uncertainty", {})
    if not isinstance(raw_unc, dict):
        problems.append(["uncertainty", gettext_noop("must be an object")])
    unc_in: dict[str, Any] = raw_unc if isinstance(raw_unc, dict) else {}
    uncertainty: dict[str, float] = {}
    for key in ("gdp_growth_sd", "intensity_decline_sd", "non_fossil_share_sd", "fossil_factor_sd"):
        value = _number(problems, ["uncertainty", key], unc_in.get(key, 0.0))
        if value is not None:
            if not 0 <= value <= 0.5:
                problems.append(["uncertainty", key, gettext_noop("must be between 0 and 0.5")])
            uncertainty[key] = value
    draws = unc_in.get("draws", DEFAULT_DRAWS)
    if not isinstance(draws, int) or isinstance(draws, bool) or not 1000 <= draws <= 100_000:
        problems.append(
            ["uncertainty", "draws", gettext_noop("must be a whole number from 1000 to 100000")]
        )
        draws = DEFAULT_DRAWS
    seed = unc_in.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        problems.append(["uncertainty", "seed", gettext_noop("must be a whole number ≥ 0")])
        seed = 0
    targets = assumptions.get("targets", [])
    if not isinstance(targets, list):
        problems.append(["targets", gettext_noop("must be a list")])
        targets = []
    for index, target in enumerate(targets):
        if not isinstance(target, dict):
            problems.append(["targets", index, gettext_noop("must be an object")])
            continue
        for key in ("indicator_code", "source"):
            if not isinstance(target.get(key), str) or not target.get(key):
                problems.append(["targets", index, key, gettext_noop("required")])
        kind = target.get("kind")
        value = _number(problems, ["targets", index, "value"], target.get("value"))
        if kind in {"probability", "share"} and value is not None and not 0 <= value <= 1:
            problems.append(["targets", index, "value", gettext_noop("outside [0, 1]")])
    if problems:
        raise ScenarioError(problems)
    return Validated(
        base_year, end_year, base, drivers, sorted(share_points), uncertainty, draws, seed
    )


class ScenarioError(EngineError):
    """Located problems (each a list: path … then the message)."""

    def __init__(self, located: list[list[Any]]) -> None:
        self.located = located
        super().__init__([".".join(str(p) for p in loc[:-1]) + f": {loc[-1]}" for loc in located])


@dataclass
class Path:
    years: list[int]
    emissions: list[float]
    energy: list[float]
    gdp: list[float]
    non_fossil_share: list[float]
    intensity: list[float]  # t CO2 per 10^4 yuan of GDP (GDP in 10^4 yuan)
    consumption: list[float]  # production less net electricity exports × grid factor
    peak_year: int
    peak_value: float


@dataclass
class Band:
    years: list[int]
    p05: list[float]
    p50: list[float]
    p95: list[float]
    probability_peak_by_2030: float
    peak_year_p05: int
    peak_year_p50: int
    peak_year_p95: int
    draws: int


def _share_path(v: Validated, years: np.ndarray) -> np.ndarray:
    points = [(v.base_year, v.base["non_fossil_share"]), *v.share_points]
    xs = np.array([p[0] for p in points], dtype=float)
    ys = np.array([p[1] for p in points], dtype=float)
    return np.interp(years, xs, ys)


def _simulate(
    v: Validated,
    years: np.ndarray,
    gdp_growth: np.ndarray,
    decline: np.ndarray,
    share_shift: np.ndarray,
    factor_change: np.ndarray,
) -> dict[str, np.ndarray]:
    """Arrays shaped (draws, years); rates shaped (draws, 1)."""
    steps = (years - v.base_year)[None, :].astype(float)
    gdp = v.base["gdp"] * (1 + gdp_growth) ** steps
    intensity = (v.base["energy_tce"] / v.base["gdp"]) * (1 - decline) ** steps
    energy = gdp * intensity
    share = np.clip(_share_path(v, years)[None, :] + share_shift * (steps > 0), 0.0, 0.999)
    fossil_base = v.base["energy_tce"] * (1 - v.base["non_fossil_share"])
    per_tce = v.base["emissions_mt"] / fossil_base if fossil_base > 0 else 0.0
    factor = per_tce * (1 + factor_change) ** steps
    process = v.base["process_mt"] * (1 + v.drivers["process_growth"]) ** steps
    emissions = energy * (1 - share) * factor + process
    return {"gdp": gdp, "energy": energy, "share": share, "emissions": emissions}


def central_path(v: Validated) -> Path:
    years = np.arange(v.base_year, v.end_year + 1)
    d = v.drivers
    one = np.ones((1, 1))
    result = _simulate(
        v,
        years,
        one * d["gdp_growth"],
        one * d["intensity_decline"],
        one * 0.0,
        one * d["fossil_factor_change"],
    )
    emissions = result["emissions"][0]
    peak = int(np.argmax(emissions))
    steps = (years - v.base_year).astype(float)
    exports = v.base["net_export_twh"] * (1 + d["export_growth"]) ** steps
    grid = v.base["grid_factor"] * (1 + d["grid_factor_change"]) ** steps
    consumption = emissions - exports * grid  # TWh × t/MWh = Mt
    return Path(
        years=years.tolist(),
        emissions=emissions.tolist(),
        energy=result["energy"][0].tolist(),
        gdp=result["gdp"][0].tolist(),
        non_fossil_share=result["share"][0].tolist(),
        intensity=(emissions * 1e6 / result["gdp"][0]).tolist(),
        consumption=consumption.tolist(),
        peak_year=int(years[peak]),
        peak_value=float(emissions[peak]),
    )


def monte_carlo(v: Validated) -> Band:
    years = np.arange(v.base_year, v.end_year + 1)
    rng = np.random.default_rng(v.seed)
    n = v.draws
    u, d = v.uncertainty, v.drivers
    gdp_growth = rng.normal(d["gdp_growth"], u["gdp_growth_sd"], (n, 1))
    decline = np.clip(rng.normal(d["intensity_decline"], u["intensity_decline_sd"], (n, 1)), 0, 0.9)
    share_shift = rng.normal(0.0, u["non_fossil_share_sd"], (n, 1))
    factor_change = rng.normal(d["fossil_factor_change"], u["fossil_factor_sd"], (n, 1))
    emissions = _simulate(v, years, gdp_growth, decline, share_shift, factor_change)["emissions"]
    peak_index = emissions.argmax(axis=1)
    peak_years = years[peak_index]
    # A path has peaked by 2030 when its maximum falls in or before 2030 and the path is
    # lower at the horizon than at the peak (a maximum at the last year is not a peak).
    peaked = (peak_years <= 2030) & (peak_index < len(years) - 1)
    p05, p50, p95 = np.percentile(emissions, [5, 50, 95], axis=0)
    y05, y50, y95 = np.percentile(peak_years, [5, 50, 95], method="nearest")
    return Band(
        years=years.tolist(),
        p05=p05.tolist(),
        p50=p50.tolist(),
        p95=p95.tolist(),
        probability_peak_by_2030=float(peaked.mean()),
        peak_year_p05=int(y05),
        peak_year_p50=int(y50),
        peak_year_p95=int(y95),
        draws=n,
    )


def compare_targets(
    path: Path, targets: list[dict[str, Any]], base_year_value: float
) -> list[dict[str, Any]]:
    """Each target (by indicator code) beside the path's value for its year.

    Kinds: ``non_fossil_share`` (share of energy, 0-1) and ``co2_intensity_reduction``
    (fractional fall of CO2 per GDP against ``base_year`` of the target)."""
    out = []
    by_year = dict(zip(path.years, range(len(path.years)), strict=True))
    for target in targets:
        year = int(target.get("year", 0))
        index = by_year.get(year)
        value = None
        if index is not None:
            if target.get("kind") == "non_fossil_share":
                value = path.non_fossil_share[index]
            elif target.get("kind") == "co2_intensity_reduction":
                ref = target.get("reference_intensity") or base_year_value
                value = 1 - path.intensity[index] / ref if ref else None
        met = None
        if value is not None:
            met = value >= float(target["value"]) - 1e-12
        out.append({**target, "scenario_value": value, "met": met})
    return out
