"""The public pages and the department's and applicant's pages render."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/registry/",
        "/registry/schemes/",
        "/registry/schemes/green-factory/",
        "/registry/gi/",
        "/registry/gi/?region=632800",
    ],
)
def test_public_pages(client_for: Any, db: Any, url: str) -> None:
    response = client_for(None).get(url)
    assert response.status_code == 200


def test_gi_page_lists_products_by_prefecture(client_for: Any, db: Any) -> None:
    html = client_for(None).get("/registry/gi/?region=632800").content.decode()
    assert "柴达木枸杞" in html and "湟源陈醋" not in html


def test_scheme_page_shows_monitoring_links_and_what_is_missing(client_for: Any, db: Any) -> None:
    html = client_for(None).get("/registry/schemes/green-factory/").content.decode()
    assert "industrial_solid_waste_utilization" in html and "GB/T 36132-2025" in html


def test_workbench_and_applicant_pages(actors: Any, client_for: Any) -> None:
    assert client_for(actors.iit_reviewer).get("/registry/workbench/").status_code == 200
    assert client_for(actors.enterprise_user).get("/registry/applicant/").status_code == 200


def test_green_factories_filter_by_prefecture_and_industry(client_for: Any, db: Any) -> None:
    anonymous = client_for(None)
    chemicals = anonymous.get("/api/registry/listings?kind=green_factory&industry=C26").json()
    names = {item["name_zh"] for item in chemicals["items"]}
    assert "青海盐湖工业股份有限公司钾肥分公司" in names
    assert all(item["industry_code"].startswith("C26") for item in chemicals["items"])
    xining = anonymous.get("/api/registry/listings?scheme=green-factory&region=630100").json()
    assert {item["prefecture"] for item in xining["items"]} == {"630100"}
    page = anonymous.get("/registry/?scheme=green-factory&region=630100").content.decode()
    assert "亚洲硅业(青海)有限公司" in page


def test_farm_certificates_list_and_api(client_for: Any, db: Any) -> None:
    anonymous = client_for(None)
    html = anonymous.get("/registry/farm/?kind=organic").content.decode()
    assert "DEMO-ORG-2025-0001" in html and "QH-GI-007" not in html
    data = anonymous.get("/api/registry/farm-certificates?kind=gi&region=632800").json()
    products = {item["product_zh"] for item in data["items"]}
    assert "柴达木枸杞" in products and "湟源陈醋" not in products
    assert all(item["source"] for item in data["items"])


@pytest.mark.parametrize(
    "url",
    [
        "/registry/?q=%00x&region=%00",
        "/registry/export.xlsx?scheme=%00",
        "/registry/trace/AB%00CD/",
        "/registry/listings/QH%00/",
        "/registry/schemes/%00/",
        "/registry/farm/?q=%00",
    ],
)
def test_nul_characters_in_requests_are_harmless(client_for: Any, db: Any, url: str) -> None:
    # The platform refuses a NUL anywhere in a request (core.middleware) before the view runs.
    assert client_for(None).get(url).status_code == 400
