"""The in-memory book: price-time priority, partial fills, cancel, amend, band, limits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenloop.markets.engine import BUY, SELL, Book, NaiveBook, OrderRejected, band_limits


def test_price_then_time_priority_and_partial_fills():
    book = Book(band_bp=None)
    book.submit(1, "a", SELL, 101, 5)
    book.submit(2, "b", SELL, 100, 5)
    book.submit(3, "c", SELL, 100, 5)
    fills = book.submit(4, "d", BUY, 101, 12)
    assert [(f.sell_id, f.price, f.quantity) for f in fills] == [
        (2, 100, 5),
        (3, 100, 5),
        (1, 101, 2),
    ]
    resting = book.order(1)
    assert resting is not None and resting.quantity == 3
    assert book.best_ask() == 101
    assert book.best_bid() is None


def test_no_trade_when_prices_do_not_cross():
    book = Book(band_bp=None)
    book.submit(1, "a", BUY, 99, 5)
    assert book.submit(2, "b", SELL, 100, 5) == []
    assert book.depth(BUY) == [(99, 5)]
    assert book.depth(SELL) == [(100, 5)]


def test_cancel_removes_the_order():
    book = Book(band_bp=None)
    book.submit(1, "a", SELL, 100, 5)
    book.submit(2, "b", SELL, 100, 7)
    book.cancel(1)
    fills = book.submit(3, "c", BUY, 100, 10)
    assert [(f.sell_id, f.quantity) for f in fills] == [(2, 7)]
    with pytest.raises(OrderRejected):
        book.cancel(1)


def test_amend_down_keeps_priority_amend_up_loses_it():
    book = Book(band_bp=None)
    book.submit(1, "a", SELL, 100, 5)
    book.submit(2, "b", SELL, 100, 5)
    book.amend(1, quantity=3)
    assert [(f.sell_id, f.quantity) for f in book.submit(3, "c", BUY, 100, 1)] == [(1, 1)]
    book.amend(1, quantity=10)  # larger: back of the queue
    assert [(f.sell_id, f.quantity) for f in book.submit(4, "c", BUY, 100, 6)] == [(2, 5), (1, 1)]


def test_amend_to_a_crossing_price_trades():
    book = Book(band_bp=None)
    book.submit(1, "a", BUY, 98, 5)
    book.submit(2, "b", SELL, 100, 5)
    fills = book.amend(1, price=100)
    assert [(f.buy_id, f.sell_id, f.price, f.quantity) for f in fills] == [(1, 2, 100, 5)]


def test_price_band_is_ten_percent_of_previous_close_by_default():
    book = Book(reference_price=1000)
    assert band_limits(1000, 1000) == (900, 1100)
    book.submit(1, "a", BUY, 900, 1)
    book.submit(2, "a", BUY, 1100, 1)
    for price in (899, 1101):
        with pytest.raises(OrderRejected) as refused:
            book.submit(3, "a", BUY, price, 1)
        assert refused.value.code == "band"
    wide = Book(reference_price=1000, band_bp=2000)
    wide.submit(1, "a", BUY, 1200, 1)


def test_position_limit_and_holdings():
    book = Book(band_bp=None, position_limit=10, positions={"a": 4, "b": 6})
    book.submit(1, "a", BUY, 100, 6)
    with pytest.raises(OrderRejected) as refused:
        book.submit(2, "a", BUY, 100, 1)
    assert refused.value.code == "position_limit"
    with pytest.raises(OrderRejected) as refused:
        book.submit(3, "b", SELL, 100, 7)
    assert refused.value.code == "holding"
    book.submit(4, "b", SELL, 100, 6)
    assert book.positions == {"a": 10, "b": 0}


orders = st.lists(
    st.tuples(
        st.sampled_from([BUY, SELL]), st.integers(95, 105), st.integers(1, 20), st.booleans()
    ),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(orders)
def test_book_matches_exactly_like_the_naive_reference(sequence):
    book, naive = Book(band_bp=None), NaiveBook()
    for order_id, (side, price, quantity, cancel_previous) in enumerate(sequence, start=1):
        if cancel_previous and book.order(order_id - 1) is not None:
            book.cancel(order_id - 1)
            naive.cancel(order_id - 1)
        assert book.submit(order_id, "x", side, price, quantity) == naive.submit(
            order_id, "x", side, price, quantity
        )
    resting = {(o.id, o.quantity) for o in book.open_orders()}
    assert resting == {(o.id, o.quantity) for o in naive.orders}
    best_bid, best_ask = book.best_bid(), book.best_ask()
    assert best_bid is None or best_ask is None or best_bid < best_ask


@settings(max_examples=100, deadline=None)
@given(orders)
def test_fills_conserve_quantity(sequence):
    book = Book(band_bp=None)
    submitted = 0
    traded = 0
    for order_id, (side, price, quantity, _cancel) in enumerate(sequence, start=1):
        submitted += quantity
        traded += 2 * sum(f.quantity for f in book.submit(order_id, "x", side, price, quantity))
    assert submitted == traded + sum(o.quantity for o in book.open_orders())


def test_a_refused_amendment_leaves_the_order_as_it_was():
    book = Book(reference_price=1000)
    book.submit(1, "a", SELL, 1000, 5)
    with pytest.raises(OrderRejected):
        book.amend(1, price=2000)
    resting = book.order(1)
    assert resting is not None and (resting.price, resting.quantity) == (1000, 5)
    assert book.depth(SELL) == [(1000, 5)]
