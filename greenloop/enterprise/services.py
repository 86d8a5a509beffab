"""Every write of the enterprise domain: validate, check permission, one transaction, audit.

Who may write:
- registries (energy units, points, targets, quotas, pollution sources, permits, outlets,
  limits, devices): administrators, and the users of a prefecture for enterprises of their
  region; an enterprise registers its own metering points, quotas and devices;
- alerts: the enterprise, its supervising department and the prefecture of its region
  acknowledge, comment and close them; nothing is ever deleted;
- auditors never write.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, Role
from greenloop.accounts.permissions import can_change_owned, is_admin, require, role_of
from greenloop.enterprise import calc
from greenloop.enterprise.engine.store import Store
from greenloop.enterprise.models import (
    THRESHOLD_TCE,
    Alert,
    AlertEvent,
    AlertStatus,
    Category,
    Designation,
    Device,
    DischargePermit,
    EnergyTarget,
    KeyEnergyUnit,
    Medium,
    MeteringPoint,
    Outlet,
    PermitLimit,
    PollutionSource,
    ProductOutput,
    ProductQuota,
)
from greenloop.enterprise.selectors import alert_visible
from greenloop.orgs.models import Organization, OrgKind

CONCENTRATION_UNITS = {Medium.GAS: "mg/m3", Medium.WATER: "mg/L"}


def readings_root() -> Path:
    """Where the Parquet readings live (``GREENLOOP_READINGS_DIR``, default var/readings)."""
    configured = os.environ.get("GREENLOOP_READINGS_DIR")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "readings"


def store() -> Store:
    return Store(readings_root())


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _registry_error(error: calc.RegistryError) -> ValidationError:
    message = _(error.template)
    return _invalid(error.field, message % error.params if error.params else message)


def _create(actor: Any, obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    audit.record(actor=actor, action=AuditAction.CREATE, obj=obj, after=audit.snapshot(obj))
    return obj


def _require_supervise(actor: Any, org: Organization) -> None:
    """Registrations that bind an enterprise (designation, targets, permits, limits) are made by
    the authorities: administrators and government users whose scope covers the enterprise."""
    allowed = is_admin(actor) or (
        can_change_owned(actor, org) and role_of(actor) != Role.ENTERPRISE
    )
    require(allowed, _("Only the supervising authorities register this."))


def _require_change(actor: Any, org: Organization) -> None:
    require(can_change_owned(actor, org), _("You may not change this enterprise's records."))


# -- energy ----------------------------------------------------------------------------------
def register_energy_unit(
    *,
    actor: Any,
    organization: Organization,
    designation: str,
    annual_consumption_tce: float,
    supervisor: Organization,
    demonstration: bool = False,
    source: str = "",
) -> KeyEnergyUnit:
    if organization.kind != OrgKind.ENTERPRISE:
        raise _invalid("organization", _("Only an enterprise can be a key energy-consuming unit."))
    if designation not in Designation.values:
        raise _invalid("designation", _("Unknown designation."))
    threshold = THRESHOLD_TCE[Designation(designation)]
    if annual_consumption_tce < threshold:
        raise _invalid(
            "annual_consumption_tce",
            _("A %(kind)s unit consumes at least %(tce)s tce a year.")
            % {"kind": designation, "tce": threshold},
        )
    if not supervisor.is_government:
        raise _invalid("supervisor", _("The supervisor must be a government body."))
    _require_supervise(actor, organization)
    with transaction.atomic():
        return _create(
            actor,
            KeyEnergyUnit(
                organization=organization,
                designation=designation,
                annual_consumption_tce=annual_consumption_tce,
                supervisor=supervisor,
                demonstration=demonstration,
                source=source,
            ),
        )


def add_metering_point(
    *,
    actor: Any,
    unit: KeyEnergyUnit,
    code: str,
    name: str,
    energy: str,
    physical_unit: str,
    measured_ncv: float | None = None,
) -> MeteringPoint:
    try:
        calc.tce_per_unit(energy, physical_unit, measured_ncv)
    except calc.RegistryError as error:
        raise _registry_error(error) from None
    _require_change(actor, unit.organization)
    with transaction.atomic():
        return _create(
            actor,
            MeteringPoint(
                unit=unit,
                code=code,
                name=name,
                energy=energy,
                physical_unit=physical_unit,
                measured_ncv=measured_ncv,
            ),
        )


def set_energy_target(
    *, actor: Any, unit: KeyEnergyUnit, year: int, consumption_cap_tce: float, saving_tce: float = 0
) -> EnergyTarget:
    if consumption_cap_tce <= 0:
        raise _invalid("consumption_cap_tce", _("The cap must be positive."))
    _require_supervise(actor, unit.organization)
    with transaction.atomic():
        return _create(
            actor,
            EnergyTarget(
                unit=unit, year=year, consumption_cap_tce=consumption_cap_tce, saving_tce=saving_tce
            ),
        )


def add_product_quota(
    *,
    actor: Any,
    unit: KeyEnergyUnit,
    product: str,
    limit_value: float,
    limit_unit: str,
    product_unit: str,
    standard: str = "",
) -> ProductQuota:
    try:
        calc.check_quota_unit(limit_unit, product_unit)
    except calc.RegistryError as error:
        raise _registry_error(error) from None
    if limit_value <= 0:
        raise _invalid("limit_value", _("The quota must be positive."))
    _require_change(actor, unit.organization)
    with transaction.atomic():
        return _create(
            actor,
            ProductQuota(
                unit=unit,
                product=product,
                standard=standard,
                limit_value=limit_value,
                limit_unit=limit_unit,
                product_unit=product_unit,
            ),
        )


def record_output(
    *, actor: Any, quota: ProductQuota, year: int, month: int, quantity: float
) -> ProductOutput:
    """The month's output of a quota product (entered by the enterprise)."""
    if not 1 <= month <= 12:
        raise _invalid("month", _("A month is 1 to 12."))
    if quantity < 0:
        raise _invalid("quantity", _("The output cannot be negative."))
    _require_change(actor, quota.unit.organization)
    with transaction.atomic():
        return _create(actor, ProductOutput(quota=quota, year=year, month=month, quantity=quantity))


# -- pollution sources -----------------------------------------------------------------------
def register_pollution_source(
    *,
    actor: Any,
    organization: Organization,
    category: str,
    supervisor: Organization,
    demonstration: bool = False,
) -> PollutionSource:
    if organization.kind != OrgKind.ENTERPRISE:
        raise _invalid("organization", _("Only an enterprise can be a pollution source."))
    if category not in Category.values:
        raise _invalid("category", _("Unknown management category."))
    if not supervisor.is_government:
        raise _invalid("supervisor", _("The supervisor must be a government body."))
    _require_supervise(actor, organization)
    with transaction.atomic():
        return _create(
            actor,
            PollutionSource(
                organization=organization,
                category=category,
                supervisor=supervisor,
                demonstration=demonstration,
            ),
        )


def add_permit(
    *, actor: Any, source: PollutionSource, number: str, valid_from: dt.date, valid_to: dt.date
) -> DischargePermit:
    try:
        number = calc.check_permit_number(
            number, uscc=source.organization.uscc, category=source.category
        )
    except calc.RegistryError as error:
        raise _registry_error(error) from None
    if valid_to <= valid_from:
        raise _invalid("valid_to", _("A permit ends after it starts."))
    _require_supervise(actor, source.organization)
    with transaction.atomic():
        return _create(
            actor,
            DischargePermit(source=source, number=number, valid_from=valid_from, valid_to=valid_to),
        )


def add_outlet(
    *,
    actor: Any,
    permit: DischargePermit,
    code: str,
    name: str,
    medium: str,
    latitude: float | None = None,
    longitude: float | None = None,
) -> Outlet:
    if medium not in Medium.values:
        raise _invalid("medium", _("An outlet discharges waste gas or waste water."))
    try:
        code = calc.check_outlet_code(code, medium)
    except calc.RegistryError as error:
        raise _registry_error(error) from None
    _require_change(actor, permit.source.organization)
    with transaction.atomic():
        return _create(
            actor,
            Outlet(
                permit=permit,
                code=code,
                name=name,
                medium=medium,
                latitude=latitude,
                longitude=longitude,
            ),
        )


def add_limit(
    *,
    actor: Any,
    outlet: Outlet,
    pollutant: str,
    name: str,
    concentration_limit: float,
    unit: str,
    annual_quantity_t: float | None = None,
) -> PermitLimit:
    expected = CONCENTRATION_UNITS[Medium(outlet.medium)]
    if unit != expected:
        raise _invalid(
            "unit", _("Concentrations at this outlet are in %(unit)s.") % {"unit": expected}
        )
    if concentration_limit <= 0 or (annual_quantity_t is not None and annual_quantity_t < 0):
        raise _invalid("concentration_limit", _("Limits must be positive."))
    _require_supervise(actor, outlet.permit.source.organization)
    with transaction.atomic():
        return _create(
            actor,
            PermitLimit(
                outlet=outlet,
                pollutant=pollutant,
                name=name,
                concentration_limit=concentration_limit,
                unit=unit,
                annual_quantity_t=annual_quantity_t,
            ),
        )


def register_device(
    *,
    actor: Any,
    mn: str,
    password: str,
    outlet: Outlet | None = None,
    point: MeteringPoint | None = None,
    interval_minutes: int = 1,
    demonstration: bool = False,
) -> Device:
    if outlet is not None and point is not None:
        raise _invalid("point", _("A device is bound to one outlet or one metering point."))
    owner = (
        outlet.permit.source.organization if outlet else point.unit.organization if point else None
    )
    require(is_admin(actor) if owner is None else can_change_owned(actor, owner))
    with transaction.atomic():
        return _create(
            actor,
            Device(
                mn=mn,
                password=password,
                outlet=outlet,
                point=point,
                interval_minutes=interval_minutes,
                demonstration=demonstration,
            ),
        )


# -- alerts ----------------------------------------------------------------------------------
def _alert_action(actor: Any, alert: Alert, action: str, comment: str) -> Alert:
    if not comment.strip():
        raise _invalid("comment", _("A comment is required."))
    if "\x00" in comment or len(comment) > 5000:
        raise _invalid("comment", _("A comment is plain text of at most 5000 characters."))
    if role_of(actor) in (None, Role.AUDITOR) or not alert_visible(actor, alert):
        raise PermissionDenied(_("You may not act on this alert."))
    if alert.status == AlertStatus.CLOSED:
        raise _invalid("status", _("The alert is closed."))
    with transaction.atomic():
        before = audit.snapshot(alert)
        if action == "acknowledge":
            alert.status = AlertStatus.ACKNOWLEDGED
        elif action == "close":
            alert.status = AlertStatus.CLOSED
        alert.save(update_fields=["status"])
        AlertEvent.objects.create(alert=alert, action=action, comment=comment.strip(), actor=actor)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=alert,
            before=before,
            after=audit.snapshot(alert),
            message=f"{action}: {comment.strip()}"[:255],
        )
    return alert


def acknowledge_alert(*, actor: Any, alert: Alert, comment: str) -> Alert:
    return _alert_action(actor, alert, "acknowledge", comment)


def close_alert(*, actor: Any, alert: Alert, comment: str) -> Alert:
    return _alert_action(actor, alert, "close", comment)


def comment_alert(*, actor: Any, alert: Alert, comment: str) -> Alert:
    return _alert_action(actor, alert, "comment", comment)


def raise_alert(
    *,
    kind: str,
    key: str,
    organization: Organization,
    supervisor: Organization,
    at: dt.datetime,
    message: str,
    device: Device | None = None,
    param: str = "",
    value: float | None = None,
    limit: float | None = None,
    demonstration: bool = False,
) -> tuple[Alert, bool]:
    """Raise an alert once (by ``key``); the system raises them, so no actor."""
    with transaction.atomic():
        alert, created = Alert.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "organization": organization,
                "supervisor": supervisor,
                "device": device,
                "param": param,
                "at": at if timezone.is_aware(at) else timezone.make_aware(at),
                "value": value,
                "limit": limit,
                "message": message[:255],
                "demonstration": demonstration,
            },
        )
        if created:
            audit.record(
                actor=None, action=AuditAction.CREATE, obj=alert, after=audit.snapshot(alert)
            )
    return alert, created


# -- bulk upload -----------------------------------------------------------------------------
UPLOAD_COLUMNS = ("device", "cn", "time", "param", "value", "cou", "flag")
MAX_UPLOAD_ROWS = 1_000_000


def ingest_upload(*, actor: Any, name: str, content: bytes) -> int:
    """Store readings from a Parquet or CSV file (columns :data:`UPLOAD_COLUMNS`; ``time`` as
    ``YYYY-MM-DD HH:MM:SS`` local time). Everything is checked first; a file with any problem
    stores nothing. Returns the number of readings stored (duplicates are not stored again)."""
    import io

    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from greenloop.enterprise.engine import hj212
    from greenloop.enterprise.engine.store import Row, to_ts
    from greenloop.enterprise.selectors import visible_devices

    if role_of(actor) in (None, Role.AUDITOR):
        raise PermissionDenied(_("You may not upload readings."))
    name = name.replace("\x00", "")
    try:
        if name.lower().endswith(".parquet"):
            table = pq.read_table(io.BytesIO(content))
        elif name.lower().endswith(".csv"):
            table = pacsv.read_csv(
                io.BytesIO(content),
                convert_options=pacsv.ConvertOptions(
                    column_types={
                        "device": pa.string(),
                        "cn": pa.string(),
                        "param": pa.string(),
                        "flag": pa.string(),
                        "time": pa.string(),
                    }
                ),
            )
        else:
            raise _invalid("file", _("Upload a .parquet or .csv file."))
    except (pa.ArrowInvalid, OSError, ValueError) as error:
        if isinstance(error, ValidationError):
            raise
        raise _invalid(
            "file", _("The file cannot be read: %(error)s") % {"error": str(error)[:200]}
        ) from None
    missing = [column for column in UPLOAD_COLUMNS if column not in table.column_names]
    if missing:
        raise _invalid("file", _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if table.num_rows > MAX_UPLOAD_ROWS:
        raise _invalid("file", _("At most %(n)s rows per file.") % {"n": MAX_UPLOAD_ROWS})
    devices = {d.mn: d for d in visible_devices(actor).select_related("outlet")}
    problems: list[str] = []
    rows: list[Row] = []
    received = to_ts(dt.datetime.now())
    data = table.select(list(UPLOAD_COLUMNS)).to_pylist()
    for number, item in enumerate(data, start=2):
        device = devices.get(str(item["device"]))
        where = _("row %(row)s") % {"row": number}
        if device is None or not (device.outlet_id or device.point_id):
            problems.append(
                f"{where}: " + _("unknown or unbound device %(mn)s") % {"mn": item["device"]}
            )
        elif not can_change_owned(actor, device.organization):
            problems.append(f"{where}: " + _("device %(mn)s is not yours") % {"mn": item["device"]})
        try:
            moment = item["time"]
            if isinstance(moment, str):
                moment = dt.datetime.fromisoformat(moment)
            if not isinstance(moment, dt.datetime):
                raise ValueError
            value = None if item["value"] is None else float(item["value"])
            cou = None if item["cou"] is None else float(item["cou"])
        except (TypeError, ValueError):
            problems.append(f"{where}: " + _("bad time or value"))
            continue
        if (
            str(item["cn"]) not in hj212.DATA_COMMANDS
            or str(item["flag"] or "N") not in hj212.FLAGS
        ):
            problems.append(f"{where}: " + _("bad command or flag"))
            continue
        if device is not None and not problems:
            rows.append(
                Row(
                    device.kind,
                    device.mn,
                    str(item["cn"]),
                    to_ts(moment),
                    str(item["param"]),
                    value,
                    None,
                    None,
                    cou,
                    str(item["flag"] or "N"),
                    received,
                )
            )
        if len(problems) >= 20:
            break
    if problems:
        raise ValidationError({"file": problems})
    stored = store().ingest(rows)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="enterprise.readings",
        object_repr=name[:255],
        message=f"{stored} readings uploaded",
    )
    return stored
