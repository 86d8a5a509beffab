"""Registries refuse bad values with a located reason: permit numbers, outlet codes,
thresholds, quota units, concentration units, devices bound twice; and writes need rights."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from greenloop.enterprise import calc, services
from greenloop.enterprise.models import Device
from greenloop.enterprise.tests.factories import energy_unit, pollution_source
from greenloop.orgs.models import Organization


def test_permit_number_format() -> None:
    uscc = "91630100MA7X00001" + "0"
    from greenloop.orgs.calc import uscc_check_char

    uscc = uscc[:17] + uscc_check_char(uscc[:17])
    assert calc.check_permit_number(f"{uscc}001p", uscc=uscc, category="key") == f"{uscc}001P"
    for bad, category in [
        (f"{uscc}01P", "key"),  # two digits
        (f"{uscc}001W", "key"),  # registration letter for a permit
        (f"{uscc}001P", "registration"),
        (f"{uscc[:17]}{'1' if uscc[17] != '1' else '2'}001P", "key"),  # check character
    ]:
        with pytest.raises(calc.RegistryError):
            calc.check_permit_number(bad, uscc=uscc, category=category)
    with pytest.raises(calc.RegistryError):
        calc.check_permit_number(f"{uscc}001P", uscc="91630100000000000X")


def test_outlet_codes_and_quota_units() -> None:
    assert calc.check_outlet_code("da001", "gas") == "DA001"
    with pytest.raises(calc.RegistryError):
        calc.check_outlet_code("DW001", "gas")
    with pytest.raises(calc.RegistryError):
        calc.check_outlet_code("D001", "water")
    assert calc.quota_in(320, "kgce/t", "t") == pytest.approx(0.32)
    for unit, product in [("kWh", "t"), ("tce", "t"), ("kgce/t", "m3"), ("nonsense", "t")]:
        with pytest.raises(calc.RegistryError):
            calc.check_quota_unit(unit, product)
    # GB/T 2589: 1 kWh is 0.1229 kgce; a measured calorific value overrides the table.
    assert calc.tce_per_unit("electricity", "kWh") == pytest.approx(0.0001229)
    assert calc.tce_per_unit("raw_coal", "t", measured_ncv=29_307_600) == pytest.approx(1.0)


def test_services_refuse_and_check_rights(actors: Any) -> None:
    admin = actors.admin
    drc = Organization.objects.get(code="qh-drc")
    with pytest.raises(ValidationError) as error:
        services.register_energy_unit(
            actor=admin,
            organization=actors.enterprise,
            designation="national",
            annual_consumption_tce=6_000,
            supervisor=drc,
        )
    assert "annual_consumption_tce" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.register_energy_unit(
            actor=actors.enterprise_user,
            organization=actors.enterprise,
            designation="provincial",
            annual_consumption_tce=6_000,
            supervisor=drc,
        )
    with pytest.raises(PermissionDenied):  # another prefecture's enterprise
        services.register_pollution_source(
            actor=actors.haixi_reporter,
            organization=actors.enterprise,
            category="key",
            supervisor=Organization.objects.get(code="qh-eco"),
        )
    unit, _ = energy_unit(admin, actors.enterprise, "MNREG0001")
    with pytest.raises(ValidationError) as error:
        services.add_product_quota(
            actor=actors.enterprise_user,
            unit=unit,
            product="Polysilicon",
            limit_value=9.0,
            limit_unit="kWh",
            product_unit="kg",
        )
    assert "limit_unit" in error.value.message_dict
    quota = services.add_product_quota(
        actor=actors.enterprise_user,
        unit=unit,
        product="Polysilicon",
        limit_value=9.0,
        limit_unit="kgce/kg",
        product_unit="kg",
        standard="GB 29447",
    )
    assert quota.pk
    device = pollution_source(admin, actors.haixi_enterprise, "MNREG0002")
    assert device.outlet is not None
    with pytest.raises(ValidationError) as error:
        services.add_limit(
            actor=admin,
            outlet=device.outlet,
            pollutant="a21002",
            name="NOx",
            concentration_limit=50,
            unit="mg/L",
        )
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.register_device(
            actor=admin,
            mn="MNREG0003",
            password="123456",
            outlet=device.outlet,
            point=unit.points.first(),
        )
    with pytest.raises(ValidationError):  # the same MN twice
        services.register_device(actor=admin, mn="MNREG0002", password="1", outlet=device.outlet)
    with pytest.raises(ValidationError):
        services.add_permit(
            actor=admin,
            source=device.outlet.permit.source,
            number=f"{actors.haixi_enterprise.uscc}002P",
            valid_from=dt.date(2026, 1, 1),
            valid_to=dt.date(2025, 1, 1),
        )
    assert Device.objects.filter(mn__startswith="MNREG").count() == 2
