"""Loading the regions: idempotent, all or nothing, with located errors; own boundaries."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from django.utils import translation

from greenloop.accounts.models import AuditEntry
from greenloop.geo.errors import DataFileError
from greenloop.geo.loaders import DATA_DIR, Boundaries, configured_boundaries, load_regions
from greenloop.geo.models import Region
from greenloop.geo.tests.reference import PACKAGE_DATA, region_rows

pytestmark = pytest.mark.django_db
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[101, 36], [102, 36], [102, 37], [101, 37], [101, 36]]],
}


class RecordingProgress:
    def __init__(self) -> None:
        self.started: list[tuple[str, int]] = []
        self.advanced = 0

    def start(self, label: str, total: int) -> None:
        self.started.append((label, total))

    def advance(self, step: int = 1) -> None:
        self.advanced += step


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def snapshot() -> dict[str, tuple]:
    fields = ("name_zh", "name_en", "level", "parent_id", "source", "boundary_source")
    return {r["code"]: tuple(r[f] for f in fields) for r in Region.objects.values("code", *fields)}


def test_loading_twice_changes_nothing_the_second_time() -> None:
    rows = len(region_rows())
    load_regions(RecordingProgress())
    before, audit_before = snapshot(), AuditEntry.objects.count()
    progress = RecordingProgress()
    result = load_regions(progress)
    assert (result.created, result.updated, result.unchanged) == (0, 0, rows)
    assert progress.started == [("regions", rows)] and progress.advanced == rows
    assert snapshot() == before and Region.objects.count() == len(before)
    assert AuditEntry.objects.count() == audit_before  # nothing changed, nothing audited


def test_a_changed_row_is_repaired_and_audited() -> None:
    Region.objects.filter(code="632801").update(name_en="tampered", boundary="")
    result = load_regions(RecordingProgress())
    assert (result.created, result.updated) == (0, 1)
    region = Region.objects.get(code="632801")
    assert region.name_en != "tampered" and region.boundary
    assert AuditEntry.objects.filter(action="load", object_type="geo.region").exists()


def test_a_corrupt_file_loads_nothing_and_names_row_and_column(tmp_path: Path) -> None:
    rows = region_rows()
    index = {row["code"]: i for i, row in enumerate(rows)}
    rows[index["630100"]]["name_en"] = "Changed Name"  # a good change that must not land
    rows[index["630102"]]["code"] = "63O102"  # letter O
    rows.append({**rows[index["630102"]], "code": "639901", "parent_code": "639900"})
    path = write_csv(tmp_path / "regions.csv", rows)
    before = snapshot()
    with translation.override("en"), pytest.raises(DataFileError) as caught:
        load_regions(RecordingProgress(), path=path)
    problems = caught.value.problems
    # Spreadsheet row numbers: the header is row 1.
    bad_code_row, unknown_parent_row = index["630102"] + 2, len(rows) + 1
    assert any(
        f"regions.csv, row {bad_code_row}, column code" in p and "63O102" in p for p in problems
    )
    assert any(
        f"regions.csv, row {unknown_parent_row}, column parent_code" in p and "639900" in p
        for p in problems
    )
    assert snapshot() == before
    with translation.override("zh-hans"), pytest.raises(DataFileError) as chinese:
        load_regions(RecordingProgress(), path=path)
    assert any(str(bad_code_row) in p and "code" in p for p in chinese.value.problems)
    assert chinese.value.problems != problems


def test_a_missing_column_is_reported(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "level"} for row in region_rows()]
    with translation.override("en"), pytest.raises(DataFileError, match="level"):
        load_regions(RecordingProgress(), path=write_csv(tmp_path / "regions.csv", rows))


def test_a_broken_boundary_file_loads_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "boundaries"
    shutil.copytree(PACKAGE_DATA, folder)
    broken = json.loads((folder / "632802.geojson").read_text(encoding="utf-8"))
    broken["coordinates"][0][0].pop()  # the ring is no longer closed
    (folder / "632802.geojson").write_text(json.dumps(broken), encoding="utf-8")
    (folder / "632803.geojson").write_text("{not json", encoding="utf-8")
    Region.objects.filter(code="630100").update(name_en="tampered")
    before = snapshot()
    with translation.override("en"), pytest.raises(DataFileError) as caught:
        load_regions(RecordingProgress(), boundaries=Boundaries(folder, "test"))
    problems = "\n".join(caught.value.problems)
    assert "632802.geojson" in problems and "not closed" in problems
    assert "632803.geojson" in problems and "JSON" in problems
    assert snapshot() == before


def test_a_deployment_swaps_in_its_own_boundaries(tmp_path: Path, settings) -> None:
    (tmp_path / "630100.geojson").write_text(json.dumps(SQUARE), encoding="utf-8")
    (tmp_path / "source.txt").write_text("Standard map service, GS(2024)0001\n", encoding="utf-8")
    settings.GREENLOOP_BOUNDARY_DIR = str(tmp_path)
    result = load_regions(RecordingProgress())
    assert result.updated == len(region_rows())  # every boundary (or its source) changed
    xining = Region.objects.get(code="630100")
    assert json.loads(xining.boundary) == SQUARE
    assert xining.boundary_source == "Standard map service, GS(2024)0001"
    # The folder replaces the shipped one as a whole: no mixing of sources.
    assert Region.objects.get(code="632800").boundary == ""


def test_the_boundary_folder_may_come_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GREENLOOP_BOUNDARY_DIR", str(tmp_path))
    assert configured_boundaries().folder == tmp_path
    assert configured_boundaries().source == "GREENLOOP_BOUNDARY_DIR"
    monkeypatch.setenv("GREENLOOP_BOUNDARY_DIR", str(tmp_path / "missing"))
    with pytest.raises(DataFileError):
        configured_boundaries()
    monkeypatch.delenv("GREENLOOP_BOUNDARY_DIR")
    assert configured_boundaries().folder == DATA_DIR
