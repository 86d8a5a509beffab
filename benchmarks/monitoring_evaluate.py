"""Benchmark: evaluate a target for every indicator × every region × 20 years.

    .venv/bin/python benchmarks/monitoring_evaluate.py [--regions 54] [--repeat 3]

The catalogue's indicators (greenloop/data/monitoring/indicators.csv) × Qinghai's regions
(province, 8 prefectures, 45 counties) each get a synthetic 20-year series and a level target
five years ahead. Three implementations evaluate every series in the same run:

- ``batch``: greenloop.monitoring.calc.evaluate_batch (numpy, vectorised Theil-Sen);
- ``single``: greenloop.monitoring.calc.evaluate called once per target (what the pages use);
- ``pandas``: a straightforward pandas reference (long table, groupby-apply, pairwise slopes).

It checks that all three agree on every status and projection, then prints the timings and
their ratios against the pandas reference. No Django needed.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from greenloop.monitoring import calc  # noqa: E402

YEARS = list(range(2005, 2025))
Result = list[tuple[str, float]]


def make_data(n_regions: int, seed: int = 7) -> tuple[list[str], np.ndarray, dict[str, Any]]:
    with (ROOT / "greenloop/data/monitoring/indicators.csv").open(encoding="utf-8") as handle:
        indicators = [row["code"] for row in csv.DictReader(handle)]
    with (ROOT / "greenloop/data/geo/qinghai/regions.csv").open(encoding="utf-8") as handle:
        regions = [row["code"] for row in csv.DictReader(handle)][:n_regions]
    keys = [f"{i}|{r}" for i, r in itertools.product(indicators, regions)]
    n = len(keys)
    rng = np.random.default_rng(seed)
    start = rng.uniform(10, 1000, n)
    drift = rng.normal(0, 0.03, n)
    noise = rng.normal(0, 0.02, (n, len(YEARS)))
    values = start[:, None] * np.cumprod(1 + drift[:, None] + noise, axis=1)
    at_least = rng.random(n) < 0.5
    ratio = np.where(at_least, rng.uniform(0.9, 1.4, n), rng.uniform(0.6, 1.1, n))
    targets = {
        "level": values[:, -1] * ratio,
        "at_least": at_least,
        "target_year": np.full(n, YEARS[-1] + 5),
    }
    return keys, values, targets


def run_single(values: np.ndarray, targets: dict[str, Any]) -> Result:
    out = []
    for row in range(values.shape[0]):
        spec = calc.TargetSpec(
            calc.AT_LEAST if targets["at_least"][row] else calc.AT_MOST,
            float(targets["level"][row]),
            int(targets["target_year"][row]),
        )
        series = dict(zip(YEARS, values[row].tolist(), strict=True))
        result = calc.evaluate(spec, series, YEARS[-1])
        out.append((result.status, float(result.projected or 0.0)))
    return out


def run_batch(values: np.ndarray, targets: dict[str, Any]) -> Result:
    result = calc.evaluate_batch(
        values, YEARS, targets["level"], targets["at_least"], targets["target_year"]
    )
    return list(zip(result.status.tolist(), result.projected.tolist(), strict=True))


def pandas_reference(values: np.ndarray, targets: dict[str, Any]) -> Result:
    """The straightforward way: one long table, one function applied per series."""
    n = values.shape[0]
    long = pd.DataFrame(
        {
            "series": np.repeat(np.arange(n), len(YEARS)),
            "year": np.tile(YEARS, n),
            "value": values.ravel(),
        }
    )
    spec = pd.DataFrame(targets)

    def one(group: pd.DataFrame) -> pd.Series:
        target = spec.loc[group.name]
        group = group.sort_values("year")
        pairs = pd.DataFrame(list(itertools.combinations(range(len(group)), 2)), columns=["i", "j"])
        x = group["year"].to_numpy(dtype=float)
        y = group["value"].to_numpy()
        pairs["slope"] = (y[pairs["j"]] - y[pairs["i"]]) / (x[pairs["j"]] - x[pairs["i"]])
        slope = pairs["slope"].median()
        intercept = (group["value"] - slope * group["year"]).median()
        low, high = pairs["slope"].quantile([0.1, 0.9])
        residuals = group["value"] - (intercept + slope * group["year"])
        sigma = 1.4826 * (residuals - residuals.median()).abs().median()
        t = float(target["target_year"])
        lever = t - group["year"].mean()
        sxx = ((group["year"] - group["year"].mean()) ** 2).sum()
        projected = intercept + slope * t
        spread = calc.Z_BAND * sigma * np.sqrt(1 + 1 / len(group) + lever * lever / sxx)
        shifts = sorted([lever * (low - slope), lever * (high - slope)])
        band_low = projected + min(shifts[0], 0.0) - spread
        band_high = projected + max(shifts[1], 0.0) + spread
        actual = group["value"].iloc[-1]
        level = target["level"]
        if target["at_least"]:
            met, trend, band = actual >= level, projected >= level, band_high >= level
        else:
            met, trend, band = actual <= level, projected <= level, band_low <= level
        if met:
            status = calc.ACHIEVED
        elif trend:
            status = calc.ON_TRACK
        elif band:
            status = calc.WARNING
        else:
            status = calc.OFF_TRACK
        return pd.Series({"status": status, "projected": projected})

    result = long.groupby("series").apply(one, include_groups=False)
    return list(zip(result["status"].tolist(), result["projected"].tolist(), strict=True))


def timed(function: Callable[..., Result], *args: Any, repeat: int) -> tuple[float, Result]:
    best = float("inf")
    result: Result = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return best, result


def agree(found: Result, reference: Result) -> tuple[int, int]:
    pairs = list(zip(found, reference, strict=True))
    statuses = sum(a[0] == b[0] for a, b in pairs)
    close = sum(abs(a[1] - b[1]) <= 1e-9 * max(1.0, abs(b[1])) for a, b in pairs)
    return statuses, close


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--regions", type=int, default=54)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    keys, values, targets = make_data(options.regions)
    print(f"series: {len(keys)} (indicators × regions), years: {len(YEARS)}, values: {values.size}")
    t_pandas, reference = timed(pandas_reference, values, targets, repeat=1)
    t_single, single = timed(run_single, values, targets, repeat=options.repeat)
    t_batch, batch = timed(run_batch, values, targets, repeat=options.repeat)
    for name, found in (("single", single), ("batch", batch)):
        statuses, close = agree(found, reference)
        print(
            f"{name:>7}: statuses agree {statuses}/{len(reference)}, "
            f"projections agree {close}/{len(reference)}"
        )
        if statuses != len(reference) or close != len(reference):
            print("MISMATCH against the pandas reference", file=sys.stderr)
            return 1
    print(f"{'pandas':>7}: {t_pandas:8.3f} s  (reference, 1 run)")
    print(
        f"{'single':>7}: {t_single:8.3f} s  ratio to pandas {t_single / t_pandas:6.3f}"
        f"  (×{t_pandas / t_single:.1f} faster)"
    )
    print(
        f"{'batch':>7}: {t_batch:8.3f} s  ratio to pandas {t_batch / t_pandas:6.4f}"
        f"  (×{t_pandas / t_batch:.0f} faster)"
    )
    return 0 if t_single <= t_pandas and t_batch <= t_pandas else 2


if __name__ == "__main__":
    sys.exit(main())
