"""Admin for platform administrators. Its form runs the services' checks; saves are audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from greenloop.accounts.admin_audit import AuditedAdminMixin
from greenloop.accounts.permissions import is_admin
from greenloop.orgs import services
from greenloop.orgs.models import Organization


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ("code", *services.FIELDS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        instance = self.instance if self.instance.pk else None
        values = {name: data[name] for name in self.changed_data if name in data}
        if instance is None:
            values = {name: data.get(name) for name in self.Meta.fields}
        cleaned, errors = services.check_fields(values, instance=instance)
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        data.update({key: value for key, value in cleaned.items() if key not in errors})
        return data


@admin.register(Organization)
class OrganizationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = OrganizationForm
    list_display = ("code", "name_zh", "kind", "region", "uscc", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name_zh", "name_en", "short_name_zh", "uscc")
    raw_id_fields = ("parent",)
    readonly_fields = ("created_at", "updated_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The code is a stable identifier used by data files and imports.
        return (*self.readonly_fields, "code") if obj is not None else self.readonly_fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # organizations are deactivated, never deleted
