"""Default carbon data: factor sets, grid factors, Qinghai's CEADs inventories 1997-2019,
Xining's city totals, the scenario presets. Idempotent; fast (CSV extracts, not workbooks).

``ceads_qinghai.csv`` is the long-format extract of the Qinghai sheets of CEADs' yearly
workbooks, written by ``greenloop import_ceads --extract`` from the unchanged spreadsheets;
the tests compare what the platform shows with the workbooks themselves.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.db import transaction

from greenloop.carbon import importing
from greenloop.carbon.engine import ceads
from greenloop.carbon.engine.reference import DATA, FACTOR_FILES, shipped_factor_set
from greenloop.carbon.models import (
    ElectricityBalance,
    Factor,
    FactorSet,
    FactorSetKind,
    GridFactor,
    Inventory,
    Scenario,
)
from greenloop.core.loading import LoadResult, Progress, record_load, upsert

QINGHAI_EXTRACT = DATA / "ceads_qinghai.csv"
CITY_EXTRACT = DATA / "ceads_cities.csv"
SCENARIOS = DATA / "scenarios.json"
BALANCE = DATA / "electricity_balance.csv"

FACTOR_SETS = {
    "ceads-shan2018": (
        "CEADs emission factors (Shan et al. 2018)",
        "2018",
        FactorSetKind.CEADS,
        "Shan Y. et al. (2018) China CO2 emission accounts 1997-2015, Sci Data 5:170201",
    ),
    "ipcc2006": (
        "IPCC 2006 default factors",
        "2006",
        FactorSetKind.IPCC,
        "2006 IPCC Guidelines for National GHG Inventories, Vol. 2, Ch. 1, Tables 1.2-1.4",
    ),
}


def load_factor_sets(result: LoadResult) -> None:
    stored = {s.code: s for s in FactorSet.objects.all()}
    for code, (name, version, kind, source) in FACTOR_SETS.items():
        factor_set = upsert(
            stored,
            FactorSet,
            code,
            {"name": name, "version": version, "kind": kind, "source": source},
            result,
        )
        rows = {f.fuel: f for f in factor_set.factors.all()}
        for row in shipped_factor_set(code):
            wanted = {
                "ncv": row.ncv,
                "carbon_content": row.carbon_content,
                "oxidation": row.oxidation,
                "source": row.source,
            }
            have = rows.get(row.fuel)
            if have is None:
                Factor.objects.create(factor_set=factor_set, fuel=row.fuel, **wanted)
                result.created += 1
            elif any(getattr(have, k) != v for k, v in wanted.items()):
                Factor.objects.filter(pk=have.pk).update(**wanted)
                result.updated += 1
            else:
                result.unchanged += 1


def load_grid_factors(result: LoadResult) -> None:
    stored = {g.code: g for g in GridFactor.objects.all()}
    with (DATA / "grid_factors.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            upsert(
                stored,
                GridFactor,
                row["code"],
                {
                    "scope": row["scope"],
                    "area": row["area"],
                    "year": int(row["year"]),
                    "t_co2_per_mwh": float(row["t_co2_per_mwh"]),
                    "source": row["source"],
                },
                result,
            )


def load_city_totals(result: LoadResult) -> None:
    with CITY_EXTRACT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_region: dict[tuple[str, str], list[ceads.CityTotal]] = {}
    for row in rows:
        by_region.setdefault((row["region_code"], row["region_name"]), []).append(
            ceads.CityTotal(row["city"], int(row["year"]), float(row["mt_co2"]), row["source"])
        )
    for (code, name), totals in by_region.items():
        importing.store_city_totals(totals, code, name, result)


def load_balances(result: LoadResult) -> None:
    with BALANCE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            wanted = {
                "generation_twh": float(row["generation_twh"]),
                "consumption_twh": float(row["consumption_twh"]),
                "source": row["source"],
                "demonstration": row["demonstration"] == "1",
            }
            obj, created = ElectricityBalance.objects.get_or_create(
                region_code=row["region_code"], year=int(row["year"]), defaults=wanted
            )
            if created:
                result.created += 1
            elif any(getattr(obj, k) != v for k, v in wanted.items()):
                ElectricityBalance.objects.filter(pk=obj.pk).update(**wanted)
                result.updated += 1
            else:
                result.unchanged += 1


def load_scenarios(result: LoadResult) -> None:
    presets = json.loads(SCENARIOS.read_text(encoding="utf-8"))
    for preset in presets:
        obj = Scenario.objects.filter(code=preset["code"]).first()
        wanted = {
            "name": preset["name"],
            "region_code": preset["region_code"],
            "assumptions": preset["assumptions"],
            "demonstration": preset.get("demonstration", True),
        }
        if obj is None:
            Scenario.objects.create(code=preset["code"], **wanted)
            result.created += 1
        elif any(getattr(obj, k) != v for k, v in wanted.items()):
            Scenario.objects.filter(pk=obj.pk).update(**wanted)
            result.updated += 1
        else:
            result.unchanged += 1


def load_carbon(progress: Progress) -> LoadResult:
    result = LoadResult("carbon")
    parsed = importing.read_extract(QINGHAI_EXTRACT)
    progress.start("carbon", 5)
    with transaction.atomic():
        load_factor_sets(result)
        progress.advance()
        load_grid_factors(result)
        progress.advance()
        importing.store(parsed, result)
        progress.advance()
        load_city_totals(result)
        load_balances(result)
        progress.advance()
        load_scenarios(result)
        progress.advance()
    record_load(result, Inventory, Path(QINGHAI_EXTRACT), note=", ".join(FACTOR_FILES.values()))
    return result
