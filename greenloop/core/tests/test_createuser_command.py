"""`greenloop createuser`: a user for an organization, with clear errors on bad input."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from greenloop.accounts.models import AuditEntry, User


def test_creates_a_user_with_a_one_time_password(db):
    out = io.StringIO()
    call_command(
        "createuser",
        "xining-data",
        "--role",
        "prefecture_reporter",
        "--org",
        "gov-630100",
        stdout=out,
    )
    user = User.objects.get(username="xining-data")
    assert user.organization is not None and user.organization.code == "gov-630100"
    assert user.must_change_password
    password = out.getvalue().split("一次性密码：")[1].split()[0]
    assert user.check_password(password)
    assert AuditEntry.objects.filter(object_id=str(user.pk), action="create").exists()


def test_password_from_standard_input(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Salt-lake-Chaerhan-2025\n"))
    call_command(
        "createuser",
        "haixi-data",
        "--role",
        "prefecture_reporter",
        "--org",
        "gov-632800",
        "--password-stdin",
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="haixi-data")
    assert user.check_password("Salt-lake-Chaerhan-2025") and not user.must_change_password


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["dup", "--role", "dept_reporter", "--org", "nope"], "organization"),
        (["t2", "--role", "dept_reporter"], "organization"),
        (["t3", "--role", "enterprise", "--org", "qh-iit"], "organization"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(db, argv, field):
    before = User.objects.count()
    with pytest.raises(CommandError, match=field):
        call_command("createuser", *argv, stdout=io.StringIO())
    assert User.objects.count() == before


def test_a_duplicate_user_is_refused(db):
    call_command(
        "createuser", "eco-1", "--role", "dept_reporter", "--org", "qh-eco", stdout=io.StringIO()
    )
    with pytest.raises(CommandError, match=r"username.*已存在"):
        call_command(
            "createuser",
            "ECO-1",
            "--role",
            "dept_reporter",
            "--org",
            "qh-eco",
            stdout=io.StringIO(),
        )
    assert User.objects.filter(username__iexact="eco-1").count() == 1
