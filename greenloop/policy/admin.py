"""Read-only admin views: every write of the policy domain goes through its services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from greenloop.policy.models import (
    Measure,
    Part,
    PolicyDocument,
    ProgressReport,
    ReportRevision,
    Task,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "status", "region")


@admin.register(Part)
class PartAdmin(ReadOnlyAdmin):
    list_display = ("code", "number", "title")


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ("code", "number", "title", "part")


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("code", "sequence", "title", "period", "division_status")
    list_filter = ("period", "division_status", "measure")
    search_fields = ("code", "title")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ("task", "year", "department", "state", "status", "percent", "demonstration")
    list_filter = ("year", "state", "status", "demonstration")


@admin.register(ReportRevision)
class ReportRevisionAdmin(ReadOnlyAdmin):
    list_display = ("report", "number", "event", "state", "actor_username", "created_at")
