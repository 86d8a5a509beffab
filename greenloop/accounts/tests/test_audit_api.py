"""The audit API's date filters accept any legal ISO 8601 value on every database."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "since",
    ["2024-01-01T00:00:00+20:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"],
)
def test_odd_but_legal_datetimes_answer_422_or_200_never_500(actors, client_for, since):
    response = client_for(actors.admin).get("/api/audit", {"since": since})
    assert response.status_code in {200, 422}, response.content
    if response.status_code == 422:
        assert response.json()["detail"][0]["loc"][-1] == "since"


def test_a_far_offset_is_read_in_utc(actors, client_for):
    # +20:00 is legal in ISO 8601 and Python but not in PostgreSQL; it is normalised first.
    response = client_for(actors.admin).get("/api/audit", {"since": "2000-01-01T00:00:00+20:00"})
    assert response.status_code == 200
