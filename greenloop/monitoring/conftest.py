"""Monitoring fixtures: a statistics-bureau reporter and reviewer, and submission helpers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
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


# The monitoring tests read messages in English; one test checks the Chinese default.
@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def client_for(client_for: Any) -> Any:
    def make(user: User | None) -> Client:
        made = client_for(user)
        made.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return made

    return make


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield
