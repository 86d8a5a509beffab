"""Region codes and boundary geometry. Pure Python: no Django here.

Region codes (GB/T 2260): six digits ``PPCCXX`` — ``PP`` the province, ``CC`` the
prefecture-level unit, ``XX`` the county-level unit. The level follows from the code:
``PP0000`` is a province, ``PPCC00`` a prefecture, anything else a county; the parent of a
county is ``PPCC00`` and that of a prefecture ``PP0000``. County-level units administered
directly by a province sit in the group ``PP90XX``, whose parent may be ``PP9000`` (as in the
code list) or the province itself.

Geometry: GeoJSON ``Polygon``/``MultiPolygon`` in lon/lat. :func:`simplify_geometry` thins each
ring with Douglas–Peucker (never below 4 points, so every ring stays a valid closed ring) and
optionally rounds coordinates, to serve light maps.

Errors carry an English message template (marked for translation with the local
``gettext_noop``) and its parameters, so Django code can show them in any language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

PROVINCE = "province"
PREFECTURE = "prefecture"
COUNTY = "county"
LEVELS = (PROVINCE, PREFECTURE, COUNTY)
_LEVEL_ABOVE = {PREFECTURE: PROVINCE, COUNTY: PREFECTURE}

# First two digits of the provincial-level units in GB/T 2260 (a fact of the standard).
PROVINCE_PREFIXES = frozenset(
    {
        *("11", "12", "13", "14", "15"),
        *("21", "22", "23"),
        *("31", "32", "33", "34", "35", "36", "37"),
        *("41", "42", "43", "44", "45", "46"),
        *("50", "51", "52", "53", "54"),
        *("61", "62", "63", "64", "65"),
        *("71", "81", "82"),
    }
)
DIRECT_COUNTY_GROUP = "90"  # PP90XX: county-level units administered by the province

Position = list[float]
Ring = list[Position]


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue (makemessages) without translating it."""
    return message


class Invalid(ValueError):
    """Input that breaks a rule; ``template % params`` (English) says why."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)


class InvalidRegionCode(Invalid):
    pass


class InvalidGeometry(Invalid):
    pass


# --- region codes ---------------------------------------------------------------------------


def validate_code(code: object) -> str:
    """The code, stripped, if it is a well-formed region code; else :class:`InvalidRegionCode`."""
    text = str(code if code is not None else "").strip()
    if not text:
        raise InvalidRegionCode(gettext_noop("the region code is empty"))
    if len(text) != 6 or not text.isascii() or not text.isdigit():
        raise InvalidRegionCode(
            gettext_noop("“%(code)s” is not a region code: it must be exactly 6 digits"),
            code=text,
        )
    if text[:2] not in PROVINCE_PREFIXES:
        raise InvalidRegionCode(
            gettext_noop("“%(code)s”: %(prefix)s is not the code of a province (first 2 digits)"),
            code=text,
            prefix=text[:2],
        )
    if text[2:4] == "00" and text[4:] != "00":
        raise InvalidRegionCode(
            gettext_noop(
                "“%(code)s”: a county-level code needs a prefecture part (digits 3–4) other than 00"
            ),
            code=text,
        )
    return text


def level_of(code: str) -> str:
    """province, prefecture or county, as the (well-formed) code implies."""
    code = validate_code(code)
    if code[2:] == "0000":
        return PROVINCE
    if code[4:] == "00":
        return PREFECTURE
    return COUNTY


def parent_codes_for(code: str) -> tuple[str, ...]:
    """The codes the parent of ``code`` may have (first the usual one); () for a province."""
    level = level_of(code)
    if level == PROVINCE:
        return ()
    province = code[:2] + "0000"
    if level == PREFECTURE:
        return (province,)
    if code[2:4] == DIRECT_COUNTY_GROUP:
        return (code[:4] + "00", province)
    return (code[:4] + "00",)


def validate_level(level: str) -> str:
    if level not in LEVELS:
        raise Invalid(
            gettext_noop("“%(level)s” is not a level: use province, prefecture or county"),
            level=level,
        )
    return level


def check_level(code: str, level: str) -> None:
    """The declared ``level`` must be the one the code implies."""
    validate_level(level)
    implied = level_of(code)
    if level != implied:
        raise InvalidRegionCode(
            gettext_noop("the code “%(code)s” is that of a %(implied)s, not a %(level)s"),
            code=code,
            implied=implied,
            level=level,
        )


def check_parent(code: str, parent_code: str | None) -> None:
    """``parent_code`` must be the one the code implies (none for a province)."""
    allowed = parent_codes_for(code)
    if not allowed:
        if parent_code:
            raise InvalidRegionCode(
                gettext_noop("“%(code)s” is a province and has no parent, not “%(parent)s”"),
                code=code,
                parent=parent_code,
            )
        return
    if not parent_code:
        raise InvalidRegionCode(
            gettext_noop("“%(code)s” needs a parent: “%(expected)s”"),
            code=code,
            expected=allowed[0],
        )
    if parent_code not in allowed:
        raise InvalidRegionCode(
            gettext_noop("the parent of “%(code)s” must be “%(expected)s”, not “%(parent)s”"),
            code=code,
            expected=allowed[0],
            parent=parent_code,
        )


def level_above(level: str) -> str | None:
    return _LEVEL_ABOVE.get(level)


# --- geometry -------------------------------------------------------------------------------


def parse_geometry(data: object) -> dict[str, Any]:
    """A checked ``{"type", "coordinates"}`` Polygon/MultiPolygon from GeoJSON ``data``.

    Accepts the geometry itself or a Feature holding one. Positions keep lon and lat only.
    """
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise InvalidGeometry(
            gettext_noop("expected a Polygon or MultiPolygon geometry, found “%(kind)s”"),
            kind=str(kind),
        )
    coordinates = data.get("coordinates")
    polygons = [coordinates] if data["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise InvalidGeometry(gettext_noop("the geometry has no polygon"))
    checked = [_check_polygon(polygon, number) for number, polygon in enumerate(polygons, 1)]
    if data["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": checked[0]}
    return {"type": "MultiPolygon", "coordinates": checked}


def _check_polygon(polygon: object, number: int) -> list[Ring]:
    if not isinstance(polygon, list) or not polygon:
        raise InvalidGeometry(gettext_noop("polygon %(polygon)d has no ring"), polygon=number)
    return [_check_ring(ring, number, index) for index, ring in enumerate(polygon, 1)]


def _check_ring(ring: object, polygon: int, index: int) -> Ring:
    where = {"polygon": polygon, "ring": index}
    if not isinstance(ring, list) or len(ring) < 4:
        raise InvalidGeometry(
            gettext_noop("polygon %(polygon)d, ring %(ring)d: a ring needs at least 4 positions"),
            **where,
        )
    checked: Ring = []
    for point, position in enumerate(ring, 1):
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(_is_number(value) for value in position[:2])
        ):
            raise InvalidGeometry(
                gettext_noop(
                    "polygon %(polygon)d, ring %(ring)d, position %(point)d: not a [lon, lat] pair"
                ),
                point=point,
                **where,
            )
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise InvalidGeometry(
                gettext_noop(
                    "polygon %(polygon)d, ring %(ring)d, position %(point)d: "
                    "[%(lon)s, %(lat)s] is outside lon −180…180, lat −90…90"
                ),
                point=point,
                lon=position[0],
                lat=position[1],
                **where,
            )
        checked.append([position[0], position[1]])
    if checked[0] != checked[-1]:
        raise InvalidGeometry(
            gettext_noop(
                "polygon %(polygon)d, ring %(ring)d: not closed (first and last positions differ)"
            ),
            **where,
        )
    return checked


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def polygons_of(geometry: dict[str, Any]) -> list[list[Ring]]:
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else list(coordinates)


def _segment_distance(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Distance from ``p`` to the segment ``a``–``b`` (planar, in coordinate units)."""
    ax, ay = a[0], a[1]
    dx, dy = b[0] - ax, b[1] - ay
    px, py = p[0] - ax, p[1] - ay
    length2 = dx * dx + dy * dy
    if length2 > 0:
        t = max(0.0, min(1.0, (px * dx + py * dy) / length2))
        px, py = px - t * dx, py - t * dy
    return math.hypot(px, py)


def simplify_ring(ring: Sequence[Sequence[float]], tolerance: float) -> Ring:
    """Douglas–Peucker on a closed ring: a subset of its points, first and last kept.

    A point is kept when it lies farther than ``tolerance`` from the segment it splits and so
    do all the points that split before it. At least 4 points are kept (the two found first
    besides the ends), so a ring never degenerates.
    """
    return [list(ring[i]) for i in kept_indices(ring, tolerance)]


def kept_indices(ring: Sequence[Sequence[float]], tolerance: float) -> list[int]:
    """The indices of the points :func:`simplify_ring` keeps, in order."""
    n = len(ring)
    if tolerance <= 0 or n <= 4:
        return list(range(n))
    # weight[i]: distance at which point i was picked, capped by its ancestors' (so a point is
    # kept exactly when standard Douglas–Peucker keeps it); order[i]: when it was picked.
    weight = [0.0] * n
    weight[0] = weight[-1] = math.inf
    order = [n] * n
    picked = 0
    stack: list[tuple[int, int, float, int]] = [(0, n - 1, math.inf, 0)]
    while stack:
        first, last, cap, depth = stack.pop()
        if last - first < 2:
            continue
        a, b = ring[first], ring[last]
        index, distance = first + 1, -1.0
        for i in range(first + 1, last):
            d = _segment_distance(ring[i], a, b)
            if d > distance:
                index, distance = i, d
        effective = min(distance, cap)
        weight[index], order[index] = effective, picked
        picked += 1
        # Deeper splits matter only while kept, or to find the two first picks.
        if effective > tolerance or depth == 0:
            stack.append((first, index, effective, depth + 1))
            stack.append((index, last, effective, depth + 1))
    kept = {i for i in range(n) if weight[i] > tolerance}
    if len(kept) < 4:
        # Fewer than 2 interior points kept: those kept are among the 2 best ranked.
        first_picks = sorted(range(1, n - 1), key=lambda i: (-weight[i], order[i]))
        kept.update(first_picks[:2])
    return sorted(kept)


def round_ring(ring: Sequence[Sequence[float]], digits: int) -> Ring:
    """Coordinates rounded, repeated consecutive points dropped (never below 4 points)."""
    rounded = [[round(point[0], digits), round(point[1], digits)] for point in ring]
    deduplicated = [point for i, point in enumerate(rounded) if i == 0 or point != rounded[i - 1]]
    return deduplicated if len(deduplicated) >= 4 else rounded


def digits_for(tolerance: float) -> int:
    """Decimal places that keep rounding well below ``tolerance`` (at most 6)."""
    if tolerance <= 0:
        return 6
    return max(0, min(6, math.ceil(-math.log10(tolerance)) + 2))


def simplify_geometry(
    geometry: dict[str, Any], tolerance: float, digits: int | None = None
) -> dict[str, Any]:
    """The geometry with each ring simplified, and rounded to ``digits`` places if given."""

    def ring_out(ring: Ring) -> Ring:
        simplified = simplify_ring(ring, tolerance)
        return round_ring(simplified, digits) if digits is not None else simplified

    polygons = [[ring_out(ring) for ring in polygon] for polygon in polygons_of(geometry)]
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def count_positions(geometry: dict[str, Any]) -> int:
    return sum(len(ring) for polygon in polygons_of(geometry) for ring in polygon)
