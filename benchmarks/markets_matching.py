"""Matching throughput: the in-memory engine and persisted order handling, each against a
naive reference (the whole book re-sorted on every order) in the same run.

    .venv/bin/python benchmarks/markets_matching.py                 # in memory only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_markets \\
        .venv/bin/python benchmarks/markets_matching.py --persisted   # + PostgreSQL

The persisted part runs in a throw-away test database (created and dropped here), through
``greenloop.markets.trading.place_order``: each order is one transaction with escrow, matching,
delivery-versus-payment settlement, idempotency record and audit entry.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from greenloop.markets.engine import BUY, SELL, Book, NaiveBook


def order_stream(count: int, seed: int = 7) -> list[tuple[str, str, int, int, bool]]:
    """(account, side, price in fen, quantity, cancel the previous order?) around 80.00 yuan."""
    rng = random.Random(seed)  # noqa: S311 (benchmark traffic)
    stream = []
    for _ in range(count):
        side = rng.choice((BUY, SELL))
        drift = rng.randint(-150, 150)
        price = 8000 + drift + (-60 if side == BUY else 60)
        stream.append(
            (f"a{rng.randint(1, 50)}", side, price, rng.randint(1, 100), rng.random() < 0.1)
        )
    return stream


def run_memory(book: Book | NaiveBook, stream: list[tuple[str, str, int, int, bool]]) -> float:
    start = time.perf_counter()
    for order_id, (account, side, price, quantity, cancel) in enumerate(stream, start=1):
        if cancel and order_id > 1:
            with contextlib.suppress(Exception):  # already filled
                book.cancel(order_id - 1)
        book.submit(order_id, account, side, price, quantity)
    return time.perf_counter() - start


def memory(count: int, naive_count: int) -> None:
    stream = order_stream(count)
    elapsed = run_memory(Book(band_bp=None), stream)
    prefix = stream[:naive_count]
    fast = run_memory(Book(band_bp=None), prefix)
    slow = run_memory(NaiveBook(), prefix)
    print(
        f"in-memory engine: {count:,} orders in {elapsed:.2f} s = {count / elapsed:,.0f} orders/s"
    )
    print(
        f"  same {naive_count:,} orders: engine {naive_count / fast:,.0f} orders/s, "
        f"naive re-sorting reference {naive_count / slow:,.0f} orders/s, "
        f"ratio {slow / fast:.1f}x"
    )


def persisted(count: int, naive_count: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenloop.settings")
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("persisted: skipped (set DATABASE_URL to a PostgreSQL database)")
        return
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _persisted(count, naive_count)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _persisted(count: int, naive_count: int) -> None:
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from greenloop.accounts.models import Role, User
    from greenloop.core.loading import load_default_data
    from greenloop.markets import services, trading
    from greenloop.markets.models import Order, OrderStatus, Side
    from greenloop.orgs.models import Organization, OrgKind

    load_default_data()
    admin = User.objects.create(username="bench-admin", role=Role.ADMIN, is_superuser=True)
    region = Organization.objects.get(code="qh-drc").region
    orgs = []
    for n in range(10):
        org = Organization.objects.create(
            code=f"bench-{n}", name_zh=f"基准企业{n}", kind=OrgKind.ENTERPRISE, region=region
        )
        services.open_accounts(actor=admin, organization=org.code)
        services.deposit(actor=admin, organization=org.code, amount="100000000", key=f"d{n}")
        orgs.append(org.code)
    services.issue(actor=admin, instrument="QH-CEA-2025", lot="2025", quantity="10000000", key="i")
    for n, code in enumerate(orgs):
        services.allocate(
            actor=admin,
            instrument="QH-CEA-2025",
            organization=code,
            quantity="1000000",
            key=f"a{n}",
        )

    def place(stream: list[tuple[str, str, int, int, bool]], tag: str) -> float:
        start = time.perf_counter()
        for n, (account, side, price, quantity, _cancel) in enumerate(stream):
            trading.place_order(
                actor=admin,
                organization=orgs[int(account[1:]) % 10],
                instrument="QH-CEA-2025",
                side=side,
                price=Decimal(price) / 100,
                quantity=quantity,
                key=f"{tag}{n}",
            )
        return time.perf_counter() - start

    def reset() -> None:
        for order in Order.objects.filter(status=OrderStatus.OPEN):
            trading.cancel_order(actor=admin, order=order.pk, key=f"reset-{order.pk}")

    def naive_crossing(instrument, order):  # the whole opposite book, re-sorted every time
        opposite = Side.SELL if order.side == Side.BUY else Side.BUY
        book = list(
            Order.objects.filter(
                instrument=instrument, side=opposite, status=OrderStatus.OPEN
            ).select_related("organization")
        )
        if order.side == Side.BUY:
            book.sort(key=lambda o: (o.price, o.priority))
            return iter([o for o in book if o.price <= order.price])
        book.sort(key=lambda o: (-o.price, o.priority))
        return iter([o for o in book if o.price >= order.price])

    stream = order_stream(count, seed=11)
    elapsed = place(stream, "p")
    print(
        f"persisted (PostgreSQL, one client): {count:,} orders in {elapsed:.2f} s = "
        f"{count / elapsed:,.0f} orders/s"
    )
    sample = order_stream(200, seed=17)
    with CaptureQueriesContext(connection) as queries:
        place(sample, "q")
    if os.environ.get("MARKETS_SQL"):  # the statements of the last sampled order
        last = [q["sql"] for q in queries.captured_queries]
        start = max(i for i, sql in enumerate(last) if sql.startswith("BEGIN")) - 3
        print("\n".join(sql[:160] for sql in last[start:]))
    kinds: dict[str, int] = {}
    for query in queries.captured_queries:
        word = query["sql"].split(None, 1)[0].upper()
        kinds[word] = kinds.get(word, 0) + 1
    print(
        f"  SQL statements per order (200 orders on the same book): "
        f"{len(queries.captured_queries) / len(sample):.1f} "
        f"({', '.join(f'{k} {v / len(sample):.1f}' for k, v in sorted(kinds.items()))})"
    )
    reset()
    prefix = order_stream(naive_count, seed=13)
    fast = place(prefix, "f")
    reset()
    indexed = trading.crossing_orders
    trading.crossing_orders = naive_crossing  # type: ignore[assignment]
    try:
        slow = place(prefix, "n")
    finally:
        trading.crossing_orders = indexed
    print(
        f"  same {naive_count:,} orders: indexed book {naive_count / fast:,.0f} orders/s, "
        f"naive re-sorting reference {naive_count / slow:,.0f} orders/s, "
        f"ratio {slow / fast:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--naive-orders", type=int, default=10_000)
    parser.add_argument("--persisted", action="store_true")
    parser.add_argument("--persisted-orders", type=int, default=3_000)
    args = parser.parse_args()
    memory(args.orders, args.naive_orders)
    if args.persisted:
        persisted(args.persisted_orders, min(args.persisted_orders, 2_000))


if __name__ == "__main__":
    main()
