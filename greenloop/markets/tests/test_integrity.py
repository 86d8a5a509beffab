"""The ledger check finds a balance that no longer matches its entries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import F

from greenloop.markets import integrity
from greenloop.markets.models import Balance

pytestmark = pytest.mark.django_db


def test_a_tampered_balance_is_reported(market):
    assert integrity.check() == []
    row = Balance.objects.filter(account__kind="holding", quantity__gt=0).order_by("id")[0]
    Balance.objects.filter(pk=row.pk).update(quantity=F("quantity") + Decimal(1))
    problems = integrity.check()
    assert len(problems) == 1 and "differs from its entries" in problems[0]
