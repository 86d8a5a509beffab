"""The API documents itself at /api/openapi.json."""

from __future__ import annotations


def test_schema_lists_the_platform_endpoints(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for expected in (
        "/api/regions",
        "/api/regions/{code}",
        "/api/regions/{code}/geojson",
        "/api/orgs",
        "/api/users",
        "/api/audit",
        "/api/me",
    ):
        assert expected in paths, sorted(paths)


def test_interactive_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html and "https://" not in html
    assert '<script src="/static/ninja/swagger-ui-bundle.js"></script>' in html
