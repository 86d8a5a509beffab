"""Unit labels of Qinghai's sources on top of the shared registry (``greenloop.core.units``).

The shared registry knows the yearbook labels; the labels below appear in provincial plans and
English press reprints. Everything converts through the one shared pint registry.
"""

from __future__ import annotations

from greenloop.core import units

EXTRA_UNITS = {
    "RMB bn": "1000000000 * yuan",
    "billion yuan": "1000000000 * yuan",
    "million kW": "1000 * megawatt",
    "亿千瓦": "100000000 * kilowatt",
    "billion kWh": "1000000000 * kilowatt_hour",
    "million": "1000000 * dimensionless",
    "index": "dimensionless",
    "指数": "dimensionless",
    "万元/吨标煤": "wan_yuan / tce",
    "万元/吨标准煤": "wan_yuan / tce",
    "万元/公顷": "wan_yuan / hectare",
    "元/立方米": "yuan / meter ** 3",
    "万公顷": "10000 * hectare",
    "万平方公里": "10000 * kilometer ** 2",
    "万平方千米": "10000 * kilometer ** 2",
}


def expression(text: str) -> str:
    cleaned = (text or "").strip()
    return EXTRA_UNITS.get(cleaned, cleaned)


def parse(text: str) -> object:
    return units.parse_unit(expression(text))


def convert(value: float, from_unit: str, to_unit: str) -> float:
    if from_unit.strip() == to_unit.strip():
        return value
    return units.convert(value, expression(from_unit), expression(to_unit))


UnitError = units.UnitError
