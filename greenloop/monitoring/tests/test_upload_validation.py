"""Bad uploads are refused whole with located errors (4xx) and leave the database unchanged."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from greenloop.monitoring.conftest import fill_template
from greenloop.monitoring.models import Observation, Upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(client_for: Any, actors: Any) -> bytes:
    response = client_for(actors.iit_reporter).get("/api/uploads/template")
    assert response.status_code == 200
    return bytes(response.content)


def _upload(client: Any, content: bytes, name: str = "iit.xlsx") -> Any:
    return client.post("/api/uploads", {"file": SimpleUploadedFile(name, content)})


def _counts() -> tuple[int, int]:
    return Observation.objects.count(), Upload.objects.count()


def test_template_holds_the_departments_indicators_with_units_and_lists(template: bytes) -> None:
    book = load_workbook(io.BytesIO(template))
    sheet = book["data"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["region", "region_name", "year"]
    assert "hightech_mfg_share" in header and "gdp" not in header  # only qh-iit's indicators
    assert header[-1] == "comment"
    assert sheet["D3"].value == "%"
    assert sheet["A4"].value == "630000"
    lists = [validation.type for validation in sheet.data_validations.dataValidation]
    assert lists.count("list") >= 2


@pytest.mark.parametrize(
    ("edits", "where", "why"),
    [
        ({"D3": "kg", "D4": 8.5}, ("data", 3, "D"), "wrong unit"),
        ({"A4": "639999", "D4": 8.5}, ("data", 4, "A"), "region code"),
        ({"D4": "about eight"}, ("data", 4, "D"), "not a number"),
        ({"C4": 2001, "D4": 8.5}, ("data", 4, "C"), "outside this template"),
        ({"D1": "high_tech", "D4": 8.5}, ("data", 1, "D"), "header changed"),
        ({"D4": 180.0}, ("data", 4, "D"), "above 100"),
        ({"D4": 8.5, "D5": 20.0}, ("data", 5, "I"), "needs a comment"),
    ],
)
def test_bad_template_is_refused_with_a_located_report(
    client_for: Any, actors: Any, template: bytes, edits: dict[str, Any], where: Any, why: str
) -> None:
    before = _counts()
    response = _upload(client_for(actors.iit_reporter), fill_template(template, edits))
    assert response.status_code == 422, response.content
    problems = response.json()["detail"]
    assert any(
        (p["sheet"], p["row"], p["column"]) == where and why in p["msg"] for p in problems
    ), problems
    assert _counts() == before


def test_a_file_that_is_not_xlsx_is_refused(client_for: Any, actors: Any) -> None:
    before = _counts()
    response = _upload(client_for(actors.iit_reporter), b"%PDF-1.4 not a workbook")
    assert response.status_code == 422
    assert "not an xlsx" in response.json()["detail"][0]["msg"]
    assert _counts() == before


def test_one_bad_cell_refuses_the_whole_upload(
    client_for: Any, actors: Any, template: bytes
) -> None:
    before = _counts()
    content = fill_template(template, {"D4": 8.5, "E4": 30.0, "F4": "n/a"})
    assert _upload(client_for(actors.iit_reporter), content).status_code == 422
    assert _counts() == before


def test_good_upload_waits_for_review_then_publishes(
    client_for: Any, actors: Any, template: bytes
) -> None:
    reporter = client_for(actors.iit_reporter)
    content = fill_template(template, {"D4": 8.5, "D5": 20.0, "I5": "new capacity came online"})
    response = _upload(reporter, content)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "pending" and body["row_count"] == 2
    assert body["warnings"] and body["warnings"][0]["row"] == 5
    query = "/api/observations?indicator=hightech_mfg_share&region=630000"
    shown = {r["period"]: r["value"] for r in client_for(None).get(query).json()}
    assert "2020" not in shown and shown.get("2021") != 20.0
    # The reporter cannot approve their own upload; the department's reviewer can.
    own = reporter.post(
        f"/api/uploads/{body['id']}/review", {"approve": True}, content_type="application/json"
    )
    assert own.status_code == 403
    approved = client_for(actors.iit_reviewer).post(
        f"/api/uploads/{body['id']}/review", {"approve": True}, content_type="application/json"
    )
    assert approved.status_code == 200
    published = {r["period"]: r["value"] for r in client_for(None).get(query).json()}
    assert published["2020"] == 8.5 and published["2021"] == 20.0
    again = client_for(actors.iit_reviewer).post(
        f"/api/uploads/{body['id']}/review", {"approve": False}, content_type="application/json"
    )
    assert again.status_code == 422


def test_rejected_upload_is_never_published(client_for: Any, actors: Any, template: bytes) -> None:
    response = _upload(client_for(actors.iit_reporter), fill_template(template, {"D4": 8.5}))
    upload = response.json()["id"]
    client_for(actors.iit_reviewer).post(
        f"/api/uploads/{upload}/review",
        {"approve": False, "note": "wrong scope"},
        content_type="application/json",
    )
    assert not Observation.objects.filter(upload_id=upload, published_at__isnull=False).exists()
    assert Observation.objects.filter(upload_id=upload).count() == 1  # kept, unpublished
