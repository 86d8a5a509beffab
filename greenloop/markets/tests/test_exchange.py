"""Persisted continuous trading settles delivery-versus-payment; bad orders change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from greenloop.markets import selectors, trading
from greenloop.markets.conftest import instrument, key
from greenloop.markets.models import Entry, Instrument, OrderStatus, Trade

pytestmark = pytest.mark.django_db
START = Decimal(1000000)


def order(market, org, side, price, quantity, user=None):
    return trading.place_order(
        actor=user or market.admin,
        organization=org.code,
        instrument="QH-CEA-2025",
        side=side,
        price=price,
        quantity=quantity,
        key=key(),
    )


def test_crossing_orders_trade_at_the_resting_price_and_settle(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    sell = order(market, ent, "sell", "80.00", "100", market.actors.enterprise_user)
    buy = order(market, haixi, "buy", "82.50", "60")
    trade = Trade.objects.get()
    assert (trade.price, trade.quantity) == (Decimal("80.00"), Decimal(60))
    buy.refresh_from_db()
    sell.refresh_from_db()
    assert buy.status == OrderStatus.FILLED
    assert (sell.status, sell.remaining) == (OrderStatus.OPEN, Decimal(40))
    assert market.holding(ent, "QH-CEA-2025") == Decimal(9900)  # 40 still in escrow
    assert market.holding(haixi, "QH-CEA-2025") == Decimal(10060)
    assert market.funds(ent) == START + 60 * 80
    assert market.funds(haixi) == START - 60 * 80  # price improvement returned
    market.assert_balanced()


def test_price_time_priority_across_orders(market):
    ent, haixi, bank = market.actors.enterprise, market.actors.haixi_enterprise, market.actors.bank
    first = order(market, ent, "sell", "81", "10")
    second = order(market, haixi, "sell", "81", "10")
    better = order(market, haixi, "sell", "80", "5")
    order(market, bank, "buy", "81", "20")
    fills = list(Trade.objects.order_by("id").values_list("sell_order_id", "price", "quantity"))
    assert fills == [
        (better.pk, Decimal(80), Decimal(5)),
        (first.pk, Decimal(81), Decimal(10)),
        (second.pk, Decimal(81), Decimal(5)),
    ]


def test_order_for_more_than_the_holding_is_refused(market):
    before = Entry.objects.count()
    with pytest.raises(ValidationError, match="less than"):
        order(market, market.actors.bank, "sell", "80", "1")
    with pytest.raises(ValidationError, match="funds"):
        order(market, market.actors.bank, "buy", "80", "20000")
    assert Entry.objects.count() == before


def test_price_outside_the_band_is_refused(market):
    before = Entry.objects.count()
    with pytest.raises(ValidationError, match="band"):
        order(market, market.actors.enterprise, "sell", "88.01", "1")  # previous close 80
    with pytest.raises(ValidationError, match="band"):
        order(market, market.actors.enterprise, "sell", "71.99", "1")
    order(market, market.actors.enterprise, "sell", "88.00", "1")
    assert Entry.objects.count() > before


def test_cancel_returns_the_escrow(market):
    ent = market.actors.enterprise
    placed = order(market, ent, "buy", "79", "100")
    assert market.funds(ent) == START - 7900
    trading.cancel_order(actor=market.actors.enterprise_user, order=placed.pk, key=key())
    assert market.funds(ent) == START
    with pytest.raises(ValidationError, match="no longer open"):
        trading.cancel_order(actor=market.admin, order=placed.pk, key=key())
    market.assert_balanced()


def test_amend_reduces_in_place_or_requeues(market):
    ent, haixi, bank = market.actors.enterprise, market.actors.haixi_enterprise, market.actors.bank
    first = order(market, ent, "sell", "81", "10")
    second = order(market, haixi, "sell", "81", "10")
    trading.amend_order(actor=market.admin, order=first.pk, quantity="4", key=key())
    assert market.holding(ent, "QH-CEA-2025") == Decimal(9996)
    order(market, bank, "buy", "81", "2")
    assert Trade.objects.get().sell_order_id == first.pk  # kept its place
    trading.amend_order(actor=market.admin, order=first.pk, quantity="8", key=key())
    order(market, bank, "buy", "81", "3")
    assert Trade.objects.order_by("-id")[0].sell_order_id == second.pk  # lost its place
    amended = trading.amend_order(actor=market.admin, order=second.pk, price="79", key=key())
    assert amended.price == Decimal(79)
    market.assert_balanced()


def test_position_limit_is_enforced(market):
    Instrument.objects.filter(code="QH-CEA-2025").update(position_limit=Decimal(10050))
    haixi = market.actors.haixi_enterprise
    order(market, haixi, "buy", "80", "50")
    with pytest.raises(ValidationError, match="position"):
        order(market, haixi, "buy", "80", "1")


def test_an_account_limit_overrides_the_instrument_limit(market):
    Instrument.objects.filter(code="QH-CEA-2025").update(position_limit=Decimal(20000))
    haixi, bank = market.actors.haixi_enterprise, market.actors.bank
    trading.set_position_limit(
        actor=market.eco, organization=haixi.code, instrument="QH-CEA-2025", limit="10010"
    )
    order(market, haixi, "buy", "80", "10")
    with pytest.raises(ValidationError, match="position"):
        order(market, haixi, "buy", "80", "1")
    order(market, bank, "buy", "80", "12000")  # the instrument's limit still applies to others
    with pytest.raises(Exception, match="position limits"):
        trading.set_position_limit(
            actor=market.actors.enterprise_user,
            organization=haixi.code,
            instrument="QH-CEA-2025",
            limit="1",
        )
    trading.set_position_limit(
        actor=market.eco, organization=haixi.code, instrument="QH-CEA-2025", limit=None
    )
    order(market, haixi, "buy", "80", "1")


def test_only_the_owner_trades_for_an_account(market):
    with pytest.raises(Exception, match="may not act"):
        order(
            market,
            market.actors.haixi_enterprise,
            "sell",
            "80",
            "1",
            user=market.actors.enterprise_user,
        )


def test_agreement_transfer_within_the_wider_band(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    with pytest.raises(ValidationError, match="band"):
        trading.propose_agreement(
            actor=market.admin,
            instrument="QH-CEA-2025",
            seller=ent.code,
            buyer=haixi.code,
            quantity="500",
            price="104.01",
        )
    agreement = trading.propose_agreement(
        actor=market.actors.enterprise_user,
        instrument="QH-CEA-2025",
        seller=ent.code,
        buyer=haixi.code,
        quantity="500",
        price="100",
    )
    with pytest.raises(Exception, match="may not act"):
        trading.accept_agreement(actor=market.actors.enterprise_user, agreement=agreement.pk)
    trading.accept_agreement(actor=market.admin, agreement=agreement.pk, key=key())
    assert market.holding(haixi, "QH-CEA-2025") == Decimal(10500)
    assert market.funds(ent) == START + 50000
    assert Trade.objects.get().kind == "agreement"
    market.assert_balanced()


def test_market_data(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    order(market, ent, "sell", "80", "10")
    order(market, ent, "sell", "82", "10")
    order(market, haixi, "buy", "82", "15")
    order(market, haixi, "buy", "78", "7")
    book = selectors.order_book(instrument("QH-CEA-2025"))
    assert book == {
        "bids": [{"price": Decimal(78), "quantity": Decimal(7)}],
        "asks": [{"price": Decimal(82), "quantity": Decimal(5)}],
    }
    (candle,) = selectors.ohlc(instrument("QH-CEA-2025"))
    assert (candle.open, candle.high, candle.low, candle.close) == (80, 82, 80, 82)
    assert candle.volume == 15
    assert selectors.vwap(instrument("QH-CEA-2025")) == Decimal("80.67")  # (800+410)/15
    trading.close_day(actor=market.admin, instrument="QH-CEA-2025")
    assert instrument("QH-CEA-2025").previous_close == Decimal(82)


def test_withdrawn_agreement_cannot_be_accepted(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    agreement = trading.propose_agreement(
        actor=market.admin,
        instrument="QH-CEA-2025",
        seller=ent.code,
        buyer=haixi.code,
        quantity="5",
        price="80",
    )
    with pytest.raises(Exception, match="may not act"):
        trading.withdraw_agreement(actor=market.actors.bank_user, agreement=agreement.pk)
    trading.withdraw_agreement(actor=market.actors.enterprise_user, agreement=agreement.pk)
    with pytest.raises(ValidationError, match="no longer open"):
        trading.accept_agreement(actor=market.admin, agreement=agreement.pk, key=key())
    assert market.holding(haixi, "QH-CEA-2025") == Decimal(10000)
