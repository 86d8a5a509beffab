"""Pages: password change (clears a one-time password) and the audit trail browser."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from greenloop.accounts import audit, selectors
from greenloop.accounts.models import AuditAction, AuditEntry, User


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        user = cast(User, self.request.user)
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=user,
            message="password changed",
        )
        return response


def _day(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD filter value; anything else is ignored rather than failing the page."""
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def filtered_audit(request: HttpRequest) -> QuerySet[AuditEntry]:
    """The audit entries the request's filters select (dates in the platform's time zone)."""
    if not selectors.can_browse_audit(request.user):
        raise PermissionDenied
    params = request.GET
    zone = timezone.get_current_timezone()
    since, until = _day(params.get("since")), _day(params.get("until"))
    return selectors.audit_entries(
        user=request.user,
        actor=params.get("actor") or None,
        action=params.get("action") or None,
        object_type=params.get("object_type") or None,
        since=dt.datetime.combine(since, dt.time.min, tzinfo=zone) if since else None,
        until=(
            dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
            if until
            else None
        ),
    )


class AuditListView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/audit_list.html"
    page_size = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entries = filtered_audit(self.request)
        params = self.request.GET
        page = Paginator(entries, self.page_size).get_page(params.get("page"))
        context = super().get_context_data(**kwargs)
        query = params.copy()
        query.pop("page", None)
        context.update(
            page=page,
            actions=AuditAction.choices,
            filters=params,
            query=query.urlencode(),
        )
        return context


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered audit trail as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese)."""
    entries = filtered_audit(request).iterator(chunk_size=2000)
    writer = csv.writer(_Echo())
    header = [
        _("Time"),
        _("User"),
        _("Organization"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Before"),
        _("After"),
        _("IP address"),
        _("Note"),
    ]
    zone = timezone.get_current_timezone()

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        for entry in entries:
            yield writer.writerow(
                [
                    entry.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.actor_username,
                    entry.actor_org_code,
                    entry.get_action_display(),
                    entry.object_type,
                    entry.object_id,
                    entry.object_repr,
                    json.dumps(entry.before, ensure_ascii=False)
                    if entry.before is not None
                    else "",
                    json.dumps(entry.after, ensure_ascii=False) if entry.after is not None else "",
                    entry.ip_address or "",
                    entry.message,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
