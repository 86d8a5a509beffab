"""Pure checks and conversions of the enterprise registries (no Django).

- Discharge permit numbers (排污许可证编号, national format): the holder's 18-character
  unified social credit code (GB 32100-2015, check character verified), a 3-digit sequence
  and a letter: ``P`` for a permit (key or simplified management), ``W`` for a registration.
- Outlet codes: ``D`` + ``A`` (waste gas) or ``W`` (waste water) + 3 digits (DA001, DW001).
- Metering points convert to tce by GB/T 2589 or by a measured net calorific value.
- Quotas are an energy per unit of product: their unit, multiplied by the product's unit,
  must be an energy (kgce/t × t → kgce); anything else is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from greenloop.carbon.engine.accounting import EngineError
from greenloop.carbon.engine.enterprise import FuelUse, enterprise_emissions
from greenloop.core import energy
from greenloop.core.units import UnitError, convert, parse_unit, registry
from greenloop.orgs.calc import uscc_checksum_ok

PERMIT = re.compile(r"^([0-9A-HJ-NPQRTUWXY]{18})(\d{3})([PW])$")
OUTLET = re.compile(r"^D([AW])(\d{3})$")


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue without translating it."""
    return message


class RegistryError(ValueError):
    """A registry value refused; ``field`` names the input, ``template`` (English, in the
    catalogue) and ``params`` make the message in any language."""

    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)


def check_permit_number(number: str, *, uscc: str = "", category: str = "") -> str:
    text = number.strip().upper()
    match = PERMIT.match(text)
    if not match:
        raise RegistryError(
            "number",
            gettext_noop("A permit number is an 18-character credit code, 3 digits and P or W."),
        )
    code, _, letter = match.groups()
    if not uscc_checksum_ok(code):
        raise RegistryError(
            "number", gettext_noop("The credit code in the permit number fails its check.")
        )
    if uscc and code != uscc:
        raise RegistryError(
            "number", gettext_noop("The permit number does not carry the holder's credit code.")
        )
    if category:
        expected = "W" if category == "registration" else "P"
        if letter != expected:
            raise RegistryError(
                "number",
                gettext_noop("This category's permit numbers end with %(letter)s."),
                letter=expected,
            )
    return text


def check_outlet_code(code: str, medium: str) -> str:
    text = code.strip().upper()
    match = OUTLET.match(text)
    if not match:
        raise RegistryError(
            "code", gettext_noop("An outlet code is DA or DW followed by 3 digits.")
        )
    if (match.group(1) == "A") != (medium == "gas"):
        raise RegistryError(
            "code", gettext_noop("DA codes are waste-gas outlets, DW codes waste-water outlets.")
        )
    return text


def tce_per_unit(energy_code: str, physical_unit: str, measured_ncv: float | None = None) -> float:
    """Tonnes of standard coal equivalent per physical unit of a metering point."""
    if measured_ncv is not None:
        if measured_ncv <= 0:
            raise RegistryError("measured_ncv", gettext_noop("A calorific value must be positive."))
        return energy.tce_from_calorific_value(1.0, measured_ncv)
    try:
        return energy.to_tce(1.0, energy_code, physical_unit)
    except KeyError:
        raise RegistryError(
            "energy", gettext_noop("No GB/T 2589 coefficient for %(energy)s."), energy=energy_code
        ) from None
    except UnitError as error:
        raise RegistryError(
            "physical_unit", gettext_noop("Unknown unit: %(error)s"), error=str(error)
        ) from None


def check_quota_unit(limit_unit: str, product_unit: str) -> None:
    """Refuse a quota whose unit is not an energy per product unit."""
    try:
        quota = 1 * parse_unit(limit_unit)
        product = 1 * parse_unit(product_unit)
    except UnitError as error:
        raise RegistryError(
            "limit_unit", gettext_noop("Unknown unit: %(error)s"), error=str(error)
        ) from None
    total = quota * product
    if total.dimensionality != registry().kgce.dimensionality:
        raise RegistryError(
            "limit_unit",
            gettext_noop("%(quota)s × %(product)s is not an energy (e.g. kgce/t × t)."),
            quota=limit_unit,
            product=product_unit,
        )


def quota_in(limit_value: float, limit_unit: str, product_unit: str) -> float:
    """The quota in tce per product unit."""
    check_quota_unit(limit_unit, product_unit)
    quantity = limit_value * parse_unit(limit_unit) * parse_unit(product_unit)
    return float(quantity.to("tce").magnitude)


def projected_year_tce(
    year_to_date_tce: float, metered_days: int, days_elapsed: int, days_in_year: int
) -> float:
    """The year's consumption projected from the year to date: what was metered, plus the
    mean metered day for every day still to come."""
    if metered_days <= 0:
        return year_to_date_tce
    remaining = max(days_in_year - days_elapsed, 0)
    return year_to_date_tce + year_to_date_tce / metered_days * remaining


# -- scope 1 and 2 CO2 from metered quantities -----------------------------------------------
# Metering-point energy kind (GB/T 2589 code, greenloop/data/energy/gbt2589_coefficients.csv)
# → fuel of the enterprise GHG accounting guidelines' default table
# (greenloop/data/carbon/enterprise_defaults.csv, NDRC 2013-2015 guidelines, Annex 2). Same
# fuel under both names, except two documented choices:
# - raw_coal (原煤) → bituminous_coal (烟煤): the guidelines' table has no "raw coal" row; the
#   raw coal burnt in Qinghai's industry is mostly bituminous. An enterprise burning anthracite
#   or lignite registers its point as such once those kinds are in the metering registry.
# - natural_gas_oilfield (油田天然气) → natural_gas: the guidelines give one natural-gas row.
# Kinds not listed (cleaned coal, middlings, blast-furnace gas, …) have no guideline default
# here: they are reported as unmapped, never dropped silently.
ENERGY_TO_FUEL = {
    "raw_coal": "bituminous_coal",
    "coke": "coke",
    "crude_oil": "crude_oil",
    "fuel_oil": "fuel_oil",
    "gasoline": "gasoline",
    "kerosene": "kerosene",
    "diesel": "diesel_oil",
    "lpg": "lpg",
    "refinery_gas": "refinery_gas",
    "natural_gas": "natural_gas",
    "natural_gas_oilfield": "natural_gas",
    "coke_oven_gas": "coke_oven_gas",
}
# Scope 2: purchased electricity (grid factor, t CO2/MWh) and heat (guideline 0.11 t CO2/GJ).
ELECTRICITY = "electricity"
HEAT = "heat"
# Metered but never emitting CO2 when used: listed as skipped.
NO_EMISSION = frozenset({"water", "fresh_water", "recycled_water", "compressed_air"})


@dataclass
class ScopeEmissions:
    scope1_t: float = 0.0
    scope2_t: float = 0.0
    electricity_t: float = 0.0
    heat_t: float = 0.0
    by_fuel: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # no emission (water…)
    unmapped: list[str] = field(default_factory=list)  # no guideline fuel: not counted
    problems: list[str] = field(default_factory=list)  # a unit that does not convert

    @property
    def total_t(self) -> float:
        return self.scope1_t + self.scope2_t


def scope_emissions(
    quantities: Iterable[tuple[str, str, float]], *, grid_factor: float
) -> ScopeEmissions:
    """Scope 1 and 2 t CO2 from ``(energy kind, physical unit, quantity)`` by the guideline
    formulas (carbon.engine.enterprise): Σ FC × NCV × CC × OF × 44/12 for the fuels,
    electricity (MWh) × grid factor and heat (GJ) × 0.11 for what is purchased."""
    result = ScopeEmissions()
    fuels: list[FuelUse] = []
    electricity_mwh = heat_gj = 0.0
    for energy_kind, unit, quantity in quantities:
        try:
            if energy_kind == ELECTRICITY:
                electricity_mwh += convert(quantity, unit, "MWh")
            elif energy_kind == HEAT:
                heat_gj += convert(quantity, unit, "GJ")
            elif energy_kind in NO_EMISSION:
                result.skipped.append(energy_kind)
            elif energy_kind in ENERGY_TO_FUEL:
                use = FuelUse(ENERGY_TO_FUEL[energy_kind], quantity, unit=unit.replace("m³", "m3"))
                try:  # one fuel at a time: a wrong unit is reported, the others still count
                    enterprise_emissions([use], grid_factor=0.0)
                except EngineError as error:
                    result.problems.extend(f"{energy_kind}: {p}" for p in error.problems)
                else:
                    fuels.append(use)
            else:
                result.unmapped.append(energy_kind)
        except UnitError as error:
            result.problems.append(f"{energy_kind}: {error}")
    try:
        computed = enterprise_emissions(
            fuels, electricity_mwh=electricity_mwh, heat_gj=heat_gj, grid_factor=grid_factor
        )
    except EngineError as error:
        result.problems.extend(error.problems)
        return result
    result.scope1_t = computed.scope1_t
    result.scope2_t = computed.scope2_t
    result.electricity_t = computed.electricity_t
    result.heat_t = computed.heat_t
    result.by_fuel = dict(computed.by_fuel)
    result.skipped = sorted(set(result.skipped))
    result.unmapped = sorted(set(result.unmapped))
    return result
