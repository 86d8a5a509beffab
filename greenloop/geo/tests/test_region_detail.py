"""GET /api/regions/{code}: one region with its direct children; 404 and 422 explained."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from greenloop.geo.tests.reference import by_code, codes

pytestmark = pytest.mark.django_db

HAN = re.compile("[\u4e00-\u9fff]")


def test_a_prefecture_with_its_counties(client: Client) -> None:
    response = client.get("/api/regions/632800", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    row = by_code()["632800"]
    assert (body["code"], body["name_zh"], body["name_en"]) == (
        "632800",
        row["name_zh"],
        row["name_en"],
    )
    assert body["name"] == row["name_en"]
    assert body["level"] == "prefecture" and body["parent"] == row["parent_code"]
    assert body["source"] == row["source"]
    children = body["children"]
    assert {child["code"] for child in children} == codes(parent="632800")
    assert all(set(child) >= {"code", "name_zh", "name_en", "level"} for child in children)
    assert all(child["level"] == "county" for child in children)


def test_the_province_has_no_parent_and_8_children(client: Client) -> None:
    body = client.get("/api/regions/630000").json()
    assert body["parent"] is None
    assert {child["code"] for child in body["children"]} == codes(level="prefecture")


def test_a_county_has_no_children(client: Client) -> None:
    body = client.get("/api/regions/630102").json()
    assert body["children"] == [] and body["parent"] == "630100"


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_unknown_code_is_404_in_the_request_language(client: Client, language: str) -> None:
    response = client.get("/api/regions/639900", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "639900" in detail
    assert bool(HAN.search(detail)) is (language != "en")


@pytest.mark.parametrize(("code", "fragment"), [("63010", "6"), ("abcdef", "6"), ("990000", "99")])
def test_malformed_code_is_422_with_the_reason(client: Client, code: str, fragment: str) -> None:
    english = client.get(f"/api/regions/{code}", HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get(f"/api/regions/{code}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    for response in (english, chinese):
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["path", "code"]
        assert code in error["msg"] and fragment in error["msg"]
    assert not HAN.search(english.json()["detail"][0]["msg"])
    assert HAN.search(chinese.json()["detail"][0]["msg"])
