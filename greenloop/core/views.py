"""Pages of a background job: its progress (polled by htmx) and its result file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from greenloop.core import jobs
from greenloop.core.models import Job


def _job_for(request: HttpRequest, job_id: Any) -> Job:
    job = get_object_or_404(Job, pk=job_id)
    if not jobs.visible_to(job, request.user):
        raise Http404  # another user's job is not even acknowledged
    return job


@login_required
def job_detail(request: HttpRequest, job_id: Any) -> HttpResponse:
    return render(request, "core/job.html", {"job": _job_for(request, job_id)})


@login_required
def job_status(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The progress fragment; htmx polls it until the job has finished."""
    return render(request, "core/_job_status.html", {"job": _job_for(request, job_id)})


@login_required
def job_download(request: HttpRequest, job_id: Any) -> FileResponse:
    job = _job_for(request, job_id)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        raise Http404
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
