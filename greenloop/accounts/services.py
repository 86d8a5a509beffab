"""Writes on users. Each validates, checks permission, runs in one transaction and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, Role, User
from greenloop.accounts.permissions import is_admin, require
from greenloop.accounts.validators import one_time_password
from greenloop.orgs.models import Organization, OrgKind

# Which kinds of organization each role may act for (None: no organization).
ROLE_ORG_KINDS: dict[str, tuple[str, ...] | None] = {
    Role.ADMIN: None,
    Role.COORDINATOR: (OrgKind.DEPARTMENT,),
    Role.DEPT_REPORTER: (OrgKind.DEPARTMENT,),
    Role.DEPT_REVIEWER: (OrgKind.DEPARTMENT,),
    Role.PREFECTURE_REPORTER: (OrgKind.GOVERNMENT,),
    Role.ENTERPRISE: (
        OrgKind.ENTERPRISE,
        OrgKind.PARK,
        OrgKind.FINANCIAL,
        OrgKind.CERTIFIER,
        OrgKind.INSTITUTION,
    ),
    Role.AUDITOR: None,
}

Errors = dict[str, list[str]]


def role_fit_errors(role: str, organization: Organization | None) -> Errors:
    """Why ``role`` cannot act for ``organization`` (empty when it can)."""
    errors: Errors = {}
    if role not in Role.values:
        errors["role"] = [
            _("Unknown role “%(role)s”; choose one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        ]
        return errors
    kinds = ROLE_ORG_KINDS[role]
    if kinds is not None and organization is None:
        errors["organization"] = [
            _("The role “%(role)s” acts for an organization; give one.")
            % {"role": Role(role).label}
        ]
    elif kinds is not None and organization is not None and organization.kind not in kinds:
        errors["organization"] = [
            _("A %(role)s cannot act for “%(org)s” (%(kind)s).")
            % {
                "role": Role(role).label,
                "org": organization.name,
                "kind": OrgKind(organization.kind).label,
            }
        ]
    return errors


def _validate_new_user(
    *, username: str, role: str, organization: Organization | None, email: str, password: str | None
) -> None:
    errors: Errors = {}
    if not username or not username.strip():
        errors.setdefault("username", []).append(_("A user name is required."))
    elif User.objects.filter(username__iexact=username.strip()).exists():
        errors.setdefault("username", []).append(
            _("A user named “%(name)s” already exists.") % {"name": username.strip()}
        )
    errors.update(role_fit_errors(role, organization))
    if password is not None:
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as error:
            errors.setdefault("password", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    role: str,
    organization: Organization | None = None,
    email: str = "",
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a user acting for ``organization`` in ``role``. Administrators only.

    ``actor`` None means the console (``greenloop createuser``), which runs as the system.
    """
    if actor is not None:
        require(is_admin(actor), _("Only platform administrators create users."))
    _validate_new_user(
        username=username, role=role, organization=organization, email=email, password=password
    )
    user = User(
        username=username.strip(),
        role=role,
        organization=organization,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor=actor, action=AuditAction.CREATE, obj=user, after=audit.snapshot(user))
    return user


def ensure_admin() -> tuple[str, str] | None:
    """Create an administrator with a one-time password when no administrator exists.

    Returns (user name, password) when one was created, else None.
    """
    if User.objects.filter(is_superuser=True, is_active=True).exists():
        return None
    username = "admin"
    suffix = 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"admin{suffix}"
    password = one_time_password()
    with transaction.atomic():
        user = create_user(actor=None, username=username, role=Role.ADMIN, password=password)
        user.must_change_password = True
        user.save(update_fields=["must_change_password"])
    return username, password


UPDATABLE_FIELDS = ("role", "organization", "email", "first_name", "last_name", "is_active")


@transaction.atomic
def update_user(*, actor: Any, user: User, **changes: Any) -> User:
    """Change a user's role, organization, contact details or active flag. Administrators only.

    A user is never deleted (the audit trail refers to it): it is deactivated.
    """
    require(is_admin(actor), _("Only platform administrators change users."))
    unknown = sorted(set(changes) - set(UPDATABLE_FIELDS))
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in unknown})
    locked = User.objects.select_for_update().get(pk=user.pk)
    role = changes.get("role", locked.role)
    organization = changes.get("organization", locked.organization)
    errors = role_fit_errors(role, organization)
    if locked.pk == getattr(actor, "pk", None) and (
        changes.get("is_active") is False or role != Role.ADMIN
    ):
        errors.setdefault("role", []).append(
            _("You cannot take away your own administrator access.")
        )
    if errors:
        raise ValidationError(errors)
    is_admin_role = role == Role.ADMIN
    changes.update(is_staff=is_admin_role, is_superuser=is_admin_role)
    audit.save_with_audit(actor=actor, obj=locked, changes=changes, exclude=("password",))
    return locked


@transaction.atomic
def reset_password(*, actor: Any, user: User) -> str:
    """Give ``user`` a new one-time password (to be changed at next login) and return it.

    Government intranets often have no mail: the administrator hands the password over.
    """
    require(is_admin(actor), _("Only platform administrators reset passwords."))
    password = one_time_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor, action=AuditAction.UPDATE, obj=user, message="one-time password issued"
    )
    return password
