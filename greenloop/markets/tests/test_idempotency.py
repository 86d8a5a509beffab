"""A retry with the same key is harmless; the same key with a changed body is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from greenloop.markets import services, trading
from greenloop.markets.models import Entry, Operation, Order

pytestmark = pytest.mark.django_db


def test_replayed_transfer_moves_once(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    user = market.actors.enterprise_user
    args = {
        "actor": user,
        "instrument": "QH-CEA-2025",
        "source": ent.code,
        "target": haixi.code,
        "quantity": "10",
    }
    first = services.transfer(**args, key="retry-1")
    entries = Entry.objects.count()
    second = services.transfer(**args, key="retry-1")
    assert second.pk == first.pk
    assert Entry.objects.count() == entries
    assert market.holding(haixi, "QH-CEA-2025") == Decimal(10010)


def test_same_key_with_a_changed_body_is_refused(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    user = market.actors.enterprise_user
    services.transfer(
        actor=user,
        instrument="QH-CEA-2025",
        source=ent.code,
        target=haixi.code,
        quantity="10",
        key="retry-2",
    )
    entries = Entry.objects.count()
    with pytest.raises(ValidationError, match="different"):
        services.transfer(
            actor=user,
            instrument="QH-CEA-2025",
            source=ent.code,
            target=haixi.code,
            quantity="11",
            key="retry-2",
        )
    assert Entry.objects.count() == entries


def test_replayed_order_returns_the_same_order(market):
    ent = market.actors.enterprise
    user = market.actors.enterprise_user
    args = {
        "actor": user,
        "organization": ent.code,
        "instrument": "QH-CEA-2025",
        "side": "sell",
        "price": "80",
        "quantity": "5",
    }
    first = trading.place_order(**args, key="order-1")
    second = trading.place_order(**args, key="order-1")
    assert first.pk == second.pk
    assert Order.objects.filter(organization=ent).count() == 1


def test_keys_are_scoped_to_the_client(market):
    ent = market.actors.enterprise
    services.transfer(
        actor=market.actors.enterprise_user,
        instrument="QH-CEA-2025",
        source=ent.code,
        target=market.actors.bank.code,
        quantity="1",
        key="shared",
    )
    services.transfer(
        actor=market.admin,
        instrument="QH-CEA-2025",
        source=ent.code,
        target=market.actors.bank.code,
        quantity="2",
        key="shared",
    )
    assert Operation.objects.filter(idempotency_key="shared").count() == 2
