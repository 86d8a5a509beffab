"""LMDI-I decomposition (Ang 2005, with the zero-value limits of Ang & Liu 2007).

Emissions of sector i from fuel j are written as the product of five factors::

    C_ij = P · (G/P) · (E_i/G) · (E_ij/E_i) · (C_ij/E_ij)
           population, GDP per capita, energy intensity, energy mix, emission factor

Additive: ΔC = Σ_k ΔC_k with ΔC_k = Σ_ij L(C^T_ij, C^0_ij) · ln(x^T_k / x^0_k).
Multiplicative: C^T/C^0 = Π_k D_k with ln D_k = ΔC_k / L(C^T, C^0).

Zeros: a cell that appears (C^0_ij = 0) or disappears (C^T_ij = 0) contributes its whole
change to the factor that is zero (mix when the fuel was not used in a used sector, intensity
when the sector used no energy, the emission factor when energy emitted nothing): the limits of
the log-mean terms as the zero tends to 0. The effects therefore always add up exactly.
Process emissions (no energy behind them) form their own term.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from greenloop.carbon.engine.accounting import EngineError

EFFECTS = ("population", "affluence", "intensity", "mix", "emission_factor")


def log_mean(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """L(a, b) = (a − b)/(ln a − ln b); L(a, a) = a; L(a, 0) = L(0, b) = 0."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    positive = (a > 0) & (b > 0)
    safe_a = np.where(positive, a, 1.0)
    safe_b = np.where(positive, b, 1.0)
    ratio = np.log(safe_a) - np.log(safe_b)
    close = np.isclose(safe_a, safe_b, rtol=1e-12, atol=0.0)
    value = np.where(close, safe_a, (safe_a - safe_b) / np.where(close, 1.0, ratio))
    return np.where(positive, value, 0.0)


@dataclass(frozen=True)
class Year:
    population: float
    gdp: float
    energy: np.ndarray  # (sector, fuel) tce
    emissions: np.ndarray  # (sector, fuel) Mt CO2
    process: np.ndarray  # (sector,) Mt CO2 with no energy behind it


@dataclass
class Decomposition:
    additive: dict[str, float]  # effect → Mt
    additive_by_sector: np.ndarray  # (sector, effect) Mt, effects in EFFECTS order
    process: np.ndarray  # (sector,) Mt change of process emissions
    multiplicative: dict[str, float]  # effect → ratio (process included)
    change: float
    start: float
    end: float


def _check(year: Year, label: str) -> None:
    problems = []
    if not year.population > 0:
        problems.append(f"{label}.population: must be positive")
    if not year.gdp > 0:
        problems.append(f"{label}.gdp: must be positive")
    for name in ("energy", "emissions", "process"):
        array = np.asarray(getattr(year, name), dtype=float)
        if np.isnan(array).any():
            problems.append(f"{label}.{name}: missing values")
        elif (array < 0).any():
            problems.append(f"{label}.{name}: negative values")
    energy = np.asarray(year.energy, dtype=float)
    emitted = np.asarray(year.emissions, dtype=float)
    if energy.shape == emitted.shape and ((emitted > 0) & (energy <= 0)).any():
        problems.append(f"{label}: emissions without energy in a cell")
    if problems:
        raise EngineError(problems)


def _ratio_log(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    ok = (new > 0) & (old > 0)
    return np.where(ok, np.log(np.where(ok, new, 1.0)) - np.log(np.where(ok, old, 1.0)), 0.0)


def decompose(start: Year, end: Year) -> Decomposition:
    _check(start, "from")
    _check(end, "to")
    e0, eT = np.asarray(start.energy, float), np.asarray(end.energy, float)
    c0, cT = np.asarray(start.emissions, float), np.asarray(end.emissions, float)
    if e0.shape != eT.shape or c0.shape != e0.shape or cT.shape != eT.shape:
        raise EngineError(["energy and emissions must have the same (sector, fuel) shape"])
    weight = log_mean(cT, c0)
    sector_e0 = e0.sum(axis=1, keepdims=True)
    sector_eT = eT.sum(axis=1, keepdims=True)

    def share(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.divide(a, b, out=np.zeros_like(a), where=b > 0)

    x0 = [
        np.full_like(c0, start.population),
        np.full_like(c0, start.gdp / start.population),
        np.broadcast_to(sector_e0 / start.gdp, c0.shape),
        share(e0, np.broadcast_to(sector_e0, e0.shape)),
        share(c0, e0),
    ]
    xT = [
        np.full_like(cT, end.population),
        np.full_like(cT, end.gdp / end.population),
        np.broadcast_to(sector_eT / end.gdp, cT.shape),
        share(eT, np.broadcast_to(sector_eT, eT.shape)),
        share(cT, eT),
    ]
    cells = np.stack([weight * _ratio_log(b, a) for a, b in zip(x0, xT, strict=True)], axis=-1)

    # Limits where a cell appears or disappears: the whole change goes to the zero factor.
    both = (c0 > 0) & (cT > 0)
    appear = (c0 == 0) & (cT > 0)
    vanish = (c0 > 0) & (cT == 0)
    for mask, sign, energy, sector in ((appear, 1.0, e0, sector_e0), (vanish, -1.0, eT, sector_eT)):
        if not mask.any():
            continue
        amount = np.where(mask, cT if sign > 0 else c0, 0.0) * sign
        sector_zero = np.broadcast_to(sector == 0, energy.shape)
        fuel_zero = (energy == 0) & ~sector_zero
        factor_zero = (energy > 0) & ~sector_zero
        cells[..., :] = np.where(mask[..., None], 0.0, cells)
        cells[..., 2] += np.where(mask & sector_zero, amount, 0.0)
        cells[..., 3] += np.where(mask & fuel_zero, amount, 0.0)
        cells[..., 4] += np.where(mask & factor_zero, amount, 0.0)
    cells = np.where((both | appear | vanish)[..., None], cells, 0.0)

    by_sector = cells.sum(axis=1)
    process = np.asarray(end.process, float) - np.asarray(start.process, float)
    total0 = float(c0.sum() + np.sum(start.process))
    totalT = float(cT.sum() + np.sum(end.process))
    additive = {name: float(by_sector[:, k].sum()) for k, name in enumerate(EFFECTS)}
    additive["process"] = float(process.sum())
    multiplicative: dict[str, float] = {}
    if total0 > 0 and totalT > 0:
        overall = float(log_mean(totalT, total0))
        multiplicative = {name: float(np.exp(value / overall)) for name, value in additive.items()}
    return Decomposition(
        additive=additive,
        additive_by_sector=by_sector,
        process=process,
        multiplicative=multiplicative,
        change=totalT - total0,
        start=total0,
        end=totalT,
    )
