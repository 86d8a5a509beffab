"""Regions in the admin: to look up, not to edit.

Regions are reference data: ``greenloop load`` writes them from the data files (and audits
it), so edits here would bypass the audit trail and be undone by the next load.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from greenloop.geo.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_zh", "name_en", "level", "parent")
    list_display_links = ("code", "name_zh")
    list_filter = ("level",)
    search_fields = ("code", "name_zh", "name_en")
    ordering = ("code",)
    list_select_related = ("parent",)
    fields = (
        "code",
        "name_zh",
        "name_en",
        "level",
        "parent",
        "source",
        "boundary_source",
        "boundary_size",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Region]:
        # Boundaries run to a megabyte each: never load them for lists.
        return super().get_queryset(request).defer("boundary", "parent__boundary")

    @admin.display(description=_("boundary size (characters)"))
    def boundary_size(self, obj: Region) -> int:
        boundary = Region.objects.filter(pk=obj.pk).values_list("boundary", flat=True).first()
        return len(boundary or "")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
