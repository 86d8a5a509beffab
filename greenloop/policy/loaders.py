"""Load the default policy (``greenloop/data/policy``): the Qinghai implementing opinions as
parts, measures and tasks with the proposed division of tasks to departments, and (a separate
loader) demonstration progress reports for earlier years.

Idempotent: rows are compared with what is stored and only differences are written. A task
whose division the coordinator has confirmed keeps its departments: the file only proposes.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from greenloop.core.loading import DataFileError, LoadResult, Progress, record_load, upsert
from greenloop.geo.models import Region
from greenloop.orgs.models import Organization
from greenloop.policy.calc.demo import demo_progress, demo_state
from greenloop.policy.models import (
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
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "policy"
DOCUMENT_CODE = "qh-glc-opinions"
DEMO_YEARS = (2022, 2023, 2024, 2025)
DEMO_NOTE = "演示数据：系统生成的示例进展，不代表真实工作情况。"


def _rows(name: str) -> list[tuple[int, dict[str, str]]]:
    path = DATA_DIR / name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            (reader.line_num, {key: (value or "").strip() for key, value in row.items()})
            for row in reader
        ]


def _problem(file: str, line: int, column: str, why: str) -> str:
    message = _("%(file)s, row %(row)d, column %(column)s: %(why)s")
    return message % {"file": file, "row": line, "column": column, "why": why}


def part_code(number: int) -> str:
    return f"{DOCUMENT_CODE}-p{number:02d}"


def measure_code(number: int) -> str:
    return f"{DOCUMENT_CODE}-m{number:02d}"


def task_code(measure: int, number: int) -> str:
    return f"{DOCUMENT_CODE}-m{measure:02d}-t{number:02d}"


def _check(orgs: dict[str, Organization]) -> list[str]:
    problems: list[str] = []
    parts = {row["number"] for _, row in _rows("parts.csv")}
    measures = set()
    for line, row in _rows("measures.csv"):
        measures.add(row["number"])
        if row["part"] not in parts:
            problems.append(_problem("measures.csv", line, "part", _("unknown part")))
        if not row["title"]:
            problems.append(_problem("measures.csv", line, "title", _("missing title")))
    seen = set()
    for line, row in _rows("tasks.csv"):
        key = (row["measure"], row["number"])
        if key in seen:
            problems.append(_problem("tasks.csv", line, "number", _("duplicate task")))
        seen.add(key)
        if row["measure"] not in measures:
            problems.append(_problem("tasks.csv", line, "measure", _("unknown measure")))
        if not row["title"]:
            problems.append(_problem("tasks.csv", line, "title", _("missing title")))
        if len(row["title"]) > 255 or len(row["deliverable"]) > 255:
            problems.append(_problem("tasks.csv", line, "title", _("longer than 255 characters")))
        if row["period"] not in Period.values:
            problems.append(_problem("tasks.csv", line, "period", _("unknown period")))
        if not row["lead"]:
            problems.append(_problem("tasks.csv", line, "lead", _("no lead department")))
        for column in ("lead", "cooperating"):
            for code in row[column].split():
                if code not in orgs:
                    why = _("unknown organization %(code)s") % {"code": code}
                    problems.append(_problem("tasks.csv", line, column, why))
    return problems


def load_policy(progress: Progress) -> LoadResult:
    result = LoadResult("policy")
    orgs = {org.code: org for org in Organization.objects.all()}
    problems = _check(orgs)
    if problems:
        raise DataFileError(problems)
    task_rows = _rows("tasks.csv")
    progress.start("policy", len(task_rows))
    with transaction.atomic():
        doc_row = _rows("document.csv")[0][1]
        region = Region.objects.get(code=doc_row["region_code"])
        documents = {doc.code: doc for doc in PolicyDocument.objects.all()}
        document = upsert(
            documents,
            PolicyDocument,
            doc_row["code"],
            {
                "title": doc_row["title"],
                "issuer": doc_row["issuer"],
                "number": doc_row["number"],
                "issued_on": dt.date.fromisoformat(doc_row["issued_on"])
                if doc_row["issued_on"]
                else None,
                "region": region,
                "status": DocumentStatus.PUBLISHED,
                "source": doc_row["source"],
            },
            result,
        )
        stored_parts = {p.code: p for p in Part.objects.filter(document=document)}
        parts = {}
        for _line, row in _rows("parts.csv"):
            number = int(row["number"])
            parts[row["number"]] = upsert(
                stored_parts,
                Part,
                part_code(number),
                {"document": document, "number": number, "title": row["title"]},
                result,
            )
        stored_measures = {m.code: m for m in Measure.objects.filter(document=document)}
        measures = {}
        for _line, row in _rows("measures.csv"):
            number = int(row["number"])
            measures[row["number"]] = upsert(
                stored_measures,
                Measure,
                measure_code(number),
                {
                    "document": document,
                    "part": parts[row["part"]],
                    "number": number,
                    "title": row["title"],
                },
                result,
            )
        stored_tasks = {
            t.code: t
            for t in Task.objects.filter(measure__document=document).prefetch_related(
                "lead_departments", "cooperating_departments"
            )
        }
        source = "greenloop/data/policy/tasks.csv (see its README)"
        new_tasks: list[tuple[Task, dict[str, str]]] = []
        for sequence, (_line, row) in enumerate(task_rows, start=1):
            measure = measures[row["measure"]]
            number = int(row["number"])
            code = task_code(measure.number, number)
            wanted = {
                "measure": measure,
                "number": number,
                "sequence": sequence,
                "title": row["title"],
                "period": row["period"],
                "indicator_codes": row["indicators"].split(),
                "deliverable": row["deliverable"],
                "source": source,
            }
            is_new = code not in stored_tasks
            if is_new:
                # Rows were checked above; new tasks are written in bulk below.
                new_tasks.append((Task(code=code, **wanted), row))
                result.created += 1
                progress.advance()
                continue
            unchanged_before = result.unchanged
            task = upsert(stored_tasks, Task, code, wanted, result)
            proposed = task.division_status == DivisionStatus.PROPOSED
            moved = proposed and _set_departments(task, row, orgs)
            if moved and not is_new and result.unchanged > unchanged_before:
                result.unchanged -= 1
                result.updated += 1
            progress.advance()
        _create_tasks(new_tasks, orgs)
    record_load(result, Task, DATA_DIR / "tasks.csv")
    return result


def _create_tasks(new: list[tuple[Task, dict[str, str]]], orgs: dict[str, Organization]) -> None:
    """Create new tasks and their departments in a few queries."""
    if not new:
        return
    Task.objects.bulk_create([task for task, _row in new])
    ids = dict(
        Task.objects.filter(code__in=[task.code for task, _row in new]).values_list("code", "pk")
    )
    lead_model = Task.lead_departments.through
    cooperating_model = Task.cooperating_departments.through
    leads, cooperating = [], []
    for task, row in new:
        for code in row["lead"].split():
            leads.append(lead_model(task_id=ids[task.code], organization_id=orgs[code].pk))
        for code in row["cooperating"].split():
            cooperating.append(
                cooperating_model(task_id=ids[task.code], organization_id=orgs[code].pk)
            )
    lead_model.objects.bulk_create(leads)
    cooperating_model.objects.bulk_create(cooperating)


def _set_departments(task: Task, row: dict[str, str], orgs: dict[str, Organization]) -> bool:
    """Bring the task's departments to the file's; True when something changed."""
    lead = {orgs[code].pk for code in row["lead"].split()}
    cooperating = {orgs[code].pk for code in row["cooperating"].split()}
    changed = False
    if {org.pk for org in task.lead_departments.all()} != lead:
        task.lead_departments.set(lead)
        changed = True
    if {org.pk for org in task.cooperating_departments.all()} != cooperating:
        task.cooperating_departments.set(cooperating)
        changed = True
    return changed


def load_demo_reports(progress: Progress) -> LoadResult:
    """Demonstration progress reports for earlier years, each flagged ``demonstration``.

    A report is created only where none exists for that task, year and department, so real
    reports are never touched and a second run changes nothing."""
    result = LoadResult("policy_demo")
    tasks = list(
        Task.objects.filter(measure__document__code=DOCUMENT_CODE).prefetch_related(
            "lead_departments"
        )
    )
    progress.start("policy_demo", len(tasks))
    existing = set(
        ProgressReport.objects.filter(task__in=tasks).values_list(
            "task_id", "year", "department_id"
        )
    )
    latest = max(DEMO_YEARS)
    new_reports = []
    for task in tasks:
        for department in task.lead_departments.all():
            for year in DEMO_YEARS:
                if (task.pk, year, department.pk) in existing:
                    result.unchanged += 1
                    continue
                state = demo_state(task.code, year, latest)
                if state == "missing":
                    continue
                status, percent = demo_progress(task.code, year, DEMO_YEARS[0])
                new_reports.append(
                    ProgressReport(
                        task=task,
                        year=year,
                        department=department,
                        state=state,
                        status=status,
                        percent=percent,
                        narrative=DEMO_NOTE,
                        next_steps=DEMO_NOTE,
                        due_date=dt.date(year, 12, 31),
                        review_comment=DEMO_NOTE if state == ReportState.RETURNED else "",
                        revision=1,
                        demonstration=True,
                        submitted_at=None,
                    )
                )
        progress.advance()
    with transaction.atomic():
        created = ProgressReport.objects.bulk_create(new_reports)
        if created and created[0].pk is None:  # backends without RETURNING ids
            keys = {(r.task_id, r.year, r.department_id) for r in created}
            created = [
                r
                for r in ProgressReport.objects.filter(demonstration=True, revision=1)
                if (r.task_id, r.year, r.department_id) in keys
            ]
        ReportRevision.objects.bulk_create(
            [
                ReportRevision(
                    report=report,
                    number=1,
                    event="demo",
                    state=report.state,
                    data=report_snapshot(report),
                    actor_username="system",
                )
                for report in created
            ]
        )
    result.created = len(new_reports)
    record_load(result, ProgressReport, DATA_DIR / "tasks.csv", note=DEMO_NOTE)
    return result


def report_snapshot(report: ProgressReport) -> dict[str, Any]:
    """The fields a revision keeps (what can be compared between versions)."""
    return {
        "state": report.state,
        "status": report.status,
        "percent": report.percent,
        "narrative": report.narrative,
        "key_figures": report.key_figures,
        "next_steps": report.next_steps,
        "review_comment": report.review_comment,
    }
