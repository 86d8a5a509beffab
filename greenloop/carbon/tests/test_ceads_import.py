"""Importing CEADs workbooks as published: the layout drift between years is absorbed, and bad
input (unknown fuel or sector, negative or missing cells, totals that do not add up, unknown
region) gives located errors with nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from greenloop.carbon import importing
from greenloop.carbon.engine import ceads
from greenloop.carbon.engine.reference import fuels, sectors
from greenloop.carbon.models import Inventory
from greenloop.core.loading import DataFileError, LoadResult

OLD_HEADER = [
    None,
    *[f.name_en for f in fuels()],
    "Scope 2 Heat",
    "Scope 2 Electricity",
    "Other Energy",
    "Process",
    "Scope 1 Total",
]
NEW_HEADER = [
    "Emission_Inventory",
    *[f.name_en.replace(" ", "_") for f in fuels()],
    "Scope_2_Heat",
    "Scope_2_Electricity",
    "Other_Energy",
    "Process",
    "Scope_1_Total",
]
NEW_HEADER[2] = "CleanedCoal"


def _sheet_rows(new_layout: bool) -> list[list[Any]]:
    header = list(NEW_HEADER if new_layout else OLD_HEADER)
    rows: list[list[Any]] = [header, [None] + ["Mt CO2"] * (len(header) - 1), [None] * len(header)]
    body: list[list[Any]] = []
    for index, sector in enumerate(sectors()):
        values = [0.0] * (len(header) - 1)
        values[0] = 0.1 * (index + 1)  # raw coal
        values[-2] = 0.5 if sector.code == "S27" else 0.0  # process (cement)
        values[-1] = sum(values[:-1])
        name = sector.name_en if new_layout else sector.name_en + "      "
        body.append([name, *values])
    totals = [sum(row[c] for row in body) for c in range(1, len(header))]
    rows.append(["TotalEmissions" if new_layout else "Total Consumption", *totals])
    rows.extend(body)
    return rows


def _write(folder: Path, year: int, rows: list[list[Any]], sheet: str = "Qinghai{year}") -> Path:
    book = openpyxl.Workbook()
    book.active.title = "NOTE"
    ws = book.create_sheet(sheet.format(year=year))
    for row in rows:
        ws.append(row)
    path = folder / f"Emission_Inventories_for_30_Provinces_{year}.xlsx"
    book.save(path)
    return path


def test_both_layouts_parse_to_the_same_inventory(tmp_path: Path) -> None:
    old = ceads.parse_province_workbook(_write(tmp_path, 2001, _sheet_rows(False)))
    new = ceads.parse_province_workbook(_write(tmp_path, 2019, _sheet_rows(True), sheet="Qinghai"))
    assert old.problems == [] and new.problems == []
    assert old.inventories[0].cells == new.inventories[0].cells
    assert new.inventories[0].year == 2019 and new.inventories[0].region_code == "630000"
    assert old.inventories[0].cells[("S27", "process")] == 0.5


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (lambda r: r[0].__setitem__(5, "Peat"), "!F1: unknown fuel “Peat”"),
        (lambda r: r[5].__setitem__(0, "Bitcoin Mining"), "!A6: unknown sector “Bitcoin Mining”"),
        (lambda r: r[6].__setitem__(1, -0.3), "!B7: negative value -0.3"),
        (lambda r: r[7].__setitem__(1, None), "!B8: missing value"),
        (lambda r: r[3].__setitem__(1, 999.0), "!B4: total 999 ≠ sum of sectors"),
        (
            lambda r: r[8].__setitem__(len(r[8]) - 1, 42.0),
            "scope-1 total 42 ≠ sum of fuels and process",
        ),
    ],
)
def test_bad_cells_are_located_and_nothing_is_stored(
    tmp_path: Path, db: Any, spoil: Any, expected: str
) -> None:
    rows = _sheet_rows(False)
    spoil(rows)
    _write(tmp_path, 2003, rows)
    _write(tmp_path, 2004, _sheet_rows(True))  # a good workbook beside it is not stored either
    before = Inventory.objects.count()
    with pytest.raises(DataFileError) as caught:
        importing.import_workbooks(tmp_path, None, LoadResult("carbon"))
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert all(
        "Emission_Inventories_for_30_Provinces_2003.xlsx!Qinghai2003" in p
        for p in caught.value.problems
    )
    assert Inventory.objects.count() == before


def test_unknown_region_is_refused(tmp_path: Path, db: Any) -> None:
    _write(tmp_path, 2005, _sheet_rows(False), sheet="Atlantis{year}")
    with pytest.raises(DataFileError, match="unknown region “Atlantis”"):
        importing.import_workbooks(tmp_path, None, LoadResult("carbon"))


def test_import_is_idempotent_and_updates_changed_cells(tmp_path: Path, db: Any) -> None:
    _write(tmp_path, 2006, _sheet_rows(True), sheet="Gansu{year}")
    first = LoadResult("carbon")
    importing.import_workbooks(tmp_path, None, first)
    second = LoadResult("carbon")
    importing.import_workbooks(tmp_path, None, second)
    assert (first.created, second.created, second.updated, second.unchanged) == (1, 0, 0, 1)
    stored = Inventory.objects.get(code="ceads-620000-2006")
    assert stored.total_mt == pytest.approx(sum(0.1 * (i + 1) for i in range(47)) + 0.5)


def test_extract_round_trips_exactly(tmp_path: Path) -> None:
    parsed = ceads.parse_province_workbook(_write(tmp_path, 2010, _sheet_rows(False))).inventories
    out = tmp_path / "extract.csv"
    importing.write_extract(parsed, out)
    again = importing.read_extract(out)
    assert again[0].cells == parsed[0].cells


def test_extract_rows_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "region_code,region_name,year,sector,fuel,mt_co2,source\n"
        "630000,青海省,2019,S99,raw_coal,1.0,x\n"
        "630000,青海省,2019,S01,peat,1.0,x\n"
        "630000,青海省,2019,S01,raw_coal,-1,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        importing.read_extract(bad)
    assert caught.value.problems == [
        "bad.csv:2, sector: unknown sector “S99”",
        "bad.csv:3, fuel: unknown fuel “peat”",
        "bad.csv:4, mt_co2: negative value",
    ]
