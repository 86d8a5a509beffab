"""Field types shared by the domains' API schemas."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator

_EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
_LATEST = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)


def to_utc(value: dt.datetime) -> dt.datetime:
    """An aware datetime in UTC (naive ones are read in the server's time zone).

    PostgreSQL takes offsets only up to ±15:59 and years 4713 BC to 294276 AD; Python takes
    ±23:59 and years 1 to 9999. Normalising to UTC, within years the platform can mean,
    keeps every database answering instead of failing on a legal but odd value.
    """
    if value.tzinfo is None:
        from django.utils import timezone

        value = timezone.make_aware(value)
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("date and time out of range") from None
    if not _EARLIEST <= utc < _LATEST:
        raise ValueError("date and time must fall between the years 1900 and 9000")
    return utc


UtcDatetime = Annotated[dt.datetime, AfterValidator(to_utc)]
