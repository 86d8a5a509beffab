"""Renewals, spot checks, revocations with reasons; reproducible spot-check plans; counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from greenloop.accounts.models import AuditEntry
from greenloop.registry.models import Listing, ListingEvent
from greenloop.registry.tests.helpers import post


def test_revocation_needs_a_reason_and_removes_the_listing_from_the_public_list(
    actors: Any, client_for: Any
) -> None:
    listing = Listing.objects.filter(scheme__code="green-factory", region__code="632800").first()
    assert listing is not None
    reviewer = client_for(actors.iit_reviewer)
    url = f"/api/registry/listings/{listing.certificate_no}/revoke"
    assert post(reviewer, url, {"reason": ""}).status_code == 422
    assert post(client_for(actors.enterprise_user), url, {"reason": "x"}).status_code == 403
    response = post(reviewer, url, {"reason": "复核发现能耗超标"})
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    listed = client_for(None).get("/api/registry/listings?scheme=green-factory&limit=1000").json()
    assert listing.certificate_no not in [item["certificate_no"] for item in listed["items"]]
    event = ListingEvent.objects.get(listing=listing, kind="revoked")
    assert event.reason == "复核发现能耗超标"
    assert AuditEntry.objects.filter(
        object_type="registry.listing", object_id=str(listing.pk)
    ).exists()


def test_renewal_extends_validity_and_spot_checks_are_recorded(
    actors: Any, client_for: Any
) -> None:
    listing = Listing.objects.filter(scheme__code="green-factory").first()
    assert listing is not None
    listing.valid_from, listing.valid_until = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
    listing.save()
    reviewer = client_for(actors.iit_reviewer)
    renewed = post(
        reviewer, f"/api/registry/listings/{listing.certificate_no}/renew", {"reason": "复评通过"}
    )
    assert renewed.status_code == 200
    listing.refresh_from_db()
    assert listing.valid_until is not None and listing.valid_until > dt.date(2028, 1, 1)
    failed = post(
        reviewer,
        f"/api/registry/listings/{listing.certificate_no}/spot-checks",
        {"passed": False, "reason": "单位产品综合能耗未达标"},
    )
    assert failed.status_code == 201
    assert (
        post(
            reviewer,
            f"/api/registry/listings/{listing.certificate_no}/spot-checks",
            {"passed": False},
        ).status_code
        == 422
    )
    kinds = list(ListingEvent.objects.filter(listing=listing).values_list("kind", "passed"))
    assert ("renewed", None) in kinds and ("spot_check", False) in kinds


def test_spot_check_plan_records_its_seed_and_can_be_redrawn(actors: Any, client_for: Any) -> None:
    reviewer = client_for(actors.iit_reviewer)
    body = {"scheme": "green-factory", "size": 3, "year": 2025, "seed": 424242}
    first = post(reviewer, "/api/registry/spot-check-plans", body).json()
    second = post(reviewer, "/api/registry/spot-check-plans", body).json()
    assert first["seed"] == 424242 and len(first["drawn"]) == 3
    assert first["drawn"] == second["drawn"]
    unseeded = post(
        reviewer,
        "/api/registry/spot-check-plans",
        {"scheme": "green-factory", "size": 3, "year": 2025},
    )
    assert isinstance(unseeded.json()["seed"], int)
    page = reviewer.get("/registry/workbench/").content.decode()
    assert "424242" in page


def test_counts_per_prefecture_follow_the_lists(actors: Any, client_for: Any) -> None:
    def counts() -> dict[str, Any]:
        return {row["region"]: row for row in client_for(None).get("/api/registry/counts").json()}

    before = counts()
    assert before["632800"]["green_factory"] >= 2 and before["630100"]["green_park"] >= 1
    haixi = Listing.objects.filter(scheme__code="green-factory", region__code="632800")
    names = set(haixi.values_list("name_zh", flat=True))
    assert before["632800"]["green_factory"] == len(names)
    first = haixi.first()
    assert first is not None
    post(
        client_for(actors.iit_reviewer),
        f"/api/registry/listings/{first.certificate_no}/revoke",
        {"reason": "撤销"},
    )
    assert counts()["632800"]["green_factory"] == len(names) - 1


def test_workbench_form_draws_a_plan_and_shows_its_seed(actors: Any, client_for: Any) -> None:
    reviewer = client_for(actors.iit_reviewer)
    body = {"scheme": "green-park", "size": "2", "year": "2025", "seed": "777"}
    response = reviewer.post("/registry/workbench/spot-checks/", body, follow=True)
    assert response.status_code == 200 and "777" in response.content.decode()
    from greenloop.registry.models import SpotCheckPlan

    plan = SpotCheckPlan.objects.get(seed=777)
    assert len(plan.drawn) == 2 and set(plan.drawn) <= set(plan.population)
    client_for(actors.enterprise_user).post("/registry/workbench/spot-checks/", body)
    assert SpotCheckPlan.objects.filter(seed=777).count() == 1


def test_listing_page_manages_the_listing_for_reviewers_only(actors: Any, client_for: Any) -> None:
    listing = Listing.objects.filter(scheme__code="green-park").first()
    assert listing is not None
    url = f"/registry/listings/{listing.certificate_no}/"
    public = client_for(None).get(url).content.decode()
    assert listing.name_zh in public and 'name="action"' not in public
    client_for(actors.enterprise_user).post(url, {"action": "revoke", "reason": "x"})
    listing.refresh_from_db()
    assert listing.status == "active"
    reviewer = client_for(actors.iit_reviewer)
    reviewer.post(url, {"action": "spot_check", "passed": "no", "reason": "污水处理设施未运行"})
    reviewer.post(url, {"action": "revoke", "reason": "抽查不合格"})
    listing.refresh_from_db()
    assert listing.status == "revoked" and listing.revoked_reason == "抽查不合格"
    page = client_for(None).get(url).content.decode()
    assert "污水处理设施未运行" in page and "抽查不合格" in page


def test_workbench_lists_what_expires_soon(actors: Any, client_for: Any) -> None:
    from django.utils import timezone

    from greenloop.registry.models import FarmCertificate

    today = timezone.localdate()
    listing = Listing.objects.filter(scheme__code="green-factory").first()
    assert listing is not None
    listing.valid_until = today + dt.timedelta(days=30)
    listing.save()
    certificate = FarmCertificate.objects.get(certificate_no="DEMO-ORG-2025-0001")
    certificate.valid_until = today + dt.timedelta(days=10)
    certificate.save()
    page = client_for(actors.iit_reviewer).get("/registry/workbench/").content.decode()
    assert listing.certificate_no in page and "DEMO-ORG-2025-0001" in page
