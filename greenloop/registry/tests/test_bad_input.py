"""Bad input is refused with a located reason and nothing half-written."""

from __future__ import annotations

from typing import Any

import pytest

from greenloop.registry import services
from greenloop.registry.models import Application, Evidence, Listing, Scheme
from greenloop.registry.tests.helpers import FACTORY_EVIDENCE, post, upload


def _draft(client: Any, actors: Any, answers: dict[str, Any]) -> int:
    response = post(
        client,
        "/api/registry/applications",
        {"scheme": "green-factory", "applicant": actors.enterprise.code, "answers": answers},
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def test_submission_missing_prerequisite_evidence_is_refused(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    client = client_for(actors.enterprise_user)
    pk = _draft(client, actors, factory_answers)
    for code in FACTORY_EVIDENCE[1:]:  # everything but P1
        upload(client, pk, code, f"{code}.pdf", pdf_bytes)
    response = post(client, f"/api/registry/applications/{pk}/submit")
    assert response.status_code == 422
    evidence = [
        item["msg"] for item in response.json()["detail"] if item["loc"] == ["body", "evidence"]
    ]
    assert len(evidence) == 1 and "P1" in evidence[0]
    assert Application.objects.get(pk=pk).status == "draft"


def test_evidence_that_is_not_what_its_name_says_is_refused(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], png_bytes: bytes
) -> None:
    client = client_for(actors.enterprise_user)
    pk = _draft(client, actors, factory_answers)
    disguised = upload(client, pk, "P1", "business-licence.pdf", png_bytes)
    assert disguised.status_code == 422
    assert "PNG" in disguised.json()["detail"][0]["msg"]
    text = upload(client, pk, "P1", "notes.pdf", b"just some text pretending")
    assert text.status_code == 422
    assert not Evidence.objects.filter(application_id=pk).exists()
    assert upload(client, pk, "P1", "licence.png", png_bytes).status_code == 201


def test_score_outside_the_schemes_range_is_refused(
    actors: Any, client_for: Any, factory_answers: dict[str, Any]
) -> None:
    client = client_for(actors.enterprise_user)
    response = post(
        client,
        "/api/registry/applications",
        {
            "scheme": "green-factory",
            "applicant": actors.enterprise.code,
            "answers": {**factory_answers, "F7": 60},
        },
    )
    assert response.status_code == 422
    assert "F7" in response.json()["detail"][0]["msg"]
    assert not Application.objects.filter(applicant=actors.enterprise).exists()


def test_certificate_number_used_twice_is_refused(
    actors: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    scheme = Scheme.objects.get(code="green-factory")
    numbers = []
    for _ in range(2):
        app = services.create_application(
            actor=actors.enterprise_user,
            scheme=scheme,
            applicant=actors.enterprise,
            answers=factory_answers,
        )
        for code in FACTORY_EVIDENCE:
            services.add_evidence(
                actor=actors.enterprise_user, app=app, code=code, name="a.pdf", content=pdf_bytes
            )
        services.submit(actor=actors.enterprise_user, app=app)
        services.assess(actor=actors.iit_reporter, app=app, answers=factory_answers)
        services.approve(actor=actors.iit_reviewer, app=app)
        numbers.append(app)
    first = services.publish(
        actor=actors.iit_reviewer, app=numbers[0], certificate_no="QH-GF-TEST-1"
    )
    assert first.certificate_no == "QH-GF-TEST-1"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="QH-GF-TEST-1"):
        services.publish(actor=actors.iit_reviewer, app=numbers[1], certificate_no="QH-GF-TEST-1")
    numbers[1].refresh_from_db()
    assert numbers[1].status == "reviewed"
    assert Listing.objects.filter(application=numbers[1]).count() == 0


def test_returning_without_reasons_is_refused(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    client = client_for(actors.enterprise_user)
    pk = _draft(client, actors, factory_answers)
    for code in FACTORY_EVIDENCE:
        upload(client, pk, code, "a.pdf", pdf_bytes)
    post(client, f"/api/registry/applications/{pk}/submit")
    response = post(
        client_for(actors.iit_reviewer), f"/api/registry/applications/{pk}/return", {"reason": "  "}
    )
    assert response.status_code == 422
    assert Application.objects.get(pk=pk).status == "submitted"
