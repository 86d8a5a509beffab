"""Who sees which organizations through GET /api/orgs and GET /api/orgs/{code}."""

from __future__ import annotations

from typing import Any

from greenloop.orgs.models import GOVERNMENT_KINDS, Organization


def codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["items"]}


def test_anonymous_callers_must_log_in(client_for: Any, actors: Any) -> None:
    client = client_for(None)
    assert client.get("/api/orgs").status_code == 401
    assert client.get("/api/orgs/qh-drc").status_code == 401


def test_department_user_reads_the_government_directory_not_the_enterprise(
    client_for: Any, actors: Any
) -> None:
    client = client_for(actors.iit_reporter)
    listed = codes(client.get("/api/orgs?limit=1000"))
    government = set(
        Organization.objects.filter(kind__in=GOVERNMENT_KINDS).values_list("code", flat=True)
    )
    assert listed == government
    assert {"qh-drc", "qh-eco", "gov-630100", "gov-632800"} <= listed
    eco = client.get("/api/orgs/qh-eco")
    assert eco.status_code == 200
    assert eco.json()["kind"] == "department"
    assert client.get(f"/api/orgs/{actors.enterprise.code}").status_code == 404
    assert client.get(f"/api/orgs/{actors.bank.code}").status_code == 404


def test_enterprise_user_sees_itself_and_the_directory_only(client_for: Any, actors: Any) -> None:
    client = client_for(actors.enterprise_user)
    own = client.get(f"/api/orgs/{actors.enterprise.code}")
    assert own.status_code == 200
    assert own.json()["uscc"] == actors.enterprise.uscc
    assert client.get(f"/api/orgs/{actors.haixi_enterprise.code}").status_code == 404
    listed = codes(client.get("/api/orgs?limit=1000"))
    assert actors.enterprise.code in listed
    assert actors.bank.code not in listed


def test_prefecture_user_sees_organizations_of_its_region_only(
    client_for: Any, actors: Any
) -> None:
    client = client_for(actors.xining_reporter)
    assert client.get(f"/api/orgs/{actors.enterprise.code}").status_code == 200
    assert client.get(f"/api/orgs/{actors.haixi_enterprise.code}").status_code == 404
    listed = codes(client.get("/api/orgs?kind=enterprise&limit=1000"))
    assert listed == {actors.enterprise.code}


def test_auditor_and_coordinator_read_everything(client_for: Any, actors: Any) -> None:
    total = Organization.objects.count()
    for user in (actors.auditor, actors.coordinator, actors.admin):
        client = client_for(user)
        response = client.get("/api/orgs?limit=1000")
        assert response.json()["count"] == total
        assert client.get(f"/api/orgs/{actors.haixi_enterprise.code}").status_code == 200


def test_filters_and_paging(client_for: Any, actors: Any) -> None:
    client = client_for(actors.auditor)
    haixi = codes(client.get("/api/orgs?region=632800&limit=1000"))
    assert {"gov-632800", actors.haixi_enterprise.code} <= haixi
    assert actors.enterprise.code not in haixi
    assert codes(client.get("/api/orgs?kind=financial")) == {actors.bank.code}
    assert "qh-eco" in codes(client.get("/api/orgs?q=生态环境"))
    assert codes(client.get("/api/orgs?q=ecology")) >= {"qh-eco"}
    assert codes(client.get(f"/api/orgs?q={actors.bank.uscc}")) == {actors.bank.code}
    assert codes(client.get("/api/orgs?region=999999")) == set()

    first = client.get("/api/orgs?limit=5&offset=0").json()
    second = client.get("/api/orgs?limit=5&offset=5").json()
    assert len(first["items"]) == 5
    assert first["count"] == second["count"] == Organization.objects.count()
    assert not {i["code"] for i in first["items"]} & {i["code"] for i in second["items"]}


def test_output_fields(client_for: Any, actors: Any) -> None:
    body = client_for(actors.coordinator).get("/api/orgs/qh-energy").json()
    stored = Organization.objects.get(code="qh-energy")
    assert body["region"] == stored.region.code
    assert body["parent"] == (stored.parent.code if stored.parent else None)
    assert body["name"] == stored.name_zh  # Chinese by default
    english = client_for(actors.coordinator).get("/api/orgs/qh-energy", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["name"] == stored.name_en
    assert english.json()["kind_label"] != body["kind_label"]
    for field in ("uscc", "industry_code", "address", "contact_name", "contact_phone", "duties"):
        assert body[field] == getattr(stored, field)
    assert body["is_active"] is True
