"""Load the market instruments (``greenloop/data/markets/instruments.csv``) and the funds lot.

Idempotent: rows are compared with what is stored and only differences are written; a file
with any bad row changes nothing and every problem is reported with its row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from greenloop.core.loading import DataFileError, LoadResult, Progress, record_load, upsert
from greenloop.geo.models import Region
from greenloop.markets.models import CarbonType, Instrument, InstrumentKind, Lot, Pollutant
from greenloop.orgs.models import Organization

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "markets" / "instruments.csv"
CASH_CODE = "CNY"


def _parse(
    row: dict[str, str], line: int, orgs: dict[str, Organization], regions: dict[str, Region]
) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []

    def bad(column: str, why: str) -> None:
        problems.append(f"{DATA_FILE.name}: row {line}, column {column}: {why}")

    def number(column: str) -> Decimal | None:
        text = (row.get(column) or "").strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            bad(column, _("not a number"))
            return None

    def date(column: str) -> dt.date | None:
        text = (row.get(column) or "").strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            bad(column, _("not a date (YYYY-MM-DD)"))
            return None

    kind = row.get("kind", "").strip()
    if kind not in InstrumentKind.values:
        bad("kind", _("unknown kind"))
    if row.get("carbon_type", "") not in CarbonType.values:
        bad("carbon_type", _("unknown carbon type"))
    if row.get("pollutant", "") not in Pollutant.values:
        bad("pollutant", _("unknown pollutant"))
    authority = orgs.get(row.get("authority", "").strip())
    if authority is None:
        bad("authority", _("unknown organization"))
    region = regions.get(row.get("region", "").strip()) if row.get("region") else None
    if row.get("region") and region is None:
        bad("region", _("unknown region"))
    vintage = (row.get("vintage") or "").strip()
    wanted = {
        "kind": kind,
        "carbon_type": row.get("carbon_type", ""),
        "name_zh": row.get("name_zh", "").strip(),
        "name_en": row.get("name_en", "").strip(),
        "unit": row.get("unit", "").strip(),
        "authority": authority,
        "region": region,
        "basin": row.get("basin", "").strip(),
        "water_use": row.get("water_use", "").strip(),
        "pollutant": row.get("pollutant", ""),
        "cap": number("cap"),
        "vintage": int(vintage) if vintage.isdigit() else None,
        "project": row.get("project", "").strip(),
        "technology": row.get("technology", "").strip(),
        "valid_from": date("valid_from"),
        "valid_to": date("valid_to"),
        "whole_units": row.get("whole_units", "").strip() == "true",
        "previous_close": number("previous_close"),
        "position_limit": number("position_limit"),
        "demonstration": row.get("demonstration", "").strip() == "true",
        "source": row.get("source", "").strip(),
    }
    if vintage and not vintage.isdigit():
        bad("vintage", _("not a year"))
    if not wanted["source"]:
        bad("source", _("every row needs its source"))
    return wanted, problems


def load_instruments(progress: Progress) -> LoadResult:
    result = LoadResult(label="markets")
    orgs = {org.code: org for org in Organization.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    with DATA_FILE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    parsed = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):
        wanted, row_problems = _parse(row, number, orgs, regions)
        parsed.append((row.get("code", "").strip(), wanted))
        problems += row_problems
    if problems:
        raise DataFileError(problems)
    progress.start(str(_("Market instruments")), len(parsed))
    stored = {ins.code: ins for ins in Instrument.objects.all()}
    for code, wanted in parsed:
        upsert(stored, Instrument, code, wanted, result)
        progress.advance()
    cash = stored[CASH_CODE]
    if not Lot.objects.filter(instrument=cash, code=CASH_CODE).exists():
        Lot.objects.create(instrument=cash, code=CASH_CODE, note="yuan")
        result.created += 1
    record_load(result, Instrument, DATA_FILE)
    return result
