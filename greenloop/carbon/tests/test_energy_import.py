"""Energy inventories in physical units (CEADs layout) are accounted with a factor set; the
wrong unit, an unknown region, a factor set missing a fuel: located errors, nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

from greenloop.carbon import importing, selectors
from greenloop.carbon.engine import reference
from greenloop.carbon.models import Factor, FactorSet, Inventory
from greenloop.core.loading import DataFileError, LoadResult


def _energy(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.round(rng.gamma(0.5, 3.0, (47, 17)) * (rng.random((47, 17)) < 0.4), 4)


def _write(
    folder: Path, sheet: str, energy: np.ndarray, clinker: float = 0.0, units: Any = None
) -> Path:
    fuels = reference.fuels()
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["", *[f.name_en for f in fuels], "Cement Clinker"])
    ws.append(
        [
            "unit",
            *(units or [("万吨" if f.unit == "10^4 t" else "亿立方米") for f in fuels]),
            "万吨",
        ]
    )
    ws.append(["Total", *energy.sum(axis=0).tolist(), clinker])
    for i, sector in enumerate(reference.sectors()):
        ws.append([sector.name_en, *energy[i].tolist(), clinker if sector.code == "S27" else 0.0])
    path = folder / "energy.xlsx"
    book.save(path)
    return path


def test_energy_is_accounted_with_the_factor_set(tmp_path: Path, db: Any) -> None:
    energy = _energy()
    _write(tmp_path, "Qinghai2020", energy, clinker=150.0)
    stored = importing.import_energy(tmp_path / "energy.xlsx", "ceads-shan2018", LoadResult("c"))
    ef = reference.factor_vector(reference.shipped_factor_set("ceads-shan2018"))
    expected = float((energy * ef).sum()) + 150.0 * 1e4 * 0.52 / 1e6
    assert stored[0].total_mt == pytest.approx(expected, rel=1e-12)
    # shown for 2020, where CEADs has no inventory
    shown = selectors.breakdown("630000", 2020, "fuel", "production")
    assert shown is not None and shown.total_mt == pytest.approx(expected, rel=1e-12)
    process = next(i for i in shown.items if i["code"] == "process")
    assert process["mt_co2"] == pytest.approx(0.78)


def test_ceads_2019_energy_round_trip_reproduces_ceads(tmp_path: Path, db: Any) -> None:
    inventory = Inventory.objects.get(code="ceads-630000-2019")
    emissions, process = selectors.cells_matrix(inventory)
    ef = reference.factor_vector(reference.shipped_factor_set("ceads-shan2018"))
    energy = emissions / ef
    clinker = float(process.sum()) * 1e6 / 0.52 / 1e4
    _write(tmp_path, "630000", energy, clinker=clinker)
    stored = importing.import_energy(
        tmp_path / "energy.xlsx", "ceads-shan2018", LoadResult("c"), year=2019
    )
    assert stored[0].total_mt == pytest.approx(inventory.total_mt, rel=1e-9)


def test_prefecture_energy_replaces_the_estimate_on_the_map(tmp_path: Path, db: Any) -> None:
    _write(tmp_path, "6301002019", _energy(2))
    importing.import_energy(tmp_path / "energy.xlsx", "ceads-shan2018", LoadResult("c"))
    found = selectors.prefecture_map(2019)
    assert found is not None
    xining = next(p for p in found["prefectures"] if p["code"] == "630100")
    assert xining["estimate"] is False
    assert sum(p["mt_co2"] for p in found["prefectures"]) == pytest.approx(found["province_mt"])


def test_wrong_unit_is_located(tmp_path: Path, db: Any) -> None:
    units = ["万吨"] * 17  # natural gas (last fuel) given in tonnes
    _write(tmp_path, "Qinghai2021", _energy(), units=units)
    with pytest.raises(DataFileError) as caught:
        importing.import_energy(tmp_path / "energy.xlsx", "ceads-shan2018", LoadResult("c"))
    problems = caught.value.problems
    assert (
        "energy.xlsx!Qinghai2021!R2: unit “万吨” is wrong for Natural Gas: measured in 10^8 m3"
        in problems
    )
    assert len(problems) == 3  # coke oven gas, other gas, natural gas
    assert not Inventory.objects.filter(year=2021).exists()


def test_unknown_region_negative_cell_and_incomplete_factor_set(tmp_path: Path, db: Any) -> None:
    _write(tmp_path, "Atlantis2020", _energy())
    with pytest.raises(DataFileError, match="unknown region “Atlantis2020”"):
        importing.import_energy(tmp_path / "energy.xlsx", "ceads-shan2018", LoadResult("c"))
    energy = _energy()
    energy[4, 0] = -2.0
    _write(tmp_path, "Qinghai2020", energy)
    with pytest.raises(DataFileError, match=r"Qinghai2020!B8: negative value -2"):
        importing.import_energy(tmp_path / "energy.xlsx", "ceads-shan2018", LoadResult("c"))
    partial = FactorSet.objects.create(
        code="partial", name="p", version="1", kind="user", source="x"
    )
    Factor.objects.create(
        factor_set=partial, fuel="raw_coal", ncv=0.2, carbon_content=26, oxidation=0.9, source="x"
    )
    _write(tmp_path, "Qinghai2020", _energy())
    with pytest.raises(DataFileError, match="has no factor for: cleaned_coal"):
        importing.import_energy(tmp_path / "energy.xlsx", "partial", LoadResult("c"))
    assert not Inventory.objects.filter(year=2020).exists()
