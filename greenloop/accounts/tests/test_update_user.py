"""Administrators change, deactivate and reset users; everything is validated and audited."""

from __future__ import annotations

import json

from django.test import Client

from greenloop.accounts.models import AuditEntry, User


def patch(client, username, payload, **headers):
    return client.patch(
        f"/api/users/{username}",
        data=json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def test_admin_moves_a_user_to_another_department(actors, client_for):
    response = patch(
        client_for(actors.admin), actors.iit_reporter.username, {"organization": "qh-eco"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["organization"] == "qh-eco"
    entry = AuditEntry.objects.filter(
        object_id=str(actors.iit_reporter.pk), action="update"
    ).latest("id")
    assert entry.before is not None and entry.after is not None
    assert entry.before["organization_id"] != entry.after["organization_id"]


def test_deactivated_users_cannot_log_in(actors, client_for):
    assert (
        patch(
            client_for(actors.admin), actors.eco_reporter.username, {"is_active": False}
        ).status_code
        == 200
    )
    from greenloop.conftest import PASSWORD

    response = Client().post(
        "/accounts/login/", {"username": actors.eco_reporter.username, "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, with an error
    assert not response.wsgi_request.user.is_authenticated


def test_role_and_organization_must_still_fit(actors, client_for):
    response = patch(
        client_for(actors.admin),
        actors.xining_reporter.username,
        {"role": "dept_reporter"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "organization"]
    assert User.objects.get(pk=actors.xining_reporter.pk).role == "prefecture_reporter"


def test_an_administrator_cannot_remove_their_own_access(actors, client_for):
    response = patch(client_for(actors.admin), actors.admin.username, {"is_active": False})
    assert response.status_code == 422
    assert User.objects.get(pk=actors.admin.pk).is_active


def test_only_administrators_change_users(actors, client_for):
    for user in (actors.coordinator, actors.auditor, actors.iit_reviewer):
        response = patch(client_for(user), actors.iit_reporter.username, {"is_active": False})
        assert response.status_code in (403, 404), user.username
    assert User.objects.get(pk=actors.iit_reporter.pk).is_active
    # Another organization's user is not even visible to a department user.
    assert (
        client_for(actors.eco_reporter)
        .get(f"/api/users/{actors.iit_reporter.username}")
        .status_code
        == 404
    )


def test_password_reset_issues_a_one_time_password(actors, client_for):
    response = client_for(actors.admin).post(
        f"/api/users/{actors.bank_user.username}/password-reset"
    )
    assert response.status_code == 200
    password = response.json()["one_time_password"]
    user = User.objects.get(pk=actors.bank_user.pk)
    assert user.check_password(password) and user.must_change_password
    refused = client_for(actors.auditor).post(
        f"/api/users/{actors.bank_user.username}/password-reset"
    )
    assert refused.status_code == 403
    assert User.objects.get(pk=actors.bank_user.pk).check_password(password)


def test_the_admin_site_checks_role_and_organization(actors, client_for):
    from greenloop.orgs.models import Organization

    before = User.objects.count()
    response = client_for(actors.admin).post(
        "/admin/accounts/user/add/",
        {
            "username": "admin-made",
            "role": "enterprise",
            "organization": Organization.objects.get(code="qh-iit").pk,
            "password1": "Kunlun-mountains-6860",
            "password2": "Kunlun-mountains-6860",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert User.objects.count() == before
    assert "不能代表" in response.content.decode()
