"""Session-authenticated writes need the CSRF token."""

from __future__ import annotations

from typing import Any

from django.test import Client

from greenloop.orgs.models import Organization


def test_a_write_without_the_csrf_token_is_refused(actors: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(actors.coordinator, backend="django.contrib.auth.backends.ModelBackend")
    response = client.patch(
        "/api/orgs/qh-eco", {"address": "西宁市"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Organization.objects.get(code="qh-eco").address == ""

    # With a token in the cookie and the same one in the header, the write goes through.
    token = "greenloopcsrftokenforthetest0001"  # a 32-character secret, as Django stores it
    client.cookies["csrftoken"] = token
    response = client.patch(
        "/api/orgs/qh-eco",
        {"address": "西宁市"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content
    assert Organization.objects.get(code="qh-eco").address == "西宁市"
