"""Background jobs without a broker.

A domain declares the kinds of job it offers on its AppConfig::

    job_kinds = {"policy.annual_report": "greenloop.policy.jobs.annual_report"}

A job function takes a :class:`JobContext` and the job's parameters (JSON values), reports
progress through ``context.progress(done, total, message)``, may store one result file with
``context.save_file(name, content)``, and returns a JSON-serialisable result.

``submit`` stores the job, then runs it as ``GREENLOOP_JOB_RUNNER`` says:

- ``thread`` (default): in a background thread of the web process once the submitting
  transaction commits: the embedded default needs no broker and no second process;
- ``worker``: leaves it queued for ``greenloop worker`` processes (production: several web
  workers share the queue in the database; PostgreSQL hands each job to one worker);
- ``inline``: runs it at once in the caller (tests, the command line).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from greenloop.core.models import Job

logger = logging.getLogger(__name__)

_EXTRA_KINDS: dict[str, str] = {}
PROGRESS_INTERVAL = 0.5  # seconds between progress writes


class UnknownJobKind(ValueError):
    pass


def register(kind: str, dotted: str) -> None:
    """Register a kind outside an AppConfig (tests, plug-ins)."""
    _EXTRA_KINDS[kind] = dotted


def kinds() -> dict[str, str]:
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "job_kinds", None) or {})
    found.update(_EXTRA_KINDS)
    return found


def _function(kind: str) -> Callable[..., Any]:
    try:
        dotted = kinds()[kind]
    except KeyError:
        raise UnknownJobKind(_("There is no job of kind %(kind)s.") % {"kind": kind}) from None
    module_name, _dot, attribute = dotted.rpartition(".")
    return getattr(import_module(module_name), attribute)  # type: ignore[no-any-return]


class JobContext:
    def __init__(self, job: Job) -> None:
        self.job = job
        self._last_write = 0.0

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        self.job.done = max(done, 0)
        if total is not None:
            self.job.total = max(total, 0)
        if message:
            self.job.message = message[:500]
        now = time.monotonic()
        if now - self._last_write >= PROGRESS_INTERVAL or (total and done >= total):
            self._last_write = now
            self.job.save(update_fields=["done", "total", "message"])

    def save_file(self, name: str, content: bytes) -> None:
        self.job.result_name = name
        self.job.result_file.save(name, ContentFile(content), save=False)
        self.job.save(update_fields=["result_file", "result_name"])


def submit(
    kind: str, params: dict[str, Any] | None = None, owner: Any = None, label: str = ""
) -> Job:
    _function(kind)  # an unknown kind is refused before anything is stored
    job = Job.objects.create(kind=kind, params=params or {}, owner=owner, label=label[:200])
    runner = getattr(settings, "GREENLOOP_JOB_RUNNER", "thread")
    if runner == "inline":
        run(job.pk)
        job.refresh_from_db()
    elif runner == "thread":
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _start_thread(job_id: Any) -> None:
    def target() -> None:
        try:
            run(job_id)
        finally:
            close_old_connections()
            connection.close()

    threading.Thread(target=target, name=f"greenloop-job-{job_id}", daemon=True).start()


def _claim(job_id: Any) -> bool:
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    return claimed == 1


def run(job_id: Any) -> None:
    """Run one queued job to its end; a job another runner claimed first is left alone."""
    if not _claim(job_id):
        return
    job = Job.objects.get(pk=job_id)
    context = JobContext(job)
    try:
        result = _function(job.kind)(context, **job.params)
    except Exception as error:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.status = Job.Status.FAILED
        job.error = str(error) or error.__class__.__name__
    else:
        job.status = Job.Status.SUCCEEDED
        job.result = result
        job.done = max(job.done, job.total)
    job.finished_at = timezone.now()
    job.save()


def run_next() -> bool:
    """Claim and run the oldest queued job; False when the queue is empty."""
    with transaction.atomic():
        queued = Job.objects.filter(status=Job.Status.QUEUED).order_by("created_at")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        job = queued.first()
        if job is None:
            return False
        job_id = job.pk
    run(job_id)
    return True


def visible_to(job: Job, user: Any) -> bool:
    from greenloop.accounts.permissions import reads_everything

    if not getattr(user, "is_authenticated", False):
        return False
    return job.owner_id == user.pk or reads_everything(user)
