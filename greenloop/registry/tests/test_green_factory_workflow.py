"""Done means: a green-factory application is scored by GB/T 36132, returned once,
resubmitted, published, and appears on the public list; every change is audited."""

from __future__ import annotations

from typing import Any

from greenloop.accounts.models import AuditEntry
from greenloop.registry.models import Application, Listing
from greenloop.registry.tests.helpers import FACTORY_EVIDENCE, post, upload


def test_application_returned_once_then_published_and_listed(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    applicant = client_for(actors.enterprise_user)
    reporter = client_for(actors.iit_reporter)
    reviewer = client_for(actors.iit_reviewer)
    first_answers = {**factory_answers, "F16": 2, "F18": 2}

    created = post(
        applicant,
        "/api/registry/applications",
        {"scheme": "green-factory", "applicant": actors.enterprise.code, "answers": first_answers},
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    for code in FACTORY_EVIDENCE:
        assert upload(applicant, pk, code, f"{code}.pdf", pdf_bytes).status_code == 201
    submitted = post(applicant, f"/api/registry/applications/{pk}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"

    assessed = post(
        reporter,
        f"/api/registry/applications/{pk}/assess",
        {"answers": first_answers, "assessor_name": "第三方评价机构"},
    )
    assert assessed.status_code == 200, assessed.content
    assessment = assessed.json()["assessment"]
    # Scored by the GB/T 36132 scheme: six parts with their weights.
    assert [part["weight"] for part in assessment["parts"]] == [20, 15, 15, 10, 10, 30]
    assert abs(assessment["total"] - sum(part["score"] for part in assessment["parts"])) < 0.01

    # Publishing before review is refused.
    assert post(reviewer, f"/api/registry/applications/{pk}/publish").status_code == 422
    returned = post(
        reviewer,
        f"/api/registry/applications/{pk}/return",
        {"reason": "绩效指标F16、F18证明材料不足"},
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reasons"] == "绩效指标F16、F18证明材料不足"

    # The applicant corrects and resubmits.
    fixed = applicant.put(
        f"/api/registry/applications/{pk}/answers",
        data={"answers": factory_answers},
        content_type="application/json",
    )
    assert fixed.status_code == 200
    assert (
        post(applicant, f"/api/registry/applications/{pk}/submit").json()["status"] == "submitted"
    )
    reassessed = post(
        reporter, f"/api/registry/applications/{pk}/assess", {"answers": factory_answers}
    )
    assert reassessed.json()["assessment"]["passed"] is True
    assert reassessed.json()["assessment"]["total"] > assessment["total"]
    assert post(reviewer, f"/api/registry/applications/{pk}/approve").json()["status"] == "reviewed"
    published = post(reviewer, f"/api/registry/applications/{pk}/publish", {})
    assert published.status_code == 201, published.content
    number = published.json()["certificate_no"]
    assert published.json()["valid_until"] is not None

    app = Application.objects.get(pk=pk)
    assert app.status == "published" and app.times_returned == 1
    listing = Listing.objects.get(certificate_no=number)
    assert listing.valid_until is not None and listing.valid_from is not None
    assert (listing.valid_until - listing.valid_from).days in (1094, 1095)  # three years

    # On the public list (anonymous), by scheme and region.
    anonymous = client_for(None)
    listed = anonymous.get("/api/registry/listings?scheme=green-factory&region=630100").json()
    assert number in [item["certificate_no"] for item in listed["items"]]
    page = anonymous.get("/registry/?scheme=green-factory&region=630100")
    assert page.status_code == 200 and number in page.content.decode()

    # Every state change is in the audit trail.
    messages = list(
        AuditEntry.objects.filter(object_type="registry.application", object_id=str(pk))
        .order_by("id")
        .values_list("message", flat=True)
    )
    assert [m.split(":")[0].split(" ")[0] for m in messages if m] == [
        "submitted",
        "assessed",
        "returned",
        "submitted",
        "assessed",
        "reviewed",
        "published",
    ]
