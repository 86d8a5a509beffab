"""CSV, API (long format) and CLI imports: units converted on the way in, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from greenloop.monitoring.models import Observation, Upload

pytestmark = pytest.mark.django_db


def _rows(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"rows": list(rows)}


def test_api_converts_units(client_for: Any, actors: Any) -> None:
    admin = client_for(actors.admin)
    response = admin.post(
        "/api/observations",
        _rows(
            {
                "region": "630000",
                "indicator": "gdp",
                "unit": "billion yuan",
                "period": "2031",
                "value": 400,
            },
            {
                "region": "632800",
                "indicator": "wind_capacity",
                "unit": "MW",
                "period": "2031",
                "value": 1500,
            },
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    stored = {o.indicator.code: o.value for o in Observation.objects.filter(period="2031")}
    assert stored["gdp"] == pytest.approx(4000.0)  # 亿元
    assert stored["wind_capacity"] == pytest.approx(150.0)  # 万千瓦


def test_api_refuses_incompatible_unit_and_parts_that_do_not_sum(
    client_for: Any, actors: Any
) -> None:
    admin = client_for(actors.admin)
    before = Observation.objects.count()
    response = admin.post(
        "/api/observations",
        _rows(
            {
                "region": "630000",
                "indicator": "gdp",
                "unit": "亿元",
                "period": "2032",
                "value": 100,
            },
            {
                "region": "630000",
                "indicator": "va_primary",
                "unit": "亿元",
                "period": "2032",
                "value": 10,
            },
            {
                "region": "630000",
                "indicator": "va_secondary",
                "unit": "亿元",
                "period": "2032",
                "value": 40,
            },
            {
                "region": "630000",
                "indicator": "va_tertiary",
                "unit": "亿元",
                "period": "2032",
                "value": 30,
            },
            {"region": "630000", "indicator": "pm25", "unit": "kWh", "period": "2032", "value": 3},
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any("not the sum" in p["msg"] and p["loc"][:3] == ["body", "rows", 0] for p in detail)
    assert any("wrong unit" in p["msg"] and p["loc"] == ["body", "rows", 4, "unit"] for p in detail)
    assert Observation.objects.count() == before


def test_csv_upload_long_format(client_for: Any, actors: Any) -> None:
    csv_text = (
        "region,indicator,unit,period,value,comment\n"
        "630000,hightech_mfg_share,%,2020,8.5,\n"
        "630100,hightech_mfg_share,percent,2020,7.0,\n"
    )
    response = client_for(actors.iit_reporter).post(
        "/api/uploads", {"file": SimpleUploadedFile("data.csv", csv_text.encode())}
    )
    assert response.status_code == 201, response.content
    assert response.json()["channel"] == "csv"
    assert response.json()["row_count"] == 2


def test_csv_with_bad_row_is_refused_with_its_line(client_for: Any, actors: Any) -> None:
    before = (Observation.objects.count(), Upload.objects.count())
    csv_text = (
        "region,indicator,unit,period,value\n"
        "630000,hightech_mfg_share,%,2020,8.5\n"
        "630000,hightech_mfg_share,%,2020Q5,8.5\n"
    )
    response = client_for(actors.iit_reporter).post(
        "/api/uploads", {"file": SimpleUploadedFile("data.csv", csv_text.encode())}
    )
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("data.csv", 3, "period")
    assert (Observation.objects.count(), Upload.objects.count()) == before


def test_cli_import_publishes_and_refuses_bad_files(tmp_path: Path, db: Any) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "region,indicator,unit,period,value,source\n"
        "630000,water_use,亿立方米,2033,26.1,test source\n"
        "630000,water_use,10^8 m3,2034,26.3,test source\n",
        encoding="utf-8",
    )
    call_command("import", "observations", str(good))
    stored = Observation.objects.filter(indicator__code="water_use", year__gte=2033)
    assert stored.count() == 2
    assert all(o.published_at is not None and o.source == "test source" for o in stored)

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "region,indicator,unit,period,value\n630000,water_use,亿立方米,2035,x\n", encoding="utf-8"
    )
    before = Observation.objects.count()
    with pytest.raises(CommandError, match=r"bad\.csv:2:value"):
        call_command("import", "observations", str(bad))
    assert Observation.objects.count() == before


def test_duplicate_rows_are_refused(client_for: Any, actors: Any) -> None:
    row = {
        "region": "630000",
        "indicator": "hightech_mfg_share",
        "unit": "%",
        "period": "2020",
        "value": 8.5,
    }
    response = client_for(actors.iit_reporter).post(
        "/api/observations", _rows(row, {**row, "value": 8.6}), content_type="application/json"
    )
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert "duplicate" in problem["msg"] and problem["loc"] == ["body", "rows", 1, "value"]
