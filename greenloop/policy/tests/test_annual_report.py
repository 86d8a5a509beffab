"""The year-end report: CLI and web, DOCX with every measure title, PDF with Chinese text."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import call_command
from django.utils import translation

from greenloop.policy.models import Measure


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_cli_docx_has_all_25_measure_titles(db: Any, tmp_path: Path) -> None:
    output = tmp_path / "annual.docx"
    with translation.override("zh-hans"):
        call_command(
            "report", "annual", "--year", "2024", "--format", "docx", "--output", str(output)
        )
    text = _docx_text(output.read_bytes())
    titles = list(
        Measure.objects.filter(document__code="qh-glc-opinions").values_list("title", flat=True)
    )
    assert len(titles) == 25
    assert [title for title in titles if title not in text] == []
    assert "演示数据" in text  # the reports of 2024 are demonstration data
    assert "拟定分工" in text  # the division is proposed, and the report says so


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdf_shows_chinese(db: Any, tmp_path: Path) -> None:
    output = tmp_path / "annual.pdf"
    with translation.override("zh-hans"):
        call_command(
            "report", "annual", "--year", "2024", "--format", "pdf", "--output", str(output)
        )
    text = subprocess.run(
        ["pdftotext", str(output), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "大力发展绿色金融" in text
    assert "培育绿色交易市场机制" in text


def test_department_report_over_the_web(client_for: Any, actors: Any) -> None:
    iit = client_for(actors.iit_reporter)
    answer = iit.get("/policy/annual/2025.docx?org=qh-iit")
    assert answer.status_code == 200
    text = _docx_text(answer.content)
    assert "创建国家级绿色工厂" in text or "绿色工厂" in text
    assert iit.get("/policy/annual/2025.docx?org=qh-eco").status_code == 403
    assert iit.get("/policy/annual/2025.docx").status_code == 403
    summary = client_for(actors.coordinator).get("/policy/annual/2025.pdf")
    assert summary.status_code == 200 and summary.content.startswith(b"%PDF")


def test_web_report_runs_as_a_background_job(
    client_for: Any, actors: Any, settings: Any, tmp_path: Path
) -> None:
    settings.GREENLOOP_JOB_RUNNER = "inline"
    settings.MEDIA_ROOT = tmp_path
    coordinator = client_for(actors.coordinator)
    answer = coordinator.post("/policy/annual/2024.docx")
    assert answer.status_code == 302 and "/jobs/" in answer["Location"]
    job_id = answer["Location"].rstrip("/").split("/")[-1]
    body = coordinator.get(f"/api/jobs/{job_id}").json()
    assert body["status"] == "succeeded", body
    data = b"".join(coordinator.get(body["download_url"]).streaming_content)
    assert "培育绿色交易市场机制" in _docx_text(data)
    assert client_for(actors.iit_reporter).post("/policy/annual/2024.docx").status_code == 403
