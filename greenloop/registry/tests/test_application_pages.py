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
    form = {"action": "answers"}
    for code, value in factory_answers.items():
        if value is True:
            form[f"a-{code}"] = "on"
        elif value is not False:
            form[f"a-{code}"] = str(value)
    applicant.post(act, form)
    app.refresh_from_db()
    assert app.answers == factory_answers | {
        k: str(v) for k, v in factory_answers.items() if v not in (True, False)
    }
    assert "F7" in applicant.get(page).content.decode()
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
    # The assessor starts from no answers: a failed prerequisite, so the assessment fails.
    client_for(actors.iit_reporter).post(act, {"action": "assess"})
    app.refresh_from_db()
    assert app.status == "assessed" and (app.assessment or {}).get("passed") is False
    reviewer = client_for(actors.iit_reviewer)
    reviewer.post(act, {"action": "return", "reasons": "请补充能源管理体系证书"})
    app.refresh_from_db()
    assert app.status == "returned" and app.return_reasons == "请补充能源管理体系证书"
    assert "请补充能源管理体系证书" in applicant.get("/registry/applicant/").content.decode()
    applicant.post(act, {"action": "submit"})
    client_for(actors.iit_reporter).post(
        act, {**form, "action": "assess", "assessor_name": "某评价机构"}
    )
    reviewer.post(act, {"action": "approve"})
    done = reviewer.post(act, {"action": "publish", "certificate_no": ""}, follow=True)
    app.refresh_from_db()
    assert app.status == "published"
    assert app.listing.certificate_no in done.content.decode()
