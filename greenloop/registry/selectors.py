"""Reads: public lists, the trace view, the workbench, counts per prefecture, park ranking."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.permissions import can_view_owned, reads_everything, region_scope, role_of
from greenloop.enterprise import selectors as enterprise
from greenloop.geo.models import Region, RegionLevel
from greenloop.monitoring import selectors as monitoring
from greenloop.registry import engine
from greenloop.registry.loaders import DATA_DIR
from greenloop.registry.models import (
    Application,
    ApplicationStatus,
    Batch,
    FarmCertificate,
    InputKind,
    Listing,
    ListingStatus,
    Scheme,
)

VALIDITY_LABELS = {
    "valid": _("valid"),
    "expired": _("expired"),
    "revoked": _("revoked"),
    "not_yet_valid": _("not yet valid"),
}


def validity_label(status: str) -> str:
    return str(VALIDITY_LABELS.get(status, status))


def listing_validity(listing: Listing, today: dt.date | None = None) -> str:
    return engine.validity_status(
        today or timezone.localdate(),
        listing.valid_from,
        listing.valid_until,
        listing.status == ListingStatus.REVOKED,
    )


def certificate_validity(certificate: FarmCertificate, today: dt.date | None = None) -> str:
    return engine.validity_status(
        today or timezone.localdate(),
        certificate.valid_from,
        certificate.valid_until,
        certificate.revoked,
    )


def schemes() -> QuerySet[Scheme]:
    return Scheme.objects.all()


def region_and_below(code: str) -> list[str]:
    """``code`` and the codes of regions inside it (two levels are enough for Qinghai)."""
    return list(
        Region.objects.filter(
            Q(code=code) | Q(parent__code=code) | Q(parent__parent__code=code)
        ).values_list("code", flat=True)
    )


def public_listings(
    *,
    scheme: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    industry: str | None = None,
    q: str | None = None,
    include_revoked: bool = False,
) -> QuerySet[Listing]:
    listings = Listing.objects.select_related("scheme", "region", "region__parent")
    if not include_revoked:
        listings = listings.filter(status=ListingStatus.ACTIVE)
    if scheme:
        listings = listings.filter(scheme__code=scheme)
    if kind:
        listings = listings.filter(scheme__listing_kind=kind)
    if region:
        listings = listings.filter(region__code__in=region_and_below(region))
    if industry:
        listings = listings.filter(industry_code__startswith=industry)
    if q:
        listings = listings.filter(Q(name_zh__icontains=q) | Q(certificate_no__icontains=q))
    return listings.order_by("scheme__code", "region__code", "name_zh", "certificate_no")


def prefecture_of(region: Region) -> Region:
    node = region
    while node.level == RegionLevel.COUNTY and node.parent is not None:
        node = node.parent
    return node


def counts_per_prefecture(
    kinds: tuple[str, ...] = ("green_factory", "green_park"),
) -> list[dict[str, Any]]:
    """Active listings per prefecture and kind, for the supervision board (measure 4).

    One row per prefecture-level unit (and one for listings recorded only at province level):
    ``{"region": code, "name": ..., "green_factory": n, "green_park": n}``. A name listed at
    several levels counts once per kind.
    """
    prefectures = list(Region.objects.filter(level=RegionLevel.PREFECTURE).order_by("code"))
    rows: dict[str, dict[str, Any]] = {
        region.code: {"region": region.code, "name": region.name, **{kind: 0 for kind in kinds}}
        for region in prefectures
    }
    seen: set[tuple[str, str, str]] = set()
    listings = Listing.objects.filter(
        status=ListingStatus.ACTIVE, scheme__listing_kind__in=kinds
    ).select_related("region", "region__parent", "scheme")
    today = timezone.localdate()
    for listing in listings:
        if listing_validity(listing, today) != "valid":
            continue
        prefecture = prefecture_of(listing.region)
        key = (prefecture.code, listing.scheme.listing_kind, listing.name_zh)
        if key in seen:
            continue
        seen.add(key)
        row = rows.setdefault(
            prefecture.code,
            {"region": prefecture.code, "name": prefecture.name, **{kind: 0 for kind in kinds}},
        )
        row[listing.scheme.listing_kind] += 1
    return [rows[code] for code in sorted(rows)]


def visible_applications(user: Any) -> QuerySet[Application]:
    apps = Application.objects.select_related("scheme", "applicant", "applicant__region")
    role = role_of(user)
    if role is None:
        return apps.none()
    if reads_everything(user):
        return apps
    from greenloop.registry.services import is_scheme_official

    own = Q(applicant_id=user.organization_id) if user.organization_id else Q(pk__in=[])
    scope = region_scope(user)
    if scope is not None:
        own |= Q(applicant__region__code__in=region_and_below(scope.code))
    official = [scheme.pk for scheme in Scheme.objects.all() if is_scheme_official(user, scheme)]
    submitted = Q(scheme_id__in=official) & ~Q(status=ApplicationStatus.DRAFT)
    return apps.filter(own | submitted)


def visible_application(user: Any, pk: int) -> Application | None:
    return visible_applications(user).filter(pk=pk).first()


def to_review(user: Any) -> QuerySet[Application]:
    return visible_applications(user).filter(
        status__in=[
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.ASSESSED,
            ApplicationStatus.REVIEWED,
        ]
    )


def expiring_listings(days: int = 180, today: dt.date | None = None) -> QuerySet[Listing]:
    today = today or timezone.localdate()
    return (
        Listing.objects.filter(
            status=ListingStatus.ACTIVE,
            valid_until__isnull=False,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=days),
        )
        .select_related("scheme", "region")
        .order_by("valid_until")
    )


def expiring_certificates(
    days: int = 90, today: dt.date | None = None
) -> QuerySet[FarmCertificate]:
    today = today or timezone.localdate()
    return (
        FarmCertificate.objects.filter(
            revoked=False,
            valid_until__isnull=False,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=days),
        )
        .select_related("region")
        .order_by("valid_until")
    )


# --- traceability ---------------------------------------------------------------------------


def public_certificate(certificate: FarmCertificate, today: dt.date) -> dict[str, Any]:
    status = certificate_validity(certificate, today)
    return {
        "certificate_no": certificate.certificate_no,
        "kind": certificate.kind,
        "kind_label": str(certificate.get_kind_display()),
        "product": certificate.product_zh,
        "holder": certificate.holder_name,
        "region": certificate.region.name,
        "certifier": certificate.certifier,
        "valid_from": certificate.valid_from,
        "valid_until": certificate.valid_until,
        "status": status,
        "status_label": validity_label(status),
        "revoked_reason": certificate.revoked_reason if certificate.revoked else "",
        "confirmed": certificate.confirmed or certificate.is_demonstration,
        "is_demonstration": certificate.is_demonstration,
    }


def trace(code: str, today: dt.date | None = None) -> dict[str, Any] | None:
    """What the public may see of a batch: never internal notes, actors or amounts sold.

    None when no batch has the code.
    """
    batch = (
        Batch.objects.select_related("producer", "region")
        .filter(code=(code or "").strip().upper())
        .first()
    )
    if batch is None:
        return None
    today = today or timezone.localdate()
    certificates = [
        public_certificate(item, today) for item in batch.certificates.select_related("region")
    ]
    return {
        "code": batch.code,
        "product": batch.product_zh,
        "producer": batch.producer.name_zh,
        "region": batch.region.name,
        "region_code": batch.region.code,
        "quantity": batch.quantity,
        "is_demonstration": batch.is_demonstration
        or any(item["is_demonstration"] for item in certificates),
        "as_of": today,
        "all_valid": bool(certificates) and all(item["status"] == "valid" for item in certificates),
        "certificates": certificates,
        "input_totals": input_totals(batch),
        "events": [
            {
                "stage": event.stage,
                "stage_label": str(event.get_stage_display()),
                "date": event.date,
                "input_kind": event.input_kind,
                "description": event.description,
                "amount": float(event.amount)
                if event.amount is not None and event.stage != "sale"
                else None,
                "unit": event.unit if event.stage != "sale" else "",
                "result": event.result,
            }
            for event in batch.events.all()
        ],
    }


def input_totals(batch: Batch) -> list[dict[str, Any]]:
    """Farm inputs of a batch summed by kind and unit (fertilizer, pesticide, veterinary drug:
    the uses measure 5 asks to reduce), for the trace page and the producer."""
    totals: dict[tuple[str, str], float] = {}
    for event in batch.events.filter(stage="input"):
        key = (event.input_kind, event.unit)
        totals[key] = totals.get(key, 0.0) + float(event.amount or 0)
    return [
        {
            "input_kind": kind,
            "label": str(InputKind(kind).label) if kind in InputKind.values else kind,
            "unit": unit,
            "amount": round(amount, 3),
        }
        for (kind, unit), amount in sorted(totals.items())
    ]


def can_view_batch(user: Any, batch: Batch) -> bool:
    return can_view_owned(user, batch.producer)


# --- circular parks -------------------------------------------------------------------------


@dataclass
class ParkEvaluation:
    indicators: list[dict[str, Any]]
    ranking: list[dict[str, Any]]
    source: str
    is_demonstration: bool


def park_evaluation() -> ParkEvaluation:
    spec = json.loads((DATA_DIR / "circular_park_indicators.json").read_text(encoding="utf-8"))
    with (DATA_DIR / "circular_park_values_demo.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    indicators = [
        engine.ParkIndicator(item["code"], float(item["weight"]), item["direction"])
        for item in spec["indicators"]
    ]
    values = {
        row["park_code"]: {
            item.code: (float(row[item.code]) if row.get(item.code) else None)
            for item in indicators
        }
        for row in rows
    }
    names = {row["park_code"]: row["park_name_zh"] for row in rows}
    ranking = [
        {
            "park": item.park,
            "name": names[item.park],
            "rank": item.rank,
            "score": item.score,
            "contributions": item.contributions,
            "values": values[item.park],
            "missing": list(item.missing),
        }
        for item in engine.rank_parks(indicators, values)
    ]
    return ParkEvaluation(
        indicators=spec["indicators"],
        ranking=ranking,
        source=f"{spec['source']} {spec['weights_source']}",
        is_demonstration=any("demonstration" in row["source"] for row in rows),
    )


def monitoring_links(scheme: Scheme) -> list[dict[str, Any]]:
    """The scheme's indicators that refer to the monitoring catalogue by code."""
    definition = engine.parse_scheme(scheme.definition)
    codes = [item.monitoring_code for item in definition.indicators() if item.monitoring_code]
    in_catalogue = set(
        monitoring.indicators().filter(code__in=codes).values_list("code", flat=True)
    )
    return [
        {
            "indicator": item.code,
            "name": item.name_zh,
            "monitoring_code": item.monitoring_code,
            "in_catalogue": item.monitoring_code in in_catalogue,
        }
        for item in definition.indicators()
        if item.monitoring_code
    ]


def online_monitoring_code(listing: Listing, user: Any) -> str | None:
    """The listed organization's code when enterprise online monitoring covers it and the
    user may see it there (the enterprise page applies the same rule)."""
    if listing.organization is None:
        return None
    found = enterprise.visible_enterprise(user, listing.organization.code)
    return found.code if found is not None else None


def public_certificates(
    *, kind: str | None = None, region: str | None = None, q: str | None = None
) -> QuerySet[FarmCertificate]:
    certificates = FarmCertificate.objects.select_related("region")
    if kind:
        certificates = certificates.filter(kind=kind)
    if region:
        certificates = certificates.filter(region__code__in=region_and_below(region))
    if q:
        certificates = certificates.filter(
            Q(product_zh__icontains=q)
            | Q(certificate_no__icontains=q)
            | Q(holder_name__icontains=q)
        )
    return certificates.order_by("kind", "region__code", "product_zh", "certificate_no")
