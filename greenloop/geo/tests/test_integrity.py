"""`greenloop check` for regions: codes, parent links and prefecture boundaries."""

from __future__ import annotations

import pytest

from greenloop.geo.integrity import check
from greenloop.geo.models import Region

pytestmark = pytest.mark.django_db


def test_the_default_data_is_sound() -> None:
    assert check() == []


def test_a_county_under_the_wrong_prefecture_is_found() -> None:
    Region.objects.filter(code="632801").update(parent=Region.objects.get(code="630100"))
    problems = check()
    assert len(problems) == 1 and "632801" in problems[0] and "632800" in problems[0]


def test_a_level_that_contradicts_the_code_is_found() -> None:
    Region.objects.filter(code="630200").update(level="county")
    assert any("630200" in problem for problem in check())


def test_a_prefecture_without_boundary_is_found() -> None:
    Region.objects.filter(code="632700").update(boundary="")
    [problem] = check()
    assert "632700" in problem


def test_a_corrupt_stored_boundary_is_found() -> None:
    Region.objects.filter(code="632600").update(boundary='{"type": "Point"}')
    [problem] = check()
    assert "632600" in problem


def test_a_missing_province_is_found(settings) -> None:
    settings.GREENLOOP_PROVINCE = "620000"
    assert any("620000" in problem for problem in check())
