"""The carbon API: emissions by sector/fuel and basis, decomposition, scenarios with
permissions (through HTTP) and located validation errors that store nothing."""

from __future__ import annotations

import copy
from typing import Any

from django.test import Client

from greenloop.carbon.models import Scenario


def test_emissions_by_sector_and_fuel(db: Any) -> None:
    by_sector = Client().get("/api/carbon/emissions?region=630000&year=2019&by=sector").json()
    by_fuel = Client().get("/api/carbon/emissions?region=630000&year=2019&by=fuel").json()
    assert by_sector["total_mt"] == by_fuel["total_mt"]
    assert abs(sum(i["mt_co2"] for i in by_sector["items"]) - by_sector["total_mt"]) < 1e-9
    assert abs(sum(i["mt_co2"] for i in by_fuel["items"]) - by_fuel["total_mt"]) < 1e-9
    assert by_sector["demonstration"] is False and "CEADs" in by_sector["source"]


def test_consumption_basis_is_flagged_and_lower_for_an_exporter(db: Any) -> None:
    production = (
        Client().get("/api/carbon/emissions?region=630000&year=2019&basis=production").json()
    )
    consumption = (
        Client().get("/api/carbon/emissions?region=630000&year=2019&basis=consumption").json()
    )
    assert consumption["demonstration"] is True
    assert consumption["total_mt"] < production["total_mt"]
    assert abs(sum(i["mt_co2"] for i in consumption["items"]) - consumption["total_mt"]) < 1e-9


def test_unknown_region_or_year_is_404_and_bad_choice_422(db: Any) -> None:
    assert Client().get("/api/carbon/emissions?region=999999&year=2019").status_code == 404
    assert Client().get("/api/carbon/emissions?region=630000&year=1990").status_code == 404
    assert Client().get("/api/carbon/emissions?by=county").status_code == 422


def test_decomposition_effects_add_up(db: Any) -> None:
    body = Client().get("/api/carbon/decomposition?region=630000&from=2015&to=2018").json()
    total = sum(body["additive"].values())
    assert abs(total - body["change_mt"]) <= 1e-9 * abs(body["end_mt"])
    product = 1.0
    for value in body["multiplicative"].values():
        product *= value
    assert abs(product - body["end_mt"] / body["start_mt"]) < 1e-9
    assert Client().get("/api/carbon/decomposition?from=2015&to=2016").status_code == 404


def _preset() -> dict[str, Any]:
    return copy.deepcopy(Scenario.objects.get(code="qinghai-policy").assumptions)


def test_scenario_create_requires_a_planner(actors: Any, client_for: Any) -> None:
    payload = {"name": "Test path", "region_code": "630000", "assumptions": _preset()}
    assert Client().post(
        "/api/carbon/scenarios", payload, content_type="application/json"
    ).status_code in {401, 403}
    auditor = client_for(actors.auditor).post(
        "/api/carbon/scenarios", payload, content_type="application/json"
    )
    assert auditor.status_code == 403
    made = client_for(actors.coordinator).post(
        "/api/carbon/scenarios", payload, content_type="application/json"
    )
    assert made.status_code == 201
    code = made.json()["code"]
    detail = Client().get(f"/api/carbon/scenarios/{code}").json()
    assert detail["results"]["draws"] >= 1000
    assert 0 <= detail["results"]["probability_peak_by_2030"] <= 1


def test_copy_then_only_the_owner_edits(actors: Any, client_for: Any) -> None:
    owner = client_for(actors.iit_reporter)
    made = owner.post(
        "/api/carbon/scenarios", {"copy_from": "qinghai-baseline"}, content_type="application/json"
    )
    assert made.status_code == 201
    body = made.json()
    assert body["copied_from"] == "qinghai-baseline"
    assumptions = body["assumptions"]
    assumptions["drivers"]["intensity_decline"] = 0.05
    edited = owner.put(
        f"/api/carbon/scenarios/{body['code']}",
        {"name": "Faster", "assumptions": assumptions},
        content_type="application/json",
    )
    assert edited.status_code == 200
    other = client_for(actors.eco_reporter).put(
        f"/api/carbon/scenarios/{body['code']}",
        {"name": "X", "assumptions": assumptions},
        content_type="application/json",
    )
    assert other.status_code == 403
    preset = owner.put(
        "/api/carbon/scenarios/qinghai-baseline",
        {"name": "X", "assumptions": assumptions},
        content_type="application/json",
    )
    assert preset.status_code == 403


def test_bad_assumptions_are_located_and_nothing_is_stored(actors: Any, client_for: Any) -> None:
    assumptions = _preset()
    assumptions["drivers"]["intensity_decline"] = -0.02  # a negative decline is not allowed
    assumptions["targets"][0]["kind"] = "share"
    assumptions["targets"][0]["value"] = 1.5  # a share outside [0, 1]
    before = Scenario.objects.count()
    response = client_for(actors.coordinator).post(
        "/api/carbon/scenarios",
        {"name": "Bad", "region_code": "630000", "assumptions": assumptions},
        content_type="application/json",
    )
    assert response.status_code == 422
    locs = [tuple(d["loc"]) for d in response.json()["detail"]]
    assert ("body", "assumptions.drivers.intensity_decline") in locs
    assert ("body", "assumptions.targets.0.value") in locs
    assert Scenario.objects.count() == before


def test_nul_characters_are_refused_before_any_query(actors: Any, client_for: Any) -> None:
    # core.middleware answers 400 with the place; nothing reaches the database.
    assert Client().get("/api/carbon/emissions?region=63%0000&year=2019").status_code == 400
    assert Client().get("/api/carbon/decomposition?region=%00").status_code == 400
    assert Client().get("/api/carbon/scenarios/a%00b").status_code == 400
    response = client_for(actors.coordinator).post(
        "/api/carbon/scenarios", {"copy_from": "a\x00"}, content_type="application/json"
    )
    assert response.status_code == 400


def test_series_with_base_year(db: Any) -> None:
    body = Client().get("/api/carbon/series?region=630000&base_year=2005").json()
    by_year = {row["year"]: row for row in body["years"]}
    assert min(by_year) == 1997 and max(by_year) == 2019
    assert by_year[2005]["change_vs_base"] == 0
    assert (
        by_year[2019]["change_vs_base"] == by_year[2019]["total_mt"] / by_year[2005]["total_mt"] - 1
    )
    assert by_year[2018]["per_capita_t"] is not None and by_year[2016]["per_capita_t"] is None
    assert Client().get("/api/carbon/series?region=110000").status_code == 404
