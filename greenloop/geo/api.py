"""/api/regions: the administrative regions and their boundaries, public open data.

Every endpoint here is readable without logging in (``auth=None``). Names follow the
request's language (``name``); invalid parameters give 422 with the parameter named in
``loc`` and in the message; unknown regions give 404.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from greenloop.geo import calc, selectors
from greenloop.geo.errors import explain
from greenloop.geo.models import Region

router = Router(tags=["regions"])

GEOJSON_MAX_AGE = 3600  # seconds; boundaries change only when the data is reloaded


class ChildOut(Schema):
    code: str
    name_zh: str
    name_en: str
    name: str
    level: str


class RegionOut(ChildOut):
    parent: str | None

    @staticmethod
    def resolve_parent(obj: Region) -> str | None:
        return obj.parent.code if obj.parent_id and obj.parent else None


class RegionDetailOut(RegionOut):
    level_label: str
    source: str
    boundary_source: str
    children: list[ChildOut]

    @staticmethod
    def resolve_level_label(obj: Region) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_children(obj: Region) -> list[Region]:
        return list(selectors.children_of(obj))


class ErrorItem(Schema):
    loc: list[str]
    msg: str


class InvalidOut(Schema):
    detail: list[ErrorItem]


class NotFoundOut(Schema):
    detail: str


# Parameters are plain strings so that the messages about them are ours, translated.
class RegionFilter(Schema):
    level: str | None = Field(None, description="province, prefecture or county")
    parent: str | None = Field(None, description="code of the parent region, e.g. 630000")


class _BadParameter(Exception):
    def __init__(self, where: str, name: str, why: str) -> None:
        self.body = {
            "detail": [
                {
                    "loc": [where, name],
                    "msg": _("Parameter “%(name)s”: %(why)s") % {"name": name, "why": why},
                }
            ]
        }


def _code(code: str) -> str:
    try:
        return calc.validate_code(code)
    except calc.Invalid as error:
        raise _BadParameter("path", "code", explain(error)) from error


def _region(code: str) -> Region | None:
    try:
        return selectors.get_region(_code(code))
    except Region.DoesNotExist:
        return None


def _not_found(code: str) -> Status[dict[str, str]]:
    return Status(404, {"detail": _("No region has the code “%(code)s”.") % {"code": code}})


def _tolerance(value: str | None, default: float) -> float:
    if value is None or value.strip() == "":
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0:
        why = _("“%(value)s” is not a number of degrees, 0 or more") % {"value": value}
        raise _BadParameter("query", "tolerance", why)
    return number


def _geojson_response(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    """GeoJSON for public caching, varying with the language (names are translated)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response: HttpResponse
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=GEOJSON_MAX_AGE)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


TOLERANCE_HELP = "simplification tolerance in degrees (0: full detail)"
ERRORS = {404: NotFoundOut, 422: InvalidOut}


@router.get("", auth=None, response={200: list[RegionOut], 422: InvalidOut}, summary="Regions")
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> Any:
    try:
        level = None
        if filters.level is not None:
            try:
                level = calc.validate_level(filters.level.strip())
            except calc.Invalid as error:
                raise _BadParameter("query", "level", explain(error)) from error
        parent = None
        if filters.parent is not None:
            try:
                parent = calc.validate_code(filters.parent)
            except calc.Invalid as error:
                raise _BadParameter("query", "parent", explain(error)) from error
    except _BadParameter as bad:
        return Status(422, bad.body)
    return Status(200, list(selectors.list_regions(level=level, parent_code=parent)))


@router.get(
    "/{code}",
    auth=None,
    response={200: RegionDetailOut, **ERRORS},
    summary="One region and its direct children",
    url_name="region",
)
def get_region(request: HttpRequest, code: str) -> Any:
    try:
        region = _region(code)
    except _BadParameter as bad:
        return Status(422, bad.body)
    return Status(200, region) if region is not None else _not_found(code)


@router.get(
    "/{code}/geojson",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    summary="The region's boundary as a GeoJSON Feature",
    url_name="region-geojson",
)
def region_geojson(
    request: HttpRequest, code: str, tolerance: str | None = Query(None, description=TOLERANCE_HELP)
) -> Any:
    try:
        region = _region(code)
        degrees = _tolerance(tolerance, 0.0)
    except _BadParameter as bad:
        return Status(422, bad.body)
    if region is None:
        return _not_found(code)
    feature = selectors.region_feature(region, degrees)
    if feature is None:
        return Status(404, {"detail": _("Region “%(code)s” has no boundary.") % {"code": code}})
    return _geojson_response(request, feature)


@router.get(
    "/{code}/children/geojson",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    summary="The direct children's boundaries as a GeoJSON FeatureCollection",
    description=(
        f"Simplified by default (tolerance {selectors.CHILDREN_TOLERANCE} degrees) for maps; "
        "tolerance=0 gives full detail."
    ),
    url_name="region-children-geojson",
)
def children_geojson(
    request: HttpRequest, code: str, tolerance: str | None = Query(None, description=TOLERANCE_HELP)
) -> Any:
    try:
        region = _region(code)
        degrees = _tolerance(tolerance, selectors.CHILDREN_TOLERANCE)
    except _BadParameter as bad:
        return Status(422, bad.body)
    if region is None:
        return _not_found(code)
    return _geojson_response(request, selectors.children_collection(region, degrees))
