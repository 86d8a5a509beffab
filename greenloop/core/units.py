"""One pint unit registry for the whole platform, with the units Chinese statistics use.

Quantities cross domains (monitoring observations, carbon inventories, enterprise meters,
market instruments), so they share one registry: two registries cannot compare quantities.

    >>> convert(1.5, "10^4 tce", "tce")
    15000.0
    >>> convert(12, "亿千瓦时", "GWh")
    1200.0

``parse_unit`` accepts pint expressions and the Chinese labels of statistical yearbooks
(万吨标准煤, 亿元, 万千瓦, …). Pure module: no Django.
"""

from __future__ import annotations

from functools import lru_cache

import pint

# Definitions added to pint's defaults. Standard coal equivalent: 1 kgce = 29 307.6 kJ
# (7 000 kcal), GB/T 2589-2020 §3.8. Currency is its own dimension: yuan never converts
# to anything but multiples of yuan.
_DEFINITIONS = """
kilogram_coal_equivalent = 29307.6 * kilojoule = kgce
tonne_coal_equivalent = 1000 * kilogram_coal_equivalent = tce
yuan = [currency] = CNY
wan_yuan = 10000 * yuan
yi_yuan = 100000000 * yuan
mu = 10000 / 15 * meter ** 2
tonne_co2 = tonne = tCO2
tonne_co2e = tonne = tCO2e
"""

UNIT_ALIASES: dict[str, str] = {
    # Chinese yearbook labels → pint expressions
    "%": "percent",
    "百分比": "percent",
    "元": "yuan",
    "万元": "wan_yuan",
    "亿元": "yi_yuan",
    "吨": "tonne",
    "万吨": "10000 * tonne",
    "千克": "kilogram",
    "公斤": "kilogram",
    "吨标准煤": "tce",
    "万吨标准煤": "10000 * tce",
    "千克标准煤": "kgce",
    "千克标准煤/万元": "kgce / wan_yuan",
    "吨标准煤/万元": "tce / wan_yuan",
    "吨二氧化碳": "tCO2",
    "万吨二氧化碳": "10000 * tCO2",
    "吨二氧化碳/万元": "tCO2 / wan_yuan",
    "立方米": "meter ** 3",
    "万立方米": "10000 * meter ** 3",
    "亿立方米": "100000000 * meter ** 3",
    "立方米/万元": "meter ** 3 / wan_yuan",
    "千瓦时": "kilowatt_hour",
    "万千瓦时": "10000 * kilowatt_hour",
    "亿千瓦时": "100000000 * kilowatt_hour",
    "千瓦": "kilowatt",
    "万千瓦": "10000 * kilowatt",
    "兆瓦": "megawatt",
    "公顷": "hectare",
    "万公顷": "10000 * hectare",
    "亿千瓦": "100000000 * kilowatt",
    "万平方公里": "10000 * kilometer ** 2",
    "万平方千米": "10000 * kilometer ** 2",
    "平方米": "meter ** 2",
    "万平方米": "10000 * meter ** 2",
    "平方公里": "kilometer ** 2",
    "亩": "mu",
    "万亩": "10000 * mu",
    "人": "dimensionless",
    "万人": "10000 * dimensionless",
    "辆": "dimensionless",
    "万辆": "10000 * dimensionless",
    "个": "dimensionless",
    "家": "dimensionless",
    "天": "day",
    "毫克/升": "milligram / liter",
    "毫克/立方米": "milligram / meter ** 3",
    "微克/立方米": "microgram / meter ** 3",
    # Common ASCII spellings that pint would misread
    "10^4 yuan": "wan_yuan",
    "10^8 yuan": "yi_yuan",
    "10^4 tce": "10000 * tce",
    "10^4 t": "10000 * tonne",
    "10^4 tCO2": "10000 * tCO2",
    "10^4 m3": "10000 * meter ** 3",
    "10^8 m3": "100000000 * meter ** 3",
    "10^4 kW": "10000 * kilowatt",
    "10^8 kWh": "100000000 * kilowatt_hour",
    "10^4 kWh": "10000 * kilowatt_hour",
    "10^4 persons": "10000 * dimensionless",
    "m3": "meter ** 3",
    "m2": "meter ** 2",
    "km2": "kilometer ** 2",
    "ha": "hectare",
}


class UnitError(ValueError):
    """A unit that is not known, or a conversion between incompatible dimensions."""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line)
    return ureg


def _expression(text: str) -> str:
    """Pint syntax for a label; a ratio of labels (千克标准煤/万元) maps part by part."""
    if text in UNIT_ALIASES:
        return UNIT_ALIASES[text]
    if "/" in text:
        parts = [part.strip() for part in text.split("/")]
        return " / ".join(f"({UNIT_ALIASES.get(part, part)})" for part in parts)
    return text


@lru_cache(maxsize=512)
def parse_unit(text: str) -> pint.Unit | pint.Quantity:
    """A unit (or scaled unit such as ``10000 * tce``) from pint syntax or a Chinese label."""
    cleaned = text.strip()
    if not cleaned:
        raise UnitError("empty unit")
    expression = _expression(cleaned)
    try:
        parsed = registry().parse_expression(expression)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, SyntaxError) as exc:
        raise UnitError(f"unknown unit {text!r}") from exc
    except (AttributeError, TypeError, ValueError) as exc:
        raise UnitError(f"unknown unit {text!r}") from exc
    if not isinstance(parsed, pint.Quantity | pint.Unit):
        raise UnitError(f"{text!r} is a number, not a unit")
    return parsed


def factor(from_unit: str, to_unit: str) -> float:
    """The number that converts a value in ``from_unit`` to ``to_unit``."""
    source = registry().Quantity(1, "dimensionless") * parse_unit(from_unit)
    target = registry().Quantity(1, "dimensionless") * parse_unit(to_unit)
    try:
        return float((source / target).to("dimensionless").magnitude)
    except pint.errors.DimensionalityError as exc:
        raise UnitError(
            f"cannot convert {from_unit!r} to {to_unit!r}: "
            f"{source.dimensionality} is not {target.dimensionality}"
        ) from exc


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return value * factor(from_unit, to_unit)


def compatible(unit_a: str, unit_b: str) -> bool:
    try:
        factor(unit_a, unit_b)
    except UnitError:
        return False
    return True
