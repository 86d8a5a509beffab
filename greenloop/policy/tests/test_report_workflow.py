"""The report workflow's refusals: each with a located message, nothing changed."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from greenloop.policy.calc.evidence import MAX_BYTES
from greenloop.policy.models import Attachment, ProgressReport, ReportRevision

TASK = "qh-glc-opinions-m04-t08"
JSON = "application/json"


def _submitted_and_accepted(client_for: Any, actors: Any) -> int:
    iit = client_for(actors.iit_reporter)
    rid = iit.post(
        "/api/progress", {"task": TASK, "year": 2026, "percent": 50}, content_type=JSON
    ).json()["id"]
    iit.post(f"/api/progress/{rid}/submit")
    client_for(actors.coordinator).post(f"/api/progress/{rid}/accept", {}, content_type=JSON)
    return int(rid)


def test_submitting_or_changing_after_acceptance_is_refused(client_for: Any, actors: Any) -> None:
    rid = _submitted_and_accepted(client_for, actors)
    iit = client_for(actors.iit_reporter)
    revisions = ReportRevision.objects.filter(report_id=rid).count()
    again = iit.post(f"/api/progress/{rid}/submit")
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "state"]
    changed = iit.patch(f"/api/progress/{rid}", {"percent": 99}, content_type=JSON)
    assert changed.status_code == 422
    report = ProgressReport.objects.get(pk=rid)
    assert (report.state, report.percent) == ("accepted", 50)
    assert ReportRevision.objects.filter(report_id=rid).count() == revisions


def test_only_lead_departments_file_reports(client_for: Any, actors: Any) -> None:
    answer = client_for(actors.eco_reporter).post(
        "/api/progress", {"task": TASK, "year": 2026}, content_type=JSON
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "department"]


def test_bad_values_are_located(client_for: Any, actors: Any) -> None:
    answer = client_for(actors.iit_reporter).post(
        "/api/progress",
        {"task": TASK, "year": 1999, "percent": 140, "status": "fine"},
        content_type=JSON,
    )
    assert answer.status_code == 422
    fields = {tuple(item["loc"]) for item in answer.json()["detail"]}
    assert fields == {("body", "year"), ("body", "percent"), ("body", "status")}
    assert not ProgressReport.objects.filter(task__code=TASK, year=1999).exists()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "绿色工厂名单"  # type: ignore[index]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_evidence_type_comes_from_the_content(
    client_for: Any, actors: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    iit = client_for(actors.iit_reporter)
    rid = iit.post("/api/progress", {"task": TASK, "year": 2026}, content_type=JSON).json()["id"]
    url = f"/api/progress/{rid}/attachments"
    executable = SimpleUploadedFile("名单.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    refused = iit.post(url, {"file": executable})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "file"]
    assert "名单.pdf" in refused.json()["detail"][0]["msg"]
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES)
    assert iit.post(url, {"file": big}).status_code == 422
    assert not Attachment.objects.filter(report_id=rid).exists()
    sheet = iit.post(url, {"file": SimpleUploadedFile("清单.bin", _xlsx())})
    assert sheet.status_code == 201
    assert sheet.json()["kind"] == "xlsx"
    pdf = iit.post(url, {"file": SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert pdf.json()["kind"] == "pdf"
    other = client_for(actors.eco_reporter).post(
        url, {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")}
    )
    assert other.status_code == 404
    assert Attachment.objects.filter(report_id=rid).count() == 2


def test_key_figures_are_values_of_the_tasks_indicators(client_for: Any, actors: Any) -> None:
    iit = client_for(actors.iit_reporter)
    ok = iit.post(
        "/api/progress",
        {"task": TASK, "year": 2026, "key_figures": {"green_factories_new": 12}},
        content_type=JSON,
    )
    assert ok.status_code == 201
    assert ok.json()["key_figures"] == {"green_factories_new": 12.0}
    wrong = iit.patch(
        f"/api/progress/{ok.json()['id']}", {"key_figures": {"gep": 1.0}}, content_type=JSON
    )
    assert wrong.status_code == 422
    assert "gep" in wrong.json()["detail"][0]["msg"]


def test_nul_characters_never_reach_the_database(client_for: Any, actors: Any) -> None:
    # The platform refuses a NUL anywhere in a request (core.middleware) with where it was.
    iit = client_for(actors.iit_reporter)
    answer = iit.post(
        "/api/progress",
        {"task": TASK, "year": 2026, "narrative": "a\x00b"},
        content_type=JSON,
    )
    assert answer.status_code == 400
    assert answer.json()["detail"][0]["loc"] == ["body"]
    assert iit.get("/api/progress", {"year": 2026, "task": TASK}).json()["count"] == 0
    assert not ProgressReport.objects.filter(task__code=TASK, year=2026).exists()
    assert client_for(None).get("/api/policy/tasks/x%00y").status_code == 400
    assert client_for(None).get("/api/policy/tasks?lead=qh%00").status_code == 400
