"""Every registry and exchange write: validate → permission → transaction → audit.

Each operation goes through :func:`greenloop.markets.ledger.run`, which makes it atomic and
idempotent (``key``: the client's idempotency key) and records it in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction, Role
from greenloop.accounts.permissions import can_change_owned, is_admin, require, role_of
from greenloop.markets import engine
from greenloop.markets.ledger import Posting, run
from greenloop.markets.models import (
    PRICE_STEP,
    QTY_STEP,
    Account,
    AccountKind,
    Agreement,
    AgreementStatus,
    Auction,
    AuctionStatus,
    Bid,
    CarbonType,
    Entry,
    Instrument,
    InstrumentKind,
    Lot,
    Obligation,
    ObligationKind,
    Operation,
    OperationKind,
    Order,
    OrderStatus,
    Side,
    Trade,
    TradeKind,
)
from greenloop.orgs.models import Organization

CASH_CODE = "CNY"
PARTICIPANT_KINDS = (
    AccountKind.HOLDING,
    AccountKind.ESCROW,
    AccountKind.FUNDS,
    AccountKind.COMPLIANCE,
    AccountKind.RETIREMENT,
)
AUTHORITY_KINDS = (
    AccountKind.ORIGIN,
    AccountKind.ISSUANCE,
    AccountKind.FUNDS,
    AccountKind.EXPIRED,
    AccountKind.CANCELLED,
)


# -- input -----------------------------------------------------------------------------------
def _decimal(value: Any, field: str, step: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite() or number <= 0:
        raise ValidationError({field: _("Enter a positive number.")})
    if number != number.quantize(step) or number >= Decimal(10) ** 13:
        raise ValidationError(
            {field: _("Use at most %(places)s decimal places and fewer than 14 digits.")
             % {"places": -step.as_tuple().exponent}}  # type: ignore[operator]
        )  # fmt: skip
    return number


def quantity_of(value: Any, instrument: Instrument | None = None) -> Decimal:
    quantity = _decimal(value, "quantity", QTY_STEP)
    if instrument is not None and instrument.whole_units and quantity != quantity.to_integral():
        raise ValidationError(
            {"quantity": _("%(instrument)s is traded in whole units (1 certificate = 1 MWh).")
             % {"instrument": instrument.code}}
        )  # fmt: skip
    return quantity


def price_of(value: Any) -> Decimal:
    return _decimal(value, "price", PRICE_STEP)


def money(value: Decimal) -> Decimal:
    """Yuan amounts on the ledger are exact (quantity × price needs at most 5 decimals)."""
    return value


def instrument_by_code(code: str, *, lock: bool = False) -> Instrument:
    queryset = Instrument.objects.select_for_update() if lock else Instrument.objects
    instrument = queryset.filter(code=code).first()
    if instrument is None or (instrument.kind == InstrumentKind.CASH and code != CASH_CODE):
        raise ValidationError({"instrument": _("No instrument has the code “%(code)s”.") % {"code": code}})
    return instrument


def organization_by_code(code: str, field: str = "organization") -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise ValidationError({field: _("No organization has the code “%(code)s”.") % {"code": code}})
    return org


def cash() -> tuple[Instrument, Lot]:
    lot = Lot.objects.select_related("instrument").get(instrument__code=CASH_CODE, code=CASH_CODE)
    return lot.instrument, lot


# -- permissions -----------------------------------------------------------------------------
def is_authority(user: Any, instrument: Instrument) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return (
        role in (Role.DEPT_REPORTER, Role.DEPT_REVIEWER, Role.COORDINATOR)
        and user.organization_id == instrument.authority_id
    )


def require_authority(user: Any, instrument: Instrument) -> None:
    require(
        is_authority(user, instrument),
        _("Only the issuing authority of %(code)s may do this.") % {"code": instrument.code},
    )


def require_participant(user: Any, org: Organization) -> None:
    require(can_change_owned(user, org), _("You may not act for %(org)s.") % {"org": org.code})


# -- accounts --------------------------------------------------------------------------------
def account_for(org: Organization, kind: str) -> Account:
    account = Account.objects.filter(organization=org, kind=kind).first()
    if account is None:
        account, _created = Account.objects.get_or_create(
            organization=org, kind=kind, defaults={"code": f"{org.code}:{kind}"}
        )
    return account


def open_accounts(*, actor: Any, organization: str) -> list[Account]:
    """Open an organization's holding, escrow, funds, compliance and retirement accounts."""
    org = organization_by_code(organization)
    require_participant(actor, org)
    with transaction.atomic():
        accounts = []
        for kind in PARTICIPANT_KINDS:
            existed = Account.objects.filter(organization=org, kind=kind).exists()
            account = account_for(org, kind)
            if not existed:
                audit.record(actor=actor, action=AuditAction.CREATE, obj=account,
                             after=audit.snapshot(account))  # fmt: skip
            accounts.append(account)
    return accounts


def set_account_open(*, actor: Any, account: str, is_open: bool) -> Account:
    require(is_admin(actor), _("Only the platform administrator opens and closes accounts."))
    row = Account.objects.filter(code=account).first()
    if row is None:
        raise ValidationError({"account": _("No account has the code “%(code)s”.") % {"code": account}})
    with transaction.atomic():
        audit.save_with_audit(actor=actor, obj=row, changes={"is_open": is_open})
    return row


# -- issuance and allocation -----------------------------------------------------------------
def issued_total(instrument: Instrument) -> Decimal:
    origin = Entry.objects.filter(instrument=instrument, account__kind=AccountKind.ORIGIN)
    return -(origin.aggregate(total=Sum("quantity"))["total"] or Decimal(0))


def issue(
    *,
    actor: Any,
    instrument: str,
    lot: str,
    quantity: Any,
    key: str = "",
    production_month: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Operation:
    """Create units of a lot in the authority's issuance account (within any regional cap)."""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    qty = quantity_of(quantity, ins)
    if not lot or len(lot) > 64:
        raise ValidationError({"lot": _("Give a lot code of at most 64 characters.")})
    if ins.kind == InstrumentKind.CASH:
        raise ValidationError({"instrument": _("Funds are deposited, not issued.")})
    request = {"instrument": instrument, "lot": lot, "quantity": qty,
               "production_month": production_month, "valid_to": valid_to}  # fmt: skip

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        if locked.cap is not None and issued_total(locked) + qty > locked.cap:
            raise ValidationError(
                {"quantity": _("Issuing %(qty)s would exceed the regional total-quantity cap of "
                               "%(cap)s %(unit)s.")
                 % {"qty": qty, "cap": locked.cap, "unit": locked.unit}}
            )  # fmt: skip
        row, _created = Lot.objects.get_or_create(
            instrument=locked, code=lot,
            defaults={"production_month": production_month, "valid_to": valid_to or locked.valid_to},
        )  # fmt: skip
        origin = account_for(locked.authority, AccountKind.ORIGIN)
        issuance = account_for(locked.authority, AccountKind.ISSUANCE)
        posting.lock([origin, issuance])
        posting.move(origin, issuance, locked, row, qty)
        posting.operation.details["lot"] = row.code

    operation, _result = run(actor=actor, kind=OperationKind.ISSUE, key=key, request=request,
                             body=body)  # fmt: skip
    return operation


def allocate(
    *,
    actor: Any,
    instrument: str,
    organization: str,
    quantity: Any,
    key: str = "",
    price: Any = None,
) -> Operation:
    """Allocate units from the issuance account: free, or paid at ``price`` yuan per unit."""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    org = organization_by_code(organization)
    qty = quantity_of(quantity, ins)
    unit_price = price_of(price) if price is not None else None
    kind = OperationKind.ALLOCATE if unit_price is None else OperationKind.ALLOCATE_PAID
    request = {"instrument": instrument, "organization": organization, "quantity": qty,
               "price": unit_price}  # fmt: skip

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        issuance = account_for(locked.authority, AccountKind.ISSUANCE)
        holding = account_for(org, AccountKind.HOLDING)
        accounts = [issuance, holding]
        if unit_price is not None:
            accounts += [account_for(org, AccountKind.FUNDS),
                         account_for(locked.authority, AccountKind.FUNDS)]  # fmt: skip
        posting.lock(accounts)
        posting.move_fifo(issuance, holding, locked, qty)
        if unit_price is not None:
            money_ins, money_lot = cash()
            posting.move(accounts[2], accounts[3], money_ins, money_lot, money(qty * unit_price))

    operation, _result = run(actor=actor, kind=kind, key=key, request=request, body=body)
    return operation


def deposit(*, actor: Any, organization: str, amount: Any, key: str = "") -> Operation:
    """Credit funds (yuan) to an organization's funds account (settlement bank's deposit)."""
    require(is_admin(actor), _("Only the platform administrator records deposits."))
    org = organization_by_code(organization)
    value = price_of(amount)
    request = {"organization": organization, "amount": value}

    def body(posting: Posting) -> None:
        money_ins, money_lot = cash()
        origin, funds = account_for(org, AccountKind.ORIGIN), account_for(org, AccountKind.FUNDS)
        posting.lock([origin, funds])
        posting.move(origin, funds, money_ins, money_lot, value)

    operation, _result = run(actor=actor, kind=OperationKind.DEPOSIT, key=key, request=request,
                             body=body)  # fmt: skip
    return operation


def transfer(
    *, actor: Any, instrument: str, source: str, target: str, quantity: Any, key: str = ""
) -> Operation:
    """Move units from one organization's holding account to another's (no payment)."""
    ins = instrument_by_code(instrument)
    from_org = organization_by_code(source, "source")
    to_org = organization_by_code(target, "target")
    require_participant(actor, from_org)
    qty = quantity_of(quantity, ins)
    request = {"instrument": instrument, "source": source, "target": target, "quantity": qty}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        src = account_for(from_org, AccountKind.HOLDING)
        dst = account_for(to_org, AccountKind.HOLDING)
        posting.lock([src, dst])
        posting.move_fifo(src, dst, locked, qty)

    operation, _result = run(actor=actor, kind=OperationKind.TRANSFER, key=key, request=request,
                             body=body)  # fmt: skip
    return operation


# -- retirement, surrender, expiry, cancellation ---------------------------------------------
def retire(
    *,
    actor: Any,
    instrument: str,
    organization: str,
    quantity: Any,
    key: str = "",
    beneficiary: str = "",
    purpose: str = "",
) -> Operation:
    """Retire units (for a green certificate: claim the consumption); they never move again."""
    ins = instrument_by_code(instrument)
    org = organization_by_code(organization)
    require_participant(actor, org)
    qty = quantity_of(quantity, ins)
    if len(beneficiary) > 255 or len(purpose) > 255:
        raise ValidationError({"beneficiary": _("At most 255 characters.")})
    request = {"instrument": instrument, "organization": organization, "quantity": qty,
               "beneficiary": beneficiary, "purpose": purpose}  # fmt: skip

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        holding = account_for(org, AccountKind.HOLDING)
        retirement = account_for(org, AccountKind.RETIREMENT)
        posting.lock([holding, retirement])
        taken = posting.move_fifo(holding, retirement, locked, qty)
        posting.operation.details["lots"] = [[lot.code, str(q)] for lot, q in taken]

    operation, _result = run(actor=actor, kind=OperationKind.RETIRE, key=key, request=request,
                             body=body)  # fmt: skip
    return operation


def surrender(
    *, actor: Any, obligation: int, instrument: str, quantity: Any, key: str = ""
) -> Operation:
    """Surrender units toward a compliance obligation (CCER within its usage limit)."""
    ob = Obligation.objects.select_related("organization").filter(pk=obligation).first()
    if ob is None:
        raise ValidationError({"obligation": _("No such obligation.")})
    require_participant(actor, ob.organization)
    ins = instrument_by_code(instrument)
    qty = quantity_of(quantity, ins)
    if ob.kind == ObligationKind.CARBON and ins.kind != InstrumentKind.CARBON:
        raise ValidationError({"instrument": _("A carbon obligation takes carbon allowances or CCER.")})
    if ob.kind == ObligationKind.DISCHARGE and (
        ins.kind != InstrumentKind.DISCHARGE or ins.pollutant != ob.pollutant
    ):
        raise ValidationError(
            {"instrument": _("A discharge obligation takes discharge rights of its pollutant.")}
        )
    request = {"obligation": obligation, "instrument": instrument, "quantity": qty}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        holding = account_for(ob.organization, AccountKind.HOLDING)
        compliance = account_for(ob.organization, AccountKind.COMPLIANCE)
        posting.lock([holding, compliance])
        from greenloop.markets.selectors import surrendered

        done = surrendered(ob)
        if done["total"] + qty > ob.required:
            raise ValidationError(
                {"quantity": _("The obligation needs only %(left)s more.")
                 % {"left": ob.required - done["total"]}}
            )  # fmt: skip
        if locked.carbon_type == CarbonType.CCER:
            limit = ob.required * ob.ccer_limit_percent / Decimal(100)
            if done["ccer"] + qty > limit:
                raise ValidationError(
                    {"quantity": _("CCER may meet at most %(pct)s%% of the obligation "
                                   "(%(limit)s); %(used)s already used.")
                     % {"pct": ob.ccer_limit_percent, "limit": limit.quantize(QTY_STEP),
                        "used": done["ccer"]}}
                )  # fmt: skip
        posting.move_fifo(holding, compliance, locked, qty)

    operation, _result = run(actor=actor, kind=OperationKind.SURRENDER, key=key, request=request,
                             body=body, obligation=ob)  # fmt: skip
    return operation


def expire(*, actor: Any, instrument: str, lot: str, key: str = "", today: dt.date | None = None) -> Operation:
    """Move every unit of a lot past its validity from issuance and holding accounts to the
    expired account. (Units escrowed for open orders stay until those orders end.)"""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    row = Lot.objects.filter(instrument=ins, code=lot).first()
    if row is None:
        raise ValidationError({"lot": _("No such lot.")})
    today = today or timezone.localdate()
    if row.valid_to is None or row.valid_to >= today:
        raise ValidationError({"lot": _("The lot is still valid.")})
    request = {"instrument": instrument, "lot": lot}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        sink = account_for(locked.authority, AccountKind.EXPIRED)
        holders = list(
            Account.objects.filter(
                balances__lot=row, balances__quantity__gt=0,
                kind__in=[AccountKind.ISSUANCE, AccountKind.HOLDING],
            ).distinct()
        )  # fmt: skip
        posting.lock([sink, *holders])
        for account in holders:
            amount = posting.balance(account, locked, row)
            if amount > 0:
                posting.move(account, sink, locked, row, amount)

    operation, _result = run(actor=actor, kind=OperationKind.EXPIRE, key=key, request=request,
                             body=body)  # fmt: skip
    return operation


def cancel_units(
    *, actor: Any, instrument: str, quantity: Any, key: str = "", organization: str = ""
) -> Operation:
    """Cancel units: unallocated ones from the issuance account, or an organization's."""
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    qty = quantity_of(quantity, ins)
    holder_org = organization_by_code(organization) if organization else None
    request = {"instrument": instrument, "quantity": qty, "organization": organization}

    def body(posting: Posting) -> None:
        locked = instrument_by_code(instrument, lock=True)
        source = (
            account_for(holder_org, AccountKind.HOLDING)
            if holder_org
            else account_for(locked.authority, AccountKind.ISSUANCE)
        )
        sink = account_for(locked.authority, AccountKind.CANCELLED)
        posting.lock([source, sink])
        posting.move_fifo(source, sink, locked, qty)

    operation, _result = run(actor=actor, kind=OperationKind.CANCEL, key=key, request=request,
                             body=body)  # fmt: skip
    return operation


# -- compliance ------------------------------------------------------------------------------
def create_obligation(
    *,
    actor: Any,
    organization: str,
    kind: str,
    period: int,
    required: Any,
    deadline: dt.date,
    pollutant: str = "",
    ccer_limit_percent: Any = Decimal(5),
    source: str = "",
    demonstration: bool = False,
) -> Obligation:
    org = organization_by_code(organization)
    role = role_of(actor)
    require(
        role == Role.ADMIN
        or (role in (Role.DEPT_REPORTER, Role.DEPT_REVIEWER)
            and getattr(actor.organization, "code", "") == "qh-eco"),
        _("Only the ecology and environment department sets compliance obligations."),
    )  # fmt: skip
    if kind not in ObligationKind.values:
        raise ValidationError({"kind": _("Unknown obligation kind.")})
    if kind == ObligationKind.DISCHARGE and not pollutant:
        raise ValidationError({"pollutant": _("A discharge obligation names its pollutant.")})
    with transaction.atomic():
        ob = Obligation(
            organization=org, kind=kind, pollutant=pollutant if kind == "discharge" else "",
            period=period, required=quantity_of(required), deadline=deadline,
            ccer_limit_percent=Decimal(str(ccer_limit_percent)), source=source,
            demonstration=demonstration,
        )  # fmt: skip
        ob.full_clean()
        ob.save()
        audit.record(actor=actor, action=AuditAction.CREATE, obj=ob, after=audit.snapshot(ob))
    return ob


# -- exchange: continuous trading ------------------------------------------------------------
def _fen(value: Decimal) -> int:
    return int(value * 100)


def check_price_band(instrument: Instrument, price: Decimal, percent: Decimal) -> None:
    if instrument.previous_close is None:
        return
    try:
        engine.check_band(_fen(price), _fen(instrument.previous_close), int(percent * 100))
    except engine.OrderRejected:
        low, high = engine.band_limits(_fen(instrument.previous_close), int(percent * 100))
        raise ValidationError(
            {"price": _("The price %(price)s is outside the band %(low)s–%(high)s (previous "
                        "close %(close)s ± %(pct)s%%).")
             % {"price": price, "low": Decimal(low) / 100, "high": Decimal(high) / 100,
                "close": instrument.previous_close, "pct": percent}}
        ) from None  # fmt: skip


def _participant_accounts(org: Organization) -> list[Account]:
    return [account_for(org, kind) for kind in (AccountKind.HOLDING, AccountKind.ESCROW,
                                                AccountKind.FUNDS)]  # fmt: skip


def _match_and_settle(posting: Posting, instrument: Instrument, order: Order) -> list[Trade]:
    """Match ``order`` against the book (price-time priority), lock every account involved in
    one batch, then settle each fill delivery-versus-payment."""
    opposite = Side.SELL if order.side == Side.BUY else Side.BUY
    resting_qs = Order.objects.filter(
        instrument=instrument, side=opposite, status=OrderStatus.OPEN
    ).select_related("organization")
    if order.side == Side.BUY:
        resting_qs = resting_qs.filter(price__lte=order.price).order_by("price", "priority")
    else:
        resting_qs = resting_qs.filter(price__gte=order.price).order_by("-price", "priority")
    resting: dict[int, Order] = {}
    fills: list[tuple[int, Decimal, Decimal]] = []
    left = order.remaining
    batch = 0
    while left > 0:
        chunk = list(resting_qs[batch : batch + 200])
        if not chunk:
            break
        batch += 200
        resting.update({o.pk: o for o in chunk})
        scaled = ((o.pk, _fen(o.price), int(o.remaining / QTY_STEP)) for o in chunk)
        for order_id, price_fen, qty_units in engine.cross(
            order.side, _fen(order.price), int(left / QTY_STEP), scaled
        ):
            quantity = Decimal(qty_units) * QTY_STEP
            fills.append((order_id, Decimal(price_fen) / 100, quantity))
            left -= quantity
        if len(chunk) < 200:
            break
    orgs = {order.organization_id: order.organization}
    for order_id, _price, _qty in fills:
        orgs.setdefault(resting[order_id].organization_id, resting[order_id].organization)
    accounts = {org_id: _participant_accounts(org) for org_id, org in orgs.items()}
    posting.lock([account for group in accounts.values() for account in group])
    _escrow(posting, instrument, order, accounts[order.organization_id])
    money_ins, money_lot = cash()
    trades = []
    for order_id, price, quantity in fills:
        other = resting[order_id]
        buy, sell = (order, other) if order.side == Side.BUY else (other, order)
        b_hold, b_escrow, b_funds = accounts[buy.organization_id]
        _s_hold, s_escrow, s_funds = accounts[sell.organization_id]
        posting.move_fifo(s_escrow, b_hold, instrument, quantity)
        posting.move(b_escrow, s_funds, money_ins, money_lot, money(quantity * price))
        refund = money(quantity * buy.price) - money(quantity * price)
        if refund > 0:
            posting.move(b_escrow, b_funds, money_ins, money_lot, refund)
        for filled in (order, other):
            filled.remaining -= quantity
            if filled.remaining == 0:
                filled.status = OrderStatus.FILLED
        trades.append(
            Trade(instrument=instrument, kind=TradeKind.EXCHANGE, buy_order=buy, sell_order=sell,
                  buyer_id=buy.organization_id, seller_id=sell.organization_id, price=price,
                  quantity=quantity, operation=posting.operation,
                  demonstration=instrument.demonstration)
        )  # fmt: skip
    touched = [resting[order_id] for order_id, _p, _q in fills]
    if touched:
        Order.objects.bulk_update(touched, ["remaining", "status"])
    Trade.objects.bulk_create(trades)
    posting.operation.details["trades"] = [t.pk for t in trades]
    return trades


def _escrow(posting: Posting, instrument: Instrument, order: Order, accounts: list[Account]) -> None:
    holding, escrow, funds = accounts
    if order.side == Side.SELL:
        posting.move_fifo(holding, escrow, instrument, order.remaining)
    else:
        money_ins, money_lot = cash()
        need = money(order.remaining * order.price)
        if posting.balance(funds, money_ins, money_lot) < need:
            raise ValidationError(
                {"quantity": _("The funds account holds less than the %(need)s yuan the order "
                               "needs.") % {"need": need}}
            )  # fmt: skip
        posting.move(funds, escrow, money_ins, money_lot, need)


def _release(posting: Posting, instrument: Instrument, order: Order, quantity: Decimal) -> None:
    holding, escrow, funds = _participant_accounts(order.organization)
    posting.lock([holding, escrow, funds])
    if order.side == Side.SELL:
        posting.move_fifo(escrow, holding, instrument, quantity)
    else:
        money_ins, money_lot = cash()
        posting.move(escrow, funds, money_ins, money_lot, money(quantity * order.price))


def _check_position_limit(instrument: Instrument, org: Organization, quantity: Decimal) -> None:
    if instrument.position_limit is None:
        return
    from greenloop.markets.selectors import position

    held = position(org, instrument)
    open_buy = Order.objects.filter(
        instrument=instrument, organization=org, side=Side.BUY, status=OrderStatus.OPEN
    ).aggregate(total=Sum("remaining"))["total"] or Decimal(0)
    if held + open_buy + quantity > instrument.position_limit:
        raise ValidationError(
            {"quantity": _("The order would take the position above the limit of %(limit)s.")
             % {"limit": instrument.position_limit}}
        )  # fmt: skip


def place_order(
    *,
    actor: Any,
    organization: str,
    instrument: str,
    side: str,
    price: Any,
    quantity: Any,
    key: str = "",
) -> Order:
    """Place a limit order: escrow the units (sell) or funds (buy), then match."""
    org = organization_by_code(organization)
    require_participant(actor, org)
    ins = instrument_by_code(instrument)
    if ins.kind == InstrumentKind.CASH:
        raise ValidationError({"instrument": _("Funds are not traded.")})
    if side not in Side.values:
        raise ValidationError({"side": _("The side is buy or sell.")})
    qty = quantity_of(quantity, ins)
    unit_price = price_of(price)
    request = {"organization": organization, "instrument": instrument, "side": side,
               "price": unit_price, "quantity": qty}  # fmt: skip

    def body(posting: Posting) -> Order:
        locked = instrument_by_code(instrument, lock=True)
        check_price_band(locked, unit_price, locked.price_band_percent)
        if side == Side.BUY:
            _check_position_limit(locked, org, qty)
        order = Order.objects.create(
            instrument=locked, organization=org, side=side, price=unit_price, quantity=qty,
            remaining=qty, status=OrderStatus.OPEN, placed_by=_user(actor),
        )  # fmt: skip
        order.priority = order.pk
        _match_and_settle(posting, locked, order)
        order.save(update_fields=["priority", "remaining", "status"])
        posting.operation.details["order"] = order.pk
        return order

    operation, order = run(actor=actor, kind=OperationKind.PLACE_ORDER, key=key, request=request,
                           body=body)  # fmt: skip
    if order is None:
        return Order.objects.get(pk=operation.details["order"])
    return order


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def _open_order(order_id: int, actor: Any) -> Order:
    order = Order.objects.select_related("organization", "instrument").filter(pk=order_id).first()
    if order is None:
        raise ValidationError({"order": _("No such order.")})
    require_participant(actor, order.organization)
    return order


def cancel_order(*, actor: Any, order: int, key: str = "") -> Order:
    row = _open_order(order, actor)
    request = {"order": order}

    def body(posting: Posting) -> Order:
        instrument_by_code(row.instrument.code, lock=True)
        current = Order.objects.select_related("organization").get(pk=row.pk)
        if current.status != OrderStatus.OPEN:
            raise ValidationError({"order": _("The order is no longer open.")})
        _release(posting, row.instrument, current, current.remaining)
        current.status = OrderStatus.CANCELLED
        current.save(update_fields=["status"])
        posting.operation.details["order"] = current.pk
        return current

    operation, result = run(actor=actor, kind=OperationKind.CANCEL_ORDER, key=key,
                            request=request, body=body)  # fmt: skip
    return result if result is not None else Order.objects.get(pk=order)


def amend_order(
    *, actor: Any, order: int, price: Any = None, quantity: Any = None, key: str = ""
) -> Order:
    """Change an open order's price and/or remaining quantity. A smaller quantity at the same
    price keeps the order's place; a new price or a larger quantity re-queues it."""
    row = _open_order(order, actor)
    new_price = price_of(price) if price is not None else row.price
    new_qty = quantity_of(quantity, row.instrument) if quantity is not None else None
    request = {"order": order, "price": new_price, "quantity": new_qty}

    def body(posting: Posting) -> Order:
        locked = instrument_by_code(row.instrument.code, lock=True)
        current = Order.objects.select_related("organization").get(pk=row.pk)
        if current.status != OrderStatus.OPEN:
            raise ValidationError({"order": _("The order is no longer open.")})
        remaining = new_qty if new_qty is not None else current.remaining
        posting.operation.details["order"] = current.pk
        if new_price == current.price and remaining <= current.remaining:
            if remaining < current.remaining:
                _release(posting, locked, current, current.remaining - remaining)
                current.quantity -= current.remaining - remaining
                current.remaining = remaining
                current.save(update_fields=["quantity", "remaining"])
            return current
        check_price_band(locked, new_price, locked.price_band_percent)
        if current.side == Side.BUY and remaining > current.remaining:
            _check_position_limit(locked, current.organization, remaining - current.remaining)
        _release(posting, locked, current, current.remaining)
        top = Order.objects.filter(instrument=locked).aggregate(top=Max("priority"))["top"] or 0
        current.quantity += remaining - current.remaining
        current.price, current.remaining, current.priority = new_price, remaining, top + 1
        _match_and_settle(posting, locked, current)
        current.save(update_fields=["price", "quantity", "remaining", "priority", "status"])
        return current

    operation, result = run(actor=actor, kind=OperationKind.PLACE_ORDER, key=key,
                            request={"amend": request}, body=body)  # fmt: skip
    return result if result is not None else Order.objects.get(pk=order)


def close_day(*, actor: Any, instrument: str) -> Instrument:
    """Set the previous close (the reference of tomorrow's band) to the last trade price."""
    ins = instrument_by_code(instrument)
    require(is_admin(actor) or is_authority(actor, ins), _("Only the exchange closes the day."))
    last = Trade.objects.filter(instrument=ins, kind=TradeKind.EXCHANGE).order_by("-id").first()
    if last is None:
        return ins
    with transaction.atomic():
        audit.save_with_audit(actor=actor, obj=ins, changes={"previous_close": last.price})
    return ins


# -- exchange: bilateral agreement transfers -------------------------------------------------
def propose_agreement(
    *, actor: Any, instrument: str, seller: str, buyer: str, quantity: Any, price: Any
) -> Agreement:
    ins = instrument_by_code(instrument)
    seller_org = organization_by_code(seller, "seller")
    buyer_org = organization_by_code(buyer, "buyer")
    require_participant(actor, seller_org)
    if seller_org.pk == buyer_org.pk:
        raise ValidationError({"buyer": _("The buyer and the seller must differ.")})
    qty = quantity_of(quantity, ins)
    unit_price = price_of(price)
    check_price_band(ins, unit_price, ins.agreement_band_percent)
    with transaction.atomic():
        agreement = Agreement.objects.create(
            instrument=ins, seller=seller_org, buyer=buyer_org, quantity=qty, price=unit_price,
            status=AgreementStatus.PROPOSED,
        )  # fmt: skip
        audit.record(actor=actor, action=AuditAction.CREATE, obj=agreement,
                     after=audit.snapshot(agreement))  # fmt: skip
    return agreement


def accept_agreement(*, actor: Any, agreement: int, key: str = "") -> Agreement:
    """The buyer accepts: units and funds change hands at once (delivery versus payment)."""
    row = Agreement.objects.select_related("instrument", "buyer", "seller").filter(pk=agreement).first()
    if row is None:
        raise ValidationError({"agreement": _("No such agreement.")})
    require_participant(actor, row.buyer)

    def body(posting: Posting) -> Agreement:
        locked = instrument_by_code(row.instrument.code, lock=True)
        current = Agreement.objects.select_for_update().get(pk=row.pk)
        if current.status != AgreementStatus.PROPOSED:
            raise ValidationError({"agreement": _("The agreement is no longer open.")})
        check_price_band(locked, current.price, locked.agreement_band_percent)
        s_hold, s_funds = account_for(row.seller, AccountKind.HOLDING), account_for(row.seller, AccountKind.FUNDS)
        b_hold, b_funds = account_for(row.buyer, AccountKind.HOLDING), account_for(row.buyer, AccountKind.FUNDS)
        posting.lock([s_hold, s_funds, b_hold, b_funds])
        posting.move_fifo(s_hold, b_hold, locked, current.quantity)
        money_ins, money_lot = cash()
        amount = money(current.quantity * current.price)
        if posting.balance(b_funds, money_ins, money_lot) < amount:
            raise ValidationError({"agreement": _("The buyer's funds do not cover %(amount)s yuan.")
                                   % {"amount": amount}})  # fmt: skip
        posting.move(b_funds, s_funds, money_ins, money_lot, amount)
        trade = Trade.objects.create(
            instrument=locked, kind=TradeKind.AGREEMENT, buyer=row.buyer, seller=row.seller,
            price=current.price, quantity=current.quantity, operation=posting.operation,
            demonstration=locked.demonstration,
        )  # fmt: skip
        current.status, current.trade = AgreementStatus.SETTLED, trade
        current.save(update_fields=["status", "trade"])
        posting.operation.details["agreement"] = current.pk
        return current

    operation, result = run(actor=actor, kind=OperationKind.AGREEMENT, key=key,
                            request={"agreement": agreement}, body=body)  # fmt: skip
    return result if result is not None else Agreement.objects.get(pk=agreement)


# -- exchange: sealed-bid uniform-price auctions ---------------------------------------------
def create_auction(
    *, actor: Any, instrument: str, lot: str, quantity: Any, reserve_price: Any
) -> Auction:
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    if ins.kind not in (InstrumentKind.DISCHARGE, InstrumentKind.WATER, InstrumentKind.CARBON):
        raise ValidationError({"instrument": _("Paid allocation by auction is for discharge, "
                                               "water and carbon allowances.")})  # fmt: skip
    row = Lot.objects.filter(instrument=ins, code=lot).first()
    if row is None:
        raise ValidationError({"lot": _("No such lot.")})
    with transaction.atomic():
        auction = Auction.objects.create(
            instrument=ins, lot=row, quantity=quantity_of(quantity, ins),
            reserve_price=price_of(reserve_price), status=AuctionStatus.OPEN,
        )  # fmt: skip
        audit.record(actor=actor, action=AuditAction.CREATE, obj=auction,
                     after=audit.snapshot(auction))  # fmt: skip
    return auction


def submit_bid(
    *, actor: Any, auction: int, organization: str, price: Any, quantity: Any, key: str = ""
) -> Bid:
    """A sealed bid; its full value (price × quantity) is held in escrow until clearing."""
    row = Auction.objects.select_related("instrument").filter(pk=auction).first()
    if row is None:
        raise ValidationError({"auction": _("No such auction.")})
    org = organization_by_code(organization)
    require_participant(actor, org)
    qty = quantity_of(quantity, row.instrument)
    unit_price = price_of(price)
    if unit_price < row.reserve_price:
        raise ValidationError({"price": _("The bid is below the reserve price %(price)s.")
                               % {"price": row.reserve_price}})  # fmt: skip
    request = {"auction": auction, "organization": organization, "price": unit_price,
               "quantity": qty}  # fmt: skip

    def body(posting: Posting) -> Bid:
        current = Auction.objects.select_for_update().get(pk=row.pk)
        if current.status != AuctionStatus.OPEN:
            raise ValidationError({"auction": _("The auction is closed.")})
        funds, escrow = account_for(org, AccountKind.FUNDS), account_for(org, AccountKind.ESCROW)
        posting.lock([funds, escrow])
        money_ins, money_lot = cash()
        need = money(qty * unit_price)
        if posting.balance(funds, money_ins, money_lot) < need:
            raise ValidationError({"price": _("The funds account holds less than the %(need)s "
                                              "yuan the bid needs.") % {"need": need}})  # fmt: skip
        posting.move(funds, escrow, money_ins, money_lot, need)
        bid = Bid.objects.create(auction=current, organization=org, price=unit_price, quantity=qty)
        posting.operation.details["bid"] = bid.pk
        return bid

    operation, result = run(actor=actor, kind=OperationKind.BID, key=key, request=request,
                            body=body)  # fmt: skip
    return result if result is not None else Bid.objects.get(pk=operation.details["bid"])


def clear_auction(*, actor: Any, auction: int, key: str = "") -> Auction:
    """Clear at the uniform price the bids determine; winners receive units from the issuance
    account and pay the clearing price; every escrow not spent is returned."""
    row = Auction.objects.select_related("instrument", "lot").filter(pk=auction).first()
    if row is None:
        raise ValidationError({"auction": _("No such auction.")})
    require_authority(actor, row.instrument)

    def body(posting: Posting) -> Auction:
        locked = instrument_by_code(row.instrument.code, lock=True)
        current = Auction.objects.select_for_update().get(pk=row.pk)
        if current.status != AuctionStatus.OPEN:
            raise ValidationError({"auction": _("The auction is already cleared.")})
        bids = list(current.bids.select_related("organization").order_by("id"))
        result = engine.clear_uniform_price(
            int(current.quantity / QTY_STEP),
            [(b.pk, _fen(b.price), int(b.quantity / QTY_STEP)) for b in bids],
            _fen(current.reserve_price),
        )
        price = Decimal(result.price) / 100 if result.price is not None else None
        authority = locked.authority
        issuance = account_for(authority, AccountKind.ISSUANCE)
        proceeds = account_for(authority, AccountKind.FUNDS)
        accounts = [issuance, proceeds]
        for bid in bids:
            accounts += _participant_accounts(bid.organization)
        posting.lock(accounts)
        money_ins, money_lot = cash()
        for bid in bids:
            hold, escrow, funds = _participant_accounts(bid.organization)
            won = Decimal(result.allocations.get(bid.pk, 0)) * QTY_STEP
            paid = money(won * price) if price is not None and won else Decimal(0)
            if won:
                posting.move(issuance, hold, locked, current.lot, won)
                posting.move(escrow, proceeds, money_ins, money_lot, paid)
                Trade.objects.create(
                    instrument=locked, kind=TradeKind.AUCTION, buyer=bid.organization,
                    seller=authority, price=price, quantity=won, operation=posting.operation,
                    demonstration=locked.demonstration,
                )  # fmt: skip
            refund = money(bid.quantity * bid.price) - paid
            if refund > 0:
                posting.move(escrow, funds, money_ins, money_lot, refund)
            bid.won = won
        Bid.objects.bulk_update(bids, ["won"])
        current.status, current.clearing_price = AuctionStatus.CLEARED, price
        current.save(update_fields=["status", "clearing_price"])
        posting.operation.details["auction"] = current.pk
        posting.operation.details["clearing_price"] = str(price)
        return current

    operation, result = run(actor=actor, kind=OperationKind.AUCTION, key=key,
                            request={"auction": auction}, body=body)  # fmt: skip
    return result if result is not None else Auction.objects.get(pk=auction)
