"""Exports in the layout of the published lists (xlsx) and certificates as PDF with a QR code."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from greenloop.registry.models import Listing


def test_xlsx_export_has_the_list_layout(client_for: Any, db: Any) -> None:
    response = client_for(None).get("/registry/export.xlsx?scheme=green-park")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "绿色园区名单"
    assert [cell.value for cell in sheet[3]][:4] == ["序号", "名称", "所在地区", "所属行业"]
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert len(names) == Listing.objects.filter(scheme__code="green-park").count()
    assert "东川工业园区" in names


def test_certificate_pdf_carries_the_number_and_a_qr_code(client_for: Any, db: Any) -> None:
    listing = Listing.objects.filter(scheme__code="green-factory").first()
    assert listing is not None
    response = client_for(None).get(f"/registry/certificates/{listing.certificate_no}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert b"/Subtype /Image" in response.content
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        assert listing.certificate_no in text and "绿色工厂" in text
    assert client_for(None).get("/registry/certificates/NOPE.pdf").status_code == 404
