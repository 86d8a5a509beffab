"""Reads: current values (as of any moment), series, evaluations and the index."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from greenloop.accounts import permissions
from greenloop.accounts.roles import Role
from greenloop.geo.models import Region
from greenloop.monitoring import calc
from greenloop.monitoring.models import (
    Catalogue,
    Indicator,
    Observation,
    ReferenceResult,
    Target,
    Upload,
    UploadState,
)

PROVINCE = "630000"


def indicators(catalogue: str | None = None) -> QuerySet[Indicator]:
    items = Indicator.objects.select_related("department")
    return items.filter(catalogue=catalogue) if catalogue else items


def published(as_of: dt.datetime | None = None) -> QuerySet[Observation]:
    items = Observation.objects.filter(published_at__isnull=False)
    if as_of is not None:
        items = items.filter(published_at__lte=as_of)
    return items


def current(as_of: dt.datetime | None = None) -> QuerySet[Observation]:
    """The version in force of every value at ``as_of`` (now when None)."""
    newer = (
        published(as_of)
        .filter(
            indicator=OuterRef("indicator"),
            region=OuterRef("region"),
            period=OuterRef("period"),
        )
        .filter(
            Q(published_at__gt=OuterRef("published_at"))
            | Q(published_at=OuterRef("published_at"), id__gt=OuterRef("id"))
        )
    )
    return (
        published(as_of)
        .filter(~Exists(newer))
        .select_related("indicator", "region", "submitted_by", "upload__organization")
    )


def observations(
    *,
    indicator: str | None = None,
    region: str | None = None,
    period: str | None = None,
    as_of: dt.datetime | None = None,
    history: bool = False,
) -> QuerySet[Observation]:
    items = (
        published(as_of).select_related("indicator", "region", "submitted_by")
        if history
        else current(as_of)
    )
    if indicator:
        items = items.filter(indicator__code=indicator)
    if region:
        items = items.filter(region__code=region)
    if period:
        items = items.filter(period=period)
    return items.order_by("indicator__order", "region__code", "period", "published_at", "id")


def versions(indicator: str, region: str, period: str) -> QuerySet[Observation]:
    """Every published version of one value, oldest first."""
    return observations(indicator=indicator, region=region, period=period, history=True)


def yearly(
    codes: list[str] | None = None, as_of: dt.datetime | None = None
) -> dict[tuple[str, str], dict[int, float]]:
    """(indicator, region) → {year: value} of current yearly numeric values."""
    items = current(as_of).filter(value__isnull=False).exclude(period__contains="Q")
    items = items.exclude(period__contains="-")
    if codes is not None:
        items = items.filter(indicator__code__in=codes)
    out: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for code, region, year, value in items.values_list(
        "indicator__code", "region__code", "year", "value"
    ):
        if value is not None:
            out[(code, region)][year] = value
    return out


@dataclass
class TargetEvaluation:
    target: Target
    evaluation: calc.Evaluation


def evaluations(year: int, region: str | None = None) -> list[TargetEvaluation]:
    targets = Target.objects.select_related("indicator", "region")
    if region:
        targets = targets.filter(region__code=region)
    series = yearly([t.indicator.code for t in targets])
    found = []
    for target in targets:
        spec = calc.TargetSpec(target.kind, target.value, target.target_year, target.base_year)
        values = series.get((target.indicator.code, target.region.code), {})
        found.append(TargetEvaluation(target, calc.evaluate(spec, values, year)))
    ranked = calc.rank_warnings([(item.target, item.evaluation) for item in found])
    order = {id(target): position for position, (target, _e) in enumerate(ranked)}
    return sorted(found, key=lambda item: order[id(item.target)])


def latest_year() -> int:
    last = published().order_by("-year").values_list("year", flat=True).first()
    return int(last) if last else timezone.now().year - 1


# --- green development index --------------------------------------------------------------


@dataclass
class IndexView:
    year: int
    level: str
    regions: dict[str, Region]
    result: calc.IndexResult
    indicators: dict[str, Indicator]
    covered: list[str]  # GDI indicators with data for at least one compared region
    reference: list[ReferenceResult]
    category_weights: dict[str, float]


def gdi_indicators() -> list[Indicator]:
    return list(
        Indicator.objects.filter(catalogue=Catalogue.GDI2016, weight__isnull=False).order_by(
            "order"
        )
    )


def compared_regions(level: str) -> list[Region]:
    if level == "prefecture":
        return list(Region.objects.filter(parent__code=PROVINCE, level="prefecture"))
    return list(Region.objects.filter(level="province"))


def _feeds(items: list[Indicator], year: int, codes: list[str]) -> dict[str, dict[str, float]]:
    """Index indicator → region → value in ``year``: observed, or else derived from observed
    parts (a share from its numerator and denominator, see ``calc.DERIVED``)."""
    feeds = {item.feeds_from for item in items if item.feeds_from}
    needed = set(feeds)
    for code in feeds & set(calc.DERIVED):
        needed.update(calc.DERIVED[code][:2])
    values = yearly(sorted(needed))

    def by_region(code: str) -> dict[str, float]:
        return {
            region: series[year]
            for (name, region), series in values.items()
            if name == code and region in codes and year in series
        }

    data: dict[str, dict[str, float]] = {}
    for item in items:
        if not item.feeds_from:
            continue
        observed = by_region(item.feeds_from)
        if item.feeds_from in calc.DERIVED:
            numerator, denominator, _factor = calc.DERIVED[item.feeds_from]
            derived = calc.derive(item.feeds_from, by_region(numerator), by_region(denominator))
            observed = {**derived, **observed}
        data[item.code] = observed
    return data


def gdi_latest_year(level: str) -> int | None:
    """The latest year in which at least half of the compared regions have a value of an
    index indicator (observed or derived)."""
    items = gdi_indicators()
    codes = [region.code for region in compared_regions(level)]
    years = sorted({year for series in yearly().values() for year in series}, reverse=True)
    for year in years:
        covered = {region for values in _feeds(items, year, codes).values() for region in values}
        if len(covered) * 2 >= len(codes) and covered:
            return year
    return None


def green_development_index(year: int, level: str = "prefecture") -> IndexView:
    items = gdi_indicators()
    regions = {region.code: region for region in compared_regions(level)}
    weights = {item.category: item.category_weight or 0.0 for item in items}
    specs = [
        calc.IndexIndicator(item.code, item.category, item.weight or 0.0, item.direction)
        for item in items
    ]
    data = _feeds(items, year, list(regions))
    result = calc.green_development_index(specs, data, list(regions), weights)
    return IndexView(
        year=year,
        level=level,
        regions=regions,
        result=result,
        indicators={item.code: item for item in items},
        covered=[code for code, values in data.items() if values],
        reference=list(ReferenceResult.objects.filter(year=year)),
        category_weights=weights,
    )


def reference_years() -> list[int]:
    return sorted(set(ReferenceResult.objects.values_list("year", flat=True)))


# --- uploads ------------------------------------------------------------------------------


def visible_uploads(user: Any) -> QuerySet[Upload]:
    items = Upload.objects.select_related("organization", "submitted_by", "reviewed_by")
    if permissions.reads_everything(user):
        return items
    if permissions.role_of(user) is None or not user.organization_id:
        return items.none()
    return items.filter(organization_id=user.organization_id)


def inbox(user: Any) -> QuerySet[Upload]:
    """Uploads the user may review, waiting for review."""
    items = visible_uploads(user).filter(state=UploadState.PENDING)
    role = permissions.role_of(user)
    if role in {Role.ADMIN, Role.COORDINATOR}:
        return items
    if role == Role.DEPT_REVIEWER:
        return items.exclude(submitted_by=user)
    return items.none()


# --- reads for other domains (policy tasks and reports, carbon scenarios) -------------------


@dataclass(frozen=True)
class IndicatorRef:
    """One catalogue indicator as another domain shows it, with the published province value."""

    code: str
    name: str
    unit: str
    value: float | None = None
    value_text: str = ""
    demonstration: bool = False
    source: str = ""


def indicator_refs(
    codes: list[str], year: int | None = None, region: str = PROVINCE
) -> dict[str, IndicatorRef]:
    """Catalogue indicators among ``codes`` (name in the active language, unit) and, when ``year``
    is given, the current published yearly value of ``region`` for that year. Codes not in the
    catalogue are absent from the result."""
    found = {item.code: item for item in Indicator.objects.filter(code__in=codes)}
    values: dict[str, Observation] = {}
    if year is not None and found:
        items = current().filter(
            indicator__code__in=list(found), region__code=region, year=year, period=str(year)
        )
        values = {obs.indicator.code: obs for obs in items}
    refs = {}
    for code, item in found.items():
        obs = values.get(code)
        refs[code] = IndicatorRef(
            code=code,
            name=item.name,
            unit=item.unit,
            value=obs.value if obs else None,
            value_text=obs.value_text if obs else "",
            demonstration=obs.demonstration if obs else False,
            source=obs.source if obs else "",
        )
    return refs


def province_targets(code: str, region: str = PROVINCE) -> QuerySet[Target]:
    """Targets of indicator ``code`` for ``region`` (province by default), by target year."""
    return (
        Target.objects.filter(indicator__code=code, region__code=region)
        .select_related("indicator", "region")
        .order_by("target_year", "code")
    )
