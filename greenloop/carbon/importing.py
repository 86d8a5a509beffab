"""Store parsed CEADs inventories: all or nothing, idempotent, audited."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from greenloop.carbon.engine import ceads
from greenloop.carbon.engine.reference import PROCESS, fuel_codes, sector_codes
from greenloop.carbon.models import Inventory, InventoryCell, InventoryKind
from greenloop.core.loading import DataFileError, LoadResult

CEADS_SOURCE = (
    "CEADs provincial CO2 inventories (ceads.net; Shan et al. 2018, 2020; Guan et al. 2021)"
)
CITY_SOURCE = "CEADs city CO2 emissions, 290 cities 1997-2019 (ceads.net)"
EXTRACT_COLUMNS = ["region_code", "region_name", "year", "sector", "fuel", "mt_co2", "source"]


def inventory_code(region_code: str, year: int, kind: str = "ceads") -> str:
    return f"{kind}-{region_code}-{year}"


def store(
    inventories: Iterable[ceads.ParsedInventory], result: LoadResult, *, source: str = CEADS_SOURCE
) -> None:
    """Create or bring up to date one Inventory per parsed sheet (cells compared exactly)."""
    parsed = list(inventories)
    codes = [inventory_code(p.region_code, p.year) for p in parsed]
    stored = {i.code: i for i in Inventory.objects.filter(code__in=codes)}
    cells_of: dict[int, dict[tuple[str, str], float]] = {}
    for sector, fuel, value, inventory_id in InventoryCell.objects.filter(
        inventory__in=stored.values()
    ).values_list("sector", "fuel", "emissions_mt", "inventory_id"):
        cells_of.setdefault(inventory_id, {})[(sector, fuel)] = value
    new_cells: list[InventoryCell] = []
    with transaction.atomic():
        for code, item in zip(codes, parsed, strict=True):
            wanted: dict[str, Any] = {
                "region_code": item.region_code,
                "region_name": item.region_name,
                "year": item.year,
                "kind": InventoryKind.SECTOR_FUEL,
                "source": f"{source}: {item.source}"[:500],
                "total_mt": item.total(),
            }
            existing = stored.get(code)
            if existing is not None:
                same_row = all(getattr(existing, k) == v for k, v in wanted.items())
                if same_row and cells_of.get(existing.pk, {}) == item.cells:
                    result.unchanged += 1
                    continue
                for key, value in wanted.items():
                    setattr(existing, key, value)
                existing.save()
                existing.cells.all().delete()
                inventory = existing
                result.updated += 1
            else:
                inventory = Inventory.objects.create(code=code, **wanted)
                result.created += 1
            new_cells.extend(
                InventoryCell(inventory=inventory, sector=s, fuel=f, emissions_mt=v)
                for (s, f), v in item.cells.items()
            )
        InventoryCell.objects.bulk_create(new_cells, batch_size=2000)


def store_city_totals(
    totals: Iterable[ceads.CityTotal], region_code: str, region_name: str, result: LoadResult
) -> None:
    with transaction.atomic():
        for total in totals:
            code = inventory_code(region_code, total.year, "ceads-city")
            wanted = {
                "region_code": region_code,
                "region_name": region_name,
                "year": total.year,
                "kind": InventoryKind.TOTAL,
                "source": f"{CITY_SOURCE}: {total.source}"[:500],
                "total_mt": total.mt,
            }
            existing = Inventory.objects.filter(code=code).first()
            if existing is None:
                Inventory.objects.create(code=code, **wanted)
                result.created += 1
            elif any(getattr(existing, k) != v for k, v in wanted.items()):
                Inventory.objects.filter(pk=existing.pk).update(**wanted)
                result.updated += 1
            else:
                result.unchanged += 1


def import_workbooks(folder: Path, only: set[str] | None, result: LoadResult) -> int:
    """Parse every provincial workbook in ``folder`` first; store only when none has a problem."""
    parsed: list[ceads.ParsedInventory] = []
    problems: list[str] = []
    workbooks = ceads.province_workbooks(folder)
    if not workbooks:
        raise DataFileError([f"{folder}: no Emission_Inventories_for_30_Provinces_YYYY.xlsx"])
    for path in workbooks:
        found = ceads.parse_province_workbook(path, only)
        problems.extend(found.problems)
        parsed.extend(found.inventories)
    if problems:
        raise DataFileError(problems)
    store(parsed, result)
    return len(parsed)


def write_extract(inventories: Iterable[ceads.ParsedInventory], path: Path) -> int:
    """The long-format CSV the default load reads (full float precision)."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXTRACT_COLUMNS)
        for item in sorted(inventories, key=lambda i: (i.region_code, i.year)):
            for (sector, fuel), value in sorted(item.cells.items()):
                writer.writerow(
                    [
                        item.region_code,
                        item.region_name,
                        item.year,
                        sector,
                        fuel,
                        repr(value),
                        item.source,
                    ]
                )
                count += 1
    return count


def read_extract(path: Path) -> list[ceads.ParsedInventory]:
    """Read an extract back, checking every row (located errors, nothing returned on error)."""
    known_sectors = set(sector_codes())
    known_fuels = {*fuel_codes(), PROCESS}
    problems: list[str] = []
    found: dict[tuple[str, int], ceads.ParsedInventory] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in EXTRACT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError([f"{path.name}: missing column(s) {', '.join(missing)}"])
        for row in reader:
            line = reader.line_num
            where = f"{path.name}:{line}"
            row_problems = _check_row(row, where, known_sectors, known_fuels)
            if row_problems:
                problems.extend(row_problems)
                continue
            key = (row["region_code"], int(row["year"]))
            item = found.setdefault(
                key, ceads.ParsedInventory(key[0], row["region_name"], key[1], row["source"])
            )
            cell = (row["sector"], row["fuel"])
            if cell in item.cells:
                problems.append(f"{where}: {cell} appears twice")
            item.cells[cell] = float(row["mt_co2"])
    if problems:
        raise DataFileError(problems)
    return list(found.values())


def _check_row(row: dict[str, Any], where: str, sectors: set[str], fuels: set[str]) -> list[str]:
    problems = []
    if row["sector"] not in sectors:
        problems.append(f"{where}, sector: unknown sector “{row['sector']}”")
    if row["fuel"] not in fuels:
        problems.append(f"{where}, fuel: unknown fuel “{row['fuel']}”")
    try:
        int(row["year"])
    except (TypeError, ValueError):
        problems.append(f"{where}, year: not a year")
    try:
        value = float(row["mt_co2"])
        if value < 0:
            problems.append(f"{where}, mt_co2: negative value")
    except (TypeError, ValueError):
        problems.append(f"{where}, mt_co2: missing or not a number")
    return problems
