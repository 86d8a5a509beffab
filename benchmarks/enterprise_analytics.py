"""Benchmark: the enterprise analytics on 10^6, 10^7 (and 10^8) readings.

Three ways to compute the same figures (valid hourly averages by HJ 75-2017, daily averages,
daily emissions, exceedances, annual quantities) over the same Parquet files:

- ``ibis``:   greenloop's portable pipeline (engine/analytics.py) on DuckDB, memory_limit set;
- ``sql``:    the same aggregation hand-written as plain DuckDB SQL (the reference);
- ``pandas``: pandas loading every reading into memory, then grouping.

Each run happens in its own process; the parent samples its resident memory (VmRSS) every
20 ms, records the peak and kills it when it passes the budget (default 2 GB), which is how
pandas "runs out". Figures are printed as times, peaks and ratios against ``sql``.

    .venv/bin/python benchmarks/enterprise_analytics.py --sizes 1e6,1e7 [--budget-gb 2]

Data: synthetic minute readings (4 parameters per waste-gas device), written once per size
under --dir (default /tmp/greenloop-bench) and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PARAMS = ("a21026", "a21002", "a34013", "a00000")
LIMITS = {"a21026": 35.0, "a21002": 50.0, "a34013": 10.0}
START = dt.datetime(2026, 1, 1)
EPOCH = dt.datetime(1970, 1, 1)


def shape(rows: int) -> tuple[int, int]:
    """(devices, days) giving about ``rows`` readings of 4 parameters a minute."""
    per_device_day = 1440 * len(PARAMS)
    devices = max(10, int(round((rows / per_device_day / 30) ** 0.5 * 5.5)))
    days = max(1, round(rows / (devices * per_device_day)))
    return devices, days


def generate(directory: Path, rows: int) -> tuple[int, int, int]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    devices, days = shape(rows)
    marker = directory / "done.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        return info["rows"], devices, days
    rng = np.random.default_rng(42)
    names = np.array([f"BENCH{d:06d}" for d in range(devices)])
    total = 0
    for day in range(days):
        date = (START + dt.timedelta(days=day)).strftime("%Y-%m-%d")
        base = int((START + dt.timedelta(days=day) - EPOCH).total_seconds())
        minutes = np.arange(1440, dtype=np.int64)
        ts = np.tile(np.repeat(base + 60 * minutes, len(PARAMS)), devices)
        device = np.repeat(names, 1440 * len(PARAMS))
        param = np.tile(np.array(PARAMS), devices * 1440)
        n = len(ts)
        typical = np.tile(np.array([20.0, 30.0, 4.0, 60.0]), devices * 1440)
        cycle = 1 + 0.25 * np.sin(2 * np.pi * ((ts % 86400) / 86400 - 8 / 24))
        value = typical * cycle * (1 + rng.normal(0, 0.08, n))
        boost = rng.random(devices * 24) < 0.01  # exceeding hours
        hour_index = np.repeat(np.arange(devices * 24), 60 * len(PARAMS))
        value = np.where(boost[hour_index] & (param != "a00000"), value * 2.5, value)
        flag = np.where(rng.random(n) < 0.02, "M", "N")
        table = pa.table(
            {
                "device": device, "cn": np.full(n, "2051"), "ts": ts, "param": param,
                "value": value, "vmin": value * 0.95, "vmax": value * 1.05,
                "cou": np.full(n, None, dtype=object).astype(float), "flag": flag,
                "received": ts,
            }
        )
        target = directory / "data" / "kind=gas" / f"date={date}"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, target / "part-0.parquet", compression="zstd", row_group_size=1 << 20)
        total += n
    marker.write_text(json.dumps({"rows": total}))
    return total, devices, days


# -- the three methods (run in a child process) ----------------------------------------------
def run_ibis(data: Path, devices: int, tmp: str) -> dict[str, float]:
    from greenloop.enterprise.engine import analytics

    registry = analytics.Registry.of(
        [{"device": f"BENCH{d:06d}", "kind": "gas", "interval_minutes": 1} for d in range(devices)],
        [{"device": f"BENCH{d:06d}", "param": p, "conc_limit": v, "annual_t": 100.0}
         for d in range(devices) for p, v in LIMITS.items()],
        [],
    )
    backend = analytics.duckdb_backend(memory_limit="1GB", temp_directory=tmp)
    backend.raw_sql("SET threads = 2")
    results = analytics.run(backend, data, registry, days=1,
                            only=("hourly", "daily", "emissions_daily", "exceedances", "annual"))
    return _summary(results)


def _summary(results: dict[str, object]) -> dict[str, float]:
    import pandas as pd

    out: dict[str, float] = {}
    for name, frame in results.items():
        assert isinstance(frame, pd.DataFrame)
        out[f"{name}_rows"] = float(len(frame))
    return out


SQL_HOURLY = """
CREATE OR REPLACE TEMP VIEW r AS SELECT * FROM read_parquet('{glob}', hive_partitioning=true,
  hive_types_autocast=false);
CREATE OR REPLACE TEMP VIEW h AS
SELECT device, param, date, CAST(ts // 3600 AS BIGINT) AS hour,
       avg(value) FILTER (WHERE flag = 'N') AS value,
       count(*) FILTER (WHERE flag = 'N') AS valid_minutes,
       count(*) FILTER (WHERE flag = 'N') >= 45 AS valid
FROM r WHERE cn = '2051' GROUP BY ALL;
CREATE OR REPLACE TEMP VIEW e AS
SELECT c.device, c.param, c.date, c.hour, c.value * f.value * 3600.0 / 1e6 AS kg
FROM h c JOIN h f ON c.device = f.device AND c.hour = f.hour
WHERE c.valid AND f.valid AND f.param IN ('a00000', 'w00000')
  AND c.param NOT IN ('a00000', 'w00000');
"""
SQL_RESULTS = {
    "hourly": "SELECT * FROM h",
    "daily": "SELECT device, param, date, avg(value) AS value, count(*) AS valid_hours, "
    "count(*) >= 20 AS valid FROM h WHERE valid GROUP BY ALL",
    "emissions_daily": "SELECT device, param, date, sum(kg) AS kg FROM e GROUP BY ALL",
    "exceedances": "SELECT h.* FROM h JOIN limits l ON h.device = l.device AND h.param = l.param "
    "WHERE h.valid AND h.value > l.conc_limit",
    "annual": "SELECT e.device, e.param, substr(e.date, 1, 4) AS year, sum(kg) / 1000 AS tonnes, "
    "any_value(l.annual_t) AS permitted_t FROM e LEFT JOIN limits l "
    "ON e.device = l.device AND e.param = l.param GROUP BY ALL",
}


def run_sql(data: Path, devices: int, tmp: str) -> dict[str, float]:
    import duckdb
    import pandas as pd

    con = duckdb.connect(config={"memory_limit": "1GB", "temp_directory": tmp, "threads": 2})
    limits = pd.DataFrame(
        [{"device": f"BENCH{d:06d}", "param": p, "conc_limit": v, "annual_t": 100.0}
         for d in range(devices) for p, v in LIMITS.items()]
    )
    con.register("limits", limits)
    con.execute(SQL_HOURLY.format(glob=str(data / "kind=*" / "date=*" / "*.parquet")))
    results = {name: con.execute(query).df() for name, query in SQL_RESULTS.items()}
    return _summary(results)


def run_pandas(data: Path, devices: int, tmp: str) -> dict[str, float]:
    import pandas as pd

    r = pd.read_parquet(data)  # everything in memory
    r["date"] = r["date"].astype(str)
    r = r[r["cn"] == "2051"]
    r["hour"] = r["ts"] // 3600
    ok = r["flag"] == "N"
    r["v_ok"] = r["value"].where(ok)
    r["ok"] = ok
    h = r.groupby(["device", "param", "date", "hour"], observed=True).agg(
        value=("v_ok", "mean"), valid_minutes=("ok", "sum")
    ).reset_index()
    h["valid"] = h["valid_minutes"] >= 45
    valid = h[h["valid"]]
    daily = valid.groupby(["device", "param", "date"]).agg(
        value=("value", "mean"), valid_hours=("hour", "count")
    ).reset_index()
    flows = valid[valid["param"] == "a00000"][["device", "hour", "value"]]
    conc = valid[valid["param"] != "a00000"]
    e = conc.merge(flows, on=["device", "hour"], suffixes=("", "_flow"))
    e["kg"] = e["value"] * e["value_flow"] * 3600 / 1e6
    emissions = e.groupby(["device", "param", "date"])["kg"].sum().reset_index()
    limits = pd.DataFrame([{"param": p, "conc_limit": v} for p, v in LIMITS.items()])
    over = valid.merge(limits, on="param")
    over = over[over["value"] > over["conc_limit"]]
    e["year"] = e["date"].str[:4]
    annual = e.groupby(["device", "param", "year"])["kg"].sum().reset_index()
    return _summary({"hourly": h, "daily": daily, "emissions_daily": emissions,
                     "exceedances": over, "annual": annual})


METHODS = {"ibis": run_ibis, "sql": run_sql, "pandas": run_pandas}


def child(method: str, data: str, devices: int, tmp: str) -> None:
    # Imports are not part of the measurement.
    import duckdb  # noqa: F401
    import pandas  # noqa: F401

    if method == "ibis":
        import greenloop.enterprise.engine.analytics  # noqa: F401
    started = time.perf_counter()
    summary = METHODS[method](Path(data), devices, tmp)
    summary["seconds"] = time.perf_counter() - started
    print(json.dumps(summary))


def measure(method: str, data: Path, devices: int, budget_mb: float) -> dict[str, object]:
    tmp = str(data.parent / f"spill-{method}")
    os.makedirs(tmp, exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", method, str(data), str(devices), tmp],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    peak = [0.0]
    killed = [False]

    def watch() -> None:
        while process.poll() is None:
            try:
                with open(f"/proc/{process.pid}/status") as handle:
                    for line in handle:
                        if line.startswith("VmRSS:"):
                            rss = int(line.split()[1]) / 1024
                            peak[0] = max(peak[0], rss)
                            if rss > budget_mb and not killed[0]:
                                killed[0] = True
                                process.kill()
            except (FileNotFoundError, ProcessLookupError):
                break
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    wall = time.perf_counter()
    watcher.start()
    out, err = process.communicate()
    watcher.join()
    wall = time.perf_counter() - wall
    if killed[0]:
        return {"method": method, "status": f"over the {budget_mb:.0f} MB budget", "peak_mb": peak[0],
                "seconds": wall}
    if process.returncode != 0:
        return {"method": method, "status": "failed: " + err.strip().splitlines()[-1][:120],
                "peak_mb": peak[0], "seconds": wall}
    summary = json.loads(out.strip().splitlines()[-1])
    return {"method": method, "status": "ok", "peak_mb": peak[0], "seconds": summary["seconds"],
            "rows": {k: v for k, v in summary.items() if k.endswith("_rows")}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1e6,1e7")
    parser.add_argument("--budget-gb", type=float, default=2.0)
    parser.add_argument("--dir", default="/tmp/greenloop-bench")
    parser.add_argument("--methods", default="sql,ibis,pandas")
    parser.add_argument("--child", nargs=4, metavar=("METHOD", "DATA", "DEVICES", "TMP"))
    args = parser.parse_args()
    if args.child:
        method, data, devices, tmp = args.child
        child(method, data, int(devices), tmp)
        return
    budget_mb = args.budget_gb * 1024
    print(f"memory budget {budget_mb:.0f} MB; DuckDB memory_limit 1GB, 2 threads; spill to disk")
    print(f"{'readings':>12} {'method':>7} {'seconds':>9} {'peak MB':>9} {'vs sql':>7}  status")
    for size_text in args.sizes.split(","):
        size = int(float(size_text))
        directory = Path(args.dir) / f"n{size}"
        t0 = time.perf_counter()
        rows, devices, days = generate(directory, size)
        made = time.perf_counter() - t0
        print(f"# {rows:,} readings: {devices} devices × {days} days × 1440 min × 4 params "
              f"(data ready in {made:.1f} s)")
        reference = None
        results = []
        for method in args.methods.split(","):
            result = measure(method, directory / "data", devices, budget_mb)
            results.append(result)
            if method == "sql" and result["status"] == "ok":
                reference = result
        for result in results:
            ratio = ""
            if reference and result["status"] == "ok":
                ratio = f"{float(result['seconds']) / float(reference['seconds']):.2f}×"
            print(f"{rows:>12,} {result['method']:>7} {float(result['seconds']):>9.2f} "
                  f"{float(result['peak_mb']):>9.0f} {ratio:>7}  {result['status']}")
        if reference:
            same = all(r.get("rows") == reference["rows"] for r in results if r["status"] == "ok")
            print(f"# result row counts identical across methods: {same}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
