"""Every write of the policy domain: validate → permission → transaction → audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction
from greenloop.accounts.permissions import require
from greenloop.orgs.models import GOVERNMENT_KINDS, Organization
from greenloop.policy import permissions as perms
from greenloop.policy.calc import division as division_calc
from greenloop.policy.calc.evidence import MAX_BYTES, evidence_kind
from greenloop.policy.calc.parser import ParsedDocument
from greenloop.policy.calc.progress import check_key_figures, default_due_date
from greenloop.policy.loaders import report_snapshot
from greenloop.policy.models import (
    Attachment,
    Contribution,
    DivisionStatus,
    DocumentStatus,
    Measure,
    Part,
    Period,
    PolicyDocument,
    ProgressReport,
    ReportRevision,
    ReportState,
    Task,
    TaskStatus,
)

EDITABLE_STATES = frozenset({ReportState.DRAFT, ReportState.RETURNED})
FIRST_YEAR, LAST_YEAR = 2021, 2035


def _revise(report: ProgressReport, actor: Any, event: str, comment: str = "") -> None:
    report.revision += 1
    report.save()
    ReportRevision.objects.create(
        report=report,
        number=report.revision,
        event=event,
        state=report.state,
        data=report_snapshot(report),
        comment=comment,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "system",
    )


def _state_error(report: ProgressReport) -> ValidationError:
    return ValidationError(
        {
            "state": _("The report is %(state)s and can no longer be changed.")
            % {"state": report.get_state_display()}
        }
    )


def save_report(
    *,
    actor: Any,
    task: Task,
    year: int,
    department: Organization | None = None,
    status: str = TaskStatus.NOT_STARTED,
    percent: int = 0,
    narrative: str = "",
    key_figures: dict[str, Any] | None = None,
    next_steps: str = "",
) -> ProgressReport:
    """Create the department's report on ``task`` for ``year`` or change its draft."""
    department = department or getattr(actor, "organization", None)
    errors: dict[str, str] = {}
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = _("The year must be between %(first)d and %(last)d.") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
    if status not in TaskStatus.values:
        errors["status"] = _("Unknown status.")
    if not 0 <= percent <= 100:
        errors["percent"] = _("The percentage must be between 0 and 100.")
    figures = key_figures or {}
    if check_key_figures(figures):
        errors["key_figures"] = _("Key figures map indicator codes to numbers.")
    elif set(figures) - set(task.indicator_codes or []):
        errors["key_figures"] = _("Not an indicator of this task: %(codes)s") % {
            "codes": ", ".join(sorted(set(figures) - set(task.indicator_codes or [])))
        }
    if department is None or not task.lead_departments.filter(pk=department.pk).exists():
        errors["department"] = _("Only a lead department of the task files its report.")
    if errors:
        raise ValidationError(errors)
    assert department is not None
    require(
        perms.can_write_for(actor, department), _("You may not write this department's report.")
    )
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update()
            .filter(task=task, year=year, department=department)
            .first()
        )
        created = report is None
        if report is None:
            report = ProgressReport(
                task=task, year=year, department=department, due_date=default_due_date(year)
            )
        elif report.state not in EDITABLE_STATES:
            raise _state_error(report)
        before = None if created else audit.snapshot(report)
        report.status = status
        report.percent = percent
        report.narrative = narrative.replace("\x00", "")
        report.key_figures = figures
        report.next_steps = next_steps.replace("\x00", "")
        report.demonstration = False
        report.full_clean(exclude=["revision"])
        _revise(report, actor, "saved")
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=report,
            before=before,
            after=audit.snapshot(report),
        )
    return report


def _transition(
    report: ProgressReport, actor: Any, to: str, event: str, comment: str = ""
) -> ProgressReport:
    before = audit.snapshot(report)
    report.state = to
    if to == ReportState.SUBMITTED:
        report.submitted_at = timezone.now()
    if event in {"returned", "accepted"}:
        report.review_comment = comment
    _revise(report, actor, event, comment)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        before=before,
        after=audit.snapshot(report),
        message=event,
    )
    return report


def submit_report(*, actor: Any, report: ProgressReport) -> ProgressReport:
    require(perms.can_write_for(actor, report.department), _("You may not submit this report."))
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.state not in EDITABLE_STATES:
            raise _state_error(report)
        return _transition(report, actor, ReportState.SUBMITTED, "submitted")


def return_report(*, actor: Any, report: ProgressReport, comment: str) -> ProgressReport:
    require(perms.can_review(actor), _("Only the coordinator reviews reports."))
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the report is returned.")})
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.state != ReportState.SUBMITTED:
            raise ValidationError({"state": _("Only a submitted report can be returned.")})
        comment = comment.replace("\x00", "").strip()
        return _transition(report, actor, ReportState.RETURNED, "returned", comment)


def accept_report(*, actor: Any, report: ProgressReport, comment: str = "") -> ProgressReport:
    require(perms.can_review(actor), _("Only the coordinator reviews reports."))
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.state != ReportState.SUBMITTED:
            raise ValidationError({"state": _("Only a submitted report can be accepted.")})
        comment = comment.replace("\x00", "").strip()
        return _transition(report, actor, ReportState.ACCEPTED, "accepted", comment)


def add_attachment(*, actor: Any, report: ProgressReport, name: str, data: bytes) -> Attachment:
    require(perms.can_write_for(actor, report.department), _("You may not change this report."))
    if report.state not in EDITABLE_STATES:
        raise _state_error(report)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {"file": _("%(name)s is larger than %(limit)d MB.") % {"name": name, "limit": 10}}
        )
    kind = evidence_kind(data)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s is not a PDF, PNG, JPEG or xlsx file (its content was checked, "
                    "not its name)."
                )
                % {"name": name}
            }
        )
    with transaction.atomic():
        attachment = Attachment(
            report=report, name=name[:255], kind=kind, size=len(data), uploaded_by=actor
        )
        attachment.file.save(f"evidence.{kind}", ContentFile(data), save=False)
        attachment.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=attachment,
            after={
                "report": report.pk,
                "name": attachment.name,
                "kind": kind,
                "size": len(data),
                "file": attachment.file.name,
            },
        )
    return attachment


def add_contribution(*, actor: Any, report: ProgressReport, text: str) -> Contribution:
    require(perms.can_contribute(actor, report), _("Only a cooperating department contributes."))
    if not (text or "").strip():
        raise ValidationError({"text": _("The contribution is empty.")})
    department = actor.organization
    if department is None:
        raise ValidationError({"department": _("You do not act for a department.")})
    with transaction.atomic():
        contribution = Contribution.objects.create(
            report=report,
            department=department,
            text=text.replace("\x00", "").strip(),
            author=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=contribution,
            after=audit.snapshot(contribution),
        )
    return contribution


def set_division(
    *,
    actor: Any,
    task: Task,
    lead: list[Organization],
    cooperating: list[Organization],
    period: str | None = None,
    title: str | None = None,
) -> Task:
    """The coordinator sets a task's departments (and period): the division is confirmed."""
    require(perms.can_edit_division(actor), _("Only the coordinator divides tasks."))
    errors = {}
    if not lead:
        errors["lead"] = _("A task needs at least one lead department.")
    if period is not None and period not in Period.values:
        errors["period"] = _("Unknown period.")
    if title is not None and not title.strip():
        errors["title"] = _("The task has no title.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = audit.snapshot(task) | _departments(task)
        if period is not None:
            task.period = period
        if title is not None:
            task.title = title.strip()[:255]
        task.division_status = DivisionStatus.CONFIRMED
        task.full_clean()
        task.save()
        task.lead_departments.set(lead)
        task.cooperating_departments.set([org for org in cooperating if org not in lead])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=task,
            before=before,
            after=audit.snapshot(task) | _departments(task),
        )
    return task


def _departments(task: Task) -> dict[str, list[str]]:
    return {
        "lead": sorted(task.lead_departments.values_list("code", flat=True)),
        "cooperating": sorted(task.cooperating_departments.values_list("code", flat=True)),
    }


@dataclass
class DivisionImport:
    updated: int
    problems: list[str]


def _org_lookup() -> dict[str, Organization]:
    names: dict[str, Organization] = {}
    for org in Organization.objects.filter(kind__in=GOVERNMENT_KINDS, is_active=True):
        for name in (org.name_zh, org.short_name_zh, org.code):
            if name:
                names[name] = org
    return names


def describe_division_problem(problem: division_calc.Problem) -> str:
    whys = {
        "not_xlsx": _("the file is not an xlsx workbook"),
        "no_header": _("no header row with 序号, 重点任务, 牵头单位, 配合单位, 完成时限"),
        "merged": _("merged cells %(value)s: every row must have its own cells"),
        "missing_title": _("the task title is missing"),
        "bad_sequence": _("“%(value)s” is not a sequence number"),
        "duplicate": _("“%(value)s” repeats row %(other)s"),
        "no_lead": _("no lead department"),
        "bad_deadline": _("“%(value)s” is not a deadline (每年, 2025年底前, 2035年底前, 持续推进)"),
        "unknown_org": _("“%(value)s” is not a department in the organization registry"),
        "unknown_task": _("no task has the sequence number %(value)s"),
    }
    why = whys.get(problem.code, problem.code) % {
        "value": problem.value,
        "other": problem.other_row or "",
    }
    if problem.row is None:
        return _("sheet %(sheet)s: %(why)s") % {"sheet": problem.sheet, "why": why}
    return _("sheet %(sheet)s, row %(row)d, column %(column)s: %(why)s") % {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "why": why,
    }


def import_division(*, actor: Any, data: bytes, document: PolicyDocument) -> DivisionImport:
    """Apply a division xlsx: all rows or none. Problems are located (sheet, row, column)."""
    require(perms.can_edit_division(actor), _("Only the coordinator divides tasks."))
    table = division_calc.read_division(data)
    problems = list(table.problems)
    orgs = _org_lookup()
    tasks = {t.sequence: t for t in Task.objects.filter(measure__document=document)}
    resolved = []
    for row in table.rows:
        for column, names in (("C", row.lead), ("D", row.cooperating)):
            for name in names:
                if name not in orgs:
                    problems.append(
                        division_calc.Problem(table.sheet, row.row, column, "unknown_org", name)
                    )
        if row.sequence and row.sequence not in tasks:
            problems.append(
                division_calc.Problem(table.sheet, row.row, "A", "unknown_task", str(row.sequence))
            )
        resolved.append(row)
    messages = [describe_division_problem(problem) for problem in problems]
    if messages:
        return DivisionImport(updated=0, problems=messages)
    with transaction.atomic():
        for row in resolved:
            set_division(
                actor=actor,
                task=tasks[row.sequence],
                lead=[orgs[name] for name in row.lead],
                cooperating=[orgs[name] for name in row.cooperating],
                period=row.period,
                title=row.title,
            )
    return DivisionImport(updated=len(resolved), problems=[])


def create_draft_policy(
    *,
    actor: Any,
    parsed: ParsedDocument,
    code: str,
    region: Any,
    source: str = "",
) -> PolicyDocument:
    """Store a parsed document as a draft for the coordinator to review and publish: its parts,
    measures and every sentence of a measure as a candidate task (no departments yet)."""
    if actor is not None:
        require(perms.can_edit_division(actor), _("Only the coordinator imports policies."))
    if PolicyDocument.objects.filter(code=code).exists():
        raise ValidationError(
            {"code": _("A policy with the code %(code)s exists.") % {"code": code}}
        )
    if not parsed.parts:
        raise ValidationError({"file": _("No numbered parts (一、二、…) were found.")})
    with transaction.atomic():
        document = PolicyDocument.objects.create(
            code=code,
            title=(parsed.title or code)[:255],
            region=region,
            status=DocumentStatus.DRAFT,
            preamble=parsed.preamble,
            source=source[:255],
        )
        sequence = 0
        for parsed_part in parsed.parts:
            part = Part.objects.create(
                code=f"{code}-p{parsed_part.number:02d}",
                document=document,
                number=parsed_part.number,
                title=parsed_part.title[:255],
                text=parsed_part.text,
            )
            for parsed_measure in parsed_part.measures:
                measure = Measure.objects.create(
                    code=f"{code}-m{parsed_measure.number:02d}",
                    document=document,
                    part=part,
                    number=parsed_measure.number,
                    title=parsed_measure.title[:255],
                    text=parsed_measure.text,
                )
                for number, sentence in enumerate(parsed_measure.sentences, start=1):
                    sequence += 1
                    Task.objects.create(
                        code=f"{code}-m{measure.number:02d}-t{number:02d}",
                        measure=measure,
                        number=number,
                        sequence=sequence,
                        title=sentence.text[:255],
                        source=f"line {sentence.line}",
                    )
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=document, after=audit.snapshot(document)
        )
    return document


def publish_document(*, actor: Any, document: PolicyDocument) -> PolicyDocument:
    require(perms.can_edit_division(actor), _("Only the coordinator publishes policies."))
    with transaction.atomic():
        audit.save_with_audit(
            actor=actor, obj=document, changes={"status": DocumentStatus.PUBLISHED}
        )
    return document


def overdue_reminders(*, year: int, today: dt.date) -> dict[Organization, list[Task]]:
    """Lead departments with tasks whose report for ``year`` is not submitted, keyed by
    department (for reminders); only when the due date is within 30 days or past."""
    from greenloop.policy import selectors

    return selectors.open_reports_by_department(year=year, today=today)
