"""Who may write, submit and review progress reports (through HTTP)."""

from __future__ import annotations

from typing import Any

TASK = "qh-glc-opinions-m04-t08"  # green factories: lead qh-iit, cooperating qh-samr
JSON = "application/json"


def _draft(client: Any, **extra: Any) -> dict[str, Any]:
    payload = {"task": TASK, "year": 2026, "status": "on_track", "percent": 40}
    payload.update(extra)
    answer = client.post("/api/progress", payload, content_type=JSON)
    assert answer.status_code == 201, answer.content
    return answer.json()  # type: ignore[no-any-return]


def test_another_department_cannot_change_the_report(client_for: Any, actors: Any) -> None:
    report = _draft(client_for(actors.iit_reporter), narrative="建成绿色工厂")
    eco = client_for(actors.eco_reporter)
    # not visible, so not changeable: 404 on the report, 403 when filing for the department
    assert (
        eco.patch(f"/api/progress/{report['id']}", {"percent": 90}, content_type=JSON).status_code
        == 404
    )
    forged = eco.post(
        "/api/progress",
        {"task": TASK, "year": 2026, "department": "qh-iit", "percent": 90},
        content_type=JSON,
    )
    assert forged.status_code == 403
    # the coordinator sees it but may not write another department's report
    coordinator = client_for(actors.coordinator)
    assert (
        coordinator.patch(
            f"/api/progress/{report['id']}", {"percent": 90}, content_type=JSON
        ).status_code
        == 403
    )
    assert coordinator.post(f"/api/progress/{report['id']}/submit").status_code == 403
    stored = client_for(actors.iit_reporter).get(f"/api/progress/{report['id']}").json()
    assert stored["percent"] == 40 and stored["revision"] == 1


def test_a_department_cannot_review_its_own_report(client_for: Any, actors: Any) -> None:
    iit = client_for(actors.iit_reporter)
    report = _draft(iit)
    assert iit.post(f"/api/progress/{report['id']}/submit").status_code == 200
    answer = iit.post(f"/api/progress/{report['id']}/accept", {}, content_type=JSON)
    assert answer.status_code == 403
    assert (
        client_for(actors.auditor)
        .post(f"/api/progress/{report['id']}/return", {"comment": "x"}, content_type=JSON)
        .status_code
        == 403
    )


def test_coordinator_returns_with_comment_and_both_versions_stay(
    client_for: Any, actors: Any
) -> None:
    iit = client_for(actors.iit_reporter)
    report = _draft(iit, narrative="第一稿")
    rid = report["id"]
    assert iit.post(f"/api/progress/{rid}/submit").status_code == 200
    coordinator = client_for(actors.coordinator)
    no_comment = coordinator.post(
        f"/api/progress/{rid}/return", {"comment": " "}, content_type=JSON
    )
    assert no_comment.status_code == 422
    returned = coordinator.post(
        f"/api/progress/{rid}/return", {"comment": "请补充绿色工厂名单"}, content_type=JSON
    )
    assert returned.status_code == 200
    assert returned.json()["state"] == "returned"
    assert returned.json()["review_comment"] == "请补充绿色工厂名单"
    changed = iit.patch(
        f"/api/progress/{rid}", {"narrative": "第二稿，附名单", "percent": 60}, content_type=JSON
    )
    assert changed.status_code == 200
    assert iit.post(f"/api/progress/{rid}/submit").status_code == 200
    accepted = coordinator.post(f"/api/progress/{rid}/accept", {}, content_type=JSON).json()
    assert accepted["state"] == "accepted"
    events = [(r["number"], r["event"], r["data"]["narrative"]) for r in accepted["revisions"]]
    assert events == [
        (1, "saved", "第一稿"),
        (2, "submitted", "第一稿"),
        (3, "returned", "第一稿"),
        (4, "saved", "第二稿，附名单"),
        (5, "submitted", "第二稿，附名单"),
        (6, "accepted", "第二稿，附名单"),
    ]
    assert accepted["revisions"][2]["comment"] == "请补充绿色工厂名单"
    diff = iit.get(f"/api/progress/{rid}/compare?a=2&b=5").json()
    assert {row["field"]: (row["before"], row["after"]) for row in diff} == {
        "narrative": ("第一稿", "第二稿，附名单"),
        "percent": (40, 60),
        "review_comment": ("", "请补充绿色工厂名单"),
    }


def test_cooperating_department_contributes_and_lead_sees_it(client_for: Any, actors: Any) -> None:
    from greenloop.accounts.models import Role, User
    from greenloop.orgs.models import Organization

    report = _draft(client_for(actors.iit_reporter))
    samr_user = User.objects.create(
        username="t-samr",
        role=Role.DEPT_REPORTER,
        organization=Organization.objects.get(code="qh-samr"),
    )
    samr = client_for(samr_user)
    assert samr.get(f"/api/progress/{report['id']}").status_code == 200
    answer = samr.post(
        f"/api/progress/{report['id']}/contributions",
        {"text": "完成绿色产品认证12项"},
        content_type=JSON,
    )
    assert answer.status_code == 201
    eco = client_for(actors.eco_reporter)
    assert (
        eco.post(
            f"/api/progress/{report['id']}/contributions", {"text": "x"}, content_type=JSON
        ).status_code
        == 404
    )
    seen = client_for(actors.iit_reporter).get(f"/api/progress/{report['id']}").json()
    assert [(c["department"], c["text"]) for c in seen["contributions"]] == [
        ("qh-samr", "完成绿色产品认证12项")
    ]


def test_anonymous_sees_no_reports(client_for: Any, actors: Any) -> None:
    assert client_for(None).get("/api/progress").status_code == 401
    from greenloop.policy.models import Task

    eco_reports = client_for(actors.eco_reporter).get("/api/progress?limit=1000").json()["items"]
    cooperating = set(
        Task.objects.filter(cooperating_departments__code="qh-eco").values_list("code", flat=True)
    )
    assert {r["department"] for r in eco_reports} > {"qh-eco"}
    assert all(r["department"] == "qh-eco" or r["task"] in cooperating for r in eco_reports)


def test_prefecture_government_files_its_own_task(client_for: Any, actors: Any) -> None:
    xining = client_for(actors.xining_reporter)
    task = "qh-glc-opinions-m17-t01"  # Xining "zero-waste city" pilot, led by gov-630100
    answer = xining.post(
        "/api/progress", {"task": task, "year": 2026, "percent": 20}, content_type=JSON
    )
    assert answer.status_code == 201
    assert answer.json()["department"] == "gov-630100"
    haixi = client_for(actors.haixi_reporter)
    assert haixi.get(f"/api/progress/{answer.json()['id']}").status_code == 404


def test_auditor_reads_everything_and_changes_nothing(client_for: Any, actors: Any) -> None:
    report = _draft(client_for(actors.iit_reporter))
    auditor = client_for(actors.auditor)
    assert auditor.get(f"/api/progress/{report['id']}").status_code == 200
    assert (
        auditor.patch(
            f"/api/progress/{report['id']}", {"percent": 1}, content_type=JSON
        ).status_code
        == 403
    )
    assert auditor.post(f"/api/progress/{report['id']}/submit").status_code == 403
