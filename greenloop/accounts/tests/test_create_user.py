"""Creating users over the API: administrators only, validated, audited."""

from __future__ import annotations

import json

from greenloop.accounts.models import AuditEntry, User
from greenloop.conftest import PASSWORD


def post_user(client, payload, **headers):
    return client.post(
        "/api/users", data=json.dumps(payload), content_type="application/json", **headers
    )


def test_admin_creates_a_department_reporter(actors, client_for):
    response = post_user(
        client_for(actors.admin),
        {
            "username": "new-iit",
            "role": "dept_reporter",
            "organization": "qh-iit",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organization"] == "qh-iit" and body["role"] == "dept_reporter"
    user = User.objects.get(username="new-iit")
    assert user.check_password(PASSWORD)
    entry = AuditEntry.objects.get(
        object_type="accounts.user", object_id=str(user.pk), action="create"
    )
    assert entry.actor_username == actors.admin.username
    assert entry.after is not None
    assert entry.after["organization_id"] == user.organization_id
    assert "password" not in entry.after


def test_duplicate_user_is_refused_naming_the_field(actors, client_for):
    before = User.objects.count()
    response = post_user(
        client_for(actors.admin),
        {
            "username": actors.iit_reporter.username.upper(),
            "role": "dept_reporter",
            "organization": "qh-iit",
        },
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "username"]
    assert "已存在" in detail[0]["msg"]  # Chinese by default
    assert User.objects.count() == before


def test_messages_follow_the_users_language(actors, client_for):
    response = post_user(
        client_for(actors.admin),
        {
            "username": actors.iit_reporter.username,
            "role": "dept_reporter",
            "organization": "qh-iit",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert "already exists" in response.json()["detail"][0]["msg"]


def test_role_and_organization_must_fit(actors, client_for):
    client = client_for(actors.admin)
    wrong_kind = post_user(
        client, {"username": "x1", "role": "prefecture_reporter", "organization": "qh-iit"}
    )
    assert wrong_kind.status_code == 422
    assert wrong_kind.json()["detail"][0]["loc"] == ["body", "organization"]
    unknown_role = post_user(client, {"username": "x2", "role": "mayor", "organization": "qh-iit"})
    assert unknown_role.status_code == 422
    assert unknown_role.json()["detail"][0]["loc"] == ["body", "role"]
    unknown_org = post_user(
        client, {"username": "x3", "role": "dept_reporter", "organization": "nope"}
    )
    assert unknown_org.status_code == 422
    weak = post_user(
        client,
        {"username": "x4", "role": "dept_reporter", "organization": "qh-iit", "password": "123"},
    )
    assert weak.status_code == 422
    assert weak.json()["detail"][0]["loc"] == ["body", "password"]
    assert not User.objects.filter(username__in=["x1", "x2", "x3", "x4"]).exists()


def test_only_administrators_create_users(actors, client_for):
    for user in (actors.coordinator, actors.iit_reviewer, actors.auditor, actors.xining_reporter):
        response = post_user(
            client_for(user),
            {"username": f"by-{user.username}", "role": "enterprise", "organization": "qh-iit"},
        )
        assert response.status_code == 403, user.username
    assert (
        client_for(None).post("/api/users", data="{}", content_type="application/json").status_code
        == 401
    )
    assert not User.objects.filter(username__startswith="by-").exists()


def test_department_users_see_only_their_colleagues(actors, client_for):
    response = client_for(actors.iit_reporter).get("/api/users?limit=100")
    assert response.status_code == 200
    orgs = {item["organization"] for item in response.json()["items"]}
    assert orgs == {"qh-iit"}
    everyone = client_for(actors.auditor).get("/api/users?limit=100").json()["items"]
    assert {"qh-iit", "qh-eco", "qh-drc"} <= {item["organization"] for item in everyone}


def test_me_describes_the_signed_in_user(actors, client_for):
    body = client_for(actors.xining_reporter).get("/api/me").json()
    assert body["username"] == actors.xining_reporter.username
    assert body["organization"] == "gov-630100"
    assert client_for(None).get("/api/me").status_code == 401
