"""/api/health: for the reverse proxy and monitoring; public, says nothing sensitive."""

from django.db import DatabaseError, connection
from django.http import HttpRequest
from ninja import Router, Schema, Status

from greenloop import __version__

router = Router(tags=["platform"])


class HealthOut(Schema):
    status: str
    database: str
    version: str


@router.get("", auth=None, response={200: HealthOut, 503: HealthOut}, summary="Health check")
def health(request: HttpRequest) -> Status:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return Status(503, {"status": "error", "database": "unavailable", "version": __version__})
    return Status(200, {"status": "ok", "database": connection.vendor, "version": __version__})
