"""Benchmark: account a full inventory, 30 provinces × 25 years × 47 sectors × 17 fuels.

Compares the vectorised engine (greenloop.carbon.engine.accounting) with a row-by-row
reference implementation of the same method (NCV × carbon content × oxidation × 44/12 per
fuel, standard coal from the NCV) in the same run, checks both give the same numbers, and
prints the figures and the ratio. Run: .venv/bin/python benchmarks/carbon_accounting.py
"""

from __future__ import annotations

import time

import numpy as np

from greenloop.carbon.engine import accounting, reference

PROVINCES, YEARS = 30, 25


def row_by_row(rows: list[tuple[int, int, str, str, float]], factors: dict) -> dict:
    """The reference: one record at a time, as a spreadsheet or a loop over DB rows would."""
    totals: dict[tuple[int, int], float] = {}
    by_sector: dict[tuple[int, int, str], float] = {}
    by_fuel: dict[tuple[int, int, str], float] = {}
    tce_total: dict[tuple[int, int], float] = {}
    for province, year, sector, fuel, energy in rows:
        row = factors[fuel]
        emission = energy * row.ncv * row.carbon_content * 1e-3 * row.oxidation * 44.0 / 12.0
        tce = energy * row.ncv * accounting.TCE_PER_PJ
        key = (province, year)
        totals[key] = totals.get(key, 0.0) + emission
        tce_total[key] = tce_total.get(key, 0.0) + tce
        by_sector[(province, year, sector)] = (
            by_sector.get((province, year, sector), 0.0) + emission
        )
        by_fuel[(province, year, fuel)] = by_fuel.get((province, year, fuel), 0.0) + emission
    return {"totals": totals, "sector": by_sector, "fuel": by_fuel, "tce": tce_total}


def vectorised(energy: np.ndarray, ef: np.ndarray, ncv: np.ndarray) -> dict:
    cells = accounting.emissions(energy, ef)
    tce = accounting.standard_coal(energy, ncv)
    return {
        "totals": cells.sum(axis=(2, 3)),
        "sector": cells.sum(axis=3),
        "fuel": cells.sum(axis=2),
        "tce": tce.sum(axis=(2, 3)),
    }


def best_of(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows_set = reference.shipped_factor_set("ceads-shan2018")
    sectors, fuels = reference.sector_codes(), reference.fuel_codes()
    ef, ncv = reference.factor_vector(rows_set), reference.ncv_vector(rows_set)
    rng = np.random.default_rng(2035)
    shape = (PROVINCES, YEARS, len(sectors), len(fuels))
    energy = rng.gamma(0.6, 40.0, shape) * (rng.random(shape) < 0.6)  # sparse, like real data
    rows = [
        (p, y, sectors[s], fuels[f], float(energy[p, y, s, f]))
        for p in range(PROVINCES)
        for y in range(YEARS)
        for s in range(len(sectors))
        for f in range(len(fuels))
    ]
    factors = {row.fuel: row for row in rows_set}

    fast = vectorised(energy, ef, ncv)
    slow = row_by_row(rows, factors)
    totals = np.array([[slow["totals"][(p, y)] for y in range(YEARS)] for p in range(PROVINCES)])
    assert np.allclose(totals, fast["totals"], rtol=1e-12)
    sample = slow["fuel"][(3, 7, fuels[0])]
    assert np.isclose(sample, fast["fuel"][3, 7, 0], rtol=1e-12)

    t_ref = best_of(lambda: row_by_row(rows, factors), 3)
    t_vec = best_of(lambda: vectorised(energy, ef, ncv), 20)
    cells = int(np.prod(shape))
    print(
        f"inventory: {PROVINCES} provinces × {YEARS} years × {len(sectors)} sectors"
        f" × {len(fuels)} fuels = {cells:,} cells"
    )
    print(f"row-by-row reference : {t_ref * 1000:9.1f} ms  ({cells / t_ref:,.0f} cells/s)")
    print(f"vectorised engine    : {t_vec * 1000:9.2f} ms  ({cells / t_vec:,.0f} cells/s)")
    print(f"speed-up             : {t_ref / t_vec:9.1f}×  (aim: 50×)")
    print(
        f"check: totals agree to 1e-12; sum {fast['totals'].sum():,.1f} Mt CO2 (synthetic energy)"
    )


if __name__ == "__main__":
    main()
