"""/api/health: for the reverse proxy and monitoring; public, says nothing sensitive."""

import datetime as dt
import uuid
from typing import Any

from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status

from greenloop import __version__
from greenloop.core import jobs
from greenloop.core.models import Job

router = Router(tags=["platform"])
jobs_router = Router(tags=["platform"])


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


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    label: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    error: str
    result: Any = None
    download_url: str | None = None
    created_at: dt.datetime
    finished_at: dt.datetime | None = None


@jobs_router.get("/{job_id}", response=JobOut, summary="A background job's progress and result")
def job(request: HttpRequest, job_id: uuid.UUID) -> dict[str, Any]:
    found = get_object_or_404(Job, pk=job_id)
    if not jobs.visible_to(found, request.user):
        raise Http404
    download = None
    if found.status == Job.Status.SUCCEEDED and found.result_file:
        download = reverse("core:job-download", args=[found.pk])
    return {
        "id": found.pk,
        "kind": found.kind,
        "label": found.label,
        "status": found.status,
        "done": found.done,
        "total": found.total,
        "percent": found.percent,
        "message": found.message,
        "error": found.error,
        "result": found.result,
        "download_url": download,
        "created_at": found.created_at,
        "finished_at": found.finished_at,
    }
