"""Pages of the shell: the cockpit home page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.generic import TemplateView

from greenloop.geo import selectors as geo

# Stands for a region code in the URL template the map script fills in.
CODE_PLACEHOLDER = "000000"


class HomeView(TemplateView):
    """The cockpit: what the platform does, the region counts and the prefecture map."""

    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        province = settings.GREENLOOP_PROVINCE
        counts = geo.counts_by_level()
        prefectures = [
            {
                "code": region.code,
                "name": region.name,
                "url": reverse("region-detail", args=[region.code]),
            }
            for region in geo.list_regions(level="prefecture")
        ]
        region_url = reverse("region-detail", args=[CODE_PLACEHOLDER])
        context.update(
            prefecture_count=counts.get("prefecture", 0),
            county_count=counts.get("county", 0),
            prefectures=prefectures,
            geojson_url=reverse("api:region-children-geojson", kwargs={"code": province}),
            region_url_template=region_url.replace(CODE_PLACEHOLDER, "{code}"),
        )
        return context


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))
