"""Pages: the supervisor's overview (alerts by prefecture and industry, map, data-quality
ranking) and one enterprise's page (energy curve, month against target, outlets)."""

from __future__ import annotations

import collections
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from greenloop.enterprise import selectors
from greenloop.enterprise.models import AlertStatus, DeviceQuality, EnergyDaily, Outlet
from greenloop.geo.models import Region


def _demonstration(org: Any) -> bool:
    unit = getattr(org, "key_energy_unit", None)
    source = getattr(org, "pollution_source", None)
    return bool((unit and unit.demonstration) or (source and source.demonstration))


def _prefecture(region: Region) -> Region:
    node = region
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


class OverviewView(LoginRequiredMixin, TemplateView):
    template_name = "enterprise/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        enterprises = list(selectors.visible_enterprises(user).select_related("region__parent"))
        alerts = selectors.visible_alerts(user).exclude(status=AlertStatus.CLOSED)
        by_prefecture: collections.Counter[str] = collections.Counter()
        by_industry: collections.Counter[str] = collections.Counter()
        for alert in alerts.select_related("organization__region__parent"):
            by_prefecture[_prefecture(alert.organization.region).name] += 1
            by_industry[alert.organization.industry_code[:3] or "-"] += 1
        quality = (
            DeviceQuality.objects.filter(device__in=selectors.visible_devices(user))
            .select_related("device")
            .order_by("validity_rate", "transmission_rate")
        )
        points = []
        for org in enterprises:
            outlet = (
                Outlet.objects.filter(permit__source__organization=org)
                .exclude(latitude=None)
                .exclude(longitude=None)
                .first()
            )
            if outlet is not None:
                points.append(
                    {
                        "name": org.name,
                        "value": [outlet.longitude, outlet.latitude],
                        "url": reverse("enterprise:detail", args=[org.code]),
                    }
                )
        province = Region.objects.filter(parent=None).first()
        context = super().get_context_data(**kwargs)
        context.update(
            enterprises=enterprises,
            demonstration=any(_demonstration(org) for org in enterprises),
            by_prefecture=sorted(by_prefecture.items(), key=lambda kv: -kv[1]),
            by_industry=sorted(by_industry.items(), key=lambda kv: -kv[1]),
            open_alerts=alerts.count(),
            recent_alerts=alerts[:20],
            quality=quality[:20],
            map_points=points,
            geojson_url=(
                reverse("api:region-children-geojson", kwargs={"code": province.code})
                if province
                else ""
            ),
        )
        return context


class EnterpriseView(LoginRequiredMixin, TemplateView):
    template_name = "enterprise/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        org = selectors.visible_enterprise(self.request.user, kwargs["code"])
        if org is None:
            raise Http404
        unit = getattr(org, "key_energy_unit", None)
        raw_year = self.request.GET.get("year", "")
        # A year that is not a plausible number is ignored, as if none were asked for.
        year = int(raw_year) if raw_year.isdigit() and 1900 <= int(raw_year) <= 2200 else None
        days = (
            EnergyDaily.objects.filter(unit=unit).order_by("day")
            if unit
            else EnergyDaily.objects.none()
        )
        last = days.last()
        year = year or (last.day.year if last else timezone.localdate().year)
        curve = [
            {"day": d.day.isoformat(), "tce": round(d.tce, 3)} for d in days.filter(day__year=year)
        ]
        months = selectors.energy_months(unit, year) if unit else []
        context = super().get_context_data(**kwargs)
        context.update(
            org=org,
            unit=unit,
            year=year,
            demonstration=_demonstration(org),
            energy_curve=curve,
            months=months,
            outlets=selectors.outlet_status(org),
            alerts=selectors.visible_alerts(self.request.user).filter(organization=org)[:20],
            quotas=list(unit.quotas.all()) if unit else [],
            compliance=selectors.quota_compliance(unit, year) if unit else [],
            emissions=selectors.enterprise_emissions(unit, year) if unit else None,
        )
        return context
