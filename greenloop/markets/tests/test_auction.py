"""Sealed-bid uniform-price auctions clear at the price the bids determine."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from greenloop.markets import selectors, services, trading
from greenloop.markets.conftest import instrument, key
from greenloop.markets.engine import clear_uniform_price


def test_oversubscribed_auction_clears_at_the_marginal_bid():
    # Supply 100. Ranked: 60 @ 30, 30 @ 28, then 50 @ 25 fills the last 10.
    result = clear_uniform_price(100, [(1, 25, 50), (2, 30, 60), (3, 28, 30), (4, 20, 40)], 10)
    assert result.price == 25
    assert result.allocations == {2: 60, 3: 30, 1: 10}


def test_equal_prices_are_filled_in_submission_order():
    result = clear_uniform_price(10, [(1, 50, 8), (2, 50, 8)], 0)
    assert result.price == 50
    assert result.allocations == {1: 8, 2: 2}


def test_undersubscribed_auction_fills_every_bid_above_reserve():
    result = clear_uniform_price(100, [(1, 40, 30), (2, 35, 20), (3, 9, 50)], 10)
    assert result.price == 35
    assert result.allocations == {1: 30, 2: 20}


@given(
    st.integers(0, 500),
    st.lists(st.tuples(st.integers(1, 100), st.integers(1, 50)), max_size=30),
    st.integers(0, 60),
)
def test_clearing_price_separates_winners_from_losers(supply, raw, reserve):
    bids = [(i, price, qty) for i, (price, qty) in enumerate(raw)]
    result = clear_uniform_price(supply, bids, reserve)
    valid = [b for b in bids if b[1] >= reserve]
    assert result.sold == min(supply, sum(q for _, _, q in valid))
    for bid_id, price, qty in bids:
        won = result.allocations.get(bid_id, 0)
        assert 0 <= won <= qty
        if won:
            assert result.price is not None and price >= result.price >= reserve
        if result.price is not None and price > result.price:
            assert won == qty  # every bid above the clearing price is filled in full


@pytest.mark.django_db
def test_paid_allocation_by_auction_settles_at_the_uniform_price(market):
    ent, haixi, bank = market.actors.enterprise, market.actors.haixi_enterprise, market.actors.bank
    services.issue(
        actor=market.eco, instrument="QH-PD-HX-SO2", lot="2026", quantity="100", key=key()
    )
    auction = trading.create_auction(
        actor=market.eco,
        instrument="QH-PD-HX-SO2",
        lot="2026",
        quantity="100",
        reserve_price="1000",
    )
    for org, user, price, qty in (
        (ent, market.actors.enterprise_user, "2500", "60"),
        (haixi, market.admin, "2200", "30"),
        (bank, market.actors.bank_user, "2000", "50"),
    ):
        trading.submit_bid(
            actor=user,
            auction=auction.pk,
            organization=org.code,
            price=price,
            quantity=qty,
            key=key(),
        )
    with pytest.raises(ValidationError, match="reserve"):
        trading.submit_bid(
            actor=market.admin,
            auction=auction.pk,
            organization=bank.code,
            price="999",
            quantity="1",
            key=key(),
        )
    cleared = trading.clear_auction(actor=market.eco, auction=auction.pk, key=key())
    assert cleared.clearing_price == Decimal("2000.00")
    assert market.holding(ent, "QH-PD-HX-SO2") == 60
    assert market.holding(haixi, "QH-PD-HX-SO2") == 30
    assert market.holding(bank, "QH-PD-HX-SO2") == 10
    start = Decimal(1000000)
    assert market.funds(ent) == start - 60 * 2000
    assert market.funds(bank) == start - 10 * 2000
    so2 = instrument("QH-PD-HX-SO2")
    assert market.funds(so2.authority) == 100 * 2000
    with pytest.raises(ValidationError, match="already cleared"):
        trading.clear_auction(actor=market.eco, auction=auction.pk, key=key())
    market.assert_balanced()
    assert selectors.conservation(so2)["held"] == 100
