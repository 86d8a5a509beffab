"""Background jobs: run, report progress, keep their result or their error, and show them only
to their owner (and to those who read everything)."""

import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from greenloop.core import jobs
from greenloop.core.models import Job

jobs.register("test.count", "greenloop.core.tests.sample_jobs.count_to")
jobs.register("test.fail", "greenloop.core.tests.sample_jobs.fail")

pytestmark = pytest.mark.django_db


@override_settings(GREENLOOP_JOB_RUNNER="inline")
def test_a_job_reports_progress_and_keeps_its_result_file(actors, client_for):
    job = jobs.submit("test.count", {"n": 5}, owner=actors.iit_reporter, label="Count")
    assert job.status == Job.Status.SUCCEEDED
    assert (job.done, job.total, job.percent) == (5, 5, 100)
    assert job.result == {"counted": 5}
    assert job.result_file.read().decode().splitlines() == ["1", "2", "3", "4", "5"]

    client = client_for(actors.iit_reporter)
    body = client.get(f"/api/jobs/{job.pk}").json()
    assert body["status"] == "succeeded" and body["download_url"].endswith("/download/")
    download = client.get(body["download_url"])
    assert b"".join(download.streaming_content).startswith(b"1\n2")
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200 and b'data-status="succeeded"' in page.content


@override_settings(GREENLOOP_JOB_RUNNER="inline")
def test_a_failing_job_records_why_and_offers_no_download(actors, client_for):
    job = jobs.submit(
        "test.fail", {"reason": "sheet 1, row 3: unknown region 639999"}, owner=actors.admin
    )
    assert job.status == Job.Status.FAILED
    assert job.error == "sheet 1, row 3: unknown region 639999"
    client = client_for(actors.admin)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert "unknown region 639999" in client.get(f"/jobs/{job.pk}/status/").content.decode()


@override_settings(GREENLOOP_JOB_RUNNER="inline")
def test_another_users_job_is_not_found_but_the_coordinator_sees_it(actors, client_for):
    job = jobs.submit("test.count", {"n": 1}, owner=actors.iit_reporter)
    assert client_for(actors.eco_reporter).get(f"/api/jobs/{job.pk}").status_code == 404
    assert client_for(actors.eco_reporter).get(f"/jobs/{job.pk}/").status_code == 404
    assert client_for(actors.coordinator).get(f"/api/jobs/{job.pk}").status_code == 200
    assert client_for(None).get(f"/api/jobs/{job.pk}").status_code == 401


def test_an_unknown_kind_is_refused_before_anything_is_stored(actors):
    with pytest.raises(jobs.UnknownJobKind, match=r"no\.such"):
        jobs.submit("no.such", {}, owner=actors.admin)
    assert not Job.objects.exists()


@override_settings(GREENLOOP_JOB_RUNNER="worker")
def test_queued_jobs_wait_for_a_worker_which_runs_each_once(actors):
    first = jobs.submit("test.count", {"n": 2}, owner=actors.admin)
    second = jobs.submit("test.count", {"n": 3}, owner=actors.admin)
    assert Job.objects.get(pk=first.pk).status == Job.Status.QUEUED
    call_command("worker", "--once", stdout=None)
    assert {job.status for job in Job.objects.filter(pk__in=[first.pk, second.pk])} == {"succeeded"}
    jobs.run(first.pk)  # a job already run is not run again
    assert Job.objects.get(pk=first.pk).result == {"counted": 2}


@pytest.mark.django_db(transaction=True)
@override_settings(GREENLOOP_JOB_RUNNER="thread")
def test_the_default_runner_finishes_the_job_in_a_background_thread():
    job = jobs.submit("test.count", {"n": 3})
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.05)
    assert job.status == Job.Status.SUCCEEDED and job.result == {"counted": 3}
