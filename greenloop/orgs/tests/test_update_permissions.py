"""PATCH /api/orgs/{code}: who may change what; refused changes leave everything as it was."""

from __future__ import annotations

from typing import Any

from greenloop.accounts import audit
from greenloop.accounts.models import AuditEntry
from greenloop.orgs.models import Organization


def patch(client: Any, code: str, body: dict[str, Any], **headers: str) -> Any:
    return client.patch(f"/api/orgs/{code}", body, content_type="application/json", **headers)


def entries_for(org: Organization) -> Any:
    return AuditEntry.objects.filter(object_type="orgs.organization", object_id=str(org.pk))


def test_department_user_cannot_change_another_department(client_for: Any, actors: Any) -> None:
    eco = Organization.objects.get(code="qh-eco")
    before = audit.snapshot(eco)
    response = patch(client_for(actors.iit_reporter), "qh-eco", {"contact_phone": "0971-1234567"})
    assert response.status_code == 403
    eco.refresh_from_db()
    assert audit.snapshot(eco) == before
    assert not entries_for(eco).exists()


def test_own_organization_profile_update_is_audited(client_for: Any, actors: Any) -> None:
    org = actors.enterprise
    before = audit.snapshot(org)
    response = patch(
        client_for(actors.enterprise_user),
        org.code,
        {"contact_name": "王工", "contact_phone": "0971-8800000", "industry_code": "d4415"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["contact_phone"] == "0971-8800000"
    assert body["industry_code"] == "D4415"
    org.refresh_from_db()
    assert (org.contact_name, org.industry_code) == ("王工", "D4415")
    entry = entries_for(org).get()
    assert entry.action == "update"
    assert entry.actor_username == actors.enterprise_user.username
    assert entry.before is not None and entry.after is not None
    assert entry.before["contact_phone"] == before["contact_phone"]
    assert entry.after["contact_phone"] == "0971-8800000"
    assert entry.after["industry_code"] == "D4415"


def test_department_member_updates_own_duties(client_for: Any, actors: Any) -> None:
    response = patch(client_for(actors.iit_reviewer), "qh-iit", {"address": "西宁市城西区"})
    assert response.status_code == 200
    assert Organization.objects.get(code="qh-iit").address == "西宁市城西区"


def test_own_members_cannot_change_identity_fields(
    client_for: Any, actors: Any, new_uscc: Any
) -> None:
    org = actors.enterprise
    before = audit.snapshot(org)
    client = client_for(actors.enterprise_user)
    for change in (
        {"uscc": new_uscc()},
        {"kind": "park"},
        {"region": "632800"},
        {"name_zh": "改名"},
    ):
        assert patch(client, org.code, change).status_code == 403, change
    org.refresh_from_db()
    assert audit.snapshot(org) == before
    assert not entries_for(org).exists()


def test_prefecture_user_edits_enterprises_of_its_region_only(
    client_for: Any, actors: Any, new_uscc: Any
) -> None:
    client = client_for(actors.xining_reporter)
    uscc = new_uscc()
    response = patch(client, actors.enterprise.code, {"uscc": uscc, "address": "湟中区"})
    assert response.status_code == 200, response.content
    assert Organization.objects.get(pk=actors.enterprise.pk).uscc == uscc

    haixi_before = audit.snapshot(actors.haixi_enterprise)
    assert patch(client, actors.haixi_enterprise.code, {"address": "x"}).status_code == 404
    actors.haixi_enterprise.refresh_from_db()
    assert audit.snapshot(actors.haixi_enterprise) == haixi_before

    # It may not move an enterprise out of its region, nor change a department.
    assert patch(client, actors.enterprise.code, {"region": "632800"}).status_code == 403
    assert Organization.objects.get(pk=actors.enterprise.pk).region.code == "630100"
    assert patch(client, "qh-eco", {"address": "x"}).status_code == 403


def test_auditor_reads_but_changes_nothing(client_for: Any, actors: Any) -> None:
    client = client_for(actors.auditor)
    for org in (actors.enterprise, Organization.objects.get(code="qh-drc")):
        before = audit.snapshot(org)
        assert client.get(f"/api/orgs/{org.code}").status_code == 200
        assert patch(client, org.code, {"contact_name": "审计"}).status_code == 403
        org.refresh_from_db()
        assert audit.snapshot(org) == before


def test_coordinator_and_admin_change_any_organization(client_for: Any, actors: Any) -> None:
    response = patch(client_for(actors.coordinator), "qh-eco", {"short_name_zh": "生态环境厅"})
    assert response.status_code == 200
    response = patch(client_for(actors.admin), actors.haixi_enterprise.code, {"is_active": False})
    assert response.status_code == 200
    assert response.json()["is_active"] is False


def test_a_patch_that_changes_nothing_writes_no_audit_entry(client_for: Any, actors: Any) -> None:
    org = actors.enterprise
    response = patch(client_for(actors.enterprise_user), org.code, {"uscc": org.uscc})
    assert response.status_code == 200
    assert not entries_for(org).exists()


def test_the_code_cannot_be_changed(client_for: Any, actors: Any) -> None:
    response = patch(client_for(actors.admin), "qh-eco", {"code": "qh-eco2"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "code"]
    assert Organization.objects.filter(code="qh-eco").exists()


def test_a_parent_cycle_is_refused(client_for: Any, actors: Any) -> None:
    client = client_for(actors.coordinator)
    assert patch(client, "qh-energy", {"parent": "qh-drc"}).status_code == 200
    response = patch(client, "qh-drc", {"parent": "qh-energy"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "parent"]
    assert Organization.objects.get(code="qh-drc").parent is None
