"""greenloop check: organizations' identifiers, prefecture governments and the coordinator."""

from __future__ import annotations

from typing import Any

from greenloop.geo.models import Region
from greenloop.orgs.integrity import check
from greenloop.orgs.models import Organization, OrgKind


def test_the_default_data_and_the_test_actors_pass(actors: Any) -> None:
    assert check() == []


def test_stored_bad_identifiers_are_reported_by_organization(actors: Any) -> None:
    # Written past the services on purpose, as a bad import or a manual edit would.
    uscc = actors.enterprise.uscc
    wrong_check = "0" if uscc[17] != "0" else "1"
    Organization.objects.filter(pk=actors.enterprise.pk).update(uscc=uscc[:17] + wrong_check)
    Organization.objects.filter(pk=actors.bank.pk).update(industry_code="J25")
    problems = check()
    assert len(problems) == 2
    assert any(actors.enterprise.code in p and "credit code" in p for p in problems)
    assert any(actors.bank.code in p and "J25" in p for p in problems)


def test_each_prefecture_needs_exactly_one_government(db: Any) -> None:
    Organization.objects.create(
        code="gov-632800-second",
        name_zh="海西州第二政府",
        kind=OrgKind.GOVERNMENT,
        region=Region.objects.get(code="632800"),
    )
    Organization.objects.filter(code="gov-632700").update(is_active=False, kind=OrgKind.DEPARTMENT)
    problems = check()
    assert len(problems) == 2
    assert any("632800" in p and "found 2" in p for p in problems)
    assert any("632700" in p and "found 0" in p for p in problems)


def test_the_coordinator_must_exist(db: Any) -> None:
    Organization.objects.filter(code="qh-drc").update(code="qh-drc-old")
    problems = check()
    assert problems == [p for p in problems if "qh-drc" in p]
    assert len(problems) == 1
