"""The public page of a region: its facts, parent, children and the map container."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from greenloop.geo.tests.reference import by_code, codes

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Start tags with their attributes, and the page's links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def links(self) -> set[str]:
        return {attrs["href"] for attrs in self.find("a") if "href" in attrs}


def test_a_prefecture_page_shows_names_parent_children_and_map(client: Client) -> None:
    url = reverse("region-detail", args=["630100"])
    assert url == "/regions/630100/"
    response = client.get(url)  # public page: no login
    assert response.status_code == 200
    html = response.content.decode()
    row = by_code()["630100"]
    assert row["name_zh"] in html and row["name_en"] in html and "630100" in html
    page = Elements(html)
    assert reverse("region-detail", args=["630000"]) in page.links()
    for child in codes(parent="630100"):
        assert reverse("region-detail", args=[child]) in page.links()
        assert by_code()[child]["name_zh"] in html
    [region_map] = page.find("div", id="region-map")
    assert region_map["data-region-code"] == "630100"
    geojson = client.get(region_map["data-geojson-url"])
    assert geojson.status_code == 200
    assert {f["properties"]["code"] for f in geojson.json()["features"]} == codes(parent="630100")
    assert not page.find("script", src="") and not page.find("style")  # strict CSP: nothing inline
    assert all("style" not in attrs for _, attrs in page.tags)


def test_names_follow_the_language(client: Client) -> None:
    html = client.get("/regions/632800/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = Elements(html)
    assert page.find("html")[0]["lang"] == "en"
    assert by_code()["632801"]["name_en"] in html


def test_a_county_page_has_no_map(client: Client) -> None:
    response = client.get("/regions/632801/")
    assert response.status_code == 200
    assert not Elements(response.content.decode()).find("div", id="region-map")


@pytest.mark.parametrize("code", ["639900", "63010", "abcdef"])
def test_unknown_or_malformed_codes_are_404(client: Client, code: str) -> None:
    assert client.get(f"/regions/{code}/").status_code == 404
