"""The same analytics on DuckDB and on Spark (local[1]) give the same figures, and the
HJ 75-2017 rules hold on hand-made data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from greenloop.enterprise.engine import analytics, simulator
from greenloop.enterprise.engine.store import Row, Store, to_ts


def sim_registry(devices: list[simulator.SimDevice]) -> analytics.Registry:
    return analytics.Registry.of(
        [{"device": d.mn, "kind": d.kind, "interval_minutes": d.interval_minutes} for d in devices],
        [
            {"device": d.mn, "param": code, "conc_limit": spec[3], "annual_t": 1.0}
            for d in devices
            for code, spec in d.params.items()
            if spec[3] is not None
        ],
        [
            {
                "device": d.mn,
                "enterprise": f"e{d.enterprise}",
                "tce_per_unit": 0.0001229 if d.energy == "electricity" else 0.0012143,
                "energy": d.energy,
                "physical_unit": d.physical_unit,
            }
            for d in devices
            if d.kind == "energy"
        ],
    )


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, analytics.Registry]:
    root = tmp_path_factory.mktemp("readings")
    devices = simulator.plan(2, 3)
    rows: list[Row] = []
    for sample in simulator.samples(
        devices, dt.date(2026, 1, 31), 2, seed=7, exceed_rate=0.05, gap_rate=0.03, flag_rate=0.03
    ):
        rows.extend(simulator.to_rows(sample, 0))
    Store(root).ingest(rows)
    return root / "data", sim_registry(devices)


@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
def test_duckdb_and_spark_give_identical_results(
    simulated: tuple[Path, analytics.Registry], spark: Any
) -> None:
    data_dir, registry = simulated
    on_duckdb = analytics.run(analytics.duckdb_backend(), data_dir, registry, days=2)
    on_spark = analytics.run(analytics.spark_backend(spark), data_dir, registry, days=2)
    assert set(on_duckdb) == set(on_spark) == set(analytics.KEYS)
    for name, frame in on_duckdb.items():
        other = on_spark[name]
        assert len(frame) > 0, name
        assert list(frame.columns) == list(other.columns), name
        pd.testing.assert_frame_equal(frame, other, check_dtype=False, rtol=1e-9, obj=name)
    # The data spans two months and both outlets exceed now and then.
    assert set(on_duckdb["energy_monthly"]["month"]) == {"2026-01", "2026-02"}
    assert len(on_duckdb["exceedances"]) > 0
    # Quantities keep each energy kind in its own unit; the year is the sum of its months.
    monthly, yearly = on_duckdb["quantities_monthly"], on_duckdb["quantities_yearly"]
    points = registry.points
    assert set(zip(yearly["energy"], yearly["physical_unit"], strict=True)) == set(
        zip(points["energy"], points["physical_unit"], strict=True)
    )
    assert yearly["quantity"].sum() == pytest.approx(monthly["quantity"].sum())


def _minute_rows(
    device: str, param: str, hour_start: dt.datetime, flags: list[str], value: float
) -> list[Row]:
    return [
        Row(
            "gas",
            device,
            "2051",
            to_ts(hour_start + dt.timedelta(minutes=i)),
            param,
            value if flag == "N" else 999.0,
            None,
            None,
            None,
            flag,
            0,
        )
        for i, flag in enumerate(flags)
    ]


def test_hourly_validity_and_emission_rules(tmp_path: Path) -> None:
    t0 = dt.datetime(2026, 3, 1, 10)
    rows = []
    # Hour 10: 45 valid minutes (15 in maintenance, excluded): valid, mean of the valid ones.
    rows += _minute_rows("D1", "a21026", t0, ["N"] * 45 + ["M"] * 15, 40.0)
    rows += _minute_rows("D1", "a00000", t0, ["N"] * 60, 50.0)
    # Hour 11: 44 valid minutes: not a valid hour, no emission, no exceedance.
    t1 = t0 + dt.timedelta(hours=1)
    rows += _minute_rows("D1", "a21026", t1, ["N"] * 44 + ["D"] * 16, 80.0)
    rows += _minute_rows("D1", "a00000", t1, ["N"] * 60, 50.0)
    Store(tmp_path).ingest(rows)
    registry = analytics.Registry.of(
        [{"device": "D1", "kind": "gas", "interval_minutes": 1}],
        [{"device": "D1", "param": "a21026", "conc_limit": 35.0, "annual_t": 0.001}],
        [],
    )
    result = analytics.run(analytics.duckdb_backend(), tmp_path / "data", registry, days=1)
    hourly = result["hourly"].set_index(["param", "hour"])
    h10, h11 = to_ts(t0) // 3600, to_ts(t1) // 3600
    assert hourly.loc[("a21026", h10), "valid"] and hourly.loc[("a21026", h10), "value"] == 40.0
    assert hourly.loc[("a21026", h10), "valid_minutes"] == 45
    assert not hourly.loc[("a21026", h11), "valid"]
    assert list(result["exceedances"]["hour"]) == [h10]
    # 40 mg/m3 × 50 m3/s × 3600 s = 7.2 kg in the valid hour only.
    emissions = result["emissions_daily"].set_index("param")
    assert emissions.loc["a21026", "kg"] == pytest.approx(7.2)
    annual = result["annual"].set_index("param")
    assert annual.loc["a21026", "tonnes"] == pytest.approx(0.0072)
    assert annual.loc["a21026", "permitted_t"] == pytest.approx(0.001)
    # Daily value: 1 valid hour of the 20 needed.
    daily = result["daily"].set_index("param")
    assert daily.loc["a21026", "valid_hours"] == 1 and not daily.loc["a21026", "valid"]
    rates = result["rates"].set_index("device")
    assert rates.loc["D1", "transmission_rate"] == pytest.approx(120 / 1440)
    assert rates.loc["D1", "validity_rate"] == pytest.approx(1 / 24)


def test_since_keeps_only_later_partitions(tmp_path: Path) -> None:
    t0 = dt.datetime(2026, 3, 1, 23)
    rows = _minute_rows("D1", "a21026", t0, ["N"] * 120, 10.0)  # 23:00 on 1 March to 00:59
    Store(tmp_path).ingest(rows)
    registry = analytics.Registry.of(
        [{"device": "D1", "kind": "gas", "interval_minutes": 1}], [], []
    )
    backend = analytics.duckdb_backend()
    everything = analytics.run(backend, tmp_path / "data", registry, days=2, only=("hourly",))
    later = analytics.run(
        backend, tmp_path / "data", registry, days=1, only=("hourly",), since="2026-03-02"
    )
    assert list(everything["hourly"]["date"]) == ["2026-03-01", "2026-03-02"]
    assert list(later["hourly"]["date"]) == ["2026-03-02"]
