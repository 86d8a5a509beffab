"""Energy inventories in the NBS provincial energy balance layout (地区能源平衡表, physical units,
as printed in the China Energy Statistical Yearbook): rows are the balance items, columns the
energy products, units in a unit row under the product names or in the names ("原煤(万吨)").

Rows (labels compared without numbering such as 一、(一) 1. and without spaces):
可供本地区消费的能源量 = 一次能源生产量 + 回收能 + 外省(区、市)调入量 + 进口量 + 境内加油 +
本省(区、市)调出量(-) + 出口量(-) + 境外加油(-) + 库存增(-)减(+)量 (or 年初库存量 + 年末库存量(-));
加工转换投入(-)产出(+)量 = 火力发电 + 供热 + 洗选煤 + 炼焦 + 炼油及煤制油 + 制气 +
天然气液化 + 煤制品加工 + 回收能; 损失量; 终端消费量 = 农、林、牧、渔业 + 工业 + 建筑业 +
交通运输、仓储和邮政业 + 批发和零售业、住宿和餐饮业 + 其他 + 居民生活 (= 城镇 + 乡村);
平衡差额 = 可供 + 加工转换 − 损失 − 终端.
Outflows are printed negative, transformation inputs negative and outputs positive.

Mapping to the platform's inventory (the CEADs 47 sectors × 17 fuels), documented in
``greenloop/data/carbon/README.md``: the balance has 7 final-consumption sectors, far coarser
than CEADs' 47, so each goes to ONE carrier sector row and no split is invented:
农林牧渔业 → S01, 工业 (minus 其中:用作原料、材料, non-energy use, as CEADs does) → S37,
建筑业 → S42, 交通运输 → S43, 批发零售住宿餐饮 → S44, 其他 → S45, 城镇 → S46, 乡村 → S47;
fossil inputs to 火力发电 and 供热 → S39 (power and heat). Inputs to the other transformations
(washing, coking, refining, gas making) make other fuels and are not burnt; losses are not
burnt: neither is counted. 热力, 电力 and 其他能源 columns are read and checked but carry no
direct emissions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from greenloop.carbon.engine.ceads import _close, _number, column_letter
from greenloop.carbon.engine.energy_sheet import EnergyInventory
from greenloop.carbon.engine.reference import fuel_codes, fuels, sector_codes

LAYOUT = "nbs"
MASS, VOLUME, HEAT, POWER, TCE = "万吨", "亿立方米", "万百万千焦", "亿千瓦时", "万吨标准煤"
# product name (Chinese, normalised) → (fuel code or None for non-fossil, unit)
NON_FOSSIL = {"热力": HEAT, "电力": POWER, "其他能源": TCE}
UNIT_ALIASES = {
    "万吨": MASS,
    "104t": MASS,
    "亿立方米": VOLUME,
    "亿m3": VOLUME,
    "108m3": VOLUME,
    "万百万千焦": HEAT,
    "1010kj": HEAT,
    "亿千瓦时": POWER,
    "亿千瓦小时": POWER,
    "108kwh": POWER,
    "万吨标准煤": TCE,
    "104tce": TCE,
}

# items: code → (parent subtotal or None, sign: "+" ≥ 0, "-" ≤ 0, "±" any)
SUPPLY = "supply"
TRANSFORM = "transformation"
LOSSES = "losses"
FINAL = "final"
BALANCE = "balance_difference"
ITEMS: dict[str, tuple[str | None, str]] = {
    SUPPLY: (None, "±"),
    "opening_stock": (SUPPLY, "+"),
    "production": (SUPPLY, "+"),
    "recovered": (SUPPLY, "+"),
    "inflow": (SUPPLY, "+"),
    "imports": (SUPPLY, "+"),
    "bunkers_abroad": (SUPPLY, "+"),
    "outflow": (SUPPLY, "-"),
    "exports": (SUPPLY, "-"),
    "bunkers_here": (SUPPLY, "-"),
    "closing_stock": (SUPPLY, "-"),
    "stock_change": (SUPPLY, "±"),
    TRANSFORM: (None, "±"),
    "thermal_power": (TRANSFORM, "±"),
    "heating": (TRANSFORM, "±"),
    "coal_washing": (TRANSFORM, "±"),
    "coking": (TRANSFORM, "±"),
    "refining": (TRANSFORM, "±"),
    "gas_making": (TRANSFORM, "±"),
    "lng": (TRANSFORM, "±"),
    "briquetting": (TRANSFORM, "±"),
    "recovered_t": (TRANSFORM, "±"),
    LOSSES: (None, "+"),
    FINAL: (None, "+"),
    "primary": (None, "+"),
    "secondary": (None, "+"),
    "tertiary": (None, "+"),
    "agriculture": (FINAL, "+"),
    "industry": (FINAL, "+"),
    "feedstock": (None, "+"),
    "construction": (FINAL, "+"),
    "transport": (FINAL, "+"),
    "commerce": (FINAL, "+"),
    "other": (FINAL, "+"),
    "households": (FINAL, "+"),
    "urban": ("households", "+"),
    "rural": ("households", "+"),
    BALANCE: (None, "±"),
    "of_which": (None, "±"),  # 其中 rows not used (transport losses, re-input): read, not summed
    "consumption_total": (None, "+"),
}
# optional intermediate subtotals of final consumption (第一/二/三产业)
GROUPS = {
    "primary": ("agriculture",),
    "secondary": ("industry", "construction"),
    "tertiary": ("transport", "commerce", "other"),
}
LABELS: dict[str, str] = {
    "可供本地区消费的能源量": SUPPLY,
    "可供本地区消费能源量": SUPPLY,
    "年初库存量": "opening_stock",
    "一次能源生产量": "production",
    "外省区市调入量": "inflow",
    "外省调入量": "inflow",
    "进口量": "imports",
    "境内轮船和飞机在境外的加油量": "bunkers_abroad",
    "我轮机在外国加油量": "bunkers_abroad",
    "本省区市调出量": "outflow",
    "本省调出量": "outflow",
    "出口量": "exports",
    "境外轮船和飞机在境内的加油量": "bunkers_here",
    "外轮机在我国加油量": "bunkers_here",
    "年末库存量": "closing_stock",
    "库存增减量": "stock_change",
    "加工转换投入产出量": TRANSFORM,
    "火力发电": "thermal_power",
    "供热": "heating",
    "洗选煤": "coal_washing",
    "煤炭洗选": "coal_washing",
    "炼焦": "coking",
    "炼油及煤制油": "refining",
    "炼油": "refining",
    "制气": "gas_making",
    "天然气液化": "lng",
    "煤制品加工": "briquetting",
    "型煤加工": "briquetting",
    "损失量": LOSSES,
    "终端消费量": FINAL,
    "第一产业": "primary",
    "第二产业": "secondary",
    "第三产业": "tertiary",
    "农林牧渔业": "agriculture",
    "农林牧渔水利业": "agriculture",
    "工业": "industry",
    "用作原料材料": "feedstock",
    "建筑业": "construction",
    "交通运输仓储和邮政业": "transport",
    "交通运输仓储及邮政业": "transport",
    "批发和零售业住宿和餐饮业": "commerce",
    "批发零售业和住宿餐饮业": "commerce",
    "批发零售和住宿餐饮业": "commerce",
    "其他": "other",
    "其他行业": "other",
    "居民生活": "households",
    "生活消费": "households",
    "城镇": "urban",
    "乡村": "rural",
    "平衡差额": BALANCE,
    "运输和输配损失": "of_which",
    "油品再投入量": "of_which",
    "焦炭再投入量": "of_which",
    "消费量合计": "consumption_total",
}
REQUIRED = (
    SUPPLY,
    TRANSFORM,
    "thermal_power",
    "heating",
    FINAL,
    "agriculture",
    "industry",
    "construction",
    "transport",
    "commerce",
    "other",
    "households",
    "urban",
    "rural",
)
# balance item → the platform sector row that carries it
SECTOR_OF = {
    "agriculture": "S01",
    "industry": "S37",
    "construction": "S42",
    "transport": "S43",
    "commerce": "S44",
    "other": "S45",
    "urban": "S46",
    "rural": "S47",
}
POWER_HEAT_SECTOR = "S39"
NULLS = {"-", "—", "–", "--", "……", "…"}  # printed for zero in the yearbook


def label_key(text: Any) -> str:
    """``(三)外省(区、市)调入量`` → ``外省区市调入量``;
    ``其中：用作原料、材料`` → ``用作原料材料``."""
    raw = str(text or "").strip()
    raw = re.sub(r"^[#＃]", "", raw)
    raw = re.sub(r"^(其中|#)\s*[:：]?", "", raw)
    raw = re.sub(r"^[一二三四五六七八九十]+[、.．]", "", raw)
    raw = re.sub(r"^[(（][一二三四五六七八九十]+[)）]", "", raw)
    raw = re.sub(r"^\d+[.．、]", "", raw)
    raw = re.sub(r"^其中\s*[:：]?", "", raw)
    raw = re.sub(r"[(（][-+＋－、,，\s]*[)）]", "", raw)  # (-), (+、-)
    raw = raw.replace("增(-)减(+)", "增减").replace("增（-）减（+）", "增减")
    raw = raw.replace("投入(-)产出(+)", "投入产出").replace("投入（-）产出（+）", "投入产出")
    return re.sub(r"[\s()（）、,，:：·]", "", raw)


def product_and_unit(text: Any) -> tuple[str, str | None]:
    """``原煤(万吨)`` → (``原煤``, ``万吨``); ``原煤`` → (``原煤``, None)."""
    raw = re.sub(r"\s", "", str(text or ""))
    match = re.match(r"^(.*?)[(（\[]([^()（）\[\]]+)[)）\]]$", raw)
    if match:
        return match.group(1), match.group(2)
    return raw, None


def unit_of(text: Any) -> str | None:
    raw = re.sub(r"[\s^]", "", str(text or "")).lower().replace("³", "3")
    raw = raw.removeprefix("单位:").removeprefix("单位：")
    return UNIT_ALIASES.get(raw)


@dataclass
class Balance:
    """The checked balance: item → product → value (physical units), and the inventory."""

    values: dict[str, dict[str, float]] = field(default_factory=dict)
    inventory: EnergyInventory | None = None


def _products() -> dict[str, tuple[str | None, str]]:
    out: dict[str, tuple[str | None, str]] = {
        f.name_zh: (f.code, MASS if f.unit == "10^4 t" else VOLUME) for f in fuels()
    }
    out.update({name: (None, unit) for name, unit in NON_FOSSIL.items()})
    return out


def parse_balance(
    rows: list[tuple[Any, ...]], where: str, region: str, year: int
) -> tuple[Balance | None, list[str]]:
    """A balance table (rows as read from a sheet or CSV) → the inventory, or located problems
    (``where!B7: why``, row numbers as in the file)."""
    problems: list[str] = []

    def problem(row: int, col: int, why: str) -> None:
        problems.append(f"{where}!{column_letter(col)}{row + 1}: {why}")

    products = _products()
    header_at = next(
        (
            i
            for i, row in enumerate(rows)
            if sum(product_and_unit(c)[0] in products for c in row[1:]) >= 2
        ),
        None,
    )
    if header_at is None:
        return None, [f"{where}: no header row naming the energy products (原煤, 焦炭, …)"]
    header = rows[header_at]
    unit_row: tuple[Any, ...] | None = None
    if header_at + 1 < len(rows):
        following = rows[header_at + 1]
        first = str(following[0] or "").strip().lower() if following else ""
        if first in {"单位", "unit", "units", "计量单位"} or any(unit_of(c) for c in following[1:]):
            unit_row = following
    columns: dict[int, tuple[str | None, str]] = {}  # col → (fuel code | None, product name)
    for col in range(1, len(header)):
        name, unit_text = product_and_unit(header[col])
        if not name:
            continue
        if name not in products:
            problem(header_at, col, f"unknown energy product “{name}”")
            continue
        code, expected = products[name]
        if unit_text is None and unit_row is not None and col < len(unit_row):
            unit_text = unit_row[col]
        unit = unit_of(unit_text)
        at = header_at if unit_row is None else header_at + 1
        if unit_text in (None, ""):
            problem(at, col, f"no unit for {name} (expected {expected})")
        elif unit is None:
            problem(at, col, f"unknown unit “{unit_text}” for {name} (expected {expected})")
        elif unit != expected:
            problem(at, col, f"unit “{unit_text}” is wrong for {name}: the balance uses {expected}")
        if name in {n for _c, n in columns.values()}:
            problem(header_at, col, f"product “{name}” appears twice")
        columns[col] = (code, name)
    missing = [f.name_zh for f in fuels() if f.code not in {c for c, _n in columns.values()}]
    if missing:
        problems.append(f"{where}: product column(s) missing: {', '.join(missing)}")
    if problems:
        return None, problems

    values: dict[str, dict[str, float]] = {}
    row_of: dict[str, int] = {}
    section: str | None = None
    start = header_at + (2 if unit_row is not None else 1)
    for index in range(start, len(rows)):
        row = rows[index]
        if not row or not any(str(c or "").strip() for c in row):
            continue
        key = label_key(row[0])
        if not key and not str(row[0] or "").strip():
            problem(index, 0, "row without a balance item name")
            continue
        item = LABELS.get(key)
        if key == "回收能" and section == TRANSFORM:
            item = "recovered_t"
        elif key == "回收能":
            item = "recovered"
        if item is None:
            problem(index, 0, f"unknown balance item “{str(row[0]).strip()}”")
            continue
        if ITEMS[item][0] is None and item not in {"feedstock", "of_which"}:
            section = item
        if item == "of_which":
            continue
        if item in row_of:
            problem(index, 0, f"balance item “{str(row[0]).strip()}” appears twice")
            continue
        row_of[item] = index
        sign = ITEMS[item][1]
        cells: dict[str, float] = {}
        for col, (_code, name) in columns.items():
            raw = row[col] if col < len(row) else None
            if isinstance(raw, str) and raw.strip() in NULLS:
                cells[name] = 0.0
                continue
            try:
                number = _number(raw.replace(",", "") if isinstance(raw, str) else raw)
            except (TypeError, ValueError):
                problem(index, col, f"not a number: “{raw}”")
                continue
            if number is None:
                problem(index, col, "missing value (write 0 or - for none)")
            elif sign == "+" and number < 0:
                problem(index, col, f"negative value {number:g} where none is allowed")
            elif sign == "-" and number > 0:
                problem(index, col, f"positive value {number:g}: this outflow is printed (-)")
            else:
                cells[name] = number
        values[item] = cells
    for item in REQUIRED:
        if item not in values and item not in row_of:
            problems.append(f"{where}: balance item row missing: {item}")
    if problems:
        return None, problems

    def check(total: str, parts: list[str]) -> None:
        present = [p for p in parts if p in values]
        if total not in values or not present:
            return
        for col, (_code, name) in columns.items():
            summed = sum(values[p][name] for p in present)
            if not _close(values[total][name], summed):
                problem(
                    row_of[total],
                    col,
                    f"subtotal {values[total][name]:.6g} ≠ sum of its items {summed:.6g}",
                )

    children: dict[str, list[str]] = {}
    for item, (parent, _sign) in ITEMS.items():
        if parent is not None:
            children.setdefault(parent, []).append(item)
    for total, parts in children.items():
        check(total, parts)
    for group, members in GROUPS.items():
        check(group, list(members))
    if "feedstock" in values:
        for col, (_code, name) in columns.items():
            if values["feedstock"][name] > values["industry"][name] * (1 + 1e-9):
                problem(row_of["feedstock"], col, "用作原料、材料 exceeds 工业")
    if BALANCE in values:
        for col, (_code, name) in columns.items():
            balanced = (
                values[SUPPLY][name]
                + values[TRANSFORM][name]
                - values.get(LOSSES, {}).get(name, 0.0)
                - values[FINAL][name]
            )
            if not _close(values[BALANCE][name], balanced):
                problem(
                    row_of[BALANCE],
                    col,
                    f"平衡差额 {values[BALANCE][name]:.6g} ≠ supply + transformation − losses"
                    f" − final consumption = {balanced:.6g}",
                )
    for col, (code, name) in columns.items():
        if code is None:
            continue
        for item in ("thermal_power", "heating"):
            if values[item][name] > 0:
                problem(row_of[item], col, f"{name} is an input to {item}: printed (-)")
    if problems:
        return None, problems
    return Balance(values, to_inventory(values, columns, region, year, where)), []


def to_inventory(
    values: dict[str, dict[str, float]],
    columns: dict[int, tuple[str | None, str]],
    region: str,
    year: int,
    where: str,
) -> EnergyInventory:
    """The documented mapping (module docstring) onto the 47 × 17 inventory."""
    s_index = {c: i for i, c in enumerate(sector_codes())}
    f_index = {c: i for i, c in enumerate(fuel_codes())}
    energy = np.zeros((len(s_index), len(f_index)))
    for code, name in columns.values():
        if code is None:
            continue
        j = f_index[code]
        for item, sector in SECTOR_OF.items():
            amount = values[item][name]
            if item == "industry":
                amount -= values.get("feedstock", {}).get(name, 0.0)
            energy[s_index[sector], j] += amount
        energy[s_index[POWER_HEAT_SECTOR], j] += -(
            values["thermal_power"][name] + values["heating"][name]
        )
    return EnergyInventory(region, year, f"{where} (NBS energy balance layout)", energy)
