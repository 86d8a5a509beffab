"""The overview and enterprise pages, with the foundation's permissions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from greenloop.enterprise import services
from greenloop.enterprise.models import EnergyDaily
from greenloop.enterprise.tests.factories import energy_unit, pollution_source


def test_pages_show_only_what_the_user_may_see(actors: Any, client_for: Any) -> None:
    pollution_source(actors.admin, actors.enterprise, "MNPAGE0001")
    unit, _ = energy_unit(actors.admin, actors.enterprise, "MNPAGE0002")
    services.set_energy_target(actor=actors.admin, unit=unit, year=2026, consumption_cap_tce=12_000)
    EnergyDaily.objects.create(unit=unit, day=dt.date(2026, 3, 1), tce=41.5)
    pollution_source(actors.admin, actors.haixi_enterprise, "MNPAGE0003")
    quota = services.add_product_quota(
        actor=actors.enterprise_user,
        unit=unit,
        product="Cement clinker",
        limit_value=110,
        limit_unit="kgce/t",
        product_unit="t",
        standard="GB 16780",
    )
    # 41.5 tce for 500 t of clinker in March: 83 kgce/t, within the 110 kgce/t quota.
    services.record_output(
        actor=actors.enterprise_user, quota=quota, year=2026, month=3, quantity=500
    )

    own = client_for(actors.enterprise_user)
    page = own.get("/enterprises/")
    assert page.status_code == 200
    assert actors.enterprise.name_zh in page.content.decode()
    assert actors.haixi_enterprise.name_zh not in page.content.decode()
    detail = own.get(f"/enterprises/{actors.enterprise.code}/?year=2026")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "41.50" in text and "1000" in text  # March consumption; 12 000 / 12 a month
    assert "DA001" in text
    assert "83.000 kgce/t" in text and "Cement clinker" in text
    assert own.get(f"/enterprises/{actors.haixi_enterprise.code}/").status_code == 404
    assert (
        client_for(actors.haixi_reporter).get(f"/enterprises/{actors.enterprise.code}/").status_code
        == 404
    )
    assert (
        client_for(actors.eco_reporter)
        .get(f"/enterprises/{actors.haixi_enterprise.code}/")
        .status_code
        == 200
    )
    assert client_for(None).get("/enterprises/").status_code == 302


def test_a_malformed_year_on_the_enterprise_page_is_ignored(actors: Any, client_for: Any) -> None:
    energy_unit(actors.admin, actors.enterprise, "MNPAGE0004")
    own = client_for(actors.enterprise_user)
    for year in ("abc", "-1", "99999999999999999999", "2026.5"):
        page = own.get(f"/enterprises/{actors.enterprise.code}/", {"year": year})
        assert page.status_code == 200, year
