"""The monitoring API: /api/indicators, /api/observations, /api/uploads, /api/targets,
/api/evaluation, /api/index/green-development (mounted in greenloop/api.py)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from greenloop.monitoring import labels, selectors, services
from greenloop.monitoring.models import Indicator, Observation, Target, Upload
from greenloop.monitoring.validation import Location, Problem, RawRow

router = Router(tags=["monitoring"])

DEMO_NOTE = "demonstration value: not from a published source"


class ProblemOut(Schema):
    loc: list[str | int]
    msg: str
    sheet: str = ""
    row: int | None = None
    column: str = ""


class InvalidOut(Schema):
    detail: list[ProblemOut]


class MessageOut(Schema):
    detail: str


class IndicatorOut(Schema):
    code: str
    catalogue: str
    name_zh: str
    name_en: str
    category: str
    unit: str
    direction: str
    definition: str
    formula: str
    frequency: str
    levels: list[str]
    department: str | None
    categorical: bool
    weight: float | None
    category_weight: float | None
    marker: str
    source: str

    @staticmethod
    def resolve_levels(obj: Indicator) -> list[str]:
        return obj.level_list

    @staticmethod
    def resolve_department(obj: Indicator) -> str | None:
        return obj.department.code if obj.department else None


class IndicatorFilter(Schema):
    catalogue: str | None = Field(None, description="qinghai or gdi2016")
    department: str | None = Field(None, description="organization code, e.g. qh-energy")
    category: str | None = None


class ObservationOut(Schema):
    id: int
    indicator: str
    region: str | None
    period: str
    value: float | None
    value_text: str
    unit: str
    status: str
    source: str
    quote: str
    note: str
    demonstration: bool
    demonstration_note: str
    submitted_by: str | None
    published_at: dt.datetime | None
    recorded_at: dt.datetime

    @staticmethod
    def resolve_indicator(obj: Observation) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_region(obj: Observation) -> str | None:
        return obj.region.code if obj.region else None

    @staticmethod
    def resolve_unit(obj: Observation) -> str:
        return obj.indicator.unit

    @staticmethod
    def resolve_submitted_by(obj: Observation) -> str | None:
        return obj.submitted_by.username if obj.submitted_by else None

    @staticmethod
    def resolve_demonstration_note(obj: Observation) -> str:
        return DEMO_NOTE if obj.demonstration else ""


class ObservationFilter(Schema):
    indicator: str | None = None
    region: str | None = None
    period: str | None = None
    as_of: str | None = Field(None, description="ISO date or date-time: the values known then")
    history: bool = Field(False, description="every published version, not only the current")


class RowIn(Schema):
    region: str = Field(..., max_length=6)
    indicator: str = Field(..., max_length=64)
    unit: str = Field("", max_length=64)
    period: str = Field(..., max_length=10)
    value: float | str
    comment: str = Field("", max_length=1000)
    status: str = Field("preliminary", max_length=12)
    source: str = Field("", max_length=1000)


class ObservationsIn(Schema):
    rows: list[RowIn] = Field(..., max_length=5000)


class UploadOut(Schema):
    id: int
    organization: str | None
    channel: str
    file_name: str
    state: str
    row_count: int
    warnings: list[dict[str, Any]]
    submitted_by: str | None
    submitted_at: dt.datetime
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    review_note: str

    @staticmethod
    def resolve_organization(obj: Upload) -> str | None:
        return obj.organization.code if obj.organization else None

    @staticmethod
    def resolve_submitted_by(obj: Upload) -> str | None:
        return obj.submitted_by.username if obj.submitted_by else None

    @staticmethod
    def resolve_reviewed_by(obj: Upload) -> str | None:
        return obj.reviewed_by.username if obj.reviewed_by else None


class ReviewIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)


def _refused(problems: list[Problem], prefix: list[str | int]) -> Status:
    detail = []
    for problem in problems:
        where = problem.location
        loc: list[str | int] = list(prefix)
        if where.sheet:
            loc.append(where.sheet)
        if where.row is not None:
            loc.append(where.row)
        if where.column:
            loc.append(where.column)
        detail.append(
            {
                "loc": loc,
                "msg": problem.message,
                "sheet": where.sheet,
                "row": where.row,
                "column": where.column,
            }
        )
    return Status(422, {"detail": detail})


def _moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                raise ValueError(text)
            moment = dt.datetime.combine(day, dt.time.max)
    except ValueError as error:
        raise _Bad("as_of", _("“%(value)s” is not a date") % {"value": text}) from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


class _Bad(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.body = {"detail": [{"loc": ["query", field], "msg": message}]}


@router.get("/indicators", auth=None, response=list[IndicatorOut], summary="Indicator catalogue")
@paginate
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilter]) -> Any:
    items = selectors.indicators(filters.catalogue)
    if filters.department:
        items = items.filter(department__code=filters.department)
    if filters.category:
        items = items.filter(category=filters.category)
    return items


@router.get(
    "/indicators/{code}",
    auth=None,
    response={200: IndicatorOut, 404: MessageOut},
    summary="One indicator",
)
def get_indicator(request: HttpRequest, code: str) -> Any:
    item = Indicator.objects.filter(code=code).select_related("department").first()
    if item is None:
        return Status(404, {"detail": _("No indicator has this code.")})
    return item


@router.get(
    "/observations",
    auth=None,
    response={200: list[ObservationOut], 422: InvalidOut},
    summary="Published values (current, or as known at as_of)",
)
def list_observations(
    request: HttpRequest, filters: Query[ObservationFilter], limit: int = 100, offset: int = 0
) -> Any:
    try:
        as_of = _moment(filters.as_of)
    except _Bad as bad:
        return Status(422, bad.body)
    limit = max(1, min(limit, 1000))
    offset = max(0, min(offset, 10_000_000))
    items = selectors.observations(
        indicator=filters.indicator,
        region=filters.region,
        period=filters.period,
        as_of=as_of,
        history=filters.history,
    )
    return Status(200, list(items[offset : offset + limit]))


def _api_rows(payload: ObservationsIn) -> list[RawRow]:
    return [
        RawRow(
            region=row.region,
            indicator=row.indicator,
            unit=row.unit,
            period=row.period,
            value=row.value,
            comment=row.comment,
            status=row.status,
            source=row.source,
            where={
                name: Location("rows", index, name)
                for name in ("region", "indicator", "unit", "period", "value", "comment")
            },
        )
        for index, row in enumerate(payload.rows)
    ]


@router.post(
    "/observations",
    response={201: UploadOut, 403: MessageOut, 422: InvalidOut},
    summary="Submit values in long format (awaiting review)",
)
def post_observations(request: HttpRequest, payload: ObservationsIn) -> Any:
    try:
        upload = services.submit(
            actor=request.user, rows=_api_rows(payload), channel="api", file_name="api"
        )
    except services.SubmissionRefused as refused:
        return _refused(refused.problems, ["body"])
    return Status(201, upload)


@router.get("/uploads/template", summary="The xlsx collection template of the caller")
def upload_template(request: HttpRequest) -> HttpResponse:
    from greenloop.monitoring import views

    return views.template_response(request)


@router.post(
    "/uploads",
    response={201: UploadOut, 403: MessageOut, 422: InvalidOut},
    summary="Upload a filled xlsx template or a long-format CSV (awaiting review)",
)
def post_upload(request: HttpRequest, file: File[UploadedFile]) -> Any:
    from greenloop.monitoring import views

    try:
        upload = views.accept_file(request.user, file.name or "upload", file.read())
    except services.SubmissionRefused as refused:
        return _refused(refused.problems, ["file"])
    return Status(201, upload)


@router.get("/uploads", response=list[UploadOut], summary="Uploads visible to the caller")
@paginate
def list_uploads(request: HttpRequest) -> Any:
    return selectors.visible_uploads(request.user)


@router.post(
    "/uploads/{upload_id}/review",
    response={200: UploadOut, 403: MessageOut, 404: MessageOut, 422: InvalidOut},
    summary="Approve (publish) or reject an upload",
)
def review_upload(request: HttpRequest, upload_id: int, payload: ReviewIn) -> Any:
    upload = selectors.visible_uploads(request.user).filter(pk=upload_id).first()
    if upload is None:
        return Status(404, {"detail": _("No such upload.")})
    return services.review(
        actor=request.user, upload=upload, approve=payload.approve, note=payload.note
    )


class TargetOut(Schema):
    code: str
    indicator: str
    region: str
    kind: str
    value: float
    unit: str
    base_year: int | None
    target_year: int
    binding: str
    plan: str
    document: str
    source: str
    quote: str
    demonstration: bool

    @staticmethod
    def resolve_indicator(obj: Target) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_region(obj: Target) -> str:
        return obj.region.code

    @staticmethod
    def resolve_unit(obj: Target) -> str:
        return "%" if obj.kind == "change" else obj.indicator.unit


class TargetFilter(Schema):
    indicator: str | None = None
    region: str | None = None
    target_year: int | None = Field(None, ge=1900, le=2100)


@router.get("/targets", auth=None, response=list[TargetOut], summary="Plan targets")
@paginate
def list_targets(request: HttpRequest, filters: Query[TargetFilter]) -> Any:
    items = Target.objects.select_related("indicator", "region")
    if filters.indicator:
        items = items.filter(indicator__code=filters.indicator)
    if filters.region:
        items = items.filter(region__code=filters.region)
    if filters.target_year:
        items = items.filter(target_year=filters.target_year)
    return items


class EvaluationOut(Schema):
    target: str
    indicator: str
    region: str
    target_year: int
    binding: str
    status: str
    status_label: str
    reason: str
    reason_text: str
    target_level: float | None
    sense: str
    actual: float | None
    actual_year: int | None
    gap: float | None
    gap_share: float | None
    required_rate: float | None
    actual_rate: float | None
    projected: float | None
    projected_low: float | None
    projected_high: float | None
    demonstration: bool


class EvaluationFilter(Schema):
    year: int | None = Field(None, ge=1990, le=2100)
    region: str | None = None


def evaluation_rows(year: int, region: str | None) -> list[dict[str, Any]]:
    rows = []
    for item in selectors.evaluations(year, region):
        target, result = item.target, item.evaluation
        rows.append(
            {
                "target": target.code,
                "indicator": target.indicator.code,
                "region": target.region.code,
                "target_year": target.target_year,
                "binding": target.binding,
                "status": result.status,
                "status_label": labels.status(result.status),
                "reason": result.reason,
                "reason_text": labels.reason(result.reason),
                "target_level": result.target_level,
                "sense": result.sense,
                "actual": result.actual,
                "actual_year": result.actual_year,
                "gap": result.gap,
                "gap_share": result.gap_share,
                "required_rate": result.required_rate,
                "actual_rate": result.actual_rate,
                "projected": result.projected,
                "projected_low": result.projected_low,
                "projected_high": result.projected_high,
                "demonstration": target.demonstration,
            }
        )
    return rows


@router.get(
    "/evaluation",
    auth=None,
    response=list[EvaluationOut],
    summary="Targets evaluated for a year, most off track first",
)
def evaluation(request: HttpRequest, filters: Query[EvaluationFilter]) -> Any:
    return evaluation_rows(filters.year or selectors.latest_year(), filters.region)


class RegionIndexOut(Schema):
    region: str
    name: str
    total: float
    rank: int
    sub_indices: dict[str, float]
    scores: dict[str, float]
    contributions: dict[str, float]
    dropped: list[str]
    indicators_with_data: int


class ReferenceOut(Schema):
    region: str
    name: str
    measure: str
    value: float | None
    rank: int | None
    source: str


class IndexOut(Schema):
    year: int | None
    level: str
    computed: list[RegionIndexOut]
    indicators_with_data: list[str]
    indicators_scored_minimum: list[str]
    category_weights: dict[str, float]
    reference: list[ReferenceOut]
    reference_note: str


class IndexFilter(Schema):
    year: int | None = Field(None, ge=1990, le=2100)
    level: str = Field("prefecture", pattern="^(prefecture|province)$")


def index_body(year: int | None, level: str) -> dict[str, Any]:
    year = year or selectors.gdi_latest_year(level)
    reference_note = _(
        "Published results (NBS et al., 2017-12-26): a reference series, not computed here."
    )
    if year is None:
        return {
            "year": None,
            "level": level,
            "computed": [],
            "indicators_with_data": [],
            "indicators_scored_minimum": [],
            "category_weights": {},
            "reference": [],
            "reference_note": reference_note,
        }
    view = selectors.green_development_index(year, level)
    computed = view.result.regions if view.covered else []
    return {
        "year": year,
        "level": level,
        "computed": [
            {
                "region": item.region,
                "name": view.regions[item.region].name,
                "total": item.total,
                "rank": item.rank,
                "sub_indices": item.sub_indices,
                "scores": item.scores,
                "contributions": item.contributions,
                "dropped": item.dropped,
                "indicators_with_data": len(set(item.scores) & set(view.covered)),
            }
            for item in computed
        ],
        "indicators_with_data": view.covered,
        "indicators_scored_minimum": view.result.no_data,
        "category_weights": view.category_weights,
        "reference": [
            {
                "region": ref.region_code,
                "name": ref.region_name,
                "measure": ref.measure,
                "value": ref.value,
                "rank": ref.rank,
                "source": ref.source,
            }
            for ref in view.reference
        ],
        "reference_note": reference_note,
    }


@router.get(
    "/index/green-development",
    auth=None,
    response=IndexOut,
    summary="Green development index (national 2016 method) and the published reference",
)
def green_development(request: HttpRequest, filters: Query[IndexFilter]) -> Any:
    return index_body(filters.year, filters.level)
