"""Reads for views, API and reports: holdings, statements, market data, compliance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from greenloop.accounts.permissions import can_view_owned, reads_everything, region_scope
from greenloop.markets import calc
from greenloop.markets.models import (
    Account,
    AccountKind,
    Balance,
    CarbonType,
    Entry,
    Instrument,
    InstrumentKind,
    Obligation,
    Operation,
    Order,
    OrderStatus,
    Side,
    Trade,
)
from greenloop.orgs.models import Organization

ZERO = Decimal(0)


def instruments(kind: str | None = None) -> QuerySet[Instrument]:
    queryset = Instrument.objects.exclude(kind=InstrumentKind.CASH).select_related(
        "authority", "region"
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "code")


def instrument(code: str) -> Instrument | None:
    return instruments().filter(code=code).first()


# -- accounts and holdings -------------------------------------------------------------------
def visible_accounts(user: Any) -> QuerySet[Account]:
    queryset = Account.objects.select_related("organization", "organization__region")
    if reads_everything(user):
        return queryset.order_by("organization__code", "kind")
    scope = region_scope(user)
    condition = Q(organization_id=getattr(user, "organization_id", None) or -1)
    if scope is not None:
        condition |= Q(organization__region=scope) | Q(organization__region__parent=scope)
    return queryset.filter(condition).order_by("organization__code", "kind")


def account_visible(user: Any, code: str) -> Account | None:
    account = Account.objects.select_related("organization").filter(code=code).first()
    if account is None or not can_view_owned(user, account.organization):
        return None
    return account


def holdings(account: Account) -> list[dict[str, Any]]:
    """Non-zero balances of an account, per instrument and lot."""
    rows = (
        Balance.objects.filter(account=account)
        .exclude(quantity=0)
        .select_related("instrument", "lot")
        .order_by("instrument__kind", "instrument__code", "lot__code")
    )
    return [
        {
            "instrument": b.instrument.code,
            "instrument_name": b.instrument.name_zh,
            "kind": b.instrument.kind,
            "unit": b.instrument.unit,
            "lot": b.lot.code,
            "quantity": b.quantity,
            "demonstration": b.instrument.demonstration,
        }
        for b in rows
    ]


def statement(account: Account, limit: int = 500) -> list[dict[str, Any]]:
    """The account's ledger entries, newest first, with the running balance per instrument."""
    entries = list(
        Entry.objects.filter(account=account)
        .select_related("operation", "instrument", "lot")
        .order_by("id")
    )
    running: dict[int, Decimal] = {}
    lines = []
    for entry in entries:
        running[entry.instrument_id] = running.get(entry.instrument_id, ZERO) + entry.quantity
        lines.append(
            {
                "at": entry.operation.at,
                "operation": entry.operation_id,
                "kind": entry.operation.kind,
                "instrument": entry.instrument.code,
                "unit": entry.instrument.unit,
                "lot": entry.lot.code,
                "quantity": entry.quantity,
                "balance": running[entry.instrument_id],
                "demonstration": entry.instrument.demonstration,
            }
        )
    return lines[::-1][:limit]


def position(org: Organization, instrument: Instrument) -> Decimal:
    """Units of an instrument an organization holds, including those escrowed for orders."""
    total = Balance.objects.filter(
        account__organization=org,
        account__kind__in=[AccountKind.HOLDING, AccountKind.ESCROW],
        instrument=instrument,
    ).aggregate(total=Sum("quantity"))["total"]
    return total or ZERO


def ledger_discrepancies() -> list[str]:
    """Everything that would show the ledger out of balance (empty when all is well):
    per instrument and lot the entries sum to zero (issued = sum of every account's units, so
    issued − retired − expired − cancelled = holdings); stored balances equal the sums of
    entries; no balance is negative outside the issuance source."""
    problems = []
    for row in Entry.objects.values("instrument_id", "lot_id").annotate(total=Sum("quantity")):
        if row["total"] != 0:
            problems.append(
                f"instrument {row['instrument_id']} lot {row['lot_id']}: "
                f"entries sum to {row['total']}"
            )
    sums = {
        (r["account_id"], r["instrument_id"], r["lot_id"]): r["total"]
        for r in Entry.objects.values("account_id", "instrument_id", "lot_id").annotate(
            total=Sum("quantity")
        )
    }
    stored = {(b.account_id, b.instrument_id, b.lot_id): b for b in Balance.objects.all()}
    for key in set(sums) | set(stored):
        balance = stored.get(key)
        if (balance.quantity if balance else ZERO) != (sums.get(key) or ZERO):
            problems.append(f"balance {key} differs from its entries")
        if balance and balance.quantity < 0 and balance.account_kind != AccountKind.ORIGIN:
            problems.append(f"balance {key} is negative")
    return problems


def conservation(instrument: Instrument) -> dict[str, Decimal]:
    """Issued, retired, surrendered, expired, cancelled and held (unallocated, held, escrowed,
    and for funds the funds accounts), per the ledger."""
    by_kind = {
        row["account__kind"]: row["total"] or ZERO
        for row in Balance.objects.filter(instrument=instrument)
        .values("account__kind")
        .annotate(total=Sum("quantity"))
    }
    held = sum(
        (
            by_kind.get(k, ZERO)
            for k in (
                AccountKind.ISSUANCE,
                AccountKind.HOLDING,
                AccountKind.ESCROW,
                AccountKind.FUNDS,
            )
        ),
        ZERO,
    )
    return {
        "issued": -by_kind.get(AccountKind.ORIGIN, ZERO),
        "retired": by_kind.get(AccountKind.RETIREMENT, ZERO),
        "surrendered": by_kind.get(AccountKind.COMPLIANCE, ZERO),
        "expired": by_kind.get(AccountKind.EXPIRED, ZERO),
        "cancelled": by_kind.get(AccountKind.CANCELLED, ZERO),
        "held": held,
    }


def operations_visible(user: Any) -> QuerySet[Operation]:
    queryset = Operation.objects.select_related("actor").order_by("-id")
    if reads_everything(user):
        return queryset
    org_id = getattr(user, "organization_id", None) or -1
    return queryset.filter(entries__account__organization_id=org_id).distinct()


# -- market data -----------------------------------------------------------------------------
def order_book(instrument: Instrument, levels: int = 10) -> dict[str, list[dict[str, Any]]]:
    base = Order.objects.filter(instrument=instrument, status=OrderStatus.OPEN)
    book: dict[str, list[dict[str, Any]]] = {}
    for side, ordering in ((Side.BUY, "-price"), (Side.SELL, "price")):
        rows = (
            base.filter(side=side)
            .values("price")
            .annotate(quantity=Sum("remaining"))
            .order_by(ordering)[:levels]
        )
        book["bids" if side == Side.BUY else "asks"] = [
            {"price": r["price"], "quantity": r["quantity"]} for r in rows
        ]
    return book


def trades(instrument: Instrument) -> QuerySet[Trade]:
    return Trade.objects.filter(instrument=instrument).order_by("-id")


def ohlc(instrument: Instrument, days: int = 90) -> list[calc.Candle]:
    since = timezone.now() - dt.timedelta(days=days)
    rows = (
        Trade.objects.filter(instrument=instrument, executed_at__gte=since)
        .order_by("id")
        .values_list("executed_at", "price", "quantity")
    )
    return calc.daily_ohlc((timezone.localtime(at).date(), p, q) for at, p, q in rows)


def vwap(instrument: Instrument, day: dt.date | None = None) -> Decimal | None:
    rows = Trade.objects.filter(instrument=instrument)
    if day is not None:
        rows = rows.filter(executed_at__date=day)
    return calc.vwap(rows.values_list("price", "quantity"))


# -- compliance ------------------------------------------------------------------------------
def surrendered(obligation: Obligation) -> dict[str, Decimal]:
    rows = (
        Entry.objects.filter(operation__obligation=obligation, account__kind=AccountKind.COMPLIANCE)
        .values("instrument__carbon_type")
        .annotate(total=Sum("quantity"))
    )
    ccer = sum((r["total"] for r in rows if r["instrument__carbon_type"] == CarbonType.CCER), ZERO)
    total = sum((r["total"] for r in rows), ZERO)
    return {"total": total, "ccer": ccer}


def obligations_visible(user: Any) -> QuerySet[Obligation]:
    queryset = Obligation.objects.select_related("organization").order_by(
        "period", "organization__code", "kind", "pollutant"
    )
    if reads_everything(user):
        return queryset
    scope = region_scope(user)
    condition = Q(organization_id=getattr(user, "organization_id", None) or -1)
    if scope is not None:
        condition |= Q(organization__region=scope) | Q(organization__region__parent=scope)
    return queryset.filter(condition)


def shortfall_report(obligations: Any, today: dt.date | None = None) -> list[dict[str, Any]]:
    today = today or timezone.localdate()
    report = []
    for ob in obligations:
        done = surrendered(ob)
        short = calc.shortfall(ob.required, done["total"])
        report.append(
            {
                "id": ob.pk,
                "organization": ob.organization.code,
                "organization_name": ob.organization.name,
                "kind": ob.kind,
                "pollutant": ob.pollutant,
                "period": ob.period,
                "required": ob.required,
                "surrendered": done["total"],
                "ccer": done["ccer"],
                "shortfall": short,
                "deadline": ob.deadline,
                "missed": short > 0 and ob.deadline < today,
                "demonstration": ob.demonstration,
            }
        )
    return report


def missed_deadlines(obligations: Any, today: dt.date | None = None) -> list[dict[str, Any]]:
    return [row for row in shortfall_report(obligations, today) if row["missed"]]
