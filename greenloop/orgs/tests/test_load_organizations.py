"""The organizations loader: idempotent, and a bad file changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from greenloop.accounts import audit
from greenloop.core.loading import SilentProgress
from greenloop.geo.models import RegionLevel
from greenloop.orgs.loaders import DATA_FILE, DataFileError, load_organizations
from greenloop.orgs.models import Organization, OrgKind

FIXED_CODES = {
    "qh-drc", "qh-iit", "qh-agri", "qh-commerce", "qh-eco", "qh-energy", "qh-transport",
    "qh-housing", "qh-finance", "qh-tax", "qh-samr", "qh-stats", "qh-water", "qh-nr", "qh-st",
    "qh-pboc", "gov-630100", "gov-630200", "gov-632200", "gov-632300", "gov-632500",
    "gov-632600", "gov-632700", "gov-632800",
}  # fmt: skip


class CountingProgress:
    def __init__(self) -> None:
        self.total = 0
        self.advanced = 0

    def start(self, label: str, total: int) -> None:
        self.total = total

    def advance(self, step: int = 1) -> None:
        self.advanced += step


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def everything() -> list[dict[str, Any]]:
    return [audit.snapshot(org) for org in Organization.objects.order_by("pk")]


def test_default_data_has_the_fixed_codes_and_a_source_on_every_row(db: Any) -> None:
    rows = rows_of(DATA_FILE)
    assert {row["code"] for row in rows} >= FIXED_CODES
    assert all(row["source"] and row["duties"] and row["name_en"] for row in rows)
    for row in rows:
        org = Organization.objects.get(code=row["code"])
        assert (org.name_zh, org.kind, org.region.code) == (
            row["name_zh"],
            row["kind"],
            row["region_code"],
        )
        if row["code"].startswith("gov-"):
            assert row["kind"] == OrgKind.GOVERNMENT
            assert row["region_code"] == row["code"].removeprefix("gov-")
        else:
            assert (row["kind"], row["region_code"]) == (OrgKind.DEPARTMENT, "630000")


def test_each_prefecture_government_sits_in_its_prefecture(db: Any) -> None:
    for org in Organization.objects.filter(kind=OrgKind.GOVERNMENT, code__startswith="gov-63"):
        if org.region.code != "630000":
            assert org.region.level == RegionLevel.PREFECTURE


def test_a_second_run_changes_nothing(db: Any) -> None:
    count = Organization.objects.count()
    progress = CountingProgress()
    result = load_organizations(progress)
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == len(rows_of(DATA_FILE))
    assert Organization.objects.count() == count
    assert progress.total == progress.advanced == result.unchanged


def test_changed_rows_are_updated_and_counted(db: Any, tmp_path: Path) -> None:
    rows = rows_of(DATA_FILE)
    rows[0]["duties"] = rows[0]["duties"] + "（修订）"
    result = load_organizations(SilentProgress(), write(tmp_path / "orgs.csv", rows))
    assert (result.created, result.updated) == (0, 1)
    assert Organization.objects.get(code=rows[0]["code"]).duties == rows[0]["duties"]
    again = load_organizations(SilentProgress(), tmp_path / "orgs.csv")
    assert again.changed == 0


def test_user_entered_credit_codes_survive_a_reload(db: Any) -> None:
    from greenloop.conftest import make_uscc

    drc = Organization.objects.get(code="qh-drc")
    drc.uscc = make_uscc("11630000000000001")
    drc.save()
    load_organizations(SilentProgress())
    drc.refresh_from_db()
    assert drc.uscc == make_uscc("11630000000000001")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("kind", "ministry"),
        ("region_code", "990000"),
        ("parent_code", "qh-nobody"),
        ("source", ""),
        ("name_zh", ""),
    ],
)
def test_a_bad_row_changes_nothing_and_is_located(
    db: Any, tmp_path: Path, column: str, value: str
) -> None:
    rows = rows_of(DATA_FILE)
    rows[0]["duties"] = "changed"  # a valid change that must not land either
    rows[3][column] = value
    before = everything()
    with pytest.raises(DataFileError) as caught, translation.override("en"):
        load_organizations(SilentProgress(), write(tmp_path / "orgs.csv", rows))
    assert len(caught.value.problems) == 1
    # Rows are counted as a spreadsheet shows them: the header is row 1.
    assert caught.value.problems[0].startswith(f"orgs.csv, row 5, column {column}: ")
    assert everything() == before


def test_bad_optional_columns_and_duplicates_are_reported_together(db: Any, tmp_path: Path) -> None:
    rows = rows_of(DATA_FILE)
    for row in rows:
        row["uscc"] = ""
        row["industry_code"] = ""
    rows[1]["uscc"] = "91630000000000001X"  # wrong check character
    rows[2]["industry_code"] = "D25"  # division of another section
    rows[4]["code"] = rows[5]["code"]  # the same code twice
    before = everything()
    with pytest.raises(DataFileError) as caught, translation.override("en"):
        load_organizations(SilentProgress(), write(tmp_path / "orgs.csv", rows))
    columns = sorted(problem.split("column ")[1].split(":")[0] for problem in caught.value.problems)
    assert columns == ["code", "industry_code", "uscc"]
    assert everything() == before


def test_a_parent_cycle_is_refused(db: Any, tmp_path: Path) -> None:
    rows = rows_of(DATA_FILE)
    rows[0]["parent_code"], rows[1]["parent_code"] = rows[1]["code"], rows[0]["code"]
    before = everything()
    with pytest.raises(DataFileError, match="cycle"):
        load_organizations(SilentProgress(), write(tmp_path / "orgs.csv", rows))
    assert everything() == before
