"""Pages: public lists, GI map, scheme pages, park ranking, trace pages; workbench, applicant."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from greenloop.accounts.permissions import role_of
from greenloop.geo.models import Region, RegionLevel
from greenloop.registry import documents, engine, selectors, services
from greenloop.registry.models import (
    Application,
    ApplicationStatus,
    Batch,
    Case,
    CertificateKind,
    FarmCertificate,
    Listing,
    Scheme,
    SpotCheckPlan,
)


def clean(value: str | None, limit: int = 64) -> str:
    """A request parameter safe to query with: no NUL (PostgreSQL refuses it), bounded."""
    return (value or "").replace("\x00", "").strip()[:limit]


def _prefectures() -> list[Region]:
    return list(Region.objects.filter(level=RegionLevel.PREFECTURE).order_by("code"))


class ListsView(TemplateView):
    """Public: green factories, parks and the other lists, by prefecture and industry."""

    template_name = "registry/lists.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        scheme = clean(params.get("scheme"))
        region = clean(params.get("region"), 6)
        industry = clean(params.get("industry"), 5)
        listings = selectors.public_listings(
            scheme=scheme or None,
            region=region or None,
            industry=industry or None,
            q=clean(params.get("q")) or None,
        )
        page = Paginator(listings, 50).get_page(params.get("page"))
        today = timezone.localdate()
        rows = [
            (item, selectors.validity_label(selectors.listing_validity(item, today)))
            for item in page
        ]
        query = params.copy()
        query.pop("page", None)
        context = super().get_context_data(**kwargs)
        context.update(
            page=page,
            rows=rows,
            schemes=Scheme.objects.all(),
            prefectures=_prefectures(),
            scheme=scheme,
            region=region,
            industry=industry,
            q=params.get("q", ""),
            query=query.urlencode(),
            counts=selectors.counts_per_prefecture(),
        )
        return context


def export_listings(request: HttpRequest) -> HttpResponse:
    params = request.GET
    listings = selectors.public_listings(
        scheme=clean(params.get("scheme")) or None,
        region=clean(params.get("region"), 6) or None,
        industry=clean(params.get("industry"), 5) or None,
    )
    content = documents.listings_xlsx(list(listings))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="greenloop-green-lists.xlsx"'
    return response


class SchemesView(TemplateView):
    template_name = "registry/schemes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["schemes"] = Scheme.objects.all()
        return context


class SchemeView(TemplateView):
    template_name = "registry/scheme.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        scheme = Scheme.objects.filter(code=clean(kwargs["code"])).first()
        if scheme is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(
            scheme=scheme,
            definition=engine.parse_scheme(scheme.definition),
            raw=scheme.definition,
            links=selectors.monitoring_links(scheme),
        )
        return context


class ListingView(TemplateView):
    """Public: one listing, its history and its indicators' monitoring codes; the department's
    reviewers also see the forms to renew, spot-check and revoke it."""

    template_name = "registry/listing.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        listing = (
            Listing.objects.select_related("scheme", "region", "organization")
            .filter(certificate_no=clean(kwargs["number"]))
            .first()
        )
        if listing is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(
            listing=listing,
            validity=selectors.validity_label(selectors.listing_validity(listing)),
            events=listing.events.all(),
            links=selectors.monitoring_links(listing.scheme),
            online_code=selectors.online_monitoring_code(listing, self.request.user),
            can_manage=services.can_review(self.request.user, listing.scheme),
        )
        return context

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        listing = (
            Listing.objects.select_related("scheme").filter(certificate_no=clean(number)).first()
        )
        if listing is None:
            raise Http404
        action = request.POST.get("action", "")
        reason = clean(request.POST.get("reason"), 500)
        try:
            if action == "renew":
                services.renew(actor=request.user, listing=listing, reason=reason)
            elif action == "spot_check":
                services.record_spot_check(
                    actor=request.user,
                    listing=listing,
                    passed=request.POST.get("passed") == "yes",
                    reason=reason,
                )
            elif action == "revoke":
                services.revoke(actor=request.user, listing=listing, reason=reason)
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Permission denied."))
        return redirect("registry:listing", number=listing.certificate_no)


class GIView(TemplateView):
    """Public: geographical-indication products of Qinghai on a map and by prefecture."""

    template_name = "registry/gi.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        region = clean(self.request.GET.get("region"), 6)
        certificates = FarmCertificate.objects.filter(kind=CertificateKind.GI).select_related(
            "region", "region__parent"
        )
        if region:
            certificates = certificates.filter(region__code__in=selectors.region_and_below(region))
        groups: dict[str, dict[str, Any]] = {}
        today = timezone.localdate()
        for item in certificates.order_by("region__code", "product_zh"):
            prefecture = selectors.prefecture_of(item.region)
            group = groups.setdefault(prefecture.code, {"region": prefecture, "items": []})
            group["items"].append(
                (item, selectors.validity_label(selectors.certificate_validity(item, today)))
            )
        province = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code").first()
        context = super().get_context_data(**kwargs)
        context.update(
            groups=[groups[code] for code in sorted(groups)],
            region=region,
            province_code=province.code if province else "630000",
            geojson_url=reverse(
                "api:region-children-geojson",
                kwargs={"code": province.code if province else "630000"},
            ),
            region_url_template=reverse("registry:gi") + "?region={code}",
        )
        return context


class FarmView(TemplateView):
    """Public: green-food, organic and GI certificates with their status today."""

    template_name = "registry/farm.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        kind = params.get("kind") or ""
        if kind not in CertificateKind.values:
            kind = ""
        certificates = selectors.public_certificates(
            kind=kind or None, q=clean(params.get("q")) or None
        )
        page = Paginator(certificates, 50).get_page(params.get("page"))
        today = timezone.localdate()
        query = params.copy()
        query.pop("page", None)
        context = super().get_context_data(**kwargs)
        context.update(
            page=page,
            rows=[
                (item, status, selectors.validity_label(status))
                for item, status in ((i, selectors.certificate_validity(i, today)) for i in page)
            ],
            kinds=CertificateKind.choices,
            kind=kind,
            q=params.get("q", ""),
            query=query.urlencode(),
        )
        return context


class ParksView(TemplateView):
    template_name = "registry/parks.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["evaluation"] = selectors.park_evaluation()
        return context


def park_chart(request: HttpRequest) -> HttpResponse:
    return HttpResponse(documents.park_chart(selectors.park_evaluation()), content_type="image/png")


def park_report(request: HttpRequest, kind: str) -> HttpResponse:
    content = documents.park_report(selectors.park_evaluation(), kind)
    types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    response = HttpResponse(content, content_type=types[kind])
    response["Content-Disposition"] = f'attachment; filename="park-evaluation.{kind}"'
    return response


class TraceView(TemplateView):
    """Public: one batch's chain, its certificates and whether each is valid today."""

    template_name = "registry/trace.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        view = selectors.trace(clean(kwargs["code"], 40))
        if view is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context["trace"] = view
        return context


def trace_qr(request: HttpRequest, code: str) -> HttpResponse:
    code = clean(code, 40)
    if selectors.trace(code) is None:
        raise Http404
    url = request.build_absolute_uri(reverse("registry:trace", args=[code.upper()]))
    return HttpResponse(documents.qr_svg(url), content_type="image/svg+xml")


def trace_qr_png(request: HttpRequest, code: str) -> HttpResponse:
    """A printable PNG of the batch's QR code, for labels."""
    code = clean(code, 40)
    if selectors.trace(code) is None:
        raise Http404
    url = request.build_absolute_uri(reverse("registry:trace", args=[code.upper()]))
    response = HttpResponse(documents.qr_png(url), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{code.upper()}.png"'
    return response


class WorkbenchView(LoginRequiredMixin, TemplateView):
    """Department: applications to review, expiring certificates, spot-check plans, cases."""

    template_name = "registry/workbench.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            to_review=selectors.to_review(user)[:100],
            expiring=selectors.expiring_listings()[:100],
            expiring_certificates=selectors.expiring_certificates()[:100],
            plans=SpotCheckPlan.objects.select_related("scheme")[:20],
            schemes=Scheme.objects.all(),
            year=timezone.localdate().year,
            can_inspect=services.can_inspect_labels(user),
            certificate_kinds=CertificateKind.choices,
            cases=Case.objects.select_related("label_check")[:50]
            if services.can_inspect_labels(user) or role_of(user) == "auditor"
            else [],
        )
        return context


class DrawPlanView(LoginRequiredMixin, View):
    """Department: draw a spot-check plan; the seed is recorded with it."""

    def post(self, request: HttpRequest) -> HttpResponse:
        scheme = Scheme.objects.filter(code=clean(request.POST.get("scheme"))).first()
        try:
            size = int(request.POST.get("size", ""))
            year = int(request.POST.get("year", ""))
            seed_text = request.POST.get("seed", "").strip()
            seed = int(seed_text) if seed_text else None
        except ValueError:
            messages.error(request, _("Give whole numbers for the size, year and seed."))
            return redirect("registry:workbench")
        if scheme is None:
            messages.error(request, _("Choose a scheme."))
            return redirect("registry:workbench")
        try:
            plan = services.draw_spot_check_plan(
                actor=request.user, scheme=scheme, size=size, year=year, seed=seed
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("registry:workbench")
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("registry:workbench")
        messages.success(
            request,
            _("Drawn with seed %(seed)s: %(drawn)s")
            % {"seed": plan.seed, "drawn": ", ".join(plan.drawn)},
        )
        return redirect("registry:workbench")


class LabelCheckView(LoginRequiredMixin, View):
    """Inspectors: record a label check from the workbench; a mismatch opens a case."""

    def post(self, request: HttpRequest) -> HttpResponse:
        data = {key: clean(request.POST.get(key), 128) for key in request.POST}
        try:
            check = services.record_label_check(
                actor=request.user,
                place=data.get("place", ""),
                product_zh=data.get("product_zh", ""),
                claimed_kind=data.get("claimed_kind", ""),
                claimed_number=data.get("claimed_number", ""),
                batch_code=data.get("batch_code", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Permission denied."))
        else:
            if check.matches:
                messages.success(request, _("The label matches the registry."))
            else:
                messages.error(
                    request,
                    _("Mismatch, case opened: %(findings)s")
                    % {"findings": " ".join(check.findings)},
                )
        return redirect("registry:workbench")


class ApplicantView(LoginRequiredMixin, TemplateView):
    template_name = "registry/applicant.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        org_id = getattr(user, "organization_id", None)
        org = getattr(user, "organization", None)
        context = super().get_context_data(**kwargs)
        context.update(
            applications=Application.objects.filter(applicant_id=org_id).select_related("scheme")
            if org_id
            else [],
            listings=Listing.objects.filter(organization_id=org_id).select_related("scheme")
            if org_id
            else [],
            schemes=Scheme.objects.all(),
            can_apply=org is not None and services.can_apply(user, org),
            batches=Batch.objects.filter(producer_id=org_id)[:100] if org_id else [],
        )
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        scheme = Scheme.objects.filter(code=clean(request.POST.get("scheme"))).first()
        org = getattr(user, "organization", None)
        if scheme is None or org is None:
            raise Http404
        try:
            app = services.create_application(actor=user, scheme=scheme, applicant=org, answers={})
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("registry:applicant")
        return redirect("registry:application", pk=app.pk)


class ApplicationView(LoginRequiredMixin, TemplateView):
    template_name = "registry/application.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        app = selectors.visible_application(self.request.user, kwargs["pk"])
        if app is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        definition = services.parsed_for(app)
        context.update(
            app=app,
            definition=definition,
            rows=answer_rows(definition, app.answers),
            status_label=ApplicationStatus(app.status).label,
            evidence=app.evidence.all(),
            can_apply=services.can_apply(self.request.user, app.applicant),
            can_assess=services.can_assess(self.request.user, app.scheme),
            can_review=services.can_review(self.request.user, app.scheme),
        )
        return context


def answers_from_form(definition: engine.Scheme, data: Any) -> dict[str, Any]:
    """The answers a page form posts: a checkbox per yes/no item, a number field otherwise."""
    answers: dict[str, Any] = {}
    for item in definition.prerequisites:
        answers[item.code] = data.get(f"a-{item.code}") == "on"
    for indicator in definition.indicators():
        key = f"a-{indicator.code}"
        if indicator.rule == "yes_no":
            answers[indicator.code] = data.get(key) == "on"
        elif clean(data.get(key)):
            answers[indicator.code] = clean(data.get(key))
    return answers


def answer_rows(definition: engine.Scheme, answers: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "code": item.code,
            "label": item.text_zh,
            "kind": "yes_no",
            "value": answers.get(item.code),
            "evidence": item.evidence_required,
        }
        for item in definition.prerequisites
    ]
    for indicator in definition.indicators():
        rows.append(
            {
                "code": indicator.code,
                "label": indicator.name_zh,
                "kind": "yes_no" if indicator.rule == "yes_no" else "number",
                "value": answers.get(indicator.code),
                "max": indicator.points if indicator.rule == "points" else None,
                "unit": indicator.unit,
                "evidence": indicator.evidence_required,
            }
        )
    return rows


class ApplicationActionView(LoginRequiredMixin, View):
    """The buttons of an application's page; each calls one service and says what happened."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        app = selectors.visible_application(request.user, pk)
        if app is None:
            raise Http404
        action = request.POST.get("action", "")
        user = request.user
        try:
            if action == "evidence":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError(_("Choose a file."))
                services.add_evidence(
                    actor=user,
                    app=app,
                    code=clean(request.POST.get("code")),
                    name=upload.name or "",
                    content=upload.read(services.MAX_EVIDENCE_BYTES + 1),
                )
            elif action == "answers":
                definition = services.parsed_for(app)
                services.update_answers(
                    actor=user, app=app, answers=answers_from_form(definition, request.POST)
                )
            elif action == "submit":
                services.submit(actor=user, app=app)
            elif action == "assess":
                # The assessor's own answers, starting from the applicant's.
                definition = services.parsed_for(app)
                services.assess(
                    actor=user,
                    app=app,
                    answers=answers_from_form(definition, request.POST),
                    assessor_name=clean(request.POST.get("assessor_name"), 128),
                )
            elif action == "return":
                services.return_application(
                    actor=user, app=app, reasons=clean(request.POST.get("reasons"), 500)
                )
            elif action == "approve":
                services.approve(actor=user, app=app)
            elif action == "publish":
                listing = services.publish(
                    actor=user, app=app, certificate_no=clean(request.POST.get("certificate_no"))
                )
                messages.success(
                    request, _("Published as %(no)s.") % {"no": listing.certificate_no}
                )
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Permission denied."))
        return redirect("registry:application", pk=app.pk)


def certificate_pdf(request: HttpRequest, number: str) -> HttpResponse:
    listing = (
        Listing.objects.select_related("scheme", "region", "organization")
        .filter(certificate_no=clean(number))
        .first()
    )
    if listing is None:
        raise Http404
    # Listings are public; the certificate of a listing is too.
    url = request.build_absolute_uri(reverse("registry:lists") + f"?q={listing.certificate_no}")
    content = documents.certificate_pdf(listing, url)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{listing.certificate_no}.pdf"'
    return response
