"""The reference region list, read from the data file itself (never pasted into tests)."""

from __future__ import annotations

import csv
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parents[2] / "data" / "geo" / "qinghai"
# The list the package's copy was made from, where the source tree has it.
SHARED_DATA = Path("/work/shared/data/geo/qinghai")


def region_rows(folder: Path = PACKAGE_DATA) -> list[dict[str, str]]:
    with (folder / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def codes(*, level: str | None = None, parent: str | None = None) -> set[str]:
    return {
        row["code"]
        for row in region_rows()
        if (level is None or row["level"] == level)
        and (parent is None or row["parent_code"] == parent)
    }


def by_code() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in region_rows()}


def rings(geometry: dict) -> list[list[list[float]]]:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [ring for polygon in polygons for ring in polygon]
