"""/api/monitoring: monitored enterprises, readings (hourly or daily), alerts.

Everything answers only what the caller may see (see selectors). Readings and alerts of
simulated enterprises carry ``demonstration: true``.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from greenloop.enterprise import selectors, services
from greenloop.enterprise.models import Alert, AlertKind, AlertStatus, DailyValue, HourlyValue
from greenloop.orgs.models import Organization

router = Router(tags=["enterprise monitoring"])


class EnterpriseOut(Schema):
    code: str
    name: str
    region: str
    region_name: str
    industry_code: str
    designation: str | None
    pollution_category: str | None
    energy_supervisor: str | None
    pollution_supervisor: str | None
    demonstration: bool

    @staticmethod
    def resolve_region(obj: Organization) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Organization) -> str:
        return obj.region.name

    @staticmethod
    def _unit(obj: Organization) -> Any:
        return getattr(obj, "key_energy_unit", None)

    @staticmethod
    def resolve_designation(obj: Organization) -> str | None:
        unit = getattr(obj, "key_energy_unit", None)
        return unit.designation if unit else None

    @staticmethod
    def resolve_pollution_category(obj: Organization) -> str | None:
        source = getattr(obj, "pollution_source", None)
        return source.category if source else None

    @staticmethod
    def resolve_energy_supervisor(obj: Organization) -> str | None:
        unit = getattr(obj, "key_energy_unit", None)
        return unit.supervisor.code if unit else None

    @staticmethod
    def resolve_pollution_supervisor(obj: Organization) -> str | None:
        source = getattr(obj, "pollution_source", None)
        return source.supervisor.code if source else None

    @staticmethod
    def resolve_demonstration(obj: Organization) -> bool:
        unit = getattr(obj, "key_energy_unit", None)
        source = getattr(obj, "pollution_source", None)
        return bool((unit and unit.demonstration) or (source and source.demonstration))


class ReadingOut(Schema):
    device: str
    param: str
    time: str
    value: float | None
    valid: bool
    valid_count: int
    emission_kg: float | None
    demonstration: bool

    @staticmethod
    def resolve_device(obj: Any) -> str:
        return str(obj.device.mn)

    @staticmethod
    def resolve_time(obj: Any) -> str:
        return obj.day.isoformat() if isinstance(obj, DailyValue) else obj.hour.isoformat()

    @staticmethod
    def resolve_valid_count(obj: Any) -> int:
        return int(obj.valid_hours if isinstance(obj, DailyValue) else obj.valid_minutes)

    @staticmethod
    def resolve_demonstration(obj: HourlyValue | DailyValue) -> bool:
        return bool(obj.device.demonstration)


class ReadingFilter(Schema):
    device: str = Field(..., pattern=r"^[0-9A-Za-z_-]{1,24}$", description="device MN")
    start: dt.datetime | None = Field(None, alias="from", description="from this time")
    end: dt.datetime | None = Field(None, alias="to", description="up to this time")
    interval: str = Field("hour", pattern="^(hour|day)$", description="hour or day")


class EventOut(Schema):
    action: str
    comment: str
    actor: str
    at: dt.datetime

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        return obj.actor.username if obj.actor else "system"


class AlertOut(Schema):
    id: int
    kind: str
    kind_label: str
    enterprise: str
    enterprise_name: str
    region: str
    supervisor: str
    device: str | None
    param: str
    at: dt.datetime
    value: float | None
    limit: float | None
    message: str
    status: str
    demonstration: bool
    events: list[EventOut]

    @staticmethod
    def resolve_kind_label(obj: Alert) -> str:
        return str(AlertKind(obj.kind).label) if obj.kind in AlertKind.values else obj.kind

    @staticmethod
    def resolve_enterprise(obj: Alert) -> str:
        return obj.organization.code

    @staticmethod
    def resolve_enterprise_name(obj: Alert) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_region(obj: Alert) -> str:
        return obj.organization.region.code

    @staticmethod
    def resolve_supervisor(obj: Alert) -> str:
        return obj.supervisor.code

    @staticmethod
    def resolve_device(obj: Alert) -> str | None:
        return obj.device.mn if obj.device else None

    @staticmethod
    def resolve_events(obj: Alert) -> list[Any]:
        return list(obj.events.select_related("actor"))


class AlertFilter(Schema):
    status: str | None = Field(
        None, pattern="^(open|acknowledged|closed)$", description="open, acknowledged or closed"
    )
    kind: str | None = Field(
        None, pattern="^[a-z_]{1,16}$", description="exceedance, missing, flatline, …"
    )
    enterprise: str | None = Field(
        None, pattern="^[-A-Za-z0-9_]{1,64}$", description="enterprise organization code"
    )
    region: str | None = Field(None, pattern="^[0-9]{1,12}$", description="region code")


class CommentIn(Schema):
    comment: str = ""


class Message(Schema):
    detail: str


class UploadOut(Schema):
    stored: int


@router.get("/enterprises", response=list[EnterpriseOut], summary="Monitored enterprises")
@paginate
def list_enterprises(request: HttpRequest) -> Any:
    return selectors.visible_enterprises(request.user).select_related(
        "key_energy_unit__supervisor", "pollution_source__supervisor"
    )


class QuantityOut(Schema):
    energy: str
    physical_unit: str
    quantity: float


class EmissionsOut(Schema):
    enterprise: str
    year: int
    scope1_t: float
    scope2_t: float
    total_t: float
    electricity_t: float
    heat_t: float
    by_fuel: dict[str, float]
    quantities: list[QuantityOut]
    skipped: list[str] = Field(description="Metered kinds with no emission (water…)")
    unmapped: list[str] = Field(description="Metered kinds with no guideline fuel: not counted")
    problems: list[str]
    grid_factor: float | None
    grid_factor_code: str
    grid_factor_source: str
    method: str
    demonstration: bool


class EmissionsFilter(Schema):
    year: int | None = Field(None, ge=1990, le=2100)


@router.get(
    "/enterprises/{code}/emissions",
    response={200: EmissionsOut, 404: Message},
    summary="Scope 1 and 2 CO2 of an enterprise from its metered energy",
)
def enterprise_emissions(
    request: HttpRequest, code: str, filters: Query[EmissionsFilter]
) -> Status:
    org = selectors.visible_enterprise(request.user, code)
    unit = getattr(org, "key_energy_unit", None) if org is not None else None
    if unit is None:
        return Status(404, {"detail": _("No such key energy-consuming unit.")})
    years = selectors.emission_years(unit)
    year = filters.year or (years[-1] if years else dt.date.today().year)
    result = selectors.enterprise_emissions(unit, year)
    body = {
        **{
            name: getattr(result, name)
            for name in EmissionsOut.model_fields
            if hasattr(result, name)
        },
        "enterprise": org.code,  # type: ignore[union-attr]
        "total_t": result.total_t,
        "method": _(
            "NDRC enterprise GHG accounting guidelines: fuels × NCV × carbon content × "
            "oxidation × 44/12; electricity × grid factor; heat × 0.11 t CO2/GJ"
        ),
    }
    return Status(200, body)


@router.get("/readings", response=list[ReadingOut], summary="Hourly or daily values of a device")
@paginate
def list_readings(request: HttpRequest, filters: Query[ReadingFilter]) -> Any:
    return selectors.readings(
        request.user,
        filters.device,
        start=filters.start,
        end=filters.end,
        interval=filters.interval,
    ).select_related("device")


@router.post("/readings/upload", response={201: UploadOut}, summary="Bulk upload (Parquet/CSV)")
def upload_readings(request: HttpRequest, file: File[UploadedFile]) -> Status:
    stored = services.ingest_upload(
        actor=request.user, name=file.name or "", content=file.read(50_000_001)[:50_000_000]
    )
    return Status(201, {"stored": stored})


@router.get("/alerts", response=list[AlertOut], summary="Alerts visible to the caller")
@paginate
def list_alerts(request: HttpRequest, filters: Query[AlertFilter]) -> Any:
    alerts = selectors.visible_alerts(request.user)
    if filters.status:
        alerts = alerts.filter(status=filters.status)
    if filters.kind:
        alerts = alerts.filter(kind=filters.kind)
    if filters.enterprise:
        alerts = alerts.filter(organization__code=filters.enterprise)
    if filters.region:
        alerts = alerts.filter(organization__region__code=filters.region)
    return alerts


def _alert(request: HttpRequest, alert_id: int) -> Alert | None:
    return selectors.visible_alerts(request.user).filter(pk=alert_id).first()


def _missing() -> Status:
    return Status(404, {"detail": _("No such alert.")})


@router.get("/alerts/{alert_id}", response={200: AlertOut, 404: Message}, summary="One alert")
def get_alert(request: HttpRequest, alert_id: int) -> Status:
    alert = _alert(request, alert_id)
    return Status(200, alert) if alert else _missing()


@router.post(
    "/alerts/{alert_id}/{action}",
    response={200: AlertOut, 404: Message},
    summary="Acknowledge, comment or close an alert (action: acknowledge, comment, close)",
)
def act_on_alert(request: HttpRequest, alert_id: int, action: str, payload: CommentIn) -> Status:
    alert = _alert(request, alert_id)
    if alert is None or action not in ("acknowledge", "comment", "close"):
        return _missing()
    handler = {
        "acknowledge": services.acknowledge_alert,
        "comment": services.comment_alert,
        "close": services.close_alert,
    }[action]
    return Status(200, handler(actor=request.user, alert=alert, comment=payload.comment))


__all__ = ["AlertStatus", "router"]
