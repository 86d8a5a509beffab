"""Pages: measures and tasks with their (proposed) division, a task's reports, one report with
its workflow, revisions, contributions and evidence, the supervision board, files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from greenloop.accounts.permissions import reads_everything
from greenloop.monitoring import selectors as monitoring_selectors
from greenloop.orgs.models import Organization, OrgKind
from greenloop.policy import exports, permissions, selectors, services
from greenloop.policy.calc.progress import compare, is_overdue
from greenloop.policy.models import Attachment, Part, Period, ProgressReport, Task, TaskStatus
from greenloop.registry import selectors as registry_selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("Permission denied."))
        return
    for text in error.messages:
        messages.error(request, text)


def _int(value: str | None, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _last_year() -> int:
    return timezone.localdate().year - 1


class MeasuresView(LoginRequiredMixin, TemplateView):
    template_name = "policy/measures.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        document = selectors.current_document()
        measures = list(selectors.measures(document))
        parts = list(Part.objects.filter(document=document).order_by("number"))
        context = super().get_context_data(**kwargs)
        context.update(
            document=document,
            parts=[(part, [m for m in measures if m.part_id == part.pk]) for part in parts],
            task_total=sum(getattr(m, "task_count", 0) for m in measures),
            proposed=selectors.tasks(document).filter(division_status="proposed").count(),
            can_divide=permissions.can_edit_division(self.request.user),
            my_tasks=self._my_tasks(),
        )
        return context

    def _my_tasks(self) -> list[dict[str, Any]]:
        """The tasks the user's department leads, with last and this year's reports."""
        org_id = getattr(self.request.user, "organization_id", None)
        if not org_id:
            return []
        today = timezone.localdate()
        years = (today.year - 1, today.year)
        reports = {
            (r.task_id, r.year): r
            for r in ProgressReport.objects.filter(department_id=org_id, year__in=years)
        }
        rows = []
        for task in selectors.tasks().filter(lead_departments=org_id):
            last = reports.get((task.pk, years[0]))
            rows.append(
                {
                    "task": task,
                    "last": last,
                    "current": reports.get((task.pk, years[1])),
                    "last_overdue": is_overdue(
                        last.state if last else None, dt.date(years[0], 12, 31), today
                    ),
                }
            )
        return rows


class MeasureView(LoginRequiredMixin, TemplateView):
    template_name = "policy/measure.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        measure = selectors.measures().filter(number=kwargs["number"]).first()
        if measure is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(measure=measure, tasks=selectors.tasks(measure=measure.number))
        return context


def _indicator_rows(codes: list[str], year: int | None = None) -> list[dict[str, Any]]:
    """Each code with its monitoring catalogue entry (None when not yet in the catalogue)."""
    refs = monitoring_selectors.indicator_refs(codes, year)
    return [{"code": code, "ref": refs.get(code)} for code in codes]


class TaskView(LoginRequiredMixin, TemplateView):
    template_name = "policy/task.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        task = selectors.tasks().filter(code=kwargs["code"]).first()
        if task is None:
            raise Http404
        user = self.request.user
        writable = [
            org for org in task.lead_departments.all() if permissions.can_write_for(user, org)
        ]
        context = super().get_context_data(**kwargs)
        context.update(
            task=task,
            reports=selectors.visible_reports(user).filter(task=task),
            writable=writable,
            this_year=timezone.localdate().year,
            can_divide=permissions.can_edit_division(user),
            departments=Organization.objects.filter(
                kind__in=[OrgKind.DEPARTMENT, OrgKind.GOVERNMENT], is_active=True
            ),
            periods=Period.choices,
            lead_codes={org.code for org in task.lead_departments.all()},
            cooperating_codes={org.code for org in task.cooperating_departments.all()},
            indicators=_indicator_rows(task.indicator_codes),
        )
        return context

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        task = get_object_or_404(Task, code=code)
        try:
            if request.POST.get("action") == "division":
                codes = request.POST.getlist("lead") + request.POST.getlist("cooperating")
                orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
                services.set_division(
                    actor=request.user,
                    task=task,
                    lead=[orgs[c] for c in request.POST.getlist("lead") if c in orgs],
                    cooperating=[orgs[c] for c in request.POST.getlist("cooperating") if c in orgs],
                    period=request.POST.get("period") or None,
                )
                messages.success(request, _("Division confirmed."))
                return HttpResponseRedirect(reverse("policy:task", args=[code]))
            department = get_object_or_404(Organization, code=request.POST.get("department", ""))
            report = services.save_report(
                actor=request.user,
                task=task,
                year=_int(request.POST.get("year"), 0) or 0,
                department=department,
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
            return HttpResponseRedirect(reverse("policy:task", args=[code]))
        return HttpResponseRedirect(reverse("policy:report", args=[report.pk]))


class ReportView(LoginRequiredMixin, TemplateView):
    template_name = "policy/report.html"

    def _report(self, pk: int) -> ProgressReport:
        report = selectors.visible_report(self.request.user, pk)
        if report is None:
            raise Http404
        return report

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self._report(kwargs["pk"])
        user = self.request.user
        revisions = list(report.revisions.all())
        numbers = [rev.number for rev in revisions]
        a = _int(self.request.GET.get("a"))
        b = _int(self.request.GET.get("b"))
        comparison = None
        if a in numbers and b in numbers:
            data = {rev.number: rev.data for rev in revisions}
            comparison = compare(data[a], data[b])  # type: ignore[index]
        context = super().get_context_data(**kwargs)
        context.update(
            report=report,
            revisions=revisions,
            comparison=comparison,
            a=a,
            b=b,
            can_write=permissions.can_write_for(user, report.department)
            and report.state in services.EDITABLE_STATES,
            can_review=permissions.can_review(user) and report.state == "submitted",
            can_contribute=permissions.can_contribute(user, report),
            overdue=is_overdue(report.state, report.due_date, timezone.localdate()),
            statuses=TaskStatus.choices,
            figures=sorted((report.key_figures or {}).items()),
            indicator_codes=report.task.indicator_codes,
            indicators=_indicator_rows(report.task.indicator_codes, report.year),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self._report(pk)
        action = request.POST.get("action")
        post = request.POST
        try:
            if action == "save":
                figures = {}
                for code in report.task.indicator_codes:
                    raw = post.get(f"figure_{code}", "").strip()
                    if raw:
                        try:
                            figures[code] = float(raw)
                        except ValueError as error:
                            raise ValidationError(
                                {"key_figures": _("%(code)s: not a number") % {"code": code}}
                            ) from error
                services.save_report(
                    actor=request.user,
                    task=report.task,
                    year=report.year,
                    department=report.department,
                    status=post.get("status", ""),
                    percent=_int(post.get("percent"), -1),  # type: ignore[arg-type]
                    narrative=post.get("narrative", ""),
                    key_figures=figures,
                    next_steps=post.get("next_steps", ""),
                )
                messages.success(request, _("Saved."))
            elif action == "submit":
                services.submit_report(actor=request.user, report=report)
                messages.success(request, _("Submitted to the coordinator."))
            elif action == "return":
                services.return_report(
                    actor=request.user, report=report, comment=post.get("comment", "")
                )
                messages.success(request, _("Returned to the department."))
            elif action == "accept":
                services.accept_report(
                    actor=request.user, report=report, comment=post.get("comment", "")
                )
                messages.success(request, _("Accepted."))
            elif action == "contribute":
                services.add_contribution(
                    actor=request.user, report=report, text=post.get("text", "")
                )
                messages.success(request, _("Contribution added."))
            elif action == "attach":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError({"file": _("Choose a file.")})
                services.add_attachment(
                    actor=request.user,
                    report=report,
                    name=upload.name or "evidence",
                    data=upload.read(services.MAX_BYTES + 1),
                )
                messages.success(request, _("Evidence attached."))
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        return HttpResponseRedirect(reverse("policy:report", args=[pk]))


class AttachmentView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        attachment = get_object_or_404(Attachment, pk=pk)
        if selectors.visible_report(request.user, attachment.report_id) is None:
            raise Http404
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.name
        )


def _board_filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "part": _int(request.GET.get("part")),
        "department": request.GET.get("department") or None,
        "prefecture": request.GET.get("prefecture") or None,
    }


class SupervisorMixin(LoginRequiredMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not reads_everything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


# Measure (四) of the opinions: green factories, green parks and green products.
GREEN_MEASURE = 4


class BoardView(SupervisorMixin, TemplateView):
    template_name = "policy/board.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        request = self.request
        year = _int(request.GET.get("year"), _last_year()) or _last_year()
        year = min(max(year, 2021), 2035)
        filters = _board_filters(request)
        board = selectors.board(year, **filters)
        today = timezone.localdate()
        overdue = [
            item
            for item in selectors.overdue(year, today)
            if not filters["department"] or item.department.code == filters["department"]
        ]
        history = selectors.progress_over_years()
        context = super().get_context_data(**kwargs)
        context.update(
            board=board,
            year=year,
            years=list(range(2021, today.year + 1)),
            filters=filters,
            parts=Part.objects.filter(document=selectors.current_document()),
            departments=Organization.objects.filter(policy_tasks_led__isnull=False)
            .distinct()
            .order_by("code"),
            prefectures=Organization.objects.filter(kind=OrgKind.GOVERNMENT)
            .exclude(region__code="630000")
            .select_related("region"),
            overdue=overdue,
            lagging=selectors.lagging_tasks(year),
            history=history,
            history_chart=[
                {"year": h["year"], "mean_percent": h["mean_percent"], "accepted": h["accepted"]}
                for h in history
            ],
            demonstration=board.demonstration or any(h["demonstration"] for h in history),
            statuses=[*TaskStatus.choices, ("missing", _("No report"))],
            query=request.GET.urlencode(),
            green_measure=GREEN_MEASURE,
            green_tasks=selectors.tasks(measure=GREEN_MEASURE),
            green_counts=registry_selectors.counts_per_prefecture(),
        )
        return context


class BoardExportView(SupervisorMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        year = min(max(_int(request.GET.get("year"), _last_year()) or _last_year(), 2021), 2035)
        data = exports.board_xlsx(year, **_board_filters(request))
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="supervision-board-{year}.xlsx"'
        return response


class DivisionExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(exports.division_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="task-division.xlsx"'
        return response


class DivisionImportView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        upload = request.FILES.get("file")
        document = selectors.current_document()
        if upload is None or document is None:
            messages.error(request, _("Choose a file."))
            return HttpResponseRedirect(reverse("policy:measures"))
        try:
            result = services.import_division(
                actor=request.user, data=upload.read(20 * 1024 * 1024), document=document
            )
        except PermissionDenied as error:
            _errors(request, error)
            return HttpResponseRedirect(reverse("policy:measures"))
        if result.problems:
            messages.error(request, _("Nothing was changed:"))
            for problem in result.problems[:50]:
                messages.error(request, problem)
        else:
            messages.success(request, _("%(n)d tasks updated.") % {"n": result.updated})
        return HttpResponseRedirect(reverse("policy:measures"))


class AnnualReportView(LoginRequiredMixin, View):
    """The year-end report as DOCX or PDF: the provincial summary for the coordinator (and
    administrators, auditors); a department's own report for its users. GET renders it in
    the request; POST runs it as a background job and shows the job's progress page."""

    def _allowed(self, request: HttpRequest, year: int, fmt: str) -> Organization | None:
        if not 2021 <= year <= 2035 or fmt not in {"docx", "pdf"}:
            raise Http404
        code = request.GET.get("org") or request.POST.get("org") or ""
        org = Organization.objects.filter(code=code).first() if code else None
        if code and org is None:
            raise Http404
        user = request.user
        if org is None and not reads_everything(user):
            raise PermissionDenied
        if org is not None and not (reads_everything(user) or user.organization_id == org.pk):  # type: ignore[union-attr]
            raise PermissionDenied
        return org

    def post(self, request: HttpRequest, year: int, fmt: str) -> HttpResponse:
        from django.utils.translation import get_language

        from greenloop.core import jobs

        org = self._allowed(request, year, fmt)
        job = jobs.submit(
            "policy.annual_report",
            {
                "year": year,
                "fmt": fmt,
                "org": org.code if org else "",
                "language": get_language() or "zh-hans",
            },
            owner=request.user,
            label=_("Year-end report %(year)d") % {"year": year},
        )
        return HttpResponseRedirect(reverse("core:job", args=[job.pk]))

    def get(self, request: HttpRequest, year: int, fmt: str) -> HttpResponse:
        from greenloop.policy.annual import annual_report
        from greenloop.reports import render_docx, render_pdf

        org = self._allowed(request, year, fmt)
        document = annual_report(year, org)
        data = render_docx(document) if fmt == "docx" else render_pdf(document)
        content_type = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if fmt == "docx"
            else "application/pdf"
        )
        response = HttpResponse(data, content_type=content_type)
        name = f"annual-{year}{'-' + org.code if org else ''}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DocumentsView(SupervisorMixin, TemplateView):
    """Policy documents; the coordinator imports a policy text as a draft and publishes it."""

    template_name = "policy/documents.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from greenloop.policy.models import PolicyDocument

        context = super().get_context_data(**kwargs)
        context.update(
            documents=PolicyDocument.objects.select_related("region").order_by("status", "code"),
            can_import=permissions.can_edit_division(self.request.user),
            current=selectors.current_document(),
        )
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        from greenloop.geo.models import Region
        from greenloop.policy.calc.parser import docx_lines, parse_lines, split_lines
        from greenloop.policy.management.commands.policy import describe_finding

        upload = request.FILES.get("file")
        code = (request.POST.get("code") or "").strip()
        region = Region.objects.filter(code=request.POST.get("region") or "630000").first()
        if upload is None or not code or region is None:
            messages.error(request, _("Give a file and a code."))
            return HttpResponseRedirect(reverse("policy:documents"))
        data = upload.read(5 * 1024 * 1024)
        name = (upload.name or "").lower()
        try:
            if name.endswith(".docx"):
                parsed = parse_lines(docx_lines(data))
            else:
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = data.decode("gb18030", errors="replace")
                parsed = parse_lines(split_lines(text))
            document = services.create_draft_policy(
                actor=request.user,
                parsed=parsed,
                code=code,
                region=region,
                source=upload.name or "",
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
            return HttpResponseRedirect(reverse("policy:documents"))
        except Exception:
            messages.error(request, _("The file could not be read as text or docx."))
            return HttpResponseRedirect(reverse("policy:documents"))
        messages.success(request, _("Draft policy %(code)s stored for review.") % {"code": code})
        for finding in parsed.findings:
            messages.warning(request, describe_finding(finding))
        return HttpResponseRedirect(reverse("policy:document", args=[document.code]))


class DocumentView(SupervisorMixin, TemplateView):
    template_name = "policy/document.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from greenloop.policy.models import PolicyDocument

        document = get_object_or_404(PolicyDocument, code=kwargs["code"])
        context = super().get_context_data(**kwargs)
        context.update(
            document=document,
            parts=document.parts.prefetch_related("measures__tasks"),
            can_publish=permissions.can_edit_division(self.request.user)
            and document.status == "draft",
        )
        return context

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        from greenloop.policy.models import PolicyDocument

        document = get_object_or_404(PolicyDocument, code=code)
        try:
            services.publish_document(actor=request.user, document=document)
            messages.success(request, _("Published."))
        except PermissionDenied as error:
            _errors(request, error)
        return HttpResponseRedirect(reverse("policy:document", args=[code]))
