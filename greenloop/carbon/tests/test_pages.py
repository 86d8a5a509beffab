"""The pages render Qinghai's inventory, both bases, the bridge, the map flagged as estimate,
the decomposition and a scenario with its peak year and band."""

from __future__ import annotations

import json
import re
from typing import Any

from django.test import Client


def _data(html: str) -> Any:
    found = re.search(r'id="carbon-data" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_inventory_page_shows_charts_bases_bridge_and_estimated_map(db: Any) -> None:
    response = Client().get("/carbon/?region=630000&year=2019")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="basis-table"' in html
    assert 'data-testid="demonstration"' in html  # the electricity balance is illustrative
    assert 'data-testid="bridge-table"' in html
    assert 'data-testid="estimate-note"' in html
    data = _data(html)
    assert [row["year"] for row in data["series"]][:1] == [1997]
    assert data["sankey"]["links"]
    assert sum(p["estimate"] for p in data["prefectures"]) == 8  # no prefecture data for 2019


def test_xining_years_with_city_data_are_not_estimates(db: Any) -> None:
    html = Client().get("/carbon/?region=630000&year=2015").content.decode()
    data = _data(html)
    xining = next(p for p in data["prefectures"] if p["code"] == "630100")
    assert xining["estimate"] is False
    assert abs(sum(p["mt_co2"] for p in data["prefectures"]) - 51.3564) < 1e-3


def test_decomposition_page(db: Any) -> None:
    response = Client().get("/carbon/decomposition/?from=2015&to=2018")
    assert response.status_code == 200
    assert 'data-testid="effects"' in response.content.decode()


def test_scenario_page_shows_peak_year_and_band(db: Any) -> None:
    response = Client().get("/carbon/scenarios/qinghai-policy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="peak"' in html and 'data-testid="probability"' in html
    assert 'data-testid="demonstration"' in html
    data = _data(html)
    results = data["results"]
    assert results["draws"] >= 1000
    assert all(lo <= hi for lo, hi in zip(results["band_p05"], results["band_p95"], strict=True))
    assert results["peak_year"] in results["years"]
    assert Client().get("/carbon/scenarios/").status_code == 200


def test_factors_page_lists_versioned_sets_with_sources(db: Any) -> None:
    html = Client().get("/carbon/factors/").content.decode()
    assert (
        'data-testid="factors-ceads-shan2018"' in html and 'data-testid="factors-ipcc2006"' in html
    )
    assert "Shan et al. (2018)" in html
    assert "1.905 t CO2/t" in html  # raw coal, CEADs
