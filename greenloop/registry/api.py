"""The registry's JSON API: /api/registry/... and the public /api/trace/{batch_code}.

Reads of schemes, listings, counts, the park evaluation and traces are public (auth=None);
writes go through the services under the foundation's permissions.
"""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import AfterValidator

from greenloop.orgs.models import Organization
from greenloop.registry import selectors, services
from greenloop.registry.models import (
    Application,
    Batch,
    FarmCertificate,
    LabelCheck,
    Listing,
    Scheme,
    SpotCheckPlan,
)

router = Router(tags=["registry"])


def _strip_nul(value: str) -> str:
    return value.replace("\x00", "")


Text = Annotated[str, AfterValidator(_strip_nul)]
PK = Annotated[int, Path(ge=1, le=2_147_483_647)]


class Message(Schema):
    detail: str


class SchemeOut(Schema):
    code: str
    version: str
    name_zh: str
    name_en: str
    listing_kind: str
    standard: str
    source: str
    department: str = Field(..., alias="department_code")
    validity_years: int | None


class SchemeDetailOut(SchemeOut):
    definition: dict[str, Any]


class ListingOut(Schema):
    certificate_no: str
    scheme: str
    scheme_name: str
    name_zh: str
    region: str
    region_name: str
    prefecture: str
    industry_code: str
    level: str
    batch: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    status: str
    validity: str
    score: float | None
    source: str
    is_demonstration: bool

    @staticmethod
    def resolve_scheme(obj: Listing) -> str:
        return obj.scheme.code

    @staticmethod
    def resolve_scheme_name(obj: Listing) -> str:
        return obj.scheme.name

    @staticmethod
    def resolve_region(obj: Listing) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Listing) -> str:
        return obj.region.name

    @staticmethod
    def resolve_prefecture(obj: Listing) -> str:
        return selectors.prefecture_of(obj.region).code

    @staticmethod
    def resolve_validity(obj: Listing) -> str:
        return selectors.listing_validity(obj)


class IndicatorLinkOut(Schema):
    indicator: str
    name: str
    monitoring_code: str


class ListingEventOut(Schema):
    kind: str
    date: dt.date
    passed: bool | None
    reason: str


class ListingDetailOut(ListingOut):
    organization: str | None
    revoked_reason: str
    monitoring_links: list[IndicatorLinkOut]
    events: list[ListingEventOut]

    @staticmethod
    def resolve_organization(obj: Listing) -> str | None:
        return obj.organization.code if obj.organization else None

    @staticmethod
    def resolve_monitoring_links(obj: Listing) -> list[dict[str, str]]:
        return selectors.monitoring_links(obj.scheme)

    @staticmethod
    def resolve_events(obj: Listing) -> list[Any]:
        return list(obj.events.all())


class ListingFilter(Schema):
    scheme: Text | None = Field(None, description="scheme code, e.g. green-factory")
    kind: Text | None = Field(None, description="listing kind, e.g. green_factory, green_park")
    region: Text | None = Field(None, description="region code; regions below it included")
    industry: Text | None = Field(None, description="GB/T 4754 code prefix")
    q: Text | None = Field(None, description="search in names and certificate numbers")
    include_revoked: bool = False


class CountOut(Schema):
    region: str
    name: str
    green_factory: int
    green_park: int


class ParkRankOut(Schema):
    park: str
    name: str
    rank: int
    score: float
    contributions: dict[str, float]
    values: dict[str, float | None]
    missing: list[str]


class ParkEvaluationOut(Schema):
    is_demonstration: bool
    source: str
    indicators: list[dict[str, Any]]
    ranking: list[ParkRankOut]


class TraceCertificateOut(Schema):
    certificate_no: str
    kind: str
    kind_label: str
    product: str
    holder: str
    region: str
    certifier: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    status: str
    status_label: str
    revoked_reason: str
    confirmed: bool
    is_demonstration: bool


class TraceEventOut(Schema):
    stage: str
    stage_label: str
    date: dt.date
    input_kind: str
    description: str
    amount: float | None
    unit: str
    result: str


class InputTotalOut(Schema):
    input_kind: str
    label: str
    unit: str
    amount: float


class TraceOut(Schema):
    code: str
    product: str
    producer: str
    region: str
    region_code: str
    quantity: str
    is_demonstration: bool
    as_of: dt.date
    all_valid: bool
    certificates: list[TraceCertificateOut]
    input_totals: list[InputTotalOut]
    events: list[TraceEventOut]


class ApplicationOut(Schema):
    id: int
    scheme: str
    scheme_version: str
    applicant: str
    status: str
    answers: dict[str, Any]
    self_score: dict[str, Any] | None
    assessment: dict[str, Any] | None
    assessor_name: str
    return_reasons: str
    times_returned: int
    evidence: list[dict[str, Any]]
    certificate_no: str | None

    @staticmethod
    def resolve_scheme(obj: Application) -> str:
        return obj.scheme.code

    @staticmethod
    def resolve_applicant(obj: Application) -> str:
        return obj.applicant.code

    @staticmethod
    def resolve_evidence(obj: Application) -> list[dict[str, Any]]:
        return [
            {
                "code": item.code,
                "name": item.original_name,
                "type": item.content_type,
                "size": item.size,
            }
            for item in obj.evidence.all()
        ]

    @staticmethod
    def resolve_certificate_no(obj: Application) -> str | None:
        listing = Listing.objects.filter(application=obj).first()
        return listing.certificate_no if listing else None


class ApplicationIn(Schema):
    scheme: Text
    applicant: Text = Field(..., description="organization code")
    answers: dict[str, Any] = Field(default_factory=dict)


class AnswersIn(Schema):
    answers: dict[str, Any]


class AssessIn(Schema):
    answers: dict[str, Any]
    assessor_name: Text = ""


class ReasonIn(Schema):
    reason: Text = ""


class PublishIn(Schema):
    certificate_no: Text = ""
    valid_from: dt.date | None = None


class SpotCheckIn(Schema):
    passed: bool
    reason: Text = ""
    date: dt.date | None = None


class PlanIn(Schema):
    scheme: Text
    size: int = Field(..., ge=1, le=1000)
    year: int = Field(..., ge=2000, le=2100)
    seed: int | None = Field(None, ge=0, le=2**62)


class PlanOut(Schema):
    id: int
    scheme: str | None
    year: int
    seed: int
    size: int
    drawn: list[str]

    @staticmethod
    def resolve_scheme(obj: SpotCheckPlan) -> str | None:
        return obj.scheme.code if obj.scheme else None


class FarmCertificateIn(Schema):
    kind: Text
    certificate_no: Text
    product_zh: Text
    holder: Text | None = Field(None, description="organization code of the holder")
    holder_name: Text = ""
    region: Text
    coverage: Text = ""
    certifier: Text = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class FarmCertificateFilter(Schema):
    kind: Text | None = Field(None, description="green_food, organic or gi")
    region: Text | None = Field(None, description="region code; regions below it included")
    q: Text | None = Field(None, description="search in product, number and holder")


class FarmCertificateOut(Schema):
    certificate_no: str
    kind: str
    product_zh: str
    holder_name: str
    region: str
    coverage: str
    certifier: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    revoked: bool
    revoked_reason: str
    validity: str
    confirmed: bool
    gi_kind: str
    source: str
    is_demonstration: bool

    @staticmethod
    def resolve_region(obj: FarmCertificate) -> str:
        return obj.region.code

    @staticmethod
    def resolve_validity(obj: FarmCertificate) -> str:
        return selectors.certificate_validity(obj)


class BatchIn(Schema):
    producer: Text = Field(..., description="organization code")
    product_zh: Text
    code: Text = ""
    quantity: Text = ""
    certificates: list[Text] = Field(default_factory=list)


class BatchOut(Schema):
    code: str
    product_zh: str
    producer: str
    certificates: list[str]
    trace_url: str

    @staticmethod
    def resolve_producer(obj: Batch) -> str:
        return obj.producer.code

    @staticmethod
    def resolve_certificates(obj: Batch) -> list[str]:
        return [item.certificate_no for item in obj.certificates.all()]

    @staticmethod
    def resolve_trace_url(obj: Batch) -> str:
        from django.urls import reverse

        return reverse("registry:trace", args=[obj.code])


class TraceEventIn(Schema):
    stage: Text
    date: dt.date
    description: Text
    input_kind: Text = ""
    amount: float | None = Field(None, ge=0, le=1e12)
    unit: Text = ""
    result: Text = ""
    internal_note: Text = ""


class LabelCheckIn(Schema):
    place: Text
    product_zh: Text
    claimed_kind: Text
    claimed_number: Text
    batch_code: Text = ""
    date: dt.date | None = None


class LabelCheckOut(Schema):
    id: int
    matches: bool
    findings: list[str]
    case_id: int | None

    @staticmethod
    def resolve_case_id(obj: LabelCheck) -> int | None:
        case = getattr(obj, "case", None)
        return case.pk if case else None


def _not_found(what: str) -> Status:
    return Status(404, {"detail": _("Not found: %(what)s") % {"what": what}})


# --- public reads ---------------------------------------------------------------------------


@router.get("/registry/schemes", auth=None, response=list[SchemeOut], summary="Schemes")
def list_schemes(request: HttpRequest) -> Any:
    return list(selectors.schemes())


@router.get(
    "/registry/schemes/{code}",
    auth=None,
    response={200: SchemeDetailOut, 404: Message},
    summary="One scheme with its definition",
)
def get_scheme(request: HttpRequest, code: str) -> Status:
    scheme = Scheme.objects.filter(code=_strip_nul(code)).first()
    return Status(200, scheme) if scheme else _not_found(code)


@router.get("/registry/listings", auth=None, response=list[ListingOut], summary="Published lists")
@paginate
def list_listings(request: HttpRequest, filters: Query[ListingFilter]) -> Any:
    return selectors.public_listings(**filters.dict())


@router.get(
    "/registry/listings/{number}",
    auth=None,
    response={200: ListingDetailOut, 404: Message},
    summary="One listing with its history and monitoring-indicator links",
)
def get_listing(request: HttpRequest, number: str) -> Status:
    listing = _listing(number)
    return Status(200, listing) if listing else _not_found(number[:64])


@router.get("/registry/counts", auth=None, response=list[CountOut], summary="Listed per prefecture")
def counts(request: HttpRequest) -> Any:
    return selectors.counts_per_prefecture()


@router.get(
    "/registry/parks/evaluation",
    auth=None,
    response=ParkEvaluationOut,
    summary="Circular-transformation ranking of parks",
)
def park_evaluation(request: HttpRequest) -> Any:
    return selectors.park_evaluation()


@router.get(
    "/trace/{batch_code}",
    auth=None,
    response={200: TraceOut, 404: Message},
    summary="Public trace of a batch",
)
def trace(request: HttpRequest, batch_code: str) -> Status:
    view = selectors.trace(_strip_nul(batch_code)[:40])
    if view is None:
        return Status(
            404, {"detail": _("No batch has the code “%(code)s”.") % {"code": batch_code[:40]}}
        )
    return Status(200, view)


# --- applications ---------------------------------------------------------------------------


def _app(request: HttpRequest, pk: int) -> Application | None:
    return selectors.visible_application(request.user, pk)


@router.get("/registry/applications", response=list[ApplicationOut], summary="Applications")
@paginate
def list_applications(request: HttpRequest) -> Any:
    return selectors.visible_applications(request.user).prefetch_related("evidence")


@router.post("/registry/applications", response={201: ApplicationOut, 404: Message})
def create_application(request: HttpRequest, payload: ApplicationIn) -> Status:
    scheme = Scheme.objects.filter(code=payload.scheme).first()
    applicant = Organization.objects.filter(code=payload.applicant).first()
    if scheme is None or applicant is None:
        return _not_found(payload.scheme if scheme is None else payload.applicant)
    app = services.create_application(
        actor=request.user, scheme=scheme, applicant=applicant, answers=payload.answers
    )
    return Status(201, app)


@router.get("/registry/applications/{pk}", response={200: ApplicationOut, 404: Message})
def get_application(request: HttpRequest, pk: PK) -> Status:
    app = _app(request, pk)
    return Status(200, app) if app else _not_found(str(pk))


@router.put("/registry/applications/{pk}/answers", response={200: ApplicationOut, 404: Message})
def put_answers(request: HttpRequest, pk: PK, payload: AnswersIn) -> Status:
    app = _app(request, pk)
    if app is None:
        return _not_found(str(pk))
    return Status(
        200, services.update_answers(actor=request.user, app=app, answers=payload.answers)
    )


@router.post("/registry/applications/{pk}/evidence", response={201: ApplicationOut, 404: Message})
def post_evidence(
    request: HttpRequest, pk: PK, code: Form[Text], file: File[UploadedFile]
) -> Status:
    app = _app(request, pk)
    if app is None:
        return _not_found(str(pk))
    content = file.read(services.MAX_EVIDENCE_BYTES + 1)
    services.add_evidence(
        actor=request.user, app=app, code=code, name=file.name or "", content=content
    )
    return Status(201, app)


@router.post("/registry/applications/{pk}/submit", response={200: ApplicationOut, 404: Message})
def submit(request: HttpRequest, pk: PK) -> Status:
    app = _app(request, pk)
    return Status(200, services.submit(actor=request.user, app=app)) if app else _not_found(str(pk))


@router.post("/registry/applications/{pk}/assess", response={200: ApplicationOut, 404: Message})
def assess(request: HttpRequest, pk: PK, payload: AssessIn) -> Status:
    app = _app(request, pk)
    if app is None:
        return _not_found(str(pk))
    result = services.assess(
        actor=request.user, app=app, answers=payload.answers, assessor_name=payload.assessor_name
    )
    return Status(200, result)


@router.post("/registry/applications/{pk}/return", response={200: ApplicationOut, 404: Message})
def return_application(request: HttpRequest, pk: PK, payload: ReasonIn) -> Status:
    app = _app(request, pk)
    if app is None:
        return _not_found(str(pk))
    return Status(
        200, services.return_application(actor=request.user, app=app, reasons=payload.reason)
    )


@router.post("/registry/applications/{pk}/approve", response={200: ApplicationOut, 404: Message})
def approve(request: HttpRequest, pk: PK) -> Status:
    app = _app(request, pk)
    return (
        Status(200, services.approve(actor=request.user, app=app)) if app else _not_found(str(pk))
    )


@router.post("/registry/applications/{pk}/publish", response={201: ListingOut, 404: Message})
def publish(request: HttpRequest, pk: PK, payload: PublishIn) -> Status:
    app = _app(request, pk)
    if app is None:
        return _not_found(str(pk))
    listing = services.publish(
        actor=request.user,
        app=app,
        certificate_no=payload.certificate_no,
        valid_from=payload.valid_from,
    )
    return Status(201, listing)


# --- managing listings ----------------------------------------------------------------------


def _listing(number: str) -> Listing | None:
    return (
        Listing.objects.select_related("scheme", "region")
        .filter(certificate_no=_strip_nul(number))
        .first()
    )


@router.post("/registry/listings/{number}/revoke", response={200: ListingOut, 404: Message})
def revoke(request: HttpRequest, number: str, payload: ReasonIn) -> Status:
    listing = _listing(number)
    if listing is None:
        return _not_found(number[:64])
    return Status(200, services.revoke(actor=request.user, listing=listing, reason=payload.reason))


@router.post("/registry/listings/{number}/renew", response={200: ListingOut, 404: Message})
def renew(request: HttpRequest, number: str, payload: ReasonIn) -> Status:
    listing = _listing(number)
    if listing is None:
        return _not_found(number[:64])
    return Status(200, services.renew(actor=request.user, listing=listing, reason=payload.reason))


@router.post("/registry/listings/{number}/spot-checks", response={201: Message, 404: Message})
def spot_check(request: HttpRequest, number: str, payload: SpotCheckIn) -> Status:
    listing = _listing(number)
    if listing is None:
        return _not_found(number[:64])
    services.record_spot_check(
        actor=request.user,
        listing=listing,
        passed=payload.passed,
        reason=payload.reason,
        date=payload.date,
    )
    return Status(201, {"detail": _("Spot check recorded.")})


@router.post("/registry/spot-check-plans", response={201: PlanOut, 404: Message})
def draw_plan(request: HttpRequest, payload: PlanIn) -> Status:
    scheme = Scheme.objects.filter(code=payload.scheme).first()
    if scheme is None:
        return _not_found(payload.scheme)
    plan = services.draw_spot_check_plan(
        actor=request.user, scheme=scheme, size=payload.size, year=payload.year, seed=payload.seed
    )
    return Status(201, plan)


# --- farm products --------------------------------------------------------------------------


@router.get(
    "/registry/farm-certificates",
    auth=None,
    response=list[FarmCertificateOut],
    summary="Green-food, organic and geographical-indication certificates",
)
@paginate
def list_farm_certificates(request: HttpRequest, filters: Query[FarmCertificateFilter]) -> Any:
    return selectors.public_certificates(**filters.dict())


@router.post("/registry/farm-certificates", response={201: FarmCertificateOut, 404: Message})
def create_farm_certificate(request: HttpRequest, payload: FarmCertificateIn) -> Status:
    from greenloop.geo.models import Region

    data = payload.dict()
    region = Region.objects.filter(code=data.pop("region")).first()
    if region is None:
        return _not_found(payload.region)
    holder_code = data.pop("holder")
    holder = Organization.objects.filter(code=holder_code).first() if holder_code else None
    if holder_code and holder is None:
        return _not_found(holder_code)
    if holder is not None and not data["holder_name"]:
        data["holder_name"] = holder.name_zh
    certificate = services.create_farm_certificate(
        actor=request.user, region=region, holder=holder, **data
    )
    return Status(201, certificate)


@router.post(
    "/registry/farm-certificates/{number}/revoke",
    response={200: FarmCertificateOut, 404: Message},
)
def revoke_farm_certificate(request: HttpRequest, number: str, payload: ReasonIn) -> Status:
    certificate = FarmCertificate.objects.filter(certificate_no=_strip_nul(number)).first()
    if certificate is None:
        return _not_found(number[:64])
    return Status(
        200,
        services.revoke_farm_certificate(
            actor=request.user, certificate=certificate, reason=payload.reason
        ),
    )


@router.post("/registry/batches", response={201: BatchOut, 404: Message})
def create_batch(request: HttpRequest, payload: BatchIn) -> Status:
    producer = Organization.objects.filter(code=payload.producer).first()
    if producer is None:
        return _not_found(payload.producer)
    certificates = list(FarmCertificate.objects.filter(certificate_no__in=payload.certificates))
    if len(certificates) != len(set(payload.certificates)):
        return _not_found(", ".join(payload.certificates)[:100])
    batch = services.create_batch(
        actor=request.user,
        producer=producer,
        product_zh=payload.product_zh,
        certificates=certificates,
        quantity=payload.quantity,
        code=payload.code,
    )
    return Status(201, batch)


@router.post("/registry/batches/{code}/events", response={201: Message, 404: Message})
def add_event(request: HttpRequest, code: str, payload: TraceEventIn) -> Status:
    batch = (
        Batch.objects.select_related("producer").filter(code=_strip_nul(code)[:40].upper()).first()
    )
    if batch is None:
        return _not_found(code[:40])
    services.add_trace_event(actor=request.user, batch=batch, **payload.dict())
    return Status(201, {"detail": _("Recorded.")})


@router.post("/registry/label-checks", response={201: LabelCheckOut})
def label_check(request: HttpRequest, payload: LabelCheckIn) -> Status:
    check = services.record_label_check(actor=request.user, **payload.dict())
    return Status(201, check)
