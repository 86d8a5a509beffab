"""Reads for pages, API, CLI: emissions by sector/fuel/year, per capita and intensity,
production vs consumption, decomposition, bridge estimate, prefecture downscaling."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from django.utils.translation import gettext

from greenloop.carbon.engine import accounting, lmdi
from greenloop.carbon.engine.reference import (
    DATA,
    PROCESS,
    FactorRow,
    factor_vector,
    fuel_codes,
    fuels,
    ncv_vector,
    sector_codes,
    sectors,
)
from greenloop.carbon.models import (
    ElectricityBalance,
    Factor,
    GridFactor,
    Inventory,
    InventoryCell,
    InventoryKind,
    Scenario,
)
from greenloop.monitoring import selectors as monitoring

DEFAULT_FACTOR_SET = "ceads-shan2018"
IMPORT_GRID = "northwest-2012"


@lru_cache(maxsize=1)
def drivers() -> dict[tuple[str, int, str], tuple[float, str]]:
    with (DATA / "drivers.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (r["region_code"], int(r["year"]), r["variable"]): (float(r["value"]), r["source"])
            for r in csv.DictReader(handle)
        }


def driver(region: str, year: int, variable: str) -> float | None:
    found = drivers().get((region, year, variable))
    return found[0] if found else None


def labels(by: str) -> dict[str, str]:
    from django.utils.translation import get_language

    english = (get_language() or "zh-hans").startswith("en")
    items = sectors() if by == "sector" else fuels()
    out = {i.code: (i.name_en if english else i.name_zh) for i in items}
    if by == "fuel":
        out[PROCESS] = "Cement process" if english else "水泥生产过程"
    return out


def inventories(region: str) -> list[Inventory]:
    return list(Inventory.objects.filter(region_code=region).order_by("year", "kind"))


def years_available(region: str) -> list[int]:
    return sorted(set(Inventory.objects.filter(region_code=region).values_list("year", flat=True)))


KIND_PRIORITY = [InventoryKind.SECTOR_FUEL, InventoryKind.ENERGY, InventoryKind.TOTAL]


def _inventory(region: str, year: int) -> Inventory | None:
    """The inventory shown for a region and year: CEADs' published sector × fuel inventory
    first, then one accounted from an energy inventory, then a published total."""
    found = list(Inventory.objects.filter(region_code=region, year=year))
    found.sort(key=lambda i: (KIND_PRIORITY.index(InventoryKind(i.kind)), -i.pk))
    return found[0] if found else None


def cells_matrix(inventory: Inventory) -> tuple[np.ndarray, np.ndarray]:
    """(sector × fuel) Mt and process Mt per sector."""
    s_index = {c: i for i, c in enumerate(sector_codes())}
    f_index = {c: i for i, c in enumerate(fuel_codes())}
    matrix = np.zeros((len(s_index), len(f_index)))
    process = np.zeros(len(s_index))
    for sector, fuel, value in inventory.cells.values_list("sector", "fuel", "emissions_mt"):
        if fuel == PROCESS:
            process[s_index[sector]] += value
        else:
            matrix[s_index[sector], f_index[fuel]] = value
    return matrix, process


def factor_rows(code: str = DEFAULT_FACTOR_SET) -> list[FactorRow]:
    return [
        FactorRow(f.fuel, f.ncv, f.carbon_content, f.oxidation, f.source)
        for f in Factor.objects.filter(factor_set__code=code)
    ]


@dataclass
class Breakdown:
    region: str
    region_name: str
    year: int
    basis: str
    by: str
    total_mt: float
    items: list[dict[str, Any]]
    source: str
    demonstration: bool
    note: str


def breakdown(region: str, year: int, by: str, basis: str) -> Breakdown | None:
    inventory = _inventory(region, year)
    if inventory is None:
        return None
    items: list[dict[str, Any]] = []
    demonstration = inventory.demonstration
    note = ""
    if inventory.kind == InventoryKind.TOTAL or by == "total":
        items = []
    else:
        names = labels(by)
        field = "sector" if by == "sector" else "fuel"
        sums: dict[str, float] = {}
        for key, value in inventory.cells.values_list(field, "emissions_mt"):
            sums[key] = sums.get(key, 0.0) + value
        order = sector_codes() if by == "sector" else [*fuel_codes(), PROCESS]
        items = [
            {"code": code, "name": names.get(code, code), "mt_co2": sums[code]}
            for code in order
            if code in sums
        ]
    total = inventory.total_mt
    source = inventory.source
    if basis == "consumption":
        view = consumption_view(region, year)
        if view is None:
            return None
        total = view["consumption_mt"]
        demonstration = demonstration or view["demonstration"]
        note = view["note"]
        if by == "sector":
            for item in items:
                if item["code"] == "S39":
                    item["mt_co2"] += view["adjustment_mt"]
        elif by == "fuel" and items:
            items.append(
                {
                    "code": "electricity_trade",
                    "name": "electricity trade",
                    "mt_co2": view["adjustment_mt"],
                }
            )
        source = f"{source}; {view['source']}"
    return Breakdown(
        region, inventory.region_name, year, basis, by, total, items, source, demonstration, note
    )


def consumption_view(region: str, year: int) -> dict[str, Any] | None:
    inventory = _inventory(region, year)
    balance = ElectricityBalance.objects.filter(region_code=region, year=year).first()
    if inventory is None or balance is None or inventory.kind == InventoryKind.TOTAL:
        return None
    power = sum(
        InventoryCell.objects.filter(inventory=inventory, sector="S39").values_list(
            "emissions_mt", flat=True
        )
    )
    grid = GridFactor.objects.filter(code=IMPORT_GRID).first()
    view = accounting.consumption_based(
        production_mt=inventory.total_mt,
        power_sector_mt=power,
        generation_twh=balance.generation_twh,
        consumption_twh=balance.consumption_twh,
        import_grid_factor=grid.t_co2_per_mwh if grid else 0.0,
    )
    return {
        "year": year,
        "production_mt": view.production,
        "consumption_mt": view.consumption,
        "adjustment_mt": view.adjustment,
        "net_export_twh": view.net_export_twh,
        "exporter_factor": view.exporter_factor,
        "import_factor": view.import_factor,
        "demonstration": balance.demonstration,
        "source": balance.source,
        "note": "net exports leave at the province's own generation factor "
        "(power-sector emissions / generation); net imports arrive at the regional grid factor",
    }


def series(region: str) -> list[dict[str, Any]]:
    """Totals per year with per-capita and per-GDP values where the drivers exist."""
    out: list[dict[str, Any]] = []
    base: float | None = None
    for year in years_available(region):
        inventory = _inventory(region, year)
        if inventory is None:
            continue
        population = driver(region, inventory.year, "population_wan")
        gdp = driver(region, inventory.year, "gdp_yi_yuan")
        base = inventory.total_mt if base is None else base
        out.append(
            {
                "year": inventory.year,
                "total_mt": inventory.total_mt,
                "per_capita_t": inventory.total_mt * 1e6 / (population * 1e4)
                if population
                else None,
                "per_gdp_t_per_wan_yuan": inventory.total_mt * 1e6 / (gdp * 1e4) if gdp else None,
                "change_vs_first": inventory.total_mt / base - 1 if base else None,
                "kind": inventory.kind,
                "source": inventory.source,
                "demonstration": inventory.demonstration,
            }
        )
    return out


def lmdi_year(region: str, year: int, factor_set: str = DEFAULT_FACTOR_SET) -> lmdi.Year | None:
    inventory = _inventory(region, year)
    population = driver(region, year, "population_wan")
    gdp = driver(region, year, "gdp_yi_yuan")
    if (
        inventory is None
        or inventory.kind != InventoryKind.SECTOR_FUEL
        or not population
        or not gdp
    ):
        return None
    emissions, process = cells_matrix(inventory)
    rows = factor_rows(factor_set)
    energy = accounting.implied_energy(emissions, factor_vector(rows))
    tce = accounting.standard_coal(energy, ncv_vector(rows))
    return lmdi.Year(
        population=population, gdp=gdp, energy=tce, emissions=emissions, process=process
    )


def decomposition(region: str, start: int, end: int) -> dict[str, Any] | None:
    a, b = lmdi_year(region, start), lmdi_year(region, end)
    if a is None or b is None:
        return None
    result = lmdi.decompose(a, b)
    names = labels("sector")
    by_sector = [
        {
            "code": code,
            "name": names[code],
            **{
                effect: float(result.additive_by_sector[i, k])
                for k, effect in enumerate(lmdi.EFFECTS)
            },
            "process": float(result.process[i]),
        }
        for i, code in enumerate(sector_codes())
        if np.any(result.additive_by_sector[i]) or result.process[i]
    ]
    return {
        "region": region,
        "from_year": start,
        "to_year": end,
        "start_mt": result.start,
        "end_mt": result.end,
        "change_mt": result.change,
        "additive": result.additive,
        "multiplicative": result.multiplicative,
        "by_sector": by_sector,
        "note": "energy implied from CEADs emissions with the CEADs factors; GDP at current "
        "prices (constant-price GDP is not in the shared data)",
    }


def decomposition_years(region: str) -> list[int]:
    return [y for y in years_available(region) if lmdi_year(region, y) is not None]


def bridge(region: str = "630000", year: int = 2015) -> dict[str, Any] | None:
    """Official total energy (GDP ÷ energy output rate, 2015) beside CEADs' total."""
    gdp = driver(region, year, "gdp_yi_yuan")
    inventory = _inventory(region, year)
    if region != "630000" or year != 2015 or gdp is None or inventory is None:
        return None
    output_rate = 0.4875  # 万元 GDP per tce, 2015, 青海省“十四五”循环经济发展行动方案
    total_tce = gdp * 1e4 / output_rate
    emissions, process = cells_matrix(inventory)
    rows = factor_rows()
    energy = accounting.implied_energy(emissions, factor_vector(rows))
    tce = accounting.standard_coal(energy, ncv_vector(rows))
    kinds = np.array([f.kind for f in fuels()])
    fossil_tce = {k: float(tce[:, kinds == k].sum()) for k in ("coal", "oil", "gas")}
    fossil_mt = {k: float(emissions[:, kinds == k].sum()) for k in ("coal", "oil", "gas")}
    all_fossil = sum(fossil_tce.values())
    per_tce = {
        k: (fossil_mt[k] * 1e6 / fossil_tce[k] if fossil_tce[k] else 0.0) for k in fossil_tce
    }
    mix = {k: fossil_tce[k] / all_fossil for k in fossil_tce} | {"non_fossil": 0.0}
    result = accounting.bridge_estimate(
        total_energy_tce=total_tce,
        mix=mix,
        factor_per_tce=per_tce,
        process_mt=float(process.sum()),
        reference_mt=inventory.total_mt,
    )
    return {
        "year": year,
        "gdp_yi_yuan": gdp,
        "energy_output_rate": output_rate,
        "total_energy_tce": total_tce,
        "ceads_fossil_energy_tce": all_fossil,
        "all_fossil_estimate_mt": result.estimate_mt,
        "ceads_total_mt": result.reference_mt,
        "difference_mt": result.difference_mt,
        "implied_non_fossil_share": result.implied_non_fossil_share,
        "sources": [
            "GDP 2015: shared/data/qinghai (zh.wikipedia list of Qinghai prefecture GDP)",
            "energy output rate 0.4875 万元/tce (2015): 青海省“十四五”循环经济发展行动方案, "
            "http://law.foodmate.net/show-214233.html",
            "CEADs 2015 Qinghai inventory",
        ],
    }


PREFECTURES = ["630100", "630200", "632200", "632300", "632500", "632600", "632700", "632800"]


def prefecture_map(year: int) -> dict[str, Any] | None:
    """Province total split by 2015 GDP (proxy): an estimate, except where a prefecture has
    its own inventory (Xining from CEADs' city file)."""
    province = _inventory("630000", year)
    if province is None:
        return None
    proxies = {code: driver(code, 2015, "gdp_yi_yuan") or 0.0 for code in PREFECTURES}
    measured = {
        i.region_code: i.total_mt
        for i in Inventory.objects.filter(region_code__in=PREFECTURES, year=year)
    }
    rest = province.total_mt - sum(measured.values())
    estimates = accounting.downscale(
        max(rest, 0.0), {k: v for k, v in proxies.items() if k not in measured}
    )
    return {
        "year": year,
        "province_mt": province.total_mt,
        "prefectures": [
            {
                "code": code,
                "mt_co2": measured.get(code, estimates.get(code, 0.0)),
                "estimate": code not in measured,
            }
            for code in PREFECTURES
        ],
        "method": "prefectures without their own inventory: the province total less measured "
        "prefectures, split in proportion to 2015 GDP (estimate)",
    }


def sankey(region: str, year: int) -> dict[str, Any] | None:
    inventory = _inventory(region, year)
    if inventory is None or inventory.kind == InventoryKind.TOTAL:
        return None
    emissions, process = cells_matrix(inventory)
    sector_names = labels("sector")
    fuel_names = labels("fuel")
    groups: dict[str, str] = {s.code: s.group for s in sectors()}
    links: dict[tuple[str, str], float] = {}
    for j, fuel in enumerate(fuel_codes()):
        for i, sector in enumerate(sector_codes()):
            if emissions[i, j] > 0:
                key = (fuel_names[fuel], groups[sector])
                links[key] = links.get(key, 0.0) + float(emissions[i, j])
    for i, sector in enumerate(sector_codes()):
        if process[i] > 0:
            key = (fuel_names[PROCESS], groups[sector])
            links[key] = links.get(key, 0.0) + float(process[i])
    group_totals: dict[str, float] = {}
    for (_, group), value in links.items():
        group_totals[group] = group_totals.get(group, 0.0) + value
    del sector_names
    return {
        "links": [{"source": a, "target": b, "value": v} for (a, b), v in links.items()]
        + [{"source": g, "target": "CO2", "value": v} for g, v in group_totals.items()],
    }


def scenarios() -> list[Scenario]:
    return list(Scenario.objects.all())


# Scenario target codes → the monitoring catalogue's indicator code and the factor that turns a
# monitoring target value (percent) into the scenario's fraction.
MONITORED_TARGETS = {
    "non_fossil_energy_share": "non_fossil_share",
    "co2_intensity_reduction": "co2_intensity",
}


def scenario_targets(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The scenario's targets with the value monitoring holds for the same indicator and year.

    Read through ``greenloop.monitoring.selectors``: a province target of the same target year
    (and, for the CO2-intensity reduction, the same base year) replaces the value copied into
    the scenario, and its document and source are shown (``origin = "monitoring"``). Where
    monitoring has none, the scenario's own value stays (``origin = "scenario"``)."""
    out = []
    for target in targets:
        code = MONITORED_TARGETS.get(str(target.get("indicator_code", "")))
        found = None
        if code is not None:
            for item in monitoring.province_targets(code):
                if item.target_year != int(target.get("year", 0) or 0):
                    continue
                base = target.get("reference_year")
                if code == "co2_intensity" and (item.kind != "change" or item.base_year != base):
                    continue
                found = item
                break
        if found is None:
            out.append({**target, "origin": "scenario"})
            continue
        out.append(
            {
                **target,
                # Monitoring keeps percent; a "change" target is signed (−12 = a 12 % fall).
                "value": (-found.value if found.kind == "change" else found.value) / 100,
                "scenario_own_value": target.get("value"),
                "source": f"{found.document}, {found.source} ("
                + gettext("monitoring target %(code)s") % {"code": found.code}
                + ")",
                "origin": "monitoring",
                "monitoring_indicator": code,
            }
        )
    return out


def nbs_estimates(region: str, year: int) -> list[dict[str, Any]]:
    """Inventories accounted from an NBS energy balance (``nbs-…`` codes) for a region and year,
    each beside CEADs' published total for the same year (None where CEADs has none)."""
    ceads_total = (
        Inventory.objects.filter(region_code=region, year=year, kind=InventoryKind.SECTOR_FUEL)
        .order_by("-pk")
        .values_list("total_mt", flat=True)
        .first()
    )
    out = []
    for inventory in Inventory.objects.filter(
        region_code=region, year=year, code__startswith="nbs-"
    ).select_related("factor_set"):
        out.append(
            {
                "code": inventory.code,
                "factor_set": inventory.factor_set.code if inventory.factor_set else "",
                "nbs_mt": inventory.total_mt,
                "ceads_mt": ceads_total,
                "difference_mt": None if ceads_total is None else inventory.total_mt - ceads_total,
                "source": inventory.source,
            }
        )
    return out


# Provinces (first two digits of the GB/T 2260 code) of the northwest regional grid (西北区域电网:
# Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang), as the NDRC regional grid factor notices define it.
REGIONAL_GRID_OF_PROVINCE = {"61": "西北区域电网", "62": "西北区域电网", "63": "西北区域电网",
                             "64": "西北区域电网", "65": "西北区域电网"}  # fmt: skip


def grid_factor_for(region_code: str, year: int) -> GridFactor | None:
    """The grid factor for an enterprise in ``region_code`` in ``year``: a provincial factor
    (scope ``provincial``, code starting with the 6-digit province code) when one is stored,
    else the province's regional grid, else the national average; of those, the newest year
    not after ``year`` (else the oldest one stored)."""
    province = region_code[:2]
    candidates = [
        GridFactor.objects.filter(scope="provincial", code__startswith=f"{province}0000"),
        GridFactor.objects.filter(
            scope="regional", area=REGIONAL_GRID_OF_PROVINCE.get(province, "-")
        ),
        GridFactor.objects.filter(scope="national"),
    ]
    for factors in candidates:
        chosen = factors.filter(year__lte=year).order_by("-year").first()
        if chosen is None:
            chosen = factors.order_by("year").first()
        if chosen is not None:
            return chosen
    return None
