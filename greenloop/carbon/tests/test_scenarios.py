"""Scenario engine: paths, peak, Monte-Carlo band and probability, located validation."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from greenloop.carbon.engine import scenarios as engine
from greenloop.carbon.loaders import SCENARIOS


def _assumptions(code: str = "qinghai-policy") -> dict[str, Any]:
    presets = json.loads(SCENARIOS.read_text(encoding="utf-8"))
    return copy.deepcopy(next(p for p in presets if p["code"] == code)["assumptions"])


def test_central_path_starts_at_the_base_year_and_finds_the_peak() -> None:
    v = engine.validate(_assumptions())
    path = engine.central_path(v)
    base = v.base["emissions_mt"] + v.base["process_mt"]
    assert path.years[0] == 2018 and path.years[-1] == 2035
    assert path.emissions[0] == pytest.approx(base, rel=1e-12)
    assert path.peak_value == max(path.emissions)
    assert path.emissions[path.years.index(path.peak_year)] == path.peak_value


def test_stronger_policy_peaks_lower_and_not_later() -> None:
    paths = {
        c: engine.central_path(engine.validate(_assumptions(c)))
        for c in ("qinghai-baseline", "qinghai-enhanced")
    }
    assert paths["qinghai-enhanced"].peak_value <= paths["qinghai-baseline"].peak_value
    assert paths["qinghai-enhanced"].peak_year <= paths["qinghai-baseline"].peak_year


def test_monte_carlo_band_and_probability() -> None:
    v = engine.validate(_assumptions())
    band = engine.monte_carlo(v)
    assert band.draws >= 1000
    assert all(a <= b <= c for a, b, c in zip(band.p05, band.p50, band.p95, strict=True))
    assert 0.0 <= band.probability_peak_by_2030 <= 1.0
    assert band.peak_year_p05 <= band.peak_year_p50 <= band.peak_year_p95
    # no uncertainty: every draw is the central path
    for key in v.uncertainty:
        v.uncertainty[key] = 0.0
    flat = engine.monte_carlo(v)
    central = engine.central_path(v)
    assert flat.p50 == pytest.approx(central.emissions, rel=1e-12)
    assert flat.probability_peak_by_2030 in (0.0, 1.0)


def test_targets_are_compared_by_indicator_code() -> None:
    a = _assumptions()
    v = engine.validate(a)
    rows = engine.compare_targets(engine.central_path(v), a["targets"], 0.0)
    share_2025 = next(
        r for r in rows if r["indicator_code"] == "non_fossil_energy_share" and r["year"] == 2025
    )
    assert share_2025["scenario_value"] == pytest.approx(0.522)
    assert share_2025["met"] is True


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            lambda a: a["drivers"].__setitem__("intensity_decline", -0.01),
            ["drivers", "intensity_decline"],
        ),
        (
            lambda a: a["drivers"]["non_fossil_share"].__setitem__("2030", 1.2),
            ["drivers", "non_fossil_share", "2030"],
        ),
        (
            lambda a: a["targets"].append(
                {"indicator_code": "x", "source": "y", "kind": "probability", "value": -0.1}
            ),
            ["targets", 3, "value"],
        ),
        (lambda a: a["uncertainty"].__setitem__("draws", 10), ["uncertainty", "draws"]),
        (lambda a: a["base"].__setitem__("gdp", "many"), ["base", "gdp"]),
    ],
)
def test_bad_assumptions_are_located(change: Any, where: list[Any]) -> None:
    a = _assumptions()
    change(a)
    with pytest.raises(engine.ScenarioError) as caught:
        engine.validate(a)
    assert any(loc[:-1] == where for loc in caught.value.located), caught.value.located


def test_consumption_path_subtracts_exported_electricity() -> None:
    a = _assumptions()
    v = engine.validate(a)
    path = engine.central_path(v)
    base = a["base"]
    assert path.consumption[0] == pytest.approx(
        path.emissions[0] - base["net_export_twh"] * base["grid_factor"]
    )
    a["base"]["grid_factor"] = -1
    with pytest.raises(engine.ScenarioError):
        engine.validate(a)
