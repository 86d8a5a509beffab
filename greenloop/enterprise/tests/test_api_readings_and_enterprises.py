"""GET /api/monitoring/enterprises and /readings: scoped, hourly or daily, demonstration-flagged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from greenloop.enterprise.models import DailyValue, HourlyValue
from greenloop.enterprise.tests.factories import energy_unit, pollution_source


def test_enterprises_and_readings(actors: Any, client_for: Any) -> None:
    device = pollution_source(actors.admin, actors.enterprise, "MNAPI0001")
    energy_unit(actors.admin, actors.enterprise, "MNAPI0002")
    pollution_source(actors.admin, actors.haixi_enterprise, "MNAPI0003")
    start = timezone.make_aware(dt.datetime(2026, 2, 1, 0, 0))
    for hour in range(30):
        HourlyValue.objects.create(
            device=device,
            param="a21026",
            hour=start + dt.timedelta(hours=hour),
            value=10.0 + hour,
            valid_minutes=60,
            valid=True,
        )
    DailyValue.objects.create(
        device=device,
        param="a21026",
        day=dt.date(2026, 2, 1),
        value=21.5,
        valid_hours=24,
        valid=True,
        emission_kg=3.2,
    )

    own = client_for(actors.enterprise_user)
    listed = own.get("/api/monitoring/enterprises").json()["items"]
    assert [e["code"] for e in listed] == [actors.enterprise.code]
    assert listed[0]["designation"] == "national" and listed[0]["pollution_category"] == "key"
    assert listed[0]["pollution_supervisor"] == "qh-eco" and listed[0]["demonstration"] is False
    everyone = client_for(actors.coordinator).get("/api/monitoring/enterprises").json()
    assert {actors.enterprise.code, actors.haixi_enterprise.code} <= {
        e["code"] for e in everyone["items"]
    }

    hours = own.get(
        "/api/monitoring/readings",
        {
            "device": "MNAPI0001",
            "from": "2026-02-01T05:00:00+08:00",
            "to": "2026-02-01T09:00:00+08:00",
            "interval": "hour",
        },
    ).json()["items"]
    assert [h["value"] for h in hours] == [15.0, 16.0, 17.0, 18.0, 19.0]
    days = own.get("/api/monitoring/readings", {"device": "MNAPI0001", "interval": "day"}).json()
    assert days["items"][0]["time"] == "2026-02-01" and days["items"][0]["emission_kg"] == 3.2
    bad = own.get("/api/monitoring/readings", {"device": "MNAPI0001", "interval": "week"})
    assert bad.status_code == 422
    # Another prefecture sees no readings of this device.
    other = client_for(actors.haixi_reporter).get(
        "/api/monitoring/readings", {"device": "MNAPI0001"}
    )
    assert other.status_code == 200 and other.json()["items"] == []
