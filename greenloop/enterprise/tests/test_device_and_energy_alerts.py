"""Alerts besides exceedances: a silent device, a flat line, an out-of-range value, and an
enterprise heading to miss its yearly energy cap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from greenloop.enterprise import services
from greenloop.enterprise.analysis import energy_target_alerts, run_analytics
from greenloop.enterprise.engine.store import Row, Store, to_ts
from greenloop.enterprise.models import Alert, EnergyDaily
from greenloop.enterprise.tests.factories import energy_unit, pollution_source


def minutes(device: str, start: dt.datetime, count: int, value: Any) -> list[Row]:
    out = []
    for i in range(count):
        ts = to_ts(start + dt.timedelta(minutes=i))
        level = value(i) if callable(value) else value
        out.append(Row("gas", device, "2051", ts, "a21026", level, None, None, None, "N", 0))
        out.append(Row("gas", device, "2051", ts, "a00000", 50.0, None, None, None, "N", 0))
    return out


def test_silent_flat_and_out_of_range(
    actors: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GREENLOOP_READINGS_DIR", str(tmp_path))
    pollution_source(actors.admin, actors.enterprise, "MNFLAT01", limit=35.0)
    pollution_source(actors.admin, actors.haixi_enterprise, "MNLIVE01", limit=35.0)
    t0 = dt.datetime(2026, 4, 1, 0, 0)
    rows = minutes("MNFLAT01", t0, 60, 20.0)  # one flat hour, then silence
    rows += minutes("MNLIVE01", t0, 4 * 60, lambda i: 10.0 + (i % 5) + (400.0 if i >= 180 else 0))
    Store(tmp_path).ingest(rows)
    run_analytics(days=1, engine="duckdb")
    kinds = {(a.device.mn if a.device else "", a.kind) for a in Alert.objects.all()}
    assert ("MNFLAT01", "flatline") in kinds
    assert ("MNFLAT01", "missing") in kinds
    assert ("MNLIVE01", "out_of_range") in kinds  # 400+ mg/m3 against a 35 mg/m3 limit
    assert ("MNLIVE01", "flatline") not in kinds
    assert ("MNLIVE01", "missing") not in kinds


def test_heading_to_miss_the_yearly_cap(actors: Any, client_for: Any) -> None:
    unit, _ = energy_unit(actors.admin, actors.enterprise, "MNCAP001")
    services.set_energy_target(actor=actors.admin, unit=unit, year=2026, consumption_cap_tce=3_000)
    for day in range(10):
        EnergyDaily.objects.create(
            unit=unit, day=dt.date(2026, 1, 1) + dt.timedelta(days=day), tce=8.0
        )
    # 80 tce in 10 days, 8 a day for the 355 left: 2 920 tce, under the cap.
    assert energy_target_alerts(dt.datetime(2026, 1, 11)) == 0
    EnergyDaily.objects.filter(unit=unit, day=dt.date(2026, 1, 10)).update(tce=12.0)
    # 84 tce in 10 days: 84 + 8.4 × 355 = 3 066 tce > 3 000.
    assert energy_target_alerts(dt.datetime(2026, 1, 11)) == 1
    alerts = client_for(actors.enterprise_user).get("/api/monitoring/alerts?kind=energy_target")
    [alert] = alerts.json()["items"]
    assert alert["value"] == pytest.approx(84 + 8.4 * 355)
    assert alert["supervisor"] == "qh-drc"
