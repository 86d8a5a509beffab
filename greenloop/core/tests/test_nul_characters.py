"""A NUL character anywhere in a request is refused with where it was, on every database."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_query_string_is_refused_with_its_place(actors, client_for):
    response = client_for(actors.admin).get("/api/orgs", {"q": "qh\x00drc"})
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["query"]


def test_a_nul_in_a_json_body_is_refused(actors, client_for):
    response = client_for(actors.admin).patch(
        "/api/orgs/qh-drc", data='{"name": "x\\u0000y"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_pages_refuse_it_too_and_ordinary_requests_pass(actors, client_for):
    client = client_for(actors.admin)
    assert client.get("/orgs/", {"q": "\x00"}).status_code == 400
    assert client.get("/api/orgs", {"q": "青海"}).status_code == 200
