"""The reads other apps use: list_regions, get_region, counts_by_level."""

from __future__ import annotations

from collections import Counter

import pytest

from greenloop.geo import selectors
from greenloop.geo.models import Region
from greenloop.geo.tests.reference import codes, region_rows

pytestmark = pytest.mark.django_db


def test_counts_by_level_match_the_list() -> None:
    expected = Counter(row["level"] for row in region_rows())
    assert selectors.counts_by_level() == dict(expected)


def test_list_regions_filters_and_orders() -> None:
    counties = selectors.list_regions(level="county", parent_code="632800")
    assert [r.code for r in counties] == sorted(codes(parent="632800"))
    with pytest.raises(ValueError):
        list(selectors.list_regions(level="city"))


def test_lists_do_not_load_the_boundaries() -> None:
    region = selectors.list_regions(level="province").get()
    assert "boundary" in region.get_deferred_fields()


def test_get_region() -> None:
    assert selectors.get_region("630000").parent is None
    with pytest.raises(Region.DoesNotExist):
        selectors.get_region("639900")
