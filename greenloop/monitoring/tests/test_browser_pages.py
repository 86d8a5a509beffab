"""The monitoring pages in a real browser: charts and the prefecture map draw offline, with no
console error under the Content-Security-Policy."""

from __future__ import annotations

import pytest

from greenloop.web.tests.test_browser import Watched, browser, web  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_explorer_and_index_draw(web: Watched) -> None:  # noqa: F811
    web.goto("/monitoring/indicators/good_air_days_ratio/")
    web.page.wait_for_selector('#series-chart[data-chart-ready="true"]', timeout=15_000)
    web.page.wait_for_selector('#prefecture-map[data-map-ready="true"]', timeout=15_000)
    web.shot("monitoring-explorer")
    web.goto("/monitoring/index/")
    web.page.wait_for_selector('#gdi-radar[data-chart-ready="true"]', timeout=15_000)
    web.shot("monitoring-index")
    web.goto("/monitoring/targets/")
    assert web.page.locator("#scoreboard tbody tr").count() > 5
    web.assert_clean()
