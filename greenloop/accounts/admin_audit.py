"""Saves made in the Django admin go into the audit trail like any other write."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction


class AuditedAdminMixin:
    """Mix into a ModelAdmin: every save records the values before and after."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        audit.record(
            actor=request.user,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            obj=obj,
            before=before,
            after=audit.snapshot(obj),
            message="admin",
        )
