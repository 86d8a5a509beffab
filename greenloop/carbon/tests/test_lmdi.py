"""LMDI effects add up exactly (additive) and multiply exactly (multiplicative), zeros
included: cells that appear or vanish take the log-mean's limit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from greenloop.carbon.engine.accounting import EngineError
from greenloop.carbon.engine.lmdi import Year, decompose, log_mean

SHAPE = (4, 3)
cell = st.one_of(st.just(0.0), st.floats(1e-6, 1e3))
positive = st.floats(1e-3, 1e6)


@st.composite
def years(draw: st.DrawFn) -> Year:
    energy = draw(arrays(float, SHAPE, elements=cell))
    factor = draw(arrays(float, SHAPE, elements=st.one_of(st.just(0.0), st.floats(1e-3, 5.0))))
    emissions = energy * factor
    process = draw(arrays(float, (SHAPE[0],), elements=cell))
    return Year(draw(positive), draw(positive), energy, emissions, process)


@settings(max_examples=300, deadline=None)
@given(years(), years())
def test_additive_effects_sum_to_the_change(start: Year, end: Year) -> None:
    result = decompose(start, end)
    scale = max(result.start, result.end, 1e-12)
    assert abs(sum(result.additive.values()) - result.change) <= 1e-9 * scale
    by_sector = result.additive_by_sector.sum() + result.process.sum()
    assert abs(by_sector - result.change) <= 1e-9 * scale


@settings(max_examples=300, deadline=None)
@given(years(), years())
def test_multiplicative_effects_multiply_to_the_ratio(start: Year, end: Year) -> None:
    result = decompose(start, end)
    if result.start <= 0 or result.end <= 0:
        assert result.multiplicative == {}
        return
    product = float(np.prod(list(result.multiplicative.values())))
    assert product == pytest.approx(result.end / result.start, rel=1e-9)


def test_a_fuel_that_appears_goes_to_the_mix_effect() -> None:
    energy0 = np.array([[10.0, 0.0]])
    energyT = np.array([[10.0, 5.0]])
    factors = np.array([2.0, 3.0])
    start = Year(1.0, 1.0, energy0, energy0 * factors, np.zeros(1))
    end = Year(1.0, 1.0, energyT, energyT * factors, np.zeros(1))
    result = decompose(start, end)
    # energy intensity rose (15 vs 10 tce per GDP) and the new gas took part of the mix
    assert result.additive["population"] == 0 and result.additive["emission_factor"] == 0
    assert sum(result.additive.values()) == pytest.approx(15.0, rel=1e-12)
    assert result.additive["intensity"] > 0


def test_log_mean_limits() -> None:
    assert log_mean(2.0, 2.0) == pytest.approx(2.0)
    assert log_mean(0.0, 3.0) == 0.0
    assert log_mean(np.e, 1.0) == pytest.approx(np.e - 1.0)


def test_emissions_without_energy_are_refused() -> None:
    bad = Year(1.0, 1.0, np.zeros((1, 1)), np.ones((1, 1)), np.zeros(1))
    good = Year(1.0, 1.0, np.ones((1, 1)), np.ones((1, 1)), np.zeros(1))
    with pytest.raises(EngineError, match="from: emissions without energy"):
        decompose(bad, good)
    with pytest.raises(EngineError, match=r"to\.population"):
        decompose(good, Year(0.0, 1.0, np.ones((1, 1)), np.ones((1, 1)), np.zeros(1)))
