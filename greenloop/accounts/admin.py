"""Admin for platform administrators. The audit trail is read-only there too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.admin_audit import AuditedAdminMixin
from greenloop.accounts.models import AuditEntry, User


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ("username", "role", "organization", "is_active", "last_login")
    list_filter = ("role", "is_active", "organization__kind")
    search_fields = ("username", "email", "organization__name_zh", "organization__code")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Role"), {"fields": ("role", "organization", "must_change_password")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role"), {"fields": ("role", "organization")}),
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_username", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "object_repr", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
