"""Load the default organizations (``greenloop/data/orgs/organizations.csv``).

Idempotent: each row is compared with what is stored and only differences are written. The
whole file is checked first; a file with any bad row changes nothing and every problem is
reported with its file, row and column. Regions must be loaded before.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from greenloop.core.loading import DataFileError, LoadResult, Progress, record_load, upsert
from greenloop.geo.models import Region
from greenloop.orgs import calc
from greenloop.orgs.models import GOVERNMENT_KINDS, Organization, OrgKind
from greenloop.orgs.services import CODE_RE, explain

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "orgs" / "organizations.csv"
REQUIRED_COLUMNS = (
    "code",
    "name_zh",
    "name_en",
    "short_name_zh",
    "kind",
    "region_code",
    "parent_code",
    "duties",
    "source",
)
OPTIONAL_COLUMNS = ("uscc", "industry_code")
# Stored fields taken from the file as they are (after stripping). The optional columns are
# managed only when the file has them, so credit codes entered later are never blanked.
PLAIN_FIELDS = ("name_zh", "name_en", "short_name_zh", "kind", "duties", "source")


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    optional: tuple[str, ...]  # the optional columns the file has

    @property
    def code(self) -> str:
        return self.values["code"]


def _read(path: Path) -> tuple[list[_Row], list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            message = _("%(file)s: missing column(s) %(columns)s")
            return [], [message % {"file": path.name, "columns": ", ".join(missing)}]
        rows = []
        optional = tuple(name for name in OPTIONAL_COLUMNS if name in columns)
        for row in reader:
            values = {
                name: (row.get(name) or "").strip() for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS
            }
            # Row numbers as a spreadsheet shows them: the header is row 1.
            rows.append(_Row(line=reader.line_num, values=values, optional=optional))
    return rows, []


def _check(path: Path, rows: list[_Row]) -> list[str]:
    problems: list[str] = []

    def problem(row: _Row, column: str, why: str) -> None:
        message = _("%(file)s, row %(row)d, column %(column)s: %(why)s")
        problems.append(
            message % {"file": path.name, "row": row.line, "column": column, "why": why}
        )

    regions = set(Region.objects.values_list("code", flat=True))
    codes_in_file = {row.code for row in rows}
    stored_codes = set(Organization.objects.values_list("code", flat=True))
    seen: set[str] = set()
    usccs: dict[str, str] = {}
    stored_usccs = dict(Organization.objects.exclude(uscc="").values_list("uscc", "code"))
    for row in rows:
        values = row.values
        if not row.code:
            problem(row, "code", _("empty"))
        elif len(row.code) > 64 or not CODE_RE.match(row.code):
            why = _("“%(code)s” is not lower-case letters, digits and hyphens")
            problem(row, "code", why % {"code": row.code})
        elif row.code in seen:
            problem(row, "code", _("“%(code)s” appears twice") % {"code": row.code})
        seen.add(row.code)
        for column in ("name_zh", "name_en", "short_name_zh", "source"):
            limit = Organization._meta.get_field(column).max_length  # type: ignore[union-attr]
            if limit is not None and len(values[column]) > limit:
                problem(row, column, _("longer than %(max)d characters") % {"max": limit})
        if not values["name_zh"]:
            problem(row, "name_zh", _("empty"))
        if not values["source"]:
            problem(row, "source", _("empty: every row says where it comes from"))
        if values["kind"] not in OrgKind.values:
            why = _("“%(kind)s” is not one of %(kinds)s")
            problem(row, "kind", why % {"kind": values["kind"], "kinds": ", ".join(OrgKind.values)})
        if values["region_code"] not in regions:
            why = _("no region has the code “%(code)s” (load the regions first)")
            problem(row, "region_code", why % {"code": values["region_code"]})
        parent = values["parent_code"]
        if parent and parent not in codes_in_file and parent not in stored_codes:
            why = _("no organization has the code “%(code)s”")
            problem(row, "parent_code", why % {"code": parent})
        if parent and parent == row.code:
            problem(row, "parent_code", _("an organization cannot be its own parent"))
        if values["uscc"]:
            try:
                values["uscc"] = calc.validate_uscc(values["uscc"])
            except calc.InvalidCode as error:
                problem(row, "uscc", explain(error))
            else:
                holder = usccs.get(values["uscc"]) or stored_usccs.get(values["uscc"])
                if holder is not None and holder != row.code:
                    problem(row, "uscc", _("also used by “%(code)s”") % {"code": holder})
                usccs[values["uscc"]] = row.code
        elif values["kind"] in OrgKind.values and values["kind"] not in GOVERNMENT_KINDS:
            why = _("a credit code is required for kind “%(kind)s”")
            problem(row, "uscc", why % {"kind": values["kind"]})
        if values["industry_code"]:
            try:
                values["industry_code"] = calc.validate_industry_code(values["industry_code"])
            except calc.InvalidCode as error:
                problem(row, "industry_code", explain(error))
    return problems


def _parents_first(rows: list[_Row]) -> list[_Row] | None:
    """The rows ordered so that each parent comes before its children; None on a cycle."""
    by_code = {row.code: row for row in rows}
    ordered: list[_Row] = []
    placed: set[str] = set()
    pending = list(rows)
    while pending:
        ready = [
            row
            for row in pending
            if row.values["parent_code"] not in by_code or row.values["parent_code"] in placed
        ]
        if not ready:
            return None
        for row in ready:
            ordered.append(row)
            placed.add(row.code)
        pending = [row for row in pending if row.code not in placed]
    return ordered


def load_organizations(progress: Progress, path: Path | None = None) -> LoadResult:
    path = path or DATA_FILE
    result = LoadResult("organizations")
    rows, problems = _read(path)
    problems += _check(path, rows) if not problems else []
    ordered = _parents_first(rows) if not problems else []
    if ordered is None:
        problems.append(_("%(file)s: the parent_code links form a cycle") % {"file": path.name})
    if problems:
        raise DataFileError(problems)
    assert ordered is not None

    progress.start(result.label, len(ordered))
    regions = {region.code: region for region in Region.objects.all()}
    with transaction.atomic():
        stored = {org.code: org for org in Organization.objects.all()}
        for row in ordered:
            values = row.values
            fields = PLAIN_FIELDS + row.optional
            wanted: dict[str, Any] = {field: values[field] for field in fields}
            wanted["region_id"] = regions[values["region_code"]].pk
            parent = stored.get(values["parent_code"]) if values["parent_code"] else None
            wanted["parent_id"] = parent.pk if parent else None
            upsert(stored, Organization, row.code, wanted, result, also_save=("updated_at",))
            progress.advance()
        record_load(result, Organization, path)
    return result
