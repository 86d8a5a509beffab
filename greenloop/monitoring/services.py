"""Writes: submissions (every value a new version), review, and the CLI import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.accounts import audit, permissions
from greenloop.accounts.models import AuditAction
from greenloop.accounts.roles import Role
from greenloop.geo.models import Region
from greenloop.monitoring import selectors
from greenloop.monitoring.models import (
    Catalogue,
    Channel,
    Indicator,
    Observation,
    Status,
    Upload,
    UploadState,
)
from greenloop.monitoring.validation import (
    Checked,
    IndicatorSpec,
    Location,
    Problem,
    RawRow,
    check_rows,
)
from greenloop.orgs.models import Organization

DEPARTMENT_ROLES = {Role.DEPT_REPORTER, Role.DEPT_REVIEWER, Role.COORDINATOR}


class SubmissionRefused(ValueError):
    """Nothing was stored; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(problem.message for problem in self.problems[:5]))


def spec_of(indicator: Indicator) -> IndicatorSpec:
    return IndicatorSpec(
        code=indicator.code,
        unit=indicator.unit,
        categorical=indicator.categorical,
        min_value=indicator.min_value,
        max_value=indicator.max_value,
        parts=tuple(part for part in indicator.parts.split("+") if part),
    )


def submittable_indicators(user: Any) -> list[Indicator]:
    """Catalogue indicators ``user`` may report."""
    role = permissions.role_of(user)
    items = Indicator.objects.filter(catalogue=Catalogue.PROVINCE)
    if role == Role.ADMIN:
        return list(items)
    if role in DEPARTMENT_ROLES and user.organization_id:
        return list(items.filter(department_id=user.organization_id))
    if role == Role.PREFECTURE_REPORTER:
        return [item for item in items if "prefecture" in item.level_list]
    return []


def submittable_regions(user: Any) -> list[Region]:
    """Regions ``user`` may report for: a prefecture its own; departments the province and
    its prefectures."""
    role = permissions.role_of(user)
    if role == Role.PREFECTURE_REPORTER:
        scope = permissions.region_scope(user)
        return [scope] if scope is not None else []
    if role == Role.ADMIN or role in DEPARTMENT_ROLES:
        return list(Region.objects.filter(code=selectors.PROVINCE)) + list(
            Region.objects.filter(parent__code=selectors.PROVINCE, level="prefecture")
        )
    return []


def _previous(rows: Sequence[RawRow]) -> dict[tuple[str, str, int], float]:
    codes = {row.indicator for row in rows}
    out: dict[tuple[str, str, int], float] = {}
    for (code, region), series in selectors.yearly(sorted(codes)).items():
        for year, value in series.items():
            out[(code, region, year)] = value
    return out


def check_submission(user: Any, rows: Sequence[RawRow], periods: set[str] | None = None) -> Checked:
    indicators = {item.code: spec_of(item) for item in submittable_indicators(user)}
    known = {item.code for item in Indicator.objects.filter(catalogue=Catalogue.PROVINCE)}
    regions = {region.code for region in submittable_regions(user)}
    checked = check_rows(rows, indicators, regions, periods, _previous(rows))
    # Tell an indicator that exists but is another department's from one that does not exist.
    for problem in list(checked.errors):
        for row in rows:
            if row.at("indicator") == problem.location and row.indicator in known:
                index = checked.errors.index(problem)
                checked.errors[index] = Problem(
                    problem.location,
                    _("indicator “%(code)s” is not yours to report") % {"code": row.indicator},
                )
                break
    return checked


@transaction.atomic
def submit(
    *,
    actor: Any,
    rows: Sequence[RawRow],
    channel: str,
    file_name: str = "",
    periods: set[str] | None = None,
    source: str = "",
) -> Upload:
    """Store a submission whole, awaiting review, or refuse it whole."""
    if permissions.role_of(actor) in {None, Role.AUDITOR, Role.ENTERPRISE}:
        raise PermissionDenied(_("You may not submit statistics."))
    if not rows:
        raise SubmissionRefused([Problem(Location(file_name), _("the submission holds no values"))])
    checked = check_submission(actor, rows, periods)
    if checked.errors:
        raise SubmissionRefused(checked.errors)
    upload = Upload.objects.create(
        organization=actor.organization,
        channel=channel,
        file_name=file_name[:255],
        submitted_by=actor,
        warnings=[problem.as_dict() for problem in checked.warnings],
        row_count=len(checked.rows),
    )
    indicators = {item.code: item for item in Indicator.objects.filter(catalogue="qinghai")}
    regions = {region.code: region for region in Region.objects.all()}
    default_source = source or _("Submitted by %(org)s (upload %(id)s)") % {
        "org": actor.organization.name if actor.organization else actor.username,
        "id": upload.pk,
    }
    Observation.objects.bulk_create(
        [
            Observation(
                indicator=indicators[row.indicator],
                region=regions[row.region],
                period=row.period,
                year=row.year,
                value=row.value,
                value_text=row.value_text,
                status=row.status if row.status in Status.values else Status.PRELIMINARY,
                source=row.source or default_source,
                note=row.comment,
                submitted_by=actor,
                upload=upload,
            )
            for row in checked.rows
        ]
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=upload,
        after={"values": upload.row_count, "channel": channel, "warnings": len(checked.warnings)},
    )
    return upload


def can_review(user: Any, upload: Upload) -> bool:
    role = permissions.role_of(user)
    if role == Role.ADMIN:
        return True
    if upload.submitted_by_id == getattr(user, "pk", None):
        return False
    if role == Role.COORDINATOR:
        return True
    return role == Role.DEPT_REVIEWER and upload.organization_id == user.organization_id


@transaction.atomic
def review(*, actor: Any, upload: Upload, approve: bool, note: str = "") -> Upload:
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    permissions.require(can_review(actor, upload), _("You may not review this upload."))
    if upload.state != UploadState.PENDING:
        from django.core.exceptions import ValidationError

        raise ValidationError({"state": [_("This upload has already been reviewed.")]})
    before = audit.snapshot(upload)
    now = timezone.now()
    upload.state = UploadState.APPROVED if approve else UploadState.REJECTED
    upload.reviewed_by = actor
    upload.reviewed_at = now
    upload.review_note = note
    upload.save()
    if approve:
        upload.observations.update(published_at=now)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=upload,
        before=before,
        after=audit.snapshot(upload),
    )
    return upload


@dataclass
class ImportResult:
    created: int
    warnings: list[Problem]


@transaction.atomic
def import_published(*, rows: Sequence[RawRow], source: str, note: str = "") -> ImportResult:
    """The operator's import (``greenloop import observations``): checked like any
    submission, published at once, recorded as the system's."""
    indicators = {
        item.code: spec_of(item) for item in Indicator.objects.filter(catalogue="qinghai")
    }
    regions = set(Region.objects.values_list("code", flat=True))
    checked = check_rows(rows, indicators, regions, None, _previous(rows))
    if checked.errors:
        raise SubmissionRefused(checked.errors)
    objects = {item.code: item for item in Indicator.objects.filter(catalogue="qinghai")}
    places = {region.code: region for region in Region.objects.all()}
    now = timezone.now()
    Observation.objects.bulk_create(
        [
            Observation(
                indicator=objects[row.indicator],
                region=places[row.region],
                period=row.period,
                year=row.year,
                value=row.value,
                value_text=row.value_text,
                status=row.status if row.status in Status.values else Status.FINAL,
                source=row.source or source,
                note="; ".join(filter(None, [note, row.comment])),
                published_at=now,
            )
            for row in checked.rows
        ]
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        object_type="monitoring.observation",
        object_repr=source[:255],
        after={"values": len(checked.rows)},
        message=f"import {source}"[:255],
    )
    return ImportResult(len(checked.rows), checked.warnings)


def department_of(user: Any) -> Organization | None:
    return getattr(user, "organization", None)


__all__ = ["Channel", "SubmissionRefused", "import_published", "review", "submit"]
