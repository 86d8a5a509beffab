"""POST /api/orgs: who may create which organizations; creations are audited."""

from __future__ import annotations

from typing import Any

from greenloop.accounts.models import AuditEntry
from greenloop.orgs.models import Organization


def post(client: Any, body: dict[str, Any]) -> Any:
    return client.post("/api/orgs", body, content_type="application/json")


def enterprise(code: str, uscc: str, region: str = "630100") -> dict[str, Any]:
    return {
        "code": code,
        "name_zh": f"{code} 有限公司",
        "kind": "enterprise",
        "region": region,
        "uscc": uscc,
        "industry_code": "C2619",
    }


def test_coordinator_creates_an_enterprise_and_it_is_audited(
    client_for: Any, actors: Any, new_uscc: Any
) -> None:
    uscc = new_uscc()
    response = post(client_for(actors.coordinator), enterprise("ent-new", uscc.lower()))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["uscc"] == uscc
    assert body["region"] == "630100"
    org = Organization.objects.get(code="ent-new")
    entry = AuditEntry.objects.get(object_type="orgs.organization", object_id=str(org.pk))
    assert entry.action == "create"
    assert entry.actor_username == actors.coordinator.username
    assert entry.after is not None and entry.after["uscc"] == uscc


def test_government_bodies_may_omit_the_credit_code(client_for: Any, actors: Any) -> None:
    body = {
        "code": "gov-630102",
        "name_zh": "城东区人民政府",
        "kind": "government",
        "region": "630102",
        "parent": "gov-630100",
    }
    response = post(client_for(actors.admin), body)
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == "gov-630100"
    assert response.json()["uscc"] == ""


def test_enterprises_need_a_credit_code(client_for: Any, actors: Any) -> None:
    response = post(client_for(actors.coordinator), enterprise("ent-none", ""))
    assert response.status_code == 422
    assert [item["loc"] for item in response.json()["detail"]] == [["body", "uscc"]]
    assert not Organization.objects.filter(code="ent-none").exists()


def test_prefecture_user_creates_non_government_organizations_in_its_region(
    client_for: Any, actors: Any, new_uscc: Any
) -> None:
    client = client_for(actors.xining_reporter)
    # A county of Xining is inside the region.
    assert post(client, enterprise("ent-huangzhong", new_uscc(), "630106")).status_code == 201
    assert post(client, enterprise("ent-haixi", new_uscc(), "632800")).status_code == 403
    government = {
        "code": "gov-630103",
        "name_zh": "城中区人民政府",
        "kind": "government",
        "region": "630103",
    }
    assert post(client, government).status_code == 403
    assert not Organization.objects.filter(code__in=["ent-haixi", "gov-630103"]).exists()


def test_other_roles_cannot_create(client_for: Any, actors: Any, new_uscc: Any) -> None:
    for user in (actors.iit_reporter, actors.enterprise_user, actors.bank_user, actors.auditor):
        response = post(client_for(user), enterprise(f"ent-{user.username}", new_uscc()))
        assert response.status_code == 403, user.username
    assert not Organization.objects.filter(code__startswith="ent-t-").exists()
    assert (
        not AuditEntry.objects.filter(object_type="orgs.organization")
        .exclude(action="load")
        .exists()
    )
