"""Many clients at once on a real PostgreSQL server: threads and processes placing,
cancelling and transferring never double-spend, never drive a balance negative and leave
conservation intact. These drive the real database (no mocks); SQLite serialises writers and
cannot show the row locks at work, so they run only when DATABASE_URL is PostgreSQL."""

from __future__ import annotations

import multiprocessing
import random
import threading
import traceback
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from greenloop.markets import selectors, services, trading
from greenloop.markets.models import Balance, Instrument, Order, OrderStatus

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="concurrency is tested against a real PostgreSQL server (set DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(300),
]

INSTRUMENTS = ["QH-CEA-2025", "QH-PD-XN-COD"]


@pytest.fixture
def loaded(transactional_db: Any) -> None:
    from greenloop.core.loading import load_default_data

    load_default_data()  # a transactional test starts from whatever the last one left


@pytest.fixture
def actors(loaded: None, actors: Any) -> Any:
    return actors


@pytest.fixture
def market(actors: Any) -> Any:
    from greenloop.markets.conftest import setup_market

    return setup_market(actors)


def _client_work(seed: int, org_codes: list[str], admin_id: int, steps: int) -> Counter[str]:
    """One client's random mix of orders, cancels, amends and transfers."""
    from greenloop.accounts.models import User

    admin = User.objects.get(pk=admin_id)
    rng = random.Random(seed)  # noqa: S311 (test traffic, not secrets)
    outcome: Counter[str] = Counter()
    for step in range(steps):
        code = rng.choice(INSTRUMENTS)
        org = rng.choice(org_codes)
        action = rng.choice(["buy", "sell", "sell", "buy", "cancel", "amend", "transfer"])
        key = f"c{seed}-{step}"
        try:
            if action in ("buy", "sell"):
                close = Instrument.objects.get(code=code).previous_close or Decimal(80)
                trading.place_order(
                    actor=admin,
                    organization=org,
                    instrument=code,
                    side=action,
                    price=close + rng.randint(-4, 4),
                    quantity=rng.randint(1, 400),
                    key=key,
                )
            elif action in ("cancel", "amend"):
                mine = list(
                    Order.objects.filter(status=OrderStatus.OPEN).values_list("pk", flat=True)[:50]
                )
                if not mine:
                    continue
                if action == "cancel":
                    trading.cancel_order(actor=admin, order=rng.choice(mine), key=key)
                else:
                    trading.amend_order(
                        actor=admin, order=rng.choice(mine), quantity=rng.randint(1, 300), key=key
                    )
            else:
                target = rng.choice([c for c in org_codes if c != org])
                services.transfer(
                    actor=admin,
                    instrument=code,
                    source=org,
                    target=target,
                    quantity=rng.randint(1, 3000),
                    key=key,
                )
            outcome["done"] += 1
        except (ValidationError, PermissionDenied):
            outcome["refused"] += 1
        except Exception:  # any other error (deadlock, integrity) fails the test
            outcome["error: " + traceback.format_exc(limit=3)] += 1
    return outcome


def _check_ledger(total_funds: Decimal) -> None:
    assert selectors.ledger_discrepancies() == []
    assert not Balance.objects.exclude(account_kind="origin").filter(quantity__lt=0).exists()
    for code in INSTRUMENTS:
        figures = selectors.conservation(Instrument.objects.get(code=code))
        assert figures["issued"] == figures["held"] + figures["retired"] + figures["cancelled"]
    funds = selectors.conservation(Instrument.objects.get(code="CNY"))
    assert funds["held"] == funds["issued"] == total_funds


def _orgs(market: Any) -> list[str]:
    a = market.actors
    return [a.enterprise.code, a.haixi_enterprise.code, a.bank.code]


def test_parallel_threads_keep_the_ledger_whole(market):
    orgs, admin_id = _orgs(market), market.admin.pk
    results: list[Counter[str]] = []
    barrier = threading.Barrier(8)

    def client(seed: int) -> None:
        try:
            barrier.wait()
            results.append(_client_work(seed, orgs, admin_id, 30))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = sum(results, Counter())
    assert [k for k in total if k.startswith("error")] == []
    assert total["done"] > 50
    _check_ledger(Decimal(3_000_000))


def _process_main(seed: int, orgs: list[str], admin_id: int, barrier: Any, queue: Any) -> None:
    connections.close_all()  # never share the parent's connection
    try:
        barrier.wait()
        queue.put(dict(_client_work(seed, orgs, admin_id, 30)))
    finally:
        connections.close_all()


def test_parallel_processes_keep_the_ledger_whole(market):
    orgs, admin_id = _orgs(market), market.admin.pk
    context = multiprocessing.get_context("fork")
    barrier, queue = context.Barrier(4), context.Queue()
    connections.close_all()
    processes = [
        context.Process(target=_process_main, args=(100 + seed, orgs, admin_id, barrier, queue))
        for seed in range(4)
    ]
    for process in processes:
        process.start()
    results = [Counter(queue.get(timeout=240)) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    total = sum(results, Counter())
    assert [k for k in total if k.startswith("error")] == []
    assert total["done"] > 20
    _check_ledger(Decimal(3_000_000))


def test_the_same_units_cannot_be_spent_twice_at_once(market):
    """Eight clients race to move or sell the same 400 t: exactly one of them succeeds."""
    a = market.actors
    seller, admin = a.enterprise.code, market.admin
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def client(n: int) -> None:
        try:
            barrier.wait()
            if n % 2:
                services.transfer(
                    actor=admin,
                    instrument="QH-PD-XN-COD",
                    source=seller,
                    target=[a.haixi_enterprise.code, a.bank.code][n % 4 // 2],
                    quantity="400",
                    key=f"race-{n}",
                )
            else:
                trading.place_order(
                    actor=admin,
                    organization=seller,
                    instrument="QH-PD-XN-COD",
                    side="sell",
                    price="3000",
                    quantity="400",
                    key=f"race-{n}",
                )
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:
            outcomes.append(f"error {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done"] + ["refused"] * 7
    _check_ledger(Decimal(3_000_000))


def test_the_same_idempotency_key_from_many_clients_runs_once(market):
    a = market.actors
    barrier = threading.Barrier(6)
    operations: list[int] = []

    def client() -> None:
        try:
            barrier.wait()
            op = services.transfer(
                actor=market.admin,
                instrument="QH-CEA-2025",
                source=a.enterprise.code,
                target=a.bank.code,
                quantity="10",
                key="one-key",
            )
            operations.append(op.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(operations) == 6 and len(set(operations)) == 1
    assert market.holding(a.bank, "QH-CEA-2025") == Decimal(10)
