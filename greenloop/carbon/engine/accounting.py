"""The inventory engine: energy in physical units → emissions, standard coal, and the views
built on it (consumption-based electricity adjustment, bridge estimate, downscaling).

Arrays are shaped ``(..., sector, fuel)`` in the order of :mod:`reference` and every function
is vectorised with numpy: a 30-province × 25-year × 47 × 17 inventory is one multiplication.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from greenloop.core.energy import KJ_PER_KGCE, coefficients

TCE_PER_PJ = 1e12 / KJ_PER_KGCE / 1000.0  # 1 PJ = 10^12 kJ
KG_PER_UNIT = {"10^4 t": 1e7, "10^8 m3": 1e8}  # physical unit → kg or m3


class EngineError(ValueError):
    """Bad input to a computation; ``problems`` holds located messages (nothing computed)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def emissions(energy: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """Mt CO2 per cell: ``energy`` (..., sector, fuel) in physical units × factor per fuel."""
    energy = np.asarray(energy, dtype=float)
    factors = np.asarray(factors, dtype=float)
    if energy.shape[-1] != factors.shape[-1]:
        raise EngineError(
            [f"fuel axis has {energy.shape[-1]} columns, factors {factors.shape[-1]}"]
        )
    if np.isnan(energy).any():
        where = np.argwhere(np.isnan(energy))[0].tolist()
        raise EngineError([f"missing energy value at index {where}"])
    if (energy < 0).any():
        where = np.argwhere(energy < 0)[0].tolist()
        raise EngineError([f"negative energy value at index {where}"])
    return energy * factors


def standard_coal(energy: np.ndarray, ncv: np.ndarray) -> np.ndarray:
    """Tonnes of standard coal equivalent per cell from each fuel's NCV (PJ per unit)."""
    return np.asarray(energy, dtype=float) * np.asarray(ncv, dtype=float) * TCE_PER_PJ


def gbt2589_tce_per_unit(gbt_codes: list[str], ncv: np.ndarray) -> np.ndarray:
    """tce per physical unit by the GB/T 2589 reference coefficient where the standard has
    one for the fuel, otherwise from the factor set's NCV."""
    units = []
    for index, code in enumerate(gbt_codes):
        coefficient = coefficients().get(code) if code else None
        if coefficient is None:
            units.append(float(ncv[index]) * TCE_PER_PJ)
            continue
        per_physical = 1e7 if coefficient.physical_unit == "kg" else 1e8
        units.append(per_physical * coefficient.kgce_per_unit / 1000.0)
    return np.array(units)


def implied_energy(emission_cells: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """Energy (physical units) that the factors turn into the given emissions."""
    factors = np.asarray(factors, dtype=float)
    safe = np.where(factors > 0, factors, 1.0)
    return np.where(factors > 0, np.asarray(emission_cells, dtype=float) / safe, 0.0)


@dataclass(frozen=True)
class ConsumptionView:
    production: float
    consumption: float
    net_export_twh: float
    exporter_factor: float  # t CO2 per MWh of the province's own generation
    import_factor: float
    adjustment: float


def consumption_based(
    *,
    production_mt: float,
    power_sector_mt: float,
    generation_twh: float,
    consumption_twh: float,
    import_grid_factor: float,
) -> ConsumptionView:
    """Production-based total adjusted for electricity trade.

    Net exports leave with the province's own average generation factor (power-sector
    emissions / generation); net imports arrive with the grid factor of the supplying grid
    (t CO2/MWh)."""
    problems = []
    if generation_twh <= 0:
        problems.append("generation must be positive")
    if consumption_twh < 0:
        problems.append("consumption must not be negative")
    if import_grid_factor < 0:
        problems.append("grid factor must not be negative")
    if problems:
        raise EngineError(problems)
    own_factor = power_sector_mt / generation_twh  # Mt/TWh == t/MWh
    net_export = generation_twh - consumption_twh
    # exports leave at the province's own factor, imports arrive at the supplying grid's
    adjustment = -net_export * (own_factor if net_export >= 0 else import_grid_factor)
    return ConsumptionView(
        production=production_mt,
        consumption=production_mt + adjustment,
        net_export_twh=net_export,
        exporter_factor=own_factor,
        import_factor=import_grid_factor,
        adjustment=adjustment,
    )


@dataclass(frozen=True)
class Bridge:
    total_energy_tce: float
    fossil_energy_tce: float
    estimate_mt: float
    reference_mt: float
    difference_mt: float
    implied_non_fossil_share: float


def bridge_estimate(
    *,
    total_energy_tce: float,
    mix: Mapping[str, float],
    factor_per_tce: Mapping[str, float],
    process_mt: float,
    reference_mt: float,
) -> Bridge:
    """Emissions from official total energy (tce) and its mix (shares of coal, oil, gas,
    primary electricity/non-fossil) with an average factor per tce of each fossil group.

    Also returns the non-fossil share that would reconcile the estimate with the reference
    (CEADs) total: the part of the difference that the unknown mix explains."""
    shares = {key: float(mix.get(key, 0.0)) for key in ("coal", "oil", "gas", "non_fossil")}
    problems = [f"{k}: share outside [0, 1]" for k, v in shares.items() if not 0 <= v <= 1]
    if abs(sum(shares.values()) - 1.0) > 1e-6:
        problems.append("mix shares must add up to 1")
    if total_energy_tce <= 0:
        problems.append("total energy must be positive")
    if problems:
        raise EngineError(problems)
    per_tce = {k: float(factor_per_tce[k]) for k in ("coal", "oil", "gas")}
    fossil = total_energy_tce * (1 - shares["non_fossil"])
    combustion = sum(total_energy_tce * shares[k] * per_tce[k] for k in per_tce) / 1e6
    estimate = combustion + process_mt
    fossil_share_of_mix = 1 - shares["non_fossil"]
    average = combustion * 1e6 / fossil if fossil > 0 else 0.0
    needed_fossil = (reference_mt - process_mt) * 1e6 / average if average > 0 else 0.0
    implied = 1 - needed_fossil / total_energy_tce if fossil_share_of_mix > 0 else 1.0
    return Bridge(
        total_energy_tce=total_energy_tce,
        fossil_energy_tce=fossil,
        estimate_mt=estimate,
        reference_mt=reference_mt,
        difference_mt=estimate - reference_mt,
        implied_non_fossil_share=implied,
    )


def downscale(total: float, proxies: Mapping[str, float]) -> dict[str, float]:
    """Split ``total`` over areas in proportion to a proxy (e.g. GDP). An estimate."""
    weights = {key: float(value) for key, value in proxies.items()}
    if any(value < 0 for value in weights.values()):
        raise EngineError(["proxy values must not be negative"])
    whole = sum(weights.values())
    if whole <= 0:
        raise EngineError(["proxy values add up to zero"])
    return {key: total * value / whole for key, value in weights.items()}
