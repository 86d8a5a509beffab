"""The green development index: hand-computed cases and properties of the national method."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenloop.monitoring import calc

WEIGHTS = {"a": 60.0, "b": 40.0}
INDICATORS = [
    calc.IndexIndicator("x", "a", 2.0, "higher"),
    calc.IndexIndicator("y", "a", 1.0, "lower"),
    calc.IndexIndicator("z", "b", 1.0, "higher"),
]


def test_hand_computed_case() -> None:
    data = {
        "x": {"r1": 10.0, "r2": 20.0, "r3": 30.0},
        "y": {"r1": 1.0, "r2": 3.0, "r3": 5.0},
        "z": {"r1": 7.0, "r2": 7.0, "r3": 9.0},
    }
    result = calc.green_development_index(INDICATORS, data, ["r1", "r2", "r3"], WEIGHTS)
    by = {item.region: item for item in result.regions}
    # Effective weights: x 40, y 20 (category a = 60), z 40 (category b = 40).
    assert result.weights == pytest.approx({"x": 40.0, "y": 20.0, "z": 40.0})
    # r1: x 60, y 100, z 60 → (40·60 + 20·100 + 40·60) / 100 = 68
    assert by["r1"].scores == pytest.approx({"x": 60.0, "y": 100.0, "z": 60.0})
    assert by["r1"].total == pytest.approx(68.0)
    # r2: x 80, y 80, z 60 → 72; r3: x 100, y 60, z 100 → 92
    assert by["r2"].total == pytest.approx(72.0)
    assert by["r3"].total == pytest.approx(92.0)
    assert by["r3"].sub_indices["a"] == pytest.approx((40 * 100 + 20 * 60) / 60)
    assert [item.region for item in result.regions] == ["r3", "r2", "r1"]
    assert [item.rank for item in result.regions] == [1, 2, 3]
    assert sum(by["r1"].contributions.values()) == pytest.approx(by["r1"].total)


def test_indicator_without_any_data_scores_sixty_with_weight_kept() -> None:
    data = {"x": {"r1": 1.0, "r2": 2.0}, "z": {"r1": 1.0, "r2": 2.0}}
    result = calc.green_development_index(INDICATORS, data, ["r1", "r2"], WEIGHTS)
    assert result.no_data == ["y"]
    best = result.regions[0]
    assert best.region == "r2"
    assert best.scores["y"] == 60.0
    assert best.total == pytest.approx((40 * 100 + 20 * 60 + 40 * 100) / 100)


def test_regional_indicator_is_dropped_and_its_weight_spread() -> None:
    data = {"x": {"r1": 1.0, "r2": 2.0}, "y": {"r2": 1.0, "r3": 2.0}, "z": {"r1": 1.0, "r2": 2.0}}
    result = calc.green_development_index(INDICATORS, data, ["r1", "r2"], WEIGHTS)
    r1 = next(item for item in result.regions if item.region == "r1")
    assert r1.dropped == ["y"]
    # Only x (40) and z (40) count for r1: both at 60.
    assert r1.total == pytest.approx(60.0)
    assert sum(r1.contributions.values()) == pytest.approx(r1.total)


def test_published_category_weights_sum_to_one_hundred() -> None:
    published = {
        "resource_utilization": 29.3,
        "environmental_governance": 16.5,
        "environmental_quality": 19.3,
        "ecological_protection": 16.5,
        "growth_quality": 9.2,
        "green_living": 9.2,
    }
    assert sum(published.values()) == pytest.approx(100.0)
    items = [
        calc.IndexIndicator(f"i{n}", c, 1.0 + n % 3, "higher") for n, c in enumerate(published)
    ]
    weights = calc.normalised_weights(items * 1, published)
    assert sum(weights.values()) == pytest.approx(100.0)


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
regions = ["r1", "r2", "r3", "r4"]
tables = st.fixed_dictionaries(
    {code: st.fixed_dictionaries({region: values for region in regions}) for code in "xyz"}
)


@settings(max_examples=60, deadline=None)
@given(tables)
def test_scores_stay_between_60_and_100(data: dict[str, dict[str, float]]) -> None:
    result = calc.green_development_index(INDICATORS, data, regions, WEIGHTS)
    for item in result.regions:
        assert 60.0 - 1e-9 <= item.total <= 100.0 + 1e-9
        for score in [*item.scores.values(), *item.sub_indices.values()]:
            assert 60.0 - 1e-9 <= score <= 100.0 + 1e-9


@settings(max_examples=60, deadline=None)
@given(tables, st.sampled_from(regions), st.sampled_from("xyz"), st.floats(0.001, 1e5))
def test_improving_an_indicator_never_lowers_the_score(
    data: dict[str, dict[str, float]], region: str, code: str, step: float
) -> None:
    before = calc.green_development_index(INDICATORS, data, regions, WEIGHTS)
    direction = next(item.direction for item in INDICATORS if item.code == code)
    better = {name: dict(row) for name, row in data.items()}
    better[code][region] += step if direction == "higher" else -step
    after = calc.green_development_index(INDICATORS, better, regions, WEIGHTS)
    total = {item.region: item.total for item in before.regions}
    improved = {item.region: item.total for item in after.regions}
    assert improved[region] >= total[region] - 1e-9


def test_efficacy_when_all_equal() -> None:
    assert calc.efficacy_scores({"a": 3.0, "b": 3.0}, "higher") == {"a": 100.0, "b": 100.0}
