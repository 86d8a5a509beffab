"""GET /api/regions: public, filtered by level and parent, names in the request's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from greenloop.geo.tests.reference import by_code, codes

pytestmark = pytest.mark.django_db

HAN = re.compile("[\u4e00-\u9fff]")


def test_the_prefecture_level_units_are_exactly_those_of_the_list(client: Client) -> None:
    response = client.get("/api/regions", {"level": "prefecture"})  # anonymous: open data
    assert response.status_code == 200
    body = response.json()
    expected = codes(level="prefecture")
    assert len(expected) == 8
    assert {item["code"] for item in body} == expected and len(body) == 8
    rows = by_code()
    for item in body:
        assert item["level"] == "prefecture"
        assert item["parent"] == rows[item["code"]]["parent_code"]
        assert item["name_zh"] == rows[item["code"]]["name_zh"]
        assert item["name"] == item["name_zh"]  # Chinese by default


def test_counties_of_xining(client: Client) -> None:
    response = client.get("/api/regions", {"parent": "630100", "level": "county"})
    assert response.status_code == 200
    assert {item["code"] for item in response.json()} == codes(parent="630100")


def test_every_region_without_filters(client: Client) -> None:
    body = client.get("/api/regions").json()
    assert {item["code"] for item in body} >= set(by_code())
    assert [item["code"] for item in body] == sorted(item["code"] for item in body)


def test_names_follow_accept_language(client: Client) -> None:
    body = client.get("/api/regions", {"level": "prefecture"}, HTTP_ACCEPT_LANGUAGE="en").json()
    rows = by_code()
    assert all(item["name"] == rows[item["code"]]["name_en"] for item in body)


def test_an_unknown_parent_has_no_children(client: Client) -> None:
    response = client.get("/api/regions", {"parent": "620000"})
    assert response.status_code == 200 and response.json() == []


@pytest.mark.parametrize(
    ("params", "name", "value"),
    [({"level": "city"}, "level", "city"), ({"parent": "63-100"}, "parent", "63-100")],
)
def test_bad_parameters_are_named_in_english_and_chinese(client: Client, params, name, value):
    english = client.get("/api/regions", params, HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get("/api/regions", params, HTTP_ACCEPT_LANGUAGE="zh-CN")
    for response in (english, chinese):
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", name]
        assert name in error["msg"] and value in error["msg"]
    english_msg = english.json()["detail"][0]["msg"]
    chinese_msg = chinese.json()["detail"][0]["msg"]
    assert not HAN.search(english_msg)
    assert HAN.search(chinese_msg)
