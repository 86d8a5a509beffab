"""Done means: Qinghai's emissions shown by the platform equal CEADs' published workbooks for
every year 1997-2019 (within 0.1%), in total, by sector and by fuel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from greenloop.carbon import selectors
from greenloop.carbon.engine.ceads import norm
from greenloop.carbon.engine.reference import fuels, sectors

RAW = Path(__file__).resolve().parents[4] / "shared" / "data" / "ceads" / "raw"
if not RAW.is_dir():  # the worktree sits beside main; the shared data is one level up
    RAW = Path("/work/shared/data/ceads/raw")

pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason="CEADs workbooks not available")


def _published() -> dict[int, dict[str, Any]]:
    """Read Qinghai's sheets directly (independent of the importer): totals, sector row
    totals, fuel column totals."""
    out: dict[int, dict[str, Any]] = {}
    sector_by_name = {norm(s.name_en): s.code for s in sectors()}
    fuel_by_name = {norm(f.name_en): f.code for f in fuels()} | {"process": "process"}
    for path in sorted(RAW.glob("*30*rovinces*.xlsx")):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = next(s for s in book.sheetnames if s.startswith("Qinghai"))
        rows = list(book[sheet].iter_rows(values_only=True))
        year = int(path.stem[-4:])
        header = [norm(c) for c in rows[0]]
        total_col = header.index("scope1total")
        by_sector: dict[str, float] = {}
        by_fuel: dict[str, float] = {}
        total = None
        for row in rows[3:]:
            key = norm(row[0])
            if key in {"totalconsumption", "totalemissions"}:
                total = row[total_col]
                for col, name in enumerate(header):
                    if name in fuel_by_name and row[col]:
                        by_fuel[fuel_by_name[name]] = row[col]
            elif key in sector_by_name and row[total_col]:
                by_sector[sector_by_name[key]] = row[total_col]
        out[year] = {"total": total, "sector": by_sector, "fuel": by_fuel}
        book.close()
    return out


@pytest.fixture(scope="module")
def published() -> dict[int, dict[str, Any]]:
    return _published()


def test_every_year_1997_to_2019_is_loaded_by_default(db: Any, published: dict) -> None:
    assert sorted(published) == list(range(1997, 2020))
    years = selectors.years_available("630000")
    assert set(range(1997, 2020)) <= set(years)


@pytest.mark.parametrize("by", ["sector", "fuel"])
def test_platform_equals_workbooks_by_sector_and_fuel(db: Any, published: dict, by: str) -> None:
    for year, book in published.items():
        shown = selectors.breakdown("630000", year, by, "production")
        assert shown is not None, year
        assert shown.total_mt == pytest.approx(book["total"], rel=1e-3), year
        platform = {item["code"]: item["mt_co2"] for item in shown.items}
        expected = {k: v for k, v in book[by].items() if v}
        assert set(platform) == set(expected), (year, set(platform) ^ set(expected))
        for code, value in expected.items():
            assert platform[code] == pytest.approx(value, rel=1e-3), (year, by, code)


def test_xining_comes_from_the_city_file(db: Any) -> None:
    series = selectors.series("630100")
    assert [row["year"] for row in series] == list(range(2008, 2016))
    assert series[0]["total_mt"] == pytest.approx(18.7898, rel=1e-4)


def test_importing_the_workbooks_changes_nothing_after_the_default_load(db: Any) -> None:
    """The shipped extract is the workbooks: re-importing them finds every inventory equal."""
    from greenloop.carbon import importing
    from greenloop.core.loading import LoadResult

    result = LoadResult("carbon")
    assert importing.import_workbooks(RAW, {"630000"}, result) == 23
    assert (result.created, result.updated, result.unchanged) == (0, 0, 23)
