"""Scenario comparison reads the plan targets from monitoring, falling back to its own."""

from __future__ import annotations

from typing import Any

from greenloop.carbon import selectors
from greenloop.carbon.models import Scenario
from greenloop.monitoring import selectors as monitoring


def _results(client: Any, scenario: Scenario) -> list[dict[str, Any]]:
    answer = client.get(f"/api/carbon/scenarios/{scenario.code}")
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]["targets"]  # type: ignore[no-any-return]


def test_non_fossil_target_comes_from_monitoring(client_for: Any, actors: Any) -> None:
    scenario = Scenario.objects.filter(assumptions__targets__isnull=False).first()
    assert scenario is not None
    wanted = {t.target_year: t for t in monitoring.province_targets("non_fossil_share")}
    assert wanted, "monitoring holds the province non-fossil share targets"
    rows = _results(client_for(actors.coordinator), scenario)
    shown = [r for r in rows if r["indicator_code"] == "non_fossil_energy_share"]
    assert shown
    for row in shown:
        target = wanted.get(row["year"])
        if target is None:
            assert row["source"] and "monitoring target" not in row["source"]
        else:
            assert abs(row["value"] - target.value / 100) < 1e-9
            assert target.code in row["source"] and target.document in row["source"]


def test_falls_back_to_the_scenarios_value_without_a_monitoring_target(db: Any) -> None:
    own = {"indicator_code": "non_fossil_energy_share", "year": 2099, "value": 0.9, "source": "x"}
    row = selectors.scenario_targets([own])[0]
    assert row["value"] == 0.9 and row["origin"] == "scenario" and row["source"] == "x"


def test_monitoring_value_replaces_a_different_copy(db: Any) -> None:
    target = monitoring.province_targets("non_fossil_share").first()
    assert target is not None
    own = {
        "indicator_code": "non_fossil_energy_share",
        "year": target.target_year,
        "value": 0.01,
        "source": "copied",
    }
    row = selectors.scenario_targets([own])[0]
    assert row["origin"] == "monitoring"
    assert abs(row["value"] - target.value / 100) < 1e-9 and row["scenario_own_value"] == 0.01


def test_co2_intensity_reduction_comes_from_the_matching_base_year(
    client_for: Any, actors: Any
) -> None:
    scenario = Scenario.objects.filter(assumptions__targets__isnull=False).first()
    assert scenario is not None
    rows = _results(client_for(actors.coordinator), scenario)
    shown = [r for r in rows if r["indicator_code"] == "co2_intensity_reduction"]
    assert shown
    for row in shown:
        match = [
            t
            for t in monitoring.province_targets("co2_intensity")
            if t.target_year == row["year"] and t.base_year == row.get("reference_year")
        ]
        if match:
            assert abs(row["value"] - (-match[0].value / 100)) < 1e-9
            assert match[0].code in row["source"]
    other_base = {
        "indicator_code": "co2_intensity_reduction",
        "year": shown[0]["year"],
        "reference_year": 1990,
        "value": 0.5,
        "source": "own",
    }
    assert selectors.scenario_targets([other_base])[0]["origin"] == "scenario"
