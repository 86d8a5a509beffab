"""The boundaries as GeoJSON: one region's Feature, its children's FeatureCollection."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from greenloop.geo.models import Region
from greenloop.geo.tests.reference import PACKAGE_DATA, by_code, codes, rings

pytestmark = pytest.mark.django_db


def shipped_positions(code: str) -> int:
    geometry = json.loads((PACKAGE_DATA / f"{code}.geojson").read_text(encoding="utf-8"))
    return sum(len(ring) for ring in rings(geometry))


def assert_valid_geometry(geometry: dict) -> None:
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    for ring in rings(geometry):
        assert len(ring) >= 4 and ring[0] == ring[-1]
        assert all(len(p) == 2 and -180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in ring)


def test_one_region_in_full_detail(client: Client) -> None:
    response = client.get("/api/regions/630100/geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    feature = response.json()
    assert feature["type"] == "Feature"
    row = by_code()["630100"]
    assert feature["properties"] == {
        "code": "630100",
        "name": row["name_zh"],
        "name_zh": row["name_zh"],
        "name_en": row["name_en"],
        "level": "prefecture",
    }
    assert_valid_geometry(feature["geometry"])
    assert sum(len(r) for r in rings(feature["geometry"])) == shipped_positions("630100")


def test_one_region_simplified_on_request(client: Client) -> None:
    feature = client.get("/api/regions/630100/geojson", {"tolerance": "0.01"}).json()
    assert_valid_geometry(feature["geometry"])
    assert sum(len(r) for r in rings(feature["geometry"])) < shipped_positions("630100") / 4


def test_the_prefecture_map_is_light_and_named_for_echarts(client: Client) -> None:
    response = client.get("/api/regions/630000/children/geojson", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert len(response.content) < 400_000
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 8
    rows = by_code()
    assert {f["properties"]["code"] for f in features} == codes(level="prefecture")
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["properties"]["name"] == rows[feature["properties"]["code"]]["name_en"]
        assert_valid_geometry(feature["geometry"])


def test_tolerance_zero_gives_the_full_detail(client: Client) -> None:
    collection = client.get("/api/regions/630000/children/geojson", {"tolerance": "0"}).json()
    served = sum(len(r) for f in collection["features"] for r in rings(f["geometry"]))
    assert served == sum(shipped_positions(code) for code in codes(level="prefecture"))
    names = {f["properties"]["name"] for f in collection["features"]}
    assert names == {by_code()[code]["name_zh"] for code in codes(level="prefecture")}


def test_geojson_is_cacheable_by_anyone_and_revalidates(client: Client) -> None:
    response = client.get("/api/regions/630000/children/geojson")
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]
    again = client.get("/api/regions/630000/children/geojson", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    english = client.get("/api/regions/630000/children/geojson", HTTP_ACCEPT_LANGUAGE="en")
    assert english["ETag"] != response["ETag"]  # other names, other content


def test_a_county_has_an_empty_children_collection(client: Client) -> None:
    collection = client.get("/api/regions/630102/children/geojson").json()
    assert collection == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf"])
def test_a_bad_tolerance_is_422(client: Client, value: str) -> None:
    for url in ("/api/regions/630100/geojson", "/api/regions/630000/children/geojson"):
        response = client.get(url, {"tolerance": value}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "tolerance"] and value in error["msg"]


def test_unknown_malformed_and_boundaryless_regions(client: Client) -> None:
    assert client.get("/api/regions/639900/geojson").status_code == 404
    assert client.get("/api/regions/639900/children/geojson").status_code == 404
    assert client.get("/api/regions/6399/geojson").status_code == 422
    Region.objects.filter(code="630102").update(boundary="")
    response = client.get("/api/regions/630102/geojson", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "630102" in response.json()["detail"]
