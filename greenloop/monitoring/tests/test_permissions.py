"""Who may submit, see and review what (through HTTP)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

ROW = {
    "region": "630000",
    "indicator": "hightech_mfg_share",
    "unit": "%",
    "period": "2020",
    "value": 8.5,
}


def _post(client: Any, *rows: dict[str, Any]) -> Any:
    return client.post("/api/observations", {"rows": list(rows)}, content_type="application/json")


def test_anonymous_cannot_submit(client_for: Any) -> None:
    assert _post(client_for(None), ROW).status_code == 401


@pytest.mark.parametrize("who", ["enterprise_user", "auditor"])
def test_enterprises_and_auditors_cannot_submit(client_for: Any, actors: Any, who: str) -> None:
    assert _post(client_for(getattr(actors, who)), ROW).status_code == 403


def test_department_reports_only_its_indicators(client_for: Any, actors: Any) -> None:
    response = _post(client_for(actors.eco_reporter), ROW)
    assert response.status_code == 422
    assert "not yours" in response.json()["detail"][0]["msg"]


def test_prefecture_reports_only_its_region(client_for: Any, actors: Any) -> None:
    xining = client_for(actors.xining_reporter)
    row = {"indicator": "good_air_days_ratio", "unit": "%", "period": "2020", "value": 90}
    assert _post(xining, {**row, "region": "630100"}).status_code == 201
    other = _post(xining, {**row, "region": "632800"})
    assert other.status_code == 422
    assert other.json()["detail"][0]["loc"] == ["body", "rows", 0, "region"]


def test_uploads_are_seen_by_their_department_and_reviewed_by_its_reviewer(
    client_for: Any, actors: Any
) -> None:
    upload = _post(client_for(actors.iit_reporter), ROW).json()["id"]
    assert client_for(actors.eco_reporter).get("/api/uploads").json()["count"] == 0
    assert client_for(actors.iit_reviewer).get("/api/uploads").json()["count"] == 1
    eco = client_for(actors.eco_reporter).post(
        f"/api/uploads/{upload}/review", {"approve": True}, content_type="application/json"
    )
    assert eco.status_code == 404
    auditor = client_for(actors.auditor).post(
        f"/api/uploads/{upload}/review", {"approve": True}, content_type="application/json"
    )
    assert auditor.status_code == 403


def test_messages_are_chinese_by_default(actors: Any) -> None:
    from django.test import Client
    from django.utils import translation

    chinese = Client()
    chinese.force_login(actors.eco_reporter, backend="django.contrib.auth.backends.ModelBackend")
    with translation.override("zh-hans"):
        response = _post(chinese, ROW)
    assert response.status_code == 422
    assert "不属于您的报送范围" in response.json()["detail"][0]["msg"]
