"""The default load's documented rules: several sources kept, one chosen; doubtful rows marked;
units converted."""

from __future__ import annotations

import pytest

from greenloop.monitoring import loaders, selectors
from greenloop.monitoring.models import Observation

pytestmark = pytest.mark.django_db


def test_several_sources_are_all_kept_and_the_preferred_is_current() -> None:
    versions = list(selectors.versions("gdp", "630000", "2018"))
    assert len(versions) >= 2
    assert {round(v.value or 0, 1) for v in versions} >= {2865.2, 2865.0}
    ordered = [
        row
        for row in loaders._observation_rows()
        if (row["code"], row["region_code"], row["year"]) == ("gdp", "630000", "2018")
    ]
    preferred = ordered[-1]
    current = selectors.observations(indicator="gdp", region="630000", period="2018").get()
    assert current.source == preferred["source_url"]
    assert "precedes" in current.note


def test_units_are_converted_to_the_catalogue_unit() -> None:
    # 2018 GDP printed as 286.52 billion yuan: stored in 亿元.
    values = {v.value for v in selectors.versions("gdp", "630000", "2018")}
    assert any(value == pytest.approx(2865.2) for value in values if value)
    # CEADs Mt CO2 → 万吨二氧化碳
    co2 = selectors.observations(indicator="co2_emissions", region="630000", period="2019").get()
    assert co2.value == pytest.approx(5175.24, abs=0.01)


def test_doubtful_rows_are_preliminary_with_a_note() -> None:
    xining = Observation.objects.filter(
        region__code="630100", year=2019, indicator__code="good_air_days_ratio", value=86
    )
    assert xining.exists()
    assert all(o.status == "preliminary" and "inferred" in o.note for o in xining)
    full_year = Observation.objects.filter(region__code="630200", year=2020, value=95)
    assert full_year.exists() and all(o.status == "final" for o in full_year)


def test_categorical_value_is_kept_as_text() -> None:
    item = Observation.objects.filter(indicator__code="yellow_river_outflow_class").first()
    assert item is not None and item.value is None and item.value_text
