"""The navigation registry: every app declares its menu entries on its AppConfig.

An app adds ``nav_items = [NavItem(...)]`` to its ``AppConfig``; :func:`nav_for` gathers
them for one request. An entry whose URL name does not reverse is left out, so a domain
that is not built (or not installed) yet simply does not appear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise  # gettext_lazy: translated when the menu is drawn
    url_name: str
    roles: frozenset[str] | None = None  # None: everyone, anonymous visitors included
    order: int = 100

    def visible_to(self, role: str | None) -> bool:
        return self.roles is None or (role is not None and role in self.roles)


@dataclass(frozen=True)
class NavLink:
    """One entry as drawn for a request."""

    label: str
    url: str
    active: bool


def declared_items() -> list[NavItem]:
    """Every entry declared by an installed app."""
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav_items", None) or ())
    return items


def _is_active(url: str, path: str) -> bool:
    # The home page is active only on itself; other entries also on the pages below them
    # (the region list stays marked on a region's page).
    return path == url if url == "/" else path.startswith(url)


def nav_for(user: object, path: str, items: Iterable[NavItem] | None = None) -> list[NavLink]:
    """The entries ``user`` may see, with the one for ``path`` marked active."""
    # Imported here: AppConfigs import this module before the models are ready.
    from greenloop.accounts.permissions import role_of

    role = role_of(user)
    links: list[NavLink] = []
    source = declared_items() if items is None else list(items)
    for item in sorted(source, key=lambda item: (item.order, item.url_name)):
        if not item.visible_to(role):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        links.append(NavLink(label=str(item.label), url=url, active=False))
    # Only one entry is current: the one whose URL matches the longest part of the path.
    matching = [link for link in links if _is_active(link.url, path)]
    if matching:
        best = max(matching, key=lambda link: len(link.url))
        links = [NavLink(label=link.label, url=link.url, active=link is best) for link in links]
    return links
