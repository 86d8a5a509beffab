"""Label checks (measure 13): a mismatch with the registry becomes a case."""

from __future__ import annotations

from typing import Any

from greenloop.registry.models import Case, FarmCertificate
from greenloop.registry.tests.helpers import post


def test_matching_label_opens_no_case_and_a_wrong_one_does(actors: Any, client_for: Any) -> None:
    inspector = client_for(actors.xining_reporter)
    good = post(
        inspector,
        "/api/registry/label-checks",
        {
            "place": "西宁某超市",
            "product_zh": "枸杞",
            "claimed_kind": "organic",
            "claimed_number": "DEMO-ORG-2025-0001",
            "batch_code": "DEMO-LY-2025-0001",
            "date": "2025-10-01",
        },
    )
    assert good.status_code == 201, good.content
    assert good.json()["matches"] is True and good.json()["case_id"] is None
    bad = post(
        inspector,
        "/api/registry/label-checks",
        {
            "place": "西宁某超市",
            "product_zh": "牦牛肉",
            "claimed_kind": "green_food",
            "claimed_number": "DEMO-ORG-2025-0001",
            "date": "2025-10-01",
        },
    )
    assert bad.json()["matches"] is False and len(bad.json()["findings"]) == 2
    case = Case.objects.get(pk=bad.json()["case_id"])
    assert case.status == "open"
    invented = post(
        inspector,
        "/api/registry/label-checks",
        {
            "place": "集市",
            "product_zh": "枸杞",
            "claimed_kind": "organic",
            "claimed_number": "FAKE-1",
        },
    )
    assert invented.json()["case_id"] is not None


def test_expired_certificate_on_a_label_is_a_mismatch(actors: Any, client_for: Any) -> None:
    certificate = FarmCertificate.objects.get(certificate_no="DEMO-ORG-2025-0001")
    response = post(
        client_for(actors.xining_reporter),
        "/api/registry/label-checks",
        {
            "place": "市场",
            "product_zh": "枸杞",
            "claimed_kind": "organic",
            "claimed_number": certificate.certificate_no,
            "date": "2026-07-01",
        },
    )
    assert response.json()["matches"] is False


def test_enterprises_do_not_record_label_checks(actors: Any, client_for: Any) -> None:
    response = post(
        client_for(actors.enterprise_user),
        "/api/registry/label-checks",
        {"place": "x", "product_zh": "y", "claimed_kind": "gi", "claimed_number": "z"},
    )
    assert response.status_code == 403


def test_workbench_form_records_a_check_and_lists_the_case(actors: Any, client_for: Any) -> None:
    inspector = client_for(actors.xining_reporter)
    body = {
        "place": "城东区农贸市场",
        "product_zh": "枸杞",
        "claimed_kind": "green_food",
        "claimed_number": "NO-SUCH-CERT",
    }
    page = inspector.post("/registry/workbench/label-checks/", body, follow=True)
    assert Case.objects.filter(label_check__place="城东区农贸市场").count() == 1
    assert "城东区农贸市场" in page.content.decode()
