"""Shared test setup: the default data loaded once, and the standard actors.

``actors`` gives one user per job the platform serves, each acting for its organization:
admin, coordinator (DRC), two department reporters and a reviewer, a prefecture reporter
(Xining) and one of another prefecture (Haixi), an enterprise user, a bank user, an auditor.
Permission tests then read as one line each: ``client_for(actors.iit_reporter).get(...)``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from greenloop.accounts.models import Role, User
from greenloop.orgs.calc import uscc_check_char
from greenloop.orgs.models import Organization, OrgKind

PASSWORD = "Green-loop-2025!"


def make_uscc(body: str) -> str:
    """A valid credit code from 17 characters (the check character is computed)."""
    return body + uscc_check_char(body)


@functools.cache
def _password_hash() -> str:
    # Hashing is deliberately slow (PBKDF2); hash the shared test password once per run.
    return make_password(PASSWORD)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from greenloop.core.loading import load_default_data

    with django_db_blocker.unblock():
        load_default_data()


@dataclass
class Actors:
    admin: User
    coordinator: User
    iit_reporter: User
    iit_reviewer: User
    eco_reporter: User
    xining_reporter: User
    haixi_reporter: User
    enterprise_user: User
    bank_user: User
    auditor: User
    enterprise: Organization
    haixi_enterprise: Organization
    bank: Organization


def _user(username: str, role: str, org: Organization | None) -> User:
    user = User(
        username=username,
        role=role,
        organization=org,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.password = _password_hash()
    user.save()
    return user


@pytest.fixture
def actors(db: Any) -> Actors:
    from greenloop.geo.models import Region

    org = Organization.objects.get
    xining = Region.objects.get(code="630100")
    haixi = Region.objects.get(code="632800")
    enterprise = Organization.objects.create(
        code="test-ent-xining",
        name_zh="西宁测试光伏有限公司",
        name_en="Xining Test Solar Co., Ltd.",
        kind=OrgKind.ENTERPRISE,
        region=xining,
        uscc=make_uscc("91630100MA7X0000"[:17].ljust(17, "1")),
        industry_code="D4416",
    )
    haixi_enterprise = Organization.objects.create(
        code="test-ent-haixi",
        name_zh="海西测试盐湖化工有限公司",
        name_en="Haixi Test Salt Lake Chemicals Co., Ltd.",
        kind=OrgKind.ENTERPRISE,
        region=haixi,
        uscc=make_uscc("916328000000000A1"),
        industry_code="C2619",
    )
    bank = Organization.objects.create(
        code="test-bank",
        name_zh="青海测试银行股份有限公司",
        name_en="Qinghai Test Bank Co., Ltd.",
        kind=OrgKind.FINANCIAL,
        region=Region.objects.get(code="630000"),
        uscc=make_uscc("91630000000000001"),
        industry_code="J6621",
    )
    return Actors(
        admin=_user("t-admin", Role.ADMIN, None),
        coordinator=_user("t-drc", Role.COORDINATOR, org(code="qh-drc")),
        iit_reporter=_user("t-iit", Role.DEPT_REPORTER, org(code="qh-iit")),
        iit_reviewer=_user("t-iit-review", Role.DEPT_REVIEWER, org(code="qh-iit")),
        eco_reporter=_user("t-eco", Role.DEPT_REPORTER, org(code="qh-eco")),
        xining_reporter=_user("t-xining", Role.PREFECTURE_REPORTER, org(code="gov-630100")),
        haixi_reporter=_user("t-haixi", Role.PREFECTURE_REPORTER, org(code="gov-632800")),
        enterprise_user=_user("t-ent", Role.ENTERPRISE, enterprise),
        bank_user=_user("t-bank", Role.ENTERPRISE, bank),
        auditor=_user("t-audit", Role.AUDITOR, None),
        enterprise=enterprise,
        haixi_enterprise=haixi_enterprise,
        bank=bank,
    )


@pytest.fixture
def client_for(db: Any) -> Any:
    """``client_for(user)``: a test client logged in as ``user`` (None: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
