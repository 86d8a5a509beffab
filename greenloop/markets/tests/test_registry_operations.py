"""Issue, allocate, transfer, retire, expire and cancel move units exactly and conserve them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from greenloop.accounts.models import AuditEntry
from greenloop.markets import selectors, services, trading
from greenloop.markets.conftest import instrument, key
from greenloop.markets.models import AccountKind, Entry, Operation

pytestmark = pytest.mark.django_db


def test_allocation_and_transfer_move_units_and_conserve(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    services.transfer(
        actor=market.actors.enterprise_user,
        instrument="QH-PD-XN-COD",
        source=ent.code,
        target=haixi.code,
        quantity="12.5",
        key=key(),
    )
    assert market.holding(ent, "QH-PD-XN-COD") == Decimal("387.5")
    assert market.holding(haixi, "QH-PD-XN-COD") == Decimal("412.5")
    figures = selectors.conservation(instrument("QH-PD-XN-COD"))
    assert figures["issued"] == Decimal(1000)
    assert figures["held"] == Decimal(1000)
    market.assert_balanced()


def test_transfer_of_more_than_the_holding_is_refused_and_changes_nothing(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    before = Entry.objects.count()
    with pytest.raises(ValidationError, match="less than"):
        services.transfer(
            actor=market.actors.enterprise_user,
            instrument="QH-PD-XN-COD",
            source=ent.code,
            target=haixi.code,
            quantity="400.001",
            key=key(),
        )
    assert Entry.objects.count() == before
    assert market.holding(ent, "QH-PD-XN-COD") == Decimal(400)


def test_transfer_to_a_closed_account_is_refused(market):
    ent, bank = market.actors.enterprise, market.actors.bank
    services.set_account_open(actor=market.admin, account=f"{bank.code}:holding", is_open=False)
    before = Entry.objects.count()
    with pytest.raises(ValidationError, match="closed"):
        services.transfer(
            actor=market.actors.enterprise_user,
            instrument="QH-PD-XN-COD",
            source=ent.code,
            target=bank.code,
            quantity="1",
            key=key(),
        )
    assert Entry.objects.count() == before


def test_issuance_beyond_the_regional_cap_is_refused(market):
    with pytest.raises(ValidationError, match="cap"):
        services.issue(
            actor=market.admin, instrument="QH-PD-XN-COD", lot="2026b", quantity="0.001", key=key()
        )
    assert selectors.conservation(instrument("QH-PD-XN-COD"))["issued"] == Decimal(1000)


def test_only_the_authority_issues(market):
    with pytest.raises(Exception, match="issuing authority"):
        services.issue(
            actor=market.actors.enterprise_user,
            instrument="QH-CEA-2025",
            lot="x",
            quantity="1",
            key=key(),
        )
    op = services.issue(
        actor=market.eco, instrument="QH-CEA-2025", lot="2025", quantity="5", key=key()
    )
    assert op.kind == "issue"


def test_green_certificate_claimed_once_cannot_be_claimed_again(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    user = market.actors.enterprise_user
    services.retire(
        actor=user,
        instrument="QH-GEC-PV",
        organization=ent.code,
        quantity="100",
        key=key(),
        beneficiary=ent.name_zh,
        purpose="2026-01 consumption",
    )
    assert market.holding(ent, "QH-GEC-PV") == 0
    before = Entry.objects.count()
    with pytest.raises(ValidationError):
        services.retire(
            actor=user, instrument="QH-GEC-PV", organization=ent.code, quantity="1", key=key()
        )
    with pytest.raises(ValidationError):
        services.transfer(
            actor=user,
            instrument="QH-GEC-PV",
            source=ent.code,
            target=haixi.code,
            quantity="1",
            key=key(),
        )
    with pytest.raises(ValidationError):  # a retired certificate offered again on the market
        trading.place_order(
            actor=user,
            organization=ent.code,
            instrument="QH-GEC-PV",
            side="sell",
            price="5",
            quantity="1",
            key=key(),
        )
    assert Entry.objects.count() == before
    figures = selectors.conservation(instrument("QH-GEC-PV"))
    assert figures["retired"] == Decimal(100)
    assert figures["held"] == 0


def test_retirement_account_is_never_debited(market):
    from greenloop.markets.ledger import Posting
    from greenloop.markets.models import Account

    ent = market.actors.enterprise
    services.retire(
        actor=market.admin, instrument="QH-GEC-PV", organization=ent.code, quantity="1", key=key()
    )
    retirement = Account.objects.get(organization=ent, kind=AccountKind.RETIREMENT)
    holding = Account.objects.get(organization=ent, kind=AccountKind.HOLDING)
    posting = Posting(Operation(kind="transfer"))
    posting.lock([retirement, holding])
    with pytest.raises(ValidationError, match="never move again"):
        posting.move_fifo(retirement, holding, instrument("QH-GEC-PV"), Decimal(1))


def test_certificates_are_whole_units(market):
    with pytest.raises(ValidationError, match="whole units"):
        services.transfer(
            actor=market.admin,
            instrument="QH-GEC-PV",
            source=market.actors.enterprise.code,
            target=market.actors.bank.code,
            quantity="0.5",
            key=key(),
        )


def test_expiry_moves_every_held_unit_of_the_lot(market):
    ent = market.actors.enterprise
    services.issue(
        actor=market.admin,
        instrument="QH-WR-HUANGHE-AGR",
        lot="2025",
        quantity="5000",
        key=key(),
        valid_to=dt.date(2025, 12, 31),
    )
    services.allocate(
        actor=market.admin,
        instrument="QH-WR-HUANGHE-AGR",
        organization=ent.code,
        quantity="3000",
        key=key(),
    )
    with pytest.raises(ValidationError, match="still valid"):
        services.expire(
            actor=market.admin,
            instrument="QH-WR-HUANGHE-AGR",
            lot="2025",
            key=key(),
            today=dt.date(2025, 12, 31),
        )
    services.expire(
        actor=market.admin,
        instrument="QH-WR-HUANGHE-AGR",
        lot="2025",
        key=key(),
        today=dt.date(2026, 1, 1),
    )
    figures = selectors.conservation(instrument("QH-WR-HUANGHE-AGR"))
    assert figures == {
        "issued": Decimal(5000),
        "retired": 0,
        "surrendered": 0,
        "expired": Decimal(5000),
        "cancelled": 0,
        "held": 0,
    }
    market.assert_balanced()


def test_cancellation_of_unallocated_and_held_units(market):
    ent = market.actors.enterprise
    services.cancel_units(actor=market.eco, instrument="QH-CEA-2025", quantity="7", key=key())
    services.cancel_units(
        actor=market.eco, instrument="QH-CEA-2025", quantity="3", organization=ent.code, key=key()
    )
    figures = selectors.conservation(instrument("QH-CEA-2025"))
    assert figures["cancelled"] == Decimal(10)
    assert figures["issued"] - figures["cancelled"] == figures["held"]
    assert market.holding(ent, "QH-CEA-2025") == Decimal(9997)


def test_paid_allocation_moves_funds_to_the_authority(market):
    ent = market.actors.enterprise
    services.issue(
        actor=market.admin,
        instrument="QH-WR-HUANGSHUI-IND",
        lot="2026",
        quantity="10000",
        key=key(),
    )
    services.allocate(
        actor=market.admin,
        instrument="QH-WR-HUANGSHUI-IND",
        organization=ent.code,
        quantity="2000",
        price="1.25",
        key=key(),
    )
    assert market.funds(ent) == Decimal(1000000) - Decimal(2500)
    water = instrument("QH-WR-HUANGSHUI-IND")
    assert market.funds(water.authority) == Decimal(2500)


def test_every_operation_is_audited(market):
    ent = market.actors.enterprise
    op = services.transfer(
        actor=market.actors.enterprise_user,
        instrument="QH-CEA-2025",
        source=ent.code,
        target=market.actors.bank.code,
        quantity="1",
        key=key(),
    )
    entry = AuditEntry.objects.get(object_type="markets.operation", object_id=str(op.pk))
    assert entry.actor_username == market.actors.enterprise_user.username
    assert entry.after is not None
    assert entry.after["kind"] == "transfer"
    assert len(entry.after["entries"]) == 2


def test_entries_are_append_only(market):
    from greenloop.markets.models import AppendOnlyError

    entry = Entry.objects.order_by("id")[0]
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
