"""Error pages: 403 and 404 inside the shell, 500 standalone (no context, no database)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from greenloop.web.tests.html import find_all


def translated(message: str, language: str = "zh-hans") -> str:
    with translation.override(language):
        return str(translation.gettext(message))


@pytest.mark.django_db
def test_404_is_drawn_in_the_shell_in_chinese(client: Client) -> None:
    response = client.get("/no-such-page-anywhere/")
    assert response.status_code == 404
    html = response.content.decode()
    assert find_all(html, "html")[0].attrs["lang"] == "zh-hans"
    assert [h.text for h in find_all(html, "h1")] == [translated("Page not found")]
    assert find_all(html, "nav"), "the navigation is there"
    assert find_all(html, "a", href=reverse("home"))


@pytest.mark.django_db
def test_404_in_english(client: Client) -> None:
    response = client.get("/no-such-page-anywhere/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert [h.text for h in find_all(response.content.decode(), "h1")] == ["Page not found"]


def test_403_is_drawn_in_the_shell(client_for: Any, actors: Any) -> None:
    # A department reporter may not browse the audit trail.
    response = client_for(actors.iit_reporter).get(reverse("audit-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert [h.text for h in find_all(html, "h1")] == [translated("Access denied")]
    assert actors.iit_reporter.username in html  # the header still shows who is logged in


def test_500_renders_without_a_database_or_context_processors() -> None:
    # No db fixture: any query would fail the test. server_error renders with no request context,
    # in the language LocaleMiddleware activated for the failed request.
    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert [h.text for h in find_all(html, "h1")] == [translated("Server error")]
    assert find_all(html, "link", rel="stylesheet")
    with translation.override("en"):
        english = server_error(RequestFactory().get("/")).content.decode()
    assert [h.text for h in find_all(english, "h1")] == ["Server error"]
