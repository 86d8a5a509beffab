"""Done means: an hourly exceedance of a permit limit in simulated data raises an alert that
the enterprise and its supervisor see — and nobody else outside their scope."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from greenloop.enterprise.analysis import run_analytics
from greenloop.enterprise.engine import simulator
from greenloop.enterprise.engine.store import Store
from greenloop.enterprise.models import AlertEvent
from greenloop.enterprise.tests.factories import pollution_source


@pytest.fixture
def alerts_raised(actors: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("GREENLOOP_READINGS_DIR", str(tmp_path))
    xining = pollution_source(actors.admin, actors.enterprise, "MNXINING0001")
    haixi = pollution_source(actors.admin, actors.haixi_enterprise, "MNHAIXI0001")
    rows = []
    for device in (xining, haixi):
        sim = dataclasses.replace(simulator.plan(1, 2)[0], mn=device.mn)
        for sample in simulator.samples([sim], dt.date(2026, 1, 5), 1, seed=5, exceed_rate=0.2):
            rows.extend(simulator.to_rows(sample, 0))
    Store(tmp_path).ingest(rows)
    summary = run_analytics(days=1, engine="duckdb")
    assert summary.counts["exceedances"] > 0
    return actors


def _alerts(client: Any) -> list[dict[str, Any]]:
    response = client.get("/api/monitoring/alerts?limit=1000")
    assert response.status_code == 200
    return list(response.json()["items"])


def test_enterprise_and_supervisor_see_the_alert(alerts_raised: Any, client_for: Any) -> None:
    actors = alerts_raised
    own = _alerts(client_for(actors.enterprise_user))
    exceedances = [a for a in own if a["kind"] == "exceedance"]
    assert exceedances
    assert {a["enterprise"] for a in own} == {actors.enterprise.code}
    assert all(a["value"] > a["limit"] for a in exceedances)
    # The supervising department sees both enterprises' alerts.
    supervisor = {a["enterprise"] for a in _alerts(client_for(actors.eco_reporter))}
    assert supervisor == {actors.enterprise.code, actors.haixi_enterprise.code}
    # A prefecture sees only its region.
    assert {a["enterprise"] for a in _alerts(client_for(actors.xining_reporter))} == {
        actors.enterprise.code
    }
    assert {a["enterprise"] for a in _alerts(client_for(actors.haixi_reporter))} == {
        actors.haixi_enterprise.code
    }
    # Another enterprise, an unrelated department: nothing.
    assert _alerts(client_for(actors.bank_user)) == []
    assert _alerts(client_for(actors.iit_reporter)) == []
    assert client_for(None).get("/api/monitoring/alerts").status_code == 401


def test_acknowledge_and_close_with_comments_nothing_deleted(
    alerts_raised: Any, client_for: Any
) -> None:
    actors = alerts_raised
    alert = next(a for a in _alerts(client_for(actors.enterprise_user)))
    url = f"/api/monitoring/alerts/{alert['id']}"
    other = client_for(actors.haixi_reporter).post(
        f"{url}/acknowledge", {"comment": "not mine"}, content_type="application/json"
    )
    assert other.status_code == 404
    audit = client_for(actors.auditor).post(
        f"{url}/acknowledge", {"comment": "x"}, content_type="application/json"
    )
    assert audit.status_code == 403
    empty = client_for(actors.enterprise_user).post(
        f"{url}/acknowledge", {"comment": " "}, content_type="application/json"
    )
    assert empty.status_code == 422
    nul = client_for(actors.enterprise_user).post(
        f"{url}/acknowledge", {"comment": "a\x00b"}, content_type="application/json"
    )
    assert nul.status_code == 400  # core.middleware refuses a NUL anywhere in a request
    ack = client_for(actors.enterprise_user).post(
        f"{url}/acknowledge",
        {"comment": "Desulfurisation pump tripped; restarted."},
        content_type="application/json",
    )
    assert ack.status_code == 200 and ack.json()["status"] == "acknowledged"
    closed = client_for(actors.eco_reporter).post(
        f"{url}/close", {"comment": "Verified on site."}, content_type="application/json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    again = client_for(actors.enterprise_user).post(
        f"{url}/comment", {"comment": "late"}, content_type="application/json"
    )
    assert again.status_code == 422
    detail = client_for(actors.enterprise_user).get(url).json()
    assert [e["action"] for e in detail["events"]] == ["acknowledge", "close"]
    assert [e["actor"] for e in detail["events"]] == ["t-ent", "t-eco"]
    assert AlertEvent.objects.filter(alert_id=alert["id"]).count() == 2
    # Recomputing the analytics raises no alert twice.
    assert run_analytics(days=1, engine="duckdb").alerts == 0
