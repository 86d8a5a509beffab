"""Who may see and change what. Every service and API endpoint asks these questions.

The rules, in one place:
- platform administrators see and change everything;
- the coordinator (provincial DRC) and auditors see everything; auditors change nothing;
- everyone else acts for one organization: they see and change their organization's items;
- prefecture users also see and change the items of organizations in their region.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from greenloop.accounts.models import Role

READ_ALL_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.AUDITOR})
REGION_ROLES = frozenset({Role.PREFECTURE_REPORTER})


def role_of(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    return getattr(user, "role", None) or None


def is_admin(user: Any) -> bool:
    return role_of(user) == Role.ADMIN


def is_auditor(user: Any) -> bool:
    return role_of(user) == Role.AUDITOR


def reads_everything(user: Any) -> bool:
    return role_of(user) in READ_ALL_ROLES


def region_scope(user: Any) -> Any | None:
    """The region a prefecture user is limited to (their organization's region)."""
    if role_of(user) in REGION_ROLES and user.organization_id:
        return user.organization.region
    return None


def region_within(region: Any, scope: Any) -> bool:
    """True when ``region`` is ``scope`` or lies inside it (follows parent links)."""
    node = region
    while node is not None:
        if node.pk == scope.pk:
            return True
        node = node.parent
    return False


def can_view_owned(user: Any, owner: Any) -> bool:
    """May ``user`` see an item that belongs to organization ``owner``?"""
    if role_of(user) is None:
        return False
    if reads_everything(user):
        return True
    if owner is None:
        return False
    if user.organization_id and user.organization_id == owner.pk:
        return True
    scope = region_scope(user)
    return scope is not None and region_within(owner.region, scope)


def can_change_owned(user: Any, owner: Any) -> bool:
    """May ``user`` change an item that belongs to organization ``owner``?"""
    role = role_of(user)
    if role is None or role == Role.AUDITOR:
        return False
    if role == Role.ADMIN:
        return True
    if role == Role.COORDINATOR:
        return False if owner is None else user.organization_id == owner.pk
    return owner is not None and can_view_owned(user, owner)


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message or "permission denied")


rules.add_perm(
    "accounts.view_audit", rules.predicate(lambda user: role_of(user) in {Role.ADMIN, Role.AUDITOR})
)
