"""Demonstration market: participants, allocations, orders and trades for every instrument
kind, so that the pages have something to show. Everything it creates is marked as
demonstration (organizations named “（演示）”, source "demonstration"; the instruments it
trades are demonstration instruments). Never run it on a production registry."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from greenloop.accounts.permissions import is_admin, require
from greenloop.markets import services, trading
from greenloop.markets.models import Instrument, Obligation
from greenloop.orgs.calc import uscc_check_char
from greenloop.orgs.models import Organization
from greenloop.orgs.services import create_organization

PARTICIPANTS = [
    ("demo-mkt-xn-power", "西宁示范热电有限公司（演示）", "630100", "D4411"),
    ("demo-mkt-xn-chem", "西宁示范化工有限公司（演示）", "630100", "C2614"),
    ("demo-mkt-hx-salt", "海西示范盐湖化工有限公司（演示）", "632800", "C2619"),
    ("demo-mkt-hn-solar", "海南州示范光伏电站有限公司（演示）", "632500", "D4416"),
]
SOURCE = "demonstration"


def seed_demonstration(actor: Any, seed: int = 2026, orders: int = 40) -> dict[str, int]:
    """Create (once) the demonstration market; returns counts of what was made."""
    require(is_admin(actor), "only an administrator seeds the demonstration market")
    rng = random.Random(seed)  # noqa: S311 (demonstration traffic)
    counts = {"organizations": 0, "orders": 0, "refused": 0}
    with transaction.atomic():
        codes = []
        for number, (code, name, region, industry) in enumerate(PARTICIPANTS):
            if not Organization.objects.filter(code=code).exists():
                body = f"91{region}99999{number:04d}"  # a made-up (demonstration) credit code
                create_organization(
                    actor=actor,
                    code=code,
                    name_zh=name,
                    kind="enterprise",
                    region=region,
                    industry_code=industry,
                    source=SOURCE,
                    uscc=body + uscc_check_char(body),
                )
                counts["organizations"] += 1
            services.open_accounts(actor=actor, organization=code)
            services.deposit(
                actor=actor, organization=code, amount="50000000", key=f"demo-d-{code}"
            )
            codes.append(code)
        for instrument in Instrument.objects.filter(demonstration=True).order_by("code"):
            _seed_instrument(actor, instrument, codes, rng, counts, orders)
        for code in codes[:3]:
            if not Obligation.objects.filter(organization__code=code, period=2025).exists():
                services.create_obligation(
                    actor=actor,
                    organization=code,
                    kind="carbon",
                    period=2025,
                    required=str(rng.randint(20, 60) * 1000),
                    deadline=dt.date(2026, 12, 31),
                    source=SOURCE,
                    demonstration=True,
                )
    return counts


def _seed_instrument(
    actor: Any,
    instrument: Instrument,
    codes: list[str],
    rng: random.Random,
    counts: dict[str, int],
    orders: int,
) -> None:
    code = instrument.code
    quantity = Decimal(instrument.cap) if instrument.cap else Decimal(400_000)
    lot = "2026-01" if instrument.kind == "gec" else "2025" if instrument.vintage else "2026"
    services.issue(
        actor=actor,
        instrument=code,
        lot=lot,
        quantity=quantity,
        key=f"demo-i-{code}",
        production_month=dt.date(2026, 1, 1) if instrument.kind == "gec" else None,
    )
    share = (quantity / 2 / len(codes)).quantize(Decimal(1))
    for holder in codes:
        services.allocate(
            actor=actor,
            instrument=code,
            organization=holder,
            quantity=share,
            key=f"demo-a-{code}-{holder}",
        )
    close = instrument.previous_close or Decimal(10)
    for n in range(orders):
        side = rng.choice(["buy", "sell"])
        step = close * Decimal(rng.randint(-8, 8)) / 100
        price = (close + step).quantize(Decimal("0.01"))
        size = max(Decimal(1), (share / 200 * rng.randint(1, 10)).quantize(Decimal(1)))
        try:
            trading.place_order(
                actor=actor,
                organization=rng.choice(codes),
                instrument=code,
                side=side,
                price=price,
                quantity=size,
                key=f"demo-o-{code}-{n}",
            )
            counts["orders"] += 1
        except ValidationError:
            counts["refused"] += 1
