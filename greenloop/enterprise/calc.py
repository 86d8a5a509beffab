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

from greenloop.core import energy
from greenloop.core.units import UnitError, parse_unit, registry
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
