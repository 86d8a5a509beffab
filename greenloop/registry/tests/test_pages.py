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
