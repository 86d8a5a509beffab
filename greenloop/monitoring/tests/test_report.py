"""The monitoring report (scoreboard and index) as DOCX and PDF."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from greenloop.monitoring import report

pytestmark = pytest.mark.django_db


def test_report_downloads(client: Any) -> None:
    docx = client.get("/monitoring/targets/report.docx?year=2024")
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "forest coverage" in body.lower() or "森林覆盖率" in body
    pdf = client.get("/monitoring/targets/report.pdf?year=2024")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/monitoring/targets/report.txt").status_code == 404


def test_report_marks_demonstration_targets(db: Any) -> None:
    from greenloop.geo.models import Region
    from greenloop.monitoring.models import Indicator, Target

    assert report.build(2024).demonstration is False
    Target.objects.create(
        code="demo-target",
        indicator=Indicator.objects.get(code="pm25"),
        region=Region.objects.get(code="630000"),
        kind="at_most",
        value=20,
        target_year=2025,
        binding="expected",
        document="demo",
        source="demo",
        demonstration=True,
    )
    assert report.build(2024).demonstration is True
