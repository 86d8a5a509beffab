"""User-defined factor sets: every fuel required, oxidation within [0, 1], only the
coordinator or an administrator defines them; the default load brings CEADs and IPCC sets."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from greenloop.carbon import services
from greenloop.carbon.engine.reference import fuel_codes
from greenloop.carbon.models import FactorSet


def _factors() -> list[dict[str, Any]]:
    return [
        {"fuel": f, "ncv": 0.2, "carbon_content": 25.0, "oxidation": 0.95} for f in fuel_codes()
    ]


def test_shipped_sets_are_versioned_with_sources(db: Any) -> None:
    for code in ("ceads-shan2018", "ipcc2006"):
        factor_set = FactorSet.objects.get(code=code)
        assert factor_set.version and factor_set.source
        assert factor_set.factors.count() == 17
        assert all(f.source for f in factor_set.factors.all())


def test_user_defined_set(actors: Any) -> None:
    made = services.create_factor_set(
        user=actors.coordinator,
        code="qh-measured",
        name="Qinghai measured",
        version="2024",
        source="provincial coal sampling 2024",
        factors=_factors(),
    )
    assert made.kind == "user" and made.factors.count() == 17


def test_missing_fuel_and_bad_oxidation_are_located(actors: Any) -> None:
    factors = _factors()[1:]
    factors[0]["oxidation"] = 1.3
    with pytest.raises(ValidationError) as caught:
        services.create_factor_set(
            user=actors.coordinator, code="bad", name="", version="", source="x", factors=factors
        )
    assert "factors.raw_coal" in caught.value.message_dict
    assert "factors.0.oxidation" in caught.value.message_dict
    assert not FactorSet.objects.filter(code="bad").exists()


def test_only_coordinator_or_admin(actors: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.create_factor_set(
            user=actors.enterprise_user,
            code="e",
            name="",
            version="",
            source="x",
            factors=_factors(),
        )
