"""GET /api/index/green-development: Qinghai's prefectures computed for the latest year with
data; the published 2016 provincial results shown as a reference, never as computed."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_prefectures_latest_year(client: Any) -> None:
    response = client.get("/api/index/green-development")
    assert response.status_code == 200
    body = response.json()
    assert body["level"] == "prefecture"
    assert body["year"] is not None and body["year"] >= 2020
    computed = body["computed"]
    assert len(computed) == 8
    assert sorted(item["rank"] for item in computed) == list(range(1, 9))
    assert body["indicators_with_data"]
    for item in computed:
        assert 60 <= item["total"] <= 100
        assert sum(item["contributions"].values()) == pytest.approx(item["total"])
    assert sum(body["category_weights"].values()) == pytest.approx(100.0)


def test_2016_provinces_show_the_published_reference_only(client: Any) -> None:
    body = client.get("/api/index/green-development?year=2016&level=province").json()
    assert body["computed"] == []  # no provincial inputs: nothing is passed off as computed
    beijing = [
        ref
        for ref in body["reference"]
        if ref["region"] == "110000" and ref["measure"] == "green_development_index"
    ]
    assert beijing[0]["rank"] == 1
    assert body["reference_note"]


def test_bad_level_is_422(client: Any) -> None:
    assert client.get("/api/index/green-development?level=county").status_code == 422
