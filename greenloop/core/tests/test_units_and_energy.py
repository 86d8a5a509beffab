import math

import pytest

from greenloop.core import energy
from greenloop.core.units import UnitError, compatible, convert, factor


def test_chinese_yearbook_labels_convert_to_pint_units():
    assert convert(1.5, "万吨标准煤", "tce") == pytest.approx(15000)
    assert convert(12, "亿千瓦时", "GWh") == pytest.approx(1200)
    assert convert(0.4, "吨标准煤/万元", "kgce/yuan") == pytest.approx(0.04)
    assert convert(3, "万亩", "hectare") == pytest.approx(2000)


def test_standard_coal_is_29307_6_kilojoules_per_kilogram():
    assert convert(1, "tce", "GJ") == pytest.approx(29.3076)


def test_currency_never_converts_to_energy_and_unknown_units_are_named():
    assert not compatible("亿元", "tce")
    with pytest.raises(UnitError, match="cannot convert"):
        factor("万元", "kWh")
    with pytest.raises(UnitError, match="unknown unit 'furlongs per yak'"):
        factor("furlongs per yak", "m")


def test_every_coefficient_agrees_with_its_calorific_value():
    # The standard's coefficients were derived in kcal (÷ 7 000) and its kJ column converts
    # kcal at 4.1816, so kJ ÷ 29 307.6 differs from the coefficient by up to about 0.15 %.
    for row in energy.coefficients().values():
        assert row.source.startswith("GB/T 2589")
        derived = row.ncv_kj_per_unit / energy.KJ_PER_KGCE
        assert math.isclose(derived, row.kgce_per_unit, rel_tol=2e-3), row.code


def test_to_tce_converts_the_physical_unit_first():
    assert energy.to_tce(1, "raw_coal", "tonne") == pytest.approx(0.7143)
    assert energy.to_tce(10_000, "electricity", "kWh") == pytest.approx(1.229)
    with pytest.raises(KeyError, match="unobtainium"):
        energy.to_tce(1, "unobtainium")
    assert energy.tce_from_calorific_value(1000, 29307.6) == pytest.approx(1.0)
