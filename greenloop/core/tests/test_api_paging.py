"""Listing endpoints page with bounded limit and offset."""

from __future__ import annotations

import pytest

from greenloop.core.pagination import MAX_LIMIT, MAX_OFFSET


@pytest.mark.parametrize("path", ["/api/orgs", "/api/users", "/api/audit"])
def test_out_of_range_windows_are_refused(path, actors, client_for):
    client = client_for(actors.admin)
    assert client.get(path, {"limit": MAX_LIMIT + 1}).status_code == 422
    assert client.get(path, {"offset": MAX_OFFSET + 1}).status_code == 422
    assert client.get(path, {"limit": 0}).status_code == 422
    page = client.get(path, {"limit": 2, "offset": 0})
    assert page.status_code == 200
    body = page.json()
    assert len(body["items"]) <= 2 and body["count"] >= len(body["items"])
