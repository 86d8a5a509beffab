"""/api/orgs: the organizations the caller may see; create and update through the services."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from greenloop.orgs import selectors, services
from greenloop.orgs.models import Organization, OrgKind

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    code: str
    name_zh: str
    name_en: str
    name: str
    short_name_zh: str
    kind: str
    kind_label: str
    region: str
    region_name: str
    parent: str | None
    uscc: str
    industry_code: str
    address: str
    contact_name: str
    contact_phone: str
    duties: str
    is_active: bool

    @staticmethod
    def resolve_kind_label(obj: Organization) -> str:
        return str(OrgKind(obj.kind).label) if obj.kind in OrgKind.values else obj.kind

    @staticmethod
    def resolve_region(obj: Organization) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Organization) -> str:
        return obj.region.name

    @staticmethod
    def resolve_parent(obj: Organization) -> str | None:
        return obj.parent.code if obj.parent else None


# Input fields are plain strings so that the services give the located, translated messages.
class OrganizationIn(Schema):
    code: str = Field("", description="stable identifier, e.g. qh-drc")
    name_zh: str = ""
    name_en: str = ""
    short_name_zh: str = ""
    kind: str = Field("", description="one of: " + ", ".join(OrgKind.values))
    region: str = Field("", description="region code (GB/T 2260), e.g. 630100")
    parent: str | None = Field(None, description="code of the parent organization")
    uscc: str = Field("", description="unified social credit code (GB 32100-2015)")
    industry_code: str = Field("", description="GB/T 4754-2017 code, e.g. C2511")
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    duties: str = ""
    is_active: bool = True
    source: str = ""


class OrganizationPatch(Schema):
    code: str | None = Field(None, description="cannot be changed; given only to be refused")
    name_zh: str | None = None
    name_en: str | None = None
    short_name_zh: str | None = None
    kind: str | None = None
    region: str | None = None
    parent: str | None = None
    uscc: str | None = None
    industry_code: str | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    duties: str | None = None
    is_active: bool | None = None
    source: str | None = None


class OrganizationFilter(Schema):
    kind: str | None = Field(None, description="organization kind")
    region: str | None = Field(None, description="region code; regions below it included")
    q: str | None = Field(None, description="search in names, code and credit code")
    active: bool | None = None


class Message(Schema):
    detail: str


def _not_found(code: str) -> Status:
    # The same answer whether the organization does not exist or is not the caller's to see.
    return Status(404, {"detail": _("No organization has the code “%(code)s”.") % {"code": code}})


@router.get("", response=list[OrganizationOut], summary="Organizations visible to the caller")
@paginate
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilter]) -> Any:
    return selectors.search_organizations(request.user, **filters.dict())


@router.get("/{code}", response={200: OrganizationOut, 404: Message}, summary="One organization")
def get_organization(request: HttpRequest, code: str) -> Status:
    org = selectors.visible_organization(request.user, code)
    return Status(200, org) if org is not None else _not_found(code)


@router.post("", response={201: OrganizationOut}, summary="Create an organization")
def create_organization(request: HttpRequest, payload: OrganizationIn) -> Status:
    org = services.create_organization(actor=request.user, **payload.dict())
    return Status(201, org)


@router.patch(
    "/{code}",
    response={200: OrganizationOut, 404: Message},
    summary="Change some fields of an organization",
)
def update_organization(request: HttpRequest, code: str, payload: OrganizationPatch) -> Status:
    org = selectors.visible_organization(request.user, code)
    if org is None:
        return _not_found(code)
    changes = payload.dict(exclude_unset=True)
    # null clears a text field (or the parent); the services read "" as empty.
    for field, value in changes.items():
        if value is None and field not in ("parent", "is_active"):
            changes[field] = ""
    return Status(200, services.update_organization(actor=request.user, org=org, **changes))
