"""Reads of the policy domain, already limited to what the asking user may see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from greenloop.accounts.permissions import reads_everything, region_scope, role_of
from greenloop.orgs.models import Organization
from greenloop.orgs.selectors import region_ids_within
from greenloop.policy.calc.progress import is_overdue, lagging, worst_status
from greenloop.policy.models import (
    DocumentStatus,
    Measure,
    PolicyDocument,
    ProgressReport,
    ReportState,
    Task,
)

DEFAULT_DOCUMENT = "qh-glc-opinions"


def current_document() -> PolicyDocument | None:
    """The policy the platform supervises: the default one, else the first published one."""
    published = PolicyDocument.objects.filter(status=DocumentStatus.PUBLISHED)
    return published.filter(code=DEFAULT_DOCUMENT).first() or published.order_by("code").first()


def measures(document: PolicyDocument | None = None) -> QuerySet[Measure]:
    document = document or current_document()
    return (
        Measure.objects.filter(document=document)
        .select_related("part")
        .annotate(task_count=Count("tasks"))
        .order_by("number")
    )


def tasks(
    document: PolicyDocument | None = None,
    *,
    measure: int | None = None,
    lead: str | None = None,
    period: str | None = None,
    part: int | None = None,
    prefecture: str | None = None,
) -> QuerySet[Task]:
    document = document or current_document()
    found = Task.objects.filter(measure__document=document)
    if measure is not None:
        found = found.filter(measure__number=measure)
    if part is not None:
        found = found.filter(measure__part__number=part)
    if lead:
        found = found.filter(lead_departments__code=lead)
    if period:
        found = found.filter(period=period)
    if prefecture:
        found = found.filter(
            Q(lead_departments__region__code=prefecture)
            | Q(cooperating_departments__region__code=prefecture)
        )
    return (
        found.distinct()
        .select_related("measure", "measure__part")
        .prefetch_related("lead_departments", "cooperating_departments")
        .order_by("sequence", "measure__number", "number")
    )


def visible_reports(user: Any) -> QuerySet[ProgressReport]:
    reports = ProgressReport.objects.select_related("task", "task__measure", "department").order_by(
        "-year", "task__sequence", "department__code"
    )
    if role_of(user) is None:
        return reports.none()
    if reads_everything(user):
        return reports
    visible = Q(pk__in=[])
    if user.organization_id:
        visible |= Q(department_id=user.organization_id)
        visible |= Q(task__cooperating_departments=user.organization_id)
    scope = region_scope(user)
    if scope is not None:
        visible |= Q(department__region_id__in=region_ids_within(scope))
    return reports.filter(visible).distinct()


def visible_report(user: Any, report_id: int) -> ProgressReport | None:
    return visible_reports(user).filter(pk=report_id).first()


def lead_pairs(document: PolicyDocument | None = None) -> list[tuple[Task, Organization]]:
    """(task, lead department) for every task of the document."""
    return [(task, org) for task in tasks(document) for org in task.lead_departments.all()]


@dataclass
class OverdueItem:
    task: Task
    department: Organization
    report: ProgressReport | None
    due: dt.date


def overdue(year: int, today: dt.date, document: PolicyDocument | None = None) -> list[OverdueItem]:
    """Reports of ``year`` (or missing ones) past their due date and not submitted."""
    reports = {
        (r.task_id, r.department_id): r
        for r in ProgressReport.objects.filter(
            year=year, task__measure__document=document or current_document()
        )
    }
    items = []
    for task, org in lead_pairs(document):
        report = reports.get((task.pk, org.pk))
        due = report.due_date if report else dt.date(year, 12, 31)
        if is_overdue(report.state if report else None, due, today):
            items.append(OverdueItem(task, org, report, due))
    return items


def open_reports_by_department(year: int, today: dt.date) -> dict[Organization, list[Task]]:
    """Departments whose reports for ``year`` are not yet submitted, when due within 30 days
    or past due (the reminder list)."""
    due = dt.date(year, 12, 31)
    if (due - today).days > 30:
        return {}
    reports = {
        (r.task_id, r.department_id): r.state for r in ProgressReport.objects.filter(year=year)
    }
    found: dict[Organization, list[Task]] = defaultdict(list)
    for task, org in lead_pairs():
        state = reports.get((task.pk, org.pk))
        if state in (None, ReportState.DRAFT, ReportState.RETURNED):
            found[org].append(task)
    return dict(found)


def lagging_tasks(
    year: int, document: PolicyDocument | None = None
) -> list[tuple[Task, Organization]]:
    """Tasks at risk or delayed in ``year`` and the year before (by lead department)."""
    history: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for task_id, org_id, report_year, status in ProgressReport.objects.filter(
        task__measure__document=document or current_document(), year__in=(year - 1, year)
    ).values_list("task_id", "department_id", "year", "status"):
        history[(task_id, org_id)][report_year] = status
    return [
        (task, org)
        for task, org in lead_pairs(document)
        if lagging(history.get((task.pk, org.pk), {}), year)
    ]


@dataclass
class Board:
    year: int
    departments: list[Organization]
    rows: list[tuple[Measure, list[dict[str, Any] | None]]]
    demonstration: bool
    counts: dict[str, int] = field(default_factory=dict)


def board(
    year: int,
    *,
    part: int | None = None,
    department: str | None = None,
    prefecture: str | None = None,
) -> Board:
    """Measures × lead departments: per cell the tasks, their reports' worst status."""
    document = current_document()
    chosen = list(tasks(document, part=part, lead=department, prefecture=prefecture))
    reports: dict[tuple[int, int], ProgressReport] = {
        (r.task_id, r.department_id): r
        for r in ProgressReport.objects.filter(year=year, task__in=chosen)
    }
    cells: dict[tuple[int, int], list[tuple[Task, ProgressReport | None]]] = defaultdict(list)
    orgs: dict[int, Organization] = {}
    for task in chosen:
        for org in task.lead_departments.all():
            if department and org.code != department:
                continue
            orgs[org.pk] = org
            cells[(task.measure_id, org.pk)].append((task, reports.get((task.pk, org.pk))))
    departments = sorted(orgs.values(), key=lambda org: (org.kind != "department", org.code))
    rows = []
    counts: dict[str, int] = defaultdict(int)
    demo = False
    for measure in measures(document):
        if part is not None and measure.part.number != part:
            continue
        row: list[dict[str, Any] | None] = []
        for org in departments:
            items = cells.get((measure.pk, org.pk))
            if not items:
                row.append(None)
                continue
            statuses = [r.status for _t, r in items if r is not None]
            status = worst_status(statuses) or "missing"
            demo = demo or any(r.demonstration for _t, r in items if r is not None)
            counts[status] += 1
            row.append({"status": status, "items": items, "department": org})
        if any(row):
            rows.append((measure, row))
    return Board(year, departments, rows, demo, dict(counts))


def progress_over_years(document: PolicyDocument | None = None) -> list[dict[str, Any]]:
    """Per year: number of reports, of accepted ones, mean percent and status counts."""
    found: dict[int, dict[str, Any]] = {}
    for year, status, state, percent, demo in ProgressReport.objects.filter(
        task__measure__document=document or current_document()
    ).values_list("year", "status", "state", "percent", "demonstration"):
        entry = found.setdefault(
            year,
            {
                "year": year,
                "reports": 0,
                "accepted": 0,
                "percent_sum": 0,
                "statuses": defaultdict(int),
                "demonstration": False,
            },
        )
        entry["reports"] += 1
        entry["accepted"] += state == ReportState.ACCEPTED
        entry["percent_sum"] += percent
        entry["statuses"][status] += 1
        entry["demonstration"] = entry["demonstration"] or demo
    result = []
    for year in sorted(found):
        entry = found[year]
        entry["mean_percent"] = round(entry.pop("percent_sum") / entry["reports"], 1)
        entry["statuses"] = dict(entry["statuses"])
        result.append(entry)
    return result
