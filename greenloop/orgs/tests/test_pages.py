"""The directory page and an organization's page."""

from __future__ import annotations

from typing import Any

from greenloop.accounts.models import Role
from greenloop.orgs.apps import OrgsConfig
from greenloop.orgs.models import Organization


def test_pages_need_a_login(client_for: Any, actors: Any) -> None:
    client = client_for(None)
    for url in ("/orgs/", "/orgs/qh-drc/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_department_user_sees_the_directory_without_enterprises(
    client_for: Any, actors: Any
) -> None:
    page = client_for(actors.iit_reporter).get("/orgs/").content.decode()
    assert Organization.objects.get(code="qh-eco").name_zh in page
    assert Organization.objects.get(code="gov-632800").name_zh in page
    assert actors.enterprise.name_zh not in page
    response = client_for(actors.iit_reporter).get(f"/orgs/{actors.enterprise.code}/")
    assert response.status_code == 404


def test_the_directory_filters_by_kind(client_for: Any, actors: Any) -> None:
    client = client_for(actors.xining_reporter)
    page = client.get("/orgs/?kind=enterprise").content.decode()
    assert actors.enterprise.name_zh in page
    assert actors.haixi_enterprise.name_zh not in page
    assert Organization.objects.get(code="qh-eco").name_zh not in page
    governments = client.get("/orgs/?kind=government").content.decode()
    assert Organization.objects.get(code="gov-630100").name_zh in governments
    assert actors.enterprise.name_zh not in governments


def test_an_organization_page_in_both_languages(client_for: Any, actors: Any) -> None:
    energy = Organization.objects.get(code="qh-energy")
    client = client_for(actors.enterprise_user)
    chinese = client.get("/orgs/qh-energy/")
    assert chinese.status_code == 200
    assert energy.name_zh in chinese.content.decode()
    assert energy.duties in chinese.content.decode()
    english = client.get("/orgs/qh-energy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<h1>{energy.name_en}</h1>" in english.replace("&#x27;", "'")
    own = client.get(f"/orgs/{actors.enterprise.code}/").content.decode()
    assert actors.enterprise.uscc in own


def test_the_menu_entry_is_for_signed_in_roles(client_for: Any, actors: Any) -> None:
    (item,) = OrgsConfig.nav_items
    assert item.roles == frozenset(Role.values)
