from __future__ import annotations

from pathlib import Path

import pytest

SEED = (
    Path(__file__).resolve().parent
    / "data"
    / "qinghai-green-low-carbon-circular-economy-opinions.txt"
)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
