"""Reads of users and the audit trail, already limited to what the asking user may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from greenloop.accounts.models import AuditEntry, Role, User
from greenloop.accounts.permissions import reads_everything, require, role_of


def can_browse_audit(user: Any) -> bool:
    return role_of(user) in {Role.ADMIN, Role.AUDITOR}


def audit_entries(
    *,
    user: Any,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries matching the filters; administrators and auditors only."""
    require(can_browse_audit(user), "only administrators and auditors browse the audit trail")
    entries = AuditEntry.objects.all()
    if actor:
        entries = entries.filter(actor_username=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if since:
        entries = entries.filter(at__gte=since)
    if until:
        entries = entries.filter(at__lt=until)
    return entries


def visible_users(user: Any) -> QuerySet[User]:
    """Everyone for administrators, coordinator and auditors; otherwise one's colleagues."""
    users = User.objects.select_related("organization").order_by("username")
    if reads_everything(user):
        return users
    if user.organization_id is None:
        return users.filter(pk=user.pk)
    return users.filter(organization_id=user.organization_id)
