"""Region codes (GB/T 2260): well-formedness, the level they imply, their parent."""

from __future__ import annotations

import pytest

from greenloop.geo import calc
from greenloop.geo.tests.reference import region_rows


@pytest.mark.parametrize(
    ("code", "level"),
    [("630000", "province"), ("630100", "prefecture"), ("632801", "county"), ("110101", "county")],
)
def test_the_level_follows_from_the_code(code: str, level: str) -> None:
    assert calc.level_of(code) == level


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "empty"),
        ("63010", "6 digits"),
        ("6301000", "6 digits"),
        ("63O100", "6 digits"),
        ("６３０１００", "6 digits"),  # full-width digits are not ASCII
        ("990000", "province"),
        ("630012", "prefecture part"),
    ],
)
def test_malformed_codes_say_why(code: str, fragment: str) -> None:
    with pytest.raises(calc.InvalidRegionCode) as caught:
        calc.validate_code(code)
    assert fragment in str(caught.value)


def test_every_listed_region_has_the_level_and_parent_its_code_implies() -> None:
    for row in region_rows():
        calc.check_level(row["code"], row["level"])
        calc.check_parent(row["code"], row["parent_code"] or None)


@pytest.mark.parametrize(
    ("code", "parent", "fragment"),
    [
        ("632801", "630100", "must be “632800”"),
        ("630100", "620000", "must be “630000”"),
        ("630100", None, "needs a parent"),
        ("630000", "630100", "has no parent"),
    ],
)
def test_a_wrong_parent_is_named(code: str, parent: str | None, fragment: str) -> None:
    with pytest.raises(calc.InvalidRegionCode) as caught:
        calc.check_parent(code, parent)
    assert fragment in str(caught.value)


def test_a_county_the_province_administers_may_hang_from_the_province() -> None:
    # 429004 (Xiantao) sits in Hubei's 4290 group of directly administered county-level units.
    assert calc.parent_codes_for("429004") == ("429000", "420000")
    calc.check_parent("429004", "420000")
    calc.check_parent("429004", "429000")


def test_a_level_that_contradicts_the_code_is_refused() -> None:
    with pytest.raises(calc.InvalidRegionCode, match="prefecture, not a county"):
        calc.check_level("630100", "county")
    with pytest.raises(calc.Invalid, match="is not a level"):
        calc.check_level("630100", "city")
