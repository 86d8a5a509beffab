"""Logging in and out, throttling of failed logins, one-time passwords."""

from __future__ import annotations

from django.test import Client

from greenloop.accounts.models import AuditEntry, User
from greenloop.accounts.services import ensure_admin
from greenloop.conftest import PASSWORD


def login(client: Client, username: str, password: str, ip: str = "10.9.8.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_and_logout_are_audited(actors):
    client = Client()
    response = login(client, actors.iit_reporter.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/api/me").json()["username"] == actors.iit_reporter.username
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/api/me").status_code == 401
    actions = set(
        AuditEntry.objects.filter(actor=actors.iit_reporter).values_list("action", flat=True)
    )
    assert {"login", "logout"} <= actions


def test_repeated_failures_lock_the_user_name_from_that_address(actors, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, actors.eco_reporter.username, "wrong-password").status_code == 200
    # The failure that reaches the limit locks the pair; even the right password is refused.
    assert login(client, actors.eco_reporter.username, "wrong-password").status_code == 429
    locked = login(client, actors.eco_reporter.username, PASSWORD)
    assert locked.status_code == 429
    assert client.get("/api/me").status_code == 401
    assert AuditEntry.objects.filter(action="login_failed").count() >= settings.AXES_FAILURE_LIMIT
    # Another user from the same address is not locked out.
    assert login(Client(), actors.iit_reporter.username, PASSWORD).status_code == 302


def test_the_generated_administrator_must_change_the_one_time_password(db):
    User.objects.filter(is_superuser=True).update(is_active=False)
    created = ensure_admin()
    assert created is not None
    username, password = created
    assert ensure_admin() is None  # only once
    client = Client()
    assert login(client, username, password).status_code == 302
    assert client.get("/")["Location"].startswith("/accounts/password/")
    assert client.get("/api/me").status_code == 403
    new_password = "Qinghai-lake-3200m"
    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert client.get("/api/me").status_code == 200
    assert not User.objects.get(username=username).must_change_password
