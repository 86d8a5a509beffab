"""Who may do what, over HTTP: public reads, applicants, the department, auditors."""

from __future__ import annotations

from typing import Any

from greenloop.registry.tests.helpers import FACTORY_EVIDENCE, post, upload


def _submitted(actors: Any, client_for: Any, answers: dict[str, Any], pdf: bytes) -> int:
    client = client_for(actors.enterprise_user)
    pk = post(
        client,
        "/api/registry/applications",
        {"scheme": "green-factory", "applicant": actors.enterprise.code, "answers": answers},
    ).json()["id"]
    for code in FACTORY_EVIDENCE:
        upload(client, pk, code, "a.pdf", pdf)
    assert post(client, f"/api/registry/applications/{pk}/submit").status_code == 200
    return int(pk)


def test_public_reads_need_no_login(client_for: Any, db: Any) -> None:
    anonymous = client_for(None)
    schemes = anonymous.get("/api/registry/schemes").json()
    codes = {item["code"] for item in schemes}
    assert {
        "green-factory",
        "green-park",
        "green-supply-chain",
        "green-school",
        "green-community",
        "cleaner-production-audit",
        "green-design-product-degradable-plastics",
    } <= codes
    assert (
        anonymous.get("/api/registry/schemes/green-factory").json()["definition"]["version"]
        == "GB/T 36132-2018"
    )
    assert anonymous.get("/api/registry/listings").status_code == 200
    assert anonymous.get("/api/registry/applications").status_code == 401
    assert anonymous.get("/registry/workbench/").status_code == 302


def test_applicant_cannot_assess_review_or_apply_for_others(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    pk = _submitted(actors, client_for, factory_answers, pdf_bytes)
    applicant = client_for(actors.enterprise_user)
    assert (
        post(
            applicant, f"/api/registry/applications/{pk}/assess", {"answers": factory_answers}
        ).status_code
        == 403
    )
    assert (
        post(applicant, f"/api/registry/applications/{pk}/return", {"reason": "x"}).status_code
        == 403
    )
    other = post(
        applicant,
        "/api/registry/applications",
        {"scheme": "green-factory", "applicant": actors.haixi_enterprise.code, "answers": {}},
    )
    assert other.status_code == 403


def test_only_the_schemes_department_reviews(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    pk = _submitted(actors, client_for, factory_answers, pdf_bytes)
    # The ecology department is not responsible for green factories; reporters do not review.
    assert post(
        client_for(actors.eco_reporter),
        f"/api/registry/applications/{pk}/assess",
        {"answers": factory_answers},
    ).status_code in (403, 404)
    assert (
        post(
            client_for(actors.iit_reporter),
            f"/api/registry/applications/{pk}/assess",
            {"answers": factory_answers},
        ).status_code
        == 200
    )
    assert (
        post(
            client_for(actors.iit_reporter), f"/api/registry/applications/{pk}/approve"
        ).status_code
        == 403
    )
    assert (
        post(client_for(actors.auditor), f"/api/registry/applications/{pk}/approve").status_code
        == 403
    )
    assert (
        post(
            client_for(actors.iit_reviewer), f"/api/registry/applications/{pk}/approve"
        ).status_code
        == 200
    )


def test_applications_are_visible_to_their_owner_region_and_department_only(
    actors: Any, client_for: Any, factory_answers: dict[str, Any], pdf_bytes: bytes
) -> None:
    pk = _submitted(actors, client_for, factory_answers, pdf_bytes)
    url = f"/api/registry/applications/{pk}"
    assert client_for(actors.xining_reporter).get(url).status_code == 200
    assert client_for(actors.iit_reviewer).get(url).status_code == 200
    assert client_for(actors.auditor).get(url).status_code == 200
    assert client_for(actors.haixi_reporter).get(url).status_code == 404
    assert client_for(actors.bank_user).get(url).status_code == 404


def test_farm_certificates_are_the_agriculture_departments(actors: Any, client_for: Any) -> None:
    body = {
        "kind": "green_food",
        "certificate_no": "LB-TEST-1",
        "product_zh": "青稞",
        "region": "630100",
    }
    assert (
        post(
            client_for(actors.enterprise_user), "/api/registry/farm-certificates", body
        ).status_code
        == 403
    )
    assert (
        post(client_for(actors.iit_reviewer), "/api/registry/farm-certificates", body).status_code
        == 403
    )
    assert (
        post(client_for(actors.admin), "/api/registry/farm-certificates", body).status_code == 201
    )
    again = post(client_for(actors.admin), "/api/registry/farm-certificates", body)
    assert again.status_code == 422 and "LB-TEST-1" in again.json()["detail"][0]["msg"]
