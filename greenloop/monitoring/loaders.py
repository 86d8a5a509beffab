"""Default data: the indicator catalogues, Qinghai's observed values and plan targets, and the
published 2016 green development index results (a reference series, never computed here).

Files are under ``greenloop/data/monitoring`` (README there gives every source).
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from greenloop.core.loading import DataFileError, LoadResult, Progress, record_load, upsert
from greenloop.geo.models import Region
from greenloop.monitoring import unitmap
from greenloop.monitoring.models import (
    Binding,
    Catalogue,
    Indicator,
    Observation,
    ReferenceResult,
    Status,
    Target,
)
from greenloop.orgs.models import Organization

DATA = Path(__file__).resolve().parent.parent / "data" / "monitoring"

# Rows whose period is qualified in the source's README: kept, marked preliminary, noted.
# (region, year, a text in the row's source URL or its value) → note.
QUALIFIED = {
    (
        "630200",
        2020,
        "010372607",
    ): "1-11月数据 / Haidong 2020 values cover January-November (source README)",
    (
        "630100",
        2019,
        "86",
    ): "年份据上下文推断 / year inferred from context in the source (source README)",
}


def _qualification(row: dict[str, Any], year: int) -> str | None:
    if row["file"] not in SHARED_FILES:
        return None
    for (region, when, text), note in QUALIFIED.items():
        if (region, when) == (row["region_code"], year) and (
            text in row["source_url"] or row["value"].strip() == text
        ):
            return note
    return None


SHARED_FILES = ("qinghai_indicators.csv", "qinghai_targets_and_environment.csv")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> float | None:
    cleaned = text.strip().lstrip("><=≥≤约").replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def load_indicators(progress: Progress) -> LoadResult:
    result = LoadResult("indicators")
    orgs = {org.code: org for org in Organization.objects.filter(kind="department")}
    stored = {item.code: item for item in Indicator.objects.all()}
    rows = _read(DATA / "indicators.csv")
    gdi_rows = _read(DATA / "gdi_indicators.csv")
    progress.start("indicators", len(rows) + len(gdi_rows))
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):
        if row["department"] not in orgs:
            problems.append(f"indicators.csv:{number}: department: unknown {row['department']!r}")
            continue
        if row["unit"]:
            try:
                unitmap.parse(row["unit"])
            except unitmap.UnitError as error:
                problems.append(f"indicators.csv:{number}: unit: {error}")
                continue
        wanted: dict[str, Any] = {
            "catalogue": Catalogue.PROVINCE,
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "category": row["category"],
            "unit": row["unit"],
            "direction": row["direction"],
            "definition": row["definition"],
            "formula": row["formula"],
            "parts": row["parts"],
            "frequency": row["frequency"],
            "levels": row["levels"],
            "department": orgs[row["department"]],
            "categorical": row["categorical"] == "1",
            "min_value": _number(row["min_value"]),
            "max_value": _number(row["max_value"]),
            "order": int(row["order"]),
            "source": row["source"],
        }
        upsert(stored, Indicator, row["code"], wanted, result)
        progress.advance()
    for row in gdi_rows:
        wanted = {
            "catalogue": Catalogue.GDI2016,
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "category": row["category"],
            "unit": row["unit"],
            "direction": row["direction"],
            "definition": row["category_zh"],
            "formula": "",
            "parts": "",
            "frequency": "year",
            "levels": "province",
            "department": orgs.get("qh-stats"),
            "categorical": False,
            "min_value": None,
            "max_value": None,
            "weight": _number(row["weight"]),
            "category_weight": _number(row["category_weight"]),
            "marker": row["marker"],
            "feeds_from": row["feeds_from"],
            "order": int(row["no"]),
            "source": row["source"],
        }
        upsert(stored, Indicator, row["code"], wanted, result)
        progress.advance()
    if problems:
        raise DataFileError(problems)
    record_load(result, Indicator, DATA / "indicators.csv")
    return result


def _official(row: dict[str, str]) -> bool:
    url = row.get("source_url", "")
    return ".gov.cn" in url or "公报" in row.get("document", "")


def _observation_rows() -> list[dict[str, Any]]:
    """Source rows mapped to catalogue codes, in ascending order of preference."""
    mapping = {row["indicator_en"]: row["code"] for row in _read(DATA / "qinghai_mapping.csv")}
    found: list[dict[str, Any]] = []
    order = 0
    for name in (
        "qinghai_indicators.csv",
        "qinghai_targets_and_environment.csv",
        "qinghai_supplement.csv",
        "qinghai_ceads_co2.csv",
    ):
        for number, row in enumerate(_read(DATA / name), start=2):
            if row["kind"] != "actual" or row["indicator_en"] not in mapping:
                continue
            order += 1
            found.append(
                {
                    **row,
                    "code": mapping[row["indicator_en"]],
                    "file": name,
                    "line": number,
                    "order": order,
                }
            )
    # Documented choice among several sources of one value: an official government page
    # over a reprint, then the later row (the files list later reports after earlier ones).
    found.sort(key=lambda row: (_official(row), row["order"]))
    return found


def load_observations(progress: Progress) -> LoadResult:
    result = LoadResult("observations")
    indicators = {item.code: item for item in Indicator.objects.filter(catalogue="qinghai")}
    regions = {region.code: region for region in Region.objects.all()}
    rows = _observation_rows()
    progress.start("observations", len(rows))
    existing = set(Observation.objects.exclude(load_key=None).values_list("load_key", flat=True))
    problems: list[str] = []
    now = timezone.now()
    new: list[Observation] = []
    seen_keys: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in rows:
        progress.advance()
        where = f"{row['file']}:{row['line']}"
        indicator = indicators[row["code"]]
        region = regions.get(row["region_code"])
        if region is None:
            problems.append(f"{where}: region_code: unknown {row['region_code']!r}")
            continue
        key_text = "|".join(
            [
                row["code"],
                row["region_code"],
                row["year"],
                row["value"],
                row["source_url"],
                row["quote"],
            ]
        )
        load_key = hashlib.sha256(key_text.encode()).hexdigest()[:40]
        triple = (row["code"], row["region_code"], row["year"])
        seen_keys[triple] += 1
        if load_key in existing:
            result.unchanged += 1
            continue
        existing.add(load_key)
        value: float | None = None
        value_text = ""
        if indicator.categorical:
            value_text = row["value"].strip()
        else:
            number = _number(row["value"])
            if number is None:
                result.notes.append(f"{where}: value {row['value']!r} is not a number; skipped")
                continue
            try:
                value = unitmap.convert(number, row["unit"], indicator.unit)
            except unitmap.UnitError as error:
                problems.append(f"{where}: unit: {error}")
                continue
        year = int(row["year"])
        notes = []
        status = Status.FINAL
        # The shared files' README qualifies these rows; our own files do not need it.
        qualified = _qualification(row, year)
        if qualified:
            notes.append(qualified)
            status = Status.PRELIMINARY
        if year >= 2025:
            notes.append(
                "年内数据 / in-year figure (as of September 2025 for capacities, source README)"
            )
            status = Status.PRELIMINARY
        if seen_keys[triple] > 1:
            notes.append("另有来源先于本条 / another source for the same value precedes this one")
        new.append(
            Observation(
                indicator=indicator,
                region=region,
                period=str(year),
                year=year,
                value=value,
                value_text=value_text,
                status=status,
                source=row["source_url"],
                quote=row["quote"],
                note="; ".join(notes),
                # Preferred sources come later in ``rows``: published later, they are current.
                published_at=now + timedelta(microseconds=len(new)),
                load_key=load_key,
            )
        )
    if problems:
        raise DataFileError(problems)
    Observation.objects.bulk_create(new)
    result.created += len(new)
    record_load(result, Observation, DATA / "qinghai_indicators.csv")
    return result


def load_targets(progress: Progress) -> LoadResult:
    result = LoadResult("targets")
    mapping = {row["indicator_en"]: row for row in _read(DATA / "qinghai_targets_mapping.csv")}
    indicators = {item.code: item for item in Indicator.objects.filter(catalogue="qinghai")}
    regions = {region.code: region for region in Region.objects.all()}
    stored = {item.code: item for item in Target.objects.all()}
    rows = [
        (number, row)
        for number, row in enumerate(_read(DATA / "qinghai_targets_and_environment.csv"), 2)
        if row["kind"] == "target" and row["indicator_en"] in mapping
    ]
    # Several documents state the same target: keep one, preferring one that says whether
    # it is binding.
    rows.sort(key=lambda item: (item[1]["binding"] == "", item[0]))
    progress.start("targets", len(rows))
    problems: list[str] = []
    handled: set[str] = set()
    for number, row in rows:
        progress.advance()
        rule = mapping[row["indicator_en"]]
        indicator = indicators[rule["code"]]
        code = f"{rule['code']}-{row['region_code']}-{row['year']}"
        if code in handled:
            continue
        handled.add(code)
        number_value = _number(row["value"])
        if number_value is None:
            problems.append(f"qinghai_targets_and_environment.csv:{number}: value not a number")
            continue
        if rule["kind"] == "change":
            value = float(rule["sign"]) * number_value
        else:
            value = unitmap.convert(number_value, row["unit"], indicator.unit)
        wanted = {
            "indicator": indicator,
            "region": regions[row["region_code"]],
            "kind": rule["kind"],
            "value": value,
            "base_year": int(row["base_year"]) if row["base_year"] else None,
            "target_year": int(row["year"]),
            "binding": Binding.BINDING if row["binding"] == "约束性" else Binding.EXPECTED,
            "plan": "14th Five-Year Plan" if row["year"] == "2025" else row["year"],
            "document": row["document"][:255],
            "source": row["source_url"],
            "quote": row["quote"],
            "demonstration": False,
        }
        upsert(stored, Target, code, wanted, result)
    if problems:
        raise DataFileError(problems)
    record_load(result, Target, DATA / "qinghai_targets_and_environment.csv")
    return result


def load_reference(progress: Progress) -> LoadResult:
    result = LoadResult("gdi-reference")
    rows = _read(DATA / "gdi_2016_published_ranks_and_values.csv")
    progress.start("gdi-reference", len(rows))
    stored = {
        (item.region_code, item.year, item.measure): item for item in ReferenceResult.objects.all()
    }
    merged: dict[tuple[str, int, str], dict[str, Any]] = {}
    for row in rows:
        progress.advance()
        key = (row["region_code"], int(row["year"]), row["measure"])
        # Several pages report one result (a rank in one, the value in another): merge them,
        # every source kept.
        into = merged.setdefault(
            key,
            {
                "region_name": row["region_zh"],
                "value": None,
                "rank": None,
                "source": "",
                "quote": "",
            },
        )
        if row["value"] and into["value"] is None:
            into["value"] = _number(row["value"])
        if row["rank"] and into["rank"] is None:
            into["rank"] = int(row["rank"])
        into["source"] = " ; ".join(filter(None, [into["source"], row["source_url"]]))
        into["quote"] = " ; ".join(filter(None, [into["quote"], row["quote"]]))
    for key, wanted in merged.items():
        item = stored.get(key)
        if item is None:
            ReferenceResult.objects.create(
                region_code=key[0], year=key[1], measure=key[2], **wanted
            )
            result.created += 1
        elif any(getattr(item, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(item, name, value)
            item.save()
            result.updated += 1
        else:
            result.unchanged += 1
    record_load(result, ReferenceResult, DATA / "gdi_2016_published_ranks_and_values.csv")
    return result
