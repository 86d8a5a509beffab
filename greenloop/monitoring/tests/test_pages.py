"""The pages: indicator explorer, scoreboard, index, review inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from greenloop.monitoring.models import Upload

pytestmark = pytest.mark.django_db


def test_public_pages(client: Any) -> None:
    listing = client.get("/monitoring/")
    assert listing.status_code == 200
    assert "forest_coverage" in listing.content.decode()
    assert client.get("/monitoring/?catalogue=gdi2016").status_code == 200
    detail = client.get("/monitoring/indicators/gdp/")
    assert detail.status_code == 200
    page = detail.content.decode()
    assert 'id="series-table"' in page and 'id="revisions-table"' in page
    assert "data-choropleth-url" in page
    assert client.get("/monitoring/targets/?year=2024").status_code == 200
    gdi = client.get("/monitoring/index/")
    assert gdi.status_code == 200 and 'id="gdi-ranking"' in gdi.content.decode()
    reference = client.get("/monitoring/index/?level=province&year=2016")
    assert 'id="gdi-reference"' in reference.content.decode()


def test_inbox_needs_sign_in(client: Any) -> None:
    assert client.get("/monitoring/inbox/").status_code == 302


def test_inbox_upload_and_review(client_for: Any, actors: Any) -> None:
    reporter = client_for(actors.iit_reporter)
    template = reporter.get("/monitoring/inbox/template.xlsx")
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = reporter.post(
        "/monitoring/inbox/upload/", {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}
    )
    assert bad.status_code == 422 and 'id="upload-problems"' in bad.content.decode()
    csv_text = "region,indicator,unit,period,value\n630000,hightech_mfg_share,%,2020,8.5\n"
    good = reporter.post(
        "/monitoring/inbox/upload/", {"file": SimpleUploadedFile("x.csv", csv_text.encode())}
    )
    assert good.status_code == 302
    upload = Upload.objects.get()
    reviewer = client_for(actors.iit_reviewer)
    inbox = reviewer.get("/monitoring/inbox/").content.decode()
    assert f"/monitoring/inbox/{upload.pk}/review/" in inbox
    reviewer.post(f"/monitoring/inbox/{upload.pk}/review/", {"decision": "approve"})
    upload.refresh_from_db()
    assert upload.state == "approved"


def test_explorer_as_of(client: Any) -> None:
    page = client.get("/monitoring/indicators/gdp/?as_of=2001-01-01").content.decode()
    assert "No published value." in page or "暂无已发布数值" in page
    assert client.get("/monitoring/indicators/gdp/?as_of=garbage").status_code == 200
