"""Data-integrity checks run by ``greenloop check`` beside Django's system checks.

Each domain offers ``<domain>/integrity.py`` with a function ``check() -> list[str]``
returning one located message per problem found.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

CHECKS: list[tuple[str, str]] = [
    ("regions", "greenloop.geo.integrity.check"),
    ("organizations", "greenloop.orgs.integrity.check"),
    ("accounts", "greenloop.accounts.integrity.check"),
    ("markets", "greenloop.markets.integrity.check"),
]


def run_checks() -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for label, dotted in CHECKS:
        module_name, _, attr = dotted.rpartition(".")
        check: Callable[[], list[str]] = getattr(import_module(module_name), attr)
        problems[label] = check()
    return problems
