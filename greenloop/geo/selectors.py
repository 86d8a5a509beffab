"""Reads of regions and their boundaries (public open data: no permission needed).

Region lists never load the boundaries (up to a megabyte of text each); the GeoJSON readers
load them and serve them whole or simplified, keeping simplified shapes in Django's cache.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from greenloop.geo import calc
from greenloop.geo.models import Region, RegionLevel

# Default simplification of the children map, in degrees (about 500 m): the 8 Qinghai
# prefectures come to ~85 KB instead of ~1.5 MB, with no visible change at page size.
CHILDREN_TOLERANCE = 0.005
_CACHE_SECONDS = 24 * 3600


def _light() -> QuerySet[Region]:
    return Region.objects.defer("boundary").select_related("parent").defer("parent__boundary")


def list_regions(*, level: str | None = None, parent_code: str | None = None) -> QuerySet[Region]:
    """Regions by code, optionally of one level and/or directly below one parent."""
    regions = _light()
    if level is not None:
        regions = regions.filter(level=calc.validate_level(level))
    if parent_code is not None:
        regions = regions.filter(parent__code=parent_code)
    return regions.order_by("code")


def get_region(code: str) -> Region:
    """The region with this code (its boundary loaded only if asked for); DoesNotExist else."""
    return _light().get(code=code)


def children_of(region: Region) -> QuerySet[Region]:
    return Region.objects.defer("boundary").filter(parent=region).order_by("code")


def counts_by_level() -> dict[str, int]:
    counts = dict.fromkeys(RegionLevel.values, 0)
    for row in Region.objects.values("level").annotate(n=Count("id")).order_by():
        counts[row["level"]] = row["n"]
    return counts


def boundary_geometry(region: Region, tolerance: float = 0.0) -> dict[str, Any] | None:
    """The region's boundary as a GeoJSON geometry (None if it has none).

    ``tolerance`` > 0 (degrees) simplifies it and rounds coordinates to match.
    """
    text = Region.objects.filter(pk=region.pk).values_list("boundary", flat=True).first()
    if not text:
        return None
    if tolerance <= 0:
        return json.loads(text)  # type: ignore[no-any-return]
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"geo:simplified:{digest}:{tolerance!r}"
    geometry: dict[str, Any] | None = cache.get(key)
    if geometry is None:
        geometry = calc.simplify_geometry(
            json.loads(text), tolerance, digits=calc.digits_for(tolerance)
        )
        cache.set(key, geometry, _CACHE_SECONDS)
    return geometry


def _properties(region: Region) -> dict[str, str]:
    return {
        "code": region.code,
        "name": region.name,
        "name_zh": region.name_zh,
        "name_en": region.name_en,
        "level": region.level,
    }


def region_feature(region: Region, tolerance: float = 0.0) -> dict[str, Any] | None:
    """A GeoJSON Feature of the region's boundary, or None if it has no boundary."""
    geometry = boundary_geometry(region, tolerance)
    if geometry is None:
        return None
    return {"type": "Feature", "properties": _properties(region), "geometry": geometry}


def children_collection(region: Region, tolerance: float = CHILDREN_TOLERANCE) -> dict[str, Any]:
    """A FeatureCollection of the direct children that have a boundary.

    ``properties.name`` is in the active language: ECharts matches map data on it.
    """
    features = []
    for child in children_of(region):
        feature = region_feature(child, tolerance)
        if feature is not None:
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}
