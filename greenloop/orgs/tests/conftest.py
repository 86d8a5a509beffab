"""Helpers for the organization tests: fresh valid credit codes and a CJK check."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest

from greenloop.conftest import make_uscc

_serial = itertools.count(1)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def new_uscc() -> Callable[[], str]:
    """Each call gives another valid enterprise credit code (registered in Xining)."""
    return lambda: make_uscc(f"91630100T{next(_serial):08d}")


def has_chinese(text: str) -> bool:
    return CJK.search(text) is not None
