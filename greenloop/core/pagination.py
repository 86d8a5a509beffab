"""API paging with bounds: no request can ask the database for an absurd window."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description="page size")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="rows to skip")
