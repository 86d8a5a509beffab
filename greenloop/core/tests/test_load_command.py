"""`greenloop load` is idempotent: a second run changes nothing and says so."""

from __future__ import annotations

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from greenloop.accounts.models import AuditEntry


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"geo", "orgs"}
    }


def test_second_load_changes_nothing(db):
    # The session setup has loaded once already; run twice more through the command.
    first = StringIO()
    call_command("load", stdout=first)
    counts = row_counts()
    audit_before = AuditEntry.objects.count()
    second = StringIO()
    call_command("load", stdout=second)
    assert row_counts() == counts
    assert AuditEntry.objects.count() == audit_before
    assert counts["geo.Region"] >= 54 and counts["orgs.Organization"] >= 24
    assert "无需更改" in second.getvalue() or "Nothing to change" in second.getvalue()


def test_load_repairs_a_changed_row(db):
    from greenloop.geo.models import Region

    Region.objects.filter(code="630100").update(name_en="tampered")
    out = StringIO()
    call_command("load", stdout=out)
    assert Region.objects.get(code="630100").name_en != "tampered"
    assert AuditEntry.objects.filter(action="load", object_type="geo.region").exists()
