"""Background jobs of the policy domain (``greenloop.core.jobs``)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from greenloop.core.jobs import JobContext
from greenloop.orgs.models import Organization
from greenloop.policy.annual import annual_report as build_annual_report
from greenloop.reports import render_docx, render_pdf


def annual_report(
    context: JobContext, year: int, fmt: str, org: str = "", language: str = "zh-hans"
) -> dict[str, Any]:
    """Render the year-end report (provincial summary, or one department's) as DOCX or PDF."""
    if fmt not in {"docx", "pdf"}:
        raise ValueError(f"unknown format {fmt}")
    department = Organization.objects.get(code=org) if org else None
    with translation.override(language):
        context.progress(0, 2, "build")
        document = build_annual_report(int(year), department)
        context.progress(1, 2, "render")
        data = render_docx(document) if fmt == "docx" else render_pdf(document)
    name = f"annual-{year}{'-' + org if org else ''}.{fmt}"
    context.save_file(name, data)
    context.progress(2, 2, name)
    return {"file": name, "bytes": len(data), "demonstration": document.demonstration}
