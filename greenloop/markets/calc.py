"""Market data and compliance arithmetic in plain Python (no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Candle:
    day: dt.date
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    turnover: Decimal  # yuan

    @property
    def vwap(self) -> Decimal:
        return (
            (self.turnover / self.volume).quantize(Decimal("0.01")) if self.volume else Decimal(0)
        )


def daily_ohlc(trades: Iterable[tuple[dt.date, Decimal, Decimal]]) -> list[Candle]:
    """Daily candles from (day, price, quantity) in execution order."""
    days: dict[dt.date, list[tuple[Decimal, Decimal]]] = {}
    for day, price, quantity in trades:
        days.setdefault(day, []).append((price, quantity))
    candles = []
    for day in sorted(days):
        rows = days[day]
        prices = [price for price, _ in rows]
        candles.append(
            Candle(
                day=day,
                open=prices[0],
                high=max(prices),
                low=min(prices),
                close=prices[-1],
                volume=sum((q for _, q in rows), Decimal(0)),
                turnover=sum((p * q for p, q in rows), Decimal(0)),
            )
        )
    return candles


def vwap(trades: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Volume-weighted average price of (price, quantity) pairs, to the fen."""
    volume = Decimal(0)
    turnover = Decimal(0)
    for price, quantity in trades:
        volume += quantity
        turnover += price * quantity
    return (turnover / volume).quantize(Decimal("0.01")) if volume else None


def ccer_allowed(obligation: Decimal, limit_percent: Decimal) -> Decimal:
    """The most CCER offsets that may count toward an obligation (limit as a percentage)."""
    return (obligation * limit_percent / Decimal(100)).quantize(Decimal("0.001"))


def shortfall(required: Decimal, surrendered: Decimal) -> Decimal:
    return max(required - surrendered, Decimal(0))
