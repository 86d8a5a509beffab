"""A value and its correction are both kept; as_of returns what was known then."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from greenloop.monitoring.models import Observation

pytestmark = pytest.mark.django_db

ROW = {"region": "630000", "indicator": "hightech_mfg_share", "unit": "%", "period": "2020"}


def _submit_and_approve(client_for: Any, actors: Any, value: float, status: str) -> None:
    posted = client_for(actors.iit_reporter).post(
        "/api/observations",
        {"rows": [{**ROW, "value": value, "status": status, "comment": "test"}]},
        content_type="application/json",
    )
    assert posted.status_code == 201, posted.content
    upload = posted.json()["id"]
    reviewed = client_for(actors.iit_reviewer).post(
        f"/api/uploads/{upload}/review", {"approve": True}, content_type="application/json"
    )
    assert reviewed.status_code == 200, reviewed.content
    assert reviewed.json()["state"] == "approved"


def test_correction_keeps_the_old_value_and_as_of_returns_it(client_for: Any, actors: Any) -> None:
    _submit_and_approve(client_for, actors, 8.5, "preliminary")
    between = Observation.objects.filter(indicator__code="hightech_mfg_share", period="2020")
    first_published = between.get().published_at
    assert first_published is not None
    moment = first_published + dt.timedelta(microseconds=1)
    Observation.objects.filter(pk=between.get().pk).update(
        published_at=first_published - dt.timedelta(days=1)
    )
    _submit_and_approve(client_for, actors, 8.9, "revised")

    anonymous = client_for(None)
    query = "/api/observations?indicator=hightech_mfg_share&region=630000&period=2020"
    current = anonymous.get(query).json()
    assert [(row["value"], row["status"]) for row in current] == [(8.9, "revised")]

    history = anonymous.get(query + "&history=true").json()
    assert [row["value"] for row in history] == [8.5, 8.9]
    assert all(row["submitted_by"] == "t-iit" for row in history)

    old = anonymous.get(query + "&as_of=" + moment.isoformat().replace("+00:00", "Z")).json()
    assert [(row["value"], row["status"]) for row in old] == [(8.5, "preliminary")]
    assert (
        Observation.objects.filter(indicator__code="hightech_mfg_share", period="2020").count() == 2
    )


def test_unpublished_values_are_not_shown(client_for: Any, actors: Any) -> None:
    posted = client_for(actors.iit_reporter).post(
        "/api/observations",
        {"rows": [{**ROW, "value": 8.5}]},
        content_type="application/json",
    )
    assert posted.status_code == 201
    assert posted.json()["state"] == "pending"
    query = "/api/observations?indicator=hightech_mfg_share&region=630000&period=2020"
    assert client_for(None).get(query).json() == []


def test_bad_as_of_is_422(client: Any) -> None:
    response = client.get("/api/observations?as_of=yesterday")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "as_of"]
