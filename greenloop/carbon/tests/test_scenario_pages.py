"""Scenarios are copied and edited from the web; bad assumptions are shown located and not saved."""

from __future__ import annotations

import json
from typing import Any

from greenloop.carbon.models import Scenario


def test_copy_and_edit_from_the_web(actors: Any, client_for: Any) -> None:
    client = client_for(actors.coordinator)
    response = client.post("/carbon/scenarios/qinghai-policy/copy/")
    assert response.status_code == 302
    copy = Scenario.objects.exclude(code__startswith="qinghai-").get(created_by=actors.coordinator)
    assert copy.copied_from is not None and copy.copied_from.code == "qinghai-policy"
    assumptions = copy.assumptions
    assumptions["drivers"]["intensity_decline"] = 0.06
    saved = client.post(
        f"/carbon/scenarios/{copy.code}/edit/",
        {"name": "更快下降", "assumptions": json.dumps(assumptions)},
    )
    assert saved.status_code == 302
    copy.refresh_from_db()
    assert copy.name == "更快下降" and copy.assumptions["drivers"]["intensity_decline"] == 0.06


def test_bad_edit_is_located_and_not_saved(actors: Any, client_for: Any) -> None:
    client = client_for(actors.coordinator)
    client.post("/carbon/scenarios/qinghai-baseline/copy/")
    copy = Scenario.objects.get(created_by=actors.coordinator, copied_from__code="qinghai-baseline")
    before = copy.assumptions
    bad = dict(before, uncertainty=dict(before["uncertainty"], draws=5))
    response = client.post(
        f"/carbon/scenarios/{copy.code}/edit/", {"name": "x", "assumptions": json.dumps(bad)}
    )
    assert response.status_code == 422
    assert "assumptions.uncertainty.draws" in response.content.decode()
    copy.refresh_from_db()
    assert copy.assumptions == before and copy.name != "x"


def test_auditor_cannot_copy_or_edit(actors: Any, client_for: Any) -> None:
    client = client_for(actors.auditor)
    client.post("/carbon/scenarios/qinghai-policy/copy/")
    assert not Scenario.objects.filter(created_by=actors.auditor).exists()
    assert client.get("/carbon/scenarios/qinghai-policy/edit/").status_code == 403
