"""GET /api/evaluation and `greenloop evaluate`: a CO2-intensity target for a region ahead,
one behind and one that has met it."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from greenloop.geo.models import Region
from greenloop.monitoring.models import Indicator, Observation, Target

pytestmark = pytest.mark.django_db

PATHS = {
    "630000": {2020: 1.00, 2021: 0.95, 2022: 0.91, 2023: 0.86},  # ahead
    "630100": {2020: 1.20, 2021: 1.195, 2022: 1.19, 2023: 1.185},  # behind
    "632800": {2020: 3.00, 2021: 2.70, 2022: 2.50, 2023: 2.40},  # met (-20 %)
}


@pytest.fixture
def co2_targets(db: Any) -> None:
    indicator = Indicator.objects.get(code="co2_intensity")
    published = timezone.now() - dt.timedelta(days=1)
    for code, path in PATHS.items():
        region = Region.objects.get(code=code)
        Target.objects.create(
            code=f"test-co2-{code}",
            indicator=indicator,
            region=region,
            kind="change",
            value=-18.0,
            base_year=2020,
            target_year=2025,
            binding="binding",
            document="test",
            source="test",
            demonstration=True,
        )
        for year, value in path.items():
            Observation.objects.create(
                indicator=indicator,
                region=region,
                period=str(year),
                year=year,
                value=value,
                status="final",
                source="test",
                demonstration=True,
                published_at=published,
            )


def test_co2_intensity_statuses(client: Any, co2_targets: None) -> None:
    response = client.get("/api/evaluation?year=2023")
    assert response.status_code == 200
    rows = {row["target"]: row for row in response.json() if row["target"].startswith("test-co2")}
    assert rows["test-co2-630000"]["status"] == "on_track"
    assert rows["test-co2-630100"]["status"] == "off_track"
    assert rows["test-co2-632800"]["status"] == "achieved"
    behind = rows["test-co2-630100"]
    assert behind["target_level"] == pytest.approx(1.2 * 0.82)
    assert behind["required_rate"] < behind["actual_rate"] < 0
    assert behind["projected_low"] <= behind["projected"] <= behind["projected_high"]
    assert behind["demonstration"] is True
    assert behind["reason_text"]
    # The early-warning list puts what is most off track first.
    order = [row["status"] for row in response.json()]
    assert order.index("off_track") < order.index("achieved")


def test_region_filter(client: Any, co2_targets: None) -> None:
    rows = client.get("/api/evaluation?year=2023&region=630100").json()
    assert {row["region"] for row in rows} == {"630100"}


def test_cli_prints_the_scoreboard(co2_targets: None) -> None:
    out = StringIO()
    call_command("evaluate", "--year", "2023", "--region", "630100", stdout=out)
    text = out.getvalue()
    assert "co2_intensity" in text and "630100" in text
    assert "■" in text  # off track


def test_targets_api(client: Any) -> None:
    body = client.get("/api/targets?indicator=forest_coverage").json()
    assert body["count"] >= 1
    assert body["items"][0]["value"] == pytest.approx(8.0)
    assert body["items"][0]["source"].startswith("http")
