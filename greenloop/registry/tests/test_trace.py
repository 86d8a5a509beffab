"""Done means: a GI product batch is traced on its public QR page from inputs to sale with its
certificate valid; after the certificate is revoked the same page says so. Bad input refused."""

from __future__ import annotations

from typing import Any

import pytest

from greenloop.registry.models import Batch, TraceEvent
from greenloop.registry.tests.helpers import post

SECRET = "买方 王某 电话 139xxxx 单价 98"


@pytest.fixture
def agri_officer(actors: Any) -> Any:
    from greenloop.accounts.models import Role, User
    from greenloop.orgs.models import Organization

    return User.objects.create(
        username="t-agri",
        role=Role.DEPT_REVIEWER,
        organization=Organization.objects.get(code="qh-agri"),
    )


def test_batch_traced_from_inputs_to_sale_then_certificate_revoked(
    actors: Any, client_for: Any, agri_officer: Any
) -> None:
    officer = client_for(agri_officer)
    producer = client_for(actors.enterprise_user)
    certificate = post(
        officer,
        "/api/registry/farm-certificates",
        {
            "kind": "gi",
            "certificate_no": "AGI-TEST-0001",
            "product_zh": "湟源牦牛肉",
            "holder": actors.enterprise.code,
            "region": "630123",
            "coverage": "湟源县全境",
            "certifier": "农业农村部",
            "valid_from": "2020-12-01",
        },
    )
    assert certificate.status_code == 201, certificate.content
    batch = post(
        producer,
        "/api/registry/batches",
        {
            "producer": actors.enterprise.code,
            "product_zh": "湟源牦牛肉 冷鲜",
            "certificates": ["AGI-TEST-0001"],
        },
    )
    assert batch.status_code == 201, batch.content
    code = batch.json()["code"]
    steps: list[dict[str, Any]] = [
        {"stage": "input", "date": "2025-03-01", "input_kind": "feed", "description": "青贮饲料"},
        {"stage": "input", "date": "2025-05-10", "input_kind": "vet_drug", "description": "驱虫药"},
        {"stage": "harvest", "date": "2025-10-20", "description": "定点屠宰", "amount": 40},
        {"stage": "processing", "date": "2025-10-21", "description": "分割、冷却排酸"},
        {
            "stage": "inspection",
            "date": "2025-10-22",
            "description": "兽药残留检测",
            "result": "合格",
        },
        {"stage": "sale", "date": "2025-10-25", "description": "商超销售", "internal_note": SECRET},
    ]
    steps[0].update(amount=12, unit="t")
    steps[1].update(amount=3, unit="L")
    for step in steps:
        response = post(producer, f"/api/registry/batches/{code}/events", step)
        assert response.status_code == 201, response.content

    anonymous = client_for(None)
    page = anonymous.get(f"/registry/trace/{code}/")
    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        "青贮饲料",
        "驱虫药",
        "定点屠宰",
        "分割、冷却排酸",
        "兽药残留检测",
        "商超销售",
        "AGI-TEST-0001",
    ):
        assert text in html
    assert 'data-status="valid"' in html
    api = anonymous.get(f"/api/trace/{code}").json()
    assert api["certificates"][0]["status"] == "valid" and api["all_valid"] is True
    assert [event["stage"] for event in api["events"]] == [
        "input",
        "input",
        "harvest",
        "processing",
        "inspection",
        "sale",
    ]
    # Non-public fields never appear.
    assert "王某" not in html and "王某" not in str(api) and "internal_note" not in str(api)
    qr = anonymous.get(f"/registry/trace/{code}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    revoked = post(
        officer, "/api/registry/farm-certificates/AGI-TEST-0001/revoke", {"reason": "抽检不合格"}
    )
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    html = anonymous.get(f"/registry/trace/{code}/").content.decode()
    assert 'data-status="revoked"' in html and "抽检不合格" in html
    assert anonymous.get(f"/api/trace/{code}").json()["all_valid"] is False


def test_inputs_after_harvest_are_refused_and_nothing_is_written(
    actors: Any, client_for: Any
) -> None:
    producer = client_for(actors.enterprise_user)
    code = post(
        producer,
        "/api/registry/batches",
        {"producer": actors.enterprise.code, "product_zh": "青稞"},
    ).json()["code"]
    assert (
        post(
            producer,
            f"/api/registry/batches/{code}/events",
            {"stage": "harvest", "date": "2025-08-01", "description": "收割"},
        ).status_code
        == 201
    )
    late = post(
        producer,
        f"/api/registry/batches/{code}/events",
        {"stage": "input", "date": "2025-08-15", "input_kind": "pesticide", "description": "喷药"},
    )
    assert late.status_code == 422
    assert late.json()["detail"][0]["loc"] == ["body", "date"]
    assert TraceEvent.objects.filter(batch__code=code).count() == 1


def test_unknown_batch_code_is_not_found(client_for: Any, db: Any) -> None:
    anonymous = client_for(None)
    assert anonymous.get("/registry/trace/NO-SUCH-BATCH/").status_code == 404
    assert anonymous.get("/registry/trace/NO-SUCH-BATCH/qr.svg").status_code == 404
    response = anonymous.get("/api/trace/NO-SUCH-BATCH")
    assert response.status_code == 404 and "NO-SUCH-BATCH" in response.json()["detail"]


def test_demonstration_batch_is_marked_on_its_page(client_for: Any, db: Any) -> None:
    batch = Batch.objects.get(code="DEMO-LY-2025-0001")
    html = client_for(None).get(f"/registry/trace/{batch.code}/").content.decode()
    assert 'class="demo-banner"' in html
    assert "supplier contract" not in html and "58 yuan" not in html


def test_other_producers_cannot_add_to_a_batch(actors: Any, client_for: Any) -> None:
    code = post(
        client_for(actors.enterprise_user),
        "/api/registry/batches",
        {"producer": actors.enterprise.code, "product_zh": "枸杞"},
    ).json()["code"]
    other = client_for(actors.haixi_reporter)
    response = post(
        other,
        f"/api/registry/batches/{code}/events",
        {"stage": "harvest", "date": "2025-08-01", "description": "x"},
    )
    assert response.status_code == 403


def test_trace_sums_farm_inputs_by_kind(client_for: Any, db: Any) -> None:
    data = client_for(None).get("/api/trace/DEMO-LY-2025-0001").json()
    totals = {item["input_kind"]: item["amount"] for item in data["input_totals"]}
    assert totals == {"fertilizer": 3.0, "pesticide": 4.5}


def test_listing_detail_links_indicators_to_the_monitoring_catalogue(
    client_for: Any, db: Any
) -> None:
    from greenloop.registry.models import Listing

    listing = Listing.objects.filter(scheme__code="green-factory").first()
    assert listing is not None
    data = client_for(None).get(f"/api/registry/listings/{listing.certificate_no}").json()
    codes = {item["indicator"]: item["monitoring_code"] for item in data["monitoring_links"]}
    assert codes["F19"] == "industrial_solid_waste_utilization"
    assert client_for(None).get("/api/registry/listings/NOPE").status_code == 404


def test_certificate_validity_defaults_by_kind(actors: Any, client_for: Any) -> None:
    admin = client_for(actors.admin)
    body = {
        "kind": "organic",
        "certificate_no": "ORG-T-1",
        "product_zh": "青稞",
        "region": "630100",
    }
    organic = post(admin, "/api/registry/farm-certificates", {**body, "valid_from": "2025-03-01"})
    assert organic.json()["valid_until"] == "2026-02-28"
    body = {**body, "kind": "green_food", "certificate_no": "GF-T-1", "valid_from": "2025-03-01"}
    assert (
        post(admin, "/api/registry/farm-certificates", body).json()["valid_until"] == "2028-02-29"
    )


def test_printable_qr_png(client_for: Any, db: Any) -> None:
    response = client_for(None).get("/registry/trace/DEMO-LY-2025-0001/qr.png")
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
