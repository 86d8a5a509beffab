"""Pages: inventory and results, decomposition, scenarios (list, detail, copy, edit)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from greenloop.carbon import selectors, services
from greenloop.carbon.api import results_for
from greenloop.carbon.engine import lmdi
from greenloop.carbon.models import Scenario
from greenloop.geo.models import Region

REGIONS = {"630000": gettext_lazy("Qinghai Province"), "630100": gettext_lazy("Xining")}
EFFECT_LABELS = {
    "population": gettext_lazy("Population"),
    "affluence": gettext_lazy("GDP per capita"),
    "intensity": gettext_lazy("Energy intensity"),
    "mix": gettext_lazy("Energy mix"),
    "emission_factor": gettext_lazy("Emission factor"),
    "process": gettext_lazy("Cement process"),
}
GROUP_LABELS = {
    "primary": gettext_lazy("Agriculture"),
    "industry": gettext_lazy("Industry"),
    "power": gettext_lazy("Power and heat"),
    "construction": gettext_lazy("Construction"),
    "transport": gettext_lazy("Transport"),
    "services": gettext_lazy("Services and other"),
    "households": gettext_lazy("Households"),
}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


class InventoryView(TemplateView):
    template_name = "carbon/inventory.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        region = self.request.GET.get("region") or "630000"
        if region not in REGIONS:
            region = "630000"
        years = selectors.years_available(region)
        year = _int(self.request.GET.get("year"), years[-1] if years else 2019)
        if years and year not in years:
            year = years[-1]
        by_sector = selectors.breakdown(region, year, "sector", "production")
        by_fuel = selectors.breakdown(region, year, "fuel", "production")
        consumption = selectors.consumption_view(region, year)
        sankey = selectors.sankey(region, year)
        if sankey:
            for link in sankey["links"]:
                for end in ("source", "target"):
                    link[end] = str(GROUP_LABELS.get(link[end], link[end]))
        series = selectors.series(region)
        prefecture = selectors.prefecture_map(year) if region == "630000" else None
        names = (
            dict(
                Region.objects.filter(code__in=selectors.PREFECTURES).values_list(
                    "code",
                    "name_zh" if not self.request.LANGUAGE_CODE.startswith("en") else "name_en",
                )
            )
            if prefecture
            else {}
        )
        if prefecture:
            for row in prefecture["prefectures"]:
                row["name"] = names.get(row["code"], row["code"])
        context = super().get_context_data(**kwargs)
        context.update(
            regions=REGIONS.items(),
            region=region,
            region_label=REGIONS[region],
            years=years,
            year=year,
            by_sector=by_sector,
            by_fuel=by_fuel,
            consumption=consumption,
            series=series,
            bridge=selectors.bridge() if region == "630000" else None,
            nbs_estimates=selectors.nbs_estimates(region, year),
            prefecture=prefecture,
            geojson_url=reverse("api:region-children-geojson", kwargs={"code": "630000"}),
            chart_data={
                "series": [{"year": r["year"], "total": r["total_mt"]} for r in series],
                "sectors": sorted(by_sector.items, key=lambda i: -i["mt_co2"])[:12]
                if by_sector
                else [],
                "fuels": by_fuel.items if by_fuel else [],
                "sankey": sankey,
                "prefectures": prefecture["prefectures"] if prefecture else [],
                "labels": {
                    "total": _("Total (Mt CO2)"),
                    "estimate": _("estimate"),
                },
            },
        )
        return context


class DecompositionView(TemplateView):
    template_name = "carbon/decomposition.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        years = selectors.decomposition_years("630000")
        start = _int(self.request.GET.get("from"), years[0] if years else 2015)
        end = _int(self.request.GET.get("to"), years[-1] if years else 2018)
        result = selectors.decomposition("630000", start, end) if start != end else None
        effects = []
        if result:
            for key in (*lmdi.EFFECTS, "process"):
                effects.append(
                    {
                        "key": key,
                        "label": str(EFFECT_LABELS[key]),
                        "additive": result["additive"][key],
                        "multiplicative": result["multiplicative"].get(key),
                    }
                )
        context = super().get_context_data(**kwargs)
        context.update(
            years=years,
            start=start,
            end=end,
            result=result,
            effects=effects,
            effect_labels=[str(EFFECT_LABELS[k]) for k in lmdi.EFFECTS],
            chart_data={
                "effects": [{"label": e["label"], "value": e["additive"]} for e in effects]
            },
        )
        return context


class ScenarioListView(TemplateView):
    template_name = "carbon/scenarios.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["scenarios"] = Scenario.objects.select_related("copied_from").order_by("code")
        return context


class ScenarioDetailView(TemplateView):
    template_name = "carbon/scenario_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        scenario = Scenario.objects.filter(code=kwargs["code"]).first()
        if scenario is None:
            raise Http404
        results, problems = results_for(scenario)
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            scenario=scenario,
            results=results,
            problems=problems,
            assumptions_json=json.dumps(scenario.assumptions, ensure_ascii=False, indent=2),
            can_copy=services.can_plan(user),
            can_edit=services.can_edit(user, scenario),
            chart_data={
                "results": results,
                "labels": {
                    "central": _("Central path"),
                    "consumption": _("Consumption-based (central)"),
                    "band": _("90% band"),
                    "median": _("Median of draws"),
                    "peak": _("Peak"),
                },
            },
        )
        return context


class ScenarioCopyView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        source = Scenario.objects.filter(code=code).first()
        if source is None:
            raise Http404
        try:
            copy = services.copy_scenario(user=request.user, source=source)
        except PermissionDenied:
            messages.error(request, _("You may not create scenarios."))
            return redirect("carbon:scenario", code=code)
        messages.success(request, _("Scenario copied: you can now edit the copy."))
        return redirect("carbon:scenario-edit", code=copy.code)


class ScenarioEditView(LoginRequiredMixin, TemplateView):
    template_name = "carbon/scenario_edit.html"

    def _scenario(self, code: str) -> Scenario:
        scenario = Scenario.objects.filter(code=code).first()
        if scenario is None:
            raise Http404
        if not services.can_edit(self.request.user, scenario):
            raise PermissionDenied
        return scenario

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scenario = self._scenario(kwargs["code"])
        return self.render_to_response(
            {
                "scenario": scenario,
                "name": scenario.name,
                "assumptions_json": json.dumps(scenario.assumptions, ensure_ascii=False, indent=2),
                "errors": [],
            }
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scenario = self._scenario(kwargs["code"])
        name = request.POST.get("name", "")
        text = request.POST.get("assumptions", "")
        errors: list[str] = []
        try:
            assumptions = json.loads(text)
        except json.JSONDecodeError as error:
            errors.append(_("assumptions: not valid JSON (line %(line)d)") % {"line": error.lineno})
        else:
            try:
                services.update_scenario(
                    user=request.user, scenario=scenario, name=name, assumptions=assumptions
                )
            except ValidationError as error:
                errors = [
                    f"{field}: {'; '.join(msgs)}" for field, msgs in error.message_dict.items()
                ]
        if errors:
            return self.render_to_response(
                {"scenario": scenario, "name": name, "assumptions_json": text, "errors": errors},
                status=422,
            )
        messages.success(request, _("Scenario saved."))
        return redirect("carbon:scenario", code=scenario.code)


class FactorsView(TemplateView):
    template_name = "carbon/factors.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from greenloop.carbon.engine.reference import emission_factor, fuels
        from greenloop.carbon.models import FactorSet, GridFactor

        names = {f.code: f for f in fuels()}
        english = self.request.LANGUAGE_CODE.startswith("en")
        sets = []
        for factor_set in FactorSet.objects.prefetch_related("factors").order_by("code"):
            rows = []
            for factor in factor_set.factors.all():
                fuel = names.get(factor.fuel)
                unit = fuel.unit if fuel else ""
                per_unit = emission_factor(factor.ncv, factor.carbon_content, factor.oxidation)
                rows.append(
                    {
                        "fuel": (fuel.name_en if english else fuel.name_zh)
                        if fuel
                        else factor.fuel,
                        "ncv": factor.ncv,
                        "unit": unit,
                        "carbon_content": factor.carbon_content,
                        "oxidation": factor.oxidation,
                        # t CO2 per t (solids, liquids) or kg CO2 per m3 (gases)
                        "factor": per_unit * 100 if unit == "10^4 t" else per_unit * 10,
                        "factor_unit": "t CO2/t" if unit == "10^4 t" else "kg CO2/m³",
                        "source": factor.source,
                    }
                )
            sets.append({"set": factor_set, "rows": rows})
        context = super().get_context_data(**kwargs)
        context.update(sets=sets, grid=GridFactor.objects.order_by("scope", "-year", "code"))
        return context


def report(request: HttpRequest, fmt: str) -> HttpResponse:
    from greenloop.carbon import report as carbon_report
    from greenloop.reports import render_docx, render_pdf

    document = carbon_report.build("630000")
    if document is None:
        raise Http404
    if fmt == "pdf":
        body, mime = render_pdf(document), "application/pdf"
    else:
        body, mime = (
            render_docx(document),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="qinghai-carbon-inventory.{fmt}"'
    return response
