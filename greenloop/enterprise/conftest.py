"""Fixtures of the enterprise domain: one Spark session for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from greenloop.enterprise.engine.analytics import spark_session

    session = spark_session("local[1]", "greenloop-tests", shuffle_partitions=1)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
