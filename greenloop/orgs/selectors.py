"""Reads of organizations, already limited to what the asking user may see.

- administrators, the coordinator and auditors see every organization;
- every signed-in user sees the directory of government bodies (departments, governments)
  and their own organization;
- prefecture users also see every organization of their region (its counties included);
- anonymous users see nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from greenloop.accounts.permissions import reads_everything, region_scope, role_of
from greenloop.geo.models import Region
from greenloop.orgs.models import GOVERNMENT_KINDS, Organization


def region_ids_within(region: Region) -> set[int]:
    """The ids of ``region`` and every region below it."""
    ids = {region.pk}
    frontier = {region.pk}
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= ids
        ids |= frontier
    return ids


def visible_organizations(user: Any) -> QuerySet[Organization]:
    orgs = Organization.objects.select_related("region", "parent")
    if role_of(user) is None:
        return orgs.none()
    if reads_everything(user):
        return orgs
    visible = Q(kind__in=GOVERNMENT_KINDS)
    if user.organization_id:
        visible |= Q(pk=user.organization_id)
    scope = region_scope(user)
    if scope is not None:
        visible |= Q(region_id__in=region_ids_within(scope))
    return orgs.filter(visible)


def search_organizations(
    user: Any,
    *,
    kind: str | None = None,
    region: str | None = None,
    q: str | None = None,
    active: bool | None = None,
) -> QuerySet[Organization]:
    """Visible organizations filtered by kind, region code (regions below it included),
    a search text (names, code, credit code) and whether they are active."""
    orgs = visible_organizations(user)
    if kind:
        orgs = orgs.filter(kind=kind)
    if region:
        found = Region.objects.filter(code=region.strip()).first()
        orgs = orgs.filter(region_id__in=region_ids_within(found)) if found else orgs.none()
    if q and q.strip():
        text = q.strip()
        orgs = orgs.filter(
            Q(name_zh__icontains=text)
            | Q(name_en__icontains=text)
            | Q(short_name_zh__icontains=text)
            | Q(code__icontains=text)
            | Q(uscc__iexact=text)
        )
    if active is not None:
        orgs = orgs.filter(is_active=active)
    return orgs


def visible_organization(user: Any, code: str) -> Organization | None:
    return visible_organizations(user).filter(code=code).first()


def government_directory() -> QuerySet[Organization]:
    """The departments and governments, for choosers that any signed-in user may see."""
    return Organization.objects.filter(kind__in=GOVERNMENT_KINDS, is_active=True)
