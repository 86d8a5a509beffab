"""Bulk upload of readings over HTTP: a good CSV is stored once; a wrong schema, an unknown
device or another enterprise's device is refused and stores nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from greenloop.enterprise.engine.store import Store
from greenloop.enterprise.tests.factories import energy_unit, pollution_source

CSV = (
    "device,cn,time,param,value,cou,flag\n"
    "MNUP0001,2061,2026-02-01 10:00:00,e01,,1200.5,N\n"
    "MNUP0001,2061,2026-02-01 11:00:00,e01,,1180.0,N\n"
)


def upload(client: Any, name: str, content: bytes) -> Any:
    return client.post(
        "/api/monitoring/readings/upload", {"file": SimpleUploadedFile(name, content)}
    )


def test_upload(
    actors: Any, client_for: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GREENLOOP_READINGS_DIR", str(tmp_path))
    energy_unit(actors.admin, actors.enterprise, "MNUP0001")
    pollution_source(actors.admin, actors.haixi_enterprise, "MNUP0002")
    own = client_for(actors.enterprise_user)

    response = upload(own, "meter.csv", CSV.encode())
    assert response.status_code == 201 and response.json() == {"stored": 2}
    assert upload(own, "meter.csv", CSV.encode()).json() == {"stored": 0}  # duplicates

    wrong = pa.table({"device": ["MNUP0001"], "reading": [1.0]})
    buffer = io.BytesIO()
    pq.write_table(wrong, buffer)
    refused = upload(own, "wrong.parquet", buffer.getvalue())
    assert refused.status_code == 422
    assert "Missing columns" in str(refused.json()) or "缺少" in str(refused.json())

    foreign = CSV.replace("MNUP0001", "MNUP0002").replace(",2061,", ",2051,")
    assert upload(own, "x.csv", foreign.encode()).status_code == 422
    mixed = CSV + "MNNOBODY,2061,2026-02-01 12:00:00,e01,,5,N\n"
    assert upload(own, "x.csv", mixed.encode()).status_code == 422
    assert upload(own, "x.csv", b"\x00\x01garbage").status_code == 422
    assert upload(client_for(actors.auditor), "meter.csv", CSV.encode()).status_code == 403
    assert Store(tmp_path).read_all().num_rows == 2
