"""The exchange's matching and auction rules, in plain Python (no Django).

Prices are integers in the smallest price step (fen, 0.01 yuan) and quantities integers in the
smallest quantity step (the caller scales, e.g. 0.001 t), so that no rounding ever happens here.

- :class:`Book`: a continuous double auction with price-time priority; limit orders, cancel,
  amend (a smaller quantity at the same price keeps priority, anything else re-queues), partial
  fills, a price band around the previous close, per-account position limits and no selling of
  more than the account holds (when the caller tells the book the holdings).
- :func:`cross`: the same matching rule applied to resting orders the caller supplies in
  price-time order (the persisted order handler reads them from the database).
- :func:`clear_uniform_price`: sealed-bid uniform-price auction of a fixed supply.
- :class:`NaiveBook`: the reference the benchmark and the tests compare against: it re-sorts
  the whole book on every order.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

BUY = "buy"
SELL = "sell"
SIDES = (BUY, SELL)


class OrderRejected(ValueError):
    """An order the book refuses; ``code`` is stable, the message says why."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(slots=True)
class Order:
    id: int
    account: str
    side: str
    price: int
    quantity: int  # remaining
    seq: int = 0


@dataclass(frozen=True, slots=True)
class Fill:
    buy_id: int
    sell_id: int
    buyer: str
    seller: str
    price: int
    quantity: int
    aggressor: str  # side of the incoming order


def band_limits(reference_price: int, band_bp: int) -> tuple[int, int]:
    """The lowest and highest admissible prices: reference ± band (basis points), inclusive.

    The lower limit is rounded up and the upper limit down to whole price steps.
    """
    low = -((-reference_price * (10_000 - band_bp)) // 10_000)
    high = (reference_price * (10_000 + band_bp)) // 10_000
    return low, high


def check_band(price: int, reference_price: int | None, band_bp: int | None) -> None:
    if price <= 0:
        raise OrderRejected("price", "the price must be positive")
    if reference_price is None or band_bp is None:
        return
    low, high = band_limits(reference_price, band_bp)
    if not low <= price <= high:
        raise OrderRejected(
            "band", f"price {price} is outside today's band {low}–{high} (previous close ± band)"
        )


class _Level:
    __slots__ = ("orders", "volume")

    def __init__(self) -> None:
        self.orders: deque[Order] = deque()
        self.volume = 0


@dataclass
class Book:
    """One instrument's continuous order book, held in memory."""

    reference_price: int | None = None
    band_bp: int | None = 1000
    position_limit: int | None = None
    # Holdings the book enforces (account -> quantity); accounts not listed are not checked.
    positions: dict[str, int] = field(default_factory=dict)
    _bids: dict[int, _Level] = field(default_factory=dict, repr=False)
    _asks: dict[int, _Level] = field(default_factory=dict, repr=False)
    _bid_heap: list[int] = field(default_factory=list, repr=False)  # negated prices
    _ask_heap: list[int] = field(default_factory=list, repr=False)
    _orders: dict[int, Order] = field(default_factory=dict, repr=False)
    _open_buy: dict[str, int] = field(default_factory=dict, repr=False)
    _open_sell: dict[str, int] = field(default_factory=dict, repr=False)
    _seq: int = 0

    # -- queries ---------------------------------------------------------------------------
    def best_bid(self) -> int | None:
        heap = self._bid_heap
        while heap and -heap[0] not in self._bids:
            heapq.heappop(heap)
        return -heap[0] if heap else None

    def best_ask(self) -> int | None:
        heap = self._ask_heap
        while heap and heap[0] not in self._asks:
            heapq.heappop(heap)
        return heap[0] if heap else None

    def depth(self, side: str, levels: int = 10) -> list[tuple[int, int]]:
        """(price, quantity) of the best ``levels`` price levels of one side."""
        book = self._bids if side == BUY else self._asks
        prices = sorted(book, reverse=side == BUY)[:levels]
        return [(price, book[price].volume) for price in prices]

    def order(self, order_id: int) -> Order | None:
        return self._orders.get(order_id)

    def open_orders(self) -> list[Order]:
        return sorted(self._orders.values(), key=lambda o: o.seq)

    # -- commands --------------------------------------------------------------------------
    def submit(
        self, order_id: int, account: str, side: str, price: int, quantity: int
    ) -> list[Fill]:
        """Add a limit order; returns the fills it made (the rest rests in the book)."""
        if side not in SIDES:
            raise OrderRejected("side", f"unknown side {side!r}")
        if quantity <= 0:
            raise OrderRejected("quantity", "the quantity must be positive")
        if order_id in self._orders:
            raise OrderRejected("duplicate", f"order {order_id} is already in the book")
        check_band(price, self.reference_price, self.band_bp)
        self._check_account(account, side, quantity)
        self._seq += 1
        incoming = Order(order_id, account, side, price, quantity, self._seq)
        fills = self._match(incoming)
        if incoming.quantity:
            self._rest(incoming)
        return fills

    def cancel(self, order_id: int) -> Order:
        order = self._orders.pop(order_id, None)
        if order is None:
            raise OrderRejected("unknown", f"order {order_id} is not open")
        levels = self._bids if order.side == BUY else self._asks
        level = levels[order.price]
        level.volume -= order.quantity
        if level.volume == 0:
            del levels[order.price]
        else:
            level.orders.remove(order)
        open_ = self._open_buy if order.side == BUY else self._open_sell
        open_[order.account] -= order.quantity
        return order

    def amend(
        self, order_id: int, *, price: int | None = None, quantity: int | None = None
    ) -> list[Fill]:
        """Change an open order's price and/or remaining quantity.

        Reducing the quantity at the same price keeps the order's place in the queue; a new
        price or a larger quantity re-queues it (and it may then trade).
        """
        order = self._orders.get(order_id)
        if order is None:
            raise OrderRejected("unknown", f"order {order_id} is not open")
        new_price = order.price if price is None else price
        new_quantity = order.quantity if quantity is None else quantity
        if new_quantity <= 0:
            raise OrderRejected("quantity", "the quantity must be positive (cancel instead)")
        check_band(new_price, self.reference_price, self.band_bp)
        if new_price == order.price and new_quantity <= order.quantity:
            reduce = order.quantity - new_quantity
            order.quantity = new_quantity
            levels = self._bids if order.side == BUY else self._asks
            levels[order.price].volume -= reduce
            open_ = self._open_buy if order.side == BUY else self._open_sell
            open_[order.account] -= reduce
            return []
        self.cancel(order_id)
        try:
            return self.submit(order_id, order.account, order.side, new_price, new_quantity)
        except OrderRejected:
            self._seq += 1
            order.seq = self._seq
            self._rest(order)  # the amendment is refused; the order stays as it was
            raise

    # -- internals -------------------------------------------------------------------------
    def _check_account(self, account: str, side: str, quantity: int) -> None:
        if account not in self.positions:
            return
        held = self.positions[account]
        if side == SELL and held - self._open_sell.get(account, 0) < quantity:
            raise OrderRejected("holding", "the order is for more than the account holds")
        if (
            side == BUY
            and self.position_limit is not None
            and held + self._open_buy.get(account, 0) + quantity > self.position_limit
        ):
            raise OrderRejected("position_limit", "the order would exceed the position limit")

    def _rest(self, order: Order) -> None:
        if order.side == BUY:
            levels, heap, key = self._bids, self._bid_heap, -order.price
            open_ = self._open_buy
        else:
            levels, heap, key = self._asks, self._ask_heap, order.price
            open_ = self._open_sell
        level = levels.get(order.price)
        if level is None:
            level = levels[order.price] = _Level()
            heapq.heappush(heap, key)
        level.orders.append(order)
        level.volume += order.quantity
        self._orders[order.id] = order
        open_[order.account] = open_.get(order.account, 0) + order.quantity

    def _match(self, incoming: Order) -> list[Fill]:
        fills: list[Fill] = []
        buy = incoming.side == BUY
        levels = self._asks if buy else self._bids
        open_ = self._open_sell if buy else self._open_buy
        positions = self.positions
        while incoming.quantity:
            best = self.best_ask() if buy else self.best_bid()
            if best is None or (best > incoming.price if buy else best < incoming.price):
                break
            level = levels[best]
            queue = level.orders
            while incoming.quantity and queue:
                resting = queue[0]
                quantity = min(incoming.quantity, resting.quantity)
                incoming.quantity -= quantity
                resting.quantity -= quantity
                level.volume -= quantity
                open_[resting.account] -= quantity
                if buy:
                    fill = Fill(
                        incoming.id,
                        resting.id,
                        incoming.account,
                        resting.account,
                        best,
                        quantity,
                        BUY,
                    )
                else:
                    fill = Fill(
                        resting.id,
                        incoming.id,
                        resting.account,
                        incoming.account,
                        best,
                        quantity,
                        SELL,
                    )
                fills.append(fill)
                if fill.buyer in positions:
                    positions[fill.buyer] += quantity
                if fill.seller in positions:
                    positions[fill.seller] -= quantity
                if resting.quantity == 0:
                    queue.popleft()
                    del self._orders[resting.id]
            if level.volume == 0:
                del levels[best]
        return fills


def cross(
    side: str, price: int, quantity: int, resting: Iterable[tuple[int, int, int]]
) -> Iterator[tuple[int, int, int]]:
    """Match an incoming order against resting ones of the other side.

    ``resting`` yields (order id, price, remaining quantity) in price-time priority. Yields
    (resting order id, trade price, quantity) until the incoming quantity is used up or the
    next resting price no longer crosses. Trades happen at the resting order's price.
    """
    for order_id, resting_price, remaining in resting:
        if quantity <= 0:
            return
        if (resting_price > price) if side == BUY else (resting_price < price):
            return
        take = min(quantity, remaining)
        if take > 0:
            quantity -= take
            yield order_id, resting_price, take
        if quantity <= 0:
            return


@dataclass(frozen=True)
class AuctionResult:
    price: int | None  # the uniform clearing price; None when no bid wins
    allocations: dict[int, int]  # bid id -> quantity won (winning bids only)

    @property
    def sold(self) -> int:
        return sum(self.allocations.values())


def clear_uniform_price(
    supply: int, bids: Iterable[tuple[int, int, int]], reserve_price: int = 0
) -> AuctionResult:
    """Clear a sealed-bid uniform-price auction.

    ``bids`` are (bid id, price, quantity) in submission order. Bids below the reserve price
    are out. The rest are ranked by price, highest first, earlier bids first at equal price,
    and filled in that order until the supply is used up (the last one possibly in part).
    Every winner pays the same price: the lowest price among the winning bids (the marginal
    bid's price). When demand falls short of the supply, every valid bid wins in full.
    """
    if supply < 0:
        raise ValueError("supply must not be negative")
    valid = [(bid_id, price, qty) for bid_id, price, qty in bids if price >= reserve_price]
    for _bid_id, price, qty in valid:
        if price <= 0 or qty <= 0:
            raise ValueError("bid prices and quantities must be positive")
    ranked = sorted(enumerate(valid), key=lambda item: (-item[1][1], item[0]))
    left = supply
    allocations: dict[int, int] = {}
    clearing: int | None = None
    for _position, (bid_id, price, qty) in ranked:
        if left == 0:
            break
        take = min(qty, left)
        allocations[bid_id] = take
        left -= take
        clearing = price
    return AuctionResult(price=clearing, allocations=allocations)


@dataclass
class NaiveBook:
    """Reference order book: a plain list, fully re-sorted on every order. Same rules as
    :class:`Book` for matching (price-time priority, trade at the resting price)."""

    orders: list[Order] = field(default_factory=list)
    _seq: int = 0

    def submit(
        self, order_id: int, account: str, side: str, price: int, quantity: int
    ) -> list[Fill]:
        self._seq += 1
        incoming = Order(order_id, account, side, price, quantity, self._seq)
        buy = side == BUY
        self.orders.sort(key=lambda o: (o.side, o.price if o.side == SELL else -o.price, o.seq))
        fills: list[Fill] = []
        for resting in self.orders:
            if not incoming.quantity:
                break
            if resting.side == side or resting.quantity == 0:
                continue
            if (resting.price > price) if buy else (resting.price < price):
                break
            quantity = min(incoming.quantity, resting.quantity)
            incoming.quantity -= quantity
            resting.quantity -= quantity
            if buy:
                fills.append(
                    Fill(
                        order_id, resting.id, account, resting.account, resting.price, quantity, BUY
                    )
                )
            else:
                fills.append(
                    Fill(
                        resting.id,
                        order_id,
                        resting.account,
                        account,
                        resting.price,
                        quantity,
                        SELL,
                    )
                )
        self.orders = [o for o in self.orders if o.quantity]
        if incoming.quantity:
            self.orders.append(incoming)
        return fills

    def cancel(self, order_id: int) -> None:
        self.orders = [o for o in self.orders if o.id != order_id]
