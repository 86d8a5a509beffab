"""The monitoring report: the target scoreboard and the green development index of a year,
as a GB/T 9704 DOCX or a PDF (greenloop.reports)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from greenloop.monitoring import labels, selectors
from greenloop.reports import Document, charts


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def build(year: int, region: str | None = None) -> Document:
    items = selectors.evaluations(year, region)
    demonstration = any(item.target.demonstration for item in items)
    document = Document(
        title=_("Green, low-carbon and circular development: monitoring report %(year)s")
        % {"year": year},
        subtitle=_("Targets, early warning and the green development index"),
        demonstration=demonstration,
    )
    document.heading(1, _("Targets and early warning"))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.evaluation.status] = counts.get(item.evaluation.status, 0) + 1
    document.paragraph(
        _("%(total)d targets evaluated: ") % {"total": len(items)}
        + "; ".join(f"{labels.status(key)} {value}" for key, value in sorted(counts.items()))
        + "."
    )
    rows = []
    for item in items:
        target, result = item.target, item.evaluation
        rows.append(
            [
                labels.status(result.status)
                + (_(" (demonstration)") if target.demonstration else ""),
                target.indicator.name,
                target.region.name,
                f"{target.get_kind_display()} {target.value:g} ({target.target_year})",
                _number(result.actual),
                _number(result.required_rate),
                _number(result.actual_rate),
                _number(result.projected),
                labels.reason(result.reason),
            ]
        )
    document.table(
        [
            _("Status"),
            _("Indicator"),
            _("Region"),
            _("Target"),
            _("Latest"),
            _("Required %/yr"),
            _("Actual %/yr"),
            _("Projection"),
            _("Why"),
        ],
        rows,
        caption=_("Targets, most off track first"),
    )
    level = "prefecture"
    index_year = selectors.gdi_latest_year(level)
    document.heading(1, _("Green development index"))
    if index_year is None:
        document.paragraph(_("No index can be computed: no index indicator has data."))
        return document
    view = selectors.green_development_index(index_year, level)
    document.paragraph(
        _(
            "Qinghai's 8 prefectures, %(year)s, by the national 2016 method; %(n)d of the 55 "
            "index indicators have data, the others score the minimum 60 (national rule)."
        )
        % {"year": index_year, "n": len(view.covered)}
    )
    names = [view.regions[item.region].name for item in view.result.regions]
    document.table(
        [_("Rank"), _("Region"), _("Index")],
        [
            [str(item.rank), view.regions[item.region].name, _number(item.total)]
            for item in view.result.regions
        ],
        caption=_("Green development index of the prefectures"),
    )
    document.figure(
        charts.bar(
            names,
            {_("Index"): [item.total for item in view.result.regions]},
            title=_("Green development index"),
            ylabel=_("Index"),
        ),
        caption=_("Green development index of the prefectures"),
    )
    return document
