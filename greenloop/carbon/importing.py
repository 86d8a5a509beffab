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


def _factor_set(factor_set_code: str) -> tuple[Any, Any]:
    from greenloop.carbon.engine.reference import FactorRow, factor_vector
    from greenloop.carbon.models import Factor, FactorSet

    factor_set = FactorSet.objects.filter(code=factor_set_code).first()
    if factor_set is None:
        raise DataFileError([f"factor set “{factor_set_code}” does not exist"])
    rows = [
        FactorRow(f.fuel, f.ncv, f.carbon_content, f.oxidation, f.source)
        for f in Factor.objects.filter(factor_set=factor_set)
    ]
    try:
        factors = factor_vector(rows)
    except KeyError as error:
        raise DataFileError(
            [f"factor set “{factor_set_code}” has no factor for: {error.args[0]}"]
        ) from None
    return factor_set, factors


def _region_names() -> dict[str, str]:
    from greenloop.carbon.engine.reference import provinces
    from greenloop.geo.models import Region

    names = dict(Region.objects.values_list("code", "name_zh"))
    names.update({code: name for code, name in provinces().values()})
    return names


def import_energy(
    path: Path, factor_set_code: str, result: LoadResult, *, year: int | None = None
) -> list[Inventory]:
    """An energy workbook (physical units, CEADs layout) accounted with a factor set; every
    sheet is checked before anything is stored."""
    from greenloop.carbon.engine import energy_sheet

    factor_set, factors = _factor_set(factor_set_code)
    names = _region_names()
    parsed, problems = energy_sheet.parse_energy_workbook(path, known_codes=set(names), year=year)
    if problems:
        raise DataFileError(problems)
    return _store_energy(parsed, factor_set, factors, names, result, prefix="energy")


NBS_NOTE = (
    "NBS provincial energy balance layout: 7 final-consumption sectors, each carried by one "
    "CEADs sector row (coarser than CEADs' 47); fossil inputs to thermal power and heating on "
    "S39; non-energy use, other transformation inputs and losses not counted"
)


def read_table(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(sheet name, rows) of an xlsx workbook (sheets named note/说明 skipped) or a CSV file."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [(path.name, [tuple(r) for r in csv.reader(handle)])]
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise DataFileError([f"{path.name}: not an xlsx or CSV file"])
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise DataFileError([f"{path.name}: cannot read the workbook ({error})"]) from None
    try:
        return [
            (f"{path.name}!{name}", list(book[name].iter_rows(values_only=True)))
            for name in book.sheetnames
            if name.strip().lower() not in {"note", "notes", "说明"}
        ]
    finally:
        book.close()


def import_nbs_balance(
    path: Path, factor_set_code: str, result: LoadResult, *, region: str, year: int
) -> list[Inventory]:
    """A provincial energy balance (NBS layout, one table) mapped to the inventory and accounted
    with a factor set; nothing is stored when any cell has a problem."""
    from greenloop.carbon.engine import nbs_balance

    factor_set, factors = _factor_set(factor_set_code)
    names = _region_names()
    if region not in names:
        raise DataFileError([f"{path.name}: unknown region “{region}”"])
    tables = read_table(path)
    if len(tables) != 1:
        raise DataFileError([f"{path.name}: expected one balance sheet, found {len(tables)}"])
    where, rows = tables[0]
    balance, problems = nbs_balance.parse_balance(rows, where, region, year)
    if problems or balance is None or balance.inventory is None:
        raise DataFileError(problems)
    balance.inventory.source = f"{balance.inventory.source}; {NBS_NOTE}"
    return _store_energy([balance.inventory], factor_set, factors, names, result, prefix="nbs")


def _store_energy(
    parsed: list[Any],
    factor_set: Any,
    factors: Any,
    names: dict[str, str],
    result: LoadResult,
    *,
    prefix: str,
) -> list[Inventory]:
    from greenloop.carbon.engine import energy_sheet

    stored: list[Inventory] = []
    s_index = {c: i for i, c in enumerate(sector_codes())}
    f_index = {c: i for i, c in enumerate(fuel_codes())}
    with transaction.atomic():
        for item in parsed:
            emissions = energy_sheet.account(item, factors)
            code = f"{prefix}-{item.region_code}-{item.year}-{factor_set.code}"[:64]
            Inventory.objects.filter(code=code).delete()
            inventory = Inventory.objects.create(
                code=code,
                region_code=item.region_code,
                region_name=names.get(item.region_code, item.region_code),
                year=item.year,
                kind=InventoryKind.ENERGY,
                source=f"{item.source}; factors: {factor_set.code} {factor_set.version}"[:500],
                factor_set=factor_set,
                total_mt=sum(emissions.values()),
            )
            InventoryCell.objects.bulk_create(
                InventoryCell(
                    inventory=inventory,
                    sector=sector,
                    fuel=fuel,
                    emissions_mt=value,
                    energy=item.clinker
                    if fuel == PROCESS
                    else float(item.energy[s_index[sector], f_index[fuel]]),
                )
                for (sector, fuel), value in emissions.items()
            )
            result.created += 1
            stored.append(inventory)
    return stored
