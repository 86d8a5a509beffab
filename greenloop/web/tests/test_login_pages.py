"""Login, lockout and password pages as a user sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from greenloop.conftest import PASSWORD
from greenloop.web.tests.html import find_all, parse

pytestmark = pytest.mark.django_db


def labelled_controls(html: str) -> dict[str, str]:
    """id → label text of every visible form control of the page's main content."""
    elements = parse(html)
    labels = {e.attrs.get("for"): e.text for e in elements if e.tag == "label"}
    controls = [
        e
        for e in elements
        if e.tag in {"input", "select", "textarea"} and e.attrs.get("type") != "hidden"
    ]
    return {c.attrs.get("id", ""): labels.get(c.attrs.get("id"), "") for c in controls}


def test_login_page_has_a_labelled_form(client: Client) -> None:
    response = client.get(reverse("login"))
    assert response.status_code == 200
    controls = labelled_controls(response.content.decode())
    assert {"id_username", "id_password", "language-select"} <= set(controls)
    assert all(controls.values()), controls


def test_a_wrong_password_shows_the_error_and_the_lockout_rule(client: Client, actors: Any) -> None:
    response = client.post(
        reverse("login"),
        {"username": actors.iit_reporter.username, "password": "not-the-password"},
        REMOTE_ADDR="10.20.30.40",
    )
    assert response.status_code == 200
    alerts = [e for e in parse(response.content.decode()) if e.attrs.get("role") == "alert"]
    assert len(alerts) == 1
    assert str(settings.AXES_FAILURE_LIMIT) in alerts[0].text
    assert str(int(settings.AXES_COOLOFF_TIME * 60)) in alerts[0].text


def test_the_header_shows_the_logged_in_user_with_a_logout_form(
    client_for: Any, actors: Any
) -> None:
    html = client_for(actors.iit_reporter).get(reverse("home")).content.decode()
    header = " ".join(e.text for e in find_all(html, "header"))
    assert actors.iit_reporter.username in header
    assert actors.iit_reporter.organization.name_zh in header
    elements = parse(html)
    logout = [e for e in elements if e.tag == "form" and e.attrs.get("action") == reverse("logout")]
    assert len(logout) == 1 and logout[0].attrs["method"] == "post"
    tokens = [e for e in elements if e.attrs.get("name") == "csrfmiddlewaretoken"]
    assert any(token.inside(logout[0]) for token in tokens)
    assert not find_all(html, "a", href=reverse("login"))


def test_repeated_failures_show_the_lockout_page(client: Client, actors: Any) -> None:
    data = {"username": actors.eco_reporter.username, "password": "not-the-password"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), data, REMOTE_ADDR="10.20.30.41")
    response = client.post(
        reverse("login"),
        {"username": actors.eco_reporter.username, "password": PASSWORD},
        REMOTE_ADDR="10.20.30.41",
    )
    assert response.status_code == 429
    html = response.content.decode()
    alert = [e.text for e in parse(html) if e.attrs.get("role") == "alert"]
    assert alert and str(int(settings.AXES_COOLOFF_TIME * 60)) in alert[0]
    assert find_all(html, "nav"), "drawn inside the shell"


def test_password_change_pages_use_the_shell(client_for: Any, actors: Any) -> None:
    client = client_for(actors.iit_reporter)
    form = client.get(reverse("password_change"))
    assert form.status_code == 200
    html = form.content.decode()
    assert find_all(html, "nav"), "drawn inside the shell"
    controls = labelled_controls(html)
    assert {"id_old_password", "id_new_password1", "id_new_password2"} <= set(controls)
    assert all(controls.values()), controls
    new_password = "Salt-lake-Chaka-2025"
    done = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert done.status_code == 200
    assert done.redirect_chain[-1][0] == reverse("password_change_done")
    assert find_all(done.content.decode(), "nav")
