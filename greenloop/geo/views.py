"""The public page of one region: names, level, parent, children and their map."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from greenloop.geo import calc, selectors
from greenloop.geo.models import Region


class RegionDetailView(TemplateView):
    template_name = "geo/region_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            region = selectors.get_region(calc.validate_code(kwargs["code"]))
        except (calc.Invalid, Region.DoesNotExist) as error:
            raise Http404 from error
        children = list(selectors.children_of(region))
        context.update(
            region=region,
            children=children,
            geojson_url=reverse("api:region-children-geojson", args=[region.code]),
            # The map links each child to its page: the URL with "{code}" for the code.
            region_url_template=reverse("region-detail", args=["000000"]).replace(
                "000000", "{code}"
            ),
        )
        return context
