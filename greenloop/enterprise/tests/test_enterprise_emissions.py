"""Scope 1 and 2 CO2 of an enterprise from its metered fuels and electricity: quantities
stored by the analytics, the guideline formula by hand, the page and the API with the
app's permissions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from greenloop.enterprise import calc, services
from greenloop.enterprise.analysis import run_analytics
from greenloop.enterprise.engine.store import Row, Store, to_ts
from greenloop.enterprise.models import EnergyQuantity, KeyEnergyUnit
from greenloop.enterprise.tests.factories import energy_unit

CO2_PER_C = 44 / 12


def meter(device: str, start: dt.datetime, hours: int, per_hour: float) -> list[Row]:
    return [
        Row(
            "energy",
            device,
            "2061",
            to_ts(start + dt.timedelta(hours=h)),
            "e01",
            None,
            None,
            None,
            per_hour,
            "N",
            0,
        )
        for h in range(hours)
    ]


def add_point(admin: Any, unit: KeyEnergyUnit, mn: str, energy: str, physical_unit: str) -> None:
    point = services.add_metering_point(
        actor=admin,
        unit=unit,
        code=f"{unit.organization.code}-{energy}",
        name=energy,
        energy=energy,
        physical_unit=physical_unit,
    )
    services.register_device(
        actor=admin, mn=mn, password="123456", point=point, interval_minutes=60
    )


def test_metered_quantities_give_scope_1_and_2_by_the_guideline(
    actors: Any, client_for: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GREENLOOP_READINGS_DIR", str(tmp_path))
    unit, _device = energy_unit(actors.admin, actors.enterprise, "MNCO2ELEC")  # electricity, kWh
    add_point(actors.admin, unit, "MNCO2GAS", "natural_gas", "m3")
    add_point(actors.admin, unit, "MNCO2BFG", "blast_furnace_gas", "m3")
    t0 = dt.datetime(2026, 1, 31, 22)  # four hours over two months
    rows = meter("MNCO2ELEC", t0, 4, 500.0)  # 2 000 kWh
    rows += meter("MNCO2GAS", t0, 4, 250.0)  # 1 000 m3
    rows += meter("MNCO2BFG", t0, 4, 10.0)
    Store(tmp_path).ingest(rows)
    run_analytics(days=2, engine="duckdb")

    stored = {
        (q.year, q.month, q.energy, q.physical_unit): q.quantity
        for q in EnergyQuantity.objects.filter(unit=unit)
    }
    assert stored[(2026, 1, "electricity", "kWh")] == pytest.approx(1000.0)
    assert stored[(2026, 2, "electricity", "kWh")] == pytest.approx(1000.0)
    assert stored[(2026, 0, "electricity", "kWh")] == pytest.approx(2000.0)
    assert stored[(2026, 0, "natural_gas", "m3")] == pytest.approx(1000.0)

    # By hand: 1 000 m3 = 0.1 × 10^4 m3 of natural gas, guideline NCV 389.31 GJ/10^4 m3,
    # carbon content 0.01532 t C/GJ, oxidation 0.99; 2 MWh at the northwest grid's
    # 0.6671 t CO2/MWh (Xining is in Qinghai, northwest grid; newest factor up to 2026).
    gas = 0.1 * 389.31 * 0.01532 * 0.99 * CO2_PER_C
    electricity = 2.0 * 0.6671
    response = client_for(actors.enterprise_user).get(
        f"/api/monitoring/enterprises/{actors.enterprise.code}/emissions?year=2026"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["scope1_t"] == pytest.approx(gas) and gas == pytest.approx(2.165015, rel=1e-6)
    assert body["scope2_t"] == pytest.approx(electricity)
    assert body["total_t"] == pytest.approx(gas + electricity)
    assert body["by_fuel"] == {"natural_gas": pytest.approx(gas)}
    assert body["unmapped"] == ["blast_furnace_gas"]  # reported, not silently dropped
    assert body["grid_factor_code"] == "northwest-2012"
    assert body["demonstration"] is False

    page = client_for(actors.enterprise_user).get(f"/enterprises/{actors.enterprise.code}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert f"{gas + electricity:.2f}" in text and "blast_furnace_gas" in text

    KeyEnergyUnit.objects.filter(pk=unit.pk).update(demonstration=True)
    again = client_for(actors.enterprise_user).get(
        f"/api/monitoring/enterprises/{actors.enterprise.code}/emissions"
    )
    assert again.json()["demonstration"] is True and again.json()["year"] == 2026


def test_emissions_follow_the_enterprise_permissions(actors: Any, client_for: Any) -> None:
    energy_unit(actors.admin, actors.enterprise, "MNCO2PERM")
    url = f"/api/monitoring/enterprises/{actors.enterprise.code}/emissions?year=2026"
    assert client_for(actors.enterprise_user).get(url).status_code == 200
    assert client_for(actors.xining_reporter).get(url).status_code == 200  # its prefecture
    assert client_for(actors.coordinator).get(url).status_code == 200
    assert client_for(actors.haixi_reporter).get(url).status_code == 404  # another prefecture
    assert client_for(None).get(url).status_code in (401, 403)
    haixi = f"/api/monitoring/enterprises/{actors.haixi_enterprise.code}/emissions"
    assert client_for(actors.enterprise_user).get(haixi).status_code == 404  # no unit, not its own


def test_water_is_skipped_and_unknown_units_are_reported() -> None:
    result = calc.scope_emissions(
        [("raw_coal", "t", 10.0), ("water", "t", 500.0), ("natural_gas", "kWh", 1.0)],
        grid_factor=0.5,
    )
    # 10 t raw coal as bituminous coal: 10 × 19.570 × 0.02618 × 0.93 × 44/12.
    assert result.scope1_t == pytest.approx(10 * 19.570 * 0.02618 * 0.93 * CO2_PER_C)
    assert result.skipped == ["water"]
    assert result.unmapped == []
    assert len(result.problems) == 1 and "natural_gas" in result.problems[0]
