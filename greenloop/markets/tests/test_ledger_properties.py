"""Random sequences of operations keep conservation and never leave a balance negative."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenloop.markets import selectors, services, trading
from greenloop.markets.conftest import key
from greenloop.markets.models import Balance, Instrument, Order, OrderStatus

pytestmark = pytest.mark.django_db

INSTRUMENTS = ["QH-CEA-2025", "QH-PD-XN-COD", "QH-GEC-PV"]
PARTIES = [0, 1, 2]

operations = st.one_of(
    st.tuples(
        st.just("transfer"),
        st.sampled_from(INSTRUMENTS),
        st.sampled_from(PARTIES),
        st.sampled_from(PARTIES),
        st.integers(1, 600),
    ),
    st.tuples(
        st.just("order"),
        st.sampled_from(INSTRUMENTS),
        st.sampled_from(PARTIES),
        st.sampled_from(["buy", "sell"]),
        st.integers(1, 300),
        st.integers(-3, 3),
    ),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("amend"), st.integers(0, 20), st.integers(1, 300), st.integers(-3, 3)),
    st.tuples(
        st.just("retire"),
        st.sampled_from(INSTRUMENTS),
        st.sampled_from(PARTIES),
        st.integers(1, 200),
    ),
    st.tuples(st.just("cancel_units"), st.sampled_from(INSTRUMENTS), st.integers(1, 50)),
    st.tuples(st.just("replay"), st.integers(1, 300)),
)


def _apply(market, step, parties):
    admin = market.admin
    kind = step[0]
    if kind == "transfer":
        _, code, src, dst, qty = step
        services.transfer(
            actor=admin,
            instrument=code,
            source=parties[src].code,
            target=parties[dst].code,
            quantity=qty,
            key=key(),
        )
    elif kind == "order":
        _, code, who, side, qty, tick = step
        close = Instrument.objects.get(code=code).previous_close
        trading.place_order(
            actor=admin,
            organization=parties[who].code,
            instrument=code,
            side=side,
            price=close + tick,
            quantity=qty,
            key=key(),
        )
    elif kind in ("cancel", "amend"):
        open_orders = list(Order.objects.filter(status=OrderStatus.OPEN).order_by("id"))
        if not open_orders:
            return
        target = open_orders[step[1] % len(open_orders)]
        if kind == "cancel":
            trading.cancel_order(actor=admin, order=target.pk, key=key())
        else:
            trading.amend_order(
                actor=admin,
                order=target.pk,
                quantity=step[2],
                price=target.instrument.previous_close + step[3],
                key=key(),
            )
    elif kind == "retire":
        _, code, who, qty = step
        services.retire(
            actor=admin, instrument=code, organization=parties[who].code, quantity=qty, key=key()
        )
    elif kind == "cancel_units":
        _, code, qty = step
        services.cancel_units(actor=admin, instrument=code, quantity=qty, key=key())
    elif kind == "replay":
        services.transfer(
            actor=admin,
            instrument="QH-CEA-2025",
            source=parties[0].code,
            target=parties[1].code,
            quantity=step[1],
            key="replayed",
        )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operations, max_size=25))
def test_random_operations_conserve_units_and_funds(market, steps):
    parties = [market.actors.enterprise, market.actors.haixi_enterprise, market.actors.bank]
    with transaction.atomic():
        for step in steps:
            # A refused step must have changed nothing: checked right below.
            with contextlib.suppress(ValidationError, PermissionDenied):
                _apply(market, step, parties)
            assert selectors.ledger_discrepancies() == []
        for code in [*INSTRUMENTS, "CNY"]:
            figures = selectors.conservation(Instrument.objects.get(code=code))
            assert figures["issued"] == (
                figures["held"]
                + figures["retired"]
                + figures["surrendered"]
                + figures["expired"]
                + figures["cancelled"]
            )
        assert not Balance.objects.exclude(account_kind="origin").filter(quantity__lt=0).exists()
        funds = selectors.conservation(Instrument.objects.get(code="CNY"))
        assert funds["held"] == funds["issued"] == Decimal(3_000_000)  # no yuan made or lost
        transaction.set_rollback(True)
