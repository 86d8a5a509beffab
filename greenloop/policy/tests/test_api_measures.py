"""GET /api/policy/measures and /api/policy/tasks."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from greenloop.policy.calc.parser import parse_text

DATA = Path(__file__).resolve().parents[2] / "data" / "policy"


def test_measures_are_the_seeds_twenty_five(client_for: Any, actors: Any, seed_text: str) -> None:
    body = client_for(actors.iit_reporter).get("/api/policy/measures").json()
    assert body["count"] == 25
    seed = parse_text(seed_text)
    assert [(m["number"], m["title"]) for m in body["items"]] == [
        (m.number, m.title) for m in seed.measures
    ]
    by_number = {m["number"]: m for m in body["items"]}
    assert by_number[4]["label"] == "（四）"
    assert by_number[4]["part"] == 3
    assert by_number[25]["part_title"] == "强化保障措施"
    with (DATA / "tasks.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(m["task_count"] for m in body["items"]) == len(rows)
    assert by_number[14]["task_count"] == sum(1 for row in rows if row["measure"] == "14")


def test_tasks_filtered_by_measure_lead_and_period(client_for: Any, actors: Any) -> None:
    client = client_for(actors.coordinator)
    items = client.get("/api/policy/tasks?measure=23&limit=100").json()["items"]
    assert items and all(task["measure"] == 23 for task in items)
    assert all(task["division_status"] == "proposed" for task in items)
    led = client.get("/api/policy/tasks?lead=qh-pboc&limit=100").json()["items"]
    assert led and all("qh-pboc" in task["lead"] for task in led)
    annual = client.get("/api/policy/tasks?period=annual&lead=qh-eco").json()["items"]
    assert annual and all(t["period"] == "annual" and "qh-eco" in t["lead"] for t in annual)
    both = {t["code"] for t in annual}
    assert both < {
        t["code"] for t in client.get("/api/policy/tasks?lead=qh-eco&limit=500").json()["items"]
    }


def test_only_the_coordinator_changes_the_division(client_for: Any, actors: Any) -> None:
    code = "qh-glc-opinions-m04-t08"
    payload = {"lead": ["qh-iit"], "cooperating": ["qh-samr", "qh-eco"], "period": "annual"}
    url = f"/api/policy/tasks/{code}/division"
    refused = client_for(actors.iit_reporter).put(url, payload, content_type="application/json")
    assert refused.status_code == 403
    answer = client_for(actors.coordinator).put(url, payload, content_type="application/json")
    assert answer.status_code == 200
    task = answer.json()
    assert task["division_status"] == "confirmed"
    assert task["cooperating"] == ["qh-eco", "qh-samr"] or set(task["cooperating"]) == {
        "qh-eco",
        "qh-samr",
    }
    unknown = client_for(actors.coordinator).put(
        url, {"lead": ["qh-nowhere"]}, content_type="application/json"
    )
    assert unknown.status_code == 422
