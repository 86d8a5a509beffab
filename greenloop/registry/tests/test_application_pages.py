"""The same workflow through the pages' forms: start, attach, submit, assess, return, publish."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from greenloop.registry.models import Application
from greenloop.registry.tests.helpers import FACTORY_EVIDENCE


def test_forms_drive_an_application_to_publication(
    actors: Any,
    client_for: Any,
    factory_answers: dict[str, Any],
    pdf_bytes: bytes,
    png_bytes: bytes,
) -> None:
    applicant = client_for(actors.enterprise_user)
    started = applicant.post("/registry/applicant/", {"scheme": "green-factory"})
    assert started.status_code == 302
    app = Application.objects.get(applicant=actors.enterprise)
    page = f"/registry/applications/{app.pk}/"
    act = f"/registry/applications/{app.pk}/act/"
    assert started["Location"] == page
    response = applicant.put(
        f"/api/registry/applications/{app.pk}/answers",
        data={"answers": factory_answers},
        content_type="application/json",
    )
    assert response.status_code == 200
    # A file whose content is not what its name says is refused with the reason on the page.
    refused = applicant.post(
        act,
        {"action": "evidence", "code": "P1", "file": SimpleUploadedFile("a.pdf", png_bytes)},
        follow=True,
    )
    assert "PNG" in refused.content.decode() and not app.evidence.exists()
    for code in FACTORY_EVIDENCE:
        file = SimpleUploadedFile(f"{code}.pdf", pdf_bytes)
        applicant.post(act, {"action": "evidence", "code": code, "file": file})
    assert app.evidence.count() == len(FACTORY_EVIDENCE)
    applicant.post(act, {"action": "submit"})
    # The applicant cannot assess its own application.
    applicant.post(act, {"action": "assess"})
    app.refresh_from_db()
    assert app.status == "submitted"
    client_for(actors.iit_reporter).post(act, {"action": "assess"})
    reviewer = client_for(actors.iit_reviewer)
    reviewer.post(act, {"action": "return", "reasons": "请补充能源管理体系证书"})
    app.refresh_from_db()
    assert app.status == "returned" and app.return_reasons == "请补充能源管理体系证书"
    assert "请补充能源管理体系证书" in applicant.get("/registry/applicant/").content.decode()
    applicant.post(act, {"action": "submit"})
    client_for(actors.iit_reporter).post(act, {"action": "assess"})
    reviewer.post(act, {"action": "approve"})
    done = reviewer.post(act, {"action": "publish", "certificate_no": ""}, follow=True)
    app.refresh_from_db()
    assert app.status == "published"
    assert app.listing.certificate_no in done.content.decode()
