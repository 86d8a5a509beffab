"""Energy → standard coal equivalent by the GB/T 2589-2020 reference coefficients.

The table ships in ``greenloop/data/energy/gbt2589_coefficients.csv`` with its source.
Carbon inventories and enterprise metering both convert through here. Pure module.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from greenloop.core.units import convert

TABLE = Path(__file__).resolve().parent.parent / "data" / "energy" / "gbt2589_coefficients.csv"
KJ_PER_KGCE = 29307.6


@dataclass(frozen=True)
class EnergyCoefficient:
    code: str
    name_zh: str
    name_en: str
    physical_unit: str
    ncv_kj_per_unit: float
    kgce_per_unit: float
    basis: str
    source: str


@lru_cache(maxsize=1)
def coefficients() -> dict[str, EnergyCoefficient]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: EnergyCoefficient(
                code=row["code"],
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                physical_unit=row["physical_unit"],
                ncv_kj_per_unit=float(row["ncv_kj_per_unit"]),
                kgce_per_unit=float(row["kgce_per_unit"]),
                basis=row["basis"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        }


def to_tce(quantity: float, energy: str, unit: str | None = None) -> float:
    """Tonnes of standard coal equivalent for ``quantity`` of ``energy`` given in ``unit``
    (default: the coefficient's physical unit, e.g. kg of raw coal, m3 of natural gas)."""
    try:
        coefficient = coefficients()[energy]
    except KeyError:
        raise KeyError(f"no GB/T 2589 coefficient for energy {energy!r}") from None
    physical = quantity if unit is None else convert(quantity, unit, coefficient.physical_unit)
    return physical * coefficient.kgce_per_unit / 1000.0


def tce_from_calorific_value(quantity: float, ncv_kj_per_unit: float) -> float:
    """Tonnes of standard coal equivalent from a measured net calorific value."""
    return quantity * ncv_kj_per_unit / KJ_PER_KGCE / 1000.0
