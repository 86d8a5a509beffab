"""The indicator catalogues as loaded by default."""

from __future__ import annotations

from typing import Any

import pytest

from greenloop.monitoring import unitmap
from greenloop.monitoring.models import Indicator, Observation, ReferenceResult, Target

pytestmark = pytest.mark.django_db


def test_provincial_catalogue_is_complete() -> None:
    items = list(Indicator.objects.filter(catalogue="qinghai").select_related("department"))
    assert len(items) >= 60
    for item in items:
        assert item.name_zh and item.name_en and item.source and item.definition
        assert item.direction in {"higher", "lower", "neutral"}
        assert item.department is not None and item.department.kind == "department"
        assert item.level_list
        if not item.categorical:
            unitmap.parse(item.unit)  # every unit is one the shared registry understands


def test_derived_indicators_state_their_formula() -> None:
    for code in ["energy_intensity", "energy_output_rate", "water_output_rate", "share_tertiary"]:
        assert Indicator.objects.get(code=code).formula


def test_gdi_catalogue_weights_follow_the_method() -> None:
    items = list(Indicator.objects.filter(catalogue="gdi2016"))
    assert len(items) == 56
    in_index = [item for item in items if item.weight is not None]
    assert len(in_index) == 55
    categories = {item.category: item.category_weight or 0.0 for item in in_index}
    assert sum(categories.values()) == pytest.approx(100.0)
    for category, weight in categories.items():
        members = sum(item.weight or 0 for item in in_index if item.category == category)
        assert members == pytest.approx(weight, abs=0.1)


def test_real_data_carries_sources() -> None:
    loaded = Observation.objects.exclude(load_key=None)
    assert loaded.count() > 300
    assert not loaded.filter(source="").exists()
    assert not loaded.filter(demonstration=True).exists()
    province = loaded.filter(region__code="630000").values("indicator").distinct().count()
    assert province >= 30
    assert loaded.exclude(region__code="630000").values("region").distinct().count() == 8
    assert Target.objects.filter(indicator__code="forest_coverage", target_year=2025).exists()
    assert not Target.objects.filter(source="").exists()


def test_published_index_results_are_reference_only() -> None:
    zhejiang = ReferenceResult.objects.get(
        region_code="330000", year=2016, measure="green_development_index"
    )
    assert zhejiang.value == pytest.approx(82.61)
    assert zhejiang.rank == 3
    assert "cnnb" in zhejiang.source


def test_indicators_api(client: Any) -> None:
    response = client.get("/api/indicators?catalogue=qinghai&limit=200")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 60
    forest = next(item for item in body["items"] if item["code"] == "forest_coverage")
    assert forest["department"] == "qh-forestry"
    assert forest["direction"] == "higher"
    one = client.get("/api/indicators/co2_intensity").json()
    assert one["unit"] == "吨二氧化碳/万元"
    assert client.get("/api/indicators/nope").status_code == 404


def test_second_load_changes_nothing() -> None:
    from greenloop.core.loading import load_default_data

    results = load_default_data()
    assert all(result.changed == 0 for result in results)
