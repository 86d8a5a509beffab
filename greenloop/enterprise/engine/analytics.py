"""The monitoring analytics, written once as Ibis expressions, run on DuckDB or on Spark.

Input: the Parquet readings (hive-partitioned by ``kind`` and ``date``, see store.py) and three
small tables from the registries (devices, permit limits, metering points). Output: pandas
frames, identical on both engines up to floating-point summation order.

Rules:
- HJ 75-2017: an hourly average is valid when the hour has at least 45 valid minutes; a daily
  average is computed from valid hours and is valid with at least 20 of them. Only minutes
  flagged ``N`` (normal) count as valid; every other HJ 212 flag (F stopped, M maintenance,
  S manual, D fault, C calibration, T over range, B communication) is excluded.
- Emission in an hour (kg) = valid hourly concentration (mg/m³ or mg/L) × valid hourly mean
  flow (m³/s for waste gas ``a00000``, L/s for waste water ``w00000``) × 3600 s × 10⁻⁶.
- Flat line: a valid hour whose valid minutes all carry the same value (lo == hi).
- Exceedance: a valid hourly average above the outlet's permit concentration limit.
- Energy: hourly meter quantities (CN 2061 ``Cou``) × the point's tce per physical unit.
- Quantities: the same hourly meter quantities summed in the point's physical unit per
  enterprise × month/year × energy kind × unit (activity data for scope 1/2 CO2).

Pure module: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

MIN_VALID_MINUTES = 45
MIN_VALID_HOURS = 20
FLOW_PARAMS = ("a00000", "w00000")
MINUTE_CN = "2051"
HOUR_CN = "2061"

DEVICE_COLUMNS = {"device": "string", "kind": "string", "interval_minutes": "int64"}
LIMIT_COLUMNS = {
    "device": "string",
    "param": "string",
    "conc_limit": "float64",
    "annual_t": "float64",
}
POINT_COLUMNS = {
    "device": "string",
    "enterprise": "string",
    "tce_per_unit": "float64",
    "energy": "string",
    "physical_unit": "string",
}


@dataclass(frozen=True)
class Registry:
    """The registry tables the analytics need, as plain frames."""

    devices: pd.DataFrame
    limits: pd.DataFrame
    points: pd.DataFrame

    @classmethod
    def of(
        cls,
        devices: list[dict[str, Any]],
        limits: list[dict[str, Any]],
        points: list[dict[str, Any]],
    ) -> Registry:
        return cls(
            devices=_frame(devices, DEVICE_COLUMNS),
            limits=_frame(limits, LIMIT_COLUMNS),
            points=_frame(points, POINT_COLUMNS),
        )


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


# -- engines ---------------------------------------------------------------------------------
def duckdb_backend(memory_limit: str | None = None, temp_directory: str | None = None) -> Any:
    config: dict[str, Any] = {}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if temp_directory:
        config["temp_directory"] = temp_directory
    return ibis.duckdb.connect(**config)


def spark_session(
    master: str = "local[1]", app_name: str = "greenloop-monitoring", shuffle_partitions: int = 4
) -> Any:
    """A Spark session configured for the readings layout (partition values stay strings)."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def spark_backend(session: Any) -> Any:
    return ibis.pyspark.connect(session)


def readings(backend: Any, data_dir: Path | str) -> ir.Table:
    """The readings table over every Parquet file under ``data_dir``."""
    data_dir = Path(data_dir)
    if backend.name == "duckdb":
        table = backend.read_parquet(
            str(data_dir / "kind=*" / "date=*" / "*.parquet"),
            hive_partitioning=True,
            hive_types_autocast=False,
        )
    else:
        table = backend.read_parquet(str(data_dir), basePath=str(data_dir))
    return table


# -- the pipeline ----------------------------------------------------------------------------
def _f(value: float) -> ir.FloatingScalar:
    """A float64 literal (Spark reads a bare 48.0 as a DECIMAL and rounds the division)."""
    return ibis.literal(float(value), type="float64")


def hourly(r: ir.Table) -> ir.Table:
    """Per device, parameter and hour: mean of the valid minutes and whether the hour is valid."""
    minutes = r.filter(r.cn == MINUTE_CN)
    ok = minutes.flag == "N"
    grouped = minutes.group_by(
        device=minutes.device,
        param=minutes.param,
        date=minutes.date,
        hour=(minutes.ts // 3600).cast("int64"),
    ).aggregate(
        value=minutes.value.mean(where=ok),
        lo=minutes.value.min(where=ok),
        hi=minutes.value.max(where=ok),
        valid_minutes=ok.cast("int64").sum(),
        minutes=minutes.ts.count(),
    )
    return grouped.mutate(valid=grouped.valid_minutes >= MIN_VALID_MINUTES)


def daily(h: ir.Table) -> ir.Table:
    """Daily averages from the valid hours."""
    hours = h.filter(h.valid)
    grouped = hours.group_by(["device", "param", "date"]).aggregate(
        value=hours.value.mean(), valid_hours=hours.hour.count()
    )
    return grouped.mutate(valid=grouped.valid_hours >= MIN_VALID_HOURS)


def hourly_emissions(h: ir.Table) -> ir.Table:
    valid = h.filter(h.valid)
    flows = valid.filter(valid.param.isin(FLOW_PARAMS)).select(
        fdevice=valid.device, fhour=valid.hour, flow=valid.value
    )
    conc = valid.filter(~valid.param.isin(FLOW_PARAMS))
    joined = conc.join(flows, [conc.device == flows.fdevice, conc.hour == flows.fhour])
    return joined.select(
        device=joined.device,
        param=joined.param,
        date=joined.date,
        hour=joined.hour,
        kg=joined.value * joined.flow * _f(3600.0) / _f(1_000_000.0),
    )


def daily_emissions(e: ir.Table) -> ir.Table:
    return e.group_by(["device", "param", "date"]).aggregate(kg=e.kg.sum())


def exceedances(h: ir.Table, limits: ir.Table) -> ir.Table:
    valid = h.filter(h.valid)
    joined = valid.join(limits, [valid.device == limits.device, valid.param == limits.param])
    over = joined.filter(joined.value > joined.conc_limit)
    return over.select(
        device=over.device,
        param=over.param,
        date=over.date,
        hour=over.hour,
        value=over.value,
        conc_limit=over.conc_limit,
    )


def annual_quantities(e: ir.Table, limits: ir.Table) -> ir.Table:
    yearly = e.group_by(device=e.device, param=e.param, year=e.date.substr(0, 4)).aggregate(
        kg=e.kg.sum()
    )
    joined = yearly.join(
        limits, [yearly.device == limits.device, yearly.param == limits.param], how="left"
    )
    return joined.select(
        device=joined.device,
        param=joined.param,
        year=joined.year,
        tonnes=joined.kg / _f(1000.0),
        permitted_t=joined.annual_t,
    )


def rates(r: ir.Table, h: ir.Table, devices: ir.Table, days: int) -> ir.Table:
    """Transmission rate (records received / expected) and validity rate (valid hours /
    expected hours) per device over ``days`` days of data."""
    data = r.filter(r.cn.isin([MINUTE_CN, HOUR_CN]))
    received = data.group_by("device").aggregate(received=data.ts.nunique())
    minute_hours = h.group_by(["device", "hour"]).aggregate(all_valid=h.valid.cast("int64").min())
    meters = r.filter(r.cn == HOUR_CN)
    meter_hours = meters.group_by(
        device=meters.device, hour=(meters.ts // 3600).cast("int64")
    ).aggregate(all_valid=(meters.flag == "N").cast("int64").min())
    per_hour = minute_hours.union(meter_hours)
    valid = per_hour.group_by("device").aggregate(valid_hours=per_hour.all_valid.sum())
    joined = devices.join(received, devices.device == received.device, how="left")
    joined = joined.select(
        device=joined.device,
        interval_minutes=joined.interval_minutes,
        received=joined.received.fill_null(0),
    )
    joined = joined.join(valid, joined.device == valid.device, how="left").select(
        device=joined.device,
        interval_minutes=joined.interval_minutes,
        received=joined.received,
        valid_hours=valid.valid_hours.fill_null(0),
    )
    expected = _f(days * 1440) / joined.interval_minutes.cast("float64")
    return joined.select(
        device=joined.device,
        transmission_rate=joined.received.cast("float64") / expected,
        validity_rate=joined.valid_hours.cast("float64") / _f(days * 24),
    )


def energy_daily(r: ir.Table, points: ir.Table) -> ir.Table:
    meters = r.filter((r.cn == HOUR_CN) & (r.kind == "energy"))
    joined = meters.join(points, meters.device == points.device)
    quantity = joined.cou.fill_null(joined.value)
    return (
        joined.mutate(tce=quantity * joined.tce_per_unit)
        .group_by(["enterprise", "date"])
        .aggregate(tce=lambda t: t.tce.sum())
    )


def energy_quantities(r: ir.Table, points: ir.Table) -> tuple[ir.Table, ir.Table]:
    """Physical quantities (in each metering point's own unit) per enterprise, month (then
    year), energy kind and physical unit: the activity data of carbon accounting."""
    meters = r.filter((r.cn == HOUR_CN) & (r.kind == "energy"))
    joined = meters.join(points, meters.device == points.device)
    quantity = joined.cou.fill_null(joined.value)
    monthly = (
        joined.mutate(quantity=quantity, month=joined.date.substr(0, 7))
        .group_by(["enterprise", "month", "energy", "physical_unit"])
        .aggregate(quantity=lambda t: t.quantity.sum())
    )
    yearly = monthly.group_by(
        enterprise=monthly.enterprise,
        year=monthly.month.substr(0, 4),
        energy=monthly.energy,
        physical_unit=monthly.physical_unit,
    ).aggregate(quantity=monthly.quantity.sum())
    return monthly, yearly


def energy_periods(d: ir.Table) -> tuple[ir.Table, ir.Table]:
    monthly = d.group_by(enterprise=d.enterprise, month=d.date.substr(0, 7)).aggregate(
        tce=d.tce.sum()
    )
    yearly = d.group_by(enterprise=d.enterprise, year=d.date.substr(0, 4)).aggregate(
        tce=d.tce.sum()
    )
    return monthly, yearly


# Sort keys of each result: results are compared across engines row by row.
KEYS = {
    "hourly": ["device", "param", "hour"],
    "daily": ["device", "param", "date"],
    "emissions_daily": ["device", "param", "date"],
    "exceedances": ["device", "param", "hour"],
    "annual": ["device", "param", "year"],
    "rates": ["device"],
    "energy_daily": ["enterprise", "date"],
    "energy_monthly": ["enterprise", "month"],
    "energy_yearly": ["enterprise", "year"],
    "quantities_monthly": ["enterprise", "month", "energy", "physical_unit"],
    "quantities_yearly": ["enterprise", "year", "energy", "physical_unit"],
}


def pipeline(
    backend: Any, data_dir: Path | str, registry: Registry, days: int, since: str | None = None
) -> dict[str, Any]:
    """Every analytic as an unexecuted Ibis expression on ``backend``; ``since``
    (YYYY-MM-DD) keeps the partitions from that date on (both engines prune the others)."""
    r = readings(backend, data_dir)
    if since:
        r = r.filter(r.date >= since)
    devices = ibis.memtable(registry.devices)
    limits = ibis.memtable(registry.limits)
    points = ibis.memtable(registry.points)
    h = hourly(r)
    e = hourly_emissions(h)
    ed = energy_daily(r, points)
    monthly, yearly = energy_periods(ed)
    q_monthly, q_yearly = energy_quantities(r, points)
    return {
        "hourly": h,
        "daily": daily(h),
        "emissions_daily": daily_emissions(e),
        "exceedances": exceedances(h, limits),
        "annual": annual_quantities(e, limits),
        "rates": rates(r, h, devices, days),
        "energy_daily": ed,
        "energy_monthly": monthly,
        "energy_yearly": yearly,
        "quantities_monthly": q_monthly,
        "quantities_yearly": q_yearly,
    }


def run(
    backend: Any,
    data_dir: Path | str,
    registry: Registry,
    days: int,
    only: tuple[str, ...] | None = None,
    since: str | None = None,
) -> dict[str, pd.DataFrame]:
    """Execute the pipeline; frames sorted by their keys, with a fresh index."""
    results: dict[str, pd.DataFrame] = {}
    for name, expression in pipeline(backend, data_dir, registry, days, since).items():
        if only is not None and name not in only:
            continue
        frame = backend.to_pandas(expression)
        frame = frame.sort_values(KEYS[name]).reset_index(drop=True)
        results[name] = frame
    return results
