"""The NBS provincial energy balance layout (地区能源平衡表) is read as printed, checked cell by
cell (located errors, nothing stored) and mapped onto the inventory as documented.

The fixture ``fixtures/nbs_balance_test_fixture.csv`` is a TEST FIXTURE: its numbers are invented
for these tests. Expected quantities below are worked out by hand from it."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from greenloop.carbon import importing
from greenloop.carbon.engine import nbs_balance, reference
from greenloop.carbon.models import Inventory
from greenloop.core.loading import LoadResult

FIXTURE = Path(__file__).parent / "fixtures" / "nbs_balance_test_fixture.csv"

# by hand: final consumption per balance sector on its carrier row, 工业 minus 用作原料、材料,
# and −(火力发电 + 供热) on S39
EXPECTED = {
    ("S01", "raw_coal"): 4,
    ("S37", "raw_coal"): 100 - 20,
    ("S42", "raw_coal"): 2,
    ("S43", "raw_coal"): 1,
    ("S44", "raw_coal"): 3,
    ("S45", "raw_coal"): 5,
    ("S46", "raw_coal"): 5,
    ("S47", "raw_coal"): 10,
    ("S39", "raw_coal"): 300 + 50,
    ("S37", "cleaned_coal"): 20,
    ("S37", "coke"): 45,
    ("S01", "diesel_oil"): 10,
    ("S37", "diesel_oil"): 9,
    ("S42", "diesel_oil"): 5,
    ("S43", "diesel_oil"): 60,
    ("S44", "diesel_oil"): 5,
    ("S45", "diesel_oil"): 5,
    ("S46", "diesel_oil"): 4,
    ("S47", "diesel_oil"): 1,
    ("S39", "diesel_oil"): 1,
    ("S37", "natural_gas"): 20 - 6,
    ("S43", "natural_gas"): 2,
    ("S44", "natural_gas"): 3,
    ("S45", "natural_gas"): 2,
    ("S46", "natural_gas"): 5,
    ("S47", "natural_gas"): 1,
    ("S39", "natural_gas"): 5,
}
# fuel totals by hand: raw coal 460, cleaned coal 20, coke 45, diesel 100, natural gas 32


def _expected_mt() -> float:
    ef = reference.factor_vector(reference.shipped_factor_set("ceads-shan2018"))
    at = {c: i for i, c in enumerate(reference.fuel_codes())}
    return float(
        460 * ef[at["raw_coal"]]
        + 20 * ef[at["cleaned_coal"]]
        + 45 * ef[at["coke"]]
        + 100 * ef[at["diesel_oil"]]
        + 32 * ef[at["natural_gas"]]
    )


def _rows() -> list[list[str]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        return [list(r) for r in csv.reader(handle)]


def _parse(rows: list[list[Any]]) -> list[str]:
    found, problems = nbs_balance.parse_balance([tuple(r) for r in rows], "t.csv", "630000", 2019)
    assert (found is None) == bool(problems)
    return problems


def test_fixture_maps_to_the_documented_sectors() -> None:
    found, problems = nbs_balance.parse_balance(
        [tuple(r) for r in _rows()], "t.csv", "630000", 2019
    )
    assert problems == [] and found is not None and found.inventory is not None
    s_at = {c: i for i, c in enumerate(reference.sector_codes())}
    f_at = {c: i for i, c in enumerate(reference.fuel_codes())}
    energy = found.inventory.energy
    got = {
        (s, f): float(energy[s_at[s], f_at[f]])
        for s in s_at
        for f in f_at
        if energy[s_at[s], f_at[f]]
    }
    assert got == pytest.approx(EXPECTED)


def test_csv_and_xlsx_import_store_the_same_accounted_inventory(tmp_path: Path, db: Any) -> None:
    stored = importing.import_nbs_balance(
        FIXTURE, "ceads-shan2018", LoadResult("c"), region="630000", year=2021
    )
    assert stored[0].code == "nbs-630000-2021-ceads-shan2018"
    assert stored[0].total_mt == pytest.approx(_expected_mt(), rel=1e-12)
    assert "NBS" in stored[0].source
    # the same table as a workbook, units in the headers (原煤(万吨)) instead of a unit row
    rows = _rows()
    header = [rows[1][0], *[f"{n}({u})" for n, u in zip(rows[1][1:], rows[2][1:], strict=True)]]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(rows[0][:1])
    ws.append(header)
    for row in rows[3:]:
        ws.append([row[0], *[v if v == "-" else float(v) for v in row[1:]]])
    path = tmp_path / "balance.xlsx"
    book.save(path)
    again = importing.import_nbs_balance(
        path, "ceads-shan2018", LoadResult("c"), region="630000", year=2021
    )
    assert again[0].total_mt == pytest.approx(stored[0].total_mt, rel=1e-12)
    assert Inventory.objects.filter(code__startswith="nbs-630000-2021").count() == 1


def _edit(row: int, col: int, value: str) -> list[list[str]]:
    rows = _rows()
    rows[row - 1][col] = value
    return rows


@pytest.mark.parametrize(
    ("rows", "where", "why"),
    [
        (_edit(2, 2, "洗中煤"), "t.csv!C2", "unknown energy product"),
        (_edit(22, 0, "1.农业"), "t.csv!A22", "unknown balance item"),
        (_edit(3, 2, "吨标准煤"), "t.csv!C3", "unknown unit"),
        (_edit(3, 17, "万吨"), "t.csv!R3", "wrong for 天然气"),
        (_edit(26, 1, "-2"), "t.csv!B26", "negative value"),
        (_edit(8, 1, "200"), "t.csv!B8", "printed (-)"),
        (_edit(28, 12, ""), "t.csv!M28", "missing value"),
        (_edit(28, 12, "abc"), "t.csv!M28", "not a number"),
        (_edit(20, 1, "131"), "t.csv!B20", "subtotal"),
        (_edit(31, 17, "7"), "t.csv!R31", "subtotal"),
        (_edit(23, 12, "15"), "t.csv!M23", "subtotal"),
        (_edit(34, 1, "4"), "t.csv!B34", "平衡差额"),
        (_edit(25, 17, "21"), "t.csv!R25", "exceeds 工业"),
        (_edit(12, 1, "1"), "t.csv!B12", "input to thermal_power"),
    ],
)
def test_bad_cells_are_located(rows: list[list[str]], where: str, why: str) -> None:
    problems = _parse(rows)
    assert any(p.startswith(f"{where}:") and why in p for p in problems), problems


def test_missing_rows_and_columns_are_reported() -> None:
    rows = [r for r in _rows() if r[0] != "2.乡村"]
    assert any("row missing: rural" in p for p in _parse(rows))
    rows = [[c for i, c in enumerate(r) if i != 12] for r in _rows()]
    assert any("column(s) missing: 柴油" in p for p in _parse(rows))


def test_command_imports_the_nbs_layout_and_stores_nothing_on_error(
    tmp_path: Path, db: Any
) -> None:
    out = StringIO()
    call_command(
        "import_energy",
        str(FIXTURE),
        "--layout",
        "nbs",
        "--region",
        "630000",
        "--year",
        "2022",
        stdout=out,
    )
    assert f"nbs-630000-2022-ceads-shan2018: {_expected_mt():.4f} Mt CO2" in out.getvalue()
    assert "coarser than CEADs' 47" in out.getvalue()
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(_edit(26, 1, "-2"))
    before = Inventory.objects.count()
    with pytest.raises(CommandError, match=r"bad\.csv!B26: negative value"):
        call_command(
            "import_energy", str(bad), "--layout", "nbs", "--region", "630000", "--year", "2023"
        )
    with pytest.raises(CommandError, match="needs --region and --year"):
        call_command("import_energy", str(FIXTURE), "--layout", "nbs")
    with pytest.raises(CommandError, match="unknown region"):
        call_command(
            "import_energy", str(FIXTURE), "--layout", "nbs", "--region", "999999", "--year", "2023"
        )
    assert Inventory.objects.count() == before


def test_page_shows_the_nbs_estimate_beside_the_ceads_total(db: Any) -> None:
    from django.test import Client

    importing.import_nbs_balance(
        FIXTURE, "ceads-shan2018", LoadResult("c"), region="630000", year=2019
    )
    ceads = Inventory.objects.get(code="ceads-630000-2019").total_mt
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/carbon/?region=630000&year=2019").content
    page = html.decode()
    assert 'data-testid="nbs-table"' in page and 'data-testid="nbs-note"' in page
    assert f"{_expected_mt():.2f}" in page
    assert f"{_expected_mt() - ceads:.2f}" in page
    assert "nbs_balance_test_fixture.csv" in page


def test_older_yearbook_rows_read_the_same() -> None:
    """Older tables print 年初库存量 / 年末库存量(-) instead of 库存增(-)减(+)量, and 回收能 under
    both supply and transformation."""
    rows = _rows()
    width = len(rows[1])
    stock = next(i for i, r in enumerate(rows) if r[0].startswith("6.库存"))
    opening = ["1.年初库存量", "20", *["-"] * (width - 2)]
    closing = ["10.年末库存量(-)", "-30", *["-"] * (width - 2)]
    rows[stock : stock + 1] = [opening, closing]
    rows.insert(stock, ["3.回收能", *["-"] * (width - 1)])
    coking = next(i for i, r in enumerate(rows) if r[0] == "4.炼焦")
    rows.insert(coking + 1, ["(九)回收能", *["0"] * (width - 1)])
    old, problems = nbs_balance.parse_balance([tuple(r) for r in rows], "t.csv", "630000", 2019)
    new, _ = nbs_balance.parse_balance([tuple(r) for r in _rows()], "t.csv", "630000", 2019)
    assert problems == []
    assert old is not None and new is not None and old.inventory and new.inventory
    assert (old.inventory.energy == new.inventory.energy).all()
    rows[stock + 2][1] = "-31"  # 年末库存量 no longer adds up to 可供本地区消费的能源量
    assert any(p.startswith("t.csv!B4: subtotal") for p in _parse(rows))
