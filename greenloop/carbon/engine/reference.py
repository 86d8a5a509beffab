"""The fixed reference lists: CEADs' 47 sectors and 17 fossil fuels, provinces, factor sets.

Read from ``greenloop/data/carbon/`` (each file with its source).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "carbon"
PROCESS = "process"  # cement clinker process emissions: a column of its own, not a fuel
CO2_PER_C = 44.0 / 12.0


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Sector:
    code: str
    name_en: str
    name_zh: str
    group: str


@dataclass(frozen=True)
class Fuel:
    code: str
    name_en: str
    name_zh: str
    unit: str  # "10^4 t" or "10^8 m3"
    gbt2589: str
    kind: str  # coal, oil, gas


@lru_cache(maxsize=1)
def sectors() -> tuple[Sector, ...]:
    return tuple(
        Sector(r["code"], r["name_en"], r["name_zh"], r["group"]) for r in _rows("sectors.csv")
    )


@lru_cache(maxsize=1)
def fuels() -> tuple[Fuel, ...]:
    return tuple(
        Fuel(r["code"], r["name_en"], r["name_zh"], r["unit"], r["gbt2589"], r["kind"])
        for r in _rows("fuels.csv")
    )


def sector_codes() -> list[str]:
    return [s.code for s in sectors()]


def fuel_codes() -> list[str]:
    return [f.code for f in fuels()]


@lru_cache(maxsize=1)
def provinces() -> dict[str, tuple[str, str]]:
    """CEADs sheet stem (e.g. ``Qinghai``) → (GB/T 2260 code, Chinese name)."""
    return {r["sheet"]: (r["code"], r["name_zh"]) for r in _rows("provinces.csv")}


@dataclass(frozen=True)
class FactorRow:
    fuel: str
    ncv: float  # PJ per physical unit (10^4 t or 10^8 m3)
    carbon_content: float  # t C per TJ
    oxidation: float  # fraction
    source: str


FACTOR_FILES = {
    "ceads-shan2018": "factors_ceads_shan2018.csv",
    "ipcc2006": "factors_ipcc2006.csv",
}


@lru_cache(maxsize=4)
def shipped_factor_set(code: str) -> tuple[FactorRow, ...]:
    return tuple(
        FactorRow(
            r["fuel"],
            float(r["ncv_pj_per_unit"]),
            float(r["carbon_content_tc_per_tj"]),
            float(r["oxidation"]),
            r["source"],
        )
        for r in _rows(FACTOR_FILES[code])
    )


def emission_factor(ncv: float, carbon_content: float, oxidation: float) -> float:
    """Mt CO2 per physical unit: NCV (PJ/unit) × CC (t C/TJ = 10^-3 Mt C/PJ) × O × 44/12."""
    return ncv * carbon_content * 1e-3 * oxidation * CO2_PER_C


def factor_vector(rows: tuple[FactorRow, ...] | list[FactorRow]) -> np.ndarray:
    """Emission factors (Mt CO2 per unit) in the order of :func:`fuel_codes`.

    Raises ``KeyError`` naming the fuels the set lacks: a factor set missing a fuel computes
    nothing."""
    by_fuel = {row.fuel: row for row in rows}
    missing = [code for code in fuel_codes() if code not in by_fuel]
    if missing:
        raise KeyError(", ".join(missing))
    return np.array(
        [
            emission_factor(by_fuel[c].ncv, by_fuel[c].carbon_content, by_fuel[c].oxidation)
            for c in fuel_codes()
        ]
    )


def ncv_vector(rows: tuple[FactorRow, ...] | list[FactorRow]) -> np.ndarray:
    by_fuel = {row.fuel: row for row in rows}
    return np.array([by_fuel[c].ncv for c in fuel_codes()])
