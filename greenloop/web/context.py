"""Template context for the shell: navigation entries, the languages, who is logged in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from greenloop.web.nav import nav_for


def _lockout_minutes() -> int:
    """How long django-axes locks a user name out, in minutes (its setting is in hours)."""
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(cool_off, dt.timedelta):
        return int(cool_off.total_seconds() // 60)
    if isinstance(cool_off, int | float):
        return int(cool_off * 60)
    return 0


def _account(user: Any) -> dict[str, str] | None:
    """Name, organization and role of a logged-in user, as the header shows them."""
    if not getattr(user, "is_authenticated", False):
        return None
    from greenloop.accounts.models import Role
    from greenloop.accounts.permissions import role_of

    role = role_of(user)
    organization = getattr(user, "organization", None)
    return {
        "name": user.get_full_name() or user.get_username(),
        "organization": organization.name if organization is not None else "",
        "role": str(Role(role).label) if role in Role.values else "",
    }


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_links": nav_for(user, request.path),
        "languages": settings.LANGUAGES,
        "account": _account(user),
        "province_code": settings.GREENLOOP_PROVINCE,
        "login_failure_limit": getattr(settings, "AXES_FAILURE_LIMIT", 0),
        "lockout_minutes": _lockout_minutes(),
    }
