"""The carbon inventory report renders to DOCX and PDF with CEADs' figures."""

from __future__ import annotations

from typing import Any

from django.test import Client

from greenloop.carbon import report


def test_report_document_has_the_history_and_decomposition(db: Any) -> None:
    doc = report.build("630000")
    assert doc is not None and doc.demonstration is False
    text = doc.text()
    assert "51.75" in text  # 2019 total
    assert "1997" in text and "2019" in text


def test_report_downloads(db: Any) -> None:
    docx = Client().get("/carbon/report.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = Client().get("/carbon/report.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert Client().get("/carbon/report.txt").status_code == 404
