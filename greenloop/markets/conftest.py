"""Markets fixtures: a small market with three participants and funded accounts."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from greenloop.markets import selectors, services
from greenloop.markets.models import AccountKind, Balance, Instrument, Lot

_keys = itertools.count(1)


def key() -> str:
    """A fresh idempotency key."""
    return f"k-{next(_keys)}"


def balance(org: Any, kind: str, instrument: str, lot: str | None = None) -> Decimal:
    rows = Balance.objects.filter(
        account__organization=org, account__kind=kind, instrument__code=instrument
    )
    if lot is not None:
        rows = rows.filter(lot__code=lot)
    return sum((row.quantity for row in rows), Decimal(0))


@dataclass
class Market:
    actors: Any
    admin: Any
    eco: Any  # an ecology department user: authority for discharge and carbon

    def funds(self, org: Any) -> Decimal:
        return balance(org, AccountKind.FUNDS, "CNY")

    def holding(self, org: Any, instrument: str) -> Decimal:
        return balance(org, AccountKind.HOLDING, instrument)

    def assert_balanced(self) -> None:
        assert selectors.ledger_discrepancies() == []


def setup_market(actors: Any) -> Market:
    """Three participants with accounts and 1,000,000 yuan each. Of 1,000 t of Xining COD
    rights, 400 t each go to the first two; of 30,000 t of 2025 allowances, 10,000 t each; the
    first also receives 100 solar certificates."""
    admin = actors.admin
    for org in (actors.enterprise, actors.haixi_enterprise, actors.bank):
        services.open_accounts(actor=admin, organization=org.code)
        services.deposit(actor=admin, organization=org.code, amount="1000000", key=key())
    services.issue(actor=admin, instrument="QH-PD-XN-COD", lot="2026", quantity="1000", key=key())
    services.issue(actor=admin, instrument="QH-CEA-2025", lot="2025", quantity="30000", key=key())
    services.issue(actor=admin, instrument="QH-GEC-PV", lot="2026-01", quantity="100", key=key())
    for org in (actors.enterprise, actors.haixi_enterprise):
        services.allocate(
            actor=admin, instrument="QH-PD-XN-COD", organization=org.code, quantity="400", key=key()
        )
        services.allocate(
            actor=admin,
            instrument="QH-CEA-2025",
            organization=org.code,
            quantity="10000",
            key=key(),
        )
    services.allocate(
        actor=admin,
        instrument="QH-GEC-PV",
        organization=actors.enterprise.code,
        quantity="100",
        key=key(),
    )
    return Market(actors=actors, admin=admin, eco=actors.eco_reporter)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Service messages in English, so that tests can match them (pages and API choose the
    language per request; see the Accept-Language headers in the HTTP tests)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def market(actors: Any) -> Market:
    return setup_market(actors)


def instrument(code: str) -> Instrument:
    return Instrument.objects.get(code=code)


def lot(instrument_code: str, code: str) -> Lot:
    return Lot.objects.get(instrument__code=instrument_code, code=code)
