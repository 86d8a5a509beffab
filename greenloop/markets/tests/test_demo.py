"""The demonstration market: every instrument kind gets trades, all flagged, ledger whole."""

from __future__ import annotations

import pytest

from greenloop.markets import selectors
from greenloop.markets.demo import seed_demonstration
from greenloop.markets.models import Trade

pytestmark = pytest.mark.django_db


def test_demonstration_market_is_flagged_and_balanced(actors):
    counts = seed_demonstration(actors.admin, orders=6)
    assert counts["orders"] > 25
    kinds = set(Trade.objects.values_list("instrument__kind", flat=True))
    assert kinds == {"water", "discharge", "carbon", "gec"}
    assert not Trade.objects.filter(demonstration=False).exists()
    assert selectors.ledger_discrepancies() == []
    trades = Trade.objects.count()
    again = seed_demonstration(actors.admin, orders=6)  # the keys make a rerun harmless
    assert again["organizations"] == 0
    assert Trade.objects.count() == trades
