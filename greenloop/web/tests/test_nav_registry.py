"""The navigation registry: entries declared on AppConfigs, filtered, ordered, marked."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from greenloop.web.nav import NavItem, nav_for
from greenloop.web.tests.html import nav_links

pytestmark = pytest.mark.django_db

AUDITORS = frozenset({"auditor", "admin"})


@pytest.fixture
def extra_items(monkeypatch: pytest.MonkeyPatch) -> list[NavItem]:
    """Adds entries to the web app's own declaration for the length of one test."""
    config = apps.get_app_config("web")
    items = [
        *config.nav_items,  # type: ignore[attr-defined]
        NavItem(label="Audit (test)", url_name="audit-list", roles=AUDITORS, order=50),
        NavItem(label="Not built yet (test)", url_name="no-such-page", order=1),
        NavItem(label="Password (test)", url_name="password_change", order=20),
    ]
    monkeypatch.setattr(config, "nav_items", items)
    return items


def labels(client: Client, path: str) -> list[str]:
    return [link.text for link in nav_links(client.get(path).content.decode())]


def test_home_entry_is_declared_by_the_web_app_and_current_on_home(client: Client) -> None:
    links = nav_links(client.get("/").content.decode())
    home = [link for link in links if link.attrs.get("href") == reverse("home")]
    assert len(home) == 1
    assert home[0].attrs.get("aria-current") == "page"


def test_entries_whose_url_does_not_reverse_are_left_out(
    extra_items: list[NavItem], client: Client
) -> None:
    shown = labels(client, "/")
    assert "Password (test)" in shown
    assert "Not built yet (test)" not in shown


def test_role_limited_entries_show_only_to_those_roles(
    extra_items: list[NavItem], client_for: Any, actors: Any
) -> None:
    assert "Audit (test)" not in labels(client_for(None), "/")
    assert "Audit (test)" not in labels(client_for(actors.iit_reporter), "/")
    assert "Audit (test)" in labels(client_for(actors.auditor), "/")
    assert "Audit (test)" in labels(client_for(actors.admin), "/")  # superuser counts as admin


def test_entries_follow_their_order(
    extra_items: list[NavItem], client_for: Any, actors: Any
) -> None:
    shown = labels(client_for(actors.auditor), "/")
    ours = {str(item.label) for item in extra_items}
    expected = [
        str(item.label)
        for item in sorted(extra_items, key=lambda item: item.order)
        if item.url_name != "no-such-page"
    ]
    # Other apps declare entries too: ours keep their order among them.
    assert [label for label in shown if label in ours] == expected


def test_only_the_entry_of_the_current_page_is_marked(
    extra_items: list[NavItem], client_for: Any, actors: Any
) -> None:
    html = client_for(actors.auditor).get(reverse("audit-list")).content.decode()
    current = [link.text for link in nav_links(html) if link.attrs.get("aria-current") == "page"]
    assert current == ["Audit (test)"]


def test_pages_below_an_entry_mark_that_entry() -> None:
    items = [NavItem(label="Home", url_name="home", order=0), NavItem("Login", "login", order=1)]
    links = nav_for(None, reverse("login"), items=items)
    assert [(link.label, link.active) for link in links] == [("Home", False), ("Login", True)]
    below = nav_for(None, reverse("login") + "more/", items=items)
    assert [link.active for link in below] == [False, True]
