"""Obligations, surrender (CCER within its limit), shortfall and missed deadlines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from greenloop.markets import selectors, services
from greenloop.markets.conftest import key
from greenloop.markets.models import Obligation

pytestmark = pytest.mark.django_db


def obligation(market, org, **kwargs):
    args: dict[str, Any] = {
        "kind": "carbon",
        "period": 2025,
        "required": "1000",
        "deadline": dt.date(2026, 12, 31),
    }
    args.update(kwargs)
    return services.create_obligation(actor=market.eco, organization=org.code, **args)


def test_surrender_with_ccer_up_to_the_limit(market):
    ent = market.actors.enterprise
    ob = obligation(market, ent)
    services.issue(
        actor=market.eco, instrument="QH-CCER-PV-001", lot="2025", quantity="200", key=key()
    )
    services.allocate(
        actor=market.eco,
        instrument="QH-CCER-PV-001",
        organization=ent.code,
        quantity="200",
        key=key(),
    )
    user = market.actors.enterprise_user
    services.surrender(
        actor=user, obligation=ob.pk, instrument="QH-CCER-PV-001", quantity="50", key=key()
    )
    with pytest.raises(ValidationError, match="CCER"):
        services.surrender(
            actor=user, obligation=ob.pk, instrument="QH-CCER-PV-001", quantity="0.001", key=key()
        )
    services.surrender(
        actor=user, obligation=ob.pk, instrument="QH-CEA-2025", quantity="900", key=key()
    )
    (row,) = selectors.shortfall_report([ob], today=dt.date(2026, 6, 1))
    assert (row["surrendered"], row["ccer"], row["shortfall"]) == (950, 50, 50)
    assert row["missed"] is False
    with pytest.raises(ValidationError, match="only"):
        services.surrender(
            actor=user, obligation=ob.pk, instrument="QH-CEA-2025", quantity="51", key=key()
        )
    market.assert_balanced()


def test_ccer_limit_is_configurable(market):
    ent = market.actors.enterprise
    ob = obligation(market, ent, ccer_limit_percent=Decimal(10))
    services.issue(
        actor=market.eco, instrument="QH-CCER-PV-001", lot="2025", quantity="100", key=key()
    )
    services.allocate(
        actor=market.eco,
        instrument="QH-CCER-PV-001",
        organization=ent.code,
        quantity="100",
        key=key(),
    )
    services.surrender(
        actor=market.admin, obligation=ob.pk, instrument="QH-CCER-PV-001", quantity="100", key=key()
    )
    assert selectors.surrendered(ob)["ccer"] == 100


def test_discharge_obligation_takes_its_pollutant_only(market):
    ent = market.actors.enterprise
    ob = obligation(market, ent, kind="discharge", pollutant="cod", required="300")
    with pytest.raises(ValidationError, match="discharge"):
        services.surrender(
            actor=market.admin, obligation=ob.pk, instrument="QH-CEA-2025", quantity="1", key=key()
        )
    services.surrender(
        actor=market.admin, obligation=ob.pk, instrument="QH-PD-XN-COD", quantity="300", key=key()
    )
    assert selectors.shortfall_report([ob])[0]["shortfall"] == 0


def test_missed_deadline_list(market):
    ent, haixi = market.actors.enterprise, market.actors.haixi_enterprise
    obligation(market, ent, deadline=dt.date(2026, 3, 31))
    met = obligation(market, haixi, deadline=dt.date(2026, 3, 31), required="100")
    services.surrender(
        actor=market.admin, obligation=met.pk, instrument="QH-CEA-2025", quantity="100", key=key()
    )
    missed = selectors.missed_deadlines(Obligation.objects.all(), today=dt.date(2026, 4, 1))
    assert [row["organization"] for row in missed] == [ent.code]
    assert selectors.missed_deadlines(Obligation.objects.all(), today=dt.date(2026, 3, 31)) == []


def test_only_the_ecology_department_sets_obligations(market):
    with pytest.raises(Exception, match="ecology"):
        services.create_obligation(
            actor=market.actors.enterprise_user,
            organization=market.actors.enterprise.code,
            kind="carbon",
            period=2025,
            required="1",
            deadline=dt.date(2026, 1, 1),
        )
