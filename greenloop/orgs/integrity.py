"""Integrity of organizations: valid identifiers, one government per prefecture, a coordinator."""

from __future__ import annotations

from django.conf import settings

from greenloop.geo.models import Region, RegionLevel
from greenloop.orgs import calc
from greenloop.orgs.models import Organization, OrgKind

COORDINATOR_CODE = "qh-drc"


def check() -> list[str]:
    problems: list[str] = []
    for code, uscc, industry in Organization.objects.values_list("code", "uscc", "industry_code"):
        if uscc:
            try:
                calc.validate_uscc(uscc)
            except calc.InvalidCode as error:
                problems.append(f"organization {code!r}: credit code {uscc!r}: {error}")
        if industry:
            try:
                calc.validate_industry_code(industry)
            except calc.InvalidCode as error:
                problems.append(f"organization {code!r}: industry code {industry!r}: {error}")

    province = Region.objects.filter(code=settings.GREENLOOP_PROVINCE).first()
    if province is None:
        problems.append(f"region {settings.GREENLOOP_PROVINCE!r} (the province) is not loaded")
    else:
        prefectures = Region.objects.filter(parent=province, level=RegionLevel.PREFECTURE)
        for prefecture in prefectures.order_by("code"):
            governments = list(
                Organization.objects.filter(kind=OrgKind.GOVERNMENT, region=prefecture)
                .order_by("code")
                .values_list("code", flat=True)
            )
            if len(governments) != 1:
                found = ", ".join(governments) or "none"
                problems.append(
                    f"region {prefecture.code} ({prefecture.name_zh}) needs exactly one "
                    f"government organization, found {len(governments)}: {found}"
                )
    if not Organization.objects.filter(code=COORDINATOR_CODE).exists():
        problems.append(f"the coordinator organization {COORDINATOR_CODE!r} does not exist")
    return problems
