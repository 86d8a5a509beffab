"""Running the analytics against the registries and keeping their results.

``run_analytics`` builds the small registry tables from the database, runs the portable
pipeline (engine/analytics.py) on the configured engine (``GREENLOOP_ANALYTICS_ENGINE`` =
``duckdb``, the default, or ``spark``; ``GREENLOOP_SPARK_MASTER`` for the master URL), stores
hourly/daily values, daily energy and data quality in the database and raises alerts.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.enterprise import calc, services
from greenloop.enterprise.engine import analytics
from greenloop.enterprise.engine.store import from_ts
from greenloop.enterprise.models import (
    AlertKind,
    DailyValue,
    Device,
    DeviceQuality,
    EnergyDaily,
    EnergyQuantity,
    EnergyTarget,
    HourlyValue,
    KeyEnergyUnit,
    PermitLimit,
)

RANGE_FACTOR = 10.0  # a concentration above 10× its limit is outside any sane instrument range


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    alerts: int = 0


def registry() -> analytics.Registry:
    devices = []
    points = []
    for device in Device.objects.select_related("outlet", "point__unit__organization"):
        devices.append(
            {"device": device.mn, "kind": device.kind, "interval_minutes": device.interval_minutes}
        )
        if device.point is not None:
            point = device.point
            points.append(
                {
                    "device": device.mn,
                    "enterprise": point.unit.organization.code,
                    "tce_per_unit": calc.tce_per_unit(
                        point.energy, point.physical_unit, point.measured_ncv
                    ),
                    "energy": point.energy,
                    "physical_unit": point.physical_unit,
                }
            )
    limits = [
        {
            "device": device.mn,
            "param": limit.pollutant,
            "conc_limit": limit.concentration_limit,
            "annual_t": limit.annual_quantity_t,
        }
        for limit in PermitLimit.objects.select_related("outlet")
        for device in limit.outlet.devices.all()
    ]
    return analytics.Registry.of(devices, limits, points)


def backend(engine: str | None = None) -> Any:
    engine = (engine or os.environ.get("GREENLOOP_ANALYTICS_ENGINE") or "duckdb").lower()
    if engine == "spark":
        master = os.environ.get("GREENLOOP_SPARK_MASTER", "local[1]")
        return analytics.spark_backend(analytics.spark_session(master))
    return analytics.duckdb_backend()


def _aware(ts_seconds: int) -> dt.datetime:
    return timezone.make_aware(from_ts(ts_seconds))


def run_analytics(
    *, days: int, engine: str | None = None, now: dt.datetime | None = None
) -> Summary:
    """Analyse the last ``days`` days that have data (ending on the newest date stored)."""
    root = services.readings_root()
    summary = Summary()
    dates = sorted(
        {
            path.parent.name.split("=", 1)[1]
            for path in (root / "data").glob("kind=*/date=*/*.parquet")
        }
    )
    if not dates:
        return summary
    # The last ``days`` days that have data.
    since = (dt.date.fromisoformat(dates[-1]) - dt.timedelta(days=days - 1)).isoformat()
    results = analytics.run(backend(engine), root / "data", registry(), days, since=since)
    summary.counts = {name: len(frame) for name, frame in results.items()}
    devices = {
        d.mn: d
        for d in Device.objects.select_related(
            "outlet__permit__source__organization",
            "outlet__permit__source__supervisor",
            "point__unit__organization",
            "point__unit__supervisor",
        )
    }
    with transaction.atomic():
        _store_hourly(results["hourly"], results["emissions_daily"], devices)
        _store_daily(results["daily"], results["emissions_daily"], devices)
        _store_energy(results["energy_daily"])
        _store_quantities(results["quantities_monthly"], results["quantities_yearly"])
        _store_quality(results["rates"], devices, days)
    summary.alerts += _exceedance_alerts(results["exceedances"], devices)
    summary.alerts += _value_alerts(results["hourly"], devices)
    summary.alerts += energy_target_alerts(now or timezone.localtime())
    return summary


def _store_hourly(hourly: pd.DataFrame, _: pd.DataFrame, devices: dict[str, Device]) -> None:
    rows = []
    for item in hourly.itertuples(index=False):
        device = devices.get(item.device)
        if device is None:
            continue
        value = None if pd.isna(item.value) else float(item.value)
        rows.append(
            HourlyValue(
                device=device,
                param=item.param,
                hour=_aware(int(item.hour) * 3600),
                value=value,
                valid_minutes=int(item.valid_minutes),
                valid=bool(item.valid),
            )
        )
    HourlyValue.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["device", "param", "hour"],
        update_fields=["value", "valid_minutes", "valid"],
    )


def _store_daily(daily: pd.DataFrame, emissions: pd.DataFrame, devices: dict[str, Device]) -> None:
    kg = {(e.device, e.param, e.date): float(e.kg) for e in emissions.itertuples(index=False)}
    rows = []
    for item in daily.itertuples(index=False):
        device = devices.get(item.device)
        if device is None:
            continue
        rows.append(
            DailyValue(
                device=device,
                param=item.param,
                day=dt.date.fromisoformat(item.date),
                value=None if pd.isna(item.value) else float(item.value),
                valid_hours=int(item.valid_hours),
                valid=bool(item.valid),
                emission_kg=kg.get((item.device, item.param, item.date)),
            )
        )
    DailyValue.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["device", "param", "day"],
        update_fields=["value", "valid_hours", "valid", "emission_kg"],
    )


def _store_energy(energy: pd.DataFrame) -> None:
    units = {u.organization.code: u for u in KeyEnergyUnit.objects.select_related("organization")}
    rows = [
        EnergyDaily(
            unit=units[item.enterprise], day=dt.date.fromisoformat(item.date), tce=float(item.tce)
        )
        for item in energy.itertuples(index=False)
        if item.enterprise in units
    ]
    EnergyDaily.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["unit", "day"], update_fields=["tce"]
    )


def _store_quantities(monthly: pd.DataFrame, yearly: pd.DataFrame) -> None:
    """Physical quantities per unit, month (and year: ``month`` = 0), energy kind and unit."""
    units = {u.organization.code: u for u in KeyEnergyUnit.objects.select_related("organization")}
    rows = [
        EnergyQuantity(
            unit=units[item.enterprise],
            year=int(item.month[:4]),
            month=int(item.month[5:7]),
            energy=item.energy,
            physical_unit=item.physical_unit,
            quantity=float(item.quantity),
        )
        for item in monthly.itertuples(index=False)
        if item.enterprise in units
    ] + [
        EnergyQuantity(
            unit=units[item.enterprise],
            year=int(item.year),
            month=0,
            energy=item.energy,
            physical_unit=item.physical_unit,
            quantity=float(item.quantity),
        )
        for item in yearly.itertuples(index=False)
        if item.enterprise in units
    ]
    EnergyQuantity.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["unit", "year", "month", "energy", "physical_unit"],
        update_fields=["quantity"],
    )


def _store_quality(rates: pd.DataFrame, devices: dict[str, Device], days: int) -> None:
    today = timezone.localdate()
    for item in rates.itertuples(index=False):
        device = devices.get(item.device)
        if device is None:
            continue
        DeviceQuality.objects.update_or_create(
            device=device,
            defaults={
                "period_from": today - dt.timedelta(days=days),
                "period_to": today,
                "transmission_rate": float(item.transmission_rate),
                "validity_rate": float(item.validity_rate),
            },
        )


def _owner(device: Device) -> tuple[Any, Any, bool]:
    if device.outlet is not None:
        source = device.outlet.permit.source
        return source.organization, source.supervisor, source.demonstration or device.demonstration
    assert device.point is not None
    unit = device.point.unit
    return unit.organization, unit.supervisor, unit.demonstration or device.demonstration


def _exceedance_alerts(frame: pd.DataFrame, devices: dict[str, Device]) -> int:
    created = 0
    for item in frame.itertuples(index=False):
        device = devices.get(item.device)
        if device is None:
            continue
        organization, supervisor, demo = _owner(device)
        at = from_ts(int(item.hour) * 3600)
        _alert, new = services.raise_alert(
            kind=AlertKind.EXCEEDANCE,
            key=f"exceedance:{item.device}:{item.param}:{int(item.hour)}",
            organization=organization,
            supervisor=supervisor,
            at=at,
            device=device,
            param=item.param,
            value=float(item.value),
            limit=float(item.conc_limit),
            message=_("%(param)s hourly average %(value).2f above the permit limit %(limit)s")
            % {"param": item.param, "value": item.value, "limit": item.conc_limit},
            demonstration=demo,
        )
        created += new
    return created


def _value_alerts(hourly: pd.DataFrame, devices: dict[str, Device]) -> int:
    """Missing data (a device whose last hour is 2 or more hours behind the newest data),
    flat lines, and values above 10× the limit (out of any instrument's range)."""
    created = 0
    if hourly.empty:
        return 0
    newest = int(hourly["hour"].max())
    limits = {
        (device.mn, limit.pollutant): limit.concentration_limit
        for limit in PermitLimit.objects.select_related("outlet")
        for device in limit.outlet.devices.all()
    }
    for mn, group in hourly.groupby("device"):
        device = devices.get(str(mn))
        if device is None:
            continue
        organization, supervisor, demo = _owner(device)
        last = int(group["hour"].max())
        if newest - last >= 2:
            _alert, new = services.raise_alert(
                kind=AlertKind.MISSING,
                key=f"missing:{mn}:{last}",
                organization=organization,
                supervisor=supervisor,
                at=from_ts(last * 3600),
                device=device,
                message=_("No data from %(mn)s since %(at)s")
                % {"mn": mn, "at": from_ts(last * 3600).isoformat(" ")},
                demonstration=demo,
            )
            created += new
        for item in group.itertuples(index=False):
            if item.valid and item.param not in analytics.FLOW_PARAMS and item.lo == item.hi:
                _alert, new = services.raise_alert(
                    kind=AlertKind.FLATLINE,
                    key=f"flat:{mn}:{item.param}:{int(item.hour)}",
                    organization=organization,
                    supervisor=supervisor,
                    at=from_ts(int(item.hour) * 3600),
                    device=device,
                    param=item.param,
                    value=float(item.value),
                    message=_("%(param)s did not change for a whole hour") % {"param": item.param},
                    demonstration=demo,
                )
                created += new
            limit = limits.get((str(mn), item.param))
            if limit is not None and item.valid and item.value > RANGE_FACTOR * limit:
                _alert, new = services.raise_alert(
                    kind=AlertKind.OUT_OF_RANGE,
                    key=f"range:{mn}:{item.param}:{int(item.hour)}",
                    organization=organization,
                    supervisor=supervisor,
                    at=from_ts(int(item.hour) * 3600),
                    device=device,
                    param=item.param,
                    value=float(item.value),
                    message=_("%(param)s value out of the instrument range")
                    % {"param": item.param},
                    demonstration=demo,
                )
                created += new
    return created


def energy_target_alerts(now: dt.datetime) -> int:
    """Alert every unit whose projected consumption for the year exceeds its cap."""
    created = 0
    year = now.year
    start = dt.date(year, 1, 1)
    days_in_year = (dt.date(year + 1, 1, 1) - start).days
    for target in EnergyTarget.objects.filter(year=year).select_related(
        "unit__organization", "unit__supervisor"
    ):
        days = list(EnergyDaily.objects.filter(unit=target.unit, day__year=year))
        total = sum(day.tce for day in days)
        latest = max((day.day for day in days), default=None)
        if latest is None:
            continue
        projected = calc.projected_year_tce(
            total, len(days), (latest - start).days + 1, days_in_year
        )
        if projected > target.consumption_cap_tce:
            _alert, new = services.raise_alert(
                kind=AlertKind.ENERGY_TARGET,
                key=f"energy:{target.unit.organization.code}:{year}",
                organization=target.unit.organization,
                supervisor=target.unit.supervisor,
                at=dt.datetime.combine(latest, dt.time()),
                value=projected,
                limit=target.consumption_cap_tce,
                message=_(
                    "Projected %(projected).0f tce for %(year)s exceeds the cap %(cap).0f tce"
                )
                % {"projected": projected, "year": year, "cap": target.consumption_cap_tce},
                demonstration=target.unit.demonstration,
            )
            created += new
    return created
