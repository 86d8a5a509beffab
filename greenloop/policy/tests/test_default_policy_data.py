"""The default load: the Qinghai document as parts, measures, tasks with a proposed division."""

from __future__ import annotations

from typing import Any

from greenloop.core.loading import SilentProgress
from greenloop.orgs.models import Organization
from greenloop.policy import loaders
from greenloop.policy.models import Measure, Part, PolicyDocument, ProgressReport, Task


def test_structure(db: Any) -> None:
    document = PolicyDocument.objects.get(code="qh-glc-opinions")
    assert document.status == "published"
    assert Part.objects.filter(document=document).count() == 9
    assert Measure.objects.filter(document=document).count() == 25
    tasks = Task.objects.filter(measure__document=document)
    assert tasks.count() >= 150
    assert not tasks.filter(lead_departments__isnull=True).exists()
    assert set(tasks.values_list("division_status", flat=True)) == {"proposed"}
    # every measure has at least one task, and sequence numbers run 1…N
    assert not Measure.objects.filter(document=document, tasks__isnull=True).exists()
    assert sorted(tasks.values_list("sequence", flat=True)) == list(range(1, tasks.count() + 1))


def test_second_load_changes_nothing(db: Any) -> None:
    result = loaders.load_policy(SilentProgress())
    assert (result.created, result.updated) == (0, 0)
    demo = loaders.load_demo_reports(SilentProgress())
    assert demo.created == 0


def test_load_keeps_a_confirmed_division(db: Any) -> None:
    task = Task.objects.get(code="qh-glc-opinions-m23-t04")
    task.division_status = "confirmed"
    task.save()
    task.lead_departments.set([Organization.objects.get(code="qh-finreg")])
    result = loaders.load_policy(SilentProgress())
    assert result.updated == 0
    assert [org.code for org in task.lead_departments.all()] == ["qh-finreg"]
    other = Task.objects.get(code="qh-glc-opinions-m23-t03")
    other.lead_departments.set([Organization.objects.get(code="qh-finreg")])
    result = loaders.load_policy(SilentProgress())
    assert result.updated == 1
    assert [org.code for org in other.lead_departments.all()] == ["qh-pboc"]


def test_demonstration_reports_are_flagged_and_only_for_earlier_years(db: Any) -> None:
    reports = ProgressReport.objects.all()
    assert reports.exists()
    assert set(reports.values_list("demonstration", flat=True)) == {True}
    assert set(reports.values_list("year", flat=True)) == set(loaders.DEMO_YEARS)
    assert all("演示数据" in text for text in reports.values_list("narrative", flat=True))
    assert not reports.exclude(key_figures={}).exists()  # no invented figures
    # earlier years are accepted; the latest year is mixed and some reports are missing
    assert set(reports.filter(year=2023).values_list("state", flat=True)) == {"accepted"}
    assert len(set(reports.filter(year=2025).values_list("state", flat=True))) > 1


def test_demonstration_is_visible_in_the_api(client_for: Any, actors: Any) -> None:
    items = client_for(actors.coordinator).get("/api/progress?year=2024&limit=5").json()["items"]
    assert items and all(item["demonstration"] for item in items)
    assert all("demonstration" in item["demonstration_note"] for item in items)


def test_load_brings_old_placeholder_codes_to_the_catalogue_codes(db: Any) -> None:
    """A database loaded before the codes were rewritten is updated in place, then stable."""
    task = Task.objects.get(code="qh-glc-opinions-m04-t08")
    assert task.indicator_codes == ["green_factories_new", "green_parks"]
    task.indicator_codes = ["green_factories", "green_parks"]
    task.division_status = "confirmed"  # a confirmed division does not freeze the indicators
    task.save()
    result = loaders.load_policy(SilentProgress())
    assert (result.created, result.updated) == (0, 1)
    task.refresh_from_db()
    assert task.indicator_codes == ["green_factories_new", "green_parks"]
    again = loaders.load_policy(SilentProgress())
    assert (again.created, again.updated) == (0, 0)
