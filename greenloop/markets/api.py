"""/api/markets: instruments, market data, registry accounts, operations, orders, auctions,
compliance.

Every write that moves units or funds takes an ``Idempotency-Key`` header: a retry with the
same key and body returns the first result and changes nothing; the same key with another
body is refused (422). Market data is public; accounts, orders and operations are visible to
their organization (and to the coordinator, auditors and administrators).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import paginate

from greenloop.accounts.permissions import can_view_owned
from greenloop.markets import selectors, services, trading
from greenloop.markets.models import (
    Account,
    Auction,
    AuctionStatus,
    Instrument,
    InstrumentKind,
    Operation,
    Order,
    Trade,
)

router = Router(tags=["markets"])

KEY = Header("", alias="Idempotency-Key", description="client-chosen key; a retry is harmless")


class Message(Schema):
    detail: str


def _not_found(what: str) -> Status:
    return Status(404, {"detail": _("Not found: %(what)s") % {"what": what}})


# -- instruments and market data -------------------------------------------------------------
class InstrumentOut(Schema):
    code: str
    kind: str
    kind_label: str
    carbon_type: str
    name_zh: str
    name_en: str
    unit: str
    authority: str
    region: str | None
    basin: str
    water_use: str
    pollutant: str
    cap: Decimal | None
    vintage: int | None
    project: str
    technology: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    whole_units: bool
    previous_close: Decimal | None
    price_band_percent: Decimal
    agreement_band_percent: Decimal
    position_limit: Decimal | None
    demonstration: bool
    source: str

    @staticmethod
    def resolve_authority(obj: Instrument) -> str:
        return obj.authority.code

    @staticmethod
    def resolve_region(obj: Instrument) -> str | None:
        return obj.region.code if obj.region else None


class InstrumentFilter(Schema):
    kind: str | None = Field(None, description="water, discharge, carbon or gec")


@router.get(
    "/instruments",
    response=list[InstrumentOut],
    auth=None,
    summary="Instruments of the four kinds (water, discharge, carbon, green certificates)",
)
@paginate
def list_instruments(request: HttpRequest, filters: Query[InstrumentFilter]) -> Any:
    kind = filters.kind if filters.kind in InstrumentKind.values else None
    if filters.kind and kind is None:
        return Instrument.objects.none()
    return selectors.instruments(kind)


class Conservation(Schema):
    issued: Decimal
    retired: Decimal
    surrendered: Decimal
    expired: Decimal
    cancelled: Decimal
    held: Decimal


class InstrumentDetail(Schema):
    instrument: InstrumentOut
    conservation: Conservation


@router.get(
    "/instruments/{code}",
    response={200: InstrumentDetail, 404: Message},
    auth=None,
    summary="One instrument with its issued, retired, expired, cancelled and held totals",
)
def get_instrument(request: HttpRequest, code: str) -> Status:
    instrument = selectors.instrument(code)
    if instrument is None:
        return _not_found(code)
    return Status(
        200, {"instrument": instrument, "conservation": selectors.conservation(instrument)}
    )


class Level(Schema):
    price: Decimal
    quantity: Decimal


class BookOut(Schema):
    instrument: str
    demonstration: bool
    previous_close: Decimal | None
    bids: list[Level]
    asks: list[Level]


@router.get(
    "/instruments/{code}/book",
    response={200: BookOut, 404: Message},
    auth=None,
    summary="Order book: the best ten price levels of each side",
)
def get_book(request: HttpRequest, code: str) -> Status:
    instrument = selectors.instrument(code)
    if instrument is None:
        return _not_found(code)
    book = selectors.order_book(instrument)
    return Status(
        200,
        {
            "instrument": code,
            "demonstration": instrument.demonstration,
            "previous_close": instrument.previous_close,
            **book,
        },
    )


class TradeOut(Schema):
    id: int
    kind: str
    price: Decimal
    quantity: Decimal
    executed_at: dt.datetime
    demonstration: bool


@router.get(
    "/instruments/{code}/trades",
    response=list[TradeOut],
    auth=None,
    summary="Trades, newest first (none for an unknown instrument)",
)
@paginate
def list_trades(request: HttpRequest, code: str) -> Any:
    instrument = selectors.instrument(code)
    if instrument is None:
        return Trade.objects.none()
    return selectors.trades(instrument)


class CandleOut(Schema):
    day: dt.date
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    turnover: Decimal
    vwap: Decimal


class OhlcOut(Schema):
    instrument: str
    demonstration: bool
    vwap: Decimal | None
    candles: list[CandleOut]


@router.get(
    "/instruments/{code}/ohlc",
    response={200: OhlcOut, 404: Message},
    auth=None,
    summary="Daily open, high, low, close, volume and VWAP (last 90 days)",
)
def get_ohlc(request: HttpRequest, code: str) -> Status:
    instrument = selectors.instrument(code)
    if instrument is None:
        return _not_found(code)
    candles = selectors.ohlc(instrument)
    return Status(
        200,
        {
            "instrument": code,
            "demonstration": instrument.demonstration,
            "vwap": selectors.vwap(instrument),
            "candles": [{**c.__dict__, "vwap": c.vwap} for c in candles],
        },
    )


# -- accounts --------------------------------------------------------------------------------
class AccountOut(Schema):
    code: str
    organization: str
    organization_name: str
    kind: str
    is_open: bool

    @staticmethod
    def resolve_organization(obj: Account) -> str:
        return obj.organization.code

    @staticmethod
    def resolve_organization_name(obj: Account) -> str:
        return obj.organization.name


@router.get("/accounts", response=list[AccountOut], summary="Registry accounts visible to you")
@paginate
def list_accounts(request: HttpRequest) -> Any:
    return selectors.visible_accounts(request.user)


class OpenAccountsIn(Schema):
    organization: str = Field(..., description="organization code")


@router.post(
    "/accounts", response={201: list[AccountOut]}, summary="Open an organization's accounts"
)
def open_accounts(request: HttpRequest, payload: OpenAccountsIn) -> Status:
    return Status(
        201, services.open_accounts(actor=request.user, organization=payload.organization)
    )


class HoldingOut(Schema):
    instrument: str
    instrument_name: str
    kind: str
    unit: str
    lot: str
    quantity: Decimal
    demonstration: bool


@router.get(
    "/accounts/{code}/holdings",
    response={200: list[HoldingOut], 404: Message},
    summary="Balances of one account per instrument and lot",
)
def get_holdings(request: HttpRequest, code: str) -> Status:
    account = selectors.account_visible(request.user, code)
    if account is None:
        return _not_found(code)
    return Status(200, selectors.holdings(account))


class StatementLine(Schema):
    at: dt.datetime
    operation: int
    kind: str
    instrument: str
    unit: str
    lot: str
    quantity: Decimal
    balance: Decimal


@router.get(
    "/accounts/{code}/statement",
    response={200: list[StatementLine], 404: Message},
    summary="Ledger entries of one account, newest first, with running balances",
)
def get_statement(request: HttpRequest, code: str) -> Status:
    account = selectors.account_visible(request.user, code)
    if account is None:
        return _not_found(code)
    return Status(200, selectors.statement(account))


# -- registry operations ---------------------------------------------------------------------
class OperationOut(Schema):
    id: int
    kind: str
    idempotency_key: str
    at: dt.datetime
    actor: str | None
    details: dict[str, Any]

    @staticmethod
    def resolve_actor(obj: Operation) -> str | None:
        return obj.actor.username if obj.actor else None


@router.get(
    "/operations", response=list[OperationOut], summary="Registry operations visible to you"
)
@paginate
def list_operations(request: HttpRequest) -> Any:
    return selectors.operations_visible(request.user)


class IssueIn(Schema):
    instrument: str
    lot: str = Field(..., description="lot code, e.g. a vintage or a production month")
    quantity: Decimal
    production_month: dt.date | None = None
    valid_to: dt.date | None = None


class AllocateIn(Schema):
    instrument: str
    organization: str
    quantity: Decimal
    price: Decimal | None = Field(None, description="yuan per unit for a paid allocation")


class TransferIn(Schema):
    instrument: str
    source: str = Field(..., description="organization code of the holder")
    target: str = Field(..., description="organization code of the receiver")
    quantity: Decimal


class DepositIn(Schema):
    organization: str
    amount: Decimal


class RetireIn(Schema):
    instrument: str
    organization: str
    quantity: Decimal
    beneficiary: str = ""
    purpose: str = Field("", description="e.g. the consumption period a certificate covers")


class SurrenderIn(Schema):
    obligation: int
    instrument: str
    quantity: Decimal


class ExpireIn(Schema):
    instrument: str
    lot: str


class CancelUnitsIn(Schema):
    instrument: str
    quantity: Decimal
    organization: str = Field("", description="holder; empty: the unallocated units")


def _op(operation: Operation) -> Status:
    return Status(201, operation)


@router.post("/operations/issue", response={201: OperationOut}, summary="Issue a lot")
def post_issue(request: HttpRequest, payload: IssueIn, idempotency_key: str = KEY) -> Status:
    return _op(services.issue(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post("/operations/allocate", response={201: OperationOut}, summary="Allocate units")
def post_allocate(request: HttpRequest, payload: AllocateIn, idempotency_key: str = KEY) -> Status:
    return _op(services.allocate(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post("/operations/transfer", response={201: OperationOut}, summary="Transfer units")
def post_transfer(request: HttpRequest, payload: TransferIn, idempotency_key: str = KEY) -> Status:
    return _op(services.transfer(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post("/operations/deposit", response={201: OperationOut}, summary="Deposit funds")
def post_deposit(request: HttpRequest, payload: DepositIn, idempotency_key: str = KEY) -> Status:
    return _op(services.deposit(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post(
    "/operations/retire", response={201: OperationOut}, summary="Retire units or claim certificates"
)
def post_retire(request: HttpRequest, payload: RetireIn, idempotency_key: str = KEY) -> Status:
    return _op(services.retire(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post(
    "/operations/surrender", response={201: OperationOut}, summary="Surrender for compliance"
)
def post_surrender(
    request: HttpRequest, payload: SurrenderIn, idempotency_key: str = KEY
) -> Status:
    return _op(services.surrender(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post("/operations/expire", response={201: OperationOut}, summary="Expire a lot")
def post_expire(request: HttpRequest, payload: ExpireIn, idempotency_key: str = KEY) -> Status:
    return _op(services.expire(actor=request.user, key=idempotency_key, **payload.dict()))


@router.post("/operations/cancel", response={201: OperationOut}, summary="Cancel units")
def post_cancel_units(
    request: HttpRequest, payload: CancelUnitsIn, idempotency_key: str = KEY
) -> Status:
    return _op(services.cancel_units(actor=request.user, key=idempotency_key, **payload.dict()))


# -- orders ----------------------------------------------------------------------------------
class OrderOut(Schema):
    id: int
    instrument: str
    organization: str
    side: str
    price: Decimal
    quantity: Decimal
    remaining: Decimal
    status: str
    placed_at: dt.datetime

    @staticmethod
    def resolve_instrument(obj: Order) -> str:
        return obj.instrument.code

    @staticmethod
    def resolve_organization(obj: Order) -> str:
        return obj.organization.code


class OrderIn(Schema):
    organization: str
    instrument: str
    side: str = Field(..., description="buy or sell")
    price: Decimal = Field(..., description="yuan per unit")
    quantity: Decimal


class AmendIn(Schema):
    price: Decimal | None = None
    quantity: Decimal | None = Field(None, description="new remaining quantity")


@router.get("/orders", response=list[OrderOut], summary="Orders of the organizations you see")
@paginate
def list_orders(request: HttpRequest) -> Any:
    orders = Order.objects.select_related("instrument", "organization").order_by("-id")
    visible = selectors.visible_accounts(request.user).values("organization_id")
    return orders.filter(organization_id__in=visible)


@router.post("/orders", response={201: OrderOut}, summary="Place a limit order")
def post_order(request: HttpRequest, payload: OrderIn, idempotency_key: str = KEY) -> Status:
    order = trading.place_order(actor=request.user, key=idempotency_key, **payload.dict())
    return Status(201, order)


@router.post("/orders/{order_id}/cancel", response={200: OrderOut}, summary="Cancel an order")
def post_cancel_order(request: HttpRequest, order_id: int, idempotency_key: str = KEY) -> Status:
    return Status(
        200, trading.cancel_order(actor=request.user, order=order_id, key=idempotency_key)
    )


@router.post("/orders/{order_id}/amend", response={200: OrderOut}, summary="Amend an order")
def post_amend_order(
    request: HttpRequest, order_id: int, payload: AmendIn, idempotency_key: str = KEY
) -> Status:
    order = trading.amend_order(
        actor=request.user, order=order_id, key=idempotency_key, **payload.dict()
    )
    return Status(200, order)


# -- agreements and auctions -----------------------------------------------------------------
class AgreementIn(Schema):
    instrument: str
    seller: str
    buyer: str
    quantity: Decimal
    price: Decimal


class AgreementOut(Schema):
    id: int
    instrument: str
    seller: str
    buyer: str
    quantity: Decimal
    price: Decimal
    status: str

    @staticmethod
    def resolve_instrument(obj: Any) -> str:
        return str(obj.instrument.code)

    @staticmethod
    def resolve_seller(obj: Any) -> str:
        return str(obj.seller.code)

    @staticmethod
    def resolve_buyer(obj: Any) -> str:
        return str(obj.buyer.code)


@router.post("/agreements", response={201: AgreementOut}, summary="Propose an agreement transfer")
def post_agreement(request: HttpRequest, payload: AgreementIn) -> Status:
    return Status(201, trading.propose_agreement(actor=request.user, **payload.dict()))


@router.post(
    "/agreements/{agreement_id}/accept",
    response={200: AgreementOut},
    summary="Accept (buyer): settles delivery versus payment",
)
def post_accept_agreement(
    request: HttpRequest, agreement_id: int, idempotency_key: str = KEY
) -> Status:
    agreement = trading.accept_agreement(
        actor=request.user, agreement=agreement_id, key=idempotency_key
    )
    return Status(200, agreement)


@router.post(
    "/agreements/{agreement_id}/withdraw",
    response={200: AgreementOut},
    summary="Withdraw (seller) an agreement not yet accepted",
)
def post_withdraw_agreement(request: HttpRequest, agreement_id: int) -> Status:
    return Status(200, trading.withdraw_agreement(actor=request.user, agreement=agreement_id))


class AuctionIn(Schema):
    instrument: str
    lot: str
    quantity: Decimal
    reserve_price: Decimal


class AuctionOut(Schema):
    id: int
    instrument: str
    lot: str
    quantity: Decimal
    reserve_price: Decimal
    status: str
    clearing_price: Decimal | None
    bids: int

    @staticmethod
    def resolve_instrument(obj: Auction) -> str:
        return obj.instrument.code

    @staticmethod
    def resolve_lot(obj: Auction) -> str:
        return obj.lot.code

    @staticmethod
    def resolve_bids(obj: Auction) -> int:
        return obj.bids.count()


class BidIn(Schema):
    organization: str
    price: Decimal
    quantity: Decimal


class BidOut(Schema):
    id: int
    price: Decimal
    quantity: Decimal
    won: Decimal | None


@router.get("/auctions", response=list[AuctionOut], auth=None, summary="Auctions")
@paginate
def list_auctions(request: HttpRequest) -> Any:
    return Auction.objects.select_related("instrument", "lot").order_by("-id")


@router.post("/auctions", response={201: AuctionOut}, summary="Open a sealed-bid auction")
def post_auction(request: HttpRequest, payload: AuctionIn) -> Status:
    return Status(201, trading.create_auction(actor=request.user, **payload.dict()))


@router.post(
    "/auctions/{auction_id}/bids",
    response={201: BidOut},
    summary="Submit a sealed bid (its value is held in escrow)",
)
def post_bid(
    request: HttpRequest, auction_id: int, payload: BidIn, idempotency_key: str = KEY
) -> Status:
    bid = trading.submit_bid(
        actor=request.user, auction=auction_id, key=idempotency_key, **payload.dict()
    )
    return Status(201, bid)


@router.post(
    "/auctions/{auction_id}/clear",
    response={200: AuctionOut},
    summary="Clear at the uniform price (authority)",
)
def post_clear(request: HttpRequest, auction_id: int, idempotency_key: str = KEY) -> Status:
    auction = trading.clear_auction(actor=request.user, auction=auction_id, key=idempotency_key)
    return Status(200, auction)


@router.get(
    "/auctions/{auction_id}/bids",
    response={200: list[BidOut], 404: Message},
    summary="Bids: your own while open, all once cleared",
)
def list_bids(request: HttpRequest, auction_id: int) -> Status:
    auction = Auction.objects.filter(pk=auction_id).first()
    if auction is None:
        return _not_found(str(auction_id))
    bids = [
        bid
        for bid in auction.bids.select_related("organization")
        if auction.status == AuctionStatus.CLEARED or can_view_owned(request.user, bid.organization)
    ]
    return Status(200, bids)


# -- compliance ------------------------------------------------------------------------------
class ObligationIn(Schema):
    organization: str
    kind: str = Field(..., description="carbon or discharge")
    pollutant: str = ""
    period: int = Field(..., ge=2000, le=2100)
    required: Decimal
    deadline: dt.date
    ccer_limit_percent: Decimal = Field(Decimal(5), ge=0, le=100)
    source: str = ""


class ObligationOut(Schema):
    id: int
    organization: str
    organization_name: str
    kind: str
    pollutant: str
    period: int
    required: Decimal
    surrendered: Decimal
    ccer: Decimal
    shortfall: Decimal
    deadline: dt.date
    missed: bool
    demonstration: bool


@router.get(
    "/obligations",
    response=list[ObligationOut],
    summary="Compliance obligations with surrendered amounts and shortfalls",
)
def list_obligations(request: HttpRequest, missed: bool = False) -> Any:
    rows = selectors.shortfall_report(selectors.obligations_visible(request.user)[:1000])
    return [row for row in rows if row["missed"]] if missed else rows


@router.post("/obligations", response={201: ObligationOut}, summary="Set an obligation")
def post_obligation(request: HttpRequest, payload: ObligationIn) -> Status:
    ob = services.create_obligation(actor=request.user, **payload.dict())
    return Status(201, selectors.shortfall_report([ob])[0])
