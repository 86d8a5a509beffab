"""Exchange writes: continuous trading, agreement transfers, auctions.

Same rules as :mod:`greenloop.markets.services` (validate → permission → transaction → audit);
every trade settles delivery-versus-payment inside the operation that makes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from greenloop.accounts import audit
from greenloop.accounts.models import AuditAction
from greenloop.accounts.permissions import is_admin, require
from greenloop.markets import engine
from greenloop.markets.ledger import Posting, run
from greenloop.markets.models import (
    QTY_STEP,
    Account,
    AccountKind,
    Agreement,
    AgreementStatus,
    Auction,
    AuctionStatus,
    Bid,
    Instrument,
    InstrumentKind,
    Lot,
    OperationKind,
    Order,
    OrderStatus,
    PositionLimit,
    Side,
    Trade,
    TradeKind,
)
from greenloop.markets.services import (
    CASH_CODE,
    account_for,
    cash,
    instrument_by_code,
    is_authority,
    money,
    organization_by_code,
    price_of,
    quantity_of,
    require_authority,
    require_participant,
)
from greenloop.orgs.models import Organization


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
            {
                "price": _(
                    "The price %(price)s is outside the band %(low)s–%(high)s (previous "
                    "close %(close)s ± %(pct)s%%)."
                )
                % {
                    "price": price,
                    "low": Decimal(low) / 100,
                    "high": Decimal(high) / 100,
                    "close": instrument.previous_close,
                    "pct": percent,
                }
            }
        ) from None


TRADING_KINDS = (AccountKind.HOLDING, AccountKind.ESCROW, AccountKind.FUNDS)


def _participant_accounts(org: Organization) -> list[Account]:
    return [account_for(org, kind) for kind in TRADING_KINDS]


def _locked_accounts(posting: Posting, orgs: Iterable[Organization]) -> dict[int, list[Account]]:
    """Holding, escrow and funds accounts of each organization, locked in one statement."""
    locked = posting.lock_owned(orgs, TRADING_KINDS)
    org_ids = {org_id for org_id, _kind in locked}
    return {org_id: [locked[(org_id, kind)] for kind in TRADING_KINDS] for org_id in org_ids}


def _cash(posting: Posting) -> tuple[Instrument, Lot]:
    """The funds instrument and lot: taken from the funds balances the account lock already
    read (no statement), else looked up once per operation."""
    if "cash" not in posting.cache:
        lot = posting.funds_lot()
        if lot is not None:
            ins = Instrument(pk=lot.instrument_id, code=CASH_CODE, kind=InstrumentKind.CASH)
            posting.cache["cash"] = (ins, lot)
        else:
            posting.cache["cash"] = cash()
    return posting.cache["cash"]  # type: ignore[no-any-return]


def crossing_orders(instrument: Instrument, order: Order) -> Iterator[Order]:
    """Open orders of the other side whose price crosses ``order``'s, in price-time priority,
    read from the book index 200 at a time."""
    opposite = Side.SELL if order.side == Side.BUY else Side.BUY
    queryset = Order.objects.filter(
        instrument=instrument, side=opposite, status=OrderStatus.OPEN
    ).select_related("organization")
    if order.side == Side.BUY:
        queryset = queryset.filter(price__lte=order.price).order_by("price", "priority")
    else:
        queryset = queryset.filter(price__gte=order.price).order_by("-price", "priority")
    offset = 0
    while True:
        chunk = list(queryset[offset : offset + 200])
        yield from chunk
        if len(chunk) < 200:
            return
        offset += 200


def _match_and_settle(
    posting: Posting,
    instrument: Instrument,
    order: Order,
    release: tuple[Decimal, Decimal] | None = None,
    extra_fields: tuple[str, ...] = (),
) -> list[Trade]:
    """Match ``order`` against the book (price-time priority), lock every account involved in
    one statement, then settle each fill delivery-versus-payment.

    ``release`` (price, quantity): the escrow of the order as it was before an amendment, given
    back before the amended order is escrowed. ``order`` is saved (``remaining``, ``status``
    and ``extra_fields``) in the same statement as the resting orders it filled.
    """
    resting: dict[int, Order] = {}

    def scaled() -> Iterator[tuple[int, int, int]]:
        for other in crossing_orders(instrument, order):
            resting[other.pk] = other
            yield other.pk, _fen(other.price), int(other.remaining / QTY_STEP)

    fills = [
        (order_id, Decimal(price_fen) / 100, Decimal(qty_units) * QTY_STEP)
        for order_id, price_fen, qty_units in engine.cross(
            order.side, _fen(order.price), int(order.remaining / QTY_STEP), scaled()
        )
    ]
    orgs = {order.organization_id: order.organization}
    for order_id, _price, _qty in fills:
        orgs.setdefault(resting[order_id].organization_id, resting[order_id].organization)
    accounts = _locked_accounts(posting, orgs.values())
    if release is not None:
        _release(posting, instrument, order, release[1], price=release[0])
    _escrow(posting, instrument, order, accounts[order.organization_id])
    money_ins, money_lot = _cash(posting)
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
            Trade(
                instrument=instrument,
                kind=TradeKind.EXCHANGE,
                buy_order=buy,
                sell_order=sell,
                buyer_id=buy.organization_id,
                seller_id=sell.organization_id,
                price=price,
                quantity=quantity,
                operation=posting.operation,
                demonstration=instrument.demonstration,
            )
        )
    touched = [resting[order_id] for order_id, _p, _q in fills]
    # the incoming order is written with the resting orders it filled: one UPDATE
    Order.objects.bulk_update([order, *touched], [*ORDER_WRITE_FIELDS, *extra_fields])
    Trade.objects.bulk_create(trades)
    posting.operation.details["trades"] = [t.pk for t in trades]
    return trades


ORDER_WRITE_FIELDS = ("remaining", "status")


def _escrow(
    posting: Posting, instrument: Instrument, order: Order, accounts: list[Account]
) -> None:
    holding, escrow, funds = accounts
    if order.side == Side.SELL:
        posting.move_fifo(holding, escrow, instrument, order.remaining)
    else:
        money_ins, money_lot = _cash(posting)
        need = money(order.remaining * order.price)
        if posting.balance(funds, money_ins, money_lot) < need:
            raise ValidationError(
                {
                    "quantity": _(
                        "The funds account holds less than the %(need)s yuan the order needs."
                    )
                    % {"need": need}
                }
            )
        posting.move(funds, escrow, money_ins, money_lot, need)


def _release(
    posting: Posting,
    instrument: Instrument,
    order: Order,
    quantity: Decimal,
    price: Decimal | None = None,
) -> None:
    """Give back the escrow of ``quantity`` of an order (bought at ``price``, default the
    order's price)."""
    holding, escrow, funds = _locked_accounts(posting, [order.organization])[order.organization_id]
    if order.side == Side.SELL:
        posting.move_fifo(escrow, holding, instrument, quantity)
    else:
        money_ins, money_lot = _cash(posting)
        unit_price = order.price if price is None else price
        posting.move(escrow, funds, money_ins, money_lot, money(quantity * unit_price))


def _check_position_limit(instrument: Instrument, org: Organization, quantity: Decimal) -> None:
    """Holding + escrow + open buys + this order must stay within the account's own limit in
    the instrument, or else the instrument's limit for every account (none: no limit)."""
    own = PositionLimit.objects.filter(organization=org, instrument=instrument).first()
    limit = own.limit if own is not None else instrument.position_limit
    if limit is None:
        return
    from greenloop.markets.selectors import position

    held = position(org, instrument)
    open_buy = Order.objects.filter(
        instrument=instrument, organization=org, side=Side.BUY, status=OrderStatus.OPEN
    ).aggregate(total=Sum("remaining"))["total"] or Decimal(0)
    if held + open_buy + quantity > limit:
        raise ValidationError(
            {
                "quantity": _("The order would take the position above the limit of %(limit)s.")
                % {"limit": limit}
            }
        )


def set_position_limit(
    *, actor: Any, organization: str, instrument: str, limit: Any = None
) -> PositionLimit | None:
    """Set (or with ``limit=None`` remove) an account's own position limit in an instrument."""
    ins = instrument_by_code(instrument)
    require(
        is_admin(actor) or is_authority(actor, ins), _("Only the exchange sets position limits.")
    )
    org = organization_by_code(organization)
    with transaction.atomic():
        row = PositionLimit.objects.filter(organization=org, instrument=ins).first()
        if limit is None:
            if row is not None:
                audit.record(
                    actor=actor, action=AuditAction.DELETE, obj=row, before=audit.snapshot(row)
                )
                row.delete()
            return None
        value = quantity_of(limit, ins)
        if row is None:
            row = PositionLimit.objects.create(organization=org, instrument=ins, limit=value)
            audit.record(actor=actor, action=AuditAction.CREATE, obj=row, after=audit.snapshot(row))
        else:
            audit.save_with_audit(actor=actor, obj=row, changes={"limit": value})
    return row


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
    request = {
        "organization": organization,
        "instrument": instrument,
        "side": side,
        "price": unit_price,
        "quantity": qty,
    }

    def body(posting: Posting) -> Order:
        locked = instrument_by_code(instrument, lock=True)
        check_price_band(locked, unit_price, locked.price_band_percent)
        if side == Side.BUY:
            _check_position_limit(locked, org, qty)
        order = Order.objects.create(
            instrument=locked,
            organization=org,
            side=side,
            price=unit_price,
            quantity=qty,
            remaining=qty,
            status=OrderStatus.OPEN,
            placed_by=_user(actor),
        )
        order.priority = order.pk
        _match_and_settle(posting, locked, order, extra_fields=("priority",))
        posting.operation.details["order"] = order.pk
        return order

    operation, order = run(
        actor=actor, kind=OperationKind.PLACE_ORDER, key=key, request=request, body=body
    )
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

    _operation, result = run(
        actor=actor, kind=OperationKind.CANCEL_ORDER, key=key, request=request, body=body
    )
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
        before = (current.price, current.remaining)
        top = Order.objects.filter(instrument=locked).aggregate(top=Max("priority"))["top"] or 0
        current.quantity += remaining - current.remaining
        current.price, current.remaining, current.priority = new_price, remaining, top + 1
        _match_and_settle(
            posting,
            locked,
            current,
            release=before,
            extra_fields=("price", "quantity", "priority"),
        )
        return current

    _operation, result = run(
        actor=actor, kind=OperationKind.PLACE_ORDER, key=key, request={"amend": request}, body=body
    )
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
            instrument=ins,
            seller=seller_org,
            buyer=buyer_org,
            quantity=qty,
            price=unit_price,
            status=AgreementStatus.PROPOSED,
        )
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=agreement, after=audit.snapshot(agreement)
        )
    return agreement


def accept_agreement(*, actor: Any, agreement: int, key: str = "") -> Agreement:
    """The buyer accepts: units and funds change hands at once (delivery versus payment)."""
    row = (
        Agreement.objects.select_related("instrument", "buyer", "seller")
        .filter(pk=agreement)
        .first()
    )
    if row is None:
        raise ValidationError({"agreement": _("No such agreement.")})
    require_participant(actor, row.buyer)

    def body(posting: Posting) -> Agreement:
        locked = instrument_by_code(row.instrument.code, lock=True)
        current = Agreement.objects.select_for_update().get(pk=row.pk)
        if current.status != AgreementStatus.PROPOSED:
            raise ValidationError({"agreement": _("The agreement is no longer open.")})
        check_price_band(locked, current.price, locked.agreement_band_percent)
        s_hold, s_funds = (
            account_for(row.seller, AccountKind.HOLDING),
            account_for(row.seller, AccountKind.FUNDS),
        )
        b_hold, b_funds = (
            account_for(row.buyer, AccountKind.HOLDING),
            account_for(row.buyer, AccountKind.FUNDS),
        )
        posting.lock([s_hold, s_funds, b_hold, b_funds])
        posting.move_fifo(s_hold, b_hold, locked, current.quantity)
        money_ins, money_lot = cash()
        amount = money(current.quantity * current.price)
        if posting.balance(b_funds, money_ins, money_lot) < amount:
            raise ValidationError(
                {
                    "agreement": _("The buyer's funds do not cover %(amount)s yuan.")
                    % {"amount": amount}
                }
            )
        posting.move(b_funds, s_funds, money_ins, money_lot, amount)
        trade = Trade.objects.create(
            instrument=locked,
            kind=TradeKind.AGREEMENT,
            buyer=row.buyer,
            seller=row.seller,
            price=current.price,
            quantity=current.quantity,
            operation=posting.operation,
            demonstration=locked.demonstration,
        )
        current.status, current.trade = AgreementStatus.SETTLED, trade
        current.save(update_fields=["status", "trade"])
        posting.operation.details["agreement"] = current.pk
        return current

    _operation, result = run(
        actor=actor,
        kind=OperationKind.AGREEMENT,
        key=key,
        request={"agreement": agreement},
        body=body,
    )
    return result if result is not None else Agreement.objects.get(pk=agreement)


def withdraw_agreement(*, actor: Any, agreement: int) -> Agreement:
    """The seller withdraws an agreement the buyer has not accepted (nothing was escrowed)."""
    row = Agreement.objects.select_related("seller").filter(pk=agreement).first()
    if row is None:
        raise ValidationError({"agreement": _("No such agreement.")})
    require_participant(actor, row.seller)
    with transaction.atomic():
        current = Agreement.objects.select_for_update().get(pk=row.pk)
        if current.status != AgreementStatus.PROPOSED:
            raise ValidationError({"agreement": _("The agreement is no longer open.")})
        audit.save_with_audit(
            actor=actor, obj=current, changes={"status": AgreementStatus.WITHDRAWN}
        )
    return current


# -- exchange: sealed-bid uniform-price auctions ---------------------------------------------
def create_auction(
    *, actor: Any, instrument: str, lot: str, quantity: Any, reserve_price: Any
) -> Auction:
    ins = instrument_by_code(instrument)
    require_authority(actor, ins)
    if ins.kind not in (InstrumentKind.DISCHARGE, InstrumentKind.WATER, InstrumentKind.CARBON):
        raise ValidationError(
            {
                "instrument": _(
                    "Paid allocation by auction is for discharge, water and carbon allowances."
                )
            }
        )
    row = Lot.objects.filter(instrument=ins, code=lot).first()
    if row is None:
        raise ValidationError({"lot": _("No such lot.")})
    with transaction.atomic():
        auction = Auction.objects.create(
            instrument=ins,
            lot=row,
            quantity=quantity_of(quantity, ins),
            reserve_price=price_of(reserve_price),
            status=AuctionStatus.OPEN,
        )
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=auction, after=audit.snapshot(auction)
        )
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
        raise ValidationError(
            {
                "price": _("The bid is below the reserve price %(price)s.")
                % {"price": row.reserve_price}
            }
        )
    request = {
        "auction": auction,
        "organization": organization,
        "price": unit_price,
        "quantity": qty,
    }

    def body(posting: Posting) -> Bid:
        current = Auction.objects.select_for_update().get(pk=row.pk)
        if current.status != AuctionStatus.OPEN:
            raise ValidationError({"auction": _("The auction is closed.")})
        funds, escrow = account_for(org, AccountKind.FUNDS), account_for(org, AccountKind.ESCROW)
        posting.lock([funds, escrow])
        money_ins, money_lot = cash()
        need = money(qty * unit_price)
        if posting.balance(funds, money_ins, money_lot) < need:
            raise ValidationError(
                {
                    "price": _("The funds account holds less than the %(need)s yuan the bid needs.")
                    % {"need": need}
                }
            )
        posting.move(funds, escrow, money_ins, money_lot, need)
        bid = Bid.objects.create(auction=current, organization=org, price=unit_price, quantity=qty)
        posting.operation.details["bid"] = bid.pk
        return bid

    operation, result = run(
        actor=actor, kind=OperationKind.BID, key=key, request=request, body=body
    )
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
            if won and price is not None:
                posting.move(issuance, hold, locked, current.lot, won)
                posting.move(escrow, proceeds, money_ins, money_lot, paid)
                Trade.objects.create(
                    instrument=locked,
                    kind=TradeKind.AUCTION,
                    buyer=bid.organization,
                    seller=authority,
                    price=price,
                    quantity=won,
                    operation=posting.operation,
                    demonstration=locked.demonstration,
                )
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

    _operation, result = run(
        actor=actor, kind=OperationKind.AUCTION, key=key, request={"auction": auction}, body=body
    )
    return result if result is not None else Auction.objects.get(pk=auction)
