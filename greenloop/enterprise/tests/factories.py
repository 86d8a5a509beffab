"""Registries for tests, made through the services as the administrator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from greenloop.enterprise import services
from greenloop.enterprise.models import Device, KeyEnergyUnit
from greenloop.orgs.models import Organization


def pollution_source(admin: Any, org: Organization, mn: str, limit: float = 35.0) -> Device:
    source = services.register_pollution_source(
        actor=admin,
        organization=org,
        category="key",
        supervisor=Organization.objects.get(code="qh-eco"),
    )
    permit = services.add_permit(
        actor=admin,
        source=source,
        number=f"{org.uscc}001P",
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2029, 12, 31),
    )
    outlet = services.add_outlet(
        actor=admin, permit=permit, code="DA001", name="Boiler stack", medium="gas"
    )
    services.add_limit(
        actor=admin,
        outlet=outlet,
        pollutant="a21026",
        name="SO2",
        concentration_limit=limit,
        unit="mg/m3",
        annual_quantity_t=10.0,
    )
    return services.register_device(actor=admin, mn=mn, password="123456", outlet=outlet)


def energy_unit(admin: Any, org: Organization, mn: str) -> tuple[KeyEnergyUnit, Device]:
    unit = services.register_energy_unit(
        actor=admin,
        organization=org,
        designation="national",
        annual_consumption_tce=15_000,
        supervisor=Organization.objects.get(code="qh-drc"),
    )
    point = services.add_metering_point(
        actor=admin,
        unit=unit,
        code=f"{org.code}-elec",
        name="Main incomer",
        energy="electricity",
        physical_unit="kWh",
    )
    device = services.register_device(
        actor=admin, mn=mn, password="123456", point=point, interval_minutes=60
    )
    return unit, device
