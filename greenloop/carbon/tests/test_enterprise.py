"""Enterprise scope 1 and 2 by the generic method of China's enterprise GHG accounting
guidelines: E = Σ FC × NCV × CC × OF × 44/12 + purchased electricity × grid factor + heat × 0.11."""

from __future__ import annotations

import pytest

from greenloop.carbon.engine import FuelUse, enterprise_emissions
from greenloop.carbon.engine.accounting import EngineError


def test_fuel_electricity_and_heat_worked_example() -> None:
    # 1 000 t diesel, 2 (10^4 m3) natural gas, 5 000 MWh from the northwest grid, 1 000 GJ heat
    result = enterprise_emissions(
        [FuelUse("diesel_oil", 1000), FuelUse("natural_gas", 20000, "m3")],
        electricity_mwh=5000,
        heat_gj=1000,
        grid_factor=0.6671,
    )
    diesel = 1000 * 42.652 * 0.0202 * 0.98 * 44 / 12  # = 3 096.0 t CO2
    gas = 2 * 389.31 * 0.01532 * 0.99 * 44 / 12  # = 43.30 t CO2
    assert result.by_fuel["diesel_oil"] == pytest.approx(diesel)
    assert result.by_fuel["diesel_oil"] == pytest.approx(3096.0, abs=0.5)
    assert result.by_fuel["natural_gas"] == pytest.approx(gas)
    assert result.electricity_t == pytest.approx(3335.5)
    assert result.heat_t == pytest.approx(110.0)
    assert result.total_t == pytest.approx(diesel + gas + 3335.5 + 110.0)


def test_measured_values_replace_defaults_and_sold_power_is_netted() -> None:
    result = enterprise_emissions(
        [FuelUse("site_coal", 100, "t", ncv=20.0, carbon_content=0.026, oxidation=0.95)],
        electricity_mwh=100,
        electricity_sold_mwh=40,
        grid_factor=0.5703,
    )
    assert result.scope1_t == pytest.approx(100 * 20.0 * 0.026 * 0.95 * 44 / 12)
    assert result.electricity_t == pytest.approx(60 * 0.5703)


def test_bad_input_is_located_and_nothing_computed() -> None:
    with pytest.raises(EngineError) as caught:
        enterprise_emissions(
            [FuelUse("diesel_oil", 10, "kWh"), FuelUse("mystery", 1), FuelUse("gasoline", -1)],
            grid_factor=0.5,
            heat_gj=-3,
        )
    text = "; ".join(caught.value.problems)
    assert "fuels[0].unit" in text and "fuels[1].fuel" in text and "fuels[2].quantity" in text
    assert "heat_gj: negative" in text
