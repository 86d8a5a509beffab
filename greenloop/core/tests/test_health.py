"""/api/health answers without login and reports the database."""

from __future__ import annotations

from django.db import DatabaseError


def test_health_reports_ok(client, db):
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] in {"sqlite", "postgresql"}


class _BrokenConnection:
    vendor = "postgresql"

    def cursor(self):
        raise DatabaseError("connection refused")


def test_health_reports_a_broken_database(client, db, monkeypatch):
    monkeypatch.setattr("greenloop.core.api.connection", _BrokenConnection())
    response = client.get("/api/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
