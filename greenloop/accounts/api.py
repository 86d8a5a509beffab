"""/api/me, /api/users, /api/audit."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from greenloop.accounts import selectors, services
from greenloop.accounts.models import AuditEntry, Role, User
from greenloop.core.schemas import UtcDatetime
from greenloop.orgs.models import Organization

router = Router(tags=["accounts"])


class UserOut(Schema):
    username: str
    email: str
    role: str
    role_label: str
    organization: str | None
    organization_name: str | None
    is_active: bool

    @staticmethod
    def resolve_role_label(obj: User) -> str:
        return str(Role(obj.role).label) if obj.role in Role.values else obj.role

    @staticmethod
    def resolve_organization(obj: User) -> str | None:
        return obj.organization.code if obj.organization else None

    @staticmethod
    def resolve_organization_name(obj: User) -> str | None:
        return obj.organization.name if obj.organization else None


class UserIn(Schema):
    username: str = Field(..., max_length=150)
    role: str
    organization: str | None = Field(None, description="organization code, e.g. qh-iit")
    email: str = ""
    password: str | None = Field(None, description="omit to create an account with no password")


class UserPatch(Schema):
    role: str | None = None
    organization: str | None = Field(None, description="organization code")
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_active: bool | None = None


class OneTimePasswordOut(Schema):
    username: str
    one_time_password: str


class AuditOut(Schema):
    id: int
    at: dt.datetime
    actor_username: str
    actor_org_code: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None  # type: ignore[type-arg]
    after: dict | None  # type: ignore[type-arg]
    ip_address: str | None
    message: str


class AuditFilter(Schema):
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: UtcDatetime | None = None
    until: UtcDatetime | None = None


@router.get("/me", response=UserOut, summary="The signed-in user")
def me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/users", response=list[UserOut], summary="Users visible to the caller")
@paginate
def list_users(request: HttpRequest) -> list[User]:
    return selectors.visible_users(request.user)  # type: ignore[return-value]


@router.post("/users", response={201: UserOut}, summary="Create a user (administrators)")
def create_user(request: HttpRequest, payload: UserIn) -> Status:
    organization = _organization(payload.organization) if payload.organization else None
    user = services.create_user(
        actor=request.user,
        username=payload.username,
        role=payload.role,
        organization=organization,
        email=payload.email,
        password=payload.password,
    )
    return Status(201, user)


def _organization(code: str) -> Organization:
    organization = Organization.objects.filter(code=code).first()
    if organization is None:
        message = _("No organization has the code “%(code)s”.") % {"code": code}
        raise ValidationError({"organization": [message]})
    return organization


def _visible_user(request: HttpRequest, username: str) -> User:
    return get_object_or_404(selectors.visible_users(request.user), username=username)


@router.get("/users/{username}", response=UserOut, summary="One user")
def get_user(request: HttpRequest, username: str) -> User:
    return _visible_user(request, username)


@router.patch("/users/{username}", response=UserOut, summary="Change a user (administrators)")
def update_user(request: HttpRequest, username: str, payload: UserPatch) -> User:
    user = _visible_user(request, username)
    changes = payload.dict(exclude_unset=True)
    if "organization" in changes:
        code = changes.pop("organization")
        changes["organization"] = _organization(code) if code else None
    return services.update_user(actor=request.user, user=user, **changes)


@router.post(
    "/users/{username}/password-reset",
    response=OneTimePasswordOut,
    summary="Issue a one-time password (administrators)",
)
def reset_password(request: HttpRequest, username: str) -> dict[str, str]:
    user = _visible_user(request, username)
    password = services.reset_password(actor=request.user, user=user)
    return {"username": user.username, "one_time_password": password}


@router.get("/audit", response=list[AuditOut], summary="The audit trail (administrators, auditors)")
@paginate
def list_audit(request: HttpRequest, filters: Query[AuditFilter]) -> list[AuditEntry]:
    return selectors.audit_entries(user=request.user, **filters.dict())  # type: ignore[return-value]


@router.get("/audit/{entry_id}", response=AuditOut, summary="One audit entry")
def get_audit(request: HttpRequest, entry_id: int) -> AuditEntry:
    return get_object_or_404(selectors.audit_entries(user=request.user), pk=entry_id)
