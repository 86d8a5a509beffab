"""The bridge from official statistics (2015 total energy from GDP ÷ energy output rate)
beside CEADs' total, with the reconciling non-fossil share; and the consumption-based view."""

from __future__ import annotations

from typing import Any

import pytest

from greenloop.carbon import selectors


def test_bridge_2015(db: Any) -> None:
    bridge = selectors.bridge()
    assert bridge is not None
    assert bridge["total_energy_tce"] == pytest.approx(2417.05e4 / 0.4875)
    assert bridge["ceads_total_mt"] == pytest.approx(51.3564, rel=1e-5)
    # all-fossil estimate exceeds CEADs: official energy includes non-fossil power
    assert bridge["all_fossil_estimate_mt"] > bridge["ceads_total_mt"]
    share = bridge["implied_non_fossil_share"]
    assert 0 < share < 1
    fossil_needed = bridge["total_energy_tce"] * (1 - share)
    assert fossil_needed == pytest.approx(bridge["ceads_fossil_energy_tce"], rel=1e-9)


def test_consumption_view_2019(db: Any) -> None:
    view = selectors.consumption_view("630000", 2019)
    assert view is not None and view["demonstration"] is True
    power = sum(
        item["mt_co2"]
        for item in selectors.breakdown("630000", 2019, "sector", "production").items  # type: ignore[union-attr]
        if item["code"] == "S39"
    )
    assert view["exporter_factor"] == pytest.approx(power / 88.0)
    assert view["consumption_mt"] == pytest.approx(view["production_mt"] - 16.0 * power / 88.0)
