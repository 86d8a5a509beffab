"""The policy domain's JSON API (mounted at /api/): the measures and tasks of the supervised
policy, and the progress reports (/api/progress) under the same permissions as the pages."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import field_validator

from greenloop.orgs.models import Organization
from greenloop.policy import selectors, services
from greenloop.policy.calc.evidence import MAX_BYTES
from greenloop.policy.calc.progress import compare, is_overdue
from greenloop.policy.models import (
    Measure,
    Period,
    ProgressReport,
    ReportState,
    Task,
    TaskStatus,
)

router = Router(tags=["policy"])


def _plain(value: Any) -> Any:
    """Text without NUL characters (PostgreSQL text cannot hold them), recursively."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class CleanSchema(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        return _plain(value)


DEMO_NOTE = "demonstration data: generated example, not real progress"


class Message(Schema):
    detail: str


class MeasureOut(Schema):
    number: int
    label: str
    title: str
    part: int
    part_title: str
    task_count: int

    @staticmethod
    def resolve_part(obj: Measure) -> int:
        return obj.part.number

    @staticmethod
    def resolve_part_title(obj: Measure) -> str:
        return obj.part.title


class TaskOut(Schema):
    code: str
    sequence: int
    measure: int
    measure_title: str
    number: int
    title: str
    period: str
    period_label: str
    lead: list[str]
    lead_names: list[str]
    cooperating: list[str]
    cooperating_names: list[str]
    indicator_codes: list[str]
    deliverable: str
    division_status: str
    division_status_label: str

    @staticmethod
    def resolve_measure(obj: Task) -> int:
        return obj.measure.number

    @staticmethod
    def resolve_measure_title(obj: Task) -> str:
        return obj.measure.title

    @staticmethod
    def resolve_period_label(obj: Task) -> str:
        return str(obj.get_period_display())

    @staticmethod
    def resolve_lead(obj: Task) -> list[str]:
        return [org.code for org in obj.lead_departments.all()]

    @staticmethod
    def resolve_lead_names(obj: Task) -> list[str]:
        return [org.name for org in obj.lead_departments.all()]

    @staticmethod
    def resolve_cooperating(obj: Task) -> list[str]:
        return [org.code for org in obj.cooperating_departments.all()]

    @staticmethod
    def resolve_cooperating_names(obj: Task) -> list[str]:
        return [org.name for org in obj.cooperating_departments.all()]

    @staticmethod
    def resolve_indicator_codes(obj: Task) -> list[str]:
        return [str(code) for code in obj.indicator_codes or []]

    @staticmethod
    def resolve_division_status_label(obj: Task) -> str:
        return str(obj.get_division_status_display())


class TaskFilter(CleanSchema):
    measure: int | None = Field(None, ge=1, le=99, description="measure number, 1 … 25")
    lead: str | None = Field(None, max_length=64, description="lead department code")
    period: str | None = Field(None, description="one of: " + ", ".join(Period.values))


class DivisionIn(CleanSchema):
    lead: list[str] = Field(..., description="lead department codes")
    cooperating: list[str] = Field(default_factory=list)
    period: str | None = None


class ProgressOut(Schema):
    id: int
    task: str
    task_title: str
    measure: int
    year: int
    department: str
    department_name: str
    state: str
    state_label: str
    status: str
    status_label: str
    percent: int
    narrative: str
    key_figures: dict[str, float | None]
    next_steps: str
    due_date: dt.date
    overdue: bool
    review_comment: str
    revision: int
    demonstration: bool
    demonstration_note: str
    submitted_at: dt.datetime | None

    @staticmethod
    def resolve_task(obj: ProgressReport) -> str:
        return obj.task.code

    @staticmethod
    def resolve_task_title(obj: ProgressReport) -> str:
        return obj.task.title

    @staticmethod
    def resolve_measure(obj: ProgressReport) -> int:
        return obj.task.measure.number

    @staticmethod
    def resolve_department(obj: ProgressReport) -> str:
        return obj.department.code

    @staticmethod
    def resolve_department_name(obj: ProgressReport) -> str:
        return obj.department.name

    @staticmethod
    def resolve_state_label(obj: ProgressReport) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_status_label(obj: ProgressReport) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_key_figures(obj: ProgressReport) -> dict[str, float | None]:
        figures = obj.key_figures if isinstance(obj.key_figures, dict) else {}
        return {
            str(k): (float(v) if isinstance(v, int | float) else None) for k, v in figures.items()
        }

    @staticmethod
    def resolve_overdue(obj: ProgressReport) -> bool:
        return is_overdue(obj.state, obj.due_date, timezone.localdate())

    @staticmethod
    def resolve_demonstration_note(obj: ProgressReport) -> str:
        return DEMO_NOTE if obj.demonstration else ""


class RevisionOut(Schema):
    number: int
    event: str
    state: str
    comment: str
    actor: str
    created_at: dt.datetime
    data: dict[str, Any]

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        return str(obj.actor_username)


class ContributionOut(Schema):
    id: int
    department: str
    department_name: str
    text: str
    created_at: dt.datetime
    demonstration: bool

    @staticmethod
    def resolve_department(obj: Any) -> str:
        return str(obj.department.code)

    @staticmethod
    def resolve_department_name(obj: Any) -> str:
        return str(obj.department.name)


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    uploaded_at: dt.datetime


class ProgressDetail(ProgressOut):
    revisions: list[RevisionOut]
    contributions: list[ContributionOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_revisions(obj: ProgressReport) -> list[Any]:
        return list(obj.revisions.all())

    @staticmethod
    def resolve_contributions(obj: ProgressReport) -> list[Any]:
        return list(obj.contributions.select_related("department"))

    @staticmethod
    def resolve_attachments(obj: ProgressReport) -> list[Any]:
        return list(obj.attachments.all())


class ProgressFilter(CleanSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    task: str | None = Field(None, max_length=64, description="task code")
    department: str | None = Field(None, max_length=64, description="department code")
    state: str | None = Field(None, description="one of: " + ", ".join(ReportState.values))
    measure: int | None = Field(None, ge=1, le=99)


class ProgressIn(CleanSchema):
    task: str = Field(..., max_length=64, description="task code")
    year: int
    department: str | None = Field(None, description="lead department code (default: yours)")
    status: str = Field(TaskStatus.NOT_STARTED, description=", ".join(TaskStatus.values))
    percent: int = 0
    narrative: str = ""
    key_figures: dict[str, float | None] = Field(default_factory=dict)
    next_steps: str = ""


class ProgressPatch(CleanSchema):
    status: str | None = None
    percent: int | None = None
    narrative: str | None = None
    key_figures: dict[str, float | None] | None = None
    next_steps: str | None = None


class CommentIn(CleanSchema):
    comment: str = ""


class ContributionIn(CleanSchema):
    text: str


class ComparisonOut(Schema):
    field: str
    before: Any
    after: Any


def _missing_report(report_id: int) -> Status:
    return Status(404, {"detail": _("No report %(id)s.") % {"id": report_id}})


@router.get(
    "/policy/measures",
    response=list[MeasureOut],
    auth=None,
    summary="The measures of the supervised policy with their task counts",
)
@paginate
def list_measures(request: HttpRequest) -> Any:
    return selectors.measures()


@router.get("/policy/tasks", response=list[TaskOut], auth=None, summary="Tasks, filtered")
@paginate
def list_tasks(request: HttpRequest, filters: Query[TaskFilter]) -> Any:
    return selectors.tasks(**filters.dict())


@router.get(
    "/policy/tasks/{code}", response={200: TaskOut, 404: Message}, auth=None, summary="One task"
)
def get_task(request: HttpRequest, code: str) -> Status:
    task = selectors.tasks().filter(code=_plain(code)).first()
    if task is None:
        return Status(404, {"detail": _("No task %(code)s.") % {"code": code}})
    return Status(200, task)


@router.put(
    "/policy/tasks/{code}/division",
    response={200: TaskOut, 404: Message},
    summary="Set a task's lead and cooperating departments (coordinator): confirms the division",
)
def set_division(request: HttpRequest, code: str, payload: DivisionIn) -> Status:
    task = selectors.tasks().filter(code=_plain(code)).first()
    if task is None:
        return Status(404, {"detail": _("No task %(code)s.") % {"code": code}})
    orgs = {
        org.code: org
        for org in Organization.objects.filter(code__in=payload.lead + payload.cooperating)
    }
    unknown = [c for c in payload.lead + payload.cooperating if c not in orgs]
    if unknown:
        raise ValidationError(
            {"lead": _("Unknown organization(s): %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    services.set_division(
        actor=request.user,
        task=task,
        lead=[orgs[c] for c in payload.lead],
        cooperating=[orgs[c] for c in payload.cooperating],
        period=payload.period,
    )
    return Status(200, selectors.tasks().get(pk=task.pk))


@router.get("/progress", response=list[ProgressOut], summary="Progress reports visible to you")
@paginate
def list_progress(request: HttpRequest, filters: Query[ProgressFilter]) -> Any:
    reports = selectors.visible_reports(request.user)
    if filters.year is not None:
        reports = reports.filter(year=filters.year)
    if filters.task:
        reports = reports.filter(task__code=filters.task)
    if filters.department:
        reports = reports.filter(department__code=filters.department)
    if filters.state:
        reports = reports.filter(state=filters.state)
    if filters.measure is not None:
        reports = reports.filter(task__measure__number=filters.measure)
    return reports


@router.post(
    "/progress",
    response={201: ProgressDetail},
    summary="Create (or change the draft of) your department's report on a task for a year",
)
def create_progress(request: HttpRequest, payload: ProgressIn) -> Status:
    task = Task.objects.filter(code=payload.task).first()
    if task is None:
        raise ValidationError({"task": _("No task %(code)s.") % {"code": payload.task}})
    department = None
    if payload.department:
        department = Organization.objects.filter(code=payload.department).first()
        if department is None:
            raise ValidationError({"department": _("Unknown department.")})
    report = services.save_report(
        actor=request.user,
        task=task,
        year=payload.year,
        department=department,
        status=payload.status,
        percent=payload.percent,
        narrative=payload.narrative,
        key_figures=dict(payload.key_figures),
        next_steps=payload.next_steps,
    )
    return Status(201, report)


@router.get("/progress/{report_id}", response={200: ProgressDetail, 404: Message})
def get_progress(request: HttpRequest, report_id: int) -> Status:
    report = selectors.visible_report(request.user, report_id)
    return Status(200, report) if report else _missing_report(report_id)


@router.patch(
    "/progress/{report_id}",
    response={200: ProgressDetail, 404: Message},
    summary="Change a draft or returned report",
)
def update_progress(request: HttpRequest, report_id: int, payload: ProgressPatch) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    changes = payload.dict(exclude_unset=True)
    values = {
        "status": report.status,
        "percent": report.percent,
        "narrative": report.narrative,
        "key_figures": report.key_figures,
        "next_steps": report.next_steps,
    }
    values.update({k: v for k, v in changes.items() if v is not None})
    report = services.save_report(
        actor=request.user,
        task=report.task,
        year=report.year,
        department=report.department,
        **values,
    )
    return Status(200, report)


@router.post("/progress/{report_id}/submit", response={200: ProgressDetail, 404: Message})
def submit_progress(request: HttpRequest, report_id: int) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    return Status(200, services.submit_report(actor=request.user, report=report))


@router.post("/progress/{report_id}/return", response={200: ProgressDetail, 404: Message})
def return_progress(request: HttpRequest, report_id: int, payload: CommentIn) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    return Status(
        200, services.return_report(actor=request.user, report=report, comment=payload.comment)
    )


@router.post("/progress/{report_id}/accept", response={200: ProgressDetail, 404: Message})
def accept_progress(request: HttpRequest, report_id: int, payload: CommentIn) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    return Status(
        200, services.accept_report(actor=request.user, report=report, comment=payload.comment)
    )


@router.get(
    "/progress/{report_id}/compare",
    response={200: list[ComparisonOut], 404: Message},
    summary="What changed between two revisions of a report",
)
def compare_progress(
    request: HttpRequest,
    report_id: int,
    a: int = Query(..., ge=1, le=100000),  # type: ignore[type-arg]
    b: int = Query(..., ge=1, le=100000),  # type: ignore[type-arg]
) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    versions = {rev.number: rev.data for rev in report.revisions.filter(number__in=(a, b))}
    if a not in versions or b not in versions:
        return Status(404, {"detail": _("No such revision.")})
    return Status(
        200,
        [{"field": f, "before": x, "after": y} for f, x, y in compare(versions[a], versions[b])],
    )


@router.post(
    "/progress/{report_id}/contributions",
    response={201: ContributionOut, 404: Message},
    summary="A cooperating department's contribution",
)
def contribute(request: HttpRequest, report_id: int, payload: ContributionIn) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    return Status(
        201, services.add_contribution(actor=request.user, report=report, text=payload.text)
    )


@router.post(
    "/progress/{report_id}/attachments",
    response={201: AttachmentOut, 404: Message},
    summary="Attach evidence (PDF, PNG, JPEG, xlsx; at most 10 MB; type read from content)",
)
def attach(request: HttpRequest, report_id: int, file: File[UploadedFile]) -> Status:
    report = selectors.visible_report(request.user, report_id)
    if report is None:
        return _missing_report(report_id)
    if file.size and file.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    data = file.read(MAX_BYTES + 1)
    attachment = services.add_attachment(
        actor=request.user, report=report, name=_plain(file.name or "") or "evidence", data=data
    )
    return Status(201, attachment)
