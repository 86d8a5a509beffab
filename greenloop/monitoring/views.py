"""Pages: indicator explorer, target scoreboard, green development index, review inbox."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greenloop.accounts import permissions
from greenloop.monitoring import labels, selectors, services, workbook
from greenloop.monitoring.models import Catalogue, Indicator, Upload
from greenloop.monitoring.validation import Location, Problem


def _years() -> list[int]:
    last = timezone.now().year - 1
    return list(range(last - 5, last + 1))


def template_for(user: Any) -> tuple[bytes, list[workbook.Column]]:
    indicators = services.submittable_indicators(user)
    regions = services.submittable_regions(user)
    if not indicators or not regions:
        raise PermissionDenied(_("You have no indicators to report."))
    columns = [
        workbook.Column(item.code, item.name, item.unit, item.categorical) for item in indicators
    ]
    labels = {
        "region": _("Region code"),
        "region_name": _("Region"),
        "year": _("Year"),
        "comment": _("Comment (required for jumps)"),
    }
    org = getattr(user, "organization", None)
    title = org.name if org else user.username
    content = workbook.build_template(
        title, columns, [(r.code, r.name) for r in regions], _years(), labels
    )
    return content, columns


def template_response(request: HttpRequest) -> HttpResponse:
    content, _columns = template_for(request.user)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    org = getattr(request.user, "organization", None)
    name = f"monitoring-template-{org.code if org else 'all'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def accept_file(user: Any, name: str, content: bytes) -> Upload:
    """Read an uploaded xlsx template or long CSV and submit it whole; refuse it whole."""
    if permissions.role_of(user) is None:
        raise PermissionDenied(_("Sign in to upload."))
    lower = name.lower()
    try:
        if lower.endswith(".csv"):
            rows = workbook.read_csv(content, name)
            return services.submit(actor=user, rows=rows, channel="csv", file_name=name)
        indicators = services.submittable_indicators(user)
        columns = [
            workbook.Column(item.code, item.name, item.unit, item.categorical)
            for item in indicators
        ]
        rows = workbook.read_xlsx(content, columns)
    except workbook.UnreadableFile as error:
        raise services.SubmissionRefused(workbook.problems_of(error)) from error
    periods = {str(year) for year in _years()}
    return services.submit(actor=user, rows=rows, channel="xlsx", file_name=name, periods=periods)


def indicator_list(request: HttpRequest) -> HttpResponse:
    catalogue = request.GET.get("catalogue") or Catalogue.PROVINCE
    if catalogue not in Catalogue.values:
        catalogue = Catalogue.PROVINCE
    items = list(selectors.indicators(catalogue))
    counts: dict[str, int] = {}
    for code in (
        selectors.current()
        .filter(indicator__catalogue=catalogue)
        .values_list("indicator__code", flat=True)
    ):
        counts[code] = counts.get(code, 0) + 1
    rows = [(item, counts.get(item.code, 0)) for item in items]
    return render(
        request,
        "monitoring/indicator_list.html",
        {"rows": rows, "catalogue": catalogue, "catalogues": Catalogue.choices},
    )


def _region_name(code: str) -> str:
    from greenloop.geo.models import Region

    found = Region.objects.filter(code=code).first()
    return found.name if found else code


def _end_of_day(text: str) -> dt.datetime | None:
    try:
        day = parse_date(text) if text else None
    except ValueError:
        return None
    return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC) if day else None


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("department"), code=code)
    region = request.GET.get("region") or selectors.PROVINCE
    as_of = _end_of_day(request.GET.get("as_of", ""))
    current = list(selectors.observations(indicator=code, region=region, as_of=as_of))
    history = list(selectors.observations(indicator=code, region=region, history=True))
    latest = selectors.observations(indicator=code).exclude(region__code=selectors.PROVINCE)
    by_prefecture: dict[str, Any] = {}
    for item in latest:
        if item.region is None:
            continue
        previous = by_prefecture.get(item.region.code)
        if previous is None or item.year > previous.year:
            by_prefecture[item.region.code] = item
    chart = {
        "name": indicator.name,
        "unit": indicator.unit,
        "periods": [item.period for item in current if item.value is not None],
        "values": [item.value for item in current if item.value is not None],
    }
    map_data = [
        {"code": code_, "value": item.value, "year": item.year}
        for code_, item in sorted(by_prefecture.items())
        if item.value is not None
    ]
    targets = indicator.targets.select_related("region")
    return render(
        request,
        "monitoring/indicator_detail.html",
        {
            "indicator": indicator,
            "region": region,
            "region_name": _region_name(region),
            "current": current,
            "history": history,
            "prefectures": sorted(by_prefecture.values(), key=lambda item: item.region.code),
            "chart_json": json.dumps(chart, ensure_ascii=False),
            "map_json": json.dumps(map_data),
            "targets": targets,
            "geojson_url": reverse("api:region-children-geojson", args=[selectors.PROVINCE]),
            "any_demo": any(item.demonstration for item in history),
            "as_of": request.GET.get("as_of", "") if as_of else "",
        },
    )


def scoreboard(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or selectors.latest_year())
    except ValueError:
        year = selectors.latest_year()
    year = max(1990, min(year, 2100))
    region = request.GET.get("region") or None
    items = selectors.evaluations(year, region)
    rows = [
        (
            item.target,
            item.evaluation,
            labels.status(item.evaluation.status),
            labels.reason(item.evaluation.reason),
        )
        for item in items
    ]
    regions = [region_ for region_ in selectors.compared_regions("prefecture")]
    return render(
        request,
        "monitoring/scoreboard.html",
        {"rows": rows, "year": year, "region": region or "", "regions": regions},
    )


def gdi(request: HttpRequest) -> HttpResponse:
    level = "province" if request.GET.get("level") == "province" else "prefecture"
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
    except ValueError:
        year = None
    from greenloop.monitoring.api import index_body

    body = index_body(year, level)
    categories = list(body["category_weights"])
    radar = {
        "categories": [str(labels.CATEGORIES.get(c, c)) for c in categories],
        "series": [
            {"name": item["name"], "values": [item["sub_indices"].get(c) for c in categories]}
            for item in body["computed"]
        ],
    }
    indicators = {item.code: item for item in selectors.gdi_indicators()}
    covered = set(body["indicators_with_data"])
    contributions = [
        (
            item["name"],
            indicators[code].name if code in indicators else code,
            item["scores"].get(code),
            points,
        )
        for item in body["computed"]
        for code, points in item["contributions"].items()
        if code in covered
    ]
    return render(
        request,
        "monitoring/gdi.html",
        {
            "body": body,
            "radar_json": json.dumps(radar, ensure_ascii=False),
            "indicators": indicators,
            "contributions": contributions,
            "reference_years": selectors.reference_years(),
            "level": level,
            "category_names": [labels.CATEGORIES.get(c, c) for c in categories],
        },
    )


def scoreboard_report(request: HttpRequest, fmt: str) -> HttpResponse:
    from greenloop.monitoring import report
    from greenloop.reports import render_docx, render_pdf

    if fmt not in {"docx", "pdf"}:
        raise Http404
    try:
        year = int(request.GET.get("year") or selectors.latest_year())
    except ValueError:
        year = selectors.latest_year()
    year = max(1990, min(year, 2100))
    document = report.build(year, request.GET.get("region") or None)
    if fmt == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(
            render_docx(document),
            content_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        )
    response["Content-Disposition"] = f'attachment; filename="monitoring-{year}.{fmt}"'
    return response


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "monitoring/inbox.html",
        {
            "pending": list(selectors.inbox(request.user)),
            "mine": list(selectors.visible_uploads(request.user)[:50]),
            "can_submit": bool(services.submittable_indicators(request.user)),
        },
    )


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    return template_response(request)


@login_required
@require_POST
def upload_file(request: HttpRequest) -> HttpResponse:
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect("monitoring:inbox")
    try:
        upload = accept_file(request.user, uploaded.name or "upload", uploaded.read())
    except services.SubmissionRefused as refused:
        return render(
            request,
            "monitoring/inbox.html",
            {
                "pending": list(selectors.inbox(request.user)),
                "mine": list(selectors.visible_uploads(request.user)[:50]),
                "can_submit": True,
                "problems": [p.as_dict() for p in refused.problems],
            },
            status=422,
        )
    messages.success(request, _("Upload %(id)s received: it awaits review.") % {"id": upload.pk})
    return redirect("monitoring:inbox")


@login_required
@require_POST
def review(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = selectors.visible_uploads(request.user).filter(pk=upload_id).first()
    if upload is None:
        raise Http404
    try:
        services.review(
            actor=request.user,
            upload=upload,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", "")[:2000],
        )
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    return redirect("monitoring:inbox")


__all__ = ["Location", "Problem"]
