"""Reads of the enterprise domain, limited to what the asking user may see.

- administrators, the coordinator and auditors see every enterprise;
- an enterprise user sees only its own enterprise;
- a prefecture user sees the enterprises of its region;
- a department sees the enterprises it supervises (as key energy unit or pollution source);
- an alert is seen by whoever sees its enterprise and by its supervising department.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from greenloop.accounts.permissions import reads_everything, region_scope, role_of
from greenloop.carbon import selectors as carbon
from greenloop.enterprise import calc
from greenloop.enterprise.models import (
    Alert,
    DailyValue,
    Device,
    EnergyDaily,
    EnergyQuantity,
    EnergyTarget,
    HourlyValue,
    KeyEnergyUnit,
    PermitLimit,
)
from greenloop.orgs.models import Organization, OrgKind
from greenloop.orgs.selectors import region_ids_within


def monitored_enterprises() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=OrgKind.ENTERPRISE).filter(
        Q(key_energy_unit__isnull=False) | Q(pollution_source__isnull=False)
    )


def _enterprise_filter(user: Any) -> Q | None:
    """None: everything; otherwise the Q over Organization that the user may see."""
    if role_of(user) is None:
        return Q(pk__in=[])
    if reads_everything(user):
        return None
    visible = Q(pk__in=[])
    if user.organization_id:
        visible |= Q(pk=user.organization_id)
        visible |= Q(key_energy_unit__supervisor_id=user.organization_id)
        visible |= Q(pollution_source__supervisor_id=user.organization_id)
    scope = region_scope(user)
    if scope is not None:
        visible |= Q(region_id__in=region_ids_within(scope))
    return visible


def visible_enterprises(user: Any) -> QuerySet[Organization]:
    orgs = monitored_enterprises().select_related("region", "key_energy_unit", "pollution_source")
    condition = _enterprise_filter(user)
    return (orgs if condition is None else orgs.filter(condition)).distinct().order_by("code")


def visible_enterprise(user: Any, code: str) -> Organization | None:
    return visible_enterprises(user).filter(code=code).first()


def visible_alerts(user: Any) -> QuerySet[Alert]:
    alerts = Alert.objects.select_related("organization__region", "supervisor", "device")
    if role_of(user) is None:
        return alerts.none()
    if reads_everything(user):
        return alerts
    ids = visible_enterprises(user).values("pk")
    condition = Q(organization_id__in=ids)
    if user.organization_id:
        condition |= Q(supervisor_id=user.organization_id)
    return alerts.filter(condition)


def alert_visible(user: Any, alert: Alert) -> bool:
    return visible_alerts(user).filter(pk=alert.pk).exists()


def visible_devices(user: Any) -> QuerySet[Device]:
    devices = Device.objects.select_related(
        "outlet__permit__source__organization", "point__unit__organization"
    )
    if role_of(user) is None:
        return devices.none()
    if reads_everything(user):
        return devices
    ids = visible_enterprises(user).values("pk")
    return devices.filter(
        Q(outlet__permit__source__organization_id__in=ids) | Q(point__unit__organization_id__in=ids)
    )


def readings(
    user: Any,
    device: str,
    *,
    start: dt.datetime | None,
    end: dt.datetime | None,
    interval: str,
) -> QuerySet[Any]:
    found = visible_devices(user).filter(mn=device).first()
    if found is None:
        return HourlyValue.objects.none()
    if interval == "day":
        days = DailyValue.objects.filter(device=found)
        if start:
            days = days.filter(day__gte=start.date())
        if end:
            days = days.filter(day__lte=end.date())
        return days.order_by("param", "day")
    hours = HourlyValue.objects.filter(device=found)
    if start:
        hours = hours.filter(hour__gte=start)
    if end:
        hours = hours.filter(hour__lte=end)
    return hours.order_by("param", "hour")


def outlet_status(enterprise: Organization) -> list[dict[str, Any]]:
    """Each monitored outlet parameter with its latest hourly value and its limit."""
    out = []
    limits = PermitLimit.objects.filter(
        outlet__permit__source__organization=enterprise
    ).select_related("outlet")
    for limit in limits:
        latest = (
            HourlyValue.objects.filter(
                device__outlet=limit.outlet, param=limit.pollutant, valid=True
            )
            .order_by("-hour")
            .first()
        )
        out.append(
            {
                "outlet": limit.outlet,
                "limit": limit,
                "latest": latest,
                "exceeds": bool(
                    latest and latest.value and latest.value > limit.concentration_limit
                ),
            }
        )
    return out


def energy_months(unit: KeyEnergyUnit, year: int) -> list[dict[str, Any]]:
    """Consumption per month of ``year`` against an even share of the yearly cap."""
    target = EnergyTarget.objects.filter(unit=unit, year=year).first()
    totals = {month: 0.0 for month in range(1, 13)}
    for day in EnergyDaily.objects.filter(unit=unit, day__year=year):
        totals[day.day.month] += day.tce
    share = target.consumption_cap_tce / 12 if target else None
    return [{"month": m, "tce": totals[m], "target": share} for m in range(1, 13)]


def quota_compliance(unit: KeyEnergyUnit, year: int) -> list[dict[str, Any]]:
    """Per quota and month with a recorded output: the metered energy per unit of product
    against the quota, both in the quota's unit. The unit's whole metered consumption is
    attributed to the product (enterprises with several quota products need sub-metering)."""
    from greenloop.core.units import convert
    from greenloop.enterprise.models import ProductOutput

    monthly = {m["month"]: m["tce"] for m in energy_months(unit, year)}
    rows = []
    for output in ProductOutput.objects.filter(quota__unit=unit, year=year).select_related("quota"):
        quota = output.quota
        if output.quantity <= 0:
            continue
        per_unit_tce = monthly.get(output.month, 0.0) / output.quantity
        actual = convert(per_unit_tce, f"tce / ({quota.product_unit})", quota.limit_unit)
        rows.append(
            {
                "quota": quota,
                "month": output.month,
                "output": output.quantity,
                "actual": actual,
                "over": actual > quota.limit_value,
            }
        )
    return sorted(rows, key=lambda row: (row["quota"].product, row["month"]))


@dataclass
class EnterpriseEmissions:
    """Scope 1 and 2 t CO2 of a key energy unit in a year, from its metered quantities."""

    year: int
    scope1_t: float
    scope2_t: float
    electricity_t: float
    heat_t: float
    by_fuel: dict[str, float]
    quantities: list[dict[str, Any]]
    skipped: list[str]
    unmapped: list[str]
    problems: list[str]
    grid_factor: float | None
    grid_factor_code: str
    grid_factor_source: str
    demonstration: bool

    @property
    def total_t(self) -> float:
        return self.scope1_t + self.scope2_t


def emission_years(unit: KeyEnergyUnit) -> list[int]:
    return sorted(
        set(EnergyQuantity.objects.filter(unit=unit, month=0).values_list("year", flat=True))
    )


def enterprise_emissions(unit: KeyEnergyUnit, year: int) -> EnterpriseEmissions:
    """Scope 1 (metered fuels) and scope 2 (metered electricity and heat) t CO2 of ``unit``
    in ``year``: metering-point kinds mapped to the guideline fuels (calc.ENERGY_TO_FUEL),
    electricity at the grid factor carbon gives for the enterprise's province and year."""
    rows = list(EnergyQuantity.objects.filter(unit=unit, year=year, month=0).order_by("energy"))
    grid = carbon.grid_factor_for(unit.organization.region.code, year)
    factor = grid.t_co2_per_mwh if grid else None
    quantities = [(row.energy, row.physical_unit, row.quantity) for row in rows]
    has_electricity = any(kind == calc.ELECTRICITY for kind, _unit, _q in quantities)
    result = calc.scope_emissions(quantities, grid_factor=factor or 0.0)
    problems = list(result.problems)
    if has_electricity and grid is None:
        problems.append("electricity: no grid factor stored in carbon")
    return EnterpriseEmissions(
        year=year,
        scope1_t=result.scope1_t,
        scope2_t=result.scope2_t,
        electricity_t=result.electricity_t,
        heat_t=result.heat_t,
        by_fuel=result.by_fuel,
        quantities=[
            {"energy": row.energy, "physical_unit": row.physical_unit, "quantity": row.quantity}
            for row in rows
        ],
        skipped=result.skipped,
        unmapped=result.unmapped,
        problems=problems,
        grid_factor=factor,
        grid_factor_code=grid.code if grid else "",
        grid_factor_source=grid.source if grid else "",
        demonstration=unit.demonstration
        or Device.objects.filter(point__unit=unit, demonstration=True).exists(),
    )
