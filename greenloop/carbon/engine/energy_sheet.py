"""Energy inventories in physical units, in the CEADs layout: one sheet per region and year
(sheet named ``Qinghai2019``, ``Qinghai`` or a GB/T 2260 code such as ``630100``); a header row
of the 17 fuel names and optionally ``Cement Clinker``; a unit row under it; a ``Total`` row;
the 47 sector rows. Units: 10^4 t for solid and liquid fuels and clinker, 10^8 m3 for gases
(万吨 / 亿立方米 and t, m3, 万立方米 are converted).

Emissions follow with a factor set (NCV × CC × O × 44/12 per fuel) and clinker × the process
factor, attributed to non-metallic mineral products (S27) as CEADs does.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from greenloop.carbon.engine import accounting
from greenloop.carbon.engine.ceads import (
    FUEL_BY_NAME,
    SECTOR_BY_NAME,
    YEAR_IN_NAME,
    _close,
    _number,
    column_letter,
    norm,
)
from greenloop.carbon.engine.reference import DATA, fuel_codes, fuels, provinces, sector_codes

CLINKER = "cement_clinker"
CEMENT_SECTOR = "S27"
# unit text (normalised) → (kind, factor to the inventory unit)
UNITS = {
    "104t": ("mass", 1.0),
    "104tonnes": ("mass", 1.0),
    "10000t": ("mass", 1.0),
    "万吨": ("mass", 1.0),
    "t": ("mass", 1e-4),
    "吨": ("mass", 1e-4),
    "108m3": ("volume", 1.0),
    "亿立方米": ("volume", 1.0),
    "104m3": ("volume", 1e-4),
    "万立方米": ("volume", 1e-4),
    "m3": ("volume", 1e-8),
    "立方米": ("volume", 1e-8),
}


def unit_key(text: Any) -> str:
    raw = str(text or "").strip().lower().replace("³", "3").replace("^", "")
    return re.sub(r"[\s_]", "", raw)


@lru_cache(maxsize=1)
def clinker_factor() -> float:
    with (DATA / "process_factors.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["code"]: float(r["t_co2_per_t"]) for r in csv.DictReader(handle)}
    return rows[CLINKER]


@dataclass
class EnergyInventory:
    region_code: str
    year: int
    source: str
    energy: np.ndarray  # (sector, fuel) in 10^4 t / 10^8 m3
    clinker: float = 0.0  # 10^4 t
    cells: dict[tuple[str, str], float] = field(default_factory=dict)  # emissions, Mt


def _region(sheet: str, known_codes: set[str]) -> tuple[str | None, int | None]:
    match = YEAR_IN_NAME.search(sheet)
    year = int(match.group(0)) if match else None
    stem = (sheet[: match.start()] if match else sheet).strip()
    if stem in provinces():
        return provinces()[stem][0], year
    if stem in known_codes:
        return stem, year
    if len(sheet) == 6 and sheet.isdigit() and sheet in known_codes:
        return sheet, year
    return None, year


def parse_energy_workbook(
    path: Path, *, known_codes: set[str], year: int | None = None
) -> tuple[list[EnergyInventory], list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    found: list[EnergyInventory] = []
    problems: list[str] = []
    try:
        for sheet in book.sheetnames:
            if norm(sheet) == "note":
                continue
            where = f"{path.name}!{sheet}"
            region, sheet_year = _region(sheet, known_codes)
            if region is None:
                problems.append(f"{where}: unknown region “{sheet}”")
                continue
            the_year = sheet_year or year
            if the_year is None:
                problems.append(f"{where}: no year in the sheet name (give one)")
                continue
            rows = list(book[sheet].iter_rows(values_only=True))
            inventory, sheet_problems = parse_energy_rows(rows, where, region, the_year)
            problems.extend(sheet_problems)
            if inventory is not None:
                found.append(inventory)
    finally:
        book.close()
    return ([] if problems else found), problems


def parse_energy_rows(
    rows: list[tuple[Any, ...]], where: str, region: str, year: int
) -> tuple[EnergyInventory | None, list[str]]:
    problems: list[str] = []

    def problem(row: int, col: int, why: str) -> None:
        problems.append(f"{where}!{column_letter(col)}{row + 1}: {why}")

    if len(rows) < 3:
        return None, [f"{where}: too few rows"]
    header, units = rows[0], rows[1]
    columns: dict[int, tuple[str, float]] = {}
    fuel_unit = {f.code: f.unit for f in fuels()}
    for col, name in enumerate(header):
        key = norm(name)
        if col == 0 or not key:
            continue
        code = CLINKER if key == "cementclinker" else FUEL_BY_NAME.get(key)
        if code is None:
            problem(0, col, f"unknown fuel “{name}”")
            continue
        expected = "mass" if code == CLINKER or fuel_unit[code] == "10^4 t" else "volume"
        unit = UNITS.get(unit_key(units[col] if col < len(units) else None))
        if unit is None:
            problem(1, col, f"unknown unit “{units[col] if col < len(units) else ''}”")
        elif unit[0] != expected:
            wanted = "10^4 t" if expected == "mass" else "10^8 m3"
            problem(1, col, f"unit “{units[col]}” is wrong for {name}: measured in {wanted}")
        else:
            columns[col] = (code, unit[1])
    missing = [c for c in fuel_codes() if c not in {v[0] for v in columns.values()}]
    if missing and not problems:
        problems.append(f"{where}: fuel column(s) missing: {', '.join(missing)}")
    if problems:
        return None, problems
    s_index = {c: i for i, c in enumerate(sector_codes())}
    f_index = {c: i for i, c in enumerate(fuel_codes())}
    energy = np.zeros((len(s_index), len(f_index)))
    clinker = 0.0
    total: dict[str, float] | None = None
    total_row = 0
    seen: set[str] = set()
    for index in range(2, len(rows)):
        row = rows[index]
        label = norm(row[0] if row else None)
        if not label:
            continue
        is_total = label in {"total", "totalconsumption"}
        sector = SECTOR_BY_NAME.get(label)
        if not is_total and sector is None:
            problem(index, 0, f"unknown sector “{str(row[0]).strip()}”")
            continue
        values: dict[str, float] = {}
        for col, (code, scale) in columns.items():
            raw = row[col] if col < len(row) else None
            try:
                number = _number(raw)
            except (TypeError, ValueError):
                problem(index, col, f"not a number: “{raw}”")
                continue
            if number is None:
                problem(index, col, "missing value")
            elif number < 0:
                problem(index, col, f"negative value {number}")
            else:
                values[code] = number * scale
        if is_total:
            total, total_row = values, index
            continue
        assert sector is not None
        if sector in seen:
            problem(index, 0, "sector appears twice")
        seen.add(sector)
        for code, value in values.items():
            if code == CLINKER:
                clinker += value if sector == CEMENT_SECTOR else 0.0
                if value and sector != CEMENT_SECTOR:
                    problem(index, 0, "clinker belongs to non-metallic mineral products")
            else:
                energy[s_index[sector], f_index[code]] = value
    absent = [c for c in sector_codes() if c not in seen]
    if absent and not problems:
        problems.append(f"{where}: sector row(s) missing: {', '.join(absent)}")
    if total is None:
        problems.append(f"{where}: no Total row")
    elif not problems:
        for col, (code, _scale) in columns.items():
            summed = clinker if code == CLINKER else float(energy[:, f_index[code]].sum())
            if not _close(total.get(code, 0.0), summed):
                problem(
                    total_row,
                    col,
                    f"total {total.get(code, 0.0):.6g} ≠ sum of sectors {summed:.6g}",
                )
    if problems:
        return None, problems
    return EnergyInventory(region, year, where, energy, clinker), []


def account(inventory: EnergyInventory, factors: np.ndarray) -> dict[tuple[str, str], float]:
    """Emissions (Mt CO2) per (sector, fuel) and cement process, from energy and factors."""
    cells = accounting.emissions(inventory.energy, factors)
    out = {
        (sector, fuel): float(cells[i, j])
        for i, sector in enumerate(sector_codes())
        for j, fuel in enumerate(fuel_codes())
        if cells[i, j]
    }
    if inventory.clinker:
        out[(CEMENT_SECTOR, "process")] = inventory.clinker * 1e4 * clinker_factor() / 1e6
    return out
