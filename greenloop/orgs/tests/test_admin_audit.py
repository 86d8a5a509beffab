"""The admin: administrators only; its saves are checked like the API's and audited."""

from __future__ import annotations

from typing import Any

from greenloop.accounts.models import AuditEntry
from greenloop.orgs.models import Organization


def form_data(org: Organization, **changes: Any) -> dict[str, Any]:
    data = {
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "short_name_zh": org.short_name_zh,
        "kind": org.kind,
        "region": org.region_id,
        "parent": org.parent_id or "",
        "uscc": org.uscc,
        "industry_code": org.industry_code,
        "address": org.address,
        "contact_name": org.contact_name,
        "contact_phone": org.contact_phone,
        "duties": org.duties,
        "source": org.source,
    }
    if org.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return data


def test_only_administrators_use_the_organization_admin(client_for: Any, actors: Any) -> None:
    url = f"/admin/orgs/organization/{actors.enterprise.pk}/change/"
    assert client_for(actors.admin).get(url).status_code == 200
    for user in (actors.coordinator, actors.auditor):
        user.is_staff = True
        user.save()
        assert client_for(user).get(url).status_code in (302, 403)


def test_an_admin_change_is_audited_with_before_and_after(client_for: Any, actors: Any) -> None:
    org = actors.enterprise
    url = f"/admin/orgs/organization/{org.pk}/change/"
    response = client_for(actors.admin).post(url, form_data(org, address="西宁市城北区"))
    assert response.status_code == 302, response.content.decode()[:2000]
    org.refresh_from_db()
    assert org.address == "西宁市城北区"
    entry = AuditEntry.objects.get(object_type="orgs.organization", object_id=str(org.pk))
    assert entry.action == "update"
    assert entry.before is not None and entry.before["address"] == ""
    assert entry.after is not None and entry.after["address"] == "西宁市城北区"


def test_the_admin_refuses_an_invalid_credit_code(client_for: Any, actors: Any) -> None:
    org = actors.enterprise
    bad = org.uscc[:17] + ("0" if org.uscc[17] != "0" else "1")
    url = f"/admin/orgs/organization/{org.pk}/change/"
    response = client_for(actors.admin).post(url, form_data(org, uscc=bad))
    assert response.status_code == 200  # the form again, with the error
    assert "errorlist" in response.content.decode()
    org.refresh_from_db()
    assert org.uscc != bad
    assert (
        not AuditEntry.objects.filter(object_type="orgs.organization")
        .exclude(action="load")
        .exists()
    )
