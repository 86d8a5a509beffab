"""Writes on organizations: validate, check permission, one transaction, one audit entry.

Who may do what:
- create: administrators and the coordinator; prefecture users create non-government
  organizations inside their own region;
- update: administrators and the coordinator; prefecture users update non-government
  organizations of their region; an organization's own members (not auditors) update its
  profile fields (:data:`PROFILE_FIELDS`);
- auditors never write.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, Role
from greenloop.accounts.permissions import region_scope, region_within, role_of
from greenloop.geo.models import Region
from greenloop.orgs import calc
from greenloop.orgs.models import GOVERNMENT_KINDS, Organization, OrgKind

# The fields a service may set; ``code`` is set at creation and never changed.
FIELDS = (
    "name_zh",
    "name_en",
    "short_name_zh",
    "kind",
    "region",
    "parent",
    "uscc",
    "industry_code",
    "address",
    "contact_name",
    "contact_phone",
    "duties",
    "is_active",
    "source",
)
# What an organization's own members may change about it.
PROFILE_FIELDS = frozenset(
    {
        "name_en",
        "short_name_zh",
        "address",
        "contact_name",
        "contact_phone",
        "industry_code",
        "duties",
    }
)
TEXT_FIELDS = (
    "name_zh",
    "name_en",
    "short_name_zh",
    "address",
    "contact_name",
    "contact_phone",
    "duties",
    "source",
)
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PHONE_RE = re.compile(r"^[0-9+()\- ]*$")

Errors = dict[str, list[str]]


def _max_length(field: str) -> int | None:
    return Organization._meta.get_field(field).max_length  # type: ignore[union-attr]


def _field_label(field: str) -> str:
    return str(Organization._meta.get_field(field).verbose_name)  # type: ignore[union-attr]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def explain(error: calc.InvalidCode) -> str:
    """The reason of an identifier error, in the active language."""
    return _(error.template) % error.params if error.params else _(error.template)


def _resolve_region(value: Any, errors: Errors) -> Region | None:
    if isinstance(value, Region):
        return value
    code = str(value or "").strip()
    if not code:
        _add(errors, "region", _("A region is required."))
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        _add(errors, "region", _("No region has the code “%(code)s”.") % {"code": code})
    return region


def _resolve_parent(
    value: Any, instance: Organization | None, actor: Any, errors: Errors
) -> Organization | None:
    if value is None or value == "":
        return None
    if isinstance(value, Organization):
        parent: Organization | None = value
    else:
        from greenloop.orgs.selectors import visible_organizations

        candidates = Organization.objects.all() if actor is None else visible_organizations(actor)
        parent = candidates.filter(code=str(value).strip()).first()
        if parent is None:
            message = _("No organization has the code “%(code)s”.") % {"code": value}
            _add(errors, "parent", message)
            return None
    if instance is not None and instance.pk is not None:
        node = parent
        while node is not None:
            if node.pk == instance.pk:
                _add(errors, "parent", _("An organization cannot be its own parent or ancestor."))
                return None
            node = node.parent
    return parent


def check_fields(
    values: dict[str, Any], *, instance: Organization | None = None, actor: Any = None
) -> tuple[dict[str, Any], Errors]:
    """Validate and normalize ``values`` (field -> value) for a new or an existing organization.

    Returns the cleaned values (region and parent resolved to objects) and the errors, each
    message under the name of its field, in the active language.
    """
    errors: Errors = {}
    cleaned: dict[str, Any] = {}
    for field in values:
        if field == "code" and (instance is None or values["code"] == instance.code):
            continue  # a client may send the unchanged code back
        if field not in FIELDS:
            if field == "code":
                _add(errors, "code", _("The code of an organization cannot be changed."))
            else:
                _add(errors, field, _("Unknown field."))

    if instance is None:
        code = str(values.get("code") or "").strip()
        if not code:
            _add(errors, "code", _("A code is required."))
        elif len(code) > 64 or not CODE_RE.match(code):
            _add(
                errors,
                "code",
                _("A code has at most 64 lower-case letters, digits and hyphens, like “qh-drc”."),
            )
        elif Organization.objects.filter(code=code).exists():
            _add(
                errors,
                "code",
                _("An organization with the code “%(code)s” already exists.") % {"code": code},
            )
        cleaned["code"] = code

    for field in TEXT_FIELDS:
        if field not in values:
            continue
        text = str(values[field] or "").strip()
        limit = _max_length(field)
        if limit is not None and len(text) > limit:
            _add(
                errors,
                field,
                _("At most %(max)d characters (this has %(n)d).") % {"max": limit, "n": len(text)},
            )
        cleaned[field] = text
    if (instance is None or "name_zh" in values) and not cleaned.get("name_zh"):
        _add(errors, "name_zh", _("A Chinese name is required."))
    if cleaned.get("contact_phone") and not PHONE_RE.match(cleaned["contact_phone"]):
        _add(errors, "contact_phone", _("A phone number holds only digits, spaces and + - ( )."))

    if "kind" in values or instance is None:
        kind = str(values.get("kind") or "").strip()
        if kind not in OrgKind.values:
            _add(
                errors,
                "kind",
                _("Unknown kind “%(kind)s”; choose one of: %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join(OrgKind.values)},
            )
        cleaned["kind"] = kind
    if "region" in values or instance is None:
        cleaned["region"] = _resolve_region(values.get("region"), errors)
    if "parent" in values:
        cleaned["parent"] = _resolve_parent(values["parent"], instance, actor, errors)
    if "is_active" in values:
        if not isinstance(values["is_active"], bool):
            _add(errors, "is_active", _("Give true or false."))
        cleaned["is_active"] = values["is_active"]

    if "uscc" in values:
        uscc = str(values["uscc"] or "").strip().upper()
        if uscc:
            try:
                uscc = calc.validate_uscc(uscc)
            except calc.InvalidCode as error:
                _add(
                    errors,
                    "uscc",
                    _("Invalid unified social credit code: %(reason)s.")
                    % {"reason": explain(error)},
                )
            else:
                taken = Organization.objects.filter(uscc=uscc)
                if instance is not None:
                    taken = taken.exclude(pk=instance.pk)
                if taken.exists():
                    message = _("Another organization already has the credit code %(uscc)s.")
                    _add(errors, "uscc", message % {"uscc": uscc})
        cleaned["uscc"] = uscc
    if "kind" in cleaned or "uscc" in cleaned:
        kind = cleaned.get("kind", instance.kind if instance else "")
        uscc = cleaned.get("uscc", instance.uscc if instance else "")
        if (
            kind in OrgKind.values
            and kind not in GOVERNMENT_KINDS
            and not uscc
            and "uscc" not in errors
        ):
            _add(
                errors,
                "uscc",
                _("Organizations of kind “%(kind)s” need a unified social credit code.")
                % {"kind": OrgKind(kind).label},
            )

    if "industry_code" in values:
        industry = str(values["industry_code"] or "").strip().upper()
        if industry:
            try:
                industry = calc.validate_industry_code(industry)
            except calc.InvalidCode as error:
                _add(
                    errors,
                    "industry_code",
                    _("Invalid industry code: %(reason)s.") % {"reason": explain(error)},
                )
        cleaned["industry_code"] = industry
    return cleaned, errors


def _is_government(kind: str) -> bool:
    return kind in GOVERNMENT_KINDS


def _in_scope(actor: Any, region: Region | None) -> bool:
    scope = region_scope(actor)
    return scope is not None and region is not None and region_within(region, scope)


def can_create(actor: Any, *, kind: str, region: Region | None) -> bool:
    """``actor`` None is the system (console, imports)."""
    role = role_of(actor)
    if actor is None or role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return (
        role == Role.PREFECTURE_REPORTER and not _is_government(kind) and _in_scope(actor, region)
    )


def can_update(actor: Any, org: Organization, changes: dict[str, Any] | None = None) -> bool:
    """May ``actor`` make ``changes`` (cleaned field -> value; None: any change) to ``org``?

    ``actor`` None is the system (console, imports).
    """
    if actor is None:
        return True
    role = role_of(actor)
    if role is None or role == Role.AUDITOR:
        return False
    if role in (Role.ADMIN, Role.COORDINATOR):
        return True
    changes = changes or {}
    if (
        role == Role.PREFECTURE_REPORTER
        and not org.is_government
        and _in_scope(actor, org.region)
        and not _is_government(changes.get("kind", org.kind))
        and _in_scope(actor, changes.get("region", org.region))
    ):
        return True
    own = actor.organization_id is not None and actor.organization_id == org.pk
    return own and set(changes) <= PROFILE_FIELDS


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_organization(
    *,
    actor: Any,
    code: str,
    name_zh: str,
    kind: str,
    region: Region | str,
    name_en: str = "",
    short_name_zh: str = "",
    parent: Organization | str | None = None,
    uscc: str = "",
    industry_code: str = "",
    address: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    duties: str = "",
    is_active: bool = True,
    source: str = "",
) -> Organization:
    """Create an organization. ``region`` and ``parent`` may be given as codes."""
    values = {key: value for key, value in locals().items() if key != "actor"}
    cleaned, errors = check_fields(values, actor=actor)
    _raise(errors)
    if not can_create(actor, kind=cleaned["kind"], region=cleaned["region"]):
        raise PermissionDenied(
            _("You may not create this organization.")
            if role_of(actor) == Role.PREFECTURE_REPORTER
            else _("Only administrators and the coordinator create organizations.")
        )
    org = Organization(**cleaned)
    org.full_clean()
    org.save()
    audit.record(actor=actor, action=AuditAction.CREATE, obj=org, after=audit.snapshot(org))
    return org


@transaction.atomic
def update_organization(*, actor: Any, org: Organization, **changes: Any) -> Organization:
    """Change the given fields of ``org``; ``region`` and ``parent`` may be given as codes."""
    current = Organization.objects.select_for_update().get(pk=org.pk)
    cleaned, errors = check_fields(changes, instance=current, actor=actor)
    _raise(errors)
    changed = {field: value for field, value in cleaned.items() if getattr(current, field) != value}
    if not can_update(actor, current, changed):
        if actor is not None and getattr(actor, "organization_id", None) == current.pk:
            raise PermissionDenied(
                _("You may change only these fields of your own organization: %(fields)s.")
                % {"fields": ", ".join(_field_label(name) for name in sorted(PROFILE_FIELDS))}
            )
        raise PermissionDenied(_("You may not change this organization."))
    if not changed:
        return current
    audit.save_with_audit(actor=actor, obj=current, changes=changed)
    return current
