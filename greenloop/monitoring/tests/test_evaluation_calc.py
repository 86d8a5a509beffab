"""Target evaluation (pure): statuses, rates, gaps and the projection band."""

from __future__ import annotations

import pytest

from greenloop.monitoring import calc

# CO2 per unit of GDP: -18 % from 2020 to 2025 (the national 14th Five-Year binding target).
CO2 = calc.TargetSpec(kind=calc.CHANGE, value=-18.0, target_year=2025, base_year=2020)


def test_ahead_of_the_co2_intensity_path_is_on_track() -> None:
    series = {2020: 1.00, 2021: 0.95, 2022: 0.91, 2023: 0.86}
    result = calc.evaluate(CO2, series, 2023)
    assert result.status == calc.ON_TRACK
    assert result.target_level == pytest.approx(0.82)
    assert result.sense == calc.AT_MOST
    assert result.gap == pytest.approx(0.04)
    # Needed: 0.86 → 0.82 in two years; achieved: 1.00 → 0.86 in three.
    assert result.required_rate == pytest.approx(((0.82 / 0.86) ** 0.5 - 1) * 100)
    assert result.actual_rate == pytest.approx(((0.86 / 1.00) ** (1 / 3) - 1) * 100)
    assert result.projected is not None and result.projected <= 0.82
    assert result.projected_low is not None and result.projected_high is not None
    assert result.projected_low <= result.projected <= result.projected_high


def test_behind_the_co2_intensity_path_is_off_track() -> None:
    series = {2020: 1.00, 2021: 0.995, 2022: 0.99, 2023: 0.985}
    result = calc.evaluate(CO2, series, 2023)
    assert result.status == calc.OFF_TRACK
    assert result.reason == "short"
    assert result.projected is not None and result.projected > 0.82
    assert result.required_rate is not None and result.actual_rate is not None
    assert result.required_rate < result.actual_rate  # a faster fall is needed than achieved


def test_met_co2_intensity_target_is_achieved() -> None:
    series = {2020: 1.00, 2021: 0.90, 2022: 0.80}
    result = calc.evaluate(CO2, series, 2022)
    assert result.status == calc.ACHIEVED
    assert result.gap is not None and result.gap < 0


def test_noisy_path_near_the_target_is_a_warning() -> None:
    # The trend alone ends just short of the target, but the band reaches it.
    series = {2020: 1.00, 2021: 0.93, 2022: 0.97, 2023: 0.90, 2024: 0.86}
    result = calc.evaluate(CO2, series, 2024)
    assert result.projected is not None and result.projected > 0.82
    assert result.status == calc.WARNING


def test_missed_after_the_target_year() -> None:
    spec = calc.TargetSpec(kind=calc.AT_LEAST, value=8.0, target_year=2025)
    result = calc.evaluate(spec, {2023: 7.0, 2024: 7.2, 2025: 7.5}, 2026)
    assert result.status == calc.OFF_TRACK
    assert result.reason == "missed"
    assert result.actual_year == 2025


def test_values_after_the_evaluation_year_are_ignored() -> None:
    spec = calc.TargetSpec(kind=calc.AT_LEAST, value=8.0, target_year=2030)
    result = calc.evaluate(spec, {2020: 7.0, 2021: 7.1, 2022: 9.0}, 2021)
    assert result.actual == 7.1
    assert result.status != calc.ACHIEVED


def test_no_base_value_means_no_data() -> None:
    result = calc.evaluate(CO2, {2022: 0.9}, 2023)
    assert result.status == calc.NO_DATA


def test_cumulative_target() -> None:
    spec = calc.TargetSpec(kind=calc.CUMULATIVE, value=100.0, target_year=2025, base_year=2020)
    on_pace = calc.evaluate(spec, {2021: 20, 2022: 21, 2023: 22}, 2023)
    assert on_pace.actual == 63
    assert on_pace.status == calc.ON_TRACK
    assert on_pace.required_rate == pytest.approx(37 / 2)
    slow = calc.evaluate(spec, {2021: 5, 2022: 5, 2023: 5}, 2023)
    assert slow.status == calc.OFF_TRACK


def test_early_warning_order() -> None:
    spec = calc.TargetSpec(kind=calc.AT_LEAST, value=10.0, target_year=2025)
    met = calc.evaluate(spec, {2022: 10.0, 2023: 11.0}, 2023)
    small_gap = calc.evaluate(spec, {2021: 9.0, 2022: 9.0, 2023: 9.0}, 2023)
    big_gap = calc.evaluate(spec, {2021: 2.0, 2022: 2.0, 2023: 2.0}, 2023)
    ranked = calc.rank_warnings([("met", met), ("small", small_gap), ("big", big_gap)])
    assert [name for name, _ in ranked] == ["big", "small", "met"]


def test_theil_sen_ignores_one_outlier() -> None:
    trend = calc.theil_sen([1, 2, 3, 4, 5, 6], [1, 2, 3, 40, 5, 6])
    assert trend is not None
    assert trend.slope == pytest.approx(1.0)
