"""Recording the audit trail. Services call :func:`record` inside their transaction."""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models

from greenloop.accounts.models import AuditAction, AuditEntry

# The client address of the request being served, set by AuditContextMiddleware.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "greenloop_audit_ip", default=None
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


SECRET_FIELDS = frozenset({"password"})


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-ready data (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    return data


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry. ``actor`` may be None for the system (``greenloop load``)."""
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    user = actor if getattr(actor, "pk", None) is not None else None
    org = getattr(user, "organization", None) if user is not None else None
    return AuditEntry.objects.create(
        actor=user,
        actor_username=getattr(user, "username", "") or "system",
        actor_org_code=getattr(org, "code", "") or "",
        action=action,
        object_type=object_type or "",
        object_id=object_id,
        object_repr=object_repr[:255],
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        ip_address=current_ip.get(),
        message=message[:255],
    )


def save_with_audit(
    *, actor: Any, obj: models.Model, changes: dict[str, Any], exclude: tuple[str, ...] = ()
) -> None:
    """Apply ``changes`` to ``obj``, validate, save and record the values before and after.

    Call inside the service's transaction, after its own validation and permission checks.
    """
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=list(exclude))
    obj.save()
    record(actor=actor, action=AuditAction.UPDATE, obj=obj, before=before, after=snapshot(obj))


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(key for key in after if before.get(key) != after.get(key))
