"""``greenloop policy …`` commands."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from greenloop.policy.models import PolicyDocument, Task

SEED = (
    Path(__file__).resolve().parent
    / "data"
    / "qinghai-green-low-carbon-circular-economy-opinions.txt"
)


def _run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("policy", *args, stdout=out)
    return out.getvalue()


def test_import_seed_as_draft(db: Any) -> None:
    output = _run("import", str(SEED), "--code", "seed-draft")
    assert "9 parts, 25 measures" in output
    assert "line 269:" in output and "line 281:" in output
    document = PolicyDocument.objects.get(code="seed-draft")
    assert document.status == "draft"
    assert document.parts.count() == 9 and document.measures.count() == 25
    assert Task.objects.filter(measure__document=document).count() > 100
    # the draft does not replace the supervised policy
    from greenloop.policy.selectors import current_document

    assert current_document().code == "qh-glc-opinions"  # type: ignore[union-attr]


def test_dry_run_and_docx(db: Any, tmp_path: Path) -> None:
    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "opinions.docx"
    document.save(str(path))
    output = _run("import", str(path), "--dry-run")
    assert "9 parts, 25 measures" in output
    assert not PolicyDocument.objects.filter(code="opinions").exists()


def test_publish_needs_the_coordinator(actors: Any) -> None:
    _run("import", str(SEED), "--code", "seed-draft")
    with pytest.raises(CommandError):
        _run("publish", "seed-draft", "--user", actors.iit_reporter.username)
    _run("publish", "seed-draft", "--user", actors.coordinator.username)
    assert PolicyDocument.objects.get(code="seed-draft").status == "published"


def test_division_round_trip_and_refusal(actors: Any, tmp_path: Path) -> None:
    path = tmp_path / "division.xlsx"
    _run("export-division", "--output", str(path))
    output = _run("import-division", str(path), "--user", actors.coordinator.username)
    assert (
        f"{Task.objects.filter(measure__document__code='qh-glc-opinions').count()} tasks updated"
        in output
    )
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="Nothing was changed"):
        _run("import-division", str(bad), "--user", actors.coordinator.username)


def test_remind_lists_departments_with_open_reports(db: Any) -> None:
    output = _run("remind", "--year", "2025", "--today", "2026-01-05")
    assert "not submitted" in output
    assert _run("remind", "--year", "2030", "--today", "2026-01-05").strip() == "No reminders due."
