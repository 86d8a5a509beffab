"""/api/carbon: emissions by sector or fuel (production or consumption basis), LMDI
decomposition, scenarios (list, create or copy, read with results, edit)."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from greenloop.carbon import selectors, services
from greenloop.carbon.engine import scenarios as engine
from greenloop.carbon.models import Scenario

router = Router(tags=["carbon"])


def _has_nul(*texts: str | None) -> bool:
    """PostgreSQL text cannot hold NUL: such input matches nothing (answered 404)."""
    return any(text is not None and "\x00" in text for text in texts)


class Message(Schema):
    detail: str


class Item(Schema):
    code: str
    name: str
    mt_co2: float


class EmissionsOut(Schema):
    region: str
    region_name: str
    year: int
    basis: str
    by: str
    total_mt: float
    unit: str = "Mt CO2"
    items: list[Item]
    source: str
    demonstration: bool
    note: str


class EmissionsQuery(Schema):
    region: str = Field("630000", description="GB/T 2260 code, e.g. 630000 (Qinghai)")
    year: int = Field(2019, description="inventory year")
    by: Literal["sector", "fuel", "total"] = "sector"
    basis: Literal["production", "consumption"] = "production"


@router.get(
    "/emissions",
    response={200: EmissionsOut, 404: Message},
    auth=None,
    summary="Emissions of a region and year by sector or fuel",
)
def emissions(request: HttpRequest, filters: Query[EmissionsQuery]) -> Status:
    found = (
        None
        if _has_nul(filters.region)
        else selectors.breakdown(filters.region, filters.year, filters.by, filters.basis)
    )
    if found is None:
        return Status(404, {"detail": _("No inventory for this region, year and basis.")})
    return Status(200, found.__dict__)


class YearOut(Schema):
    year: int
    total_mt: float
    per_capita_t: float | None
    per_gdp_t_per_wan_yuan: float | None
    change_vs_base: float | None
    kind: str
    source: str
    demonstration: bool


class SeriesOut(Schema):
    region: str
    base_year: int | None
    unit: str = "Mt CO2"
    years: list[YearOut]


@router.get(
    "/series",
    response={200: SeriesOut, 404: Message},
    auth=None,
    summary="Totals by year: per capita, per GDP (current prices), change against a base year",
)
def series(request: HttpRequest, region: str = "630000", base_year: int | None = None) -> Status:
    rows = [] if _has_nul(region) else selectors.series(region)
    if not rows:
        return Status(404, {"detail": _("No inventory for this region, year and basis.")})
    base = next((r["total_mt"] for r in rows if r["year"] == base_year), None)
    years = [
        {**row, "change_vs_base": (row["total_mt"] / base - 1) if base else None} for row in rows
    ]
    return Status(200, {"region": region, "base_year": base_year if base else None, "years": years})


class DecompositionOut(Schema):
    region: str
    from_year: int
    to_year: int
    start_mt: float
    end_mt: float
    change_mt: float
    additive: dict[str, float]
    multiplicative: dict[str, float]
    by_sector: list[dict[str, Any]]
    note: str


@router.get(
    "/decomposition",
    response={200: DecompositionOut, 404: Message},
    auth=None,
    summary="LMDI decomposition of the emission change between two years",
)
def decomposition(
    request: HttpRequest,
    region: str = "630000",
    from_year: int = Query(2015, alias="from"),  # type: ignore[type-arg]
    to_year: int = Query(2018, alias="to"),  # type: ignore[type-arg]
) -> Status:
    found = None if _has_nul(region) else selectors.decomposition(region, from_year, to_year)
    if found is None:
        return Status(
            404,
            {"detail": _("Decomposition needs inventories, population and GDP for both years.")},
        )
    return Status(200, found)


class ScenarioOut(Schema):
    code: str
    name: str
    region_code: str
    assumptions: dict[str, Any]
    demonstration: bool
    copied_from: str | None
    created_by: str | None

    @staticmethod
    def resolve_copied_from(obj: Scenario) -> str | None:
        return obj.copied_from.code if obj.copied_from else None

    @staticmethod
    def resolve_created_by(obj: Scenario) -> str | None:
        return obj.created_by.username if obj.created_by else None


class ScenarioResults(Schema):
    years: list[int]
    emissions: list[float]
    consumption: list[float]
    peak_year: int
    peak_value: float
    band_p05: list[float]
    band_p50: list[float]
    band_p95: list[float]
    probability_peak_by_2030: float
    peak_year_range: list[int]
    draws: int
    targets: list[dict[str, Any]]


class ScenarioDetail(Schema):
    code: str
    name: str
    region_code: str
    assumptions: dict[str, Any]
    demonstration: bool
    copied_from: str | None
    created_by: str | None
    results: ScenarioResults | None
    problems: list[str]


class ScenarioIn(Schema):
    name: str = ""
    region_code: str = "630000"
    assumptions: dict[str, Any] | None = None
    copy_from: str | None = Field(None, description="code of a scenario to copy")


class ScenarioPatch(Schema):
    name: str = ""
    assumptions: dict[str, Any] = Field(default_factory=dict)


def results_for(scenario: Scenario) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        validated = engine.validate(scenario.assumptions)
    except engine.ScenarioError as error:
        return None, error.problems
    path = engine.central_path(validated)
    band = engine.monte_carlo(validated)
    targets = engine.compare_targets(
        path, selectors.scenario_targets(scenario.assumptions.get("targets", [])), 0.0
    )
    return {
        "years": path.years,
        "emissions": path.emissions,
        "consumption": path.consumption,
        "peak_year": path.peak_year,
        "peak_value": path.peak_value,
        "band_p05": band.p05,
        "band_p50": band.p50,
        "band_p95": band.p95,
        "probability_peak_by_2030": band.probability_peak_by_2030,
        "peak_year_range": [band.peak_year_p05, band.peak_year_p95],
        "draws": band.draws,
        "targets": targets,
    }, []


@router.get("/scenarios", response=list[ScenarioOut], auth=None, summary="Saved scenarios")
@paginate
def list_scenarios(request: HttpRequest) -> Any:
    return Scenario.objects.select_related("copied_from", "created_by").order_by("code")


@router.get(
    "/scenarios/{code}",
    response={200: ScenarioDetail, 404: Message},
    auth=None,
    summary="One scenario with its path, peak, uncertainty band and target comparison",
)
def get_scenario(request: HttpRequest, code: str) -> Status:
    scenario = None if _has_nul(code) else Scenario.objects.filter(code=code).first()
    if scenario is None:
        return Status(404, {"detail": _("No such scenario.")})
    results, problems = results_for(scenario)
    return Status(
        200, {**ScenarioOut.from_orm(scenario).dict(), "results": results, "problems": problems}
    )


@router.post(
    "/scenarios", response={201: ScenarioOut, 404: Message}, summary="Create or copy a scenario"
)
def create_scenario(request: HttpRequest, payload: ScenarioIn) -> Status:
    if payload.copy_from:
        source = (
            None
            if _has_nul(payload.copy_from)
            else Scenario.objects.filter(code=payload.copy_from).first()
        )
        if source is None:
            return Status(404, {"detail": _("No such scenario.")})
        return Status(
            201, services.copy_scenario(user=request.user, source=source, name=payload.name)
        )
    scenario = services.create_scenario(
        user=request.user,
        name=payload.name,
        region_code=payload.region_code,
        assumptions=payload.assumptions,
    )
    return Status(201, scenario)


@router.put(
    "/scenarios/{code}", response={200: ScenarioOut, 404: Message}, summary="Edit a scenario"
)
def update_scenario(request: HttpRequest, code: str, payload: ScenarioPatch) -> Status:
    scenario = None if _has_nul(code) else Scenario.objects.filter(code=code).first()
    if scenario is None:
        return Status(404, {"detail": _("No such scenario.")})
    updated = services.update_scenario(
        user=request.user, scenario=scenario, name=payload.name, assumptions=payload.assumptions
    )
    return Status(200, updated)
