"""Douglas–Peucker simplification of boundary rings, and geometry checks."""

from __future__ import annotations

import itertools
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenloop.geo import calc
from greenloop.geo.tests.reference import PACKAGE_DATA, rings

coordinate = st.integers(min_value=-1000, max_value=1000).map(lambda n: n / 10)
point = st.tuples(coordinate, coordinate).map(list)


@st.composite
def closed_rings(draw: st.DrawFn) -> list[list[float]]:
    body = draw(st.lists(point, min_size=3, max_size=60))
    return [*body, list(body[0])]


tolerances = st.floats(min_value=0, max_value=50, allow_nan=False)


def is_subsequence(part: list[list[float]], whole: list[list[float]]) -> bool:
    remaining = iter(whole)
    return all(any(p == q for q in remaining) for p in part)


@settings(max_examples=300, deadline=None)
@given(closed_rings(), tolerances)
def test_simplified_ring_is_an_ordered_subset_with_its_ends_and_at_least_4_points(ring, tolerance):
    simplified = calc.simplify_ring(ring, tolerance)
    assert is_subsequence(simplified, ring)
    assert simplified[0] == ring[0] and simplified[-1] == ring[-1]  # kept, so still closed
    assert len(simplified) >= min(4, len(ring))


@settings(max_examples=200, deadline=None)
@given(closed_rings(), tolerances, tolerances)
def test_a_larger_tolerance_keeps_a_subset_of_the_points(ring, first, second):
    low, high = sorted((first, second))
    assert is_subsequence(calc.simplify_ring(ring, high), calc.simplify_ring(ring, low))


def distance_to_segment(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


@settings(max_examples=200, deadline=None)
@given(closed_rings(), st.floats(min_value=0.01, max_value=20))
def test_dropped_points_lie_within_the_tolerance_of_the_kept_outline(ring, tolerance):
    kept = calc.kept_indices(ring, tolerance)
    assert calc.simplify_ring(ring, tolerance) == [ring[i] for i in kept]
    if len(kept) <= 4:
        return  # the 4-point floor may keep points a plain Douglas–Peucker would not
    for start, end in itertools.pairwise(kept):
        for i in range(start + 1, end):
            assert distance_to_segment(ring[i], ring[start], ring[end]) <= tolerance + 1e-9


def test_tolerance_zero_keeps_every_point_and_collinear_points_go() -> None:
    square = [[0, 0], [1, 0], [2, 0], [2, 1], [2, 2], [1, 2], [0, 2], [0, 1], [0, 0]]
    assert calc.simplify_ring(square, 0) == square
    assert calc.simplify_ring(square, 0.1) == [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]


def test_rounding_drops_repeated_points_but_keeps_rings_closed() -> None:
    ring = [[0.0, 0.0], [1.00001, 0.0], [1.00002, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    rounded = calc.round_ring(ring, 3)
    assert rounded == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    tiny = [[0.00001, 0.0], [0.00002, 0.0], [0.0, 0.00001], [0.00001, 0.0]]
    assert len(calc.round_ring(tiny, 2)) == 4


def test_a_real_boundary_shrinks_and_stays_valid() -> None:
    data = json.loads((PACKAGE_DATA / "632800.geojson").read_text(encoding="utf-8"))
    geometry = calc.parse_geometry(data)
    light = calc.simplify_geometry(geometry, 0.01, digits=calc.digits_for(0.01))
    assert calc.count_positions(light) < calc.count_positions(geometry) / 4
    assert calc.parse_geometry(light)["type"] == geometry["type"]
    assert len(rings(light)) == len(rings(geometry))


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"type": "Point", "coordinates": [1, 2]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}, "at least 4"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}, "not closed"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, "x"], [0, 0]]]}, "position 3"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]}, "outside"),
        ({"type": "MultiPolygon", "coordinates": []}, "no polygon"),
    ],
)
def test_bad_geometry_is_refused_with_its_place(data: dict, fragment: str) -> None:
    with pytest.raises(calc.InvalidGeometry) as caught:
        calc.parse_geometry(data)
    assert fragment in str(caught.value)


def test_a_feature_is_unwrapped_to_its_geometry() -> None:
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    assert calc.parse_geometry(feature) == {"type": "Polygon", "coordinates": [ring]}
