from django.contrib import admin

from greenloop.core.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are written by their runner only; the admin site shows them."""

    list_display = ["created_at", "kind", "label", "owner", "status", "done", "total"]
    list_filter = ["status", "kind"]
    search_fields = ["label", "kind", "owner__username"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
