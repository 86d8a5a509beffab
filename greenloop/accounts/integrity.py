"""Integrity of users: every non-administrator acts for an organization that fits the role."""

from __future__ import annotations

from greenloop.accounts.models import Role, User


def check() -> list[str]:
    problems = []
    for user in User.objects.select_related("organization").filter(is_active=True):
        if user.role != Role.ADMIN and not user.is_superuser and user.organization_id is None:
            problems.append(f"user {user.username!r} (role {user.role}) has no organization")
    return problems
