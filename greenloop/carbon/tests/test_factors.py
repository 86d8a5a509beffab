"""Emission factors: the CEADs set reproduces Shan et al. (2018)'s per-fuel values, a factor
set missing a fuel computes nothing, and the engine's arithmetic (energy × NCV × CC × O × 44/12)."""

from __future__ import annotations

import numpy as np
import pytest

from greenloop.carbon.engine import accounting, reference

# Shan et al. (2018) Sci Data 5:170201, table of emission factors: NCV (PJ per 10^4 t or
# 10^8 m3), carbon content (t C/TJ), oxygenation efficiency.
PAPER = {
    "raw_coal": (0.21, 26.32, 0.94),
    "cleaned_coal": (0.26, 26.32, 0.94),
    "coke": (0.28, 31.38, 0.93),
    "crude_oil": (0.43, 20.08, 0.98),
    "gasoline": (0.44, 18.90, 0.98),
    "diesel_oil": (0.43, 20.20, 0.98),
    "fuel_oil": (0.43, 21.10, 0.98),
    "natural_gas": (3.89, 15.32, 0.99),
}


def test_ceads_set_matches_the_paper() -> None:
    rows = {r.fuel: r for r in reference.shipped_factor_set("ceads-shan2018")}
    assert set(rows) == set(reference.fuel_codes())
    for fuel, (ncv, cc, oxidation) in PAPER.items():
        assert (rows[fuel].ncv, rows[fuel].carbon_content, rows[fuel].oxidation) == (
            ncv,
            cc,
            oxidation,
        )


def test_raw_coal_factor_is_about_1_9_t_co2_per_tonne() -> None:
    factors = dict(
        zip(
            reference.fuel_codes(),
            reference.factor_vector(reference.shipped_factor_set("ceads-shan2018")),
            strict=True,
        )
    )
    # Mt CO2 per 10^4 t → t CO2 per t: × 100
    assert factors["raw_coal"] * 100 == pytest.approx(
        21.0 * 26.32e-3 * 0.94 * 44 / 12, rel=1e-12
    )  # 21 GJ/t
    assert factors["raw_coal"] * 100 == pytest.approx(1.905, abs=0.001)
    assert factors["natural_gas"] * 1e9 / 1e8 == pytest.approx(2.163, abs=0.001)  # kg CO2 per m3


def test_a_factor_set_missing_a_fuel_is_refused() -> None:
    rows = [r for r in reference.shipped_factor_set("ipcc2006") if r.fuel != "coke"]
    with pytest.raises(KeyError, match="coke"):
        reference.factor_vector(rows)


def test_engine_is_vectorised_and_checks_input() -> None:
    factors = reference.factor_vector(reference.shipped_factor_set("ceads-shan2018"))
    energy = np.zeros((2, 3, len(factors)))
    energy[1, 2, 0] = 100.0  # 100 × 10^4 t raw coal
    out = accounting.emissions(energy, factors)
    assert out[1, 2, 0] == pytest.approx(100 * factors[0]) and out.sum() == out[1, 2, 0]
    energy[0, 0, 1] = -1
    with pytest.raises(accounting.EngineError, match="negative"):
        accounting.emissions(energy, factors)


def test_standard_coal_by_gbt2589() -> None:
    ncv = reference.ncv_vector(reference.shipped_factor_set("ceads-shan2018"))
    per_unit = accounting.gbt2589_tce_per_unit([f.gbt2589 for f in reference.fuels()], ncv)
    # 10^4 t raw coal = 7 143 tce (0.7143 kgce/kg); briquettes have no GB/T 2589 row: NCV-based
    assert per_unit[0] == pytest.approx(7143.0)
    assert per_unit[3] == pytest.approx(0.18 * accounting.TCE_PER_PJ)


def test_consumption_based_view_of_an_exporter() -> None:
    view = accounting.consumption_based(
        production_mt=50.0,
        power_sector_mt=10.0,
        generation_twh=80.0,
        consumption_twh=60.0,
        import_grid_factor=0.6671,
    )
    assert view.exporter_factor == pytest.approx(0.125)
    assert view.consumption == pytest.approx(50.0 - 20.0 * 0.125)
    importer = accounting.consumption_based(
        production_mt=50.0,
        power_sector_mt=10.0,
        generation_twh=60.0,
        consumption_twh=80.0,
        import_grid_factor=0.6671,
    )
    assert importer.consumption == pytest.approx(50.0 + 20.0 * 0.6671)
