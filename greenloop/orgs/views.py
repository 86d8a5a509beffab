"""Pages: the organization directory (filtered by kind) and one organization's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import TemplateView

from greenloop.orgs import selectors
from greenloop.orgs.models import OrgKind


class DirectoryView(LoginRequiredMixin, TemplateView):
    template_name = "orgs/directory.html"
    page_size = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        kind = params.get("kind") or ""
        if kind not in OrgKind.values:
            kind = ""
        visible = selectors.visible_organizations(self.request.user)
        present = set(visible.values_list("kind", flat=True).distinct())
        orgs = selectors.search_organizations(
            self.request.user, kind=kind or None, q=params.get("q") or None
        )
        page = Paginator(orgs.order_by("kind", "code"), self.page_size).get_page(params.get("page"))
        query = params.copy()
        query.pop("page", None)
        context = super().get_context_data(**kwargs)
        context.update(
            page=page,
            kind=kind,
            kinds=[(value, label) for value, label in OrgKind.choices if value in present],
            q=params.get("q", ""),
            query=query.urlencode(),
        )
        return context


class DetailView(LoginRequiredMixin, TemplateView):
    template_name = "orgs/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        org = selectors.visible_organization(self.request.user, kwargs["code"])
        if org is None:
            raise Http404
        children = selectors.visible_organizations(self.request.user).filter(parent=org)
        context = super().get_context_data(**kwargs)
        context.update(org=org, children=children)
        return context
