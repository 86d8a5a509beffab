"""The pages render for the people who use them and refuse the others."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from greenloop.policy.models import ProgressReport


def test_measures_and_measure_pages_say_proposed(client_for: Any, actors: Any) -> None:
    client = client_for(actors.iit_reporter)
    page = client.get("/policy/").content.decode()
    assert "推进工业绿色升级" in page and "培育绿色交易市场机制" in page
    measure = client.get("/policy/measures/4/").content.decode()
    assert "创建国家级绿色工厂" in measure
    assert "badge--proposed" in measure
    assert client_for(None).get("/policy/").status_code == 302


def test_board_for_the_coordinator_only(client_for: Any, actors: Any) -> None:
    assert client_for(actors.iit_reporter).get("/policy/board/").status_code == 403
    page = client_for(actors.coordinator).get("/policy/board/?year=2025").content.decode()
    assert 'data-testid="demo-banner"' in page
    assert "status--delayed" in page or "status--at_risk" in page
    assert 'id="history-data"' in page and "policy/board.js" in page
    report = ProgressReport.objects.filter(year=2025).first()
    assert report is not None
    assert f"/policy/reports/{report.pk}/" in page
    filtered = (
        client_for(actors.coordinator).get("/policy/board/?year=2025&part=8").content.decode()
    )
    assert "大力发展绿色金融" in filtered and "推进工业绿色升级" not in filtered


def test_board_export(client_for: Any, actors: Any) -> None:
    answer = client_for(actors.auditor).get("/policy/board.xlsx?year=2024")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    sheet = book.worksheets[0]
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("（二十三）大力发展绿色金融" in text for text in texts)
    assert "演示" in sheet["A2"].value or "demonstration" in sheet["A2"].value


def test_demonstration_report_page_is_flagged(client_for: Any, actors: Any) -> None:
    report = ProgressReport.objects.filter(demonstration=True, department__code="qh-iit").first()
    assert report is not None
    page = client_for(actors.iit_reporter).get(f"/policy/reports/{report.pk}/").content.decode()
    assert 'data-testid="demo-banner"' in page
    assert client_for(actors.eco_reporter).get(f"/policy/reports/{report.pk}/").status_code in {404}


def test_report_page_workflow(client_for: Any, actors: Any) -> None:
    iit = client_for(actors.iit_reporter)
    task = "qh-glc-opinions-m04-t08"
    answer = iit.post(f"/policy/tasks/{task}/", {"year": 2026, "department": "qh-iit"})
    assert answer.status_code == 302
    url = answer["Location"]
    iit.post(url, {"action": "save", "status": "on_track", "percent": 30, "narrative": "一稿"})
    iit.post(url, {"action": "submit"})
    coordinator = client_for(actors.coordinator)
    coordinator.post(url, {"action": "return", "comment": "补充数据"})
    page = iit.get(url + "?a=2&b=4").content.decode()
    assert "补充数据" in page
    report = ProgressReport.objects.get(task__code=task, year=2026)
    assert (report.state, report.revision) == ("returned", 4)


def test_my_tasks_mark_overdue_reports(client_for: Any, actors: Any) -> None:
    page = client_for(actors.iit_reporter).get("/policy/").content.decode()
    assert 'data-testid="my-tasks"' in page
    assert "推进工业绿色升级" in page


def test_coordinator_imports_and_publishes_a_policy_text(client_for: Any, actors: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from greenloop.policy.models import PolicyDocument

    from .conftest import SEED

    coordinator = client_for(actors.coordinator)
    upload = SimpleUploadedFile("opinions.txt", SEED.read_bytes())
    answer = coordinator.post("/policy/documents/", {"file": upload, "code": "web-draft"})
    assert answer.status_code == 302
    page = coordinator.get(answer["Location"]).content.decode()
    assert "培育绿色交易市场机制" in page
    assert "269" in page  # the unstructured part text is reported with its line number
    assert PolicyDocument.objects.get(code="web-draft").status == "draft"
    assert client_for(actors.iit_reporter).get("/policy/documents/").status_code == 403
    coordinator.post("/policy/documents/web-draft/")
    assert PolicyDocument.objects.get(code="web-draft").status == "published"
