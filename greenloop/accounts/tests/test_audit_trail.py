"""The audit trail: recorded for writes, browsable by admins and auditors, never editable."""

from __future__ import annotations

import pytest

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, AuditEntry


@pytest.fixture
def entry(actors):
    return audit.record(
        actor=actors.iit_reporter,
        action=AuditAction.UPDATE,
        obj=actors.iit_reporter.organization,
        before={"contact_name": "甲"},
        after={"contact_name": "乙"},
    )


def test_an_entry_says_who_when_what_before_and_after(entry, actors):
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor == actors.iit_reporter
    assert stored.actor_org_code == "qh-iit"
    assert stored.object_type == "orgs.organization"
    assert stored.before == {"contact_name": "甲"} and stored.after == {"contact_name": "乙"}
    assert stored.at is not None


def test_entries_cannot_be_changed_or_deleted(entry):
    entry.message = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(message="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).message == ""


def test_admin_and_auditor_browse_and_filter(entry, actors, client_for):
    for user in (actors.admin, actors.auditor):
        response = client_for(user).get("/api/audit", {"actor": actors.iit_reporter.username})
        assert response.status_code == 200
        items = response.json()["items"]
        assert [item["id"] for item in items] == [entry.pk]
        page = client_for(user).get("/accounts/audit/", {"object_type": "orgs.organization"})
        assert page.status_code == 200
        assert entry.object_repr in page.content.decode()


def test_other_roles_cannot_browse(entry, actors, client_for):
    for user in (actors.coordinator, actors.iit_reporter, actors.enterprise_user):
        assert client_for(user).get("/api/audit").status_code == 403
        assert client_for(user).get("/accounts/audit/").status_code == 403
    assert client_for(None).get("/api/audit").status_code == 401


def test_audit_has_no_write_endpoint(entry, actors, client_for):
    client = client_for(actors.admin)
    assert client.delete(f"/api/audit/{entry.pk}").status_code == 405
    assert (
        client.put(f"/api/audit/{entry.pk}", data="{}", content_type="application/json").status_code
        == 405
    )
    admin_delete = client.post(f"/admin/accounts/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert admin_delete.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_postgresql_itself_refuses_changes(entry):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the database-level guard exists on PostgreSQL only")
    for sql in (
        "UPDATE accounts_auditentry SET message = 'x' WHERE id = %s",
        "DELETE FROM accounts_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, message="").exists()


def test_auditors_download_the_filtered_trail_as_csv(entry, actors, client_for):
    import csv
    import io

    response = client_for(actors.auditor).get(
        "/accounts/audit/export.csv", {"actor": actors.iit_reporter.username}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the Chinese correctly
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "时间"
    assert len(rows) == 2 and rows[1][1] == actors.iit_reporter.username
    assert "乙" in rows[1][8]
    assert client_for(actors.iit_reporter).get("/accounts/audit/export.csv").status_code == 403


def test_a_malformed_date_filter_is_ignored_not_an_error(entry, actors, client_for):
    response = client_for(actors.admin).get("/accounts/audit/", {"since": "2025-13-45"})
    assert response.status_code == 200
