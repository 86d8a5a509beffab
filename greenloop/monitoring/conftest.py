"""Monitoring fixtures: a statistics-bureau reporter and reviewer, and submission helpers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from greenloop.accounts.models import Role, User
from greenloop.conftest import _user
from greenloop.orgs.models import Organization


@pytest.fixture
def stats_users(db: Any) -> tuple[User, User]:
    """A reporter and a reviewer of the provincial statistics bureau (qh-stats)."""
    org = Organization.objects.get(code="qh-stats")
    return (
        _user("t-stats", Role.DEPT_REPORTER, org),
        _user("t-stats-review", Role.DEPT_REVIEWER, org),
    )


def fill_template(content: bytes, edits: dict[str, Any]) -> bytes:
    """The template with cells set (``{"D4": 12.5}``) on the data sheet."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["data"]
    for cell, value in edits.items():
        sheet[cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
