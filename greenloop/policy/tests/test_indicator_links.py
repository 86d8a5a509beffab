"""Task and report pages link the task's indicators to the monitoring catalogue (HTTP)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import translation

from greenloop.monitoring import selectors as monitoring
from greenloop.policy.models import ProgressReport

DATA = Path(__file__).resolve().parents[2] / "data"
GREEN = "qh-glc-opinions-m04-t08"  # green_factories_new (catalogue) and green_parks (not yet)
CAPACITY = "qh-glc-opinions-m04-t05"  # clean_capacity, published for the province


def _catalogue() -> set[str]:
    with (DATA / "monitoring" / "indicators.csv").open(encoding="utf-8") as f:
        return {row["code"] for row in csv.DictReader(f)}


def test_readme_lists_of_codes_match_the_catalogue() -> None:
    readme = (DATA / "policy" / "README.md").read_text(encoding="utf-8")
    listed_in = readme.split("**In the catalogue**")[1].split("**Not yet in the catalogue**")[0]
    listed_out = readme.split("**Not yet in the catalogue**")[1].split("A test")[0]
    words = re.compile(r"\b[a-z][a-z0-9_]+\b")
    inside = set(words.findall(listed_in)) - {"the", "in", "catalogue"}
    outside = set(words.findall(listed_out)) - {
        "this",
        "file",
        "s",
        "own",
        "names",
        "the",
        "pages",
        "say",
        "so",
    }
    with (DATA / "policy" / "tasks.csv").open(encoding="utf-8") as f:
        used = {code for row in csv.DictReader(f) for code in row["indicators"].split()}
    catalogue = _catalogue()
    assert inside == used & catalogue
    assert outside == used - catalogue


def test_task_page_names_links_and_flags_indicators(client_for: Any, actors: Any) -> None:
    client = client_for(actors.coordinator)
    page = client.get(reverse("policy:task", args=[GREEN]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{reverse("monitoring:indicator", args=["green_factories_new"])}"' in html
    assert "新创建省级以上绿色工厂数" in html and "(家)" in html
    unknown = html.split('data-indicator="green_parks"')[1].split("</span>")[0]
    assert "monitoring:indicator" not in unknown and "/monitoring/" not in unknown
    with translation.override("zh-hans"):
        from django.utils.translation import gettext

        assert gettext("not yet in the monitoring catalogue") in unknown


def test_task_page_uses_the_active_language(client_for: Any, actors: Any) -> None:
    client = client_for(actors.coordinator)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("policy:task", args=[GREEN]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "New provincial-or-higher green factories" in html
    assert "not yet in the monitoring catalogue" in html


def test_report_page_shows_the_published_province_value(client_for: Any, actors: Any) -> None:
    report = ProgressReport.objects.filter(task__code=CAPACITY).order_by("year").first()
    assert report is not None, "the demonstration reports cover every task"
    published = monitoring.indicator_refs(["clean_capacity"], report.year)["clean_capacity"]
    client = client_for(actors.coordinator)
    html = client.get(reverse("policy:report", args=[report.pk])).content.decode()
    reference = html.split(
        'class="field__hint indicator-reference" data-indicator="clean_capacity"'
    )
    assert len(reference) == 2
    snippet = reference[1].split("</p>")[0]
    assert reverse("monitoring:indicator", args=["clean_capacity"]) in snippet
    assert str(report.year) in snippet
    if published.value is None:
        assert 'class="reference-value"' not in snippet
    else:
        assert f'<strong class="reference-value">{published.value}</strong>' in snippet


def test_report_reference_follows_the_reports_year(client_for: Any, actors: Any) -> None:
    reports = list(ProgressReport.objects.filter(task__code=CAPACITY).order_by("year"))
    values = {
        r.year: monitoring.indicator_refs(["clean_capacity"], r.year)["clean_capacity"].value
        for r in reports
    }
    shown = [r for r in reports if values[r.year] is not None]
    assert len({values[r.year] for r in shown}) >= 2, "published for several report years"
    client = client_for(actors.coordinator)
    for report in shown:
        html = client.get(reverse("policy:report", args=[report.pk])).content.decode()
        assert f'<strong class="reference-value">{values[report.year]}</strong>' in html
        others = {v for y, v in values.items() if v is not None and y != report.year}
        assert not any(f'"reference-value">{v}<' in html for v in others)


def test_report_form_flags_codes_not_in_the_catalogue(client_for: Any, actors: Any) -> None:
    iit = client_for(actors.iit_reporter)
    answer = iit.post(
        "/api/progress", {"task": GREEN, "year": 2026}, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    html = iit.get(reverse("policy:report", args=[answer.json()["id"]])).content.decode()
    assert 'name="figure_green_parks"' in html  # the input stays beside the reference
    hint = html.split('indicator-reference" data-indicator="green_parks"')[1].split("</p>")[0]
    assert "/monitoring/" not in hint
    green = html.split('indicator-reference" data-indicator="green_factories_new"')[1]
    assert reverse("monitoring:indicator", args=["green_factories_new"]) in green.split("</p>")[0]
