"""Enterprise scope 1 and scope 2 emissions by the generic method of China's enterprise GHG
accounting guidelines (NDRC 2013-2015, e.g. 工业其他行业企业温室气体排放核算方法与报告指南):

    combustion  E = Σ FC_i × NCV_i × CC_i × OF_i × 44/12
    purchased   E = AD_electricity × EF_grid + AD_heat × EF_heat (net of what is sold on)

Defaults per fuel ship in ``greenloop/data/carbon/enterprise_defaults.csv``; measured values
given by the enterprise replace them. Other apps call :func:`enterprise_emissions`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from greenloop.carbon.engine.accounting import EngineError
from greenloop.carbon.engine.reference import CO2_PER_C, DATA
from greenloop.core.units import UnitError, convert

HEAT_FACTOR_T_PER_GJ = 0.11  # the guidelines' default for purchased heat


@dataclass(frozen=True)
class GuidelineFuel:
    fuel: str
    name_zh: str
    unit: str
    ncv: float  # GJ per unit
    carbon_content: float  # t C per GJ
    oxidation: float
    source: str


@lru_cache(maxsize=1)
def guideline_defaults() -> dict[str, GuidelineFuel]:
    with (DATA / "enterprise_defaults.csv").open(encoding="utf-8", newline="") as handle:
        return {
            r["fuel"]: GuidelineFuel(
                r["fuel"],
                r["name_zh"],
                r["unit"],
                float(r["ncv_gj_per_unit"]),
                float(r["carbon_content_tc_per_gj"]),
                float(r["oxidation"]),
                r["source"],
            )
            for r in csv.DictReader(handle)
        }


@dataclass(frozen=True)
class FuelUse:
    fuel: str
    quantity: float
    unit: str = ""  # default: the guideline unit (t or 10^4 m3)
    ncv: float | None = None  # measured GJ per guideline unit
    carbon_content: float | None = None  # measured t C per GJ
    oxidation: float | None = None


@dataclass
class EnterpriseResult:
    scope1_t: float
    scope2_t: float
    electricity_t: float
    heat_t: float
    by_fuel: dict[str, float] = field(default_factory=dict)

    @property
    def total_t(self) -> float:
        return self.scope1_t + self.scope2_t


def _unit_expression(unit: str) -> str:
    return unit.replace("10^4 m3", "10000 * meter ** 3").replace("m3", "meter ** 3")


def enterprise_emissions(
    fuels: Iterable[FuelUse],
    *,
    electricity_mwh: float = 0.0,
    electricity_sold_mwh: float = 0.0,
    heat_gj: float = 0.0,
    heat_sold_gj: float = 0.0,
    grid_factor: float,
    heat_factor: float = HEAT_FACTOR_T_PER_GJ,
) -> EnterpriseResult:
    """Scope 1 (fuel combustion) and scope 2 (net purchased electricity and heat), t CO2.

    Raises :class:`EngineError` with located problems (``fuels[2].unit: …``) and computes
    nothing when any input is wrong: unknown fuel without measured values, a unit of the
    wrong kind, negative quantities, an oxidation rate outside [0, 1]."""
    problems: list[str] = []
    by_fuel: dict[str, float] = {}
    defaults = guideline_defaults()
    for index, use in enumerate(fuels):
        where = f"fuels[{index}]"
        known = defaults.get(use.fuel)
        if known is None and None in (use.ncv, use.carbon_content, use.oxidation):
            problems.append(f"{where}.fuel: unknown fuel “{use.fuel}” (give ncv, cc, oxidation)")
            continue
        base_unit = known.unit if known else "t"
        try:
            quantity = (
                convert(use.quantity, _unit_expression(use.unit), _unit_expression(base_unit))
                if use.unit and use.unit != base_unit
                else float(use.quantity)
            )
        except UnitError as error:
            problems.append(f"{where}.unit: {error}")
            continue
        if quantity < 0:
            problems.append(f"{where}.quantity: negative")
            continue
        ncv = use.ncv if use.ncv is not None else known.ncv  # type: ignore[union-attr]
        cc = use.carbon_content if use.carbon_content is not None else known.carbon_content  # type: ignore[union-attr]
        oxidation = use.oxidation if use.oxidation is not None else known.oxidation  # type: ignore[union-attr]
        if not 0 <= oxidation <= 1:
            problems.append(f"{where}.oxidation: outside [0, 1]")
            continue
        if ncv < 0 or cc < 0:
            problems.append(f"{where}: negative calorific value or carbon content")
            continue
        by_fuel[use.fuel] = by_fuel.get(use.fuel, 0.0) + quantity * ncv * cc * oxidation * CO2_PER_C
    for name, value in (
        ("electricity_mwh", electricity_mwh),
        ("electricity_sold_mwh", electricity_sold_mwh),
        ("heat_gj", heat_gj),
        ("heat_sold_gj", heat_sold_gj),
        ("grid_factor", grid_factor),
        ("heat_factor", heat_factor),
    ):
        if value < 0:
            problems.append(f"{name}: negative")
    if problems:
        raise EngineError(problems)
    electricity = (electricity_mwh - electricity_sold_mwh) * grid_factor
    heat = (heat_gj - heat_sold_gj) * heat_factor
    return EnterpriseResult(
        scope1_t=sum(by_fuel.values()),
        scope2_t=electricity + heat,
        electricity_t=electricity,
        heat_t=heat,
        by_fuel=by_fuel,
    )
