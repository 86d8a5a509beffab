"""Default registry data: schemes, Qinghai's public listings and GI products, a demo trace.

Idempotent: rows are compared with what is stored and only differences are written. A
scheme file that does not hold together stops the load with a located message.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from greenloop.core.loading import DataFileError, LoadResult, Progress, record_load, upsert
from greenloop.geo.models import Region
from greenloop.orgs.models import Organization, OrgKind
from greenloop.registry import engine
from greenloop.registry.models import (
    Batch,
    CertificateKind,
    FarmCertificate,
    Listing,
    Scheme,
    TraceEvent,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "registry"
SCHEME_DIR = DATA_DIR / "schemes"


def read_scheme_file(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DataFileError([f"{path.name}: {error}"]) from error
    try:
        engine.parse_scheme(raw)
    except engine.SchemeError as error:
        raise DataFileError([f"{path.name}: {problem}" for problem in error.problems]) from error
    return dict(raw)


def load_schemes(progress: Progress) -> LoadResult:
    result = LoadResult("registry-schemes")
    files = sorted(SCHEME_DIR.glob("*.json"))
    progress.start("registry-schemes", len(files))
    definitions = [(path, read_scheme_file(path)) for path in files]
    stored = {scheme.code: scheme for scheme in Scheme.objects.all()}
    for path, raw in definitions:
        upsert(
            stored,
            Scheme,
            raw["code"],
            {
                "version": raw["version"],
                "listing_kind": raw["listing_kind"],
                "name_zh": raw["name_zh"],
                "name_en": raw.get("name_en", ""),
                "standard": raw.get("standard", ""),
                "source": raw["source"],
                "department_code": raw.get("department", ""),
                "validity_years": raw.get("validity_years"),
                "definition": raw,
                "file_name": path.name,
            },
            result,
        )
        progress.advance()
    record_load(result, Scheme, SCHEME_DIR)
    return result


def _regions() -> dict[str, Region]:
    return {region.code: region for region in Region.objects.all()}


def load_listings(progress: Progress) -> LoadResult:
    result = LoadResult("registry-listings")
    path = DATA_DIR / "listings_qinghai.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    progress.start("registry-listings", len(rows))
    regions = _regions()
    schemes = {scheme.code: scheme for scheme in Scheme.objects.all()}
    problems = []
    for line, row in enumerate(rows, start=2):
        if row["region_code"] not in regions:
            problems.append(f"{path.name}, row {line}, column region_code: unknown region")
        if row["scheme"] not in schemes:
            problems.append(f"{path.name}, row {line}, column scheme: unknown scheme")
    if problems:
        raise DataFileError(problems)
    stored = {item.data_key: item for item in Listing.objects.exclude(data_key="")}
    for row in rows:
        key = row["record_no"]
        obj = stored.get(key)
        wanted = {
            "scheme": schemes[row["scheme"]],
            "name_zh": row["name_zh"],
            "region": regions[row["region_code"]],
            "industry_code": row["industry_code"],
            "level": row["level"],
            "batch": row["batch"][:32],
            # The sources give the year of the list, not a date or a validity period.
            "valid_from": None,
            "source": f"{row['source']} — {row['quote']}"
            + (f" [industry: {row['industry_note']}]" if row.get("industry_note") else ""),
        }
        if obj is None:
            Listing.objects.create(certificate_no=key, data_key=key, **wanted)
            result.created += 1
        elif any(getattr(obj, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(obj, name, value)
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1
        progress.advance()
    record_load(result, Listing, path)
    return result


def load_farm_products(progress: Progress) -> LoadResult:
    result = LoadResult("registry-farm")
    path = DATA_DIR / "gi_products_qinghai.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    progress.start("registry-farm", len(rows) + 1)
    regions = _regions()
    stored = {item.certificate_no: item for item in FarmCertificate.objects.all()}
    for row in rows:
        if row["region_code"] not in regions:
            raise DataFileError([f"{path.name}, {row['record_no']}: unknown region"])
        _upsert_certificate(
            stored,
            row["record_no"],
            {
                "kind": CertificateKind.GI,
                "gi_kind": row["gi_kind"],
                "product_zh": row["product_zh"],
                "holder_name": row["registrant"],
                "region": regions[row["region_code"]],
                "region_note": row["region_note"],
                "year": row["year"],
                "confirmed": row["reported_by_news"] == "true",
                "source": f"{row['source']} — {row['quote']}",
            },
            result,
        )
        progress.advance()
    _load_trace_demo(regions, stored, result)
    progress.advance()
    record_load(result, FarmCertificate, path)
    return result


def _upsert_certificate(
    stored: dict[str, FarmCertificate], code: str, wanted: dict[str, Any], result: LoadResult
) -> FarmCertificate:
    obj = stored.get(code)
    if obj is None:
        obj = FarmCertificate.objects.create(certificate_no=code, **wanted)
        stored[code] = obj
        result.created += 1
        return obj
    # Revocations recorded in the platform are kept: the file never un-revokes a certificate.
    differences = {k: v for k, v in wanted.items() if getattr(obj, k) != v}
    if differences:
        for key, value in differences.items():
            setattr(obj, key, value)
        obj.save(update_fields=list(differences))
        result.updated += 1
    else:
        result.unchanged += 1
    return obj


def _load_trace_demo(
    regions: dict[str, Region], stored: dict[str, FarmCertificate], result: LoadResult
) -> None:
    raw = json.loads((DATA_DIR / "trace_demo.json").read_text(encoding="utf-8"))
    producer_raw = raw["producer"]
    producer, _ = Organization.objects.get_or_create(
        code=producer_raw["code"],
        defaults={
            "name_zh": producer_raw["name_zh"],
            "name_en": producer_raw["name_en"],
            "kind": OrgKind.ENTERPRISE,
            "region": regions[producer_raw["region_code"]],
            "source": "demonstration (greenloop/data/registry/trace_demo.json)",
        },
    )
    certificates = []
    for item in raw["certificates"]:
        certificates.append(
            _upsert_certificate(
                stored,
                item["record_no"],
                {
                    "kind": item["kind"],
                    "product_zh": item["product_zh"],
                    "holder": producer,
                    "holder_name": producer.name_zh,
                    "region": regions[item["region_code"]],
                    "coverage": item["coverage"],
                    "certifier": item["certifier"],
                    "valid_from": dt.date.fromisoformat(item["valid_from"]),
                    "valid_until": dt.date.fromisoformat(item["valid_until"]),
                    "is_demonstration": True,
                    "source": raw["note"],
                },
                result,
            )
        )
    certificates += [stored[code] for code in raw["gi_records"]]
    spec = raw["batch"]
    if Batch.objects.filter(code=spec["code"]).exists():
        result.unchanged += 1
        return
    batch = Batch.objects.create(
        code=spec["code"],
        product_zh=spec["product_zh"],
        producer=producer,
        region=regions[spec["region_code"]],
        quantity=spec["quantity"],
        is_demonstration=True,
    )
    batch.certificates.set(certificates)
    TraceEvent.objects.bulk_create(
        TraceEvent(
            batch=batch,
            stage=event["stage"],
            date=dt.date.fromisoformat(event["date"]),
            input_kind=event.get("input_kind", ""),
            description=event["description"],
            amount=Decimal(event["amount"]) if event.get("amount") else None,
            unit=event.get("unit", ""),
            result=event.get("result", ""),
            internal_note=event.get("internal_note", ""),
        )
        for event in spec["events"]
    )
    result.created += 1
