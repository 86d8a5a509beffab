"""Demonstration registries for the simulator: every row made here is flagged as
demonstration data (``demonstration=True``; organizations carry it in their name and source).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from greenloop.enterprise.engine import simulator
from greenloop.enterprise.models import (
    Category,
    Designation,
    Device,
    DischargePermit,
    EnergyTarget,
    KeyEnergyUnit,
    MeteringPoint,
    Outlet,
    PermitLimit,
    PollutionSource,
)
from greenloop.geo.models import Region
from greenloop.orgs.calc import uscc_check_char
from greenloop.orgs.models import Organization, OrgKind

SOURCE = "demonstration data (greenloop monitor simulate)"
PREFECTURES = ("630100", "630200", "632800", "632500")
INDUSTRIES = ("C3011", "C2619", "C3216", "D4411")


def demo_uscc(index: int) -> str:
    body = f"91{PREFECTURES[index % len(PREFECTURES)]}DEMO{index:05d}"[:17]
    body = body.replace("O", "0").replace("I", "1")
    return body + uscc_check_char(body)


@transaction.atomic
def ensure_registry(devices: list[simulator.SimDevice], year: int) -> None:
    """Create (idempotently) the demonstration enterprises and devices of a simulation."""
    eco = Organization.objects.get(code="qh-eco")
    drc = Organization.objects.get(code="qh-drc")
    enterprises: dict[int, Any] = {}
    for device in devices:
        index = device.enterprise
        if index not in enterprises:
            region = Region.objects.get(code=PREFECTURES[index % len(PREFECTURES)])
            org, _ = Organization.objects.get_or_create(
                code=f"demo-ent-{index:04d}",
                defaults={
                    "name_zh": f"【演示】模拟企业{index + 1:04d}",
                    "name_en": f"[Demonstration] Simulated enterprise {index + 1:04d}",
                    "kind": OrgKind.ENTERPRISE,
                    "region": region,
                    "uscc": demo_uscc(index),
                    "industry_code": INDUSTRIES[index % len(INDUSTRIES)],
                    "source": SOURCE,
                },
            )
            unit, _ = KeyEnergyUnit.objects.get_or_create(
                organization=org,
                defaults={
                    "designation": Designation.NATIONAL,
                    "annual_consumption_tce": 12_000,
                    "supervisor": drc,
                    "demonstration": True,
                    "source": SOURCE,
                },
            )
            EnergyTarget.objects.get_or_create(
                unit=unit, year=year, defaults={"consumption_cap_tce": 11_000, "saving_tce": 300}
            )
            source, _ = PollutionSource.objects.get_or_create(
                organization=org,
                defaults={"category": Category.KEY, "supervisor": eco, "demonstration": True},
            )
            permit, _ = DischargePermit.objects.get_or_create(
                number=f"{org.uscc}001P",
                defaults={
                    "source": source,
                    "valid_from": dt.date(year - 1, 1, 1),
                    "valid_to": dt.date(year + 4, 12, 31),
                },
            )
            enterprises[index] = (org, unit, permit)
        org, unit, permit = enterprises[index]
        outlet = point = None
        if device.kind in ("gas", "water"):
            code = "DA001" if device.kind == "gas" else "DW001"
            outlet, _ = Outlet.objects.get_or_create(
                permit=permit,
                code=code,
                defaults={
                    "name": "【演示】排放口" + code,
                    "medium": device.kind,
                    "latitude": 36.6 + 0.01 * index,
                    "longitude": 101.8 + 0.01 * index,
                },
            )
            for pollutant, (name, unit_text, typical, limit) in device.params.items():
                if limit is None:
                    continue
                PermitLimit.objects.get_or_create(
                    outlet=outlet,
                    pollutant=pollutant,
                    defaults={
                        "name": name,
                        "concentration_limit": limit,
                        "unit": unit_text,
                        "annual_quantity_t": round(typical * 3.0, 1),
                    },
                )
        else:
            point, _ = MeteringPoint.objects.get_or_create(
                code=f"demo-{device.mn.lower()}",
                defaults={
                    "unit": unit,
                    "name": "【演示】计量点",
                    "energy": device.energy,
                    "physical_unit": device.physical_unit,
                },
            )
        Device.objects.get_or_create(
            mn=device.mn,
            defaults={
                "password": device.password,
                "outlet": outlet,
                "point": point,
                "interval_minutes": device.interval_minutes,
                "demonstration": True,
            },
        )
