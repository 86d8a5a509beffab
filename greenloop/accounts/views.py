"""Pages: password change (clears a one-time password) and the audit trail browser."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.utils.dateparse import parse_date
from django.views.generic import TemplateView

from greenloop.accounts import audit, selectors
from greenloop.accounts.models import AuditAction, User


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


class AuditListView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/audit_list.html"
    page_size = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if not selectors.can_browse_audit(self.request.user):
            raise PermissionDenied
        params = self.request.GET
        since = parse_date(params.get("since", "") or "")
        until = parse_date(params.get("until", "") or "")
        entries = selectors.audit_entries(
            user=self.request.user,
            actor=params.get("actor") or None,
            action=params.get("action") or None,
            object_type=params.get("object_type") or None,
            since=dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC) if since else None,
            until=(
                dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
                if until
                else None
            ),
        )
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
