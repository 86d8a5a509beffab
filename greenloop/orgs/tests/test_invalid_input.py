"""Bad input gets 422 naming the field, in Chinese by default and in English on request,
and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from greenloop.accounts import audit
from greenloop.accounts.models import AuditEntry
from greenloop.orgs.models import Organization
from greenloop.orgs.tests.conftest import has_chinese


def snapshot_all() -> list[dict[str, Any]]:
    return [audit.snapshot(org) for org in Organization.objects.order_by("pk")]


def the_error(response: Any) -> tuple[list[str], str]:
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert len(detail) == 1, detail
    return detail[0]["loc"], detail[0]["msg"]


def bad_check_character(uscc: str) -> str:
    return uscc[:17] + ("1" if uscc[17] != "1" else "2")


CASES = {
    "invalid credit code": ("uscc", lambda actors, fresh: {"uscc": bad_check_character(fresh())}),
    "unknown kind": ("kind", lambda actors, fresh: {"kind": "company", "uscc": fresh()}),
    "duplicate credit code": ("uscc", lambda actors, fresh: {"uscc": actors.haixi_enterprise.uscc}),
    "bad industry code": (
        "industry_code",
        lambda actors, fresh: {"industry_code": "D25", "uscc": fresh()},
    ),
    "duplicate code": ("code", lambda actors, fresh: {"code": "qh-eco", "uscc": fresh()}),
    "unknown region": ("region", lambda actors, fresh: {"region": "990000", "uscc": fresh()}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_creation_is_refused_in_both_languages(
    client_for: Any, actors: Any, new_uscc: Any, case: str
) -> None:
    field, make = CASES[case]
    body = {
        "code": "ent-bad",
        "name_zh": "坏数据有限公司",
        "kind": "enterprise",
        "region": "630100",
        "industry_code": "C2619",
    }
    body.update(make(actors, new_uscc))
    before = snapshot_all()
    client = client_for(actors.coordinator)

    loc, chinese = the_error(client.post("/api/orgs", body, content_type="application/json"))
    assert loc == ["body", field]
    assert has_chinese(chinese)
    loc, english = the_error(
        client.post("/api/orgs", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    )
    assert loc == ["body", field]
    assert english and not has_chinese(english)

    assert snapshot_all() == before
    assert (
        not AuditEntry.objects.filter(object_type="orgs.organization")
        .exclude(action="load")
        .exists()
    )


def test_bad_update_is_refused_and_changes_nothing(
    client_for: Any, actors: Any, new_uscc: Any
) -> None:
    org = actors.enterprise
    client = client_for(actors.enterprise_user)
    before = audit.snapshot(org)
    for field, value in (("industry_code", "C9"), ("contact_phone", "call me")):
        response = client.patch(
            f"/api/orgs/{org.code}",
            {field: value, "address": "新地址"},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        loc, message = the_error(response)
        assert loc == ["body", field]
        assert not has_chinese(message)
    coordinator = client_for(actors.coordinator)
    response = coordinator.patch(
        f"/api/orgs/{org.code}",
        {"uscc": bad_check_character(new_uscc())},
        content_type="application/json",
    )
    loc, message = the_error(response)
    assert loc == ["body", "uscc"] and has_chinese(message)
    org.refresh_from_db()
    assert audit.snapshot(org) == before


def test_the_credit_code_message_says_which_character(
    client_for: Any, actors: Any, new_uscc: Any
) -> None:
    body = {
        "code": "ent-bad",
        "name_zh": "坏",
        "kind": "enterprise",
        "region": "630100",
        "uscc": bad_check_character(new_uscc()),
    }
    response = client_for(actors.coordinator).post(
        "/api/orgs", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    _loc, message = the_error(response)
    assert "18" in message
