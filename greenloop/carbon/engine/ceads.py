"""Read CEADs' published inventory workbooks as they are.

Provincial workbooks (``Emission_Inventories_for_30_Provinces_YYYY.xlsx``) hold one sheet per
province (``Qinghai2019`` or ``Qinghai``); rows are the 47 sectors plus a total row, columns
the 17 fossil fuels, two scope-2 columns, other energy, cement ``Process`` and the scope-1
total, in Mt CO2. The layout drifts between years, and this reader absorbs it: the total row
is ``Total Consumption`` or ``TotalEmissions``, fuel headers use spaces or underscores (and
``CleanedCoal``), sector names carry trailing spaces in some years.

Every problem is reported with file, sheet, cell and reason; a workbook with any problem
yields no inventory at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from greenloop.carbon.engine.reference import PROCESS, fuels, provinces, sectors

TOTAL_ROWS = {"totalconsumption", "totalemissions", "total"}
IGNORED_COLUMNS = {"scope2heat", "scope2electricity", "otherenergy"}
SCOPE1_TOTAL = "scope1total"
RELATIVE_TOLERANCE = 1e-6
YEAR_IN_NAME = re.compile(r"(19|20)\d\d")


def norm(text: Any) -> str:
    """Compare names regardless of case, spaces, underscores and punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


FUEL_BY_NAME = {norm(f.name_en): f.code for f in fuels()}
SECTOR_BY_NAME = {norm(s.name_en): s.code for s in sectors()}


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class ParsedInventory:
    region_code: str
    region_name: str
    year: int
    source: str  # file!sheet
    cells: dict[tuple[str, str], float] = field(default_factory=dict)  # (sector, fuel) → Mt

    def total(self) -> float:
        # fsum: exactly rounded, so the total does not depend on the order cells were read
        return math.fsum(self.cells.values())


@dataclass
class ParseResult:
    inventories: list[ParsedInventory]
    problems: list[str]


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    number = float(value)
    if math.isnan(number):
        return None
    return number


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(1.0, abs(a), abs(b))


def parse_sheet(
    rows: list[tuple[Any, ...]], *, where: str, region_code: str, region_name: str, year: int
) -> tuple[ParsedInventory | None, list[str]]:
    """One province sheet → an inventory, or the located problems."""
    problems: list[str] = []

    def problem(row: int, col: int | None, why: str) -> None:
        cell = f"{column_letter(col)}{row + 1}" if col is not None else f"row {row + 1}"
        problems.append(f"{where}!{cell}: {why}")

    header_index = next(
        (i for i, row in enumerate(rows[:10]) if any(norm(c) == "rawcoal" for c in row)), None
    )
    if header_index is None:
        return None, [f"{where}: no header row with fuel names (Raw Coal …)"]
    columns: dict[int, str] = {}
    for col, name in enumerate(rows[header_index]):
        key = norm(name)
        if col == 0 or not key or key in {"emissioninventory"}:
            continue
        if key in FUEL_BY_NAME:
            columns[col] = FUEL_BY_NAME[key]
        elif key == "process":
            columns[col] = PROCESS
        elif key == SCOPE1_TOTAL:
            columns[col] = SCOPE1_TOTAL
        elif key in IGNORED_COLUMNS:
            columns[col] = key
        else:
            problem(header_index, col, f"unknown fuel “{name}”")
    missing = [f.code for f in fuels() if f.code not in columns.values()]
    if missing:
        problems.append(f"{where}: fuel column(s) missing: {', '.join(missing)}")
    if problems:
        return None, problems

    inventory = ParsedInventory(region_code, region_name, year, where)
    total_row: dict[str, float] | None = None
    seen: set[str] = set()
    sector_sums: dict[str, float] = {}
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        label = row[0] if row else None
        values = row[1:] if row else ()
        if norm(label) == "" and all(_number_or_none(v) is None for v in values):
            continue  # the unit row and blank rows
        if norm(label) == "unit" or (norm(label) == "" and any(isinstance(v, str) for v in values)):
            continue
        key = norm(label)
        is_total = key in TOTAL_ROWS
        sector = None if is_total else SECTOR_BY_NAME.get(key)
        if not is_total and sector is None:
            problem(index, 0, f"unknown sector “{str(label).strip()}”")
            continue
        if sector is not None:
            if sector in seen:
                problem(index, 0, f"sector “{str(label).strip()}” appears twice")
            seen.add(sector)
        parsed: dict[str, float] = {}
        for col, code in columns.items():
            value = row[col] if col < len(row) else None
            try:
                number = _number(value)
            except (TypeError, ValueError):
                problem(index, col, f"not a number: “{value}”")
                continue
            if number is None:
                problem(index, col, "missing value")
                continue
            if number < 0:
                problem(index, col, f"negative value {number}")
                continue
            parsed[code] = number
        if is_total:
            total_row = parsed
            continue
        assert sector is not None
        stated = parsed.get(SCOPE1_TOTAL)
        summed = sum(v for c, v in parsed.items() if c not in IGNORED_COLUMNS | {SCOPE1_TOTAL})
        if stated is not None and not _close(stated, summed):
            problem(
                index,
                next(c for c, k in columns.items() if k == SCOPE1_TOTAL),
                f"scope-1 total {stated:.6g} ≠ sum of fuels and process {summed:.6g}",
            )
        for code, value in parsed.items():
            if code in IGNORED_COLUMNS or code == SCOPE1_TOTAL:
                continue
            sector_sums[code] = sector_sums.get(code, 0.0) + value
            if value:
                inventory.cells[(sector, code)] = value
    absent = [s.code for s in sectors() if s.code not in seen]
    if absent and not problems:
        problems.append(f"{where}: sector row(s) missing: {', '.join(absent)}")
    if total_row is None:
        problems.append(f"{where}: no total row (Total Consumption / TotalEmissions)")
    elif not problems:
        for col, code in columns.items():
            if code in IGNORED_COLUMNS or code == SCOPE1_TOTAL:
                continue
            stated = total_row.get(code, 0.0)
            if not _close(stated, sector_sums.get(code, 0.0)):
                row_index = next(i for i, r in enumerate(rows) if r and norm(r[0]) in TOTAL_ROWS)
                problem(
                    row_index,
                    col,
                    f"total {stated:.6g} ≠ sum of sectors {sector_sums.get(code, 0.0):.6g}",
                )
    if problems:
        return None, problems
    return inventory, []


def _number_or_none(value: Any) -> float | None:
    try:
        return _number(value)
    except (TypeError, ValueError):
        return None


def _sheet_region(sheet: str) -> tuple[str, int | None] | None:
    """``Qinghai2019`` → (``Qinghai``, 2019); ``Qinghai`` → (``Qinghai``, None)."""
    match = YEAR_IN_NAME.search(sheet)
    stem = sheet[: match.start()] if match else sheet
    stem = stem.strip()
    return (stem, int(match.group(0)) if match else None) if stem else None


def parse_province_workbook(path: Path, only: set[str] | None = None) -> ParseResult:
    """Every province sheet (or those whose GB code is in ``only``) of one yearly workbook."""
    import openpyxl

    match = re.search(r"(19|20)\d\d", path.name)
    file_year = int(match.group(0)) if match else None
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    inventories: list[ParsedInventory] = []
    problems: list[str] = []
    try:
        for sheet in workbook.sheetnames:
            if norm(sheet) == "note":
                continue
            found = _sheet_region(sheet)
            stem, sheet_year = found if found else (sheet, None)
            known = provinces().get(stem)
            if known is None:
                problems.append(f"{path.name}!{sheet}: unknown region “{stem}”")
                continue
            code, name = known
            if only is not None and code not in only:
                continue
            year = sheet_year or file_year
            if year is None:
                problems.append(f"{path.name}!{sheet}: no year in the file or sheet name")
                continue
            if file_year and sheet_year and file_year != sheet_year:
                problems.append(f"{path.name}!{sheet}: sheet year {sheet_year} ≠ file {file_year}")
                continue
            rows = list(workbook[sheet].iter_rows(values_only=True))
            inventory, sheet_problems = parse_sheet(
                rows,
                where=f"{path.name}!{sheet}",
                region_code=code,
                region_name=name,
                year=year,
            )
            problems.extend(sheet_problems)
            if inventory is not None:
                inventories.append(inventory)
    finally:
        workbook.close()
    return ParseResult([] if problems else inventories, problems)


def province_workbooks(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.glob("*.xlsx") if "30" in p.name and "province" in p.name.lower()
    )


@dataclass
class CityTotal:
    city: str
    year: int
    mt: float
    source: str


def parse_city_workbook(path: Path, cities: set[str]) -> tuple[list[CityTotal], list[str]]:
    """City totals from the ``emission vector`` sheet (columns ID, city, year, emission)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    found: list[CityTotal] = []
    problems: list[str] = []
    try:
        names = {norm(s): s for s in workbook.sheetnames}
        sheet = names.get("emissionvector")
        if sheet is None:
            return [], [f"{path.name}: no “emission vector” sheet"]
        rows = list(workbook[sheet].iter_rows(values_only=True))
        header = [norm(c) for c in rows[0]]
        try:
            c_city, c_year, c_value = (header.index(k) for k in ("city", "year", "emission"))
        except ValueError:
            return [], [f"{path.name}!{sheet}: header must name city, year, emission"]
        for index, row in enumerate(rows[1:], start=2):
            if row[c_city] not in cities:
                continue
            value = _number_or_none(row[c_value])
            where = f"{path.name}!{sheet}!{column_letter(c_value)}{index}"
            if value is None:
                problems.append(f"{where}: missing value")
            elif value < 0:
                problems.append(f"{where}: negative value {value}")
            else:
                found.append(
                    CityTotal(str(row[c_city]), int(row[c_year]), value, f"{path.name}!{sheet}")
                )
    finally:
        workbook.close()
    return ([] if problems else found), problems
